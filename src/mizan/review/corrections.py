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

from ..errors import EventNotFound, ReviewError, UnknownChoiceError
from ..store import Store
from ..store.matching import actor_key, interval, load_rule, match_key
from .values import FIELDS, check_value, field_value

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
