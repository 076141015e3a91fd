"""Stage ``mizan_places``: where did the event happen?

Each place name in a sentence (spaCy's GPE/LOC/FAC entities, landmarks tagged ORG, capitals
and seats the actor stage found) is resolved with the gazetteer — preferring the document's
focus country and the countries named in the sentence — and classified by how it hangs in the
parse: under a locative preposition ("in Basra", "at the White House"), a destination ("to
Washington"), an origin ("from Gorazde"), as an object, or as a subject or genitive. "The
city of X" and "X, Iran" are seen through to the phrase they sit in.

The event's location is, in order:

1. **a place attached to the event's clause**: a locative phrase on the trigger or on its
   arguments ("chaired a meeting at an army base in the city of Basra"), the
   destination of a movement ("visited Washington", "extradited to Britain"), the object of
   an attack ("shelled Kabul"), an origin ("withdrew from Gorazde");
2. **else a place elsewhere in the same sentence**, in a locative, destination or origin
   phrase or as the object of another verb — not one that frames a report ("said in Paris
   that ..."), and never one used as an actor;
3. **else none**: nothing is taken from another sentence.

Among several, the nearer kind of attachment wins, then the finer place (city over admin1
over country: "in Bam, Iran" is Bam), then the one nearest the trigger in the parse. A
capital or country used as an actor ("Tehran rejected ...") is not the location unless a
locative or movement says so.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..gazetteer import Place, load_gazetteer
from .actors import ActorMention
from .events import EventMention
from .placenames import CLAUSAL, PlaceMention, PlaceNames, SentenceIndex
from .syntax import governing_verb, tree_distance

ROLE_RANK = {"locative": 0, "object": 1, "destination": 1, "origin": 2}
PRECISION_RANK = {"city": 0, "admin1": 1, "country": 2}
SENTENCE_REACH = 8  # parse arcs from the trigger to a place outside its clause


class PlaceResolver(PlaceNames):
    """The ``mizan_places`` component."""

    # -- choosing the event's place -------------------------------------------------------
    def _in_clause(self, attach: Token, trig: Token) -> bool:
        """Does a phrase hanging on ``attach`` belong to the trigger's clause?"""
        verb = governing_verb(trig)
        t = attach
        for _ in range(10):
            if t.i in (trig.i, verb.i):
                return True
            if _clause_head(t) and t.i != trig.i:
                return t.dep_ == "xcomp" and t.head.i in (trig.i, verb.i)
            if t.head.i == t.i:
                return False
            t = t.head
        return False

    def _frames_report(self, attach: Token, trig: Token) -> bool:
        """'said in Paris that Iran attacked ...': the place belongs to the report, not to the
        attack."""
        t = trig
        crossed = False
        for _ in range(12):
            if t.i == attach.i:
                return crossed
            if t.dep_ in ("ccomp", "parataxis") or (t.dep_ == "advcl" and crossed):
                crossed = True
            if t.head.i == t.i:
                return False
            t = t.head
        return False

    def locate(
        self,
        ev: EventMention,
        doc: Doc,
        mentions: list[PlaceMention],
        others: frozenset[int] = frozenset(),
    ) -> Place | None:
        """The event's place among the sentence's ``mentions``; ``others`` are the triggers
        of the document's other events, whose own places are not borrowed."""
        trig = doc[ev.trigger]
        cues = self.cues
        args = {i for m in ev.actor + ev.recipient for i in range(m.start, m.end)}
        movement = trig.lemma_.lower() in cues["movement_lemmas"]
        object_place = movement or ev.cameo.startswith(tuple(cues["object_place_codes"]))
        ranked: list[tuple[tuple[int, int, int, int], Place]] = []
        for pm in mentions:
            attach = doc[pm.attach]
            is_arg = any(pm.start <= i < pm.end for i in args)
            clause = self._in_clause(attach, trig)
            moving = (movement and clause) or attach.lemma_.lower() in cues["movement_lemmas"]
            role = pm.role
            if role == "weak":
                role = "locative" if (object_place or not (is_arg or pm.actor)) else "skip"
            elif role == "object":
                if clause and attach.i in (trig.i, governing_verb(trig).i):
                    role = "object" if object_place else "skip"
                elif pm.actor or is_arg or clause:
                    role = "skip"  # an actor, or the thing a non-movement event is about
            elif role == "destination" and clause:
                if not moving and (is_arg or not object_place):
                    role = "skip"  # "appealed to Turkey": a recipient, not a place
            elif role == "destination" and moving:
                role = "skip"  # another movement's end ("after the visit to America")
            elif role == "origin" and not moving:
                role = "skip"  # "independence from Iraq", "support from Tehran"
            if role not in ROLE_RANK:
                continue
            inquiry = ev.cameo.startswith("09")  # an inquiry is held where it looks into
            if not clause and (self._frames_report(attach, trig) or is_arg and not inquiry):
                continue
            if not clause and role == "destination" and governing_verb(attach).i in others:
                continue  # where another event's movement ended ("brought him to Beirut")
            distance = tree_distance(doc[pm.start : pm.end].root, trig)
            if not clause and distance > SENTENCE_REACH:
                continue  # a place at the far end of a long sentence belongs to something else
            rank = (0 if clause else 1, ROLE_RANK[role], PRECISION_RANK[pm.place.precision],
                    distance)  # fmt: skip
            ranked.append((rank, pm.place))
        if not ranked:
            return None
        best = min(ranked, key=lambda r: r[0])[1]
        # a finer place inside the chosen one refines it: "parties in Nepal ... shut down
        # Kathmandu" happened in Kathmandu
        finer = [p for _, p in sorted(ranked, key=lambda r: r[0]) if p.country == best.country
                 and PRECISION_RANK[p.precision] < PRECISION_RANK[best.precision]
                 and (best.precision == "country" or p.admin1 == best.name)]  # fmt: skip
        return finer[0] if finer else best

    def locate_token(self, doc: Doc, tok: Token, cameo: str = "") -> Place | None:
        """Where the clause of ``tok`` happened, with no event coded there (evaluation)."""
        ev = EventMention(tok.i, tok.text, 0, cameo, [], [])
        return self.locate(ev, doc, self.mentions(doc, tok.sent, doc._.mizan_focus))

    def __call__(self, doc: Doc) -> Doc:
        events: list[EventMention] = doc._.mizan_events or []
        if not events:
            return doc
        focus = doc._.mizan_focus
        by_sent: dict[int, list[PlaceMention]] = {}
        triggers = frozenset(ev.trigger for ev in events)
        index = SentenceIndex(doc)
        for ev in events:
            sent = doc[ev.trigger].sent
            if sent.start not in by_sent:
                by_sent[sent.start] = self.mentions(doc, sent, focus, index)
            place = self.locate(ev, doc, by_sent[sent.start], triggers)
            ev.location = place.as_location() if place else None
            if place is not None and ev.cameo[:2] in ACTED_WHERE_THEY_ARE:
                # "militants" with no stated country: a violent or street event happens where
                # its unnamed perpetrators are; a meeting or a visit says nothing of that
                ev.actor = [_placed(m, place) for m in ev.actor]
        return doc


def _clause_head(t: Token) -> bool:
    """A verb heading a clause (not a participle used as a noun: "evacuated the wounded")."""
    return t.pos_ in ("VERB", "AUX") and t.dep_ in CLAUSAL | {"ROOT", "conj", "xcomp", "pcomp"}


ACTED_WHERE_THEY_ARE = frozenset({"14", "15", "17", "18", "19", "20"})


def _placed(m: ActorMention, place: Place) -> ActorMention:
    if m.how == "agent" and m.confidence < 0.6 and m.country != place.country and place.country:
        return replace(m, country=place.country)
    return m


@Language.factory("mizan_places")
def make_place_resolver(nlp: Language, name: str) -> PlaceResolver:
    return PlaceResolver(load_gazetteer())
