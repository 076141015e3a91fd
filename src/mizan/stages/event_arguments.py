"""Actor and recipient of each coded event, from the parse (``arguments.py`` finds the
mentions; this layer says which argument plays which part for verbs, nouns, light verbs and
events derived from a governor, and fills in the weapon, the place's attackers and an act's
own people). See ``events.py``.
"""

from __future__ import annotations

from spacy.tokens import Token

from .actors import ActorMention
from .arguments import ArgumentFinder
from .event_clauses import ClauseRules
from .event_parts import (
    FORCE_FROM_ROOTS,
    INSTRUMENT_ROOTS,
    OF_IS_PATIENT_ROOTS,
    OWN_PEOPLE_EVENTS,
    Node,
)
from .syntax import prep_objects, tree_distance

UNARMED_FORCE = {"180", "182"}  # unconventional violence, physical assault: no weapon named
SETTING_PREPS = frozenset({"during", "in", "amid", "after", "following"})  # of a protest
CIVIL_SECTORS = {"CVL", "OPP", "LAB", "EDU", "REL", "MED"}


class ArgumentRules(ClauseRules):
    """The argument layer of :class:`~mizan.stages.events.EventCoder`."""

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
        self, node: Node, finder: ArgumentFinder
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
        self, gn: Node, main: Node | None, code: str, finder: ArgumentFinder,
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
                    # "demanded the pullout of Syrian troops"; "refused to respond to a
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
        """The one a threat is aimed at: the subject of its condition ("threatened to quit
        the negotiations if Washington presses on", "... unless Israel withdrew")."""
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

    @staticmethod
    def _place_attackers(tok: Token, finder: ArgumentFinder, code: str) -> list[ActorMention]:
        """ "a Gxndorian was gunned down in Eriador", "was arrested in Lebanon": a passive
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

    def _violent_protest(self, tok: Token, code: str, actor: list[ActorMention]) -> str:
        """Stones thrown or people beaten by protesters, students or workers during a
        demonstration ("threw rocks during the rally") is a violent protest (145), not an
        assault; a police force's or an army's force there stays what it is."""
        if code not in UNARMED_FORCE or not actor or not (
            actor[0].sector in CIVIL_SECTORS  # or people named by their nationality alone
            or (actor[0].kind == "country" and actor[0].metonym == "demonym")
        ):
            return code
        t = tok
        for _ in range(3):
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("during", "in", "at", "amid") and any(
                    p.dep_ == "pobj" and self.event_nouns.get(p.lemma_.lower(), "")[:2] == "14"
                    for p in c.children
                ):
                    return "145"
            if t.dep_ not in ("pcomp", "xcomp", "conj") or t.head.i == t.i:
                break
            t = t.head.head if t.dep_ == "pcomp" else t.head
        return code

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

    def _host_target(
        self, tok: Token, code: str, actor: list[ActorMention], finder: ArgumentFinder
    ) -> list[ActorMention]:
        """Force told by a participle with no target of its own ("launched rocket fire
        against X's camps, killing 30") hits the target of the clause it hangs on."""
        if tok.dep_ != "advcl" or tok.tag_ != "VBG" or not code.startswith(FORCE_FROM_ROOTS):
            return []
        return finder.recipient(tok.head, {id(m) for m in actor}, code)[0]

    def _protest_target(
        self, head: Token, actor: list[ActorMention], finder: ArgumentFinder
    ) -> list[ActorMention]:
        """A protest with no target of its own done during, in or after a demonstration
        against someone ("threw stones during protests against X", "... against abuses by
        X's police") or calling for something of someone ("rioted after a march calling for
        X's removal") is aimed at them."""
        taken = {id(m) for m in actor}
        hosts = [head, head.head] if head.dep_ in ("pcomp", "xcomp") else [head]
        for _w, noun in (q for h in hosts for q in prep_objects(h, SETTING_PREPS)):
            for _a, q in prep_objects(noun, {"against", "at"}):
                found = finder.mentions_for(q) or finder.index.agentive(q)
                found = [m for m in found if id(m) not in taken]
                if found:
                    return found
            for c in noun.children:  # "... after a march calling for X's removal"
                if c.dep_ == "acl" and c.tag_ == "VBG":
                    found = finder.recipient(c, taken, "10")[0]
                    if found:
                        return found
        return []

    def _mission_destination(
        self, head: Token, actor: list[ActorMention], finder: ArgumentFinder
    ) -> list[ActorMention]:
        """An inquiry by a team sent somewhere ("sent experts to a camp in Chad to
        investigate") looks into the country it was sent to: the first actor named in the
        sending's "to", "into" or "in" phrase with a country (a place stands for its state)."""
        sender = head.head
        if head.dep_ != "advcl" or self.triggers.lemma(sender) not in self.verbs.dispatch_verbs:
            return []
        taken = {id(m) for m in actor}
        for prep in sender.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("to", "into", "in"):
                continue
            for t in prep.subtree:
                found = [m for m in finder.index.for_argument(t)
                         if id(m) not in taken and m.country]
                if found:
                    return found
        return []

    def _own_people(self, head: Token, code: str, finder: ArgumentFinder) -> bool:
        """A concession, refusal, threat or act of coercion that names no party is aimed at
        the actor's own people ("lifted the state of emergency", "declined to resign", "is
        ready to declare martial law"), as ICEWS codes government → citizens; not when a
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
