"""``mizan eval plover-gsr``: the PLOVER gold-standard records (CC BY-SA 4.0, read by path).

Each gold record is one sentence coded by hand. mizan codes the sentence alone (publication
date 2000-01-01, as in the file) and is scored on:

* event-type accuracy — the type of mizan's most confident event equals the gold type
  (2017 categories mapped to today's 16: DEMAND→REQUEST, DISAPPROVE→ACCUSE,
  INVESTIGATE→ACCUSE, FIGHT→ASSAULT);
* actor and recipient country accuracy — on that event, over records with a gold source
  (target);
* triple precision, recall and F1 — a triple is (actor country, event, recipient country),
  every actor × recipient of every event mizan emits, against the gold triples;
* extra events — emitted events matching no gold triple, as a share of gold records
  (UniversalPetrarch's validation reported 315%).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..documents import Document
from ..pipeline import extract
from .common import GSR_EVENT_MAP, confusion_lines, load_json, norm_country, prf
from .places import PlaceScore, place_lines, score_place

GSR_DATE = date(2000, 1, 1)


@dataclass
class GsrResult:
    n: int = 0
    type_correct: int = 0
    type_any: int = 0
    actor_n: int = 0
    actor_correct: int = 0
    recipient_n: int = 0
    recipient_correct: int = 0
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    extra: int = 0
    no_event: int = 0
    pairs: list[tuple[str, str]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    places: PlaceScore = field(default_factory=PlaceScore)  # the records with an eventLoc


def _gold(rec: dict[str, Any]) -> tuple[str, set[str], set[str], set[tuple[Any, ...]]]:
    event = GSR_EVENT_MAP.get(rec["event"], rec["event"])
    src = {
        c
        for c in (
            norm_country(s.get("code")) for s in rec.get("source") or [] if isinstance(s, dict)
        )
        if c
    }
    tgt_raw = rec.get("target")
    tgt = (
        {
            c
            for c in (norm_country(s.get("code")) for s in tgt_raw or [] if isinstance(s, dict))
            if c
        }
        if isinstance(tgt_raw, list)
        else set()
    )
    none: set[str | None] = {None}
    triples = {(s, event, t) for s in (src or none) for t in (tgt or none)}
    return event, src, tgt, triples


def _triples(r: dict[str, Any]) -> set[tuple[Any, ...]]:
    acts = {norm_country(a.get("country")) for a in r["actor"]} or {None}
    recs = {norm_country(a.get("country")) for a in r["recipient"]} or {None}
    return {(a, r["event"], t) for a in acts for t in recs}


def evaluate(path: Path, nlp: Language) -> GsrResult:
    data = load_json(path)
    gold = [
        r
        for r in data
        if isinstance(r, dict) and r.get("event") not in (None, "DOCUMENT") and r.get("text")
    ]
    docs = [Document(text=r["text"], id=str(r["id"]), date=GSR_DATE) for r in gold]
    res = GsrResult()
    for rec, result in zip(gold, extract(docs, nlp), strict=True):
        event, src, tgt, gtriples = _gold(rec)
        preds = sorted(result.records, key=lambda r: -float(r["confidence"]))
        res.n += 1
        score_place(res.places, rec, preds, nlp)
        top = preds[0] if preds else None
        predicted = top["event"] if top else "none"
        res.pairs.append((event, predicted))
        res.type_correct += predicted == event
        res.type_any += any(p["event"] == event for p in preds)
        res.no_event += top is None
        if src:
            res.actor_n += 1
            res.actor_correct += bool(
                top and {norm_country(a.get("country")) for a in top["actor"]} & src
            )
        if tgt:
            res.recipient_n += 1
            res.recipient_correct += bool(
                top and {norm_country(a.get("country")) for a in top["recipient"]} & tgt
            )
        ptriples: set[tuple[Any, ...]] = set()
        for p in preds:
            t = _triples(p)
            ptriples |= t
            res.extra += not (t & gtriples)
        res.tp += len(ptriples & gtriples)
        res.n_pred += len(ptriples)
        res.n_gold += len(gtriples)
        if predicted != event or not (ptriples & gtriples):
            res.misses.append(
                f"{rec['id']}: gold {event} {sorted(src)}→{sorted(tgt)}; mizan "
                + ("; ".join(f"{p['event']} {p['cameo']} {[a.get('country') for a in p['actor']]}→"
                             f"{[a.get('country') for a in p['recipient']]} '{p['evidence']['trigger']}'" for p in preds) or "nothing")
                + f"\n    {rec['text']}"
            )  # fmt: skip
    return res


def report(res: GsrResult, errors: bool = False) -> str:
    p, r, f = prf(res.tp, res.n_pred, res.n_gold)
    lines = ["PLOVER GSR — per gold event type (prediction = mizan's most confident event)"]
    lines += confusion_lines(res.pairs)
    if errors:
        lines += ["", f"misses ({len(res.misses)}):", *res.misses]
        lines += ["", f"location misses ({len(res.places.misses)}):", *res.places.misses]
    lines += [
        "",
        f"records={res.n} no_event={res.no_event} event_type_accuracy={res.type_correct / res.n:.3f} "
        f"event_type_any={res.type_any / res.n:.3f} "
        f"actor_country_accuracy={res.actor_correct / max(res.actor_n, 1):.3f} "
        f"recipient_country_accuracy={res.recipient_correct / max(res.recipient_n, 1):.3f} "
        f"triple_precision={p:.3f} triple_recall={r:.3f} triple_f1={f:.3f} "
        f"extra_events={res.extra / res.n:.1%}",
        *place_lines(res.places),
    ]
    return "\n".join(lines)
