"""Stage ``mizan_events``: code the events of each sentence from the dependency parse.

1. **Triggers** (``triggers.py``): verbs of the pattern dictionary (the most specific pattern
   wins), nominal triggers ("talks", "arrest"), governor words ("agreed", "willing").
2. **Clause structure**: each trigger is linked to the word that governs its clause
   (``_link``), climbing through verbs of saying, plans and attempts, which leave the event
   standing ("said it will withdraw" codes the withdrawal). Then:
   * a governor of a *derive* class absorbs the event in its complement and recodes it
     (``governors.yaml``/``derived.yaml``): "agreed to provide aid" → AGREE 033,
     "threatened to cut off" → THREATEN, "refused to meet" → REJECT 125, "demanded that X
     withdraw" → REQUEST 1056, "urged X to" → REQUEST 02x; "X said Y must" is a demand;
   * a light verb carries its noun ("held talks", "issued a warning"); a verb whose own
     pattern names its object ("imposed sanctions") keeps its code;
   * the complement of an ordinary trigger, or what an accusation alleges, is content, not
     an event ("allowed X to participate", "accused X of attacking");
   * events in relative clauses, adjuncts and purpose clauses stand, with a role that lowers
     their confidence.
3. **Arguments** (``arguments.py``): actor and recipient from the parse, never word order.

The result is ``doc._.mizan_events``: one ``EventMention`` per event mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..governors import Governors, load_governors
from ..ontology import Ontology, load_ontology
from ..verbs import VerbDictionary, load_verbs
from .actors import ActorMention
from .arguments import ArgumentFinder, MentionIndex
from .syntax import RELATIVE_PRONOUNS, clause_depth, tree_distance
from .triggers import Candidate, TriggerFinder

__all__ = ["EventCoder", "EventMention", "MentionIndex"]

OF_IS_PATIENT_ROOTS = {"15", "16", "17", "18", "19", "20"}
PURPOSE_RECIPIENT_ROOTS = {"10", "11", "12", "13", "14", "17", "18", "19", "20"}
# agreements, appeals, demands, refusals, threats: a purpose clause is what they are about
CONTENT_PURPOSE_ROOTS = {"02", "03", "05", "10", "12", "13"}
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
class _Node:
    """A trigger candidate while the sentence is being resolved."""

    cand: Candidate
    host: _Node | None = None
    host_rel: str = ""
    role: str = "main"
    absorbed: list[tuple[_Node, str]] = field(default_factory=list)
    dropped: bool = False
    light_head: Token | None = None
    negated: bool = False


class EventCoder:
    """Codes event mentions from a parsed Doc with actor mentions."""

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

    # -- clause structure ---------------------------------------------------------------
    @staticmethod
    def _link(tok: Token) -> tuple[Token | None, str]:
        """The token governing ``tok``'s event, and how it governs it."""
        head, dep = tok.head, tok.dep_
        if head.i == tok.i:
            return None, "root"
        if dep == "conj":
            return EventCoder._link(head)
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
            if marks & {"to", "order"}:
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

    def _climb(self, node: _Node, nodes: dict[int, _Node]) -> None:
        """Find the node hosting ``node``'s event (see the module docstring)."""
        t = node.cand.tok
        content_nouns = self.governors.content_nouns
        for _ in range(12):
            g, rel = self._link(t)
            if g is None:
                return
            base = rel.split(":")[0]
            if rel in STOP_RELATIONS:
                gn = nodes.get(g.i)
                if rel in NOUN_CONTENT and gn is not None and gn.cand.kind == "noun" and (
                    gn.cand.governor is not None and gn.cand.governor.derive is not None
                ):
                    node.host, node.host_rel = gn, "comp"  # "its demand that Israel ease ..."
                    return
                if rel == "purpose" and gn is not None:
                    if gn.cand.governor is not None and gn.cand.governor.derive is not None:
                        node.host, node.host_rel = gn, "comp"  # "sworn to fight": misparsed
                        return
                    if gn.cand.governor is not None and gn.cand.governor.transparent and (
                        gn.cand.governor.modality == "future"
                    ):
                        t = g  # "voted on Monday to ask X to leave": misparsed, the vote's
                        continue  # complement
                    host_root = (gn.cand.code or "")[:2]
                    if host_root in CONTENT_PURPOSE_ROOTS:
                        node.dropped = True  # "signed an agreement to link the grids"
                        return
                if rel in ("purpose", "adjunct") and self._protest_at(g, gn, nodes) and (
                    _protest_aim(node) or rel == "adjunct" and node.cand.tok.tag_ == "VBG"
                    and (node.cand.code or "")[:2] in ("17", "18", "19")
                ):  # fmt: skip
                    node.dropped = True  # "demonstrated ..., calling for X": the protest's aim;
                    return  # "rioted, setting fire to cars": how they rioted
                if (rel == "acl" and g.lemma_.lower() in content_nouns and g.i not in nodes
                        and node.cand.tok.tag_ == "VBG" and node.cand.governor is not None
                        and node.cand.governor.derive is not None):  # fmt: skip
                    t = g  # "issued a declaration demanding that ...": the declarer demands
                    continue
                if rel == "acl" and (g.lemma_.lower() in content_nouns or g.i in nodes):
                    if g.i not in nodes or nodes[g.i].cand.kind == "noun":
                        node.dropped = True  # "a request to interrogate": content
                        return
                    node.host, node.host_rel = nodes[g.i], "comp"
                    return
                node.role = "relative" if rel == "acl" else rel
                return
            if rel == "modifier":
                if node.cand.kind == "noun" or t.dep_ == "amod":
                    node.dropped = True  # "protest movement", "aid convoy", "exiled dissidents"
                return
            if rel == "subject":
                gn = nodes.get(g.i)
                if node.cand.kind == "noun" and gn is not None and gn.cand.code is not None:
                    node.dropped = True  # "a roadside bomb attack killed ...": the verb's event
                return
            if base not in COMPLEMENT:
                return
            gn = nodes.get(g.i)
            if rel in TOPIC_RELS and node.cand.kind == "noun" and self._talks_at(g, gn, nodes):
                node.dropped = True  # "held talks on the withdrawal of X": the topic
                return
            if gn is not None:
                gov = gn.cand.governor
                own_pattern = gn.cand.specificity > 0 and gn.cand.code is not None
                if gov is not None and gov.transparent and not (own_pattern and gov.name == "help"):
                    if rel == "comp" and _protest_aim(node) and self._protest_at(g, None, nodes):
                        node.dropped = True  # "began a hunger strike to protest against X"
                        return
                    said = _said_noun(g, nodes) if rel == "comp" else None
                    if said is not None:  # "reiterated its demand today that Israel ease ...",
                        node.host, node.host_rel = said, "comp"  # the clause parsed on the verb
                        return
                    if node.cand.kind == "noun" and rel == "object":
                        node.light_head = g  # "declared a ceasefire", "announced a suspension"
                        return
                    t = g
                    continue
                if (node.cand.kind == "noun" and rel == "object" and node.light_head is None
                        and gov is None and not gn.cand.blocked
                        and self.triggers.lemma(g) in self.verbs.light_verbs
                        and (gn.cand.specificity == 0 or gn.cand.code is None
                             or _finer(node.cand, gn.cand))
                        and g.dep_ in ("xcomp", "ccomp")):  # fmt: skip
                    node.light_head, gn.dropped = g, True  # "threatened to institute a
                    t = g  # curfew": the light verb carries the noun on up to its governor
                    continue
                node.host, node.host_rel = gn, rel
                return
            if base == "pobj" and g.pos_ in ("NOUN", "PROPN") and g.lemma_.lower() in content_nouns:
                node.dropped = True  # "a proposal for a cease-fire"
                return
            if base == "pobj" and g.lemma_.lower() in self.verbs.partitive_nouns:
                t = g  # "suspended part of a military aid program"
                continue
            if node.cand.kind == "noun" and base in ("object", "pobj") and node.light_head is None:
                lemma = self.triggers.lemma(g)
                if rel == "object" and lemma in self.verbs.light_verbs:
                    node.light_head = g
                elif rel in ("pobj:on", "pobj:for") and lemma in self.verbs.motion_verbs:
                    node.light_head = g  # "arrived on a visit", "flew in for talks"
                else:
                    return
                t = g  # the event lives at the light verb: climb on from there
                continue
            t = g

    def _in_condition(self, node: _Node, nodes: dict[int, _Node]) -> bool:
        """The event lies in an "if"/"unless" condition (not "even if") of a clause that holds
        another event ("will withdraw unless X arranges a ceasefire")."""
        marks = self.verbs.cue("conditional_marks")
        t = node.light_head or node.cand.tok
        for _ in range(12):
            if t.head.i == t.i:
                return False
            if t.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in marks and not (
                    m.i > 0 and t.doc[m.i - 1].lower_ == "even")
                for m in t.children
            ):  # fmt: skip
                g = t.head
                return any(n is not node and not n.dropped and _coded(n) and (
                    n.cand.tok.i == g.i or self._below(g, n.cand.tok)
                    or (n.light_head is not None and n.light_head.i == g.i)
                ) for n in nodes.values())  # fmt: skip
            t = t.head
        return False

    @staticmethod
    def _talks_at(g: Token, gn: _Node | None, nodes: dict[int, _Node]) -> bool:
        """``g`` is a consultation: coded so, or a light verb carrying one ("renewed
        negotiations today on ...", "held talks in Baghdad on ...")."""
        if gn is not None and (gn.cand.code or "")[:2] == "04":
            return True
        return any(c.dep_ == "dobj" and c.i in nodes and (nodes[c.i].cand.code or "")[:2] == "04"
                   for c in g.children)  # fmt: skip

    @staticmethod
    def _protest_at(g: Token, gn: _Node | None, nodes: dict[int, _Node]) -> bool:
        """``g`` is a protest: coded so, or a light verb carrying one ("began a hunger strike
        to demand ...", "continued their sit-in to protest against ...")."""
        if gn is not None and (gn.cand.code or "")[:2] == "14":
            return True
        if gn is not None and gn.cand.by_sector and any(
            v[:2] == "14" for v in gn.cand.by_sector.values()
        ):
            return True  # "blocked roads to press their demands": a protest when people do
        return any(c.dep_ == "dobj" and c.i in nodes and (nodes[c.i].cand.code or "")[:2] == "14"
                   for c in g.children)  # fmt: skip

    def _obligation(self, node: _Node, index: MentionIndex, finder: ArgumentFinder) -> None:
        """ "X said Y must ..." : a verb of saying becomes a demand (or an appeal: "should").
        Not when Y is X again, by the same mention or by a pronoun resolved to the same actor
        ("X said it should have acted"): that is what X says of itself, asking no one."""
        tok = node.cand.tok
        for c in tok.children:
            if c.dep_ != "ccomp":
                continue
            modals = {a.lower_ for a in c.children if a.dep_ in ("aux", "auxpass")}
            hit = modals & self.governors.obligation
            if not hit:
                continue
            subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
            speaker = finder.actor(tok)[0]
            obliged = finder.mentions_for(subj) if subj is not None else []
            if obliged and not _same_party(obliged, speaker):
                name = "appeal" if hit <= {"should", "ought"} else "demand"
                node.cand.governor = self.governors.named[name]
                node.cand.kind = "governor"
                node.cand.code = node.cand.reverse = None  # not "said" (a statement)
                return

    # -- arguments ----------------------------------------------------------------------
    def _verb_args(
        self, tok: Token, code: str, finder: ArgumentFinder, in_ok: bool = False
    ) -> tuple[list[ActorMention], list[ActorMention], int]:
        actor, actor_tok, passive, patient = finder.actor(tok)
        taken = {id(m) for m in actor}
        if passive and patient is not None:
            recipient = [m for m in finder.mentions_for(patient) if id(m) not in taken]
            rdist = tree_distance(tok, patient)
        else:
            recipient, rdist = finder.recipient(tok, taken, code, in_ok=in_ok)
        adist = tree_distance(tok, actor_tok) if actor_tok is not None else 3
        return actor, recipient, max(adist, rdist)

    def _nominal_actor(
        self, node: _Node, finder: ArgumentFinder
    ) -> tuple[list[ActorMention], Token | None]:
        """Who demands, threatens or offers in a nominal governor: the subject of the verb
        carrying it ("reiterated its demand"), else the noun's own possessor, nationality or
        "by" phrase ("the American demand", "a call by the UN")."""
        head = node.light_head
        if head is not None:
            actor, atok, passive, _ = finder.actor(head)
            if actor and not passive:
                return actor, atok
        own = finder.noun_arguments(node.cand.tok, False)[0]
        return own, node.cand.tok

    def _derived_args(
        self, gn: _Node, main: _Node | None, code: str, finder: ArgumentFinder,
        nominal: tuple[list[ActorMention], Token | None] | None = None,
    ) -> tuple[list[ActorMention], list[ActorMention], int]:
        tok = gn.cand.tok
        actor, actor_tok, passive, patient = finder.actor(tok)
        # "Iraq was urged by the UN to ...", "X was opposed by Y": the passive's subject is
        # the one urged or opposed
        undergoer = finder.mentions_for(patient) if passive and actor and patient is not None else []
        if nominal is not None:
            actor, actor_tok, patient = nominal[0], nominal[1], None
        if not actor and patient is not None:  # "Israel is opposed to", "is committed to"
            actor, actor_tok = finder.mentions_for(patient), patient
        if not actor and tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "attr"):
            actor, actor_tok = finder.actor(tok.head.head)[0], tok.head.head  # "a declaration"
        taken = {id(m) for m in actor}
        gov = gn.cand.governor
        assert gov is not None
        first: list[ActorMention] = []
        second: list[ActorMention] = []
        coded = main is not None and main.cand.code is not None
        mtok = main.cand.tok if main is not None and coded else self._complement(tok)
        if mtok is None and main is not None:
            mtok = main.cand.tok
        if mtok is not None:
            mcode = main.cand.code if main is not None and coded else None
            if mtok.pos_ in ("NOUN", "PROPN"):
                _a, second = finder.noun_arguments(mtok, (mcode or "")[:2] in OF_IS_PATIENT_ROOTS)
                if (gov.recipient == "object" or not second) and _a:
                    # "demanded the withdrawal of Serbian forces"; "refused to respond to a
                    # demand from the US President", "agreed to the UN's request"
                    second = _a
            else:
                msubj = finder.actor(mtok)[1]
                clause = mtok
                while clause.dep_ == "conj" and clause.head.i != clause.i:
                    clause = clause.head
                if nominal is not None:  # "a demand that Israel ease", "a call for X to"
                    msubj = next((x for x in mtok.children if x.dep_ in ("nsubj", "nsubjpass")),
                                 None)  # fmt: skip
                for_clause = clause.dep_ == "advcl" and any(  # "called for Turkey to withdraw"
                    m.dep_ == "mark" and m.lower_ == "for" for m in clause.children)
                if (gov.recipient == "object" and gov.derive in ("demand", "appeal")
                        and msubj is not None and (clause.dep_ == "ccomp" or nominal
                                                   or for_clause)):  # fmt: skip
                    first = finder.mentions_for(msubj)  # "demanded that the US cancel ..."
                second = second or finder.recipient(mtok, taken, mcode or code)[0]
        own = undergoer or finder.recipient(tok, taken, code, ())[0]
        order = [own, first, second] if gov.recipient == "object" else [second, own, first]
        if gov.derive == "threat":  # "threatened to strike unless Israel withdrew": Israel
            order.append(self._condition_subject(tok, mtok, finder))
        ids = {m.actor_id for m in actor if m.actor_id}
        order = [[m for m in r if id(m) not in taken and (m.actor_id is None
                  or m.actor_id not in ids)] for r in order]  # fmt: skip
        recipient = next((r for r in order if r), [])
        adist = tree_distance(tok, actor_tok) if actor_tok is not None else 3
        return actor, recipient, adist

    def _condition_subject(
        self, gov: Token, comp: Token | None, finder: ArgumentFinder
    ) -> list[ActorMention]:
        """The one a threat is aimed at: the subject of its condition ("threatened to stop
        the talks if the United States goes ahead", "... unless Israel withdrew")."""
        marks = self.verbs.cue("conditional_marks")
        for head in (gov, comp):
            for c in head.children if head is not None else ():
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks
                                             for m in c.children):  # fmt: skip
                    subj = finder.actor(c)[1]
                    if subj is not None:
                        return finder.mentions_for(subj)
        return []

    def _responsibility(self, noun: Token) -> Token | None:
        """The verb of "denied any role in X" / "claimed responsibility for X" above ``noun``."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("in", "for", "of"):
            return None
        holder = prep.head
        if holder.lemma_.lower() not in self.verbs.responsibility_nouns:
            return None
        verb = holder.head
        return verb if verb.pos_ in ("VERB", "AUX") and holder.dep_ in ("dobj", "attr") else None

    def _indicative(self, node: _Node) -> None:
        """ "insisted that they are not competing": a demand verb with an indicative clause
        and no "must" only says something (the demand is "insisted that X withdraw");
        "cautioned that no deadline had been set" is no threat ("warned that the army
        would hunt them down" is)."""
        gov = node.cand.governor
        if gov is None or gov.derive not in ("demand", "appeal", "threat"):
            return
        if gov.derive == "threat":
            kids = list(node.cand.tok.children)
            comp = next((c for c in kids if c.dep_ == "ccomp"), None)
            if comp is None or any(c.dep_ == "xcomp" for c in kids):
                return  # "threatened to shell X ..., where 100 were killed": the xcomp
            auxes = {a.lower_ for a in comp.children if a.dep_ in ("aux", "auxpass")}
            if not auxes & {"will", "would", "shall", "could", "may", "might", "'ll", "wo"}:
                node.cand.governor = self.governors.named["speech"]
                node.cand.code = node.cand.reverse = None
            return
        kids = list(node.cand.tok.children)
        comp = next((c for c in kids if c.dep_ == "ccomp"), None)
        if comp is None or any(c.dep_ in ("xcomp", "dobj") for c in kids):
            return
        auxes = {a.lemma_.lower() for a in comp.children if a.dep_ in ("aux", "auxpass")}
        if auxes & self.governors.obligation:
            return
        # clearly indicative: "are competing", "has done", "did"; a bare verb may be the
        # subjunctive of a demand ("demanded that the US cancel the sale")
        if not (auxes & {"be", "have", "do"} or comp.tag_ in ("VBD", "VBZ")):
            return
        node.cand.governor = self.governors.named["speech"]
        node.cand.code = node.cand.reverse = None

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

    # -- assembly -----------------------------------------------------------------------
    def _derive(self, gn: _Node, index: MentionIndex) -> tuple[str | None, _Node | None]:
        """The code of a derive-class governor and the complement it came from."""
        gov = gn.cand.governor
        assert gov is not None and gov.derive is not None
        ranked = sorted(gn.absorbed, key=lambda x: (x[1].split(":")[0] != "comp",
                                                    x[1] != "object", x[0].cand.tok.i))  # fmt: skip
        main = next((n for n, _rel in ranked if n.cand.code is not None and not n.cand.blocked),
                    ranked[0][0] if ranked else None)  # fmt: skip
        dictionary_pattern = gn.cand.dictionary and gn.cand.specificity > 0 and not gn.cand.blocked
        if dictionary_pattern:  # a user PETRARCH pattern says it ("CALLED *_ON [095]")
            return gn.cand.code, main
        comp = self._complement(gn.cand.tok)
        ctok = main.cand.tok if main is not None else comp
        refusal = gov.derive == "intent" and ctok is not None and any(
            c.dep_ == "neg" for c in ctok.children)  # "vowed not to return X": a refusal
        if main is not None and main.cand.code is not None and not main.cand.blocked:
            derived = self.governors.derive("refusal" if refusal else gov.derive,
                                            main.cand.code)  # fmt: skip
            if derived == "negated":
                main.dropped, main.negated, main.host = False, True, None
                return None, None
            generic = derived == gov.code and gn.cand.dictionary and gn.cand.code is not None
            if derived is not None and not generic:  # (a user dictionary's own code beats
                return derived, main  # the governor's generic one: "URGE [102]")
        own = gn.cand.code if not gn.cand.blocked else None
        has_complement = bool(gn.absorbed) or comp is not None
        # "warned of the Prince": a party, not a clause, is no complement for the verb's own code
        party = not gn.absorbed and comp is not None and index.at(comp) is not None
        if own is not None and (gn.cand.specificity > 0 or not has_complement or party
                                or gn.cand.dictionary):  # fmt: skip
            return own, main  # the verb's own pattern ("demanded the resignation")
        if has_complement:
            if refusal:
                return self.governors.named["refusal"].code, main
            return gov.code, main  # "pressured X to cancel ...": a demand, not pressure
        return own, main

    def code_sentence(self, sent: Span, sent_no: int, finder: ArgumentFinder) -> list[EventMention]:
        blocked = self.triggers.blocked(sent)
        if blocked is None:
            return []
        index = finder.index
        nodes = {c.tok.i: _Node(c) for c in self.triggers.candidates(sent, index, blocked)}
        for node in nodes.values():
            gov = node.cand.governor
            if gov is not None and gov.name == "speech":
                self._obligation(node, index, finder)
            else:
                self._indicative(node)
        for node in nodes.values():
            self._climb(node, nodes)
        self._attach(nodes, finder)
        for node in nodes.values():  # "will withdraw unless X arranges a ceasefire": the
            if not node.dropped and self._in_condition(node, nodes):  # condition of another
                node.dropped = True  # event is no event of its own
        out = []
        for node in sorted(nodes.values(), key=lambda n: n.cand.tok.i):
            ev = self._assemble(node, sent_no, finder)
            if ev is not None:
                out.append(ev)
        return out

    def _attach(self, nodes: dict[int, _Node], finder: ArgumentFinder) -> None:
        """Settle each node against its host: absorbed, light, content or standing."""
        for node in nodes.values():
            h = node.host
            if node.dropped or h is None:
                continue
            base = node.host_rel.split(":")[0]
            gov = h.cand.governor
            if (gov is not None and gov.light_objects and base == "object"
                    and node.cand.kind == "noun"):  # fmt: skip
                node.light_head = h.cand.tok  # "undertook a mediation mission"
                h.dropped = True
            elif gov is not None and gov.derive is not None and node.cand.kind == "noun" and (
                node.cand.governor is not None and node.cand.governor.derive == gov.derive
            ) and base in ("object", "pobj"):
                node.light_head = h.cand.tok  # "insisted on its demands that ...": one demand
                h.dropped = True
            elif gov is not None and gov.derive is not None:
                h.absorbed.append((node, node.host_rel))
                node.dropped = True
            elif gov is not None and gov.content:
                node.dropped = True
            elif h.cand.kind == "noun":
                node.dropped = True  # inside a nominal event: "protest against the arrest"
            elif base == "object" and node.cand.kind == "noun":
                light = self.triggers.lemma(h.cand.tok) in self.verbs.light_verbs
                own = finder.index.agentive(node.cand.tok)
                subject = finder.actor(h.cand.tok)[0]
                if own and not {id(m) for m in own} & {id(m) for m in subject}:
                    node.role = "circumstance"  # "condemned the arrest ... by Syrian police"
                elif light and (h.cand.specificity == 0 or h.cand.code is None
                                or _finer(node.cand, h.cand)) and not h.cand.blocked:
                    node.light_head = h.cand.tok
                    h.dropped = True
                else:
                    node.dropped = True  # "imposed sanctions": the verb's own pattern
            elif base == "comp":
                if h.cand.code is not None or h.cand.blocked:
                    node.dropped = True  # "allowed X to participate": content of the verb
            elif base == "pobj":
                if h.cand.code is not None and node.cand.code is not None and (
                    h.cand.code[:2] == node.cand.code[:2]
                ):
                    node.dropped = True  # "killed ... in a bomb attack": one event
                else:
                    node.role = "circumstance"
        absorbed = {id(a) for n in nodes.values() for a, _rel in n.absorbed}
        for node in nodes.values():  # "promised to continue military aid": the noun that a
            lh = node.light_head  # transparent verb carries is in the governor's event too
            if not node.dropped and lh is not None and id(nodes.get(lh.i)) in absorbed:
                node.dropped = True
        for node in nodes.values():  # transparent governors with an event below are no event
            gov = node.cand.governor
            if gov is None or not gov.transparent or node.dropped:
                continue
            if any(n.host is None and not n.dropped and self._below(n.cand.tok, node.cand.tok)
                   for n in nodes.values() if n is not node):  # fmt: skip
                node.dropped = True

    @staticmethod
    def _place_attackers(tok: Token, finder: ArgumentFinder, code: str) -> list[ActorMention]:
        """ "An Eriadorian was shot dead in Osgiliath", "was arrested in Lebanon": a passive
        act of force or an arrest with no agent, in a country the text names, is done by
        that country's (unidentified) agents, as PETRARCH and PLOVER's gold code it; so is
        force used from a country ("rockets were fired from Lebanon")."""
        if not finder.actor(tok)[2]:
            return []
        preps = ("in", "from") if code[:2] in FORCE_FROM_ROOTS else ("in",)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for p in c.children:
                    found = [m for m in finder.index.for_argument(p) if m.country
                             and (m.kind == "country" or m.metonym == "place")]  # fmt: skip
                    if p.dep_ == "pobj" and found:
                        return found
        return []

    def _instrument(self, tok: Token, code: str) -> str:
        """An act of force that names no means ("killed", "wounded": 180, 190) takes the code
        of the weapon it was done by, in or with, or of its subject ("were killed in a car
        bombing": 1832; "a roadside bomb killed ...": 1833); nouns.yaml ``instruments``."""
        if code[:2] not in INSTRUMENT_ROOTS or not self._known(code) or (
            self.ontology.get(code).mode is not None
        ):
            return code
        nouns = [c for c in tok.children if c.dep_ == "nsubj"]
        for c in tok.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "in", "with"):
                nouns += [p for p in c.children if p.dep_ == "pobj"]
        for noun in nouns:
            inst = self.verbs.instruments.get(noun.lemma_.lower())
            if inst is None:
                continue
            mods = {m.lemma_.lower() for m in noun.subtree
                    if m.i < noun.i and m.dep_ in ("compound", "amod")}  # fmt: skip
            return next((c for word, c in inst.compounds if word in mods), inst.code)
        return code

    def _own_people(self, head: Token, code: str, finder: ArgumentFinder) -> bool:
        """A concession, refusal, threat or act of coercion that names no party is aimed at
        the actor's own people ("lifted the state of emergency", "declined to resign", "is
        prepared to impose martial law"), as ICEWS codes government → citizens; not when a
        party is named but unresolved ("rejected an offer from Gxndor") or the act answers
        someone's offer, plan or demand ("rejected the invitation")."""
        if not self._known(code) or self.ontology.get(code).event not in OWN_PEOPLE_EVENTS:
            return False
        if finder.unresolved_party(head, code) is not None:
            return False
        content = self.governors.content_nouns
        return not any(c.dep_ in ("dobj", "pobj") and c.lemma_.lower() in content
                       for c in (*head.children, *(g for p in head.children if p.dep_ == "prep"
                                                   for g in p.children)))  # fmt: skip

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

    def _content_relative(self, tok: Token) -> bool:
        """ "a resolution that aims to impose a blockade", "a plan that will not allow X":
        an event in a relative clause whose subject is a plan, law or proposal is what the
        text says, not an event (unlike "a plan that Iraq rejected"); so is anything inside
        such a noun's infinitive ("an offer to host a summit to hammer out an accord")."""
        t = tok
        content = self.governors.content_nouns
        for _ in range(12):
            if t.dep_ == "relcl":
                return t.head.lemma_.lower() in content and any(
                    c.dep_ == "nsubj" and c.tag_ in RELATIVE_PRONOUNS for c in t.children
                )
            if t.dep_ == "acl" and t.i != tok.i and t.head.lemma_.lower() in content:
                return True
            if t.head.i == t.i:
                return False
            t = t.head
        return False

    def _assemble(self, node: _Node, sent_no: int, finder: ArgumentFinder) -> EventMention | None:
        head_tok = node.light_head or node.cand.tok
        if node.dropped or self._content_relative(head_tok) or self.triggers.felt(head_tok):
            return None
        c = node.cand
        tok = c.tok
        gov = c.governor
        place_actor = False
        base_code: str | None = c.code
        main: _Node | None = None
        kind = c.kind
        derived = gov is not None and gov.derive is not None
        if derived:
            code, main = self._derive(node, finder.index)
            kind = "derived"
            base_code = main.cand.code if main is not None else c.code
        elif gov is not None and gov.transparent:
            code = c.code if not c.blocked else None
            kind = "verb"
        else:
            code = c.code
            kind = "verb" if kind == "governor" else kind
        reverse = c.reverse
        if code is None and not (kind == "verb" and (reverse is not None or c.by_sector)):
            return None
        head = node.light_head or tok
        if kind == "derived":
            assert code is not None
            nominal = None
            if c.kind == "noun":  # "X's demand that ...", "reiterated its demand that ..."
                nominal = self._nominal_actor(node, finder)
                if not nominal[0]:
                    return None
            actor, recipient, dist = self._derived_args(node, main, code, finder, nominal)
            if nominal is not None:
                kind = "light" if node.light_head is not None else "noun"  # as sure as a noun
        elif kind == "noun" and node.light_head is not None:
            kind = "light"
            assert code is not None
            actor, _atok, passive, _ = finder.actor(head)
            nactor, nrecip = finder.noun_arguments(tok, code[:2] in OF_IS_PATIENT_ROOTS)
            if passive or not actor:
                actor = nactor
            taken = {id(m) for m in actor}
            recipient = [m for m in nrecip if id(m) not in taken]
            if not recipient:
                recipient = finder.recipient(head, taken, code)[0]
                recipient = [m for m in recipient if m not in nactor or m in actor]
            dist = 2
        elif kind == "noun":
            assert code is not None
            actor, recipient = finder.noun_arguments(tok, code[:2] in OF_IS_PATIENT_ROOTS,
                                                     destination=code[:2] == "04")  # fmt: skip
            holder = self._responsibility(tok)
            if not actor and holder is not None:  # "denied any role in the attack"
                actor = finder.actor(holder)[0]
                head = holder
            if not actor:
                return None
            dist = 1
        else:
            actor, recipient, dist = self._verb_args(tok, code or reverse or "", finder,
                                                     in_ok=c.dictionary)  # fmt: skip
            if c.by_sector and actor and actor[0].sector in c.by_sector:
                code = c.by_sector[str(actor[0].sector)]  # "workers blocked roads": a protest
                if not recipient or code[:2] != (c.code or "")[:2]:
                    recipient = finder.recipient(tok, {id(m) for m in actor}, code)[0]
                if code[:2] == "04" and not {r.country for r in recipient} - {
                    a.country for a in actor
                }:
                    return None  # an official arriving at home is no visit
            elif code is None and reverse is not None:  # only the reverse: "faced criticism"
                actor, recipient, code = recipient, actor, reverse
            if code is None:
                return None
            if not recipient and finder.unresolved_party(tok, code) is not None:
                return None  # "restored ties with Gxndor": half an event is no event
            code = self._instrument(tok, code)
            if not actor and code.startswith(PLACE_ACTOR_CODES):
                actor = self._place_attackers(tok, finder, code)
                place_actor = bool(actor)
        assert code is not None
        if not self.keep_unknown_codes and code[-1].isalpha():
            code = code[:-1]  # a PETRARCH variant ("174K") is its CAMEO code in a record
            reverse = reverse[:-1] if reverse and reverse[-1].isalpha() else reverse
        if not self._known(code):
            if not self.keep_unknown_codes:
                return None
        elif self.ontology.get(code).event is None:
            return None  # statements (CAMEO 01) are not PLOVER events
        if code[:2] in PURPOSE_RECIPIENT_ROOTS and (not recipient
                                                    or _locative(recipient, tok.doc)):  # fmt: skip
            # "blocked streets in Hong Kong in defiance of Chinese authorities": the one
            # defied beats the place
            recipient = finder.purpose_recipient(head, {id(m) for m in actor}, code) or recipient
        elif code[:2] in DEAL_PURPOSE_ROOTS and not recipient:
            # "signed an accord to supply X with wheat": the deal is with the one supplied
            recipient = finder.purpose_recipient(head, {id(m) for m in actor}, code, objects=True)
        if code[:2] == "11" and not recipient:
            # "complained that Iraqi police had arrested ...": the complaint is about them
            recipient = finder.content_subject(head, {id(m) for m in actor})
        actor_ids = {a.actor_id for a in actor if a.actor_id}
        own = [r for r in recipient
               if r.kind == "person" and r.actor_id is not None and r.actor_id in actor_ids]  # fmt: skip
        if own and len(own) == len(recipient) and kind != "noun":
            return None  # "he received al-Kadhimi" with he = al-Kadhimi: a misread, not an event
        recipient = [r for r in recipient if r.actor_id is None or r.actor_id not in actor_ids]
        own_people = not recipient and self._own_people(head, code, finder)
        if kind == "noun" and head.i != tok.i:
            kind = "light"  # "denied any role in the attack": the denial carries it like a light verb
        return EventMention(
            trigger=tok.i, trigger_text=tok.text, sentence=sent_no, cameo=code, actor=actor,
            recipient=recipient, kind=kind, specificity=c.specificity, distance=dist,
            pattern=c.pattern, head=head.i, role=node.role,
            base_cameo=base_code if base_code != code else None,
            governor=gov.name if derived and gov is not None else None,
            negated_by_governor=node.negated,
            reverse=reverse if kind == "verb" and (code == c.code or (
                c.code is not None and c.code[-1].isalpha() and code == c.code[:-1])) else None,
            notes=[f"depth={clause_depth(head)}"], own_people=own_people, place_actor=place_actor,
        )  # fmt: skip

    def __call__(self, doc: Doc) -> Doc:
        index = MentionIndex(doc._.mizan_actors or [])
        finder = ArgumentFinder(index, self.governors.object_control,
                                frozenset(self.governors.by_lemma), self.event_nouns,
                                self.verbs.stance_nouns, self.verbs.motion_verbs,
                                self.verbs.host_nouns,
                                self.verbs.stative_participles)  # fmt: skip
        events: list[EventMention] = []
        for n, sent in enumerate(doc.sents):
            events.extend(self.code_sentence(sent, n, finder))
        doc._.mizan_events = events
        return doc


def _finer(noun: Candidate, verb: Candidate) -> bool:
    """The noun's own compound code refines the light verb's pattern code ("staged a hunger
    strike": 142 over "stage ... strike" 140)."""
    return bool(noun.specificity > 0 and noun.code and verb.code
                and noun.code[:2] == verb.code[:2] and noun.code != verb.code)  # fmt: skip


def _coded(n: _Node) -> bool:
    """A node that codes an event of its own (not a bare verb of saying or planning)."""
    gov = n.cand.governor
    return n.cand.code is not None or (gov is not None and gov.derive is not None)


def _said_noun(g: Token, nodes: dict[int, _Node]) -> _Node | None:
    """A demand, appeal, threat or offer noun that a verb of saying has as its object."""
    for c in g.children:
        n = nodes.get(c.i) if c.dep_ == "dobj" else None
        if n is not None and n.cand.kind == "noun" and n.cand.governor is not None and (
            n.cand.governor.derive is not None
        ):
            return n
    return None


def _protest_aim(node: _Node) -> bool:
    """An appeal, demand, complaint or protest: what a protest is for ("... to demand X",
    "... to protest X")."""
    gov = node.cand.governor
    return (node.cand.code or "")[:2] in ("02", "10", "11", "14") or (
        gov is not None and gov.derive in ("demand", "appeal")
    )


def _locative(ms: list[ActorMention], doc: Doc) -> bool:
    """Every mention is the object of "in" ("demonstrated in Baghdad")."""
    return all(doc[m.end - 1].head.lower_ == "in" or doc[m.start].head.lower_ == "in"
               for m in ms)  # fmt: skip


@Language.factory("mizan_events", default_config={"extra_verbs": []})
def make_event_coder(nlp: Language, name: str, extra_verbs: list[str]) -> EventCoder:
    return EventCoder(load_verbs([Path(p) for p in extra_verbs]), load_ontology(), load_governors())


def _same_party(a: list[ActorMention], b: list[ActorMention]) -> bool:
    """Whether two sides share a mention or a resolved actor."""
    if {id(m) for m in a} & {id(m) for m in b}:
        return True
    return bool({m.actor_id for m in a if m.actor_id} & {m.actor_id for m in b if m.actor_id})
