"""What goes into a brief, gathered from the store as plain data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..analysis.alignment import alignment
from ..analysis.common import as_date, date_where, resolve_actor
from ..analysis.dyads import dyads, top_dyads
from ..analysis.network import network
from ..store import Store
from .phrases import load_phrases, sentence, when


@dataclass
class Citation:
    number: int
    doc_id: str
    title: str | None
    source: str | None
    url: str | None
    date: str | None
    quote: str | None


@dataclass
class BriefContent:
    title: str
    actor: str | None
    start: str | None
    end: str | None
    focal: str | None
    period: str
    stats: dict[str, Any]
    key_events: list[dict[str, Any]]
    alignment: dict[str, Any] | None
    network: dict[str, Any]
    dyads: list[dict[str, Any]]
    located: list[dict[str, Any]]
    citations: list[Citation] = field(default_factory=list)
    _by_key: dict[tuple[str, str | None], int] = field(default_factory=dict, repr=False)

    def cite(self, event: dict[str, Any], docs: dict[str, dict[str, Any]]) -> list[int]:
        """Footnote numbers for every document that reports ``event``, each with the
        sentence in which it does."""
        nums = []
        seen = set()
        for m in event.get("mentions") or [dict(event["evidence"], doc_id=event["doc_id"])]:
            doc_id = m.get("doc_id") or event["doc_id"]
            key = (doc_id, m.get("text"))
            if key in seen:
                continue
            seen.add(key)
            if key not in self._by_key:
                d = docs.get(doc_id, {})
                self.citations.append(Citation(len(self.citations) + 1, doc_id, d.get("title"),
                                               d.get("source"), d.get("url"), d.get("date"),
                                               m.get("text")))  # fmt: skip
                self._by_key[key] = len(self.citations)
            nums.append(self._by_key[key])
        return nums


def _importance(r: dict[str, Any]) -> tuple[Any, ...]:
    factual = r["modality"] in ("asserted", "reported", "historical")
    return (-(r.get("num_documents") or 1), not factual, -(r.get("confidence") or 0.0),
            -abs(r.get("goldstein") or 0.0), r["id"])  # fmt: skip


def gather(
    store: Store, actor: str | None = None, start: Any = None, end: Any = None,
    focal: str | None = None, blocs: Path | str | None = None, max_events: int = 25,
    period: str | None = None,
) -> BriefContent:  # fmt: skip
    """Collect the brief's events, alignment, network, dyads and map points."""
    s, e = as_date(start, "--from"), as_date(end, "--to")
    conds, params = date_where(s, e)
    label = None
    if actor:
        sel = resolve_actor(store, actor)
        label = sel.label
        conds.append(f"c.cluster_id IN (SELECT a.event_id FROM event_actors a WHERE {sel.condition})")
        params += list(sel.params)
        focal = focal or sel.country
    events = list(store.events(" AND ".join(conds), params))
    if not focal:
        countries = Counter(a.get("country") for r in events for a in r["actor"] + r["recipient"]
                            if a.get("country") and len(a["country"]) == 3)  # fmt: skip
        focal = countries.most_common(1)[0][0] if countries else None
    dates = sorted(date.fromisoformat(r["date"]) for r in events if r.get("date"))
    lo = s or (dates[0] if dates else None)
    hi = e or (dates[-1] if dates else None)
    if period is None:
        period = "week" if lo and hi and (hi - lo).days <= 120 else "month"
    docs = store.documents(d for r in events for d in [r["doc_id"]] + [m.get("doc_id") for m in r["mentions"]])
    key = sorted(sorted(events, key=_importance)[:max_events], key=lambda r: (r["date"], r["id"]))
    align = alignment(store, focal, blocs, period, lo, hi) if focal else None
    graph = network(store, lo, hi, actor, period)
    dy = top_dyads(dyads(store, period, lo, hi, actor), 10)
    located = [r for r in events if (r.get("location") or {}).get("lat") is not None]
    sources = {docs.get(d, {}).get("source") or d for r in events for d in
               [m.get("doc_id") or r["doc_id"] for m in r["mentions"]]}  # fmt: skip
    stats = {
        "events": len(events),
        "merged": sum(1 for r in events if (r.get("num_documents") or 1) > 1),
        "documents": len({m.get("doc_id") or r["doc_id"] for r in events for m in r["mentions"]}),
        "sources": len(sources), "located": len(located),
        "first": lo.isoformat() if lo else None, "last": hi.isoformat() if hi else None,
    }  # fmt: skip
    title = f"Brief: {label}" if label else "Brief"
    first, last = (lo.isoformat() if lo else None), (hi.isoformat() if hi else None)
    content = BriefContent(title, label, first, last, focal, period, stats, [],
                           align, graph, dy, [])  # fmt: skip
    phrases = load_phrases()
    by_id = {r["id"]: r for r in events}
    for r in key:
        content.key_events.append({"when": when(r), "sentence": sentence(r, phrases),
                                   "modality": r["modality"], "label": phrases.labels.get(r["modality"], ""),
                                   "event": r["event"], "cameo": r["cameo"], "id": r["id"],
                                   "num_documents": r.get("num_documents") or 1,
                                   "notes": content.cite(r, docs)})  # fmt: skip
    for p in located:
        loc = p["location"]
        content.located.append({"lat": loc["lat"], "lon": loc["lon"], "name": loc.get("name"),
                                "quad_class": p.get("quad_class"), "id": p["id"],
                                "weight": p.get("num_documents") or 1})  # fmt: skip
    content.stats["by_id"] = by_id
    content.stats["docs"] = docs
    return content
