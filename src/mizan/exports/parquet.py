"""Parquet: one row per deduplicated event, flat columns plus a list of actor structs for
each side.

The whole table is built by one SQL query; DuckDB writes it straight to the file (COPY), other
backends through pyarrow (benchmarks/store_bench.py has the timings).
"""

from __future__ import annotations

from typing import IO, Any

from ..analysis.common import date_where
from ..store import CANONICAL, Store

_EVENT = ["event_id", "doc_id", "date", "enddate", "date_precision", "date_text", "event", "mode",
          "context", "cameo", "goldstein", "quad_class", "modality", "attributed_name",
          "confidence", "ev_sentence", "ev_start", "ev_end", "ev_text", "ev_trigger", "coder"]  # fmt: skip
_CLUSTER = ["loc_name", "loc_country", "loc_admin1", "lat", "lon", "geonameid", "loc_precision",
            "num_events", "num_mentions", "num_documents", "num_sources"]  # fmt: skip
_SIDE = ["position", "actor_id", "name", "country", "sector", "role", "text"]


def parquet_sql(store: Store, start: Any = None, end: Any = None) -> tuple[str, list[Any]]:
    """One row per event; ``actors`` and ``recipients`` are lists of structs (position, id,
    name, country, sector, role, text) in the actors' order."""
    conds, params = date_where(start, end)
    if start is None and end is None:
        conds, params = [], []
    where = ("WHERE " + " AND ".join(conds)) if conds else ""
    fields = [(f if f != "actor_id" else "id", f"a.{f}") for f in _SIDE]
    actors = store.struct_list(fields, "a.position", "a.side = 'actor'")
    recipients = store.struct_list(fields, "a.position", "a.side = 'recipient'")
    cols = [f"e.{c}" for c in _EVENT] + [f"c.{c}" for c in _CLUSTER]
    sql = (f"SELECT {', '.join(cols)}, x.actors, x.recipients FROM {CANONICAL} "
           f"LEFT JOIN (SELECT a.event_id, {actors} AS actors, {recipients} AS recipients "
           "FROM event_actors a GROUP BY a.event_id) x ON x.event_id = e.event_id "
           f"{where}")  # fmt: skip
    return sql, params


def write_parquet(store: Store, out: IO[bytes] | str, start: Any = None, end: Any = None) -> int:
    """Write the events as Parquet (zstd) to a path or a binary stream; returns the row count."""
    import pyarrow.parquet as pq

    sql, params = parquet_sql(store, start, end)
    if isinstance(out, str) and store.dialect == "duckdb":
        return store.copy_parquet(sql, params, out)
    table = store.fetch_arrow(sql, params)
    pq.write_table(table, out, compression="zstd")
    return int(table.num_rows)
