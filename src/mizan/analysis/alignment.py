"""Alignment: per period, how the focal actor interacts with each bloc, and which way it leans
between any two. The method is in docs/alignment.md."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from ..store import CANONICAL, Store
from .blocs import BlocSet, load_blocs
from .common import date_where, period_sql, symmetric_sql


def _is_focal(focal: str, blocs: BlocSet, actor_id: str | None, country: str | None,
              sector: str | None, day: date | None) -> bool:  # fmt: skip
    if actor_id == focal:
        return True
    if len(focal) != 3 or not focal.isupper() or country != focal:
        return False
    return sector in blocs.focal_sectors and not blocs.member_of(actor_id, country, day)


def interactions(
    store: Store, focal: str, blocs: BlocSet, period: str = "month", start: Any = None,
    end: Any = None,
) -> list[dict[str, Any]]:  # fmt: skip
    """One row per (deduplicated event, bloc) in which the focal actor and a member of the
    bloc stand on opposite sides (or, for a symmetric event without a recipient, side by
    side): ``event_id, date, period, goldstein, quad_class, bloc``."""
    conds, params = date_where(start, end)
    marks = ", ".join("?" for _ in blocs.modalities)
    conds.append(f"e.modality IN ({marks})")
    params += list(blocs.modalities)
    conds.append("c.cluster_id IN (SELECT a.event_id FROM event_actors a "
                 "WHERE a.actor_id = ? OR a.country = ?)")  # fmt: skip
    params += [focal, focal]
    sym, sym_params = symmetric_sql()
    rows = store.query(
        f"SELECT e.event_id, e.date, {period_sql(period)}, e.goldstein, e.quad_class, "
        f"CASE WHEN {sym} THEN 1 ELSE 0 END FROM {CANONICAL} WHERE {' AND '.join(conds)}",
        [*sym_params, *params],
    )
    if not rows:
        return []
    store.temp_ids("_mizan_align", (r[0] for r in rows), "event_id")
    sides: dict[str, dict[str, list[tuple[Any, ...]]]] = defaultdict(lambda: defaultdict(list))
    for event_id, side, actor_id, country, sector in store.query(
        "SELECT a.event_id, a.side, a.actor_id, a.country, a.sector FROM event_actors a "
        "JOIN _mizan_align t ON t.event_id = a.event_id"
    ):
        sides[event_id][side].append((actor_id, country, sector))
    out = []
    for event_id, day, per, goldstein, quad, is_sym in rows:
        s = sides.get(event_id, {})
        acts, recs = s.get("actor", []), s.get("recipient", [])

        def focal_in(group: list[tuple[Any, ...]], day: date = day) -> bool:
            return any(_is_focal(focal, blocs, a, c, sec, day) for a, c, sec in group)

        counterparts: list[tuple[Any, ...]] = []
        if focal_in(acts):
            counterparts += recs
            if is_sym and not recs:
                counterparts += [x for x in acts if not _is_focal(focal, blocs, x[0], x[1], x[2], day)]
        if focal_in(recs):
            counterparts += acts
        found: set[str] = set()
        for a, c, _ in counterparts:
            found |= blocs.member_of(a, c, day)
        for bloc in sorted(found):
            out.append({"event_id": event_id, "date": day.isoformat(), "period": per.isoformat(),
                        "goldstein": float(goldstein or 0.0), "quad_class": quad, "bloc": bloc})  # fmt: skip
    return out


def _band(samples: np.ndarray, level: float) -> tuple[float, float]:
    lo, hi = np.quantile(samples, [(1 - level) / 2, 1 - (1 - level) / 2])
    return round(float(lo), 3), round(float(hi), 3)


def alignment(
    store: Store, focal: str = "IRQ", blocs: BlocSet | Path | str | None = None,
    period: str = "month", start: Any = None, end: Any = None,
) -> dict[str, Any]:  # fmt: skip
    """Per period and bloc: the focal actor's event count, interaction score (sum of Goldstein
    scores: net cooperation), mean score, counts of cooperation and conflict, and a bootstrap
    band for the score; per period and pair of blocs (a, b): the lean toward a rather than b,
    in [-1, 1], with its band. Plain data; see docs/alignment.md."""
    bs = blocs if isinstance(blocs, BlocSet) else load_blocs(blocs)
    rows = interactions(store, focal, bs, period, start, end)
    by: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by[(r["period"], r["bloc"])].append(r)
    periods = sorted({r["period"] for r in rows})
    rng = np.random.default_rng(bs.seed)
    draws: dict[tuple[str, str], np.ndarray] = {}
    scores = []
    for per in periods:
        for bloc in bs.ids():
            evs = by.get((per, bloc), [])
            g = np.array([e["goldstein"] for e in evs], dtype=float)
            if len(g):
                idx = rng.integers(0, len(g), size=(bs.samples, len(g)))
                draws[(per, bloc)] = g[idx]
            sums = draws[(per, bloc)].sum(axis=1) if len(g) else np.zeros(1)
            low, high = _band(sums, bs.level)
            scores.append({
                "period": per, "bloc": bloc, "bloc_name": bs.name(bloc), "events": len(g),
                "score": round(float(g.sum()), 3), "mean": round(float(g.mean()), 3) if len(g) else None,
                "low": low, "high": high, "sparse": len(g) < bs.min_events,
                "cooperation": sum(1 for e in evs if e["quad_class"] in (1, 2)),
                "conflict": sum(1 for e in evs if e["quad_class"] in (3, 4)),
                "event_ids": [e["event_id"] for e in evs],
            })  # fmt: skip
    leans = []
    for per in periods:
        for a, b in combinations(bs.ids(), 2):
            da, db = draws.get((per, a)), draws.get((per, b))
            if da is None and db is None:
                continue
            zero = np.zeros((bs.samples, 1))
            da = da if da is not None else zero
            db = db if db is not None else zero
            num = da.sum(axis=1) - db.sum(axis=1)
            den = np.abs(da).sum(axis=1) + np.abs(db).sum(axis=1)
            boot = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
            ga = np.array([e["goldstein"] for e in by.get((per, a), [])], dtype=float)
            gb = np.array([e["goldstein"] for e in by.get((per, b), [])], dtype=float)
            d = float(np.abs(ga).sum() + np.abs(gb).sum())
            point = (float(ga.sum() - gb.sum()) / d) if d > 0 else 0.0
            sparse = len(ga) + len(gb) < bs.min_events
            low, high = (-1.0, 1.0) if sparse else _band(boot, bs.level)
            leans.append({"period": per, "a": a, "b": b, "lean": round(point, 3), "low": low,
                          "high": high, "events_a": len(ga), "events_b": len(gb),
                          "sparse": sparse})  # fmt: skip
    return {
        "focal": focal, "period": period, "level": bs.level, "blocs_file": bs.path,
        "blocs": [{"id": b.id, "name": b.name} for b in bs.blocs],
        "scores": scores, "leans": leans,
    }
