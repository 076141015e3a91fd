"""Stage ``mizan_events``: find event triggers and their actor and recipient in the parse.

A trigger is a verb in the verb-pattern dictionary ("met", "arrested"), a nominal trigger
that a light verb carries ("held talks", "paid a visit"), or a nominal event with its own
arguments ("X's visit to Y", "the arrest of X"). Actor and recipient come from the
dependency parse — subject/agent and object/prepositional object — never from word order,
and coordinated actors stay together in one event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..ontology import Ontology, load_ontology
from ..verbs import VerbDictionary, load_verbs, match_verb
from .actors import ActorMention
from .syntax import clause_tokens, conjuncts, forms, tree_distance

RECIPIENT_PREPS = {
    "with",
    "to",
    "toward",
    "towards",
    "against",
    "on",
    "upon",
    "into",
    "at",
    "for",
    "from",
    "in",
}
RECIPIENT_PREFERRED = (
    "with",
    "to",
    "toward",
    "towards",
    "against",
    "on",
    "upon",
    "into",
    "from",
    "for",
    "at",
    "in",
)
OF_IS_PATIENT_ROOTS = {"17", "18", "19", "20", "15", "16"}


@dataclass
class EventMention:
    """One mention of an event in one sentence (before dating, placing and merging)."""

    trigger: int  # token index of the trigger
    trigger_text: str
    sentence: int  # sentence number in the document (0-based)
    cameo: str
    actor: list[ActorMention]
    recipient: list[ActorMention]
    kind: str = "verb"  # verb | light | noun
    specificity: int = 0
    distance: int = 1
    pattern: str | None = None
    modality: str = "asserted"
    attributed_to: dict[str, str] | None = None
    date: str | None = None
    enddate: str | None = None
    date_precision: str = "unknown"
    date_text: str | None = None
    location: dict[str, object] | None = None
    confidence: float = 0.0
    notes: list[str] = field(default_factory=list)


class MentionIndex:
    """Actor mentions of a document by token."""

    def __init__(self, mentions: list[ActorMention]) -> None:
        self.by_token: dict[int, ActorMention] = {}
        for m in mentions:
            for t in range(m.start, m.end):
                self.by_token.setdefault(t, m)

    def at(self, tok: Token) -> ActorMention | None:
        return self.by_token.get(tok.i)

    def for_argument(self, tok: Token) -> list[ActorMention]:
        """The actor(s) an argument token stands for, with its coordinated partners."""
        out: list[ActorMention] = []
        for t in conjuncts(tok):
            m = self.at(t) or self._inside(t)
            if m is not None and m not in out:
                out.append(m)
        return out

    def _inside(self, tok: Token) -> ActorMention | None:
        # "the leaders of Egypt", "a delegation from Iraq": the nearest mention below the head
        best: tuple[int, ActorMention] | None = None
        for child in tok.subtree:
            m = self.at(child)
            if m is None or child.i == tok.i:
                continue
            if any(
                a.dep_ in ("relcl", "acl", "advcl")
                for a in child.ancestors
                if a.i != tok.i and tok in a.ancestors
            ):
                continue
            d = tree_distance(tok, child)
            if d <= 3 and (best is None or d < best[0]):
                best = (d, m)
        return best[1] if best else None


def _subject(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The subject of ``verb`` and whether the clause is passive; inherited through
    control ("agreed to visit"), coordination ("met X and signed Y") and relative clauses."""
    for c in verb.children:
        if c.dep_ == "nsubj":
            if c.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head, False
            return c, False
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            if c.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head, True
            return c, True
    if depth > 3:
        return None, False
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
        subj, passive = _subject(verb.head, depth + 1)
        return subj, passive if verb.dep_ == "conj" else False
    if verb.dep_ == "relcl":
        return verb.head, False
    if verb.dep_ == "acl":
        return verb.head, verb.tag_ == "VBN"
    return None, False


def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _prep_objects(tok: Token, preps: set[str]) -> list[tuple[str, Token]]:
    out: list[tuple[str, Token]] = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            out.extend((c.lower_, p) for p in c.children if p.dep_ == "pobj")
    return out


class EventCoder:
    """Codes event mentions from a parsed Doc with actor mentions."""

    def __init__(self, verbs: VerbDictionary, ontology: Ontology) -> None:
        self.verbs = verbs
        self.ontology = ontology
        self.discards: dict[str, list[tuple[str, ...]]] = {}
        for phrase in verbs.discards:
            self.discards.setdefault(phrase[0], []).append(phrase)

    # -- arguments ----------------------------------------------------------------------
    def _recipients(
        self, head: Token, index: MentionIndex, actor_ids: set[int]
    ) -> tuple[list[ActorMention], int]:
        candidates: list[tuple[int, Token]] = []
        for c in head.children:
            if (
                c.dep_ in ("dobj", "dative", "attr", "oprd")
                and c.pos_ != "PRON"
                or c.dep_ == "dobj"
            ):
                candidates.append((0, c))
        preps = _prep_objects(head, RECIPIENT_PREPS)
        for c in head.children:  # prepositions attached to the object: "signed a deal with Jordan"
            if c.dep_ == "dobj":
                preps += _prep_objects(c, RECIPIENT_PREPS)
        for prep, p in preps:
            candidates.append((1 + RECIPIENT_PREFERRED.index(prep), p))
        candidates.sort(key=lambda x: x[0])
        for _, tok in candidates:
            found = [m for m in index.for_argument(tok) if id(m) not in actor_ids]
            if found:
                return found, tree_distance(head, tok)
        return [], 0

    def _verb_event(self, verb: Token, index: MentionIndex, sent_no: int) -> EventMention | None:
        entry = self.verbs.entry(verb.lemma_.lower())
        if entry is None:
            return None
        before = forms(clause_tokens(verb, side="left"))
        after = forms(clause_tokens(verb, side="right"))
        match = match_verb(entry, before, after)
        code, reverse = match.code, match.reverse
        if code is None and reverse is None:
            return None
        subj, passive = _subject(verb)
        actor_tok = _agent(verb) if passive else subj
        actor = index.for_argument(actor_tok) if actor_tok is not None else []
        taken = {id(m) for m in actor}
        if passive and subj is not None:
            recipient = [m for m in index.for_argument(subj) if id(m) not in taken]
            rdist = tree_distance(verb, subj)
        else:
            recipient, rdist = self._recipients(verb, index, taken)
        if code is None:  # only the reverse event: "faced criticism from X"
            actor, recipient, code = recipient, actor, reverse
        assert code is not None
        adist = tree_distance(verb, actor_tok) if actor_tok is not None else 3
        pat = None
        if match.pattern is not None:
            pat = f"{match.pattern.block}: {' '.join('/'.join(sorted(s)[:2]) for s in match.pattern.after)}"
        return EventMention(
            trigger=verb.i, trigger_text=verb.text, sentence=sent_no, cameo=code,
            actor=actor, recipient=recipient, kind="verb", specificity=match.specificity,
            distance=max(adist, rdist), pattern=pat or entry.block,
        )  # fmt: skip

    def _noun_event(self, noun: Token, index: MentionIndex, sent_no: int) -> EventMention | None:
        trig = self.verbs.nouns.get(noun.lemma_.lower())
        if trig is None or (trig.plural_only and noun.tag_ not in ("NNS", "NNPS")):
            return None
        if index.at(noun) is not None:
            return None
        head = noun.head
        actor: list[ActorMention] = []
        recipient: list[ActorMention] = []
        kind = "noun"
        dist = 1
        if noun.dep_ in ("dobj", "attr") and head.lemma_.lower() in self.verbs.light_verbs:
            kind = "light"
            subj, passive = _subject(head)
            if subj is not None and not passive:
                actor = index.for_argument(subj)
                dist = tree_distance(noun, subj)
        patient_of = trig.code[:2] in OF_IS_PATIENT_ROOTS
        for c in noun.children:
            if c.dep_ == "poss":
                actor = actor or index.for_argument(c)
        for prep, p in _prep_objects(
            noun, {"of", "by", "with", "to", "against", "between", "on", "from"}
        ):
            found = [m for m in index.for_argument(p) if m not in actor]
            if not found:
                continue
            if prep == "by" or (prep == "of" and not patient_of) or (prep == "from" and not actor):
                actor = actor or found
            elif not recipient:
                recipient = found
        if kind == "light" and not recipient:
            taken = {id(m) for m in actor}
            recipient, _ = self._recipients(head, index, taken)
        if not actor and not (kind == "light" or recipient):
            return None
        if kind == "noun" and not actor:
            return None
        return EventMention(
            trigger=noun.i, trigger_text=noun.text, sentence=sent_no, cameo=trig.code,
            actor=actor, recipient=recipient, kind=kind, specificity=1 if kind == "light" else 0,
            distance=dist, pattern=f"noun: {trig.lemma}",
        )  # fmt: skip

    # -- driver -------------------------------------------------------------------------
    def _discarded(self, sent: Span) -> set[int]:
        """Tokens inside idioms that are never events."""
        lowers = [t.lower_ for t in sent]
        out: set[int] = set()
        for i, w in enumerate(lowers):
            for phrase in self.discards.get(w, ()):
                if tuple(lowers[i : i + len(phrase)]) == phrase:
                    out.update(range(sent.start + i, sent.start + i + len(phrase)))
        return out

    def code_sentence(self, sent: Span, sent_no: int, index: MentionIndex) -> list[EventMention]:
        out: list[EventMention] = []
        blocked = self._discarded(sent)
        for tok in sent:
            if tok.i in blocked:
                continue
            ev = None
            if tok.pos_ == "VERB":
                ev = self._verb_event(tok, index, sent_no)
            elif tok.pos_ == "NOUN":
                ev = self._noun_event(tok, index, sent_no)
            if ev is None:
                continue
            cameo = self.ontology.get(ev.cameo)
            if cameo.event is None:  # statements (CAMEO 01) are not PLOVER events
                continue
            ev.recipient = [
                r
                for r in ev.recipient
                if all(r.actor_id is None or r.actor_id != a.actor_id for a in ev.actor)
            ]
            out.append(ev)
        return self._drop_embedded(out, sent)

    def _drop_embedded(self, events: list[EventMention], sent: Span) -> list[EventMention]:
        """A light verb's noun, or an xcomp coded by its governing verb's pattern, is one event."""
        doc = sent.doc
        by_trigger = {e.trigger: e for e in events}
        keep = []
        for e in events:
            tok = doc[e.trigger]
            head = tok.head
            if (
                e.kind == "verb"
                and tok.dep_ == "xcomp"
                and head.i in by_trigger
                and by_trigger[head.i].specificity > 0
            ):
                continue  # "agreed to meet" is coded once, by AGREE's pattern
            if e.kind == "verb" and any(
                c.i in by_trigger and by_trigger[c.i].kind == "light" for c in tok.children
            ):
                continue  # "held talks": the noun's event, not "hold"
            keep.append(e)
        return keep

    def __call__(self, doc: Doc) -> Doc:
        index = MentionIndex(doc._.mizan_actors or [])
        events: list[EventMention] = []
        for n, sent in enumerate(doc.sents):
            events.extend(self.code_sentence(sent, n, index))
        doc._.mizan_events = events
        return doc


@Language.factory("mizan_events", default_config={"extra_verbs": []})
def make_event_coder(nlp: Language, name: str, extra_verbs: list[str]) -> EventCoder:
    return EventCoder(load_verbs([Path(p) for p in extra_verbs]), load_ontology())
