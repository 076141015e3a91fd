"""Finding events: the filters the API, the web page and ``mizan events`` share.

One :class:`EventFilter` becomes one SQL condition on the deduplicated events (``e``, the
representative report, and ``c``, its cluster), with parameters only: no user text is ever
put into SQL. The same filter feeds the event list, the map points, the filtered network and
the review queue, so every view of the dashboard shows the same events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError, UnknownChoiceError
from ..ontology import MODALITIES, PLOVER_EVENTS
from ..store import CANONICAL, Store
from .common import ACTOR_KEY, as_date, resolve_actor

REVIEW_STATES = ("unreviewed", "reviewed", "corrected")
ORDERS = {"date": "e.date NULLS FIRST, e.event_id", "-date": "e.date DESC NULLS LAST, e.event_id",
          "confidence": "e.confidence NULLS FIRST, e.event_id",
          "-confidence": "e.confidence DESC NULLS LAST, e.event_id"}  # fmt: skip
MAX_LIMIT = 1000


@dataclass
class EventFilter:
    """Which events to show. Every field is optional; lists mean "any of"."""

    actor: str | None = None  # id, country code, CAMEO-style code or name; either side
    actor_key: str | None = None  # an exact actor key (registry id, else country+sector)
    dyad: tuple[str, str] | None = None  # (source key, target key), as in `mizan dyads`
    event: list[str] = field(default_factory=list)  # PLOVER types
    start: Any = None
    end: Any = None
    modality: list[str] = field(default_factory=list)
    country: str | None = None  # ISO alpha-3 of the event's place
    place: str | None = None  # the place's name (case-insensitive)
    q: str | None = None  # free text in the evidence sentence
    review: str | None = None  # unreviewed | reviewed | corrected

    def where(self, store: Store) -> tuple[str, list[Any]]:
        """The SQL condition on ``e`` and ``c`` and its parameters."""
        conds: list[str] = []
        params: list[Any] = []
        s, e = as_date(self.start, "from"), as_date(self.end, "to")
        if s is not None and e is not None and e < s:
            raise ConfigError(f"to {e} is before from {s}")
        if s is not None:
            conds.append("e.date >= ?")
            params.append(s)
        if e is not None:
            conds.append("e.date <= ?")
            params.append(e)
        for name, values, valid in (("event", self.event, PLOVER_EVENTS), ("modality", self.modality, MODALITIES)):
            for v in values:
                if v not in valid:
                    raise UnknownChoiceError(f"{'PLOVER event type' if name == 'event' else name}", v, valid)
            if values:
                conds.append(f"e.{name} IN ({', '.join('?' for _ in values)})")
                params += list(values)
        if self.actor:
            sel = resolve_actor(store, self.actor)
            conds.append(f"e.event_id IN (SELECT a.event_id FROM event_actors a WHERE {sel.condition})")
            params += list(sel.params)
        if self.actor_key:
            conds.append(f"e.event_id IN (SELECT a.event_id FROM event_actors a WHERE {ACTOR_KEY} = ?)")
            params.append(self.actor_key)
        if self.dyad:
            conds.append("e.event_id IN (SELECT p.cluster_id FROM dyad_pairs p WHERE p.source = ? AND p.target = ?)")
            params += list(self.dyad)
        if self.country:
            conds.append("c.loc_country = ?")
            params.append(self.country.upper())
        if self.place:
            conds.append("lower(c.loc_name) = ?")
            params.append(self.place.strip().lower())
        if self.q:
            conds.append("lower(e.ev_text) LIKE ? ESCAPE '!'")
            escaped = self.q.strip().lower().replace("!", "!!").replace("%", "!%").replace("_", "!_")
            params.append(f"%{escaped}%")
        if self.review:
            if self.review not in REVIEW_STATES:
                raise UnknownChoiceError("review state", self.review, REVIEW_STATES)
            reviewed = ("SELECT ec.cluster_id FROM corrections k JOIN event_clusters ec "
                        "ON ec.event_id = k.event_id")  # fmt: skip
            if self.review == "unreviewed":
                conds.append(f"e.event_id NOT IN ({reviewed})")
            elif self.review == "reviewed":
                conds.append(f"e.event_id IN ({reviewed})")
            else:
                conds.append(f"e.event_id IN ({reviewed} WHERE k.field <> 'verdict')")
        return " AND ".join(conds), params


_ITEM = ["e.event_id", "e.date", "e.date_precision", "e.event", "e.cameo", "e.goldstein",
         "e.quad_class", "e.modality", "c.loc_name", "c.loc_country", "c.lat", "c.lon",
         "e.ev_text", "e.ev_trigger", "e.confidence", "e.doc_id", "c.num_documents",
         "c.num_sources"]  # fmt: skip
_NAMES = ["id", "date", "date_precision", "event", "cameo", "goldstein", "quad_class", "modality",
          "place", "country", "lat", "lon", "evidence", "trigger", "confidence", "doc_id",
          "num_documents", "num_sources"]  # fmt: skip


def _sides(store: Store, ids: list[str]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    if not ids:
        return out
    for event_id, side, name, text, actor_id, country, sector in store.query(
        "SELECT a.event_id, a.side, a.name, a.text, a.actor_id, a.country, a.sector FROM event_actors a "
        f"WHERE a.event_id IN ({', '.join('?' for _ in ids)}) ORDER BY a.event_id, a.side, a.position",
        ids,
    ):  # fmt: skip
        key = actor_id or (f"{country}{sector or ''}" if country else None)
        out.setdefault(event_id, {"actor": [], "recipient": []})[side].append(
            {"name": name or text, "key": key})
    return out


def search_events(
    store: Store, f: EventFilter | None = None, limit: int = 50, offset: int = 0,
    order: str = "-date", total: bool = False,
) -> dict[str, Any]:  # fmt: skip
    """A page of deduplicated events matching ``f``: ``items`` (one summary dict per event:
    date, type, actors, place, evidence, counts), ``offset``, ``limit``, ``next_offset`` (None
    on the last page) and, when ``total``, the number of matching events."""
    if order not in ORDERS:
        raise UnknownChoiceError("order", order, ORDERS)
    if not 1 <= limit <= MAX_LIMIT:
        raise ConfigError(f"limit {limit} must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise ConfigError(f"offset {offset} must be >= 0")
    where, params = (f or EventFilter()).where(store)
    cond = f"WHERE {where}" if where else ""
    rows = store.query(
        f"SELECT {', '.join(_ITEM)} FROM {CANONICAL} {cond} ORDER BY {ORDERS[order]} "
        f"LIMIT {int(limit) + 1} OFFSET {int(offset)}", params)  # fmt: skip
    more = len(rows) > limit
    rows = rows[:limit]
    sides = _sides(store, [r[0] for r in rows])
    items = []
    for r in rows:
        item = dict(zip(_NAMES, r, strict=True))
        item["date"] = item["date"].isoformat() if item["date"] else None
        s = sides.get(item["id"], {"actor": [], "recipient": []})
        item["actor"], item["recipient"] = s["actor"], s["recipient"]
        items.append(item)
    out: dict[str, Any] = {"items": items, "offset": offset, "limit": limit,
                           "next_offset": offset + limit if more else None}  # fmt: skip
    if total:
        out["total"] = int(store.query(f"SELECT count(*) FROM {CANONICAL} {cond}", params)[0][0])
    return out


def event_points(store: Store, f: EventFilter | None = None, limit: int = 5000) -> list[dict[str, Any]]:
    """Located events matching ``f`` (the latest ``limit``): id, lat, lon, place, date, type,
    quad class. For the map."""
    where, params = (f or EventFilter()).where(store)
    cond = "c.lat IS NOT NULL AND c.lon IS NOT NULL" + (f" AND {where}" if where else "")
    rows = store.query(
        f"SELECT e.event_id, c.lat, c.lon, c.loc_name, c.loc_country, e.date, e.event, e.quad_class "
        f"FROM {CANONICAL} WHERE {cond} ORDER BY e.date DESC NULLS LAST, e.event_id LIMIT {int(limit)}",
        params)  # fmt: skip
    return [{"id": r[0], "lat": r[1], "lon": r[2], "place": r[3], "country": r[4],
             "date": r[5].isoformat() if r[5] else None, "event": r[6], "quad_class": r[7]}
            for r in rows]  # fmt: skip


def event_network(store: Store, f: EventFilter | None = None, max_edges: int = 150) -> dict[str, Any]:
    """The actor network of the events matching ``f``: the ``max_edges`` busiest directed
    pairs (from the store's dyads), with their nodes. Same shape as ``network()``'s JSON."""
    from .dyads import labels

    where, params = (f or EventFilter()).where(store)
    sub = f"SELECT e.event_id FROM {CANONICAL}" + (f" WHERE {where}" if where else "")
    rows = store.query(
        "SELECT p.source, p.target, count(*), avg(p.goldstein), min(p.date), max(p.date) "
        f"FROM dyad_pairs p WHERE p.cluster_id IN ({sub}) GROUP BY 1, 2 "
        f"ORDER BY 3 DESC, 1, 2 LIMIT {int(max_edges)}", params)  # fmt: skip
    names = labels(store, {k for r in rows for k in r[:2]})
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    for src, tgt, n, mean, first, last in rows:
        for key in (src, tgt):
            name, country, sector = names.get(key, (None, None, None))
            node = nodes.setdefault(key, {"id": key, "label": name or key, "country": country,
                                          "sector": sector, "events": 0})  # fmt: skip
            node["events"] += int(n)
        edges.append({"source": src, "target": tgt, "events": int(n),
                      "goldstein_mean": None if mean is None else round(float(mean), 3),
                      "first_date": first.isoformat() if first else None,
                      "last_date": last.isoformat() if last else None})  # fmt: skip
    return {"nodes": sorted(nodes.values(), key=lambda x: (-x["events"], x["id"])), "edges": edges}
