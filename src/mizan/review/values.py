"""What a reviewer's correction may say: each field's value checked and normalised.

``check_value`` turns what a reviewer sent (a PLOVER type or CAMEO code, actors by registry id
or by name, country and sector, a date, a place by name or coordinates, a modality) into the
value stored, or raises :class:`~mizan.errors.ReviewError` /
:class:`~mizan.errors.UnknownChoiceError` naming what is wrong and the valid choices.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..errors import ReviewError, UnknownChoiceError, close_matches
from ..ontology import MODALITIES, PLOVER_EVENTS, PSEUDO_COUNTRIES, SECTORS, load_ontology

FIELDS = ("verdict", "event", "actor", "recipient", "date", "place", "modality")
VERDICTS = ("right", "wrong")
DATE_PRECISIONS = ("day", "week", "month", "year", "document")


def field_value(record: dict[str, Any], field: str) -> Any:
    """The part of a record that a correction of ``field`` replaces."""
    if field == "event":
        return {k: record.get(k) for k in ("event", "cameo", "mode", "context", "goldstein", "quad_class")}
    if field in ("actor", "recipient"):
        return [{k: a.get(k) for k in ("text", "name", "id", "country", "sector", "role")}
                for a in record.get(field) or []]  # fmt: skip
    if field == "date":
        return {k: record.get(k) for k in ("date", "enddate", "date_precision")}
    if field == "place":
        return record.get("location")
    if field == "modality":
        return record.get("modality")
    return None


def _event_value(value: Any) -> dict[str, Any]:
    onto = load_ontology()
    if isinstance(value, str):
        value = {"cameo": value} if value.isdigit() else {"event": value}
    if not isinstance(value, dict):
        raise ReviewError("an event correction is {event: PLOVER type, cameo: code (optional)}")
    event, cameo = value.get("event"), value.get("cameo")
    if event is not None and event not in PLOVER_EVENTS:
        raise UnknownChoiceError("PLOVER event type", str(event), PLOVER_EVENTS)
    if cameo is None:
        if event is None:
            raise ReviewError("an event correction needs an event type or a CAMEO code")
        codes = sorted((c for c in onto.codes.values() if c.event == event),
                       key=lambda c: (len(c.cameo), c.cameo))  # fmt: skip
        if not codes:
            raise ReviewError(f"no CAMEO code maps to {event!r}; give one with 'cameo'")
        cameo = codes[0].cameo
    code = onto.get(str(cameo))
    if event is not None and code.event not in (None, event):
        raise ReviewError(f"CAMEO {cameo} is {code.event}, not {event}; give a code of {event} "
                          "or leave 'cameo' out")  # fmt: skip
    return {"event": event or code.event, "cameo": code.cameo, "mode": code.mode,
            "context": list(code.context), "goldstein": code.goldstein,
            "quad_class": code.quad_class}  # fmt: skip


def _actor_entry(raw: Any, old: dict[str, Any] | None, on: date | None, registry: Any) -> dict[str, Any]:
    if isinstance(raw, str):
        raw = {"id": raw}
    if not isinstance(raw, dict):
        raise ReviewError("each actor is {id: registry id} or {name, country, sector}")
    text = raw.get("text") or (old or {}).get("text")
    if raw.get("id"):
        actor = registry.actors.get(raw["id"]) if registry is not None else None
        if actor is None:
            near = close_matches(str(raw["id"]), list(registry.actors)[:200000]) if registry else []
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise ReviewError(f"unknown actor id {raw['id']!r}{hint} (or give name, country, sector)")
        role = actor.role_on(on)
        return {"text": text or actor.name, "name": actor.name, "id": actor.id,
                "country": (role.country if role and role.country else None) or actor.country,
                "sector": (role.sector if role and role.sector else None) or actor.sector,
                "role": role.title if role else None}  # fmt: skip
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ReviewError("an actor without a registry id needs a name")
    country, sector = raw.get("country"), raw.get("sector")
    if country is not None and not (
        isinstance(country, str) and ((len(country) == 3 and country.isupper()) or country in PSEUDO_COUNTRIES)
    ):
        raise ReviewError(f"country {country!r} is not an ISO alpha-3 code or one of "
                          f"{', '.join(PSEUDO_COUNTRIES)}")  # fmt: skip
    if sector is not None and sector not in SECTORS:
        raise UnknownChoiceError("sector", str(sector), SECTORS)
    kind = raw.get("kind")
    if kind is not None and kind not in ("person", "organisation"):
        raise UnknownChoiceError("actor kind", str(kind), ("person", "organisation"))
    out = {"text": text or name.strip(), "name": name.strip(), "id": None, "country": country,
           "sector": sector, "role": raw.get("role")}  # fmt: skip
    if kind:
        out["kind"] = kind
    return out


def _actors_value(value: Any, before: list[dict[str, Any]], on: date | None, registry: Any
                  ) -> dict[str, Any]:  # fmt: skip
    not_actors: list[str] = []
    if isinstance(value, dict):
        not_actors = [str(n) for n in value.get("not_actors") or []]
        value = value.get("actors", [])
    if not isinstance(value, list):
        raise ReviewError("an actor correction is a list of actors (or {actors, not_actors})")
    actors = [_actor_entry(a, before[i] if i < len(before) else None, on, registry)
              for i, a in enumerate(value)]  # fmt: skip
    return {"actors": actors, "not_actors": not_actors}


def _date_value(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        value = {"date": value}
    if not isinstance(value, dict):
        raise ReviewError("a date correction is {date: YYYY-MM-DD, enddate, precision}")
    out: dict[str, Any] = {}
    for k in ("date", "enddate"):
        v = value.get(k)
        try:
            out[k] = date.fromisoformat(str(v)).isoformat() if v else None
        except ValueError:
            raise ReviewError(f"{k} {v!r} is not a date; write it as YYYY-MM-DD") from None
    if out["date"] is None:
        raise ReviewError("a date correction needs 'date'")
    if out["enddate"] and out["enddate"] < out["date"]:
        raise ReviewError(f"enddate {out['enddate']} is before date {out['date']}")
    prec = value.get("precision") or value.get("date_precision") or ("week" if out["enddate"] else "day")
    if prec not in DATE_PRECISIONS:
        raise UnknownChoiceError("date precision", str(prec), DATE_PRECISIONS)
    return {"date": out["date"], "enddate": out["enddate"], "date_precision": prec}


def _place_value(value: Any, focus: str | None) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = {"name": value}
    if not isinstance(value, dict) or not isinstance(value.get("name"), str) or not value["name"].strip():
        raise ReviewError("a place correction is {name, country (optional)} or null for no place")
    if value.get("lat") is not None and value.get("lon") is not None:
        try:
            lat, lon = float(value["lat"]), float(value["lon"])
        except (TypeError, ValueError):
            raise ReviewError(f"lat/lon {value['lat']!r}, {value['lon']!r} are not numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ReviewError(f"lat/lon {lat}, {lon} out of range")
        prec = value.get("precision") or "city"
        if prec not in ("city", "admin1", "country"):
            raise UnknownChoiceError("place precision", str(prec), ("city", "admin1", "country"))
        return {"name": value["name"].strip(), "country": value.get("country"),
                "admin1": value.get("admin1"), "lat": lat, "lon": lon,
                "geonameid": value.get("geonameid"), "precision": prec}  # fmt: skip
    from ..gazetteer import load_gazetteer

    place = load_gazetteer().lookup(value["name"].strip(), value.get("country") or focus)
    if place is None or (value.get("country") and place.country != value["country"]):
        raise ReviewError(f"place {value['name']!r} is not in the gazetteer"
                          + (f" in {value['country']}" if value.get("country") else "")
                          + "; give lat and lon with it")  # fmt: skip
    return dict(place.as_location())


def check_value(field: str, value: Any, record: dict[str, Any], registry: Any = None) -> Any:
    """The normalised value a correction of ``field`` sets (raises ReviewError)."""
    if field not in FIELDS:
        raise UnknownChoiceError("correction field", field, FIELDS)
    if field == "verdict":
        if value not in VERDICTS:
            raise UnknownChoiceError("verdict", str(value), VERDICTS)
        return value
    if field == "event":
        return _event_value(value)
    if field in ("actor", "recipient"):
        on = date.fromisoformat(record["date"]) if record.get("date") else None
        if registry is None:
            from ..actors.loader import load_registry

            registry = load_registry()
        return _actors_value(value, field_value(record, field), on, registry)
    if field == "date":
        return _date_value(value)
    if field == "place":
        loc = record.get("location") or {}
        return _place_value(value, loc.get("country"))
    if value not in MODALITIES:
        raise UnknownChoiceError("modality", str(value), MODALITIES)
    return value
