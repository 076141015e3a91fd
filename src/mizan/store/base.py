"""Opening a store and reading and writing it. DuckDB is the default backend."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .rows import Record, actor_rows, event_row, mention_rows, record_from_rows
from .schema import ACTOR_COLUMNS, DOCUMENT_COLUMNS, EVENT_COLUMNS, INDEXES, MENTION_COLUMNS, TABLES


class Store:
    """A connection to an event store. Use :func:`open_store`."""

    placeholder = "?"

    def __init__(self, conn: Any, url: str) -> None:
        self.conn = conn
        self.url = url
        self.create()

    # -- plumbing -------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql.replace("?", self.placeholder), params)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.execute(sql, params).fetchall())

    def insert(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], key: Sequence[str]
    ) -> None:
        rows = list(rows)
        if not rows:
            return
        cols = ", ".join(columns)
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {table} ({cols}) VALUES ({marks}) ON CONFLICT ({', '.join(key)}) DO NOTHING"
        self.conn.executemany(sql.replace("?", self.placeholder), rows)

    def create(self) -> None:
        for ddl in TABLES.values():
            self.execute(ddl)
        for ddl in INDEXES:
            self.execute(ddl)

    def begin(self) -> None:
        self.execute("BEGIN TRANSACTION")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return bool(self.query("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)))

    def add_document(self, doc: Any, records: Iterable[Record]) -> int:
        """Store one coded document and its records in one transaction. Returns new events."""
        records = list(records)
        text = doc.text
        row = (doc.id, hashlib.sha256(text.encode()).hexdigest(), doc.date, doc.title, doc.source,
               doc.url, doc.origin, text, len(text), datetime.now(UTC).replace(tzinfo=None))  # fmt: skip
        ids = [r["id"] for r in records]
        self.begin()
        try:
            before = self._count_ids(ids)
            self.insert("documents", DOCUMENT_COLUMNS, [row], ["doc_id"])
            self.add_records(records)
            after = self._count_ids(ids)
            self.commit()
        except Exception as exc:
            self.rollback()
            raise StoreError(f"{self.url}: could not store document {doc.id!r}: {exc}") from exc
        return after - before

    def _count_ids(self, ids: list[str]) -> int:
        if not ids:
            return 0
        marks = ", ".join("?" for _ in ids)
        return int(
            self.query(f"SELECT count(*) FROM events WHERE event_id IN ({marks})", ids)[0][0]
        )

    def add_records(self, records: Iterable[Record]) -> None:
        records = list(records)
        self.insert("events", EVENT_COLUMNS, [event_row(r) for r in records], ["event_id"])
        self.insert("event_actors", ACTOR_COLUMNS, [row for r in records for row in actor_rows(r)],
                    ["event_id", "side", "position"])  # fmt: skip
        self.insert(
            "mentions",
            MENTION_COLUMNS,
            [row for r in records for row in mention_rows(r)],
            ["mention_id"],
        )

    def add_failure(self, source: str, line: int | None, reason: str) -> None:
        self.execute("INSERT INTO failures (source, line, reason, failed_at) VALUES (?, ?, ?, ?)",
                     (source, line, reason, datetime.now(UTC).replace(tzinfo=None)))  # fmt: skip

    # -- reading --------------------------------------------------------------------------
    def records(
        self, where: str = "", params: Sequence[Any] = (), order: str = "date, event_id"
    ) -> Iterator[Record]:
        """Event records, optionally filtered by a SQL condition on ``events``."""
        sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events {'WHERE ' + where if where else ''} ORDER BY {order}"
        events = self.query(sql, params)
        if not events:
            return
        for chunk_start in range(0, len(events), 500):
            chunk = events[chunk_start : chunk_start + 500]
            ids = [e[0] for e in chunk]
            marks = ", ".join("?" for _ in ids)
            actors: dict[str, list[tuple[Any, ...]]] = {}
            for row in self.query(
                f"SELECT {', '.join(ACTOR_COLUMNS)} FROM event_actors WHERE event_id IN ({marks})",
                ids,
            ):
                actors.setdefault(row[0], []).append(row)
            mentions: dict[str, list[tuple[Any, ...]]] = {}
            for row in self.query(
                f"SELECT {', '.join(MENTION_COLUMNS)} FROM mentions WHERE event_id IN ({marks})",
                ids,
            ):
                mentions.setdefault(row[1], []).append(row)
            for e in chunk:
                yield record_from_rows(e, actors.get(e[0], []), mentions.get(e[0], []))

    def counts(self) -> dict[str, int]:
        return {t: int(self.query(f"SELECT count(*) FROM {t}")[0][0]) for t in TABLES}


class DuckDBStore(Store):
    placeholder = "?"


def open_store(url: str | Path, read_only: bool = False) -> Store:
    """Open (creating if needed) the store at ``url``: a DuckDB file path, or ``:memory:``."""
    url = str(url)
    if url.startswith(("postgresql://", "postgres://")):
        raise StoreError(
            f"{url}: PostgreSQL support is not installed in this build; use a DuckDB file path"
        )
    import duckdb

    try:
        if url != ":memory:":
            Path(url).parent.mkdir(parents=True, exist_ok=True)
        conn = duckdb.connect(url, read_only=read_only)
    except Exception as exc:  # duckdb raises its own IOException etc.
        raise StoreError(f"{url}: cannot open the DuckDB store: {exc}") from exc
    return DuckDBStore(conn, url)


def today() -> date:
    return date.today()
