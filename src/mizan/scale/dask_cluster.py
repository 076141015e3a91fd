"""The Dask engine (``mizan ingest --engine dask [--scheduler ADDRESS]``).

The writer (this process) reads the inputs, skips what the store holds, and submits batches
of documents to the cluster. Each task runs :func:`mizan.scale.worker.code_to_shard` on a
worker, whose pipeline a worker plugin builds once when the worker starts, and writes a
Parquet shard under the shard root (a folder the writer can read: local, shared, or an object
store through fsspec). The writer ingests each shard in one transaction, in the order the
batches were submitted, and deletes it. With no scheduler address, a LocalCluster of
``workers`` processes with one thread each is started and stopped with the engine.

A batch whose worker dies (Dask's ``KilledWorker``) is split into one task per document;
a document that still kills its worker is recorded as failed.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator
from typing import Any

from ..documents import Document
from ..errors import ConfigError
from .spec import PipelineSpec, load_pipeline
from .worker import Coded, code_to_shard

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - distributed is a dependency
    WorkerPlugin = object  # type: ignore[misc,assignment]


class PipelinePlugin(WorkerPlugin):
    """Builds mizan's pipeline once on each worker, as the worker starts."""

    name = "mizan-pipeline"

    def __init__(self, spec: PipelineSpec) -> None:
        self.spec = spec

    def setup(self, worker: Any) -> None:
        load_pipeline(self.spec)


class DaskEngine:
    name = "dask"

    def __init__(
        self, spec: PipelineSpec, shard_root: str, scheduler: str | None = None,
        workers: int = 1, inflight: int | None = None,
    ) -> None:  # fmt: skip
        self.spec = spec
        self.shard_root = shard_root
        self.scheduler = scheduler
        self.workers = workers
        self._inflight = inflight
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> DaskEngine:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - distributed is a dependency
            raise ConfigError(f"--engine dask needs dask and distributed: {exc}") from None
        try:
            if self.scheduler is None:
                self.cluster = LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.ERROR,
                )  # fmt: skip
                self.client = Client(self.cluster)
            else:
                self.client = Client(self.scheduler, timeout="30s")
        except OSError as exc:
            self.__exit__()
            where = self.scheduler or "a LocalCluster"
            raise ConfigError(f"cannot start or reach the Dask scheduler ({where}): {exc}; "
                              "give --scheduler tcp://HOST:8786 of a running scheduler, "
                              "or leave it out to start a local cluster") from None  # fmt: skip
        self.client.register_plugin(PipelinePlugin(self.spec), name=PipelinePlugin.name)
        if self.scheduler is not None:
            self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        return self

    def __exit__(self, *exc: object) -> None:
        import contextlib

        from .tables import _fs

        with contextlib.suppress(Exception):  # leave no empty shard folder behind
            fs, path = _fs(self.shard_root)
            if fs.exists(path) and not fs.ls(path):
                fs.rmdir(path)
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    @property
    def inflight(self) -> int:
        return self._inflight or max(2, 2 * self.workers)

    def _submit(self, docs: list[Document]) -> Any:
        return self.client.submit(code_to_shard, self.spec, docs, self.shard_root, pure=False)

    def run(self, batches: Iterator[list[Document]]) -> Iterator[Coded]:
        assert self.client is not None, "use the engine in a with block"
        pending: deque[tuple[list[Document], Any]] = deque()
        for docs in batches:
            pending.append((docs, self._submit(docs)))
            while len(pending) >= self.inflight:
                yield from self._take(pending)
        while pending:
            yield from self._take(pending)

    def _take(self, pending: deque[tuple[list[Document], Any]]) -> Iterator[Coded]:
        from distributed import KilledWorker

        docs, future = pending.popleft()
        try:
            yield future.result()
            return
        except KilledWorker:
            pass
        singles = [(d, self._submit([d])) for d in docs]
        for d, f in singles:
            try:
                yield f.result()
            except KilledWorker:
                yield _died(d)


def _died(d: Document) -> Coded:
    from ..errors import InputError
    from ..pipeline import DocResult
    from .tables import coded_tables

    reason = "the Dask worker died while coding this document"
    tables, summary = coded_tables([DocResult(d, error=InputError(d.origin, reason))])
    return Coded.of(summary, tables=tables)
