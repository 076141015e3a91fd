"""``mizan eval plover-gsr``: the PLOVER gold-standard records (CC BY-SA 4.0, read by path).

Each gold record is one sentence coded by hand. mizan codes the sentence alone (publication
date 2000-01-01, as in the file) and is scored on:

* event-type accuracy — the type of mizan's most confident event equals the gold type
  (2017 categories mapped to today's 16: DEMAND→REQUEST, DISAPPROVE→ACCUSE,
  INVESTIGATE→ACCUSE, FIGHT→ASSAULT);
* mode accuracy — on the records whose event type is right and whose gold mode exists in
  PLOVER's 2021 modes (2017 names mapped: strike-hun→hunger, demo-org→demo, ...);
* actor and recipient country accuracy — on that event, over records with a gold source
  (target);
* triple precision, recall and F1 — a triple is (actor country, event, recipient country),
  every actor × recipient of every event mizan emits, against the gold triples. The gold
  marks reciprocal participants "SRC/TAR" and lists them all as sources with no target
  (PLOVER: "all participants are coded in the actor field"); mizan's dyad A→B between two
  reciprocal participants is scored in that form, as (A, event, –) and (B, event, –);
* extra events — emitted events matching no gold triple, as a share of gold records
  (UniversalPetrarch's validation reported 315%);
* a reliability table — mizan's events by confidence bin, with the share whose type is
  right and the share with a right triple: higher confidence must mean more often right.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..documents import Document
from ..pipeline import extract
from .common import (
    GSR_EVENT_MAP,
    GSR_MODE_MAP,
    Reliability,
    confusion_lines,
    load_json,
    norm_country,
    prf,
)
from .places import PlaceScore, place_lines, score_place

GSR_DATE = date(2000, 1, 1)
Triple = tuple[str | None, str, str | None]


@dataclass
class GsrResult:
    n: int = 0
    type_correct: int = 0
    type_any: int = 0
    mode_n: int = 0
    mode_correct: int = 0
    actor_n: int = 0
    actor_correct: int = 0
    recipient_n: int = 0
    recipient_correct: int = 0
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    n_events: int = 0
    extra: int = 0
    no_event: int = 0
    pairs: list[tuple[str, str]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    places: PlaceScore = field(default_factory=PlaceScore)  # the records with an eventLoc
    reliability: Reliability = field(default_factory=Reliability)


@dataclass
class Gold:
    event: str
    mode: str | None
    src: set[str]
    tgt: set[str]
    reciprocal: set[str]
    triples: set[Triple]


def _codes(raw: Any) -> set[str]:
    if not isinstance(raw, list):
        return set()
    return {c for c in (norm_country(s.get("code")) for s in raw if isinstance(s, dict)) if c}


def gold_of(rec: dict[str, Any]) -> Gold:
    event = GSR_EVENT_MAP.get(rec["event"], rec["event"])
    src, tgt = _codes(rec.get("source")), _codes(rec.get("target"))
    info = rec.get("textInfo")
    markup = str(info.get("markup") or "") if isinstance(info, dict) else str(info or "")
    reciprocal = src if "SRC/TAR" in markup and not tgt else set()
    none: set[str | None] = {None}
    triples: set[Triple] = {(s, event, t) for s in (src or none) for t in (tgt or none)}
    mode = str(rec.get("mode") or "").strip() or None
    return Gold(event, GSR_MODE_MAP.get(mode or "", mode), src, tgt, reciprocal, triples)


def triples_of(r: dict[str, Any], reciprocal: set[str] = frozenset()) -> set[Triple]:  # type: ignore[assignment]
    acts = {norm_country(a.get("country")) for a in r["actor"]} or {None}
    recs = {norm_country(a.get("country")) for a in r["recipient"]} or {None}
    out: set[Triple] = set()
    for a in acts:
        for t in recs:
            if a in reciprocal and t in reciprocal:
                out |= {(a, r["event"], None), (t, r["event"], None)}
            else:
                out.add((a, r["event"], t))
    return out


def evaluate(path: Path, nlp: Language, known_modes: set[str] | None = None) -> GsrResult:
    from ..ontology import load_ontology

    data = load_json(path)
    gold = [
        r
        for r in data
        if isinstance(r, dict) and r.get("event") not in (None, "DOCUMENT") and r.get("text")
    ]
    if known_modes is None:
        known_modes = {c.mode for c in load_ontology().codes.values() if c.mode}
    docs = [Document(text=r["text"], id=str(r["id"]), date=GSR_DATE) for r in gold]
    res = GsrResult()
    for rec, result in zip(gold, extract(docs, nlp), strict=True):
        g = gold_of(rec)
        preds = sorted(result.records, key=lambda r: -float(r["confidence"]))
        res.n += 1
        score_place(res.places, rec, preds, nlp)
        top = preds[0] if preds else None
        predicted = top["event"] if top else "none"
        res.pairs.append((g.event, predicted))
        res.type_correct += predicted == g.event
        res.type_any += any(p["event"] == g.event for p in preds)
        res.no_event += top is None
        if top is not None and predicted == g.event and g.mode in known_modes:
            res.mode_n += 1
            res.mode_correct += top.get("mode") == g.mode
        if g.src:
            res.actor_n += 1
            res.actor_correct += bool(
                top and {norm_country(a.get("country")) for a in top["actor"]} & g.src
            )
        if g.tgt:
            res.recipient_n += 1
            res.recipient_correct += bool(
                top and {norm_country(a.get("country")) for a in top["recipient"]} & g.tgt
            )
        ptriples: set[Triple] = set()
        for p in preds:
            t = triples_of(p, g.reciprocal)
            ptriples |= t
            hit = bool(t & g.triples)
            res.extra += not hit
            res.n_events += 1
            res.reliability.add(float(p["confidence"]), p["event"] == g.event, hit)
        res.tp += len(ptriples & g.triples)
        res.n_pred += len(ptriples)
        res.n_gold += len(g.triples)
        if predicted != g.event or not (ptriples & g.triples):
            shown = "; ".join(
                f"{p['event']} {p['cameo']} {p['modality']} {p['confidence']:.2f} "
                f"{[a.get('country') for a in p['actor']]}→"
                f"{[a.get('country') for a in p['recipient']]} '{p['evidence']['trigger']}'"
                for p in preds
            )
            res.misses.append(
                f"{rec['id']}: gold {g.event} {sorted(g.src)}→{sorted(g.tgt)}; mizan "
                f"{shown or 'nothing'}\n    {rec['text']}"
            )
    return res


def report(res: GsrResult, errors: bool = False) -> str:
    p, r, f = prf(res.tp, res.n_pred, res.n_gold)
    lines = ["PLOVER GSR — per gold event type (prediction = mizan's most confident event)"]
    lines += confusion_lines(res.pairs)
    lines += ["", "reliability (all events mizan emitted):", *res.reliability.lines()]
    if errors:
        lines += ["", f"misses ({len(res.misses)}):", *res.misses]
        lines += ["", f"location misses ({len(res.places.misses)}):", *res.places.misses]
    lines += [
        "",
        f"records={res.n} no_event={res.no_event} events={res.n_events} "
        f"event_type_accuracy={res.type_correct / res.n:.3f} "
        f"event_type_any={res.type_any / res.n:.3f} "
        f"mode_accuracy={res.mode_correct / max(res.mode_n, 1):.3f} (n={res.mode_n}) "
        f"actor_country_accuracy={res.actor_correct / max(res.actor_n, 1):.3f} "
        f"recipient_country_accuracy={res.recipient_correct / max(res.recipient_n, 1):.3f} "
        f"triple_precision={p:.3f} triple_recall={r:.3f} triple_f1={f:.3f} "
        f"extra_events={res.extra / res.n:.1%} (UniversalPetrarch: 315%)",
        *place_lines(res.places),
    ]
    return "\n".join(lines)
