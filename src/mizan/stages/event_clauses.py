"""Clause structure: which node hosts each trigger's event, and what a governor above it makes
of it ("said it will withdraw" codes the withdrawal; "agreed to provide aid" is AGREE 033;
"X said Y must ..." is a demand; an "if" clause is no event of its own). See ``events.py``.
"""

from __future__ import annotations

from spacy.tokens import Token

from .arguments import ArgumentFinder, MentionIndex
from .event_parts import (
    COMPLEMENT,
    CONTENT_PURPOSE_ROOTS,
    MISSION_PURPOSE_ROOTS,
    NOUN_CONTENT,
    STOP_RELATIONS,
    TOPIC_RELS,
    CoderBase,
    Node,
    coded,
    finer,
    protest_aim,
    said_noun,
    same_party,
)
from .syntax import RELATIVE_PRONOUNS


class ClauseRules(CoderBase):
    """The clause layer of :class:`~mizan.stages.events.EventCoder`."""

    def _climb(self, node: Node, nodes: dict[int, Node]) -> None:
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
                    if (node.cand.code or "")[:2] in MISSION_PURPOSE_ROOTS and (
                        self.triggers.lemma(g) in self.verbs.dispatch_verbs
                    ):
                        gn.dropped = True  # "sent a team to investigate": the inquiry
                if rel in ("purpose", "adjunct") and self._protest_at(g, gn, nodes) and (
                    protest_aim(node) or rel == "adjunct" and node.cand.tok.tag_ == "VBG"
                    and (node.cand.code or "")[:2] in ("17", "18", "19")
                ):  # fmt: skip
                    node.dropped = True  # "demonstrated ..., calling for X": the protest's aim;
                    return  # "rioted, setting fire to cars": how they rioted
                if (rel == "acl" and g.lemma_.lower() in content_nouns and g.i not in nodes
                        and node.cand.tok.tag_ == "VBG" and node.cand.governor is not None
                        and node.cand.governor.derive is not None):  # fmt: skip
                    t = g  # "put out a statement demanding that ...": the author demands
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
                    if rel == "comp" and protest_aim(node) and self._protest_at(g, None, nodes):
                        node.dropped = True  # "began a hunger strike to protest against X"
                        return
                    said = said_noun(g, nodes) if rel == "comp" else None
                    if said is not None:  # "repeated its demand on Sunday that X lift ...",
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
                             or finer(node.cand, gn.cand))
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
                t = g  # "froze part of an arms package"
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

    def _in_condition(self, node: Node, nodes: dict[int, Node]) -> bool:
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
                return any(n is not node and not n.dropped and coded(n) and (
                    n.cand.tok.i == g.i or self._below(g, n.cand.tok)
                    or (n.light_head is not None and n.light_head.i == g.i)
                ) for n in nodes.values())  # fmt: skip
            t = t.head
        return False

    @staticmethod
    def _talks_at(g: Token, gn: Node | None, nodes: dict[int, Node]) -> bool:
        """``g`` is a consultation: coded so, or a light verb carrying one ("renewed
        negotiations today on ...", "held talks in Baghdad on ...")."""
        if gn is not None and (gn.cand.code or "")[:2] == "04":
            return True
        return any(c.dep_ == "dobj" and c.i in nodes and (nodes[c.i].cand.code or "")[:2] == "04"
                   for c in g.children)  # fmt: skip

    @staticmethod
    def _protest_at(g: Token, gn: Node | None, nodes: dict[int, Node]) -> bool:
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

    def _obligation(self, node: Node, index: MentionIndex, finder: ArgumentFinder) -> None:
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
            if obliged and not same_party(obliged, speaker):
                name = "appeal" if hit <= {"should", "ought"} else "demand"
                node.cand.governor = self.governors.named[name]
                node.cand.kind = "governor"
                node.cand.code = node.cand.reverse = None  # not "said" (a statement)
                return

    def _indicative(self, node: Node) -> None:
        """ "insisted that they are not competing": a demand verb with an indicative clause
        and no "must" only says something (the demand is "insisted that X withdraw");
        "cautioned that no date had yet been fixed" is no threat ("warned that the army
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

    def _derive(self, gn: Node, index: MentionIndex) -> tuple[str | None, Node | None]:
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

    def _content_relative(self, tok: Token) -> bool:
        """ "a resolution that aims to impose a blockade", "a plan that would not let X ...":
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
