"""The manifest of processed texts, and the status check that makes ingestion exactly-once.

Every text that ingestion has finished with has one ``manifest`` row, keyed by the SHA-256 of
the text: ``coded`` (it is in ``documents`` with its events) or ``failed`` (with the reason,
e.g. the pipeline crashed on it). The row is written in the same transaction as the
document and its events (or its failure), so after a crash at any point a text is either
fully stored and listed, or neither; a rerun codes exactly the texts that are not listed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from .schema import MANIFEST_COLUMNS


class Status(NamedTuple):
    """What the store knows of one input: ``new``; ``stored`` (same id, same text);
    ``changed`` (same id, another text); ``duplicate`` (same text under the id ``other``);
    ``failed`` (this text failed before, for ``reason``)."""

    status: str
    other: str | None = None
    reason: str | None = None


class ManifestWriter:
    """The manifest half of :class:`~mizan.store.base.Store` (it relies on its plumbing)."""

    # provided by Store
    def execute(self, sql: str, params: Any = ()) -> Any:
        raise NotImplementedError

    def query(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def bulk_insert(self, table: str, columns: Any, data: Any, key: Any = None) -> None:
        raise NotImplementedError

    def statuses(self, items: Sequence[tuple[str, str]]) -> list[Status]:
        """The status of each ``(doc_id, content_hash)``, in one round of queries."""
        if not items:
            return []
        self.execute("CREATE TEMP TABLE IF NOT EXISTS _mizan_check "
                     "(i INTEGER, doc_id VARCHAR, content_hash VARCHAR)")  # fmt: skip
        self.execute("DELETE FROM _mizan_check")
        self.bulk_insert("_mizan_check", ["i", "doc_id", "content_hash"],
                         [(i, d, h) for i, (d, h) in enumerate(items)])  # fmt: skip
        by_id = {i: (h == k or h == "") for i, k, h in self.query(
            "SELECT c.i, c.content_hash, d.content_hash FROM _mizan_check c "
            "JOIN documents d ON d.doc_id = c.doc_id")}  # fmt: skip
        by_hash: dict[int, str] = {}
        for i, other in self.query(
            "SELECT c.i, min(d.doc_id) FROM _mizan_check c "
            "JOIN documents d ON d.content_hash = c.content_hash GROUP BY c.i"
        ):
            by_hash[i] = other
        listed = {i: (status, doc_id, reason) for i, status, doc_id, reason in self.query(
            "SELECT c.i, m.status, m.doc_id, m.reason FROM _mizan_check c "
            "JOIN manifest m ON m.content_hash = c.content_hash")}  # fmt: skip
        out = []
        for i, (doc_id, _) in enumerate(items):
            if i in by_id:
                out.append(Status("stored" if by_id[i] else "changed", doc_id))
            elif i in by_hash:
                out.append(Status("duplicate", by_hash[i]))
            elif i in listed and listed[i][0] == "failed":
                out.append(Status("failed", listed[i][1], listed[i][2]))
            elif i in listed:  # listed as coded, but its document row is gone (deleted by hand)
                out.append(Status("new"))
            else:
                out.append(Status("new"))
        return out

    def list_processed(self, rows: Iterable[Sequence[Any]]) -> None:
        """Write manifest rows (MANIFEST_COLUMNS), replacing earlier rows of the same texts
        (a text that failed before and is now coded). Runs inside the caller's transaction."""
        unique = {r[0]: tuple(r) for r in rows}
        if not unique:
            return
        self.execute("CREATE TEMP TABLE IF NOT EXISTS _mizan_listed (content_hash VARCHAR)")
        self.execute("DELETE FROM _mizan_listed")
        self.bulk_insert("_mizan_listed", ["content_hash"], [(h,) for h in unique])
        self.execute("DELETE FROM manifest WHERE content_hash IN "
                     "(SELECT content_hash FROM _mizan_listed)")  # fmt: skip
        self.bulk_insert("manifest", MANIFEST_COLUMNS, list(unique.values()))
