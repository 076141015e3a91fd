"""``mizan eval demo``: the bundled demo corpus against its hand-coded gold
(``data/demo/expected.yaml``), a regression check on text mizan was not tuned on sentence by
sentence.

The gold codes the act itself with its modality ("Kadhimi would visit Paris" is CONSULT,
future). PLOVER codes a future or conditional cooperative act as AGREE and a future use of
force as THREATEN; the gold is read through those same rules before comparing, so both sides
speak PLOVER.

A gold event is found when a record with a mention in the gold sentence has the gold type
and the gold actor (registry id, ISO country, or — for unnamed agents such as ``IRQCVL`` —
the country; the sector is the actor stage's business). Precision counts mizan's records that match some gold event of their sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..datafiles import load_yaml, package_file
from ..documents import read_inputs
from ..pipeline import extract

COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
FORCE = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}


def plover_event(event: str, modality: str, sentence: str) -> str:
    """The gold event read through PLOVER's future/conditional rules."""
    conditional = any(w in sentence.lower().split() for w in ("if", "unless"))
    if modality == "future" or (modality == "hypothetical" and " would " in f" {sentence} "):
        if event in COOPERATIVE:
            return "AGREE"
        if event in FORCE:
            return "THREATEN"
    if modality == "hypothetical" and conditional and " would " in f" {sentence} " and (
        event in FORCE
    ):
        return "THREATEN"
    return event


def actor_matches(gold: str | None, side: list[dict[str, Any]]) -> bool:
    if not gold:
        return True
    for a in side:
        if gold.islower() and a.get("id") == gold:
            return True
        if gold.isupper() and len(gold) == 3 and (a.get("country") == gold or a.get("id") == gold):
            return True
        if gold.isupper() and len(gold) == 6 and a.get("country") == gold[:3]:
            return True  # an unnamed agent ("IRQCVL"): the country is the coder's part
    return False


@dataclass
class DemoResult:
    gold: int = 0
    found: int = 0
    type_found: int = 0
    records: int = 0
    correct: int = 0
    confidences: list[tuple[float, bool]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)


def _sentence_of(rec: dict[str, Any]) -> set[str]:
    return {" ".join(m["text"].split()) for m in rec["mentions"]}


def evaluate(nlp: Language, reports: Path | None = None, expected: Path | None = None) -> DemoResult:
    reports = reports or package_file("demo", "reports.jsonl")
    expected = expected or package_file("demo", "expected.yaml")
    gold = load_yaml(expected) or []
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for result in extract(read_inputs([str(reports)]), nlp):
        if result.document is not None:
            by_doc[result.document.id] = result.records
    res = DemoResult()
    used: set[int] = set()
    for g in gold:
        res.gold += 1
        sent = " ".join(str(g["sentence"]).split())
        want = plover_event(g["event"], g.get("modality") or "asserted", sent)
        recs = [r for r in by_doc.get(g["doc"], []) if any(sent in s or s in sent
                                                            for s in _sentence_of(r))]  # fmt: skip
        typed = [r for r in recs if r["event"] == want]
        res.type_found += bool(typed)
        hit = next((r for r in typed if actor_matches(g.get("actor"), r["actor"])), None)
        if hit is not None:
            res.found += 1
            used.add(id(hit))
        else:
            shown = "; ".join(f"{r['event']} {[a.get('id') or a.get('country') for a in r['actor']]}"
                              for r in recs) or "nothing"  # fmt: skip
            res.misses.append(f"{g['doc']}: gold {want} {g.get('actor')}; mizan {shown}\n    {sent}")
    gold_sents: dict[str, list[dict[str, Any]]] = {}
    for g in gold:
        gold_sents.setdefault(g["doc"], []).append(g)
    for doc, recs in by_doc.items():
        for r in recs:
            res.records += 1
            ok = id(r) in used or any(
                plover_event(g["event"], g.get("modality") or "asserted", str(g["sentence"]))
                == r["event"] and actor_matches(g.get("actor"), r["actor"])
                and any(" ".join(str(g["sentence"]).split()) in s for s in _sentence_of(r))
                for g in gold_sents.get(doc, [])
            )
            res.correct += ok
            res.confidences.append((float(r["confidence"]), ok))
            if not ok:
                res.extras.append(f"{doc}: {r['event']} {r['cameo']} {r['modality']} "
                                  f"{[a.get('id') or a.get('country') for a in r['actor']]} "
                                  f"'{r['evidence']['trigger']}'\n    {r['evidence']['text']}")  # fmt: skip
    return res


def report(res: DemoResult, errors: bool = False) -> str:
    lines = ["Demo corpus against data/demo/expected.yaml"]
    if errors:
        lines += ["", f"missed ({len(res.misses)}):", *res.misses,
                  "", f"not in the gold ({len(res.extras)}):", *res.extras]  # fmt: skip
    lines += ["", f"gold={res.gold} found={res.found} recall={res.found / max(res.gold, 1):.3f} "
                  f"type_recall={res.type_found / max(res.gold, 1):.3f} records={res.records} "
                  f"precision={res.correct / max(res.records, 1):.3f} "
                  f"extra_events={(res.records - res.correct) / max(res.gold, 1):.1%}"]  # fmt: skip
    return "\n".join(lines)
