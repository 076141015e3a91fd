"""Stage ``mizan_modality``: is the event asserted, reported, future, hypothetical or negated,
and who says so? Removes what is not an event at all: rhetorical questions and the
author's own analysis ("appears to be balancing", "analysts say ... could").

The walk starts at the event's clause head and climbs the dependency tree to the root:

* negation ("not", "never") on the clause → negated; a past negation ("did not sign") stays
  negated, a present or future one of cooperation ("do not accept", "would not allow") is
  a refusal and is recoded REJECT (PLOVER: "all rejections and refusals");
* "will"/"shall", or a plan verb above ("plans to", "is scheduled to") → future; "would"
  under a past verb of saying ("said it would") is the future of the past;
* "could/might/may/should", or an "if/unless" condition → hypothetical;
* a verb of saying above, or "according to X" → reported, ``attributed_to`` X;
* PLOVER's reductions (with ``reduce``): future or conditional cooperation (CONSULT, SUPPORT,
  COOPERATE, AID, CONCEDE, RETREAT) is AGREE, and a future or conditional use of force is THREATEN
  (``derived.yaml``); the modality is kept, so the record still says "future".

Cue words are data: ``data/verbs/modality.yaml`` and the classes of ``governors.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..governors import CONFLICT_ROOTS, Governors, load_governors
from ..verbs import VerbDictionary, load_verbs
from .arguments import ArgumentFinder, MentionIndex, guessed
from .events import EventMention
from .syntax import particles

COMPLEMENT_DEPS = {"xcomp", "ccomp", "pcomp", "prep", "pobj", "acomp", "advcl", "conj", "dobj",
                   "oprd", "attr", "csubj", "parataxis", "relcl", "acl"}  # fmt: skip
SPEECH_DEPS = {"ccomp", "xcomp", "parataxis", "advcl", "conj", "dobj", "pcomp", "prep", "pobj"}
REDUCE_COOPERATION = {"04", "05", "06", "07", "08"}
# a concession or retreat already decided ("decided to allow X") is made, not promised
DECIDED_COOPERATION = {"08"}
REFUSAL_ROOTS = {"03", "04", "05", "06", "07", "08"}
# governors whose complement is what is promised, demanded, asked or threatened: an event in
# a purpose clause inside that complement is part of it ("willing to send arms to help
# defend X"), not an event of its own (a refusal's stands, negated)
CONTENT_DERIVES = {"intent", "demand", "appeal", "threat"}
# reductions of relations: announced, a future one is a decision, not a threat
DECIDED_ROOTS = {"16"}


@dataclass
class _Reading:
    negated: bool = False
    past_negation: bool = False
    future: bool = False
    modal: str | None = None
    conditional: bool = False
    speaker_tok: Token | None = None
    speech_past: bool = False
    speech_verb: Token | None = None
    not_event: bool = False
    historical: bool = False
    decided: bool = False  # the future comes from a decision ("decided to allow")
    prepared: bool = False  # the future comes from getting ready ("prepared to attack")
    descriptive: bool = False  # in a participle or passive relative clause on a noun
    content_of: Token | None = None  # the governor whose content the event is part of


FORCE_ROOTS = {"18", "19", "20"}
FORCE_POSTURE = "150"  # demonstrate military or police power (PLOVER MOBILIZE)


class ModalityTagger:
    def __init__(self, verbs: VerbDictionary, governors: Governors, reduce: bool = True) -> None:
        cue = verbs.cue
        self.future_aux = cue("future_aux")
        self.conditional_marks = cue("conditional_marks")
        self.modals = cue("hypothetical_modals")
        self.analysts = cue("analysts")
        self.negators = cue("negators")
        self.habitual = cue("habitual")
        self.decision_speech = cue("decision_speech")
        self.preparation = cue("preparation")
        self.past_marks = cue("past_marks")
        self.long_durations = cue("long_durations")
        self.governors = governors
        self.reduce = reduce
        self._sources: dict[int, dict[str, str] | None] = {}  # per document, by sentence
        self._descriptive: set[int] = set()  # ids of events that describe a noun
        self._content: list[tuple[EventMention, int]] = []  # (content event, governor)
        self.speech = frozenset(
            lemma for lemma, gs in governors.by_lemma.items() if any(g.name == "speech" for g in gs)
        )

    # -- reading the clause -------------------------------------------------------------
    def _own_clause(self, start: Token) -> list[Token]:
        """The clause head with the heads it shares auxiliaries with ("will meet X and sign")."""
        out = [start]
        t = start
        while t.dep_ == "conj" and t.head.i != t.i and len(out) < 4:
            t = t.head
            out.append(t)
        if start.pos_ in ("NOUN", "PROPN") and start.head.i != start.i:
            out.append(start.head)  # a nominal event: its verb ("did not sign the agreement")
        if start.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in start.children
        ):
            out.append(start.head)  # a purpose shares its clause's time: "will travel ... to ask"
        return out

    def _clause_marks(self, tokens: list[Token], r: _Reading) -> None:
        for t in tokens:
            kids = list(t.children)
            if t.dep_ == "relcl" and (t.tag_ in ("VBZ", "VBP") and not any(
                c.dep_ in ("aux", "auxpass") for c in kids
            ) or t.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ in ("do", "does")
                                        for c in kids)):  # fmt: skip
                r.not_event = True  # "jihadists who still stage attacks", "any partner that
                # does not ask it to choose": what they do, a habit
            for c in kids:
                low = c.lower_
                if c.dep_ == "neg" or (c.dep_ == "advmod" and low in self.negators):
                    r.negated = True
                    r.past_negation = r.past_negation or any(
                        a.lower_ == "did" for a in kids if a.dep_ == "aux"
                    ) or (t.tag_ == "VBD" and not any(a.dep_ == "aux" for a in kids))
                if c.dep_ == "advmod" and low in self.habitual and (
                    t.tag_ in ("VBZ", "VBP") or t.tag_ == "VBG" and t.dep_ == "pcomp" and not any(
                        a.dep_ in ("aux", "auxpass") for a in kids)
                ):  # fmt: skip
                    r.not_event = True  # "Sistani rarely receives officials": a habit
                if c.dep_ in ("aux", "auxpass"):
                    if low in self.future_aux:
                        r.future = True
                    elif low in self.modals and r.modal is None:
                        r.modal = low
                    elif low in ("going", "about"):
                        r.future = True
                if c.dep_ == "advcl" and self._condition(c):
                    r.conditional = True  # "would meet X if ..."
            if self._condition(t):
                r.conditional = True  # the condition itself: "if they were granted a veto"
            if t.tag_ == "VBN" and (t.dep_ == "acl" or t.dep_ == "relcl" and any(
                c.dep_ == "auxpass" for c in kids
            )):  # fmt: skip
                r.descriptive = True  # "property seized by X", "who were taken hostage"
            if t.dep_ == "advcl" and self._long_before(t):
                r.historical = True  # "years after crowds burned the embassy"
            elif t.dep_ == "advcl" and self._fronted_participle(t):
                r.not_event = True  # "Rebuked by X, Y is ...": a circumstance of Y
        start = tokens[0]
        if start.pos_ in ("NOUN", "PROPN") and start.dep_ == "pobj" and self._long_before(
            start.head
        ):
            r.historical = True  # "decades after the invasion"

    def _long_before(self, t: Token) -> bool:
        """``t`` is a time clause (or preposition) "after"/"since" measured in months or
        more: "five years after X" — X is background history, not a new event."""
        kids = list(t.children)
        if t.dep_ == "prep":
            if t.lower_ not in self.past_marks:
                return False
        elif not any(c.dep_ == "mark" and c.lower_ in self.past_marks for c in kids):
            return False
        return any(c.dep_ == "npadvmod" and c.lemma_.lower() in self.long_durations for c in kids)

    @staticmethod
    def _fronted_participle(t: Token) -> bool:
        """``t`` is a past participle opening the sentence with no subject or auxiliary of
        its own, before the subject of its main clause ("Rebuked by X, Y is drawn into ..."):
        it describes that subject's circumstances, not an event of its own."""
        if t.tag_ != "VBN" or t.left_edge.i != t.sent.start or t.head.i <= t.i:
            return False
        if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in t.children):
            return False
        subj = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and subj.i > t.right_edge.i

    def _condition(self, clause: Token) -> bool:
        """``clause`` is introduced by "if"/"unless" (not the concessive "even if")."""
        for m in clause.children:
            if m.dep_ == "mark" and m.lower_ in self.conditional_marks:
                return not any(a.lower_ == "even" for a in m.children) and not any(
                    a.lower_ == "even" and a.i == m.i - 1 for a in clause.children
                )
        return False

    def read(self, ev: EventMention, doc: Doc) -> _Reading:
        r = _Reading()
        start = doc[ev.head] if ev.head >= 0 else doc[ev.trigger]
        own = self._own_clause(start)
        self._clause_marks(own, r)
        if ev.head >= 0 and ev.head != ev.trigger and doc[ev.trigger].pos_ == "NOUN":
            gov = self.governors.of(start.lemma_.lower(), particles(start))
            if gov is not None and gov.modality == "negated":
                r.negated, r.past_negation = True, True  # "denied any role in the attack"
        if ev.negated_by_governor:
            r.negated, r.past_negation = True, True
        below, t = own[-1], own[-1].head
        purpose = _purpose(start)
        for _ in range(14):
            if below.i == t.i:
                break
            lemma = t.lemma_.lower()
            gov = self.governors.of(lemma, particles(t))
            dep = below.dep_
            purpose = purpose or _purpose(below)
            if gov is not None and dep in COMPLEMENT_DEPS:
                if purpose and gov.derive in CONTENT_DERIVES and dep in ("xcomp", "ccomp"):
                    r.not_event, r.content_of = True, t  # "willing to send arms to help
                    # defend X"
                if gov.modality == "analysis" and dep in ("xcomp", "ccomp"):
                    r.not_event = True
                elif gov.modality == "future" and dep not in ("relcl", "acl", "parataxis"):
                    r.future = True
                    r.decided = r.decided or lemma in self.decision_speech
                    r.prepared = r.prepared or (lemma in self.preparation and t.pos_ == "VERB"
                                                and not self._future_aux(t))  # fmt: skip
                elif gov.modality == "negated" and dep not in ("relcl", "acl"):
                    r.negated, r.past_negation = True, True
                elif gov.name == "speech" and dep in SPEECH_DEPS and r.speaker_tok is None:
                    subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    r.speaker_tok = subj if subj is not None else t
                    r.speech_past = t.tag_ in ("VBD", "VBN")
                    r.speech_verb = t
            if self._condition(t) and dep not in ("ccomp",):
                r.conditional = True
            below, t = t, t.head
        return r

    def _future_aux(self, t: Token) -> bool:
        """``t`` is itself in the future ("will prepare to attack")."""
        return any(c.dep_ == "aux" and c.lower_ in self.future_aux for c in t.children)

    # -- attribution --------------------------------------------------------------------
    @staticmethod
    def _as_source(tok: Token, finder: ArgumentFinder) -> dict[str, str]:
        ms = finder.mentions_for(tok)
        if ms:
            return {"text": ms[0].text, "name": ms[0].name}
        span = tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
        return {"text": span.text, "name": span.text}

    @staticmethod
    def _according_to(sent: Span, finder: ArgumentFinder) -> dict[str, str] | None:
        for t in sent:
            if t.lower_ == "according":
                for prep in t.children:
                    for p in prep.children:
                        if p.dep_ == "pobj":
                            return ModalityTagger._as_source(p, finder)
        return None

    # -- decision -----------------------------------------------------------------------
    def classify(self, ev: EventMention, doc: Doc, finder: ArgumentFinder) -> str | None:
        """Set ``ev.modality`` / ``ev.attributed_to`` (and PLOVER's recoding); None when it is
        not an event."""
        tok = doc[ev.trigger]
        sent = tok.sent
        if self._question(sent):
            return None  # a (rhetorical) question asserts nothing
        r = self.read(ev, doc)
        if r.not_event:
            if r.content_of is not None and ev.recipient:
                self._content.append((ev, r.content_of.i))
            return None
        if r.descriptive:
            self._descriptive.add(id(ev))
        speaker = None
        if r.speaker_tok is not None:
            if r.speaker_tok.lemma_.lower() in self.analysts and (r.modal or r.future):
                return None  # "analysts say ... could": analysis, not an event
            speaker = self._as_source(r.speaker_tok, finder)
        else:
            if sent.start not in self._sources:
                self._sources[sent.start] = self._according_to(sent, finder)
            speaker = self._sources[sent.start]
        hypothetical = False
        if r.modal is not None:
            if r.modal in ("would", "'d") and r.speaker_tok is not None and r.speech_past:
                r.future = True  # "said it would withdraw"
            else:
                hypothetical = True
        if r.conditional:
            hypothetical = True
        ev.attributed_to = speaker
        if self.reduce and r.negated and not r.past_negation and ev.cameo[:2] in REFUSAL_ROOTS:
            refused = self.governors.derive("refusal", ev.cameo)
            if refused and refused != "negated":
                ev.base_cameo, ev.cameo, ev.governor = ev.base_cameo or ev.cameo, refused, "refusal"
                r.negated = hypothetical = r.future = False
        if r.negated:
            ev.modality = "negated"
        elif hypothetical:
            ev.modality = "hypothetical"
        elif r.future:
            ev.modality = "future"
        elif r.historical:
            ev.modality = "historical"
        elif speaker is not None:
            ev.modality = "reported"
        else:
            ev.modality = "asserted"
        if self.reduce and ev.modality in ("future", "hypothetical"):
            decided = r.speech_verb is not None and (
                r.speech_verb.lemma_.lower() in self.decision_speech
            )
            if r.prepared and ev.modality == "future" and ev.cameo[:2] in FORCE_ROOTS:
                ev.base_cameo, ev.cameo = ev.base_cameo or ev.cameo, FORCE_POSTURE
                ev.modality = "reported" if speaker is not None else "asserted"
                return ev.modality  # "the army prepared to resume shelling": the getting
                # ready is done, a show of force posture (MOBILIZE)
            self._reduce(ev, r.future or r.modal in ("would", "'d", "may", "shall"), decided,
                         r.decided)
        return ev.modality

    @staticmethod
    def _question(sent: Span) -> bool:
        """The sentence ends with a question mark (closing quotes and brackets aside)."""
        for t in reversed(sent):
            if t.text in ("\"", "'", "”", "’", ")", "»") or t.is_space:
                continue
            return t.text.endswith("?")
        return False

    def _reduce(
        self, ev: EventMention, committed: bool, decided: bool = False, decision: bool = False
    ) -> None:
        """PLOVER: future cooperation (a concession or retreat too: "will release the
        hostages") is AGREE; a future or conditional use of force is THREATEN (a protest only
        when conditional). A bare "could" is left alone; a concession under "decided to" is
        made, not promised."""
        if not committed:
            return
        root = ev.cameo[:2]
        table = None
        if root in DECIDED_COOPERATION and decision:
            return
        if root in REDUCE_COOPERATION:
            table = "intent"
        elif root in CONFLICT_ROOTS and (root != "14" or ev.modality == "hypothetical") and not (
            root in DECIDED_ROOTS and decided and ev.modality == "future"
        ):
            table = "threat"
        if table is None:
            return
        code = self.governors.derive(table, ev.cameo)
        if code and code != "negated" and code != ev.cameo:
            ev.base_cameo = ev.base_cameo or ev.cameo
            ev.cameo = code
            ev.governor = ev.governor or ev.modality

    def _drop_descriptions(self, events: list[EventMention], doc: Doc) -> list[EventMention]:
        """An event told in a participle or a passive relative clause on a noun
        ("the property seized by the army", "the engineers who were taken hostage") describes
        that noun: when its sentence has an event of its own, it is background, no event."""
        main = {doc[ev.trigger].sent.start for ev in events if id(ev) not in self._descriptive}
        return [ev for ev in events
                if id(ev) not in self._descriptive or doc[ev.trigger].sent.start not in main]

    def __call__(self, doc: Doc) -> Doc:
        index = MentionIndex(doc._.mizan_actors or [])
        finder = ArgumentFinder(index, self.governors.object_control,
                                frozenset(self.governors.by_lemma))  # fmt: skip
        kept = []
        self._sources = {}
        self._descriptive = set()
        self._content = []
        for ev in doc._.mizan_events or []:
            if self.classify(ev, doc, finder) is not None:
                kept.append(ev)
        for content, gov in self._content:  # "ready to send equipment to help protect X":
            for ev in kept:  # the promise is made to X
                if gov in (ev.trigger, ev.head) and all(guessed(m) for m in ev.recipient):
                    better = [m for m in content.recipient if m not in ev.actor]
                    if better and not all(guessed(m) for m in better):
                        ev.recipient = better  # (over "engineers" of a guessed country)
        if self._descriptive:
            kept = self._drop_descriptions(kept, doc)
        doc._.mizan_events = kept
        return doc


@Language.factory("mizan_modality", default_config={"extra_verbs": [], "reduce": True})
def make_modality_tagger(
    nlp: Language, name: str, extra_verbs: list[str], reduce: bool
) -> ModalityTagger:
    return ModalityTagger(load_verbs([Path(p) for p in extra_verbs]), load_governors(), reduce)


def _purpose(t: Token) -> bool:
    """``t`` heads a purpose clause ("to protect the border")."""
    return t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
