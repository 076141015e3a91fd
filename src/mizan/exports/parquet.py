"""Parquet: one row per deduplicated event, flat columns plus list columns for the actors.

The whole table is built in one SQL query and written with pyarrow, so a million events
take seconds (benchmarks/store_bench.py).
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
_SIDE = ["actor_id", "name", "country", "sector", "role", "text"]


def parquet_sql(start: Any = None, end: Any = None) -> tuple[str, list[Any]]:
    conds, params = date_where(start, end)
    if start is None and end is None:
        conds, params = [], []
    where = ("WHERE " + " AND ".join(conds)) if conds else ""
    sides = []
    for side, prefix in (("actor", "actor"), ("recipient", "recipient")):
        aggs = ", ".join(f"array_agg(a.{c} ORDER BY a.position) AS {prefix}_{c if c != 'actor_id' else 'id'}"
                         for c in _SIDE)  # fmt: skip
        sides.append(f"(SELECT a.event_id, {aggs} FROM event_actors a WHERE a.side = '{side}' "
                     f"GROUP BY a.event_id) {prefix[0]}x")  # fmt: skip
    cols = [f"e.{c}" for c in _EVENT] + [f"c.{c}" for c in _CLUSTER]
    cols += [f"ax.actor_{c if c != 'actor_id' else 'id'}" for c in _SIDE]
    cols += [f"rx.recipient_{c if c != 'actor_id' else 'id'}" for c in _SIDE]
    sql = (f"SELECT {', '.join(cols)} FROM {CANONICAL} "
           f"LEFT JOIN {sides[0]} ON ax.event_id = e.event_id "
           f"LEFT JOIN {sides[1]} ON rx.event_id = e.event_id {where} ORDER BY e.date, e.event_id")  # fmt: skip
    return sql, params


def write_parquet(store: Store, out: IO[bytes] | str, start: Any = None, end: Any = None) -> int:
    import pyarrow.parquet as pq

    sql, params = parquet_sql(start, end)
    table = store.fetch_arrow(sql, params)
    pq.write_table(table, out, compression="zstd")
    return table.num_rows
