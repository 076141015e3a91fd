"""Engines on this machine: the pipeline in this process, or a pool of worker processes.

Both take an iterator of batches and give back one :class:`~mizan.scale.worker.Coded` per
batch, in the order the batches came, with a bounded number in flight, so memory stays flat
whatever the corpus size.

The pool does not use ``nlp.pipe(n_process=N)``: spaCy ships each Doc between processes with
msgpack, which cannot carry mizan's Doc extensions (dates, actor and event mentions). Each
worker process instead builds the pipeline once and runs ``nlp.pipe`` on whole batches; only
the documents go out and only the coded tables come back. A document that kills its worker
process (a segfault, ``os._exit``) is found by coding the batch again one document at a
time, and is recorded as failed.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..documents import Document
from .spec import PipelineSpec, load_pipeline
from .worker import Coded, code, code_batch, pipeline


class InProcess:
    """The pipeline in this process (``--workers 1``)."""

    name = "local"

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.workers = 1

    def __enter__(self) -> InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def run(self, batches: Iterator[list[Document]]) -> Iterator[Coded]:
        for docs in batches:
            tables, summary = code(self.nlp, docs)
            yield Coded.of(summary, tables=tables)


def _exit_with_parent() -> None:
    """Exit when the parent dies (even by SIGKILL), instead of lingering as an orphan."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    from multiprocessing.connection import wait

    wait([parent.sentinel])
    os._exit(1)


def _init_worker(spec: PipelineSpec) -> None:
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    with contextlib.suppress(Exception):  # the probe task reports the error itself
        load_pipeline(spec)


def _probe(spec: PipelineSpec) -> bool:
    pipeline(spec)
    return True


class ProcessPool:
    """``workers`` local processes, each with its own pipeline (``--workers N``)."""

    name = "local"

    def __init__(self, spec: PipelineSpec, workers: int, inflight: int | None = None) -> None:
        self.spec = spec
        self.workers = workers
        self.inflight = inflight or 2 * workers
        self.pool: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        ctx = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                        initargs=(self.spec,))  # fmt: skip
        return self.pool

    def __enter__(self) -> ProcessPool:
        pool = self._start()
        try:  # a pipeline that cannot be built is one clear error, not N dead workers
            pool.submit(_probe, self.spec).result()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _restart(self) -> ProcessPoolExecutor:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        return self._start()

    def run(self, batches: Iterator[list[Document]]) -> Iterator[Coded]:
        assert self.pool is not None, "use the engine in a with block"
        pending: deque[tuple[list[Document], Future[Coded]]] = deque()
        for docs in batches:
            pending.append((docs, self.pool.submit(code_batch, self.spec, docs)))
            while len(pending) >= self.inflight:
                yield self._take(pending)
        while pending:
            yield self._take(pending)

    def _take(self, pending: deque[tuple[list[Document], Future[Coded]]]) -> Coded:
        docs, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        # a worker died: code this batch one document at a time with nothing else in flight,
        # so the document that kills a worker is known; then resubmit the batches behind it
        coded = self._one_by_one(docs)
        rest = list(pending)
        pending.clear()
        for d, f in rest:  # keep what finished before the pool broke
            ok = f.done() and not f.cancelled() and f.exception() is None
            assert self.pool is not None
            pending.append((d, f if ok else self.pool.submit(code_batch, self.spec, d)))
        return coded

    def _one_by_one(self, docs: list[Document]) -> Coded:
        pool = self._restart()
        merged = Coded(tables=None)
        parts: list[dict[str, Any]] = []
        for d in docs:
            try:
                one = pool.submit(code_batch, self.spec, [d]).result()
            except BrokenProcessPool:
                pool = self._restart()
                from ..errors import InputError
                from ..pipeline import DocResult
                from .tables import coded_tables

                reason = "the worker process died while coding this document"
                tables, summary = coded_tables([DocResult(d, error=InputError(d.origin, reason))])
                one = Coded.of(summary, tables=tables)
            assert one.tables is not None
            parts.append(one.tables)
            merged.documents += one.documents
            merged.words += one.words
            merged.events += one.events
            merged.hashes += one.hashes
            merged.failures += one.failures
        import pyarrow as pa

        merged.tables = {name: pa.concat_tables([p[name] for p in parts]) for name in parts[0]}
        return merged
