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

The coder is built in layers, one module each: ``event_parts.py`` (the mention, the node,
the base and its parse helpers), ``event_clauses.py`` (step 2), ``event_arguments.py``
(step 3) and this module (settling the nodes of a sentence and assembling each event).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..governors import load_governors
from ..ontology import load_ontology
from ..verbs import load_verbs
from .arguments import ArgumentFinder, MentionIndex
from .doccache import DocColumns
from .event_arguments import ArgumentRules
from .event_parts import (
    DEAL_PURPOSE_ROOTS,
    MISSION_PURPOSE_ROOTS,
    OF_IS_PATIENT_ROOTS,
    PLACE_ACTOR_CODES,
    PURPOSE_RECIPIENT_ROOTS,
    EventMention,
    Node,
    finer,
    locative,
)
from .syntax import clause_depth

__all__ = ["EventCoder", "EventMention", "MentionIndex"]


class EventCoder(ArgumentRules):
    """Codes event mentions from a parsed Doc with actor mentions."""

    def code_sentence(self, sent: Span, sent_no: int, finder: ArgumentFinder,
                      cols: DocColumns | None = None) -> list[EventMention]:  # fmt: skip
        cols = cols or DocColumns(sent.doc)
        blocked = self.triggers.blocked(sent, cols)
        if blocked is None:
            return []
        index = finder.index
        nodes = {c.tok.i: Node(c) for c in self.triggers.candidates(sent, index, blocked, cols)}
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

    def _attach(self, nodes: dict[int, Node], finder: ArgumentFinder) -> None:
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
                                or finer(node.cand, h.cand)) and not h.cand.blocked:
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

    def _assemble(self, node: Node, sent_no: int, finder: ArgumentFinder) -> EventMention | None:
        head_tok = node.light_head or node.cand.tok
        if node.dropped or self._content_relative(head_tok) or self.triggers.felt(head_tok):
            return None
        c = node.cand
        tok = c.tok
        gov = c.governor
        place_actor = False
        base_code: str | None = c.code
        main: Node | None = None
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
            code = self._violent_protest(tok, self._instrument(tok, code), actor)
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
                                                    or locative(recipient, tok.doc)):  # fmt: skip
            # "blocked roads in Baghdad in defiance of the authorities": the one
            # defied beats the place
            recipient = finder.purpose_recipient(head, {id(m) for m in actor}, code) or recipient
        elif code[:2] in DEAL_PURPOSE_ROOTS and not recipient:
            # "signed an accord to supply X with wheat": the deal is with the one supplied
            recipient = finder.purpose_recipient(head, {id(m) for m in actor}, code, objects=True)
        if code[:2] == "11" and not recipient:
            # "complained that Iraqi police had arrested ...": the complaint is about them
            recipient = finder.content_subject(head, {id(m) for m in actor})
        if not recipient and kind == "verb":  # "launched fire against X, killing 30"
            recipient = self._host_target(tok, code, actor, finder)
        if code[:2] == "14" and not recipient:  # "threw stones during protests against X"
            recipient = self._protest_target(head, actor, finder)
        if code[:2] in MISSION_PURPOSE_ROOTS and not recipient:  # "sent experts to X to
            recipient = self._mission_destination(head, actor, finder)  # investigate"
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
                                self.verbs.stative_participles,
                                self.verbs.self_passives)  # fmt: skip
        events: list[EventMention] = []
        cols = DocColumns(doc)
        for n, sent in enumerate(doc.sents):
            events.extend(self.code_sentence(sent, n, finder, cols))
        doc._.mizan_events = events
        return doc


@Language.factory("mizan_events", default_config={"extra_verbs": []})
def make_event_coder(nlp: Language, name: str, extra_verbs: list[str]) -> EventCoder:
    return EventCoder(load_verbs([Path(p) for p in extra_verbs]), load_ontology(), load_governors())
