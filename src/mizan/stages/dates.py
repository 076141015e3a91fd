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
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..actors.registry import Registry
from ..timeexpr import MONTHS, WEEKDAYS, TimeValue, TimeWords, normalize, resolve, time_words
from .events import EventMention
from .syntax import governing_verb

TIME_LABELS = {"DATE", "TIME"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "csubjpass", "pcomp"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
FUTURE_VERBS = {"scheduled", "expected", "due", "set", "planning", "plans", "going", "poised"}
NOUN_MODIFIERS = {"compound", "amod", "nummod", "nmod"}
AFTER_WORDS = {"ago", "later", "earlier", "after", "before", "afterwards", "afterward"}
_EDGE = r"(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))"  # also "policyLast week" (run-together text)


@dataclass
class TimeMention:
    """A time expression in the document."""

    start: int  # token offsets
    end: int
    text: str
    attach: int  # the token the expression modifies
    frame: bool  # attached to the main clause of its sentence
    sent: int  # token index where its sentence starts
    passage: int
    rank: int  # specificity: 4 calendar date, 3 weekday, 2 deictic day, 1 other
    anchor: TimeValue | None = None  # the narrative time just before it
    value: TimeValue | None = None  # resolved for a past event, without an actor


@dataclass
class DocTimes:
    base: date | None
    mentions: list[TimeMention] = field(default_factory=list)
    by_attach: dict[int, list[TimeMention]] = field(default_factory=dict)
    frames: list[TimeMention] = field(default_factory=list)  # resolved frames, in text order
    passages: dict[int, int] = field(default_factory=dict)  # sentence start -> paragraph
    since: set[int] = field(default_factory=set)  # sentences with a "since ..." expression


@dataclass(frozen=True)
class Dated:
    date: dt.date | None
    enddate: dt.date | None
    precision: str
    text: str | None
    how: str  # governing | frame | narrative | document | unknown


@lru_cache(maxsize=1)
def _finder() -> re.Pattern[str]:
    """Time expressions spaCy's NER tends to miss; the matches are merged with its DATE/TIME."""
    w: TimeWords = time_words()
    counts = "|".join(
        re.escape(n)
        for n in sorted([*w.numbers, *(v for v in w.vague if v)], key=len, reverse=True)
    )
    phrases = sorted([*w.narrative_days, *w.stretch_days], key=len, reverse=True)
    office = "|".join(re.escape(p) for p in sorted(w.office_phrases, key=len, reverse=True))
    days = "|".join(d.capitalize() for d in WEEKDAYS)
    months = "|".join(m.capitalize() for m in MONTHS if m != "may")
    alts = [
        rf"(?i:(?:ever )?since (?:{office}))",
        rf"(?i:(?:on |in )?(?:{'|'.join(re.escape(p) for p in phrases)}))\b",
        rf"(?i:(?:(?:\d+|{counts}) )?(?:hour|day|week|month|year)s? (?:ago|later|earlier|afterwards))\b",
        r"(?i:(?:the day (?:before|after) )?(?:yesterday|tomorrow)|today|tonight|last night)\b",
        r"(?i:(?:earlier |later )?(?:last|this|next|past) (?:week|weekend|month|year))\b",
        rf"(?i:(?:late |early )?(?:on )?(?:last |next |this )?)(?:{days})\b",
        rf"(?:{months}|May(?= \d))\b",
        rf"(?i:(?:last |next |this |the )?(?:{'|'.join(w.seasons)}))(?: of (?:19|20)\d\d)?\b",
        r"(?i:from|between|since|until|till|in) (?:1[89]|20)\d\d\b",
    ]
    return re.compile(_EDGE + "(?:" + "|".join(alts) + ")")


def _rank(text: str) -> int:
    t = normalize(text)
    if re.search(r"\d", t) or any(re.search(rf"\b{m}\b", t) for m in MONTHS):
        return 4
    if any(re.search(rf"\b{d}\b", t) for d in WEEKDAYS):
        return 3
    if re.search(r"\b(yesterday|today|tonight|tomorrow|this (morning|afternoon|evening))\b", t):
        return 2
    return 1


def _is_root_clause(verb: Token) -> bool:
    t = verb
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.head.i == t.i


def _attach(span: Span) -> Token:
    """The word a time expression modifies: past prepositions and its own tokens. "A few
    hours after [the summit ended]" modifies the clause the subordinate clause attaches to."""
    last = span[-1]
    if (
        last.lower_ in ("after", "before")
        and last.dep_ == "mark"
        and last.head.head.i != last.head.i
    ):
        return last.head.head
    t = span.root
    for _ in range(8):
        h = t.head
        if h.i == t.i:
            return t
        t = h
        inside = span.start <= h.i < span.end
        if (
            not inside
            and h.dep_ not in ("prep", "agent")
            and h.pos_ != "ADP"
            and h.lower_ not in AFTER_WORDS
        ):
            return h
    return t


class DateResolver:
    def __init__(self) -> None:
        self.words = time_words()

    # -- finding and ordering the expressions ---------------------------------------------
    def _spans(self, doc: Doc) -> list[tuple[int, int]]:
        """Character ranges of time expressions: spaCy's entities merged with the finder's."""
        ranges = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in TIME_LABELS]
        text = doc.text  # spaCy joins the tokens anew on every access
        ranges += [(m.start(), m.end()) for m in _finder().finditer(text)]
        ranges.sort()
        merged: list[list[int]] = []
        for a, b in ranges:
            gap = text[merged[-1][1] : a] if merged else ""
            if merged and (a < merged[-1][1] or re.fullmatch(r"[ ,]*(?:on|at)?[ ,]*", gap)):
                merged[-1][1] = max(merged[-1][1], b)
                continue
            # "since October 2019", "in two weeks", "between May 1 [and May 5]"
            pre = re.search(
                r"\b(?:since|from|between|in|within|until|till) $",
                text[max(0, a - 9) : a],
                re.IGNORECASE,
            )
            if pre:
                a -= len(pre.group(0))
            if (
                merged
                and re.match(r"(?:between|from) ", text[merged[-1][0] :], re.IGNORECASE)
                and re.fullmatch(
                    r"\s*(?:and|to|until|till|through|-|–)\s*", text[merged[-1][1] : a]
                )
            ):
                merged[-1][1] = b
                continue
            merged.append([a, b])
        return [(a, b) for a, b in merged]

    def analyse(self, doc: Doc) -> DocTimes:
        """The document's time expressions, where they attach, and the narrative time."""
        base: date | None = doc._.mizan_date
        out = DocTimes(base, passages=_passages(doc))
        passages = out.passages
        doc_text = doc.text
        for a, b in self._spans(doc):
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            end = span.end
            if end < len(doc) and doc[end].lower_ in AFTER_WORDS and doc[end].sent == span.sent:
                end += 1  # "a few hours after": the direction belongs to the expression
            span = doc[span.start : end]
            text = doc_text[a : max(b, span.end_char)]
            if re.fullmatch(r"(?:19|20)\d\d", text.strip()) and span.root.dep_ in NOUN_MODIFIERS:
                continue  # "the 2023 budget": a year that names a thing, not a time
            attach = _attach(span)
            frame = _is_root_clause(governing_verb(attach))
            sent = span.sent.start
            if "since" in text.lower():
                out.since.add(sent)
            out.mentions.append(TimeMention(span.start, span.end, text, attach.i, frame, sent,
                                            passages.get(sent, 0), _rank(text)))  # fmt: skip
        anchor: TimeValue | None = None
        for m in out.mentions:
            m.anchor = anchor
            out.by_attach.setdefault(m.attach, []).append(m)
            if base is None:
                continue
            last = doc[m.end - 1]
            if last.lower_ in ("after", "before"):  # "hours after the summit ended on Saturday"
                scope = last.head if last.dep_ == "mark" else last
                inner = next((n for n in out.mentions if n.start >= m.end and n.sent == m.sent
                              and scope.left_edge.i <= n.attach <= scope.right_edge.i), None)  # fmt: skip
                value = resolve(inner.text, base, anchor=anchor) if inner else None
                m.anchor = value or anchor
            m.value = resolve(m.text, base, anchor=m.anchor)
            v = m.value
            if m.frame and v is not None and v.relative_to != "office" and v.date <= base:
                anchor = v
                out.frames.append(m)
        return out

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
        t, steps = trig, 0
        while steps < 12:
            own = _own_clause(t) if steps == 0 else [t]
            cands = [
                m for o in own for m in times.by_attach.get(o.i, ()) if m.sent == trig.sent.start
            ]
            cands.sort(key=lambda m: (-m.rank, abs(m.start - trig.i)))
            for m in cands:
                v = self.value(m, base, future, office)
                if v is not None:
                    return _dated(v, m.text, "governing", base, future)
            if t.head.i == t.i or (future and t.dep_ in CLAUSE_DEPS and t.pos_ in ("VERB", "AUX")):
                break
            t, steps = t.head, steps + 1
        if future:
            return Dated(base, None, "document", None, "document")
        # 2. the frame of the sentence
        for m in times.mentions:
            if m.sent == trig.sent.start and m.frame:
                v = self.value(m, base, future, office)
                if v is not None:
                    return _dated(v, m.text, "frame", base, future)
        # 3. the narrative time of the passage, for a past-tense event
        frame = next((m for m in reversed(times.frames) if m.start < trig.i), None)
        passage = times.passages.get(trig.sent.start, 0)
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


def _passages(doc: Doc) -> dict[int, int]:
    """Paragraph number of each sentence start: blank lines separate paragraphs (single line
    breaks, when the text has no blank line at all)."""
    text = doc.text
    blank = re.compile(r"\n[ \t]*\n" if re.search(r"\n[ \t]*\n", text) else r"\n")
    out: dict[int, int] = {}
    n, last_end = 0, 0
    for s in doc.sents:
        seg = text[s.start_char : s.end_char]
        start = s.start_char + len(seg) - len(seg.lstrip())
        if blank.search(text, last_end, start) if last_end < start else False:
            n += 1
        out[s.start] = n
        last_end = s.start_char + len(seg.rstrip())
    return out


def _needs_office(times: DocTimes, trig: Token) -> bool:
    """Is there a "since ..." in the trigger's sentence (only then is the office looked up)?"""
    return trig.sent.start in times.since


def _office_start(ev: EventMention, base: date | None) -> date | None:
    """When the event's actor took the office held on the publication date."""
    if base is None:
        return None
    for m in ev.actor:
        start = office_start(m.actor_id, base)
        if start is not None:
            return start
    return None


@lru_cache(maxsize=1)
def _registry() -> Registry:
    from ..actors.registry import load_registry

    return load_registry()


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
