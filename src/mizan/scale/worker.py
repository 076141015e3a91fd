"""The worker function, the same for every engine: code a batch of documents with mizan's
pipeline (built once per process, :func:`mizan.scale.spec.load_pipeline`) and return it as
store tables, or write it as a Parquet shard.

A document that crashes the pipeline is retried alone and recorded as failed with its reason
(:func:`mizan.pipeline._run_batch`); the rest of the batch is coded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from ..documents import Document
from .spec import PipelineSpec, load_pipeline
from .tables import coded_tables, write_shard


@dataclass
class Coded:
    """One coded batch on its way to the writer: its tables (in memory) or the URL of its
    shard, and a summary."""

    tables: dict[str, Any] | None = None
    shard: str | None = None
    documents: int = 0
    words: int = 0
    events: int = 0
    hashes: list[str] = field(default_factory=list)
    failures: list[tuple[str, int | None, str]] = field(default_factory=list)

    @classmethod
    def of(cls, summary: dict[str, Any], **kw: Any) -> Coded:
        return cls(documents=summary["documents"], words=summary["words"],
                   events=summary["events"], hashes=summary["hashes"],
                   failures=summary["failures"], **kw)  # fmt: skip


def pipeline(spec: PipelineSpec) -> Any:
    """The worker's pipeline; an error building it comes back as a plain ConfigError (the
    error classes with their own arguments do not survive pickling between processes)."""
    from ..errors import ConfigError, MizanError

    try:
        return load_pipeline(spec)
    except MizanError as exc:
        raise ConfigError(str(exc)) from None


def code(nlp: Any, docs: list[Document]) -> tuple[dict[str, Any], dict[str, Any]]:
    from ..pipeline import _run_batch

    return coded_tables(_run_batch(nlp, docs))


def code_batch(spec: PipelineSpec, docs: list[Document]) -> Coded:
    """Code ``docs`` in this process; the tables travel back to the writer."""
    tables, summary = code(pipeline(spec), docs)
    return Coded.of(summary, tables=tables)


def shard_name(docs: list[Document]) -> str:
    """A shard's name: a digest of its documents, so a task that is run again (after its
    worker died) writes the same shard."""
    h = hashlib.sha256()
    for d in docs:
        h.update(d.id.encode() + b"\0" + hashlib.sha256(d.text.encode()).digest())
    return f"shard-{h.hexdigest()[:24]}"


def code_to_shard(spec: PipelineSpec, docs: list[Document], root: str) -> Coded:
    """Code ``docs`` on a Dask worker and write them as a shard under ``root``."""
    tables, summary = code(pipeline(spec), docs)
    sep = "" if root.endswith("/") else "/"
    url = write_shard(tables, f"{root}{sep}{shard_name(docs)}")
    return Coded.of(summary, shard=url)
