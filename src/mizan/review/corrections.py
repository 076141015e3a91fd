"""Reviewers' corrections, applied to the store.

A reviewer looks at a (deduplicated) event and marks it right or wrong, or corrects its type,
actor, recipient, date, place or modality. A correction is applied to every report of the
event (the per-document rows of ``events`` and ``event_actors``) and to its cluster (match key,
date interval, place, dyads), in one transaction, so every read path — records, the analyses,
the exports, the brief — sees the corrected event. The ``corrections`` table keeps who, when,
the value before and the value after; ``rejected_events`` holds the reports of events marked
wrong, which leave the merged view (and are never merged again) until marked right.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, date, datetime
from typing import Any

from ..errors import EventNotFound, ReviewError, UnknownChoiceError, close_matches
from ..ontology import MODALITIES, PLOVER_EVENTS, PSEUDO_COUNTRIES, SECTORS, load_ontology
from ..store import Store
from ..store.matching import actor_key, interval, load_rule, match_key

FIELDS = ("verdict", "event", "actor", "recipient", "date", "place", "modality")
VERDICTS = ("right", "wrong")
DATE_PRECISIONS = ("day", "week", "month", "year", "document")
CORRECTION_COLUMNS = ["correction_id", "event_id", "field", "before_value", "after_value",
                      "reviewer", "role", "note", "reports", "created_at"]  # fmt: skip


# -- finding the event ------------------------------------------------------------------
def locate(store: Store, event_id: str) -> tuple[str, list[str], bool]:
    """The cluster (real event) that ``event_id`` (a report's or a cluster's id) belongs to,
    its reports, and whether it was marked wrong."""
    rows = store.query(
        "SELECT ec.cluster_id FROM event_clusters ec WHERE ec.event_id = ?", (event_id,)
    )
    if rows:
        cluster = rows[0][0]
        members = [r[0] for r in store.query(
            "SELECT event_id FROM event_clusters WHERE cluster_id = ? ORDER BY event_id", (cluster,))]  # fmt: skip
        return cluster, members, False
    rows = store.query(
        "SELECT cluster_id FROM rejected_events WHERE event_id = ? OR cluster_id = ? LIMIT 1",
        (event_id, event_id),
    )
    if rows:
        cluster = rows[0][0]
        members = [r[0] for r in store.query(
            "SELECT event_id FROM rejected_events WHERE cluster_id = ? ORDER BY event_id", (cluster,))]  # fmt: skip
        return cluster, members, True
    raise EventNotFound(event_id)


def current(store: Store, cluster: str, rejected: bool = False) -> dict[str, Any]:
    """The event record as read now (a rejected event: its representative report)."""
    if rejected:
        found = _raw_record(store, cluster)
    else:
        found = list(store.events("c.cluster_id = ?", (cluster,)))
    if not found:
        raise EventNotFound(cluster)
    return found[0]


def _raw_record(store: Store, event_id: str) -> list[dict[str, Any]]:
    from ..store.rows import record_from_rows
    from ..store.schema import ACTOR_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS

    ev = store.query(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE event_id = ?", (event_id,))
    if not ev:
        return []
    actors = store.query(f"SELECT {', '.join(ACTOR_COLUMNS)} FROM event_actors WHERE event_id = ?", (event_id,))
    mentions = store.query(f"SELECT {', '.join(MENTION_COLUMNS)} FROM mentions WHERE event_id = ?", (event_id,))
    return [record_from_rows(ev[0], actors, mentions)]


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


# -- checking a value -------------------------------------------------------------------
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


# -- applying it ------------------------------------------------------------------------
def _in(ids: list[str]) -> str:
    return ", ".join("?" for _ in ids)


def _refresh_cluster(store: Store, cluster: str, span: bool = False) -> None:
    """Recompute the cluster's match key (and date interval) and its dyads from its
    representative report."""
    rule = load_rule()
    rows = store.query("SELECT event, cameo, modality, date, enddate, date_precision FROM events "
                       "WHERE event_id = ?", (cluster,))  # fmt: skip
    if not rows:
        return
    event, cameo, modality, day, end, precision = rows[0]
    sides: dict[str, list[str]] = {"actor": [], "recipient": []}
    for side, aid, country, sector, name in store.query(
        "SELECT side, actor_id, country, sector, name FROM event_actors WHERE event_id = ? "
        "ORDER BY side, position", (cluster,)):  # fmt: skip
        sides[side].append(actor_key(aid, country, sector, name))
    key = match_key(rule, event, cameo, modality, sides["actor"], sides["recipient"])
    store.execute("UPDATE clusters SET match_key = ? WHERE cluster_id = ?", (key, cluster))
    if span:
        lo_hi = interval(rule, day, end, precision)
        lo, hi = lo_hi if lo_hi else (None, None)
        store.execute("UPDATE clusters SET start_date = ?, end_date = ? WHERE cluster_id = ?",
                      (lo, hi, cluster))  # fmt: skip
    store.temp_ids("_mizan_touched", [cluster], "cluster_id")
    store._write_pairs(False)


def _apply(store: Store, field: str, after: Any, cluster: str, members: list[str],
           rejected: bool, correction_id: str) -> None:  # fmt: skip
    marks = _in(members)
    if field == "verdict":
        if after == "wrong" and not rejected:
            store.executemany("INSERT INTO rejected_events (event_id, cluster_id, correction_id) "
                              "VALUES (?, ?, ?)", [(m, cluster, correction_id) for m in members])  # fmt: skip
            store.execute(f"DELETE FROM event_clusters WHERE event_id IN ({marks})", members)
            store.execute("DELETE FROM clusters WHERE cluster_id = ?", (cluster,))
            store.execute("DELETE FROM dyad_pairs WHERE cluster_id = ?", (cluster,))
            store.drop_from_index(cluster)
        elif after == "right" and rejected:
            store.execute("DELETE FROM rejected_events WHERE cluster_id = ?", (cluster,))
            store.cluster_pending()
        return
    if rejected:
        raise ReviewError("this event is marked wrong; mark it right before correcting it")
    if field == "event":
        store.execute(f"UPDATE events SET event = ?, cameo = ?, mode = ?, context = ?, goldstein = ?, "
                      f"quad_class = ? WHERE event_id IN ({marks})",
                      [after["event"], after["cameo"], after["mode"], json.dumps(after["context"]),
                       after["goldstein"], after["quad_class"], *members])  # fmt: skip
        _refresh_cluster(store, cluster)
    elif field == "modality":
        store.execute(f"UPDATE events SET modality = ? WHERE event_id IN ({marks})", [after, *members])
        _refresh_cluster(store, cluster)
    elif field in ("actor", "recipient"):
        store.execute(f"DELETE FROM event_actors WHERE side = ? AND event_id IN ({marks})",
                      [field, *members])  # fmt: skip
        rows = [(m, field, i, a["text"], a["name"], a["id"], a["country"], a["sector"], a["role"])
                for m in members for i, a in enumerate(after["actors"])]  # fmt: skip
        if rows:
            store.executemany("INSERT INTO event_actors (event_id, side, position, text, name, "
                              "actor_id, country, sector, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              rows)  # fmt: skip
        _refresh_cluster(store, cluster)
    elif field == "date":
        d, e = after["date"], after["enddate"]
        store.execute(f"UPDATE events SET date = ?, enddate = ?, date_precision = ? "
                      f"WHERE event_id IN ({marks})",
                      [date.fromisoformat(d), date.fromisoformat(e) if e else None,
                       after["date_precision"], *members])  # fmt: skip
        _refresh_cluster(store, cluster, span=True)
    elif field == "place":
        p = after or {}
        vals = [p.get("name"), p.get("country"), p.get("admin1"), p.get("lat"), p.get("lon"),
                p.get("geonameid"), p.get("precision")]  # fmt: skip
        sets = "loc_name = ?, loc_country = ?, loc_admin1 = ?, lat = ?, lon = ?, geonameid = ?, loc_precision = ?"
        store.execute(f"UPDATE events SET {sets} WHERE event_id IN ({marks})", [*vals, *members])
        store.execute(f"UPDATE clusters SET {sets} WHERE cluster_id = ?", [*vals, cluster])
        _refresh_cluster(store, cluster)


def correct(store: Store, event_id: str, field: str, value: Any, reviewer: str,
            role: str | None = None, note: str | None = None, registry: Any = None
            ) -> dict[str, Any]:  # fmt: skip
    """Apply one correction to the event ``event_id`` (a report's or a real event's id) and
    record it. Returns the correction (with ``before`` and ``after``) and the event as it now
    reads (``None`` once marked wrong)."""
    if field not in FIELDS:
        raise UnknownChoiceError("correction field", field, FIELDS)
    if not reviewer:
        raise ReviewError("a correction needs a reviewer")
    cluster, members, rejected = locate(store, event_id)
    record = current(store, cluster, rejected)
    after = check_value(field, value, record, registry)
    before: Any = ("wrong" if rejected else None) if field == "verdict" else field_value(record, field)
    correction_id = secrets.token_hex(10)
    now = datetime.now(UTC).replace(tzinfo=None)
    store.begin()
    try:
        _apply(store, field, after, cluster, members, rejected, correction_id)
        store.execute(
            f"INSERT INTO corrections ({', '.join(CORRECTION_COLUMNS)}) VALUES ({_in(CORRECTION_COLUMNS)})",
            (correction_id, cluster, field, json.dumps(before, ensure_ascii=False),
             json.dumps(after, ensure_ascii=False), reviewer, role, note,
             json.dumps(members), now),
        )  # fmt: skip
        store.commit()
    except Exception:
        store.rollback()
        raise
    now_cluster, _, now_rejected = locate(store, members[0])
    event = None if now_rejected else current(store, now_cluster)
    return {"correction": {"correction_id": correction_id, "event_id": cluster, "field": field,
                           "before": before, "after": after, "reviewer": reviewer, "role": role,
                           "note": note, "reports": members, "created_at": now.isoformat()},
            "event": event}  # fmt: skip


# -- reading them back ------------------------------------------------------------------
def _row(r: tuple[Any, ...]) -> dict[str, Any]:
    c = dict(zip(CORRECTION_COLUMNS, r, strict=True))
    c["before"] = json.loads(c.pop("before_value")) if c["before_value"] is not None else None
    c["after"] = json.loads(c.pop("after_value")) if c["after_value"] is not None else None
    c["reports"] = json.loads(c["reports"]) if c["reports"] else []
    c["created_at"] = c["created_at"].isoformat() if c["created_at"] else None
    return c


def corrections(store: Store, event_id: str | None = None, limit: int | None = None,
                offset: int = 0) -> list[dict[str, Any]]:  # fmt: skip
    """Corrections, oldest first; of one event (any of its reports) when ``event_id`` is given."""
    cols = ", ".join(CORRECTION_COLUMNS)
    if event_id is None:
        sql, params = f"SELECT {cols} FROM corrections ORDER BY created_at, correction_id", []
    else:
        cluster, members, _ = locate(store, event_id)
        ids = list(dict.fromkeys([cluster, *members]))
        sql = (f"SELECT {cols} FROM corrections WHERE event_id IN ({_in(ids)}) "
               "ORDER BY created_at, correction_id")  # fmt: skip
        params = ids
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return [_row(r) for r in store.query(sql, params)]


def review_status(store: Store, cluster_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Per real event (by the id it had when corrected): the fields corrected and the last
    verdict. Reads only the small ``corrections`` table, so a page of events stays cheap."""
    if not cluster_ids:
        return {}
    out: dict[str, dict[str, Any]] = {}
    for event_id, field, after in store.query(
        f"SELECT event_id, field, after_value FROM corrections WHERE event_id IN ({_in(cluster_ids)}) "
        "ORDER BY created_at", cluster_ids):  # fmt: skip
        s = out.setdefault(event_id, {"verdict": None, "corrected": []})
        if field == "verdict":
            s["verdict"] = json.loads(after)
        elif field not in s["corrected"]:
            s["corrected"].append(field)
    return out
