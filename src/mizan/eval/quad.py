"""``mizan eval quad``: quad-class accuracy on CAMEO-manual sentences labelled 0–4 (the
ConfliBERT cameo_class files, read by path: ``sentence<TAB>label``).

The labels are five classes, not the four of GDELT/ICEWS: 0 is neutral — statements and
appeals (CAMEO 01–02) —, 1 verbal cooperation (03–05), 2 material cooperation (06–08),
3 verbal conflict (09–13, and 16: reducing relations is PLOVER's SANCTION, which PLOVER's
quad table puts in verbal conflict), 4 material conflict (14–15, 17–20). This mapping is
documented nowhere with the data; it was checked against the training file (``mizan eval
quad train.tsv`` prints the same per-class agreement pattern; the appeals — "urged",
"called on" — are labelled 0 there, and 66 of the 70 sentences whose first event mizan codes
16 are labelled 3, none 4).

mizan's prediction is the class of the CAMEO code of its most confident event; a sentence
with no event is class 0 (mizan does not code statements). Extra events: events whose class
is not the gold class, as a share of sentences.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from ..documents import Document
from ..errors import EvalError
from ..pipeline import extract
from .common import confusion_lines

LABELS = {0: "0 statement/appeal (01-02)", 1: "1 verbal coop (03-05)",
          2: "2 material coop (06-08)", 3: "3 verbal conflict (09-13,16)",
          4: "4 material conflict (14-15,17-20)"}  # fmt: skip


def label_of(cameo: str | None) -> int:
    """The five-class label of a CAMEO code (None: no event → 0)."""
    if not cameo:
        return 0
    root = int(cameo[:2])
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4


@dataclass
class QuadResult:
    n: int = 0
    correct: int = 0
    events: int = 0
    extra: int = 0
    pairs: list[tuple[str, str]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def read_tsv(path: Path) -> list[tuple[str, int]]:
    if not Path(path).exists():
        raise EvalError(f"{path}: no such file; give the path to cameo_class/test.tsv")
    text = Path(path).read_text(encoding="utf-8")
    rows = []
    for i, row in enumerate(csv.reader(io.StringIO(text), delimiter="\t"), start=1):
        if not row or not "".join(row).strip():
            continue
        if len(row) < 2 or not row[-1].strip().isdigit() or int(row[-1]) not in LABELS:
            raise EvalError(f"{path}, line {i}: expected 'sentence<TAB>label' with a label 0-4")
        rows.append(("\t".join(row[:-1]).strip(), int(row[-1])))
    return rows


def evaluate(path: Path, nlp: Language) -> QuadResult:
    rows = read_tsv(path)
    docs = [Document(text=t, id=f"quad-{i}", date=None) for i, (t, _) in enumerate(rows)]
    res = QuadResult()
    for (text, gold), result in zip(rows, extract(docs, nlp), strict=True):
        preds = sorted(result.records, key=lambda r: -float(r["confidence"]))
        top = preds[0] if preds else None
        pred = label_of(top["cameo"]) if top else 0
        res.n += 1
        res.correct += pred == gold
        res.events += len(preds)
        res.extra += sum(label_of(p["cameo"]) != gold for p in preds)
        res.pairs.append((LABELS[gold], LABELS[pred]))
        if pred != gold:
            shown = "; ".join(f"{p['event']} {p['cameo']} '{p['evidence']['trigger']}'"
                              for p in preds) or "nothing"  # fmt: skip
            res.misses.append(f"gold {gold}, mizan {pred}: {shown}\n    {text}")
    return res


def report(res: QuadResult, errors: bool = False) -> str:
    lines = ["Quad class (0-4) — per gold class (prediction = mizan's most confident event)"]
    lines += confusion_lines(res.pairs, width=28)
    if errors:
        lines += ["", f"misses ({len(res.misses)}):", *res.misses]
    lines += ["", f"sentences={res.n} events={res.events} "
                  f"quad_accuracy={res.correct / max(res.n, 1):.3f} "
                  f"extra_events={res.extra / max(res.n, 1):.1%} (UniversalPetrarch: 315%)"]
    return "\n".join(lines)
