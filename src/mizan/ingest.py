"""Corpus ingestion: code documents into a store, streaming, incrementally and exactly once.

Inputs are read lazily and go through in batches, with a bounded number in flight, so memory
stays flat whatever the corpus size. For each batch the writer (this process, the store's only
writer) asks the store which texts it has already processed (the ``manifest``, by SHA-256 of
the text, and the ``documents`` table) and sends only the others to an *engine*, which codes
them: in this process, in a pool of local worker processes, or on a Dask cluster
(:mod:`mizan.scale`). Each coded batch is committed in one transaction: its documents, their
events, actors and mentions, their merging with reports in other documents, and their manifest
rows. A run killed at any point (even by SIGKILL) and run again therefore ends with exactly
the events of an uninterrupted run: what was committed is skipped, what was not is coded.

A document that crashes the pipeline is recorded as failed (``failures`` and ``manifest``,
with the reason) and the batch goes on; later runs skip it unless asked to retry failures.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from .documents import Document
from .errors import ConfigError, InputError
from .store import Store
from .store.rows import content_hash

ENGINES = ("local", "dask")
MAX_MESSAGES = 1000
"""How many messages IngestStats keeps (memory stays flat on a corpus of failures)."""


@dataclass
class IngestStats:
    """What a run did. ``seen`` counts every input (documents and failures); ``words`` the
    words of the coded documents."""

    seen: int = 0
    coded: int = 0
    skipped: int = 0
    changed: int = 0
    failed: int = 0
    failed_before: int = 0
    events: int = 0
    new_events: int = 0
    words: int = 0
    recovered: int = 0
    total: int | None = None
    started: float = field(default_factory=time.monotonic)
    messages: list[str] = field(default_factory=list)
    """The last MAX_MESSAGES messages (skips, failures); every one also goes to ``progress``."""

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def words_per_second(self) -> float:
        return self.words / max(self.elapsed, 1e-9)

    def as_dict(self) -> dict[str, Any]:
        return {"seen": self.seen, "coded": self.coded, "skipped": self.skipped,
                "changed": self.changed, "failed": self.failed,
                "failed_before": self.failed_before, "events": self.events,
                "new_events": self.new_events, "words": self.words, "recovered": self.recovered,
                "seconds": round(self.elapsed, 2),
                "words_per_second": round(self.words_per_second, 1)}  # fmt: skip


Progress = Callable[[IngestStats, str | None], None]
"""Called after each skipped input and each committed batch, with the running totals and a
message (a skip, a failure) or None."""


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many documents ``paths`` hold (files, lines of JSONL, rows of CSV); None for stdin
    and URLs, which would have to be read twice."""
    from .readers import count_documents

    return count_documents(paths)


def open_engine(
    engine: str = "local", *, nlp: Any = None, spec: Any = None, workers: int = 1,
    scheduler: str | None = None, shard_root: str | None = None,
) -> Any:  # fmt: skip
    """The engine that codes the batches: ``local`` (``nlp`` in this process when ``workers``
    is 1, else a pool of processes built from ``spec``) or ``dask`` (a cluster at
    ``scheduler``, else a LocalCluster of ``workers`` processes; shards under ``shard_root``).
    """
    if engine not in ENGINES:
        from .errors import UnknownChoiceError

        raise UnknownChoiceError("engine", engine, ENGINES)
    if workers < 1:
        raise ConfigError(f"--workers {workers}: give 1 or more worker processes")
    if engine == "local" and scheduler is not None:
        raise ConfigError("--scheduler is for --engine dask; add --engine dask")
    if engine == "local" and workers == 1:
        from .scale.local import InProcess

        if nlp is None:
            from .scale.spec import load_pipeline

            nlp = load_pipeline(spec)
        return InProcess(nlp)
    if spec is None:
        raise ConfigError("parallel engines need a PipelineSpec (mizan.scale.PipelineSpec)")
    if engine == "local":
        from .scale.local import ProcessPool

        return ProcessPool(spec, workers)
    if shard_root is None:
        raise ConfigError("--engine dask needs a shard folder the workers and this process "
                          "share: give --shards DIR or URL (e.g. s3://bucket/mizan-shards)")  # fmt: skip
    from .scale.dask_cluster import DaskEngine

    return DaskEngine(spec, shard_root, scheduler=scheduler, workers=workers)


class _Planner:
    """Turns the input stream into batches of documents the store has not processed, and
    records input errors and skips as it goes. Texts in flight (sent, not yet committed) are
    remembered so that a repeat within the run is skipped too."""

    def __init__(self, store: Store, stats: IngestStats, progress: Progress | None,
                 retry_failed: bool) -> None:  # fmt: skip
        self.store, self.stats, self.progress = store, stats, progress
        self.retry_failed = retry_failed
        self.in_flight: dict[str, str] = {}  # content hash -> doc id
        self.ids_in_flight: dict[str, str] = {}  # doc id -> content hash

    def note(self, message: str | None) -> None:
        if message:
            self.stats.messages.append(message)
            if len(self.stats.messages) > MAX_MESSAGES:
                del self.stats.messages[: MAX_MESSAGES // 10]
        if self.progress:
            self.progress(self.stats, message)

    def batches(self, inputs: Iterable[Document | InputError], size: int) -> Iterator[list[Document]]:
        it = iter(inputs)
        ready: list[Document] = []
        while chunk := list(islice(it, size)):
            ready.extend(self._new(chunk))
            while len(ready) >= size:
                yield ready[:size]
                ready = ready[size:]
        if ready:
            yield ready

    def _new(self, chunk: list[Document | InputError]) -> Iterator[Document]:
        stats = self.stats
        docs = []
        for item in chunk:
            if isinstance(item, InputError):
                stats.seen += 1
                stats.failed += 1
                self.store.add_failure(item.source, item.line, item.reason)
                self.note(f"skipped {item}")
            else:
                docs.append(item)
        hashes = [content_hash(d.text) for d in docs]
        for d, digest, st in zip(docs, hashes, self.store.statuses([(d.id, h) for d, h in zip(docs, hashes, strict=True)]), strict=True):  # fmt: skip
            status, other = st.status, st.other
            if status == "failed" and self.retry_failed:
                status = "new"
            if status == "new" and digest in self.in_flight:
                status, other = "duplicate", self.in_flight[digest]
            elif status == "new" and d.id in self.ids_in_flight:
                status = "changed"
            if status == "new":
                self.in_flight[digest] = d.id
                self.ids_in_flight[d.id] = digest
                yield d
                continue
            stats.seen += 1
            message = None
            if status == "changed":
                stats.changed += 1
                message = (f"{d.origin}: document {d.id!r} is already stored with another text; "
                           "kept the stored version (give the new text another id to add it)")  # fmt: skip
            elif status == "failed":
                stats.failed_before += 1
                message = (f"{d.origin}: failed in an earlier run ({st.reason}); skipped "
                           "(--retry-failed codes it again)")  # fmt: skip
            else:
                stats.skipped += 1
                if status == "duplicate":
                    message = f"{d.origin}: same text as document {other!r}; skipped"
            self.note(message)

    def done(self, hashes: Iterable[str]) -> None:
        for h in hashes:
            doc_id = self.in_flight.pop(h, None)
            if doc_id is not None:
                self.ids_in_flight.pop(doc_id, None)


def _commit(store: Store, coded: Any, stats: IngestStats, planner: _Planner) -> None:
    from .scale.tables import read_shard, remove_shard

    tables = coded.tables if coded.tables is not None else read_shard(coded.shard)
    stats.new_events += store.add_tables(tables, failures=coded.failures)
    if coded.shard is not None:
        remove_shard(coded.shard)
    planner.done(coded.hashes)
    stats.seen += coded.documents + len(coded.failures)
    stats.coded += coded.documents
    stats.failed += len(coded.failures)
    stats.events += coded.events
    stats.words += coded.words
    if not coded.failures:
        planner.note(None)
    for source, line, reason in coded.failures:
        planner.note(f"skipped {InputError(source, reason, line)}")


def _recover(store: Store, root: str, stats: IngestStats) -> None:
    """Ingest whole shards that an interrupted run left behind (they are idempotent)."""
    from .scale.tables import finished_shards, read_shard, remove_shard

    for url in finished_shards(root):
        tables = read_shard(url)
        statuses = tables["manifest"].column("status").to_pylist()
        failures = [(o, None, r) for s, o, r in zip(statuses, tables["manifest"].column("origin").to_pylist(),
                    tables["manifest"].column("reason").to_pylist(), strict=True) if s == "failed"]  # fmt: skip
        stats.new_events += store.add_tables(tables, failures=failures)
        stats.recovered += statuses.count("coded")
        remove_shard(url)


def ingest(
    inputs: Iterable[Document | InputError],
    store: Store,
    nlp: Any = None,
    batch_size: int = 64,
    progress: Progress | None = None,
    *,
    engine: Any = None,
    retry_failed: bool = False,
) -> IngestStats:
    """Code every input that the store has not processed and store it with its events.

    ``engine`` (from :func:`open_engine`) codes the batches; by default ``nlp`` in this
    process. Bad inputs and documents that crash the pipeline are recorded in the store's
    ``failures`` table (and the latter in ``manifest``) and the run goes on."""
    if engine is None:
        if nlp is None:
            raise ConfigError("ingest needs an nlp pipeline or an engine")
        from .scale.local import InProcess

        engine = InProcess(nlp)
    stats = IngestStats()
    store.begin()
    try:  # finish merging left pending by an interrupted bulk load
        store.cluster_pending()
        store.commit()
    except Exception:
        store.rollback()
        raise
    root = getattr(engine, "shard_root", None)
    if root is not None:
        _recover(store, root, stats)
    planner = _Planner(store, stats, progress, retry_failed)
    with engine:
        for coded in engine.run(planner.batches(inputs, batch_size)):
            _commit(store, coded, stats, planner)
    return stats
