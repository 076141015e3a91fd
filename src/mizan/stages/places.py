"""Stage ``mizan_places``: where did the event happen?

The place attached to the event's clause ("in Basra", "at the White House", the
destination of a visit); else a place under a locative preposition elsewhere in the same
sentence; else none — never a place from an unrelated part of the story. A capital used as
an actor ("Tehran rejected ...") is not the event's location unless the text says so.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..gazetteer import Gazetteer, Place, load_gazetteer
from .actors import ActorMention
from .events import EventMention
from .syntax import tree_distance

PLACE_LABELS = {"GPE", "LOC", "FAC"}
LOCATIVE = {
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "throughout",
    "around",
    "within",
    "into",
    "on",
}
DESTINATION_CODES = ("042", "043", "044")


def _prep_of(tok: Token) -> Token | None:
    """The preposition that governs the noun phrase ``tok`` sits in, if any."""
    t = tok
    for _ in range(6):
        if t.dep_ == "pobj" and t.head.dep_ in ("prep", "agent"):
            return t.head
        if (
            t.head.i == t.i
            or t.dep_ not in ("compound", "pobj", "appos", "amod", "nmod", "poss")
            and t.dep_ != "pobj"
        ):
            return None
        t = t.head
    return None


def _attached_to(prep: Token, trigger: Token) -> bool:
    """Does the prepositional phrase belong to the trigger's clause?"""
    t = prep
    for _ in range(8):
        t = t.head
        if t.i == trigger.i:
            return True
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t.i == trigger.i or trigger.head.i == t.i and trigger.pos_ == "NOUN"
    return False


def _placed(m: ActorMention, place: Place) -> ActorMention:
    if m.how == "agent" and m.confidence < 0.6 and m.country != place.country and place.country:
        return replace(m, country=place.country)
    return m


class PlaceResolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer

    def _spans(self, doc: Doc, sent: Span) -> list[tuple[Span, bool]]:
        """Place-like spans of a sentence, and whether each is an actor mention."""
        out = [
            (e, False) for e in doc.ents if e.label_ in PLACE_LABELS and e.sent.start == sent.start
        ]
        for m in doc._.mizan_actors or []:
            if (
                sent.start <= m.start < sent.end
                and m.metonym in ("capital", "seat")
                or (sent.start <= m.start < sent.end and m.kind == "country" and m.metonym is None)
            ):
                span = doc[m.start : m.end]
                if not any(s.start <= span.start < s.end for s, _ in out):
                    out.append((span, True))
        return out

    def _resolve(self, span: Span, focus: str | None) -> Place | None:
        text = span.text
        for prefix in ("the ", "The "):
            if text.startswith(prefix):
                text = text[len(prefix) :]
        return self.gaz.lookup(text, focus)

    def locate(self, ev: EventMention, doc: Doc, focus: str | None) -> Place | None:
        trig = doc[ev.trigger]
        arg_tokens = {t for m in ev.actor + ev.recipient for t in range(m.start, m.end)}
        clause: list[tuple[int, Place]] = []
        sentence: list[tuple[int, Place]] = []
        for span, is_actor in self._spans(doc, trig.sent):
            root = span.root
            prep = _prep_of(root)
            is_arg = any(t.i in arg_tokens for t in span)
            destination = ev.cameo.startswith(DESTINATION_CODES) and (
                root.dep_ == "dobj"
                and root.head.i == trig.i
                or prep is not None
                and prep.lower_ == "to"
            )
            if (
                is_arg
                and not destination
                and not (prep is not None and prep.lower_ in ("in", "at"))
            ):
                continue
            place = self._resolve(span, focus)
            if place is None:
                continue
            if destination or (
                prep is not None and prep.lower_ in LOCATIVE and _attached_to(prep, trig)
            ):
                clause.append((tree_distance(root, trig), place))
            elif prep is not None and prep.lower_ in LOCATIVE and not is_actor:
                sentence.append((tree_distance(root, trig), place))
        for group in (clause, sentence):
            if group:
                rank = {"city": 0, "admin1": 1, "country": 2}
                return min(group, key=lambda x: (rank[x[1].precision], x[0]))[1]
        return None

    def __call__(self, doc: Doc) -> Doc:
        focus = doc._.mizan_focus
        for ev in doc._.mizan_events or []:
            place = self.locate(ev, doc, focus)
            ev.location = place.as_location() if place else None
            if place is not None:  # "militants" with no stated country: where they acted
                ev.actor = [_placed(m, place) for m in ev.actor]
        return doc


@Language.factory("mizan_places")
def make_place_resolver(nlp: Language, name: str) -> PlaceResolver:
    return PlaceResolver(load_gazetteer())
