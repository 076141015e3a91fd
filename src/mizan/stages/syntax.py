"""Dependency-parse helpers shared by the event, modality, date and place stages."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

CLAUSAL = {"ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "acl", "csubj", "csubjpass"}
SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
RIGHT_DEPS = {"dobj", "dative", "prep", "prt", "attr", "acomp", "oprd", "advmod", "npadvmod",
              "pobj", "pcomp", "compound", "amod", "det", "nummod", "poss", "case", "nmod",
              "appos", "quantmod", "agent", "neg", "xcomp", "dep"}  # fmt: skip


def clause_tokens(head: Token, *, side: str, limit: int = 15) -> list[Token]:
    """Tokens of ``head``'s own clause on one side of it (its dependents' subtrees, not
    descending into other clauses), in text order, at most ``limit`` of them."""
    out: list[Token] = []
    stack = [c for c in head.children if (c.i > head.i if side == "right" else c.i < head.i)]
    while stack:
        t = stack.pop()
        if t.dep_ in CLAUSAL and t.pos_ in ("VERB", "AUX") and t.dep_ != "xcomp":
            continue
        out.append(t)
        stack.extend(t.children)
    out.sort(key=lambda t: t.i)
    if side == "right":
        return out[:limit]
    return out[-limit:]


def forms(tokens: list[Token]) -> list[tuple[str, str]]:
    return [(t.lower_, t.lemma_.lower()) for t in tokens]


def governing_verb(tok: Token) -> Token:
    """The nearest verb at or above ``tok`` (``tok`` itself if it is one)."""
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def ancestors_until_clause(tok: Token) -> Iterator[Token]:
    """Ancestors of ``tok`` up to and including the head of its clause."""
    t = tok
    while t.head.i != t.i:
        t = t.head
        yield t
        if t.pos_ in ("VERB", "AUX"):
            return


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` with the tokens coordinated with it ("X and Y")."""
    return [tok, *[c for c in tok.conjuncts if c.pos_ in ("PROPN", "NOUN", "PRON", "ADJ")]]


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    up_a = {a.i: 0}
    d, t = 0, a
    while t.head.i != t.i:
        d += 1
        t = t.head
        up_a[t.i] = d
    d, t = 0, b
    while t.i not in up_a:
        if t.head.i == t.i:
            return 99
        d += 1
        t = t.head
    return d + up_a[t.i]
