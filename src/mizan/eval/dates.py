"""``mizan eval dates FILE``: date resolution against hand-dated sentences.

Each line of FILE is ``{"text", "doc_date", "gold_date"}``, optionally with ``gold_enddate``,
``gold_precision`` and ``trigger`` (the word of the event to date; the last occurrence in the
text; default: the root of the last sentence). mizan reads the text with the full pipeline
and the publication date ``doc_date``, then dates the trigger with the dates stage — the same
function that dates every event — so the score measures date resolution even where the event
coder finds no event at that word. It reports:

* exact-day accuracy — mizan's ``date`` equals ``gold_date``;
* precision accuracy and end-date accuracy, over the cases that give them;
* coverage — the cases where mizan also coded an event at the trigger, and how many of
  those records carry the gold date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..documents import Document
from ..errors import EvalError
from ..pipeline import make_doc
from ..stages.dates import Dated, DateResolver, is_future, office_start

REQUIRED = ("text", "doc_date", "gold_date")


@dataclass
class DateCase:
    line: int
    text: str
    doc_date: date
    gold_date: date
    gold_enddate: date | None = None
    gold_precision: str | None = None
    trigger: str | None = None


@dataclass
class DatesResult:
    n: int = 0
    exact: int = 0
    precision_n: int = 0
    precision_ok: int = 0
    end_n: int = 0
    end_ok: int = 0
    covered: int = 0
    covered_ok: int = 0
    misses: list[str] = field(default_factory=list)


def _date(value: Any, path: Path, line: int, name: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise EvalError(f"{path}:{line}: {name} {value!r} is not a YYYY-MM-DD date") from None


def load_cases(path: Path) -> list[DateCase]:
    if not Path(path).exists():
        raise EvalError(f"{path}: no such file; give a JSONL file of dated sentences")
    cases = []
    for i, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{path}:{i}: not valid JSON ({exc.msg})") from None
        missing = [k for k in REQUIRED if not isinstance(rec, dict) or not rec.get(k)]
        if missing:
            raise EvalError(f"{path}:{i}: missing {', '.join(missing)} (each line needs "
                            f"{', '.join(REQUIRED)})")  # fmt: skip
        cases.append(DateCase(
            i, str(rec["text"]), _date(rec["doc_date"], path, i, "doc_date"),
            _date(rec["gold_date"], path, i, "gold_date"),
            _date(rec["gold_enddate"], path, i, "gold_enddate") if rec.get("gold_enddate") else None,
            rec.get("gold_precision"), rec.get("trigger"),
        ))  # fmt: skip
    if not cases:
        raise EvalError(f"{path}: no cases")
    return cases


def target(doc: Doc, trigger: str | None) -> Token | None:
    """The token to date: the last occurrence of ``trigger``, else the last sentence's root."""
    if trigger:
        hits = [t for t in doc if t.text.lower() == trigger.lower()]
        return hits[-1] if hits else None
    sents = list(doc.sents)
    return sents[-1].root if sents else None


def date_case(doc: Doc, tok: Token, resolver: DateResolver) -> Dated:
    """Date one token the way the dates stage dates an event there."""
    ev = next((e for e in doc._.mizan_events or [] if e.trigger == tok.i), None)
    modality = ev.modality if ev is not None else "asserted"
    base = doc._.mizan_date
    office = None
    if base is not None:
        ids = [m.actor_id for m in (ev.actor if ev is not None else [])]
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        for m in doc._.mizan_actors or []:
            if any(m.start <= s.i < m.end for s in subj):
                ids.append(m.actor_id)
        office = next((s for s in (office_start(i, base) for i in ids) if s), None)
    return resolver.date_token(doc, resolver.analyse(doc), tok, is_future(tok, modality), office)


def evaluate(path: Path, nlp: Language) -> DatesResult:
    cases = load_cases(path)
    resolver = nlp.get_pipe("mizan_dates")
    assert isinstance(resolver, DateResolver)
    docs = (
        make_doc(nlp, Document(text=c.text, id=f"dates-{c.line}", date=c.doc_date)) for c in cases
    )
    res = DatesResult()
    for case, doc in zip(cases, nlp.pipe(docs), strict=True):
        res.n += 1
        tok = target(doc, case.trigger)
        got = date_case(doc, tok, resolver) if tok is not None else None
        ok = got is not None and got.date == case.gold_date
        res.exact += ok
        if case.gold_precision:
            res.precision_n += 1
            res.precision_ok += got is not None and got.precision == case.gold_precision
        if case.gold_precision not in (None, "document"):
            res.end_n += 1
            res.end_ok += got is not None and got.enddate == case.gold_enddate
        rec = next((r for r in doc._.mizan_records or [] if tok is not None
                    and r["evidence"]["trigger"] == tok.text), None)  # fmt: skip
        if rec is not None:
            res.covered += 1
            res.covered_ok += rec["date"] == case.gold_date.isoformat()
        if not ok or (case.gold_precision and got and got.precision != case.gold_precision):
            shown = (
                "no trigger"
                if got is None
                else (f"{got.date} {got.enddate or ''} {got.precision} from {got.how} {got.text!r}")
            )
            res.misses.append(f"line {case.line}: gold {case.gold_date} {case.gold_enddate or ''} "
                              f"{case.gold_precision or ''}; mizan {shown}\n    {case.text}")  # fmt: skip
    return res


def report(res: DatesResult, errors: bool = False) -> str:
    lines = [f"dates: {res.n} cases"]
    if errors:
        lines += [f"misses ({len(res.misses)}):", *res.misses, ""]
    lines.append(
        f"cases={res.n} exact_day_accuracy={res.exact / max(res.n, 1):.3f} "
        f"precision_accuracy={res.precision_ok / max(res.precision_n, 1):.3f} "
        f"enddate_accuracy={res.end_ok / max(res.end_n, 1):.3f} "
        f"events_coded={res.covered} event_date_accuracy={res.covered_ok / max(res.covered, 1):.3f}"
    )
    return "\n".join(lines)
