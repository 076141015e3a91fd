"""The rule that says two event reports describe the same real event (docs/dedup.md).

Pure functions over plain values; the parameters come from ``data/dedup.yaml``, validated on
load. Two reports match when they have
- the same PLOVER event type and the same modality class (factual, planned, negated);
- the same participants: the same set of actors and the same set of recipients, or, for
  symmetric events (a meeting), the same pooled set of participants;
- dates whose intervals (the date widened to its precision) overlap;
- compatible places (see :func:`places_compatible`).
"""

from __future__ import annotations

import math
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..datafiles import cached, load_yaml, package_file
from ..errors import DataFileError
from ..ontology import MODALITIES, PLOVER_EVENTS

DATE_PRECISIONS = ("day", "week", "month", "year", "document", "unknown")
PLACE_PRECISIONS = ("city", "admin1", "country")


@dataclass(frozen=True)
class MatchRule:
    symmetric_events: frozenset[str]
    symmetric_cameo: tuple[str, ...]
    except_cameo: tuple[str, ...]
    modality_class: dict[str, str]
    document_window_days: int
    slack_days: int
    city_km: float
    admin1_km: float
    generic_require_place: bool = True
    generic_max_span_days: int = 7

    def symmetric(self, event: str, cameo: str | None) -> bool:
        return _symmetric(self.symmetric_events, self.symmetric_cameo, self.except_cameo,
                          event, cameo or "")  # fmt: skip


@lru_cache(maxsize=4096)
def _symmetric(symmetric_events: frozenset[str], symmetric_cameo: tuple[str, ...],
               except_cameo: tuple[str, ...], event: str, cameo: str) -> bool:  # fmt: skip
    if any(cameo.startswith(c) for c in except_cameo):
        return False
    return event in symmetric_events or any(cameo.startswith(c) for c in symmetric_cameo)


def _parse(path: Path) -> MatchRule:
    raw = load_yaml(path)
    if not isinstance(raw, dict):
        raise DataFileError(path, "must be a mapping with symmetric, modality_classes, dates, places")
    sym = raw.get("symmetric") or {}
    events = sym.get("events") or []
    for e in events:
        if e not in PLOVER_EVENTS:
            raise DataFileError(path, f"{e!r} is not a PLOVER event; valid: {', '.join(PLOVER_EVENTS)}",
                                "symmetric", "events")  # fmt: skip
    for fld in ("cameo", "except_cameo"):
        for c in sym.get(fld) or []:
            if not isinstance(c, str) or not c.isdigit():
                raise DataFileError(path, f"{c!r} is not a CAMEO code prefix (quote it: \"057\")",
                                    "symmetric", fld)  # fmt: skip
    classes: dict[str, str] = {}
    for name, mods in (raw.get("modality_classes") or {}).items():
        for m in mods or []:
            if m not in MODALITIES:
                raise DataFileError(path, f"{m!r} is not a modality; valid: {', '.join(MODALITIES)}",
                                    "modality_classes", name)  # fmt: skip
            classes[m] = str(name)
    missing = [m for m in MODALITIES if m not in classes]
    if missing:
        raise DataFileError(path, f"modalities without a class: {', '.join(missing)}", "modality_classes")

    def number(section: str, fld: str, default: float) -> float:
        value = (raw.get(section) or {}).get(fld, default)
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise DataFileError(path, f"{value!r} must be a number >= 0", section, fld)
        return float(value)

    return MatchRule(
        symmetric_events=frozenset(events),
        symmetric_cameo=tuple(sym.get("cameo") or ()),
        except_cameo=tuple(sym.get("except_cameo") or ()),
        modality_class=classes,
        document_window_days=int(number("dates", "document_window_days", 3)),
        slack_days=int(number("dates", "slack_days", 0)),
        city_km=number("places", "city_km", 30),
        admin1_km=number("places", "admin1_km", 250),
        generic_require_place=bool((raw.get("generic") or {}).get("require_place", True)),
        generic_max_span_days=int(number("generic", "max_span_days", 7)),
    )


def load_rule(path: Path | None = None) -> MatchRule:
    """The matching rule from ``data/dedup.yaml`` (or ``path``)."""
    path = path or package_file("dedup.yaml")
    return cached("dedup-rule", [path], lambda: _parse(path))


# -- participants -----------------------------------------------------------------------
def actor_key(actor_id: str | None, country: str | None, sector: str | None, name: str | None) -> str:
    """The identity of one actor in a match key: its registry id, else ``*`` and its country
    and sector (a CAMEO-style code such as ``*IRQCVL``), else ``~`` and its lower-cased name.
    The marks tell generic agents from registry actors (:func:`is_generic`)."""
    if actor_id:
        return actor_id
    if country:
        return "*" + country + (sector or "")
    return "~" + (name or "").strip().lower().replace("|", " ").replace("+", " ")


def match_key(rule: MatchRule, event: str, cameo: str | None, modality: str,
              actors: list[str], recipients: list[str]) -> str:  # fmt: skip
    """Reports can only match when their keys are equal: ``EVENT|class|A:x+y|R:z``, or
    ``EVENT|class|S:x+y+z`` for a symmetric event."""
    mclass = rule.modality_class.get(modality, modality)
    if rule.symmetric(event, cameo):
        who = "S:" + "+".join(sorted(set(actors) | set(recipients)))
    else:
        who = "A:" + "+".join(sorted(set(actors))) + "|R:" + "+".join(sorted(set(recipients)))
    return f"{event}|{mclass}|{who}"


@lru_cache(maxsize=65536)
def is_generic(key: str) -> bool:
    """Whether a match key has a side made only of generic agents, or no actor at all."""
    for part in key.split("|")[2:]:
        members = [m for m in part[2:].split("+") if m]
        if part.startswith(("A:", "S:")) and not members:
            return True
        if members and all(m[0] in "*~" for m in members):
            return True
    return False


# -- dates ------------------------------------------------------------------------------
def interval(rule: MatchRule, day: date | None, end: date | None, precision: str | None
             ) -> tuple[date, date] | None:  # fmt: skip
    """The days an event may have happened on, given its date and precision; None when the
    date is unknown (such events never merge)."""
    if day is None or precision in (None, "unknown"):
        return None
    if precision == "document":
        lo, hi = day - timedelta(days=rule.document_window_days), day
    elif precision == "week":
        lo, hi = day, end or day + timedelta(days=6)
    elif precision == "month":
        lo, hi = day, end or day.replace(day=monthrange(day.year, day.month)[1])
    elif precision == "year":
        lo, hi = day, end or day.replace(month=12, day=31)
    else:
        lo, hi = day, end or day
    if hi < lo:
        hi = lo
    slack = timedelta(days=rule.slack_days)
    return lo - slack, hi + slack


def span_days(span: tuple[date, date] | None) -> int | None:
    return None if span is None else (span[1] - span[0]).days + 1


def overlap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> tuple[date, date] | None:
    if a is None or b is None:
        return None
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else None


# -- places -----------------------------------------------------------------------------
Place = dict[str, Any]


def km(a: Place, b: Place) -> float | None:
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return None
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dp, dl = p2 - p1, math.radians(b["lon"] - a["lon"])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def places_compatible(rule: MatchRule, a: Place | None, b: Place | None) -> bool:
    """Compatible: either unknown; or in the same country and one a country-level place; or a
    first-level division and a place in it (same admin1, or within ``admin1_km``); or the same
    city-level place (same GeoNames id or name, or within ``city_km``)."""
    if not a or not b:
        return True
    if a.get("country") and b.get("country") and a["country"] != b["country"]:
        return False
    pa, pb = a.get("precision") or "city", b.get("precision") or "city"
    if "country" in (pa, pb):
        return True
    dist = km(a, b)
    if "admin1" in (pa, pb):
        if a.get("admin1") and a.get("admin1") == b.get("admin1"):
            return True
        return dist is not None and dist <= rule.admin1_km
    if a.get("geonameid") is not None and a.get("geonameid") == b.get("geonameid"):
        return True
    if (a.get("name") or "").strip().lower() == (b.get("name") or "").strip().lower():
        return True
    return dist is not None and dist <= rule.city_km


def place_rank(p: Place | None) -> int:
    if not p:
        return len(PLACE_PRECISIONS)
    prec = p.get("precision") or "city"
    return PLACE_PRECISIONS.index(prec) if prec in PLACE_PRECISIONS else len(PLACE_PRECISIONS)


def rank_key(precision: str | None, place: Place | None, confidence: float | None, event_id: str) -> str:
    """Sort key of a report within its event: the report with the finest date, then the
    finest place, then the highest confidence, represents the event."""
    p = DATE_PRECISIONS.index(precision) if precision in DATE_PRECISIONS else len(DATE_PRECISIONS)
    conf = 9999 - round((confidence or 0.0) * 9999)
    return f"{p}{place_rank(place)}{conf:04d}{event_id}"


def symmetric_sql(rule: MatchRule, alias: str = "e") -> tuple[str, list[str]]:
    """A SQL condition (and its parameters) true for symmetric events."""
    parts, params = [], []
    if rule.symmetric_events:
        parts.append(f"{alias}.event IN ({', '.join('?' for _ in rule.symmetric_events)})")
        params += sorted(rule.symmetric_events)
    for prefix in rule.symmetric_cameo:
        parts.append(f"{alias}.cameo LIKE ?")
        params.append(prefix + "%")
    cond = "(" + (" OR ".join(parts) or "1 = 0") + ")"
    for prefix in rule.except_cameo:
        cond += f" AND NOT {alias}.cameo LIKE ?"
        params.append(prefix + "%")
    return cond, params
