"""Context rules of the actor stage: when a capital is the government (metonymy), and who an
unknown name is (provisional actors with a country and sector taken from the words around it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy
from spacy.attrs import (
    IDX,
    IS_ALPHA,
    IS_ASCII,
    IS_DIGIT,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LENGTH,
    LOWER,
    ORTH,
)
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span, Token

from ..actors.cues import Cues
from ..actors.normalize import name_key, skeleton_key
from ..actors.registry import Registry
from .doccache import doc_text, sent_starts

CONJ_LIMIT = 4


def acts_as_government(span: Span, cues: Cues) -> bool:
    """Is a capital or seat used as the government here? Only as the subject of a verb that
    is not a place verb ("Tehran rejected", "the Kremlin said"), the possessor of a noun
    ("Tehran's response"), the agent of a passive ("denied by Washington"), the source after
    "according to", or a qualifier of a government noun ("Tehran officials")."""
    root = span.root
    for _ in range(CONJ_LIMIT):  # "Tehran and Moscow rejected": climb the coordination
        if root.dep_ != "conj":
            break
        root = root.head
    dep, head = root.dep_, root.head
    if dep == "nsubj":
        if head.pos_ not in ("VERB", "AUX"):
            return False
        if head.lemma_.lower() not in cues.place_verbs:
            return True
        return any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in cues.stance_words
                   for c in head.children) or _a_party(head, cues)  # fmt: skip
    if dep == "poss":
        return True
    if dep == "pobj" and head.lower_ == "by" and head.dep_ == "agent":
        return True
    if dep == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    if dep in ("compound", "amod", "nmod"):
        return head.lemma_.lower() in cues.government_nouns or head.lower_ in cues.government_nouns
    return False


def _a_party(verb: Token, cues: Cues) -> bool:
    """Does "be" or "have" make its subject a party: "is a key player", "is one of our
    partners", "has a special responsibility", "is at the forefront of"?"""
    for c in verb.children:
        words = [c]
        if c.dep_ in ("attr", "dobj") and c.lower_ in ("one", "some", "among"):
            words += [o for p in c.children if p.lower_ == "of" for o in p.children]
        elif c.dep_ == "prep" and c.lower_ in ("at", "among"):
            words = list(c.children)
        elif c.dep_ not in ("attr", "dobj"):
            continue
        if any(w.lemma_.lower() in cues.party_nouns or w.lower_ in cues.party_nouns for w in words):
            return True
    return False


_GLUED = re.compile(r"[,;]?[\[(].*$")


def clean_name(text: str) -> str:
    """A name without the reference mark or bracket the tokenizer left glued to its last
    word ("Bashar al-Assad,[1" → "Bashar al-Assad"; "Qanbar(Arabic" → "Qanbar")."""
    return _GLUED.sub("", text).strip() or text


def provisional_key(text: str) -> str:
    """The cluster key of an unknown name: its consonant skeleton (so "Reham Yaqoub" and
    "Raham Yaqoub" meet), else its name key."""
    return skeleton_key(text) or name_key(text)


def _descriptor(tok: Token, registry: Registry, cues: Cues) -> str | None:
    word, lemma = tok.lower_, tok.lemma_.lower()
    return (
        cues.descriptors.get(word)
        or cues.descriptors.get(lemma)
        or registry.agents.get(word)
        or registry.agents.get(lemma)
    )


@dataclass
class Context:
    """What the words around an unknown name say about it."""

    country: str | None = None
    sector: str | None = None
    found: bool = False
    person: bool = False  # described by a noun for a person ("activist", "commander")


def describe(ent: Span, registry: Registry, cues: Cues) -> Context:
    """Country and sector of an unknown name from its context: modifiers before it ("Iraqi
    activist Reham Yaqoub"), an apposition after it ("Reham Yaqoub, an Iraqi activist"), or
    the words of an organisation's own name ("Syrian Democratic Forces")."""
    doc = ent.doc
    ctx = Context()
    window: list[Token] = []
    j = ent.start - 1
    while j >= ent.sent.start and ent.start - j <= 4:
        t = doc[j]
        if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ"):
            break
        window.append(t)
        j -= 1
    heads = [window[0]] if window else []  # the noun right before the name
    for t in ent.root.children:  # apposition: "Reham Yaqoub, an Iraqi activist,"
        if t.dep_ == "appos" and t.i >= ent.end:
            window.extend(x for x in t.subtree if x.i <= t.i)
            heads.append(t)
    if ent.label_ != "PERSON":
        window.extend(ent)
    for a, b in zip(window[1:], window, strict=False):  # "South African", "Sri Lankan"
        if b.i == a.i + 1 and (c := registry.country_of_demonym(f"{a.text} {b.text}")):
            ctx.country = c.id
            ctx.found = True
            break
    for t in window:
        c = registry.country_of_demonym(t.text)
        if c is not None and t.ent_type_ != "PERSON":
            ctx.country = ctx.country or c.id
            ctx.found = True
            continue
        s = _descriptor(t, registry, cues)
        if s is not None:
            ctx.sector = ctx.sector or s
            ctx.found = True
            if t in heads and t.tag_ in ("NN", "NNP") and t.lower_ not in cues.group_nouns:
                ctx.person = True
    return ctx


class DocInfo:
    """Per-document arrays shared by the actor passes, so that each pass visits only the
    tokens it cares about instead of building every Token object again."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.n = len(doc)
        cols = [LOWER, LEMMA, IS_ALPHA, IDX, LENGTH, IS_PUNCT, IS_SPACE, IS_DIGIT, IS_ASCII, ORTH]
        arr = doc.to_array(cols) if self.n else numpy.zeros((0, len(cols)), dtype="uint64")
        self.lower_h = arr[:, 0]
        self.lemma_h = arr[:, 1]
        self.alpha = arr[:, 2].astype(bool)
        self.idx: list[int] = arr[:, 3].tolist()
        self.length: list[int] = arr[:, 4].tolist()
        self.punct: list[bool] = arr[:, 5].astype(bool).tolist()
        self.space: list[bool] = arr[:, 6].astype(bool).tolist()
        self.digit: list[bool] = arr[:, 7].astype(bool).tolist()
        self.ascii: list[bool] = arr[:, 8].astype(bool).tolist()
        self.orth_list: list[int] = arr[:, 9].tolist()
        self.strings = doc.vocab.strings
        self.lower_list: list[int] = self.lower_h.tolist()
        self._lemma: list[int] | None = None
        self.text = doc_text(doc)
        self.sent_starts: list[int] = sent_starts(doc)
        self.sent_start: list[int] = []
        self.sent_end: list[int] = []
        bounds = [*self.sent_starts, self.n]
        for a, b in zip(bounds, bounds[1:], strict=False):
            self.sent_start += [a] * (b - a)
            self.sent_end += [b] * (b - a)

    def lower(self, i: int) -> str:
        return str(self.strings[self.lower_list[i]])

    def lemma(self, i: int) -> str:
        return str(self.strings[int(self.lemma_h[i])]).lower()

    def where(self, words: Iterable[str], lemma: bool = False) -> list[int]:
        """Token positions whose lower-case form (or lemma) is one of ``words``, in order."""
        key = words if isinstance(words, frozenset) else frozenset(words)
        hashes = _HASHES.get(key)
        if hashes is None:
            hashes = _HASHES[key] = frozenset(hash_string(w) for w in key)
        if lemma:
            if self._lemma is None:
                self._lemma = self.lemma_h.tolist()
            return [i for i, (a, b) in enumerate(zip(self.lower_list, self._lemma, strict=True))
                    if a in hashes or b in hashes]  # fmt: skip
        return [i for i, a in enumerate(self.lower_list) if a in hashes]


_HASHES: dict[frozenset[str], frozenset[int]] = {}
