"""A document's time expressions, where each attaches, and its narrative time (used by the
dates stage, ``stages/dates.py``).

Expressions are spaCy's DATE and TIME entities merged with what a pattern finder built from
``data/time/expressions.yaml`` catches ("since taking office", "Last week" run into a
heading); neighbours are joined ("this evening, August 26"; "between May 1 and May 5"). Each
is resolved in text order; one attached to a main clause, dated on or before publication,
becomes the narrative time that "the next day" and "a few days later" move from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..timeexpr import MONTHS, WEEKDAYS, TimeValue, TimeWords, normalize, resolve, time_words
from .doccache import doc_text
from .syntax import governing_verb

TIME_LABELS = {"DATE", "TIME"}
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
    base: dt.date | None
    mentions: list[TimeMention] = field(default_factory=list)
    by_attach: dict[int, list[TimeMention]] = field(default_factory=dict)
    frames: list[TimeMention] = field(default_factory=list)  # resolved frames, in text order
    passages: dict[int, int] = field(default_factory=dict)  # sentence start -> paragraph
    since: set[int] = field(default_factory=set)  # sentences with a "since ..." expression


_STARTS = re.compile(_EDGE + r"[A-Za-z0-9]")  # where an expression may start
_WORD = re.compile(r"[A-Za-z]+")
_LEADING = re.compile(r"[a-z]+")
# the first words of the finder's fixed alternatives (below); those built from the data
# files are added by _first_words
_FIRSTS = frozenset({
    "ever", "since", "on", "in", "hour", "hours", "day", "days", "week", "weeks", "month",
    "months", "year", "years", "the", "yesterday", "tomorrow", "today", "tonight", "last",
    "earlier", "later", "this", "next", "past", "late", "early", "may", "from", "between",
    "until", "till",
})  # fmt: skip


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """Every lower-case word a match of the finder can start with."""
    w: TimeWords = time_words()
    words = set(_FIRSTS) | set(WEEKDAYS) | set(MONTHS) | set(w.seasons)
    for phrase in (*w.numbers, *(v for v in w.vague if v), *w.narrative_days,
                   *w.stretch_days, *w.office_phrases):  # fmt: skip
        m = _LEADING.match(phrase.lower())
        if m is not None:
            words.add(m.group(0))
    return frozenset(words)


def find_times(text: str) -> list[tuple[int, int]]:
    """Character ranges the finder matches, as ``_finder().finditer`` would give them, but
    trying the long pattern only where a word may start (every expression starts with a
    letter or digit), which is several times quicker on running text."""
    body = _finder()
    firsts = _first_words()
    out: list[tuple[int, int]] = []
    last = 0
    for s in _STARTS.finditer(text):
        p = s.start()
        if p < last:
            continue
        w = _WORD.match(text, p)
        if w is not None and w.group(0).lower() not in firsts:
            continue
        m = body.match(text, p)
        if m is not None:
            out.append((p, m.end()))
            last = m.end()
    return out


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


_RANKS = (
    (4, re.compile(r"\d|\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b")),
    (3, re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b")),
    (2, re.compile(r"\b(yesterday|today|tonight|tomorrow|this (morning|afternoon|evening))\b")),
)


@lru_cache(maxsize=4096)
def _rank(text: str) -> int:
    t = normalize(text)
    for rank, rx in _RANKS:
        if rx.search(t):
            return rank
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


def _spans(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of time expressions: spaCy's entities merged with the finder's."""
    ranges = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in TIME_LABELS]
    text = doc_text(doc)  # spaCy's doc.text joins the tokens anew on every access
    ranges += find_times(text)
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
            and re.fullmatch(r"\s*(?:and|to|until|till|through|-|–)\s*", text[merged[-1][1] : a])
        ):
            merged[-1][1] = b
            continue
        merged.append([a, b])
    return [(a, b) for a, b in merged]


def analyse(doc: Doc) -> DocTimes:
    """The document's time expressions, where they attach, and the narrative time."""
    base: dt.date | None = doc._.mizan_date
    out = DocTimes(base, passages=_passages(doc))
    passages = out.passages
    full = doc_text(doc)
    for a, b in _spans(doc):
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        end = span.end
        if end < len(doc) and doc[end].lower_ in AFTER_WORDS and doc[end].sent == span.sent:
            end += 1  # "a few hours after": the direction belongs to the expression
        span = doc[span.start : end]
        text = full[a : max(b, span.end_char)]
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


def _passages(doc: Doc) -> dict[int, int]:
    """Paragraph number of each sentence start: blank lines separate paragraphs (single line
    breaks, when the text has no blank line at all)."""
    text = doc_text(doc)
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
