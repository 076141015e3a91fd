"""Dyads: counts and mean scores per actor pair and period, by quad class."""

from __future__ import annotations

from typing import Any

from ..store import CANONICAL, Store
from .common import ACTOR_KEY, date_where, period_sql, resolve_actor, symmetric_sql

DYAD_COLUMNS = [
    "period", "source", "source_name", "source_country", "target", "target_name",
    "target_country", "events", "goldstein_mean", "goldstein_sum", "verbal_cooperation",
    "material_cooperation", "verbal_conflict", "material_conflict", "first_date", "last_date",
]  # fmt: skip


def pair_sql(store: Store, period: str, start: Any, end: Any, actor: str | None = None
             ) -> tuple[str, list[Any]]:  # fmt: skip
    """The SQL of the dyad aggregation (one row per period, source and target).

    A dyad is an (actor, recipient) pair of a deduplicated event. Events with several actors
    or recipients give one pair each. A symmetric event without a recipient ("Iraq and Jordan
    signed an agreement") pairs its actors with each other."""
    conds, params = date_where(start, end)
    if actor:
        sel = resolve_actor(store, actor)
        conds.append(f"c.cluster_id IN (SELECT a.event_id FROM event_actors a WHERE {sel.condition})")
        params += list(sel.params)
    sym, sym_params = symmetric_sql()
    sql = f"""
    WITH ev AS (
        SELECT e.event_id, {period_sql(period)} AS period, e.date, e.goldstein, e.quad_class,
               CASE WHEN {sym} THEN 1 ELSE 0 END AS sym
        FROM {CANONICAL} WHERE {' AND '.join(conds)}
    ), k AS (
        SELECT a.event_id, a.side, a.position, {ACTOR_KEY} AS key, a.name, a.country
        FROM event_actors a JOIN ev ON ev.event_id = a.event_id
    ), pairs AS (
        SELECT DISTINCT s.event_id, s.key AS src, t.key AS tgt
        FROM k s JOIN k t ON t.event_id = s.event_id
        WHERE s.side = 'actor' AND t.side = 'recipient'
        UNION
        SELECT DISTINCT s.event_id, s.key, t.key
        FROM k s JOIN k t ON t.event_id = s.event_id JOIN ev ON ev.event_id = s.event_id
        WHERE s.side = 'actor' AND t.side = 'actor' AND s.position < t.position AND ev.sym = 1
          AND NOT EXISTS (SELECT 1 FROM k r WHERE r.event_id = s.event_id AND r.side = 'recipient')
    ), labels AS (
        SELECT key, min(name) AS name, min(country) AS country FROM k GROUP BY key
    )
    SELECT ev.period, p.src, ls.name, ls.country, p.tgt, lt.name, lt.country, count(*),
           avg(ev.goldstein), sum(ev.goldstein),
           sum(CASE WHEN ev.quad_class = 1 THEN 1 ELSE 0 END),
           sum(CASE WHEN ev.quad_class = 2 THEN 1 ELSE 0 END),
           sum(CASE WHEN ev.quad_class = 3 THEN 1 ELSE 0 END),
           sum(CASE WHEN ev.quad_class = 4 THEN 1 ELSE 0 END),
           min(ev.date), max(ev.date)
    FROM pairs p JOIN ev ON ev.event_id = p.event_id
    JOIN labels ls ON ls.key = p.src JOIN labels lt ON lt.key = p.tgt
    WHERE p.src <> p.tgt
    GROUP BY ev.period, p.src, ls.name, ls.country, p.tgt, lt.name, lt.country
    """
    return sql, [*sym_params, *params]


def dyads(
    store: Store, period: str = "month", start: Any = None, end: Any = None,
    actor: str | None = None, limit: int | None = None,
) -> list[dict[str, Any]]:  # fmt: skip
    """Per period and directed actor pair: event count, mean and summed Goldstein score, and
    counts by quad class (verbal/material cooperation, verbal/material conflict). Ordered by
    period, then by count."""
    sql, params = pair_sql(store, period, start, end, actor)
    sql += " ORDER BY 1, 8 DESC, 2, 5" + (f" LIMIT {int(limit)}" if limit else "")
    out = []
    for row in store.query(sql, params):
        d = dict(zip(DYAD_COLUMNS, row, strict=True))
        for k in ("period", "first_date", "last_date"):
            d[k] = d[k].isoformat() if d[k] is not None else None
        d["events"] = int(d["events"])
        for k in DYAD_COLUMNS[10:14]:
            d[k] = int(d[k])
        d["goldstein_mean"] = None if d["goldstein_mean"] is None else round(float(d["goldstein_mean"]), 3)
        d["goldstein_sum"] = None if d["goldstein_sum"] is None else round(float(d["goldstein_sum"]), 3)
        out.append(d)
    return out


def top_dyads(rows: list[dict[str, Any]], n: int = 10) -> list[dict[str, Any]]:
    """Roll per-period dyads up over all periods and keep the ``n`` busiest pairs."""
    total: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        t = total.setdefault((r["source"], r["target"]), {**r, "events": 0, "goldstein_sum": 0.0,
                              "verbal_cooperation": 0, "material_cooperation": 0,
                              "verbal_conflict": 0, "material_conflict": 0, "period": None})  # fmt: skip
        t["events"] += r["events"]
        t["goldstein_sum"] += r["goldstein_sum"] or 0.0
        for k in DYAD_COLUMNS[10:14]:
            t[k] += r[k]
        t["first_date"] = min(filter(None, (t["first_date"], r["first_date"])), default=None)
        t["last_date"] = max(filter(None, (t["last_date"], r["last_date"])), default=None)
    out = sorted(total.values(), key=lambda t: (-t["events"], t["source"], t["target"]))[:n]
    for t in out:
        t["goldstein_mean"] = round(t["goldstein_sum"] / t["events"], 3) if t["events"] else None
        t["goldstein_sum"] = round(t["goldstein_sum"], 3)
    return out
