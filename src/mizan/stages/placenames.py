"""The place names of a sentence, resolved and classified by how they hang in the parse
(used by the places stage, ``stages/places.py``).

Names are spaCy's GPE/LOC/FAC entities, names tagged ORG or NORP that the gazetteer surely
knows ("Samarra"), names a place noun frames ("the Jaffna peninsula"), and the capitals and
seats the actor stage found. Each gets a role from the word that governs its phrase
(``data/places/cues.yaml``): locative ("in", "at", "near"), weak ("on", "over"), destination
("to"), origin ("from", "out of"), object, subject, genitive ("the Governor of Basra") or
other; "the city of X" and "X, Iran" are seen through to the phrase around them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import LOWER
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span, Token

from ..datafiles import cached, load_yaml, package_file
from ..errors import DataFileError
from ..gazetteer import Gazetteer, Place
from .actors import ActorMention
from .doccache import sent_starts
from .placenouns import ANAPHORA_WORDS, nominal_places

PLACE_LABELS = {"GPE", "LOC", "FAC"}
ANAPHORA_REACH = 3  # sentences back in which "the town" looks for the town named
ANAPHORA_HASHES = frozenset(hash_string(w) for w in ANAPHORA_WORDS)
CLAUSAL = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "csubjpass"}
CUE_LISTS = ("locative", "weak_locative", "destination", "origin", "transparent_nouns",
             "direction_words", "admin1_cues", "city_cues", "movement_lemmas",
             "object_place_codes", "name_nouns", "facility_nouns", "world_regions",
             "common_place_nouns", "situation_nouns", "neighbour_verbs")  # fmt: skip


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
        self.starts = sent_starts(doc)
        for e in doc.ents:
            self.ents.setdefault(self.sent_of(e.start), []).append(e)
        for m in doc._.mizan_actors or []:
            self.actors.setdefault(self.sent_of(m.start), []).append(m)
        words = doc.to_array(LOWER).tolist() if len(doc) else []
        # where a place noun might stand for a place named before ("the town", "there")
        self.anaphora = [i for i, h in enumerate(words) if h in ANAPHORA_HASHES]

    def sent_of(self, i: int) -> int:
        """Where the sentence of token ``i`` starts."""
        return self.starts[bisect_right(self.starts, i) - 1] if self.starts else 0


class PlaceNames:
    """Finds, resolves and classifies the place names of a sentence."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.cues = place_cues()

    # -- the place names of a sentence ------------------------------------------------------
    def _spans(
        self, doc: Doc, ents: list[Span], actors: list[ActorMention], index: SentenceIndex
    ) -> list[Span]:
        spans = [self._whole(e, index) for e in ents if e.label_ in PLACE_LABELS]
        spans += [e for e in ents if e.label_ in ("ORG", "NORP", "PERSON")
                  and (self._placelike(e.text) if e.label_ != "PERSON" else self._cued(e))]  # fmt: skip
        for m in actors:
            overlaps = any(s.start <= m.start < s.end or m.start <= s.start < m.end for s in spans)
            if m.metonym in ("capital", "seat") and not overlaps:
                spans.append(doc[m.start : m.end])
        return sorted(spans, key=lambda s: s.start)

    def _whole(self, span: Span, index: SentenceIndex) -> Span:
        """The tagger sometimes cuts a name short ("Tal" of "Tal Afar"): take up to two more
        capitalised words on either side when the longer name is one the gazetteer knows."""
        doc, best = span.doc, span
        k = bisect_right(index.starts, span.start) - 1
        lo = index.starts[k] if k >= 0 else 0
        hi = index.starts[k + 1] if k + 1 < len(index.starts) else len(doc)
        # how far capitalised words run on either side, within the sentence
        a0 = span.start
        while a0 > max(lo, span.start - 2) and doc[a0 - 1].text[:1].isupper():
            a0 -= 1
        b0 = span.end
        while b0 < min(hi, span.end + 2) and doc[b0].text[:1].isupper():
            b0 += 1
        if (a0, b0) == (span.start, span.end) or not all(t.text[:1].isupper() for t in span):
            return span
        for left in range(0, span.start - a0 + 1):
            for right in range(0, b0 - span.end + 1):
                a, b = span.start - left, span.end + right
                if (left or right) and b - a > len(best) and any(
                    not alt for _, alt in self.gaz.candidates(doc[a:b].text)
                ):  # fmt: skip
                    best = doc[a:b]
        return best

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
        for span in self._spans(doc, ents, actors, index):
            owner = next((m for m in actors if m.start <= span.start and span.end <= m.end), None)
            role, prep, attach = self._role(span, actors)
            if owner is not None and not self._cued(span) and _named_actor(owner, span) and (
                owner.kind == "person" or role not in ("locative", "weak", "destination")
            ):  # fmt: skip
                continue  # part of a person's or organisation's name: "Al-Kazemi's", "Basra Oil"
                # (but "outside the Basra provincial government building" is in Basra)
            if owner is not None and owner.kind not in ("country",) and owner.metonym is None:
                owner = None  # a place the actor stage only guessed was an organisation
            place = self.resolve(span.text, focus, context, self._prefer(span))
            if place is None:
                continue
            out.append(
                PlaceMention(span.start, span.end, place, role, prep, attach.i, owner is not None)
            )
        return out + self._nominal(doc, sent, focus, index, actors, ents)

    def _nominal(self, doc: Doc, sent: Span, focus: str | None, index: SentenceIndex,
                 actors: list[ActorMention], ents: list[Span]) -> list[PlaceMention]:  # fmt: skip
        """ "The town was retaken": a definite place noun (or "there") that stands for a place
        named in this sentence or the ``ANAPHORA_REACH`` before it (stages/placenouns.py)."""
        k = bisect_left(index.anaphora, sent.start)
        if k >= len(index.anaphora) or index.anaphora[k] >= sent.end:
            return []
        k = bisect_right(index.starts, sent.start) - 1
        floor = index.starts[max(0, k - ANAPHORA_REACH)]
        named: list[tuple[int, Place]] = []
        for s0 in index.starts[max(0, k - ANAPHORA_REACH) : k + 1]:
            for e in index.ents.get(s0, []):
                place = self.resolve(e.text, focus, set(), None) if e.label_ in PLACE_LABELS else None
                if place is not None:
                    named.append((e.start, place))
        taken = {t for m in actors for t in range(m.start, m.end)}
        taken |= {t for e in ents for t in range(e.start, e.end)}
        out = []
        for npl in nominal_places(doc, taken, self.cues["common_place_nouns"], named, floor,
                                  (sent.start, sent.end)):  # fmt: skip
            if npl.place is not None:
                span = doc[npl.start : npl.end]
                role, prep, attach = self._role(span, actors)
                if doc[npl.head].lower_ == "there":  # an adverb of place: where its verb is
                    role, prep, attach = "locative", None, doc[npl.head].head
                out.append(PlaceMention(npl.start, npl.end, npl.place, role, prep, attach.i, False))
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
                    if t.dep_ in ("advmod", "npadvmod") and t.head.i != t.i:
                        return "locative", f"{t.lower_} of", t.head  # "south of Nasiriyah"
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


@lru_cache(maxsize=4096)
def _demonym(text: str) -> str | None:
    """The country of a nationality word ("Lebanese" -> LBN), from the packaged actor
    registry."""
    from ..actors.loader import packaged_registry

    actor = packaged_registry().country_of_demonym(text)
    return actor.id if actor is not None else None


def _named_actor(m: ActorMention, span: Span) -> bool:
    """Is the span part of a person's or organisation's name (not a country or capital, and
    not a bare place name the tagger took for an organisation)?"""
    if m.kind == "country" or m.metonym is not None:
        return False
    bare = (m.start, m.end) == (span.start, span.end) and m.actor_id is None
    return m.kind == "person" or not bare
