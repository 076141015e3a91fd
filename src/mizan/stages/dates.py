"""Stage ``mizan_dates``: date every event, with its precision.

Which expression dates an event:

1. **the governing expression** — walking up the parse from the trigger to the root of the
   sentence, the first word that a time expression modifies ("met *on Thursday*", "the arrest
   *the day before yesterday*", "Last week, X headed a delegation that visited Y" dates the
   visit). Several on one word: the most specific wins (a calendar date over a weekday over
   "yesterday"/"today" over a period), then the nearest. A future event only looks inside its
   own clause;
2. **the sentence's frame** — an expression attached to the main clause that the parse hung
   somewhere the walk does not pass;
3. **the narrative time** — the last frame expression of the same passage (paragraph), for an
   event told in the past tense ("They returned to Baghdad." after "On Monday, ...");
4. **the publication date**, with precision ``document`` (``unknown`` without one).

Expressions such as "the next day" or "a few days later" resolve against the narrative time
wherever it was set; "since taking office" starts at the office the event's actor holds on
the publication date (from the actor registry). An asserted or reported event whose date ends
more than ``historical_after_days`` (data/time/expressions.yaml; 30) before publication
becomes ``historical``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..actors.registry import Registry
from ..timeexpr import TimeValue, resolve, time_words
from .doccache import sent_start_of
from .events import EventMention
from .syntax import governing_verb
from .timeline import DocTimes, TimeMention, analyse

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
FUTURE_VERBS = {"scheduled", "expected", "due", "set", "planning", "plans", "going", "poised"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "csubjpass", "pcomp"}


@dataclass(frozen=True)
class Dated:
    date: dt.date | None
    enddate: dt.date | None
    precision: str
    text: str | None
    how: str  # governing | frame | narrative | document | unknown


class DateResolver:
    def __init__(self) -> None:
        self.words = time_words()

    @staticmethod
    def analyse(doc: Doc) -> DocTimes:
        """The document's time expressions and narrative time (``timeline.analyse``)."""
        return analyse(doc)

    # -- dating one trigger ---------------------------------------------------------------
    def value(
        self, m: TimeMention, base: date, future: bool, office: date | None
    ) -> TimeValue | None:
        office = office if "since" in m.text.lower() else None
        if not future and office is None:
            return m.value
        return resolve(m.text, base, future, anchor=m.anchor, office_start=office)

    def date_token(
        self, doc: Doc, times: DocTimes, trig: Token, future: bool, office: date | None = None
    ) -> Dated:
        base = times.base
        if base is None:
            return Dated(None, None, "unknown", None, "unknown")
        # 1. the expression governing the trigger's clause: on the trigger's own clause
        # ("attended the meeting in 2019"), then on each clause above it
        sent = sent_start_of(doc, trig.i)
        in_sent = [m for m in times.mentions if m.sent == sent]
        t, steps = trig, 0
        own = _own_clause(trig) if in_sent else [trig]
        while steps < 12 and in_sent:
            cands = [m for o in (own if steps == 0 else [t]) for m in times.by_attach.get(o.i, ())
                     if m.sent == sent]  # fmt: skip
            cands.sort(key=lambda m: (-m.rank, abs(m.start - trig.i)))
            for m in cands:
                v = self.value(m, base, future, office)
                if v is not None:
                    return _dated(v, m.text, "governing", base, future)
            if t.head.i == t.i or (future and t.dep_ in CLAUSE_DEPS and t.pos_ in ("VERB", "AUX")):
                break
            t, steps = t.head, steps + 1
        # 1b. a participle clause on one of the trigger's own words ("The vote, held on
        # Wednesday, was boycotted"; "trucks carrying supplies ... on Tuesday")
        own_ids = {o.i for o in own}
        for m in sorted(in_sent, key=lambda m: -m.rank):
            clause = doc[m.attach]
            if _participle(clause) and clause.head.i in own_ids:
                v = self.value(m, base, future, office)
                if v is not None:
                    return _dated(v, m.text, "governing", base, future)
        if future:
            return Dated(base, None, "document", None, "document")
        # 2. the frame of the sentence
        for m in in_sent:
            if m.frame:
                v = self.value(m, base, future, office)
                if v is not None:
                    return _dated(v, m.text, "frame", base, future)
        # 3. the narrative time of the passage, for a past-tense event
        frame = _narrative_frame([m for m in times.frames if m.start < trig.i])
        passage = times.passages.get(sent, 0)
        if frame is not None and frame.passage == passage and frame.value and not _present(trig):
            return _dated(frame.value, frame.text, "narrative", base, future)
        return Dated(base, None, "document", None, "document")

    def __call__(self, doc: Doc) -> Doc:
        events: list[EventMention] = doc._.mizan_events or []
        if not events:
            return doc
        times = self.analyse(doc)
        base = times.base
        for ev in sorted(events, key=lambda e: e.trigger):
            trig = doc[ev.trigger]
            future = is_future(trig, ev.modality)
            office = _office_start(ev, base) if _needs_office(times, trig) else None
            d = self.date_token(doc, times, trig, future, office)
            ev.date = d.date.isoformat() if d.date else None
            ev.enddate = d.enddate.isoformat() if d.enddate else None
            ev.date_precision = d.precision
            ev.date_text = d.text
            if (
                base is not None
                and d.date is not None
                and d.precision not in ("document", "unknown")
                and ev.modality in ("asserted", "reported")
                and (d.enddate or d.date) < base - timedelta(days=self.words.historical_after_days)
            ):
                ev.modality = "historical"
        return doc


def _dated(v: TimeValue, text: str, how: str, base: date, future: bool) -> Dated:
    start, end = v.date, v.enddate
    if not future and v.relative_to == "narrative":
        # "a few days later" cannot pass the publication date of a past event
        start = min(start, base)
        end = min(end, base) if end is not None else None
        end = None if end == start else end
    return Dated(start, end, v.precision, text, how)


def _participle(t: Token) -> bool:
    """A participle clause without a subject of its own, on a noun ("held on Wednesday")."""
    return t.dep_ == "acl" and t.tag_ in ("VBN", "VBG") and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in t.children)  # fmt: skip


def _own_clause(trig: Token) -> list[Token]:
    """The trigger and its dependents, not descending into other clauses."""
    out, stack = [trig], [c for c in trig.children]
    while stack:
        t = stack.pop()
        if t.dep_ in CLAUSE_DEPS | {"conj", "xcomp"} and t.pos_ in ("VERB", "AUX"):
            continue
        out.append(t)
        stack.extend(t.children)
    return out


def is_future(trig: Token, modality: str = "asserted") -> bool:
    """Does the trigger's clause speak of the future ("will meet", "is scheduled to visit")?"""
    if modality == "future":
        return True
    verb = governing_verb(trig)
    for t in (verb, verb.head if verb.dep_ == "xcomp" else verb):
        if any(c.lower_ in FUTURE_AUX for c in t.children if c.dep_ == "aux"):
            return True
        if t.lower_ in FUTURE_VERBS and any(c.dep_ == "xcomp" for c in t.children):
            return True
    return False


def _present(trig: Token) -> bool:
    verb = governing_verb(trig)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "VBD" or a.lower_ in ("had", "did") for a in auxes):
        return False
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in auxes)


def _needs_office(times: DocTimes, trig: Token) -> bool:
    """Is there a "since ..." in the trigger's sentence (only then is the office looked up)?"""
    return sent_start_of(trig.doc, trig.i) in times.since


def _office_start(ev: EventMention, base: date | None) -> date | None:
    """When the event's actor took the office held on the publication date."""
    if base is None:
        return None
    for m in ev.actor:
        start = office_start(m.actor_id, base)
        if start is not None:
            return start
    return None


def _registry() -> Registry:
    from ..actors.loader import packaged_registry

    return packaged_registry()


def office_start(actor_id: str | None, base: date) -> date | None:
    """When the actor took the office held on ``base`` (packaged actor registry)."""
    if not actor_id:
        return None
    actor = _registry().get(actor_id)
    role = actor.role_on(base) if actor is not None else None
    return role.start if role is not None else None


@Language.factory("mizan_dates")
def make_date_resolver(nlp: Language, name: str) -> DateResolver:
    return DateResolver()


def _narrative_frame(frames: list[TimeMention]) -> TimeMention | None:
    """The narrative time: the last sentence with a frame expression, and in it the most
    specific one ("Yesterday, Thursday, the minister met today with ...": Thursday)."""
    if not frames:
        return None
    last = [m for m in frames if m.sent == frames[-1].sent]
    return max(reversed(last), key=lambda m: m.rank)
