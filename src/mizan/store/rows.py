"""Event records ⇄ table rows. Pure functions; the round trip is lossless (tested)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from typing import Any

from .schema import ACTOR_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS

Record = dict[str, Any]


def _d(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def content_hash(text: str) -> str:
    """The hash that identifies a document's text in ``documents`` and ``manifest``."""
    return hashlib.sha256(text.encode()).hexdigest()


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def document_row(doc: Any, digest: str | None = None) -> tuple[Any, ...]:
    """A ``documents`` row (DOCUMENT_COLUMNS) for a document object (id, text, date, title,
    source, url, origin)."""
    text = doc.text
    return (doc.id, digest or content_hash(text), doc.date, doc.title, doc.source, doc.url,
            doc.origin, text, len(text), now())  # fmt: skip


def manifest_row(
    digest: str, doc_id: str, status: str, origin: str | None, reason: str | None = None,
    events: int = 0,
) -> tuple[Any, ...]:  # fmt: skip
    """A ``manifest`` row (MANIFEST_COLUMNS): ``status`` is ``coded`` or ``failed``."""
    return (digest, doc_id, status, origin, reason, events, now())


def mention_id(event_id: str, m: dict[str, Any]) -> str:
    raw = f"{event_id}|{m.get('doc_id')}|{m.get('start')}|{m.get('end')}|{m.get('trigger')}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def event_row(r: Record) -> tuple[Any, ...]:
    loc = r.get("location") or {}
    att = r.get("attributed_to") or {}
    ev = r["evidence"]
    values = {
        "event_id": r["id"], "doc_id": r["doc_id"], "event": r["event"], "mode": r.get("mode"),
        "context": json.dumps(list(r.get("context") or [])), "cameo": r["cameo"],
        "goldstein": r.get("goldstein"), "quad_class": r.get("quad_class"),
        "date": _d(r.get("date")), "enddate": _d(r.get("enddate")),
        "date_precision": r.get("date_precision"), "date_text": r.get("date_text"),
        "loc_name": loc.get("name"), "loc_country": loc.get("country"), "loc_admin1": loc.get("admin1"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "geonameid": loc.get("geonameid"),
        "loc_precision": loc.get("precision"), "modality": r["modality"],
        "attributed_text": att.get("text"), "attributed_name": att.get("name"),
        "ev_sentence": ev.get("sentence"), "ev_start": ev.get("start"), "ev_end": ev.get("end"),
        "ev_text": ev.get("text"), "ev_trigger": ev.get("trigger"),
        "confidence": r.get("confidence"), "coder": r.get("coder"),
    }  # fmt: skip
    return tuple(values[c] for c in EVENT_COLUMNS)


def actor_rows(r: Record) -> list[tuple[Any, ...]]:
    rows = []
    for side in ("actor", "recipient"):
        for i, a in enumerate(r.get(side) or []):
            rows.append((r["id"], side, i, a.get("text"), a.get("name"), a.get("id"),
                         a.get("country"), a.get("sector"), a.get("role")))  # fmt: skip
    return rows


def mention_rows(r: Record) -> list[tuple[Any, ...]]:
    rows = []
    for m in r.get("mentions") or [
        dict(
            r["evidence"],
            doc_id=r["doc_id"],
            modality=r["modality"],
            confidence=r.get("confidence"),
        )
    ]:
        rows.append((mention_id(r["id"], m), r["id"], m.get("doc_id", r["doc_id"]), m.get("sentence"),
                     m.get("start"), m.get("end"), m.get("text"), m.get("trigger"),
                     m.get("modality"), m.get("confidence")))  # fmt: skip
    return rows


def record_from_rows(
    ev: tuple[Any, ...], actors: list[tuple[Any, ...]], mentions: list[tuple[Any, ...]]
) -> Record:
    e = dict(zip(EVENT_COLUMNS, ev, strict=True))
    location = None
    if e["loc_name"] is not None:
        location = {"name": e["loc_name"], "country": e["loc_country"], "admin1": e["loc_admin1"],
                    "lat": e["lat"], "lon": e["lon"],
                    "geonameid": int(e["geonameid"]) if e["geonameid"] is not None else None,
                    "precision": e["loc_precision"]}  # fmt: skip
    sides: dict[str, list[dict[str, Any]]] = {"actor": [], "recipient": []}
    for row in sorted(actors, key=lambda a: (a[1], a[2])):
        a = dict(zip(ACTOR_COLUMNS, row, strict=True))
        sides[a["side"]].append({"text": a["text"], "name": a["name"], "id": a["actor_id"],
                                 "country": a["country"], "sector": a["sector"], "role": a["role"]})  # fmt: skip
    ms = []
    for row in mentions:
        m = dict(zip(MENTION_COLUMNS, row, strict=True))
        ms.append({"sentence": m["sentence"], "start": m["start_char"], "end": m["end_char"],
                   "text": m["text"], "trigger": m["trigger"], "modality": m["modality"],
                   "confidence": m["confidence"], "doc_id": m["doc_id"]})  # fmt: skip
    ms.sort(
        key=lambda m: (m["doc_id"] != e["doc_id"], m["doc_id"], m["start"] or 0, m["trigger"] or "")
    )
    attributed = None
    if e["attributed_text"] is not None or e["attributed_name"] is not None:
        attributed = {"text": e["attributed_text"], "name": e["attributed_name"]}
    return {
        "id": e["event_id"], "doc_id": e["doc_id"], "event": e["event"], "mode": e["mode"],
        "context": json.loads(e["context"]) if e["context"] else [], "cameo": e["cameo"],
        "goldstein": e["goldstein"], "quad_class": e["quad_class"],
        "actor": sides["actor"], "recipient": sides["recipient"],
        "date": _iso(e["date"]), "enddate": _iso(e["enddate"]),
        "date_precision": e["date_precision"], "date_text": e["date_text"],
        "location": location, "modality": e["modality"], "attributed_to": attributed,
        "evidence": {"sentence": e["ev_sentence"], "start": e["ev_start"], "end": e["ev_end"],
                     "text": e["ev_text"], "trigger": e["ev_trigger"]},
        "confidence": e["confidence"], "coder": e["coder"], "mentions": ms,
    }  # fmt: skip
