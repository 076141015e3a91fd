"""Extraction jobs: uploaded documents are coded by one worker thread, one job at a time,
through the same ``mizan.ingest.ingest`` as ``mizan ingest``. ``GET /jobs/{id}`` reads a job's
status; jobs live in memory while the server runs."""

from __future__ import annotations

import queue
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..documents import Document
from ..errors import InputError

MAX_JOBS = 500


@dataclass
class Job:
    job_id: str
    documents: list[Document | InputError]
    submitted_by: str
    status: str = "queued"  # queued | running | done | failed
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    started_at: str | None = None
    finished_at: str | None = None
    stats: dict[str, Any] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"job_id": self.job_id, "status": self.status, "submitted_by": self.submitted_by,
                "created_at": self.created_at, "started_at": self.started_at,
                "finished_at": self.finished_at, "documents": len(self.documents),
                "doc_ids": self.doc_ids, "stats": self.stats, "messages": self.messages[-50:],
                "event_ids": self.event_ids, "error": self.error}  # fmt: skip


class JobQueue:
    def __init__(self, state: Any) -> None:
        self.state = state
        self.jobs: dict[str, Job] = {}
        self.queue: queue.Queue[Job | None] = queue.Queue()
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()

    def submit(self, documents: list[Document | InputError], who: str) -> Job:
        job = Job(secrets.token_hex(8), documents, who)
        job.doc_ids = [d.id for d in documents if isinstance(d, Document)]
        with self.lock:
            if len(self.jobs) >= MAX_JOBS:  # forget the oldest finished jobs
                for old in [j for j in self.jobs.values() if j.status in ("done", "failed")][: MAX_JOBS // 5]:
                    del self.jobs[old.job_id]
            self.jobs[job.job_id] = job
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="mizan-jobs", daemon=True)
                self.thread.start()
        self.queue.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def stop(self) -> None:
        if self.thread is not None and self.thread.is_alive():
            self.queue.put(None)
            self.thread.join(timeout=30)

    def _run(self) -> None:
        while True:
            job = self.queue.get()
            if job is None:
                return
            self._do(job)

    def _overrides(self) -> list[str]:
        """The reviewers' overrides file under a name drawn from its content: the pipeline is
        cached by the names of its files, so a changed file loads a new pipeline."""
        path = self.state.overrides
        if path is None or not path.exists():
            return []
        import hashlib
        import tempfile
        from pathlib import Path

        data = path.read_bytes()
        frozen = Path(tempfile.gettempdir()) / f"mizan-overrides-{hashlib.sha256(data).hexdigest()[:16]}.yaml"
        if not frozen.exists():
            frozen.write_bytes(data)
            from ..nlp import _load

            _load.cache_clear()  # drop the pipeline of the previous overrides
        return [str(frozen)]

    def _do(self, job: Job) -> None:
        from ..ingest import ingest
        from ..nlp import load_nlp

        job.status, job.started_at = "running", datetime.now(UTC).isoformat(timespec="seconds")
        t = time.monotonic()
        try:
            nlp = load_nlp(self.state.model, extra_actors=self._overrides())
            store = self.state.store()
            stats = ingest(job.documents, store, nlp, batch_size=16)
            job.stats = stats.as_dict()
            job.messages = list(stats.messages)
            if job.doc_ids:
                marks = ", ".join("?" for _ in job.doc_ids)
                job.event_ids = [r[0] for r in store.query(
                    "SELECT DISTINCT ec.cluster_id FROM events e JOIN event_clusters ec "
                    f"ON ec.event_id = e.event_id WHERE e.doc_id IN ({marks}) ORDER BY 1", job.doc_ids)]  # fmt: skip
            job.status = "done"
        except Exception as exc:  # noqa: BLE001 - a job reports its failure, the server goes on
            job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"
        self.state.changed()
        job.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
        job.stats.setdefault("seconds", round(time.monotonic() - t, 2))
