"""GeoJSON (RFC 7946): one Point feature per located event, coordinates ``[lon, lat]``."""

from __future__ import annotations

import json
from typing import IO, Any

from ..store import Store
from .common import batches, record_docs


def feature(r: dict[str, Any], docs: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    loc = r.get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    cited = record_docs(r)
    return {
        "type": "Feature", "id": r["id"],
        "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
        "properties": {
            "id": r["id"], "date": r.get("date"), "date_precision": r.get("date_precision"),
            "event": r["event"], "mode": r.get("mode"), "cameo": r["cameo"],
            "goldstein": r.get("goldstein"), "quad_class": r.get("quad_class"),
            "actor": "; ".join(str(a.get("name") or a.get("text")) for a in r["actor"]),
            "recipient": "; ".join(str(a.get("name") or a.get("text")) for a in r["recipient"]),
            "modality": r["modality"], "place": loc.get("name"), "country": loc.get("country"),
            "admin1": loc.get("admin1"), "geonameid": loc.get("geonameid"),
            "place_precision": loc.get("precision"), "evidence": r["evidence"].get("text"),
            "num_mentions": r.get("num_mentions"), "num_documents": r.get("num_documents"),
            "num_sources": r.get("num_sources"), "doc_ids": cited,
            "urls": [u for u in (docs.get(d, {}).get("url") for d in cited) if u],
        },
    }  # fmt: skip


def write_geojson(store: Store, out: IO[str], start: Any = None, end: Any = None) -> int:
    """A FeatureCollection, written feature by feature (events without a place are left out)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for records, docs in batches(store, start, end):
        for r in records:
            f = feature(r, docs)
            if f is None:
                continue
            out.write((",\n" if n else "") + json.dumps(f, ensure_ascii=False))
            n += 1
    out.write("\n]}\n")
    return n
