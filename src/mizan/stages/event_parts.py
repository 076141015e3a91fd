"""The pieces of event coding that every step shares: the event mention a sentence yields,
the trigger node it is resolved through, the coder's base (its knowledge and the small
parse helpers), and the cue lists of which codes behave how.

``EventCoder`` (``events.py``) is built in layers: :class:`CoderBase` here,
``ClauseRules`` (``event_clauses.py``: which clause hosts which event, and what a governor
makes of it), ``ArgumentRules`` (``event_arguments.py``: actor and recipient) and the coder
itself (settling and assembling the nodes of a sentence).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..governors import Governors
from ..ontology import Ontology
from ..verbs import VerbDictionary
from .actors import ActorMention
from .triggers import Candidate, TriggerFinder

OF_IS_PATIENT_ROOTS = {"15", "16", "17", "18", "19", "20"}
PURPOSE_RECIPIENT_ROOTS = {"10", "11", "12", "13", "14", "17", "18", "19", "20"}
# agreements, appeals, demands, refusals, threats: a purpose clause is what they are about
CONTENT_PURPOSE_ROOTS = {"02", "03", "05", "10", "12", "13"}
# a mission sent to investigate is the investigation (nouns.yaml dispatch_verbs)
MISSION_PURPOSE_ROOTS = {"09"}
# agreements and cooperation: an infinitive on the deal names its other party
DEAL_PURPOSE_ROOTS = {"03", "05", "06"}
# what talks are about: "talks on the withdrawal", "negotiations over the release"
TOPIC_RELS = frozenset({"pobj:on", "pobj:about", "pobj:over", "pobj:regarding",
                        "pobj:concerning"})  # fmt: skip
# acts of force and arrests whose passive "in X" names who did them: X's agents
PLACE_ACTOR_CODES = ("18", "19", "20", "173", "175")
# force used FROM a country with no named attacker is by that country's unidentified attackers
FORCE_FROM_ROOTS = ("18", "19", "20")
# acts aimed at the actor's own people when they name no party (records.py)
OWN_PEOPLE_EVENTS = frozenset({"CONCEDE", "REJECT", "THREATEN", "COERCE"})
# acts of force whose code may come from the weapon used ("killed in a car bombing")
INSTRUMENT_ROOTS = ("18", "19")
STOP_RELATIONS = {"relative", "adjunct", "purpose", "background", "parataxis", "appos", "acl"}
COMPLEMENT = ("comp", "object", "pobj")
# how a clause hangs on a noun whose content it is: "a demand that X ...", "a call for X to"
NOUN_CONTENT = ("acl", "purpose", "background", "adjunct", "relative")


@dataclass
class EventMention:
    """One mention of an event in one sentence (before dating, placing and merging)."""

    trigger: int  # token index of the trigger
    trigger_text: str
    sentence: int  # sentence number in the document (0-based)
    cameo: str
    actor: list[ActorMention]
    recipient: list[ActorMention]
    kind: str = "verb"  # verb | light | noun | derived
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
    head: int = -1  # token index of the clause head (the light verb of "held talks")
    role: str = "main"  # main | relative | adjunct | purpose | parataxis | appos | acl | circumstance
    base_cameo: str | None = None  # the code before a governor or modality rule recoded it
    governor: str | None = None  # the governor class that recoded it
    negated_by_governor: bool = False  # "refused to attack": the attack stands, negated
    reverse: str | None = None  # the code seen from the recipient's side (visit 042 / host 043)
    own_people: bool = False  # aimed at the actor's own people: no party named (records.py)
    place_actor: bool = False  # the actor is the place it happened in ("was shot dead in X")


@dataclass
class Node:
    """A trigger candidate while the sentence is being resolved."""

    cand: Candidate
    host: Node | None = None
    host_rel: str = ""
    role: str = "main"
    absorbed: list[tuple[Node, str]] = field(default_factory=list)
    dropped: bool = False
    light_head: Token | None = None
    negated: bool = False


def finer(noun: Candidate, verb: Candidate) -> bool:
    """The noun's own compound code refines the light verb's pattern code ("staged a hunger
    strike": 142 over "stage ... strike" 140)."""
    return bool(noun.specificity > 0 and noun.code and verb.code
                and noun.code[:2] == verb.code[:2] and noun.code != verb.code)  # fmt: skip


def coded(n: Node) -> bool:
    """A node that codes an event of its own (not a bare verb of saying or planning)."""
    gov = n.cand.governor
    return n.cand.code is not None or (gov is not None and gov.derive is not None)


def said_noun(g: Token, nodes: dict[int, Node]) -> Node | None:
    """A demand, appeal, threat or offer noun that a verb of saying has as its object."""
    for c in g.children:
        n = nodes.get(c.i) if c.dep_ == "dobj" else None
        if n is not None and n.cand.kind == "noun" and n.cand.governor is not None and (
            n.cand.governor.derive is not None
        ):
            return n
    return None


def protest_aim(node: Node) -> bool:
    """An appeal, demand, complaint or protest: what a protest is for ("... to demand X",
    "... to protest X")."""
    gov = node.cand.governor
    return (node.cand.code or "")[:2] in ("02", "10", "11", "14") or (
        gov is not None and gov.derive in ("demand", "appeal")
    )


def locative(ms: list[ActorMention], doc: Doc) -> bool:
    """Every mention is the object of "in" ("demonstrated in Baghdad")."""
    return all(doc[m.end - 1].head.lower_ == "in" or doc[m.start].head.lower_ == "in"
               for m in ms)  # fmt: skip


def same_party(a: list[ActorMention], b: list[ActorMention]) -> bool:
    """Whether two sides share a mention or a resolved actor."""
    if {id(m) for m in a} & {id(m) for m in b}:
        return True
    return bool({m.actor_id for m in a if m.actor_id} & {m.actor_id for m in b if m.actor_id})



class CoderBase:
    """What every layer of the event coder knows: the verb dictionary, the ontology, the
    governors and the trigger finder."""

    def __init__(
        self,
        verbs: VerbDictionary,
        ontology: Ontology,
        governors: Governors,
        keep_unknown_codes: bool = False,
    ) -> None:
        self.verbs = verbs
        self.ontology = ontology
        self.governors = governors
        self.keep_unknown_codes = keep_unknown_codes  # a foreign dictionary's own codes
        self.triggers = TriggerFinder(verbs, governors)
        self.event_nouns = {n.lemma: n.code for n in verbs.nouns.values()}

    @staticmethod
    def _link(tok: Token) -> tuple[Token | None, str]:
        """The token governing ``tok``'s event, and how it governs it."""
        head, dep = tok.head, tok.dep_
        if head.i == tok.i:
            return None, "root"
        if dep == "conj":
            return CoderBase._link(head)
        if dep in ("xcomp", "ccomp", "acomp", "oprd", "csubj"):
            return head, "comp"
        if dep == "pcomp":
            if head.dep_ in ("prep", "agent") and head.head.i != head.i:
                return head.head, "comp"
            return head, "comp"
        if dep == "pobj":
            if head.dep_ in ("prep", "dative", "agent") and head.head.i != head.i:
                return head.head, "pobj:" + head.lower_
            return head, "pobj"
        if dep in ("dobj", "dative", "attr", "nsubjpass"):
            return head, "object"
        if dep in ("nsubj", "csubj"):
            return head, "subject"
        if dep == "advcl":
            marks = {c.lower_ for c in tok.children if c.dep_ in ("aux", "mark")}
            if marks & {"to", "order", "for"}:  # ("pushing for X support it": "to" left out)
                return head, "purpose"
            if any(c.dep_ == "mark" for c in tok.children):
                return head, "background"  # "after X shot down ...", "as the opposition ..."
            return head, "adjunct"
        if dep == "relcl":
            return head, "relative"
        if dep == "acl":
            return head, "acl"
        if dep in ("amod", "compound", "nmod", "poss", "npadvmod"):
            return head, "modifier"
        if dep in ("appos", "parataxis"):
            return head, dep
        return head, dep

    @staticmethod
    def _complement(tok: Token) -> Token | None:
        """The clause a governor governs when it holds no trigger ("offered to hand over");
        for a noun, a clause on it or its "for"/"of"/"on" phrase ("a call for calm", "a
        demand that X resign"; not "a call with Macron")."""
        noun = tok.pos_ in ("NOUN", "PROPN")
        for c in tok.children:
            if c.dep_ in ("xcomp", "ccomp") or noun and c.dep_ in ("acl", "advcl") and (
                c.pos_ in ("VERB", "AUX")
            ):
                return c
        for c in tok.children:
            if c.dep_ == "prep" and (not noun or c.lower_ in ("for", "of", "on")):
                for p in c.children:
                    if p.dep_ in ("pcomp", "pobj"):
                        return p
        return None

    def _known(self, code: str) -> bool:
        """A CAMEO code of the ontology (or a sub-code of one)."""
        c = code
        while len(c) >= 2:
            if c in self.ontology:
                return True
            c = c[:-1]
        return False

    @staticmethod
    def _below(tok: Token, gov: Token) -> bool:
        t = tok
        while t.head.i != t.i:
            t = t.head
            if t.i == gov.i:
                return True
        return False
