"""What the exports share: selecting events and finding their documents."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..analysis.common import date_where
from ..store import Store


def selected(store: Store, start: Any = None, end: Any = None) -> Iterator[dict[str, Any]]:
    """Deduplicated event records, optionally dated within ``start``..``end``."""
    conds, params = date_where(start, end, dated_only=False)  # undated events are exported too
    return store.events(" AND ".join(conds), params)


def batches(store: Store, start: Any = None, end: Any = None, size: int = 500
            ) -> Iterator[tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]]:  # fmt: skip
    """Records in batches, each with the citation details of the documents they cite."""
    batch: list[dict[str, Any]] = []
    for r in selected(store, start, end):
        batch.append(r)
        if len(batch) >= size:
            yield batch, store.documents(doc_ids(batch))
            batch = []
    if batch:
        yield batch, store.documents(doc_ids(batch))


def doc_ids(records: list[dict[str, Any]]) -> list[str]:
    out: dict[str, None] = {}
    for r in records:
        out[r["doc_id"]] = None
        for m in r.get("mentions") or ():
            out[m.get("doc_id") or r["doc_id"]] = None
    return list(out)


def record_docs(r: dict[str, Any]) -> list[str]:
    """The documents of one record, its own first."""
    return list(dict.fromkeys([r["doc_id"], *(m.get("doc_id") or r["doc_id"] for m in r.get("mentions") or ())]))
