"""``mizan eval petrarch-unittest``: PETRARCH-2's unit-test records (MIT, read by path).

The suite tests grammar handling with fictional actors (Arnor, Gondor, ...) and its own
small dictionaries, named in the file's ``<Environment>`` and read from the same folder:
verbs, actors, agents and discards. mizan codes each record with **only** those dictionaries
(plus its own grammar: governors, modality cues, idioms) and CAMEO's conventions (no PLOVER
reductions: "is about to restore ties" stays 064), and is scored on:

* codings reproduced exactly — a gold (source, target, event code) triple matched by one of
  mizan's events: same country (and agent, when the gold code names one) on both sides and
  the same code;
* no-event records left uncoded;
* extra codings — mizan's triples that match no gold coding, as a share of gold codings.

Codes are the suite's own (some are WEIS codes, not CAMEO), so events are read before the
record stage (which maps CAMEO codes to PLOVER), whatever their modality: PETRARCH has none,
and the suite's own patterns code negations ("didn't clash" → 904).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import EvalError
from ..stages.actors import ActorMention
from .petrarch_agents import SuiteAgents

Coding = tuple[str | None, str | None, str | None, str | None, str]  # src c/s, tgt c/s, code


@dataclass
class SuiteRecord:
    id: str
    category: str
    text: str
    date: date | None
    codings: list[tuple[str, str, str]]
    no_event: bool


@dataclass
class UnitResult:
    records: int = 0
    codings: int = 0
    exact: int = 0
    no_event_n: int = 0
    no_event_ok: int = 0
    predicted: int = 0
    extra: int = 0
    by_category: dict[str, Counter[str]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def read_suite(path: Path) -> tuple[list[SuiteRecord], dict[str, Path]]:
    """The records of a PETRARCH unit-test file and the dictionaries it names."""
    if not Path(path).exists():
        raise EvalError(f"{path}: no such file; give the path to PETR.UnitTest.records.xml")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalError(f"{path}: not valid XML ({exc})") from None
    env: dict[str, Path] = {}
    for tag, key in (("Verbfile", "verbs"), ("Actorfile", "actors"), ("Agentfile", "agents"),
                     ("Discardfile", "discards")):  # fmt: skip
        el = root.find(f".//Environment/{tag}")
        if el is not None and el.text:
            env[key] = Path(path).parent / el.text.strip()
    records = []
    for s in root.iter("Sentence"):
        text = " ".join((s.findtext("Text") or "").split())
        if not text:
            continue
        codings, no_event = [], False
        for e in s.findall("EventCoding"):
            if (e.get("noevents") or "").lower() == "true":
                no_event = True
            elif e.get("eventcode"):
                codings.append((e.get("sourcecode") or "", e.get("targetcode") or "",
                                e.get("eventcode") or ""))  # fmt: skip
        raw = s.get("date") or ""
        day = None
        if len(raw) == 8 and raw.isdigit():
            try:
                day = date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
            except ValueError:
                day = None
        records.append(SuiteRecord(s.get("id") or "?", s.get("category") or "?", text, day,
                                   codings, no_event))  # fmt: skip
    return records, env


def _split(code: str) -> tuple[str | None, str | None]:
    from ..actors.importer import split_code

    if not code or code.startswith("---"):
        rest = split_code("XXX" + code[3:])[1] if len(code) > 3 else []
        return None, rest[0] if rest else None
    country, sectors = split_code(code)
    return country, sectors[0] if sectors else None


def _side_ok(gold: str, country: str | None, sector: str | None) -> bool:
    g_country, g_sector = _split(gold)
    if g_country != country:
        return False
    return g_sector is None or g_sector == sector


class SuiteCoder:
    """spaCy plus mizan's actor, event and modality stages, built from the suite's
    dictionaries only."""

    def __init__(self, nlp: Language, env: dict[str, Path]) -> None:
        from ..actors.registry import build_registry
        from ..datafiles import package_file
        from ..dictionaries.petrarch import read_verbs, verbs_to_mizan
        from ..governors import load_governors
        from ..ontology import load_ontology
        from ..stages.actors import ActorTagger
        from ..stages.events import EventCoder
        from ..stages.modality import ModalityTagger
        from ..verbs import PETRARCH_SOURCE, build_dictionary, suite_discards

        for key in ("verbs", "actors"):
            if key not in env or not env[key].exists():
                raise EvalError(f"the suite's {key} dictionary {env.get(key)} is missing")
        folder = package_file("verbs")
        source = PETRARCH_SOURCE + env["verbs"].name
        verbs = build_dictionary([(env["verbs"], verbs_to_mizan(read_verbs(env["verbs"]), source))],
                                 folder, nouns=False)  # fmt: skip
        if "discards" in env and env["discards"].exists():
            verbs.discards = suite_discards(env["discards"])
            verbs.story_discards = suite_discards(env["discards"], story=True)
        agents = [env["agents"]] if "agents" in env and env["agents"].exists() else []
        # mizan's titles ("prime minister") are grammar, not actors: kept
        registry = build_registry([env["actors"]], package_file("actors", "titles.yaml"), agents)
        governors = load_governors()
        self.nlp = nlp
        self.agents = SuiteAgents(env.get("agents"))
        self.stages: list[Callable[[Doc], Doc]] = [ActorTagger(registry),
                       EventCoder(verbs, load_ontology(), governors, keep_unknown_codes=True),
                       ModalityTagger(verbs, governors, reduce=False)]  # fmt: skip

    def code(self, rec: SuiteRecord) -> list[Coding]:
        doc = self.nlp.make_doc(rec.text)
        doc._.mizan_date = rec.date
        doc._.mizan_doc_id = rec.id
        for _name, proc in self.nlp.pipeline:
            doc = proc(doc)
        for stage in self.stages:
            doc = stage(doc)
        out: list[Coding] = []
        index: dict[int, ActorMention] = {}
        for m in doc._.mizan_actors or []:
            for i in range(m.start, m.end):
                index.setdefault(i, m)

        def side(m: ActorMention) -> tuple[str | None, str | None]:
            return self.agents.compose(doc, m, index)

        for ev in doc._.mizan_events or []:
            actors = [side(m) for m in ev.actor]
            recipients = [side(m) for m in ev.recipient]
            if not any(c for c, _s in actors):
                continue  # as in mizan's records: an event needs a resolved actor
            if len(actors) > 1 and not recipients:
                # PETRARCH codes "A and B renewed ties" as A→B and B→A; mizan keeps one
                # event with both actors and no recipient: the same fact, scored in that form
                for a in actors:
                    for b in actors:
                        if a is not b:
                            out.append((*a, *b, ev.cameo))
                continue
            for a in actors:
                for r in recipients or [(None, None)]:
                    out.append((*a, *r, ev.cameo))
                    if ev.reverse and r[0]:
                        # a "[032:033]" pattern codes the other side too: the host hosts
                        out.append((*r, *a, ev.reverse))
        return out


def evaluate(path: Path, nlp: Language) -> UnitResult:
    records, env = read_suite(path)
    coder = SuiteCoder(nlp, env)
    res = UnitResult()
    for rec in records:
        res.records += 1
        pred = coder.code(rec)
        cat = res.by_category.setdefault(rec.category, Counter())
        if rec.no_event:
            res.no_event_n += 1
            ok = not pred
            res.no_event_ok += ok
            cat["no-event ok" if ok else "no-event coded"] += 1
            if not ok:
                res.misses.append(f"{rec.id}: gold no event; mizan {pred}\n    {rec.text}")
            res.extra += len(pred)
            res.predicted += len(pred)
            continue
        used: set[int] = set()
        for src, tgt, code in rec.codings:
            res.codings += 1
            hit = next((i for i, p in enumerate(pred) if i not in used and p[4] == code
                        and _side_ok(src, p[0], p[1]) and _side_ok(tgt, p[2], p[3])), None)  # fmt: skip
            if hit is not None:
                used.add(hit)
                res.exact += 1
                cat["exact"] += 1
                continue
            why = _why(src, tgt, code, pred)
            cat[why] += 1
            res.misses.append(f"{rec.id} [{rec.category}]: gold {src} {tgt} {code}; {why}; "
                              f"mizan {pred or 'nothing'}\n    {rec.text}")  # fmt: skip
        res.predicted += len(pred)
        res.extra += len(pred) - len(used)
    return res


def _why(src: str, tgt: str, code: str, pred: list[Coding]) -> str:
    if not pred:
        return "missed"
    same_code = [p for p in pred if p[4] == code]
    if not same_code:
        return "wrong code"
    if not any(_side_ok(src, p[0], p[1]) for p in same_code):
        return "wrong source"
    return "wrong target"


def report(res: UnitResult, errors: bool = False) -> str:
    lines = ["PETRARCH unit-test records — per suite category"]
    lines.append(f"{'category':<12}{'codings':>8}{'exact':>7}  failures")
    for cat in sorted(res.by_category):
        c = res.by_category[cat]
        n = sum(v for k, v in c.items() if not k.startswith("no-event"))
        fails = ", ".join(f"{k}:{v}" for k, v in c.most_common() if k != "exact")
        lines.append(f"{cat:<12}{n:>8}{c['exact'] / max(n, 1):>7.2f}  {fails[:70]}")
    if errors:
        lines += ["", f"misses ({len(res.misses)}):", *res.misses]
    lines += [
        "",
        f"records={res.records} codings={res.codings} "
        f"codings_exact={res.exact / max(res.codings, 1):.3f} "
        f"no_event_records={res.no_event_n} "
        f"no_event_uncoded={res.no_event_ok / max(res.no_event_n, 1):.3f} "
        f"extra_codings={res.extra / max(res.codings, 1):.1%} (UniversalPetrarch: 315%)",
    ]
    return "\n".join(lines)
