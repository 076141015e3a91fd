"""Stage ``mizan_dates``: date every event, with its precision.

Which expression dates an event: the time expression governing the event's clause;
failing that, the narrative time of the passage (the last date the text established);
failing that, the publication date with precision ``document``. An event that ends well
before the publication date becomes ``historical``.
"""

from __future__ import annotations

from datetime import timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..timeexpr import TimeValue, resolve
from .events import EventMention
from .syntax import tree_distance

TIME_LABELS = {"DATE", "TIME"}
HISTORICAL_DAYS = 45
"""An event that ended more than this many days before publication is historical."""


def _clause_root(tok: Token) -> Token:
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def _governs(ent: Span, trigger: Token) -> bool:
    """Is the time expression attached to the trigger's own clause?"""
    clause = _clause_root(trigger)
    t = ent.root
    seen = 0
    while t.head.i != t.i and seen < 8:
        t = t.head
        seen += 1
        if t.i in (trigger.i, clause.i):
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return t.i in (trigger.i, clause.i)


def _is_future(trigger: Token, modality: str) -> bool:
    if modality == "future":
        return True
    return any(c.lower_ in ("will", "shall", "'ll") for c in _clause_root(trigger).children)


class DateResolver:
    def __call__(self, doc: Doc) -> Doc:
        base = doc._.mizan_date
        events: list[EventMention] = doc._.mizan_events or []
        ents = [e for e in doc.ents if e.label_ in TIME_LABELS]
        narrative: TimeValue | None = None
        narrative_text: str | None = None
        order = sorted(events, key=lambda e: e.trigger)
        # narrative time also moves with dated sentences that hold no event
        for ev in order:
            trig = doc[ev.trigger]
            if base is None:
                ev.date_precision = "unknown"
                continue
            future = _is_future(trig, ev.modality)
            candidates = [e for e in ents if e.sent.start == trig.sent.start and _governs(e, trig)]
            candidates.sort(key=lambda e: tree_distance(e.root, trig))
            value: TimeValue | None = None
            text: str | None = None
            for ent in candidates:
                anchor = narrative.date if narrative is not None else base
                value = resolve(ent.text, base, future)
                if value is not None and value.relative_to == "narrative":
                    value = resolve(ent.text, anchor, future)
                if value is not None:
                    text = ent.text
                    break
            if value is None:
                for ent in ents:  # a sentence-initial frame ("Yesterday, Thursday, ...")
                    if ent.sent.start == trig.sent.start and ent.start <= trig.sent.start + 2:
                        value = resolve(ent.text, base, future)
                        if value is not None:
                            text = ent.text
                            break
            if value is not None:
                narrative, narrative_text = value, text
            elif (
                narrative is not None
                and trig.sent.start - _sent_of(narrative_text, ents, trig) < 400
            ):
                value, text = narrative, narrative_text
            if value is None:
                ev.date, ev.enddate, ev.date_precision, ev.date_text = (
                    base.isoformat(),
                    None,
                    "document",
                    None,
                )
                continue
            ev.date = value.date.isoformat()
            ev.enddate = value.enddate.isoformat() if value.enddate else None
            ev.date_precision = value.precision
            ev.date_text = text
            end = value.enddate or value.date
            if ev.modality in ("asserted", "reported") and end < base - timedelta(
                days=HISTORICAL_DAYS
            ):
                ev.modality = "historical"
        return doc


def _sent_of(text: str | None, ents: list[Span], trig: Token) -> int:
    for e in ents:
        if e.text == text and e.start <= trig.i:
            return e.sent.start
    return trig.sent.start


@Language.factory("mizan_dates")
def make_date_resolver(nlp: Language, name: str) -> DateResolver:
    return DateResolver()
