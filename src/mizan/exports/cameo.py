"""CAMEO rows in the Phoenix/ICEWS style: one tab-separated row per actor-recipient pair.

Columns: date, source, source_root, source_agent, target, target_root, target_agent, code,
root_code, quad_class, goldstein, lat, lon, place, ids, urls (docs/exports.md).
"""

from __future__ import annotations

import csv
from typing import IO, Any

from ..store import Store
from .common import batches, record_docs

CAMEO_COLUMNS = ["date", "source", "source_root", "source_agent", "target", "target_root",
                 "target_agent", "code", "root_code", "quad_class", "goldstein", "lat", "lon",
                 "place", "ids", "urls"]  # fmt: skip


def _code(a: dict[str, Any] | None) -> tuple[str, str, str]:
    if not a:
        return "", "", ""
    root, agent = a.get("country") or "", a.get("sector") or ""
    return root + agent, root, agent


def cameo_rows(r: dict[str, Any], docs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of one event: one per (actor, recipient) pair, or one per actor when the event
    has no recipient. The rows of one event share their ``ids``."""
    loc = r.get("location") or {}
    cited = record_docs(r)
    urls = [docs.get(d, {}).get("url") or "" for d in cited]
    out = []
    for a in r["actor"] or [None]:
        for t in r["recipient"] or [None]:
            src, trg = _code(a), _code(t)
            out.append({
                "date": r.get("date") or "", "source": src[0], "source_root": src[1],
                "source_agent": src[2], "target": trg[0], "target_root": trg[1],
                "target_agent": trg[2], "code": r["cameo"], "root_code": r["cameo"][:2],
                "quad_class": r.get("quad_class"), "goldstein": r.get("goldstein"),
                "lat": loc.get("lat", ""), "lon": loc.get("lon", ""), "place": loc.get("name", ""),
                "ids": ";".join(cited), "urls": ";".join(u for u in urls if u),
            })  # fmt: skip
    return out


def write_cameo(store: Store, out: IO[str], start: Any = None, end: Any = None) -> int:
    w = csv.DictWriter(out, CAMEO_COLUMNS, delimiter="\t", lineterminator="\n",
                       quoting=csv.QUOTE_MINIMAL)  # fmt: skip
    w.writeheader()
    n = 0
    for records, docs in batches(store, start, end):
        for r in records:
            for row in cameo_rows(r, docs):
                w.writerow(row)
                n += 1
    return n
