"""What the app holds while it runs: the store (one connection per worker thread over one
database), a lock that keeps writes one at a time, the token cache, and the job queue."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..review.tokens import TokenInfo, verify_token
from ..store import Store, open_store

TOKEN_TTL = 10.0
"""Seconds a verified token is trusted without asking the store again (revocation delay)."""


@dataclass
class Limits:
    max_body: int = 1 << 20  # bytes of any request body
    max_upload: int = 10 << 20  # bytes of a POST /documents body
    max_documents: int = 1000  # documents in one upload


def _locked(cls: type[Store], lock: threading.RLock) -> type[Store]:
    """A Store subclass whose transactions hold ``lock``: one writer at a time (DuckDB allows
    one writing process, and concurrent writers in it conflict)."""

    class Locked(cls):  # type: ignore[valid-type, misc]
        def begin(self) -> None:
            lock.acquire()
            try:
                super().begin()
            except Exception:
                lock.release()
                raise

        def commit(self) -> None:
            try:
                super().commit()
            finally:
                lock.release()

        def rollback(self) -> None:
            try:
                super().rollback()
            finally:
                lock.release()

    Locked.__name__ = f"Locked{cls.__name__}"
    return Locked


@dataclass
class ApiState:
    db: str
    auth: bool = True
    limits: Limits = field(default_factory=Limits)
    model: str | None = None
    overrides: Path | None = None  # actor corrections are written here (loaded by uploads)
    write_lock: threading.RLock = field(default_factory=threading.RLock)
    _main: Store | None = None
    _local: threading.local = field(default_factory=threading.local)
    _tokens: dict[str, tuple[float, TokenInfo]] = field(default_factory=dict)
    _registry: Any = None
    jobs: Any = None
    duckdb_threads: int = 1
    worker_threads: int = 4
    cache_size: int = 512  # pages of GET /events (and its map and network) kept; 0: none
    generation: int = 0  # bumped by every write this server makes
    _cache: Any = None
    _corrections: int | None = None

    def open(self) -> None:
        self._main = open_store(self.db)  # creates the tables, upgrades an old store
        if self._main.dialect == "duckdb":
            # many small queries at once: each on one thread, so they do not fight for the cores
            self._main.execute(f"SET threads = {self.duckdb_threads}")
        from .jobs import JobQueue

        self.jobs = JobQueue(self)

    def close(self) -> None:
        if self.jobs is not None:
            self.jobs.stop()
        if self._main is not None:
            self._main.close()
            self._main = None

    def store(self) -> Store:
        """This thread's connection to the store."""
        s = getattr(self._local, "store", None)
        if s is None:
            assert self._main is not None, "the app was not started"
            cls = _locked(type(self._main), self.write_lock)
            if self._main.dialect == "duckdb":
                s = cls(self._main.conn.cursor(), self.db, read_only=True)
            else:
                from ..store.postgres import open_postgres

                conn = open_postgres(self.db, read_only=True).conn
                s = cls(conn, self.db, read_only=True)
            self._local.store = s
        return s

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """This thread's store, with the write lock held (for several statements)."""
        with self.write_lock:
            yield self.store()

    # -- the page cache: a DuckDB store has one writer, this server, so it knows when the
    # data change; with PostgreSQL others may write, and nothing is cached
    def cached(self, key: str) -> Any:
        if not self.cache_size or self._main is None or self._main.dialect != "duckdb":
            return None
        if self._cache is None:
            from collections import OrderedDict

            self._cache = OrderedDict()
        hit = self._cache.get((self.generation, key))
        if hit is not None:
            self._cache.move_to_end((self.generation, key))
        return hit

    def remember(self, key: str, value: Any) -> None:
        if self._cache is None or not self.cache_size:
            return
        self._cache[(self.generation, key)] = value
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def changed(self) -> None:
        """The store was written: forget cached pages."""
        self.generation += 1
        self._corrections = None
        if self._cache is not None:
            self._cache.clear()

    def has_corrections(self) -> bool:
        if self._corrections is None or self._main is None or self._main.dialect != "duckdb":
            self._corrections = int(self.store().query("SELECT count(*) FROM corrections")[0][0])
        return self._corrections > 0

    def token(self, raw: str) -> TokenInfo | None:
        now = time.monotonic()
        hit = self._tokens.get(raw)
        if hit and now - hit[0] < TOKEN_TTL:
            return hit[1]
        info = verify_token(self.store(), raw)
        if info is None:
            self._tokens.pop(raw, None)
            return None
        if len(self._tokens) > 10000:
            self._tokens.clear()
        self._tokens[raw] = (now, info)
        return info

    def registry(self) -> Any:
        if self._registry is None:
            from ..actors.loader import load_registry

            self._registry = load_registry([self.overrides] if self.overrides and self.overrides.exists() else [])
        return self._registry

    def actors_changed(self) -> None:
        """Rewrite the overrides file after an actor correction (uploads then load it)."""
        if self.overrides is None:
            return
        from ..review.overrides import write_overrides

        write_overrides(self.store(), self.overrides)  # against the packaged registry
