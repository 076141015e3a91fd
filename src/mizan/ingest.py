"""Corpus ingestion: code documents into a store, incrementally and idempotently.

A document already in the store (same id and text, or the same text under another id) is
skipped before it reaches the NLP pipeline. Each coded document is committed with its events
and their merging in one transaction, so an interrupted run loses nothing that was committed
and repeats nothing on the next run: it simply starts where the store stops.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .documents import JSONL_SUFFIXES, Document, iter_files
from .errors import InputError
from .store import Store


@dataclass
class IngestStats:
    """What a run did. ``seen`` counts every input (documents and failures)."""

    seen: int = 0
    coded: int = 0
    skipped: int = 0
    changed: int = 0
    failed: int = 0
    events: int = 0
    new_events: int = 0
    started: float = field(default_factory=time.monotonic)
    messages: list[str] = field(default_factory=list)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def as_dict(self) -> dict[str, Any]:
        return {"seen": self.seen, "coded": self.coded, "skipped": self.skipped,
                "changed": self.changed, "failed": self.failed, "events": self.events,
                "new_events": self.new_events, "seconds": round(self.elapsed, 2)}  # fmt: skip


Progress = Callable[[IngestStats, str | None], None]
"""Called after each input with the running totals and a message (a skip, a failure) or None."""


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many documents ``paths`` hold, cheaply (files, and lines of .jsonl files); None for
    stdin."""
    total = 0
    for given in paths:
        if given == "-":
            return None
        path = Path(given)
        files = list(iter_files(path)) if path.is_dir() else [path] if path.exists() else []
        for f in files:
            if f.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with f.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
        if not files:
            total += 1
    return total


def _unstored(
    inputs: Iterable[Document | InputError], store: Store, stats: IngestStats,
    progress: Progress | None,
) -> Iterator[Document | InputError]:  # fmt: skip
    """Drop documents that the store already holds, before they are coded."""
    seen: set[str] = set()
    for item in inputs:
        if isinstance(item, InputError):
            yield item
            continue
        status, other = store.document_status(item.id, item.text)
        if status == "new" and item.id not in seen:
            seen.add(item.id)
            yield item
            continue
        stats.seen += 1
        message = None
        if status == "changed":
            stats.changed += 1
            message = (f"{item.origin}: document {item.id!r} is already stored with another text; "
                       "kept the stored version (give the new text another id to add it)")  # fmt: skip
        else:
            stats.skipped += 1
            if status == "duplicate":
                message = f"{item.origin}: same text as stored document {other!r}; skipped"
        if message:
            stats.messages.append(message)
        if progress:
            progress(stats, message)


def ingest(
    inputs: Iterable[Document | InputError],
    store: Store,
    nlp: Any,
    batch_size: int = 64,
    progress: Progress | None = None,
) -> IngestStats:
    """Code every input that the store does not hold yet and store it with its events.
    Bad inputs are recorded in the store's ``failures`` table and the run goes on."""
    from .pipeline import extract

    stats = IngestStats()
    store.begin()
    try:  # finish merging left pending by an interrupted bulk load
        store.cluster_pending()
        store.commit()
    except Exception:
        store.rollback()
        raise
    for result in extract(_unstored(inputs, store, stats, progress), nlp, batch_size=batch_size):
        stats.seen += 1
        message = None
        if result.error is not None:
            stats.failed += 1
            message = f"skipped {result.error}"
            store.add_failure(result.error.source, result.error.line, result.error.reason)
        elif result.document is not None:
            stats.coded += 1
            stats.events += len(result.records)
            stats.new_events += store.add_document(result.document, result.records)
        if message:
            stats.messages.append(message)
        if progress:
            progress(stats, message)
    return stats
