"""Actors in the store: the list, and one actor's page (names seen, roles with dates, events
and partners)."""

from __future__ import annotations

from typing import Any

from ..errors import ActorNotFound
from ..store import Store
from .common import ACTOR_KEY, mean_score
from .dyads import labels


def actor_list(store: Store, q: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Actors of the deduplicated events, busiest first: key, name, country, sector, events.
    ``q`` keeps those whose name contains it."""
    conds, params = ["x.actor_key <> ''", "x.actor_key NOT LIKE '@%'"], []
    if q:
        conds.append("x.actor_key IN (SELECT l.actor_key FROM actor_labels l WHERE lower(l.name) LIKE ? ESCAPE '!')")
        params.append("%" + q.strip().lower().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%")
    rows = store.query(  # the event index has one row per event and actor key
        "SELECT t.k, l.name, l.country, l.sector, t.n FROM (SELECT x.actor_key AS k, count(*) AS n "
        f"FROM event_index x WHERE {' AND '.join(conds)} GROUP BY 1) t "
        "LEFT JOIN actor_labels l ON l.actor_key = t.k "
        f"ORDER BY t.n DESC, t.k LIMIT {int(limit)} OFFSET {int(offset)}",
        params,
    )  # fmt: skip
    return [{"key": k, "name": name or k, "country": country, "sector": sector, "events": int(n)}
            for k, name, country, sector, n in rows]  # fmt: skip


def actor_profile(store: Store, key: str, registry: Any = None) -> dict[str, Any]:
    """One actor (a registry id, or a country+sector code): its label, the names it is seen
    under, its roles with first and last dates, its registry offices, and its partners."""
    ka = ACTOR_KEY
    base = ("FROM event_actors a JOIN clusters c ON c.cluster_id = a.event_id "
            f"JOIN events e ON e.event_id = a.event_id WHERE {ka} = ?")  # fmt: skip
    count = store.query(f"SELECT count(DISTINCT a.event_id), min(e.date), max(e.date) {base}", (key,))
    if not count or not count[0][0]:
        raise ActorNotFound(key)
    n, first, last = count[0]
    label = labels(store, [key]).get(key, (None, None, None))
    names = [{"text": t, "mentions": int(m)} for t, m in store.query(
        f"SELECT a.text, count(*) {base} AND a.text IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 30",
        (key,))]  # fmt: skip
    roles = [{"role": r, "sector": s, "country": c, "first_date": f.isoformat() if f else None,
              "last_date": la.isoformat() if la else None, "events": int(m)}
             for r, s, c, f, la, m in store.query(
                 f"SELECT a.role, a.sector, a.country, min(e.date), max(e.date), count(*) {base} "
                 "GROUP BY 1, 2, 3 ORDER BY 4 NULLS LAST, 1", (key,))]  # fmt: skip
    partners: dict[str, dict[str, Any]] = {}
    for other, direction, m, mean, f, la in store.query(
        "SELECT target, 'to', count(*), avg(goldstein), min(date), max(date) FROM dyad_pairs "
        "WHERE source = ? GROUP BY 1 UNION ALL SELECT source, 'from', count(*), avg(goldstein), "
        "min(date), max(date) FROM dyad_pairs WHERE target = ? GROUP BY 1", (key, key)):  # fmt: skip
        p = partners.setdefault(other, {"key": other, "events": 0, "to": 0, "from": 0,
                                        "goldstein_sum": 0.0, "first_date": None, "last_date": None})  # fmt: skip
        p["events"] += int(m)
        p[direction] += int(m)
        p["goldstein_sum"] += float(mean or 0.0) * int(m)
        fd, ld = (f.isoformat() if f else None), (la.isoformat() if la else None)
        p["first_date"] = min(filter(None, (p["first_date"], fd)), default=None)
        p["last_date"] = max(filter(None, (p["last_date"], ld)), default=None)
    top = sorted(partners.values(), key=lambda p: (-p["events"], p["key"]))[:40]
    plabels = labels(store, [p["key"] for p in top])
    for p in top:
        p["name"], p["country"], p["sector"] = plabels.get(p["key"], (p["key"], None, None))
        p["goldstein_mean"] = mean_score(p.pop("goldstein_sum"), p["events"])
    offices: list[dict[str, Any]] = []
    kind = None
    if registry is not None and key in registry.actors:
        actor = registry.actors[key]
        kind = actor.kind
        offices = [{"title": r.title, "organisation": r.organisation, "country": r.country,
                    "start": r.start.isoformat() if r.start else None,
                    "end": r.end.isoformat() if r.end else None} for r in actor.roles]  # fmt: skip
    return {"key": key, "name": label[0] or key, "country": label[1], "sector": label[2],
            "kind": kind, "events": int(n), "first_date": first.isoformat() if first else None,
            "last_date": last.isoformat() if last else None, "names": names, "roles": roles,
            "offices": offices, "partners": top}  # fmt: skip
