"""Finding events: the filters the API, the web page and ``mizan events`` share.

One :class:`EventFilter` becomes one SQL condition on the store's event index (one row per
deduplicated event and index key, ``mizan.store.index``), with parameters only: no user text is ever
put into SQL. The same filter feeds the event list, the map points, the filtered network and
the review queue, so every view of the dashboard shows the same events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError, UnknownChoiceError
from ..ontology import MODALITIES, PLOVER_EVENTS
from ..store import Store
from ..store.index import parse_side
from .common import ACTOR_KEY, date_where, resolve_actor

REVIEW_STATES = ("unreviewed", "reviewed", "corrected")
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
        """The SQL condition on the store's ``event_index`` (alias ``x``) and its parameters.
        It always picks one index key: '' (every event), an actor's key, or ``@``+country."""
        conds: list[str] = []
        params: list[Any] = []
        key = ""
        if self.actor_key:
            key = self.actor_key
        if self.actor:
            sel = resolve_actor(store, self.actor)
            if sel.condition == "(a.actor_id = ? OR a.country = ?)":
                found = "@" + str(sel.params[1])
            elif sel.condition in ("a.actor_id = ?", f"{ACTOR_KEY} = ?"):
                found = str(sel.params[0])
            else:  # a country and sector (IRQGOV): every actor with both
                found = ""
                conds.append(f"x.event_id IN (SELECT a.event_id FROM event_actors a WHERE {sel.condition})")
                params += list(sel.params)
            if key and found and found != key:
                conds.append("x.event_id IN (SELECT y.event_id FROM event_index y WHERE y.actor_key = ?)")
                params.append(found)
            else:
                key = key or found
        if self.dyad:
            if not key:
                key = self.dyad[0]
            conds.append("x.event_id IN (SELECT p.cluster_id FROM dyad_pairs p WHERE p.source = ? AND p.target = ?)")
            params += list(self.dyad)
        when, when_params = date_where(self.start, self.end, "x.date", dated_only=False,
                                       names=("from", "to"))  # fmt: skip
        conds += when
        params += when_params
        for name, values, valid in (("event", self.event, PLOVER_EVENTS), ("modality", self.modality, MODALITIES)):
            for v in values:
                if v not in valid:
                    raise UnknownChoiceError(f"{'PLOVER event type' if name == 'event' else name}", v, valid)
            if values:
                conds.append(f"x.{name} IN ({', '.join('?' for _ in values)})")
                params += list(values)
        if self.country:
            conds.append("x.country = ?")
            params.append(self.country.strip().upper())
        if self.place:
            conds.append("x.place_key = ?")
            params.append(self.place.strip().lower())
        if self.q:
            conds.append("lower(x.evidence) LIKE ? ESCAPE '!'")
            escaped = self.q.strip().lower().replace("!", "!!").replace("%", "!%").replace("_", "!_")
            params.append(f"%{escaped}%")
        if self.review:
            if self.review not in REVIEW_STATES:
                raise UnknownChoiceError("review state", self.review, REVIEW_STATES)
            reviewed = ("SELECT ec.cluster_id FROM corrections k JOIN event_clusters ec "
                        "ON ec.event_id = k.event_id")  # fmt: skip
            if self.review == "unreviewed":
                conds.append(f"x.event_id NOT IN ({reviewed})")
            elif self.review == "reviewed":
                conds.append(f"x.event_id IN ({reviewed})")
            else:
                conds.append(f"x.event_id IN ({reviewed} WHERE k.field <> 'verdict')")
        return " AND ".join(["x.actor_key = ?", *conds]), [key, *params]


ORDERS = {"date": "x.date NULLS FIRST, x.seq", "-date": "x.date DESC NULLS LAST, x.seq",
          "confidence": "x.confidence NULLS FIRST, x.seq",
          "-confidence": "x.confidence DESC NULLS LAST, x.seq"}  # fmt: skip


def _sort_key(order: str) -> Any:
    """The Python twin of ORDERS[order] on a row of _ITEM + seq (for the DuckDB path)."""
    col = 1 if "date" in order else 14
    desc = order.startswith("-")

    def key(r: tuple[Any, ...]) -> tuple[Any, ...]:
        v = r[col]
        if v is None:
            return (1 if desc else 0, 0, r[-1])
        num = v.toordinal() if col == 1 else float(v)
        return (0 if desc else 1, -num if desc else num, r[-1])

    return key


_ITEM = ["event_id", "date", "date_precision", "event", "cameo", "goldstein", "quad_class",
         "modality", "place", "country", "lat", "lon", "evidence", "trigger", "confidence",
         "doc_id", "num_documents", "num_sources", "actors", "recipients"]  # fmt: skip
_NAMES = ["id", *_ITEM[1:]]


def search_events(
    store: Store, f: EventFilter | None = None, limit: int = 50, offset: int = 0,
    order: str = "-date", total: bool = False,
) -> dict[str, Any]:  # fmt: skip
    """A page of deduplicated events matching ``f``: ``items`` (one summary dict per event:
    date, type, actors, place, evidence, counts), ``offset``, ``limit``, ``next_offset`` (None
    on the last page) and, when ``total``, the number of matching events. Reads the store's
    event index (``mizan.store.index``)."""
    if order not in ORDERS:
        raise UnknownChoiceError("order", order, ORDERS)
    if not 1 <= limit <= MAX_LIMIT:
        raise ConfigError(f"limit {limit} must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise ConfigError(f"offset {offset} must be >= 0")
    where, params = (f or EventFilter()).where(store)
    window = f"ORDER BY {ORDERS[order]} LIMIT {int(limit) + 1} OFFSET {int(offset)}"
    if store.dialect == "duckdb":  # pick the page's rows by rowid first: only they are read wide
        cols = ", ".join("z." + c for c in [*_ITEM, "seq"])
        rows = store.query(f"SELECT {cols} FROM event_index z WHERE z.rowid IN "
                           f"(SELECT x.rowid FROM event_index x WHERE {where} {window})", params)  # fmt: skip
        rows.sort(key=_sort_key(order))
    else:
        cols = ", ".join("x." + c for c in [*_ITEM, "seq"])
        rows = store.query(f"SELECT {cols} FROM event_index x WHERE {where} {window}", params)
    more = len(rows) > limit
    rows = rows[:limit]
    items = []
    for r in rows:
        item = dict(zip(_NAMES, r[:-1], strict=True))
        item["date"] = item["date"].isoformat() if item["date"] else None
        item["actor"], item["recipient"] = parse_side(item.pop("actors")), parse_side(item.pop("recipients"))
        items.append(item)
    out: dict[str, Any] = {"items": items, "offset": offset, "limit": limit,
                           "next_offset": offset + limit if more else None}  # fmt: skip
    if total:
        out["total"] = int(store.query(f"SELECT count(*) FROM event_index x WHERE {where}", params)[0][0])
    return out


def event_points(store: Store, f: EventFilter | None = None, limit: int = 5000) -> list[dict[str, Any]]:
    """Located events matching ``f`` (the latest ``limit``): id, lat, lon, place, date, type,
    quad class. For the map."""
    where, params = (f or EventFilter()).where(store)
    rows = store.query(
        "SELECT x.event_id, x.lat, x.lon, x.place, x.country, x.date, x.event, x.quad_class "
        f"FROM event_index x WHERE {where} AND x.lat IS NOT NULL AND x.lon IS NOT NULL "
        f"ORDER BY x.date DESC NULLS LAST, x.event_id LIMIT {int(limit)}", params)  # fmt: skip
    return [{"id": r[0], "lat": r[1], "lon": r[2], "place": r[3], "country": r[4],
             "date": r[5].isoformat() if r[5] else None, "event": r[6], "quad_class": r[7]}
            for r in rows]  # fmt: skip


def event_network(store: Store, f: EventFilter | None = None, max_edges: int = 150) -> dict[str, Any]:
    """The actor network of the events matching ``f``: the ``max_edges`` busiest directed
    pairs (from the store's dyads), with their nodes. Same shape as ``network()``'s JSON."""
    from .dyads import labels

    where, params = (f or EventFilter()).where(store)
    cond = f"p.cluster_id IN (SELECT x.event_id FROM event_index x WHERE {where})"
    if where == "x.actor_key = ?" and params == [""]:  # no filter: every pair
        cond, params = "1 = 1", []
    rows = store.query(
        "SELECT p.source, p.target, count(*), avg(p.goldstein), min(p.date), max(p.date) "
        f"FROM dyad_pairs p WHERE {cond} GROUP BY 1, 2 "
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
