"""Stage ``mizan_places``: where did the event happen?

Each place name in a sentence (spaCy's GPE/LOC/FAC entities, landmarks tagged ORG, capitals
and seats the actor stage found) is resolved with the gazetteer — preferring the document's
focus country and the countries named in the sentence — and classified by how it hangs in the
parse: under a locative preposition ("in Basra", "at the White House"), a destination ("to
Washington"), an origin ("from Gorazde"), as an object, or as a subject or genitive. "The
city of X" and "X, Iran" are seen through to the phrase they sit in.

The event's location is, in order:

1. **a place attached to the event's clause**: a locative phrase on the trigger or on its
   arguments ("held a meeting at the army headquarters in the city of Basra"), the
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

from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..datafiles import cached, load_yaml, package_file
from ..errors import DataFileError
from ..gazetteer import Gazetteer, Place, load_gazetteer
from .actors import ActorMention
from .events import EventMention
from .syntax import governing_verb, tree_distance

PLACE_LABELS = {"GPE", "LOC", "FAC"}
CLAUSAL = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "csubjpass"}
ROLE_RANK = {"locative": 0, "object": 1, "destination": 1, "origin": 2}
PRECISION_RANK = {"city": 0, "admin1": 1, "country": 2}
SENTENCE_REACH = 8  # parse arcs from the trigger to a place outside its clause
CUE_LISTS = ("locative", "weak_locative", "destination", "origin", "transparent_nouns",
             "direction_words", "admin1_cues", "city_cues", "movement_lemmas",
             "object_place_codes")  # fmt: skip


@lru_cache(maxsize=1)
def place_cues() -> dict[str, frozenset[str]]:
    path = package_file("places", "cues.yaml")

    def build() -> dict[str, frozenset[str]]:
        raw = load_yaml(path)
        if not isinstance(raw, dict):
            raise DataFileError(path, "must be a mapping of word lists")
        out = {}
        for name in CUE_LISTS:
            words = raw.get(name)
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise DataFileError(path, "must be a list of words", field=name)
            out[name] = frozenset(w.lower() for w in words)
        return out

    return cached("placecues", [path], build)


@dataclass(frozen=True)
class PlaceMention:
    """A resolved place name in a sentence and how it attaches."""

    start: int
    end: int
    place: Place
    role: str  # locative | weak | destination | origin | object | subject | genitive | other
    prep: str | None
    attach: int  # the token its phrase hangs on
    actor: bool  # the span is (part of) an actor mention


class SentenceIndex:
    """A document's entities and actor mentions grouped by sentence, built once."""

    def __init__(self, doc: Doc) -> None:
        self.ents: dict[int, list[Span]] = {}
        self.actors: dict[int, list[ActorMention]] = {}
        for e in doc.ents:
            self.ents.setdefault(e.sent.start, []).append(e)
        for m in doc._.mizan_actors or []:
            self.actors.setdefault(doc[m.start].sent.start, []).append(m)


class PlaceResolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.cues = place_cues()

    # -- the place names of a sentence ------------------------------------------------------
    def _spans(self, doc: Doc, ents: list[Span], actors: list[ActorMention]) -> list[Span]:
        spans = [e for e in ents if e.label_ in PLACE_LABELS]
        spans += [e for e in ents if e.label_ in ("ORG", "NORP", "PERSON")
                  and (self._placelike(e.text) if e.label_ != "PERSON" else self._cued(e))]  # fmt: skip
        for m in actors:
            overlaps = any(s.start <= m.start < s.end or m.start <= s.start < m.end for s in spans)
            if m.metonym in ("capital", "seat") and not overlaps:
                spans.append(doc[m.start : m.end])
        return sorted(spans, key=lambda s: s.start)

    def _placelike(self, text: str) -> bool:
        """Is a name the tagger called an organisation or a group ("Samarra") surely a place?
        A landmark, a city's own name, or a city of a million under another spelling."""
        return any(p.landmark or (p.precision == "city" and (not alt or p.population >= 1_000_000))
                   for p, alt in self.gaz.candidates(text))  # fmt: skip

    def _cued(self, span: Span) -> bool:
        """Does a place noun frame the name: "the Jaffna peninsula", "the town of Rafah"?"""
        doc, nouns = span.doc, self.cues["transparent_nouns"] | self.cues["admin1_cues"]
        before = span.start >= 2 and doc[span.start - 1].lower_ == "of" and (
            doc[span.start - 2].lemma_.lower() in nouns)  # fmt: skip
        return before or (span.end < len(doc) and doc[span.end].lemma_.lower() in nouns)

    def _prefer(self, span: Span) -> str | None:
        """'the province of Herat', 'Anbar province' -> admin1; 'the town of Rafah' -> city."""
        doc = span.doc
        words = []
        if span.start >= 2 and doc[span.start - 1].lower_ == "of":
            words.append(doc[span.start - 2].lemma_.lower())
        if span.end < len(doc):
            words.append(doc[span.end].lemma_.lower())
        if any(w in self.cues["admin1_cues"] for w in words):
            return "admin1"
        if any(w in self.cues["city_cues"] for w in words):
            return "city"
        return None

    def mentions(
        self, doc: Doc, sent: Span, focus: str | None, index: SentenceIndex | None = None
    ) -> list[PlaceMention]:
        """The resolved place names of a sentence and how each attaches."""
        index = index or SentenceIndex(doc)
        actors = index.actors.get(sent.start, [])
        ents = index.ents.get(sent.start, [])
        context = {m.country for m in actors
                   if m.country and m.kind == "country" and m.metonym in (None, "demonym")}  # fmt: skip
        context |= {c for c in (_demonym(e.text) for e in ents if e.label_ == "NORP") if c}
        out = []
        for span in self._spans(doc, ents, actors):
            owner = next((m for m in actors if m.start <= span.start < m.end), None)
            prefer = self._prefer(span)
            if owner is not None and not self._cued(span) and _named_actor(owner, span):
                continue  # part of a person's or organisation's name: "Al-Kazemi's", "Basra Oil"
            if owner is not None and owner.kind not in ("country",) and owner.metonym is None:
                owner = None  # a place the actor stage only guessed was an organisation
            place = self.resolve(span.text, focus, context, prefer)
            if place is None:
                continue
            role, prep, attach = self._role(span, actors)
            out.append(
                PlaceMention(span.start, span.end, place, role, prep, attach.i, owner is not None)
            )
        return out

    def resolve(
        self, text: str, focus: str | None, context: set[str], prefer: str | None
    ) -> Place | None:
        """The gazetteer's reading of a name ("Western Cambodia" is Cambodia)."""
        return self.gaz.lookup(text, focus, context=context, prefer=prefer)

    def _role(self, span: Span, actors: list[ActorMention]) -> tuple[str, str | None, Token]:
        """How the place's phrase hangs: its role, its preposition and the word it modifies."""
        cues = self.cues
        t = span.root
        modifier = False  # the name only modifies another noun: "the Corona virus"
        for _ in range(10):
            h, dep = t.head, t.dep_
            if h.i == t.i:
                return "other", None, t
            if (
                dep in ("pobj", "pcomp")
                and h.dep_ in ("prep", "agent", "dative")
                or (dep == "pobj" and h.pos_ == "ADP")
            ):
                p = h.lower_
                if p == "of" and h.head.lemma_.lower() in cues["transparent_nouns"]:
                    t = h.head  # "the city of Basra": the phrase around "city" decides
                    continue
                if (
                    p == "of"
                    and h.head.lower_ in ("out", "outside", "inside")
                    and h.head.head.i != h.head.i
                ):
                    p, h = h.head.lower_, h.head  # "out of Gorazde", "outside of Basra"
                    if p == "out":
                        return "origin", "out of", h.head
                if p in cues["locative"]:
                    return "locative", p, h.head
                if p in cues["weak_locative"]:
                    return "weak", p, h.head
                if p in cues["destination"]:
                    return "destination", p, h.head
                if p in cues["origin"]:
                    return "origin", p, h.head
                return ("genitive" if p == "of" else "other"), p, h.head
            if dep in ("nsubj", "nsubjpass", "csubj", "expl"):
                return "subject", None, h
            if dep in ("dobj", "dative", "oprd", "attr"):
                return ("other" if modifier else "object"), None, h
            if dep in ("compound", "amod", "nmod", "appos", "conj", "npadvmod", "nummod", "poss"):
                if any(m.start <= h.i < m.end and m.kind not in ("country",) and m.metonym is None
                       and not (m.start <= span.start < m.end) for m in actors):  # fmt: skip
                    return "genitive", None, h  # "the Basra governor", "Governor of Basra"
                if dep in ("compound", "amod", "nmod", "poss"):
                    modifier = modifier or h.lemma_.lower() not in cues["transparent_nouns"]
                t = h
                continue
            return "other", None, h
        return "other", None, t

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
            if not clause and (self._frames_report(attach, trig) or is_arg):
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
            if place is not None:  # "militants" with no stated country: where they acted
                ev.actor = [_placed(m, place) for m in ev.actor]
        return doc


@lru_cache(maxsize=4096)
def _demonym(text: str) -> str | None:
    """The country of a nationality word ("Lebanese" -> LBN), from the packaged actor
    registry."""
    from ..actors.registry import load_registry

    actor = load_registry().country_of_demonym(text)
    return actor.id if actor is not None else None


def _named_actor(m: ActorMention, span: Span) -> bool:
    """Is the span part of a person's or organisation's name (not a country or capital, and
    not a bare place name the tagger took for an organisation)?"""
    if m.kind == "country" or m.metonym is not None:
        return False
    bare = (m.start, m.end) == (span.start, span.end) and m.actor_id is None
    return m.kind == "person" or not bare


def _clause_head(t: Token) -> bool:
    """A verb heading a clause (not a participle used as a noun: "evacuated the wounded")."""
    return t.pos_ in ("VERB", "AUX") and t.dep_ in CLAUSAL | {"ROOT", "conj", "xcomp", "pcomp"}


def _placed(m: ActorMention, place: Place) -> ActorMention:
    if m.how == "agent" and m.confidence < 0.6 and m.country != place.country and place.country:
        return replace(m, country=place.country)
    return m


@Language.factory("mizan_places")
def make_place_resolver(nlp: Language, name: str) -> PlaceResolver:
    return PlaceResolver(load_gazetteer())
