"""The timeline of one actor: its events in time order, with modality, evidence and sources."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..store import CANONICAL, Store
from .common import date_where, resolve_actor

TIMELINE_COLUMNS = [
    "date", "date_precision", "event", "cameo", "mode", "goldstein", "quad_class", "actor",
    "recipient", "modality", "attributed_to", "place", "evidence", "doc_id", "title", "source",
    "url", "num_mentions", "num_documents", "num_sources", "id",
]  # fmt: skip


def timeline(
    store: Store, actor: str, start: Any = None, end: Any = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Deduplicated events in which ``actor`` (id, country code, CAMEO-style code or name)
    takes part, on either side, in time order. Each row carries the evidence sentence and
    the representative document, and ``sources``: every document that reports the event,
    with its own evidence sentence."""
    sel = resolve_actor(store, actor)
    conds, params = date_where(start, end)
    where = " AND ".join(conds)
    sub = f"SELECT a.event_id FROM event_actors a WHERE {sel.condition}"
    rows = store.query(
        "SELECT e.event_id, e.date, e.date_precision, e.event, e.cameo, e.mode, e.goldstein, "
        "e.quad_class, e.modality, e.attributed_name, c.loc_name, e.ev_text, e.doc_id, d.title, "
        "d.source, d.url, c.num_mentions, c.num_documents, c.num_sources "
        f"FROM {CANONICAL} LEFT JOIN documents d ON d.doc_id = e.doc_id "
        f"WHERE {where} AND c.cluster_id IN ({sub}) ORDER BY e.date, e.event_id"
        + (f" LIMIT {int(limit)}" if limit else ""),
        (*params, *sel.params),
    )
    if not rows:
        return []
    ids = [r[0] for r in rows]
    store.temp_ids("_mizan_timeline", ids, "event_id")
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event_id, side, name, text in store.query(
        "SELECT a.event_id, a.side, a.name, a.text FROM event_actors a "
        "JOIN _mizan_timeline t ON t.event_id = a.event_id ORDER BY a.event_id, a.side, a.position"
    ):
        names[(event_id, side)].append(name or text or "?")
    sources: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for cluster_id, doc_id, text, title, source, url in store.query(
        "SELECT ec.cluster_id, m.doc_id, m.text, d.title, d.source, d.url "
        "FROM event_clusters ec JOIN _mizan_timeline t ON t.event_id = ec.cluster_id "
        "JOIN mentions m ON m.event_id = ec.event_id "
        "LEFT JOIN documents d ON d.doc_id = m.doc_id ORDER BY ec.cluster_id, m.doc_id, m.start_char"
    ):
        sources[cluster_id].append({"doc_id": doc_id, "title": title, "source": source,
                                    "url": url, "evidence": text})  # fmt: skip
    out = []
    for r in rows:
        (event_id, day, prec, event, cameo, mode, goldstein, quad, modality, attributed, place,
         evidence, doc_id, title, source, url, n_m, n_d, n_s) = r  # fmt: skip
        out.append({
            "date": day.isoformat() if day else None, "date_precision": prec, "event": event,
            "cameo": cameo, "mode": mode, "goldstein": goldstein, "quad_class": quad,
            "actor": "; ".join(names.get((event_id, "actor"), [])),
            "recipient": "; ".join(names.get((event_id, "recipient"), [])),
            "modality": modality, "attributed_to": attributed, "place": place,
            "evidence": evidence, "doc_id": doc_id, "title": title, "source": source, "url": url,
            "num_mentions": n_m, "num_documents": n_d, "num_sources": n_s, "id": event_id,
            "sources": sources.get(event_id, []),
        })  # fmt: skip
    return out
