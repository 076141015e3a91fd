"""Stage ``mizan_records``: turn event mentions into event records (the contract in
docs/schema.md), score their confidence, and merge repeated mentions of one event.

Two mentions in one document are the same event when they have the same PLOVER type, the
same actors and recipients, compatible dates and compatible places. The merged record keeps
every mention (``mentions``) and the evidence of the first.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .. import CODER
from ..confidence import score as confidence
from ..ontology import Ontology, load_ontology
from .actors import ActorMention
from .events import EventMention


def actor_key(m: dict[str, Any]) -> str:
    return str(m.get("id") or f"{m.get('country')}|{m.get('sector')}|{str(m.get('name')).lower()}")


def _dates_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if (
        a["date"] is None
        or b["date"] is None
        or "document" in (a["date_precision"], b["date_precision"])
    ):
        return True
    a0, b0 = date.fromisoformat(str(a["date"])), date.fromisoformat(str(b["date"]))
    a1 = date.fromisoformat(str(a["enddate"])) if a["enddate"] else a0
    b1 = date.fromisoformat(str(b["enddate"])) if b["enddate"] else b0
    return a0 <= b1 and b0 <= a1


def _places_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    la, lb = a["location"], b["location"]
    if not la or not lb:
        return True
    assert isinstance(la, dict) and isinstance(lb, dict)
    return bool(la["country"] == lb["country"])


def same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (
        a["event"] == b["event"]
        and a["_actors"] == b["_actors"]
        and a["_recipients"] == b["_recipients"]
        and _dates_compatible(a, b)
        and _places_compatible(a, b)
    )


def merge_into(kept: dict[str, Any], other: dict[str, Any]) -> None:
    """Fold ``other`` into ``kept``: keep every mention, fill gaps, take the better values."""
    kept_mentions = kept["mentions"]
    assert isinstance(kept_mentions, list)
    kept_mentions.extend(other["mentions"])
    if kept["date_precision"] == "document" and other["date_precision"] != "document":
        for f in ("date", "enddate", "date_precision", "date_text"):
            kept[f] = other[f]
    if kept["location"] is None:
        kept["location"] = other["location"]
    kept["confidence"] = round(
        1 - (1 - float(kept["confidence"])) * (1 - float(other["confidence"])) ** 0.5, 3
    )


class RecordBuilder:
    def __init__(self, ontology: Ontology) -> None:
        self.ontology = ontology

    def record(self, ev: EventMention, doc: Doc, doc_id: str) -> dict[str, Any] | None:
        if not ev.actor:
            return None
        if not any(m.actor_id or m.country for m in ev.actor):
            return None  # an event needs a resolved actor (precision first)
        code = self.ontology.get(ev.cameo)
        sent = doc[ev.trigger].sent
        evidence = {"sentence": ev.sentence, "start": sent.start_char, "end": sent.end_char,
                    "text": sent.text, "trigger": ev.trigger_text}  # fmt: skip
        actors = [m.as_actor() for m in _unique(ev.actor)]
        recipients = [m.as_actor() for m in _unique(ev.recipient)]
        raw = f"{doc_id}|{sent.start_char}|{doc[ev.trigger].idx}|{code.event}|{ev.cameo}"
        conf = confidence(ev)
        return {
            "id": hashlib.sha256(raw.encode()).hexdigest()[:20],
            "doc_id": doc_id,
            "event": code.event,
            "mode": code.mode,
            "context": list(code.context),
            "cameo": ev.cameo,
            "goldstein": code.goldstein,
            "quad_class": code.quad_class,
            "actor": actors,
            "recipient": recipients,
            "date": ev.date,
            "enddate": ev.enddate,
            "date_precision": ev.date_precision,
            "date_text": ev.date_text,
            "location": ev.location,
            "modality": ev.modality,
            "attributed_to": ev.attributed_to,
            "evidence": evidence,
            "confidence": conf,
            "coder": CODER,
            "mentions": [dict(evidence, modality=ev.modality, confidence=conf, doc_id=doc_id)],
            "_actors": sorted(actor_key(a) for a in actors),
            "_recipients": sorted(actor_key(r) for r in recipients),
        }

    def __call__(self, doc: Doc) -> Doc:
        doc_id = doc._.mizan_doc_id or ""
        records: list[dict[str, Any]] = []
        for ev in doc._.mizan_events or []:
            rec = self.record(ev, doc, doc_id)
            if rec is None:
                continue
            same = next((r for r in records if same_event(r, rec)), None)
            if same is not None:
                merge_into(same, rec)
            else:
                records.append(rec)
        for r in records:
            r.pop("_actors")
            r.pop("_recipients")
        doc._.mizan_records = records
        return doc


def _unique(ms: list[ActorMention]) -> list[ActorMention]:
    seen, out = set(), []
    for m in ms:
        key = m.actor_id or (m.country, m.sector, m.name)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


@Language.factory("mizan_records")
def make_record_builder(nlp: Language, name: str) -> RecordBuilder:
    return RecordBuilder(load_ontology())
