"""Coded documents as Arrow tables with the store's columns, and Parquet shards of them.

A batch of results becomes five tables, ``documents``, ``events``, ``event_actors``,
``mentions`` and ``manifest`` (columns and types from ``store/schema.py``), which
:meth:`mizan.store.Store.add_tables` writes in one transaction. Dask workers write them as a
*shard*: a folder ``<root>/<shard-id>/`` with one Parquet file per table and a ``_SUCCESS``
file written last, on any filesystem fsspec reaches (a local or shared folder, ``s3://``...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from ..store.rows import (
    actor_rows,
    content_hash,
    document_row,
    event_row,
    manifest_row,
    mention_rows,
)
from ..store.schema import COLUMNS, TABLES

if TYPE_CHECKING:
    from ..pipeline import DocResult

SHARD_TABLES = ("documents", "events", "event_actors", "mentions", "manifest")
DONE = "_SUCCESS"
_SQL_TYPES = {"VARCHAR": "string", "DATE": "date32", "INTEGER": "int32", "BIGINT": "int64",
              "DOUBLE": "float64", "TIMESTAMP": "timestamp"}  # fmt: skip


@cache
def arrow_schema(table: str) -> Any:
    """The Arrow schema of a store table, read from its CREATE TABLE statement."""
    import pyarrow as pa

    types = {"string": pa.string(), "date32": pa.date32(), "int32": pa.int32(),
             "int64": pa.int64(), "float64": pa.float64(), "timestamp": pa.timestamp("us")}  # fmt: skip
    declared = {}
    for m in re.finditer(r"^\s*(\w+) (VARCHAR|DATE|INTEGER|BIGINT|DOUBLE|TIMESTAMP)\b",
                         TABLES[table], re.M):  # fmt: skip
        declared[m.group(1)] = types[_SQL_TYPES[m.group(2)]]
    return pa.schema([(c, declared[c]) for c in COLUMNS[table]])


def to_arrow(table: str, rows: list[tuple[Any, ...]]) -> Any:
    import pyarrow as pa

    schema = arrow_schema(table)
    columns = [[r[i] for r in rows] for i in range(len(schema))]
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)],
                                schema=schema)  # fmt: skip


def coded_tables(results: Iterable[DocResult]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The tables of a batch's results, and a summary: ``documents`` (coded), ``words``,
    ``events``, ``hashes`` (of every text processed) and ``failures`` (source, line, reason)
    of the documents that failed."""
    rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in SHARD_TABLES}
    summary: dict[str, Any] = {"documents": 0, "words": 0, "events": 0, "hashes": [],
                               "failures": []}  # fmt: skip
    for result in results:
        doc = result.document
        if doc is None:  # an input error: the writer records it as it reads
            continue
        digest = content_hash(doc.text)
        summary["hashes"].append(digest)
        if result.error is not None:
            reason = result.error.reason
            rows["manifest"].append(manifest_row(digest, doc.id, "failed", doc.origin, reason))
            summary["failures"].append((result.error.source, result.error.line, reason))
            continue
        rows["documents"].append(document_row(doc, digest))
        for r in result.records:
            rows["events"].append(event_row(r))
            rows["event_actors"].extend(actor_rows(r))
            rows["mentions"].extend(mention_rows(r))
        rows["manifest"].append(manifest_row(digest, doc.id, "coded", doc.origin,
                                             events=len(result.records)))  # fmt: skip
        summary["documents"] += 1
        summary["words"] += len(doc.text.split())
        summary["events"] += len(result.records)
    return {t: to_arrow(t, rows[t]) for t in SHARD_TABLES}, summary


def _fs(url: str) -> tuple[Any, str]:
    import fsspec

    return fsspec.core.url_to_fs(url)


def write_shard(tables: dict[str, Any], url: str) -> str:
    """Write a shard folder at ``url``; ``_SUCCESS`` last, so a half-written shard is never
    taken for a whole one."""
    import pyarrow.parquet as pq

    fs, path = _fs(url)
    fs.makedirs(path, exist_ok=True)
    for name in SHARD_TABLES:
        with fs.open(f"{path}/{name}.parquet", "wb") as fh:
            pq.write_table(tables[name], fh, compression="zstd")
    with fs.open(f"{path}/{DONE}", "wb") as fh:
        fh.write(b"")
    return url


def read_shard(url: str) -> dict[str, Any]:
    import pyarrow.parquet as pq

    fs, path = _fs(url)
    out = {}
    for name in SHARD_TABLES:
        with fs.open(f"{path}/{name}.parquet", "rb") as fh:
            out[name] = pq.read_table(fh, schema=arrow_schema(name))
    return out


def remove_shard(url: str) -> None:
    fs, path = _fs(url)
    if fs.exists(path):
        fs.rm(path, recursive=True)


def finished_shards(root: str) -> Iterator[str]:
    """Whole shards under ``root`` (left by an interrupted run), oldest name first; shards
    without ``_SUCCESS`` are removed."""
    fs, path = _fs(root)
    if not fs.exists(path):
        return
    sep = "" if root.endswith("/") else "/"
    for entry in sorted(fs.ls(path, detail=False)):
        name = entry.rstrip("/").rsplit("/", 1)[-1]
        if not name.startswith("shard-"):
            continue
        url = f"{root}{sep}{name}"
        if fs.exists(f"{entry}/{DONE}"):
            yield url
        else:
            remove_shard(url)
