"""Dependency-parse helpers shared by the event, modality, date and place stages.

Everything here reads spaCy's dependency labels (ClearNLP style: nsubj, nsubjpass, dobj,
dative, xcomp, ccomp, advcl, relcl, acl, pcomp, agent, neg, aux, mark, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Token

NOMINAL = ("NOUN", "PROPN")
CLAUSAL = {"ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "acl", "csubj", "csubjpass"}
SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
RIGHT_DEPS = {"dobj", "dative", "prep", "prt", "attr", "acomp", "oprd", "advmod", "npadvmod",
              "pobj", "pcomp", "compound", "amod", "det", "nummod", "poss", "case", "nmod",
              "appos", "quantmod", "agent", "neg", "xcomp", "dep"}  # fmt: skip
RELATIVE_PRONOUNS = {"WP", "WDT", "WP$"}
PREDICATE_POS = {"VERB", "AUX"}


def clause_tokens(head: Token, *, side: str, limit: int = 15) -> list[Token]:
    """Tokens of ``head``'s own clause on one side of it (its dependents' subtrees, not
    descending into other clauses), in text order, at most ``limit`` of them."""
    out: list[Token] = []
    stack = [c for c in head.children if (c.i > head.i if side == "right" else c.i < head.i)]
    while stack:
        t = stack.pop()
        if t.dep_ in CLAUSAL and t.pos_ in PREDICATE_POS and t.dep_ != "xcomp":
            continue
        if t.dep_ in ("relcl", "appos", "parataxis"):
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
    while t.pos_ not in PREDICATE_POS and t.head.i != t.i:
        t = t.head
    return t


def ancestors_until_clause(tok: Token) -> Iterator[Token]:
    """Ancestors of ``tok`` up to and including the head of its clause."""
    t = tok
    while t.head.i != t.i:
        t = t.head
        yield t
        if t.pos_ in PREDICATE_POS:
            return


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` with the tokens coordinated with it ("X and Y"); a subject taken out of a
    fronted phrase ("With the help of the UN, Iraq and Kuwait agreed") keeps only the
    conjuncts after it."""
    out = [c for c in tok.conjuncts if c.pos_ in ("PROPN", "NOUN", "PRON", "ADJ")]
    if tok.dep_ == "conj" and _after_comma(tok) and _fronted(tok):
        out = [c for c in out if c.i > tok.i]
    return [tok, *out]


def _after_comma(tok: Token) -> bool:
    """``tok``'s phrase follows a comma ("..., the Iraqi government")."""
    return tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].lower_ == ","


def _fronted(tok: Token) -> bool:
    """``tok`` lies in a phrase opening its sentence that hangs from a verb after it."""
    t = tok
    while t.head.i != t.i and t.pos_ != "VERB":
        if t.dep_ in ("prep", "advcl", "npadvmod") and t.i == t.sent.start and t.head.i > tok.i:
            return True
        t = t.head
    return False


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


def particles(tok: Token) -> set[str]:
    """Particles and prepositions attached to a verb ("called ON", "looked FORWARD to"), and
    the "for" of a clause it governs ("called FOR them to strike", parsed as that clause's
    subordinator)."""
    out = set()
    for c in tok.children:
        dep = c.dep_
        if dep in ("prt", "prep", "advmod", "dative"):
            out.add(c.lower_)
        elif dep == "advcl" and c.i > tok.i:
            out.update(m.lower_ for m in c.lefts if m.dep_ == "mark" and m.lower_ == "for")
    return out


def has_neg(tok: Token) -> bool:
    """``tok`` (or its auxiliaries) carries a negation: "did not sign", "never met"."""
    return any(c.dep_ == "neg" for c in tok.children)


def aux_words(tok: Token) -> list[str]:
    """The auxiliaries of a predicate, lower case ("will", "would", "has", "be")."""
    return [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]


def subject_of(
    verb: Token, object_control: frozenset[str] = frozenset(), depth: int = 0
) -> tuple[Token | None, bool]:
    """The subject of ``verb`` and whether its clause is passive. Inherited through control
    ("agreed to visit"; "urged Iraq to withdraw" gives Iraq), coordination ("met X and signed
    Y"), adjective predicates ("is ready to send"), participles and relative clauses."""
    for c in verb.children:
        if c.dep_ == "nsubj":
            if c.tag_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head, False
            return c, False
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            if c.tag_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head, True
            return c, True
    swallowed = _fronted_subject(verb)
    if swallowed is not None:
        return swallowed, any(c.dep_ == "auxpass" for c in verb.children)
    if depth > 4:
        return None, False
    head = verb.head
    if head.i == verb.i:
        return None, False
    dep = verb.dep_
    if dep == "xcomp" or (dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                 for c in verb.children)):  # fmt: skip
        if dep == "xcomp" and head.lemma_.lower() in object_control:
            obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None:
                return obj, False
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod", "attr", "oprd"):
            return subject_of(head.head, object_control, depth + 1)[0], False
        return subject_of(head, object_control, depth + 1)[0], False
    if dep == "pcomp" and head.dep_ == "prep":  # "committed to opening up", "accused X of"
        gov = head.head
        if gov.pos_ == "ADJ" and gov.dep_ in ("acomp", "amod", "attr"):
            gov = gov.head
        return subject_of(gov, object_control, depth + 1)[0], False
    if dep == "conj":
        subj, passive = subject_of(head, object_control, depth + 1)
        own_passive = any(c.dep_ == "auxpass" for c in verb.children)
        return subj, own_passive or (passive and verb.tag_ == "VBN")
    if dep == "advcl":
        # "Rebuked by Eriador, Osgiliath ...": a bare past participle is passive
        bare = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass", "mark")
                                              for c in verb.children)  # fmt: skip
        return subject_of(head, object_control, depth + 1)[0], bare
    if dep == "relcl":
        return head, False
    if dep == "acl":
        return head, verb.tag_ == "VBN"
    if dep in ("acomp", "amod") and verb.pos_ == "ADJ":
        return subject_of(head, object_control, depth + 1)
    return None, False


def _fronted_subject(verb: Token) -> Token | None:
    """A subject the parser swallowed into a fronted phrase as a conjunct after its comma:
    "With the help of the UN, Iraq and Kuwait agreed ..." parsed as "the UN, Iraq and
    Kuwait" (or an apposition); only for a verb with no subject of its own, the phrase ending
    right before it."""
    if verb.dep_ not in ("ROOT", "conj") or verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
        return None
    for c in verb.children:
        if c.i > verb.i:
            break
        if c.dep_ not in ("prep", "advcl", "npadvmod") or c.i != c.sent.start:
            continue
        sub = list(c.subtree)
        end = sub[-1].i + 1
        if any(t.i < verb.i and t.dep_ not in ("aux", "auxpass", "advmod", "neg")
               for t in c.doc[end : verb.i]):  # fmt: skip
            return None
        for t in sub:
            if t.dep_ in ("conj", "appos") and t.left_edge.i > c.i + 1 and _after_comma(t):
                return t
    return None


def agent_of(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb; for a passive clause, also one the parser hung
    on a clause below it that cannot own it: an active verb's ("was accused of taking bribes
    by X") or one set off by a comma ("was accused of fraud, much of it hidden, by X")."""
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None
    for t in verb.subtree:
        if t.i <= verb.i or t.lower_ != "by" or t.dep_ not in ("agent", "prep"):
            continue
        head = t.head
        if head.i == verb.i or head.pos_ != "VERB":
            continue
        if head.tag_ != "VBN" or (t.i > 0 and t.doc[t.i - 1].lower_ == ","):
            return next((p for p in t.children if p.dep_ == "pobj"), None)
    return None


def prep_objects(tok: Token, preps: set[str] | frozenset[str]) -> list[tuple[str, Token]]:
    """("with", X) for each "with X" attached to ``tok``; also "on behalf of"-free pcomp."""
    out: list[tuple[str, Token]] = []
    for c in tok.children:
        if c.lower_ == "with" and c.i == c.sent.start and c.i < tok.i:
            continue  # "With the help of X, Y agreed ...": circumstances, no partner
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ in preps:
            objs = [p for p in c.children if p.dep_ in ("pobj", "dobj")]
            if not objs and not any(True for _ in c.children):
                objs = _shared_object(c) or _swallowed_object(c)
            elif not objs:  # "asylum to officers hiding in X", parsed as a gerund clause
                objs = [s for p in c.children if p.dep_ == "pcomp" and p.tag_ == "VBG"
                        for s in p.children if s.dep_ == "nsubj" and s.pos_ in NOMINAL]
            out.extend((c.lower_, p) for p in objs)
    return out


def _shared_object(prep: Token) -> list[Token]:
    """The object a stranded preposition shares with a coordinated phrase after it ("ties
    with and an embassy in Baghdad", "aid to and talks with Iraq"): the first prepositional
    object after it, when "and"/"or" follows the preposition."""
    doc, end = prep.doc, prep.sent.end
    if prep.i + 1 >= end or doc[prep.i + 1].dep_ != "cc":
        return []
    return next(([t] for t in doc[prep.i + 2 : end] if t.dep_ == "pobj"), [])


def _swallowed_object(prep: Token) -> list[Token]:
    """The object of a bare preposition that the parser made the subject of a verb after
    it ("granted asylum to four officers holed up in X")."""
    t = prep.doc[prep.i + 1] if prep.i + 1 < prep.sent.end else prep
    while t.head.i != t.i and t.head.i > t.i and t.dep_ != "nsubj":
        t = t.head
    ok = t.dep_ == "nsubj" and t.pos_ in NOMINAL and t.left_edge.i == prep.i + 1
    return [t] if ok else []


def clause_depth(tok: Token) -> int:
    """How many clause boundaries lie between ``tok`` and the sentence root."""
    d, t = 0, tok
    while t.head.i != t.i:
        if t.dep_ in CLAUSAL:
            d += 1
        t = t.head
    return d


def lemma_of(tok: Token, known: Callable[[str], bool]) -> str:
    """``tok``'s lemma, or — when the tagger's lemma is unknown to ``known`` — a regular
    base form that is ("staged" is sometimes lemmatised "stag"; "stopped" → "stop")."""
    lemma = tok.lemma_.lower()
    if known(lemma):
        return lemma
    low = tok.lower_
    forms: list[str] = []
    if low.endswith("ied"):
        forms.append(low[:-3] + "y")
    if low.endswith("ed"):
        forms += [low[:-1], low[:-2]]
        if len(low) > 4 and low[-3] == low[-4]:
            forms.append(low[:-3])
    elif low.endswith("ing"):
        forms += [low[:-3], low[:-3] + "e"]
        if len(low) > 5 and low[-4] == low[-5]:
            forms.append(low[:-4])
    elif low.endswith("es"):
        forms += [low[:-1], low[:-2]]
    elif low.endswith("s"):
        forms.append(low[:-1])
    return next((f for f in forms if known(f)), lemma)
