"""Stage ``mizan_modality``: is the event asserted, reported, future, hypothetical or negated,
and who says so? Removes what is not an event at all: rhetorical questions and the
author's own analysis ("appears to be balancing", "analysts say ... could").

The cue words are data (``data/verbs/modality.yaml``); the logic walks the dependency
tree from the trigger up to the sentence root.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..verbs import VerbDictionary, load_verbs
from .events import EventMention, MentionIndex


class ModalityTagger:
    def __init__(self, verbs: VerbDictionary) -> None:
        cue = verbs.cue
        self.speech = cue("speech")
        self.future_aux = cue("future_aux")
        self.future_verbs = cue("future_verbs")
        self.negating_verbs = cue("negating_verbs")
        self.conditional_marks = cue("conditional_marks")
        self.modals = cue("hypothetical_modals")
        self.analysis_verbs = cue("analysis_verbs")
        self.analysts = cue("analysts")

    def _chain(self, tok: Token) -> list[Token]:
        """The trigger and the heads above it, up to the root of the sentence."""
        chain = [tok]
        while chain[-1].head.i != chain[-1].i and len(chain) < 12:
            chain.append(chain[-1].head)
        return chain

    def _speaker(self, verb: Token, index: MentionIndex) -> dict[str, str] | None:
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                ms = index.for_argument(c)
                if ms:
                    return {"text": ms[0].text, "name": ms[0].name}
                span = verb.doc[c.left_edge.i : c.right_edge.i + 1]
                return {"text": span.text, "name": span.text}
        return None

    def _according_to(self, sent_tokens: list[Token], index: MentionIndex) -> dict[str, str] | None:
        for t in sent_tokens:
            if t.lower_ == "according":
                for prep in t.children:
                    for p in prep.children:
                        if p.dep_ == "pobj":
                            ms = index.for_argument(p)
                            if ms:
                                return {"text": ms[0].text, "name": ms[0].name}
                            span = t.doc[p.left_edge.i : p.right_edge.i + 1]
                            return {"text": span.text, "name": span.text}
        return None

    def classify(self, ev: EventMention, doc: Doc, index: MentionIndex) -> str | None:
        """Set ``ev.modality`` / ``ev.attributed_to``; return None if it is not an event."""
        tok = doc[ev.trigger]
        sent = tok.sent
        if sent.text.rstrip().rstrip("\"'”’)").endswith("?"):
            return None
        negated = future = hypothetical = False
        speaker: dict[str, str] | None = None
        chain = self._chain(tok)
        for depth, t in enumerate(chain):
            lemma = t.lemma_.lower()
            kids = list(t.children)
            same_clause = (
                depth == 0 or chain[depth - 1].dep_ in ("xcomp", "aux", "conj") or t.pos_ != "VERB"
            )
            if depth == 1 and ev.kind == "light":  # "did not sign the agreement"
                same_clause = True
            if same_clause:
                if any(c.dep_ == "neg" for c in kids):
                    negated = True
                if any(c.dep_ == "aux" and c.lower_ in self.future_aux for c in kids):
                    future = True
                if any(c.dep_ == "aux" and c.lower_ in self.modals for c in kids):
                    hypothetical = True
            if any(c.dep_ == "mark" and c.lower_ in self.conditional_marks for c in kids):
                hypothetical = True
            if depth == 0:
                continue
            below = chain[depth - 1]
            if lemma in self.analysis_verbs and below.dep_ in ("xcomp", "ccomp"):
                return None
            if lemma in self.future_verbs and below.dep_ in (
                "xcomp",
                "ccomp",
                "pcomp",
                "pobj",
                "prep",
                "advcl",
            ):
                future = True
            if lemma in self.negating_verbs and below.dep_ in (
                "xcomp",
                "ccomp",
                "pcomp",
                "pobj",
                "prep",
            ):
                negated = not negated or lemma == "deny"
            if (
                lemma in self.speech
                and below.dep_ in ("ccomp", "xcomp", "parataxis", "advcl", "conj")
                and speaker is None
            ):
                speaker = self._speaker(t, index)
                subj = next((c for c in kids if c.dep_ == "nsubj"), None)
                if (
                    subj is not None
                    and subj.lemma_.lower() in self.analysts
                    and (hypothetical or future)
                ):
                    return None  # "analysts say ... could": analysis, not an event
        if speaker is None:
            speaker = self._according_to(list(sent), index)
        ev.attributed_to = speaker
        if negated:
            ev.modality = "negated"
        elif hypothetical:
            ev.modality = "hypothetical"
        elif future:
            ev.modality = "future"
        elif speaker is not None:
            ev.modality = "reported"
        else:
            ev.modality = "asserted"
        return ev.modality

    def __call__(self, doc: Doc) -> Doc:
        index = MentionIndex(doc._.mizan_actors or [])
        kept = []
        for ev in doc._.mizan_events or []:
            if self.classify(ev, doc, index) is not None:
                kept.append(ev)
        doc._.mizan_events = kept
        return doc


@Language.factory("mizan_modality", default_config={"extra_verbs": []})
def make_modality_tagger(nlp: Language, name: str, extra_verbs: list[str]) -> ModalityTagger:
    from pathlib import Path

    return ModalityTagger(load_verbs([Path(p) for p in extra_verbs]))
