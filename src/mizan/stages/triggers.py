"""Trigger candidates of one sentence: verbs of the pattern dictionary, nominal triggers,
and governor words ("agreed", "willing", "threatened").

A candidate holds the code its own words give it (the most specific pattern of the verb, or
the noun's code), before the clause structure is looked at (stage ``events``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..governors import Governor, Governors
from ..verbs import VerbDictionary, could_match, match_verb
from .arguments import MentionIndex
from .doccache import DocColumns
from .syntax import clause_tokens, forms, lemma_of, particles


@dataclass
class Candidate:
    tok: Token
    code: str | None  # None: no code (or a pattern blocks it)
    reverse: str | None
    kind: str  # verb | noun | governor
    specificity: int = 0
    pattern: str | None = None
    governor: Governor | None = None
    blocked: bool = False  # a pattern explicitly says "no event"
    by_sector: dict[str, str] | None = None  # actor sector → code, when no pattern matched
    # the code comes from a user's PETRARCH/TABARI dictionary: it wins over a governor's
    # default code when the governed clause gives none
    dictionary: bool = False


TRIGGER_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN", "ADJ"})
FEELING = "feeling"  # the governor class of feelings (governors.yaml)


class TriggerFinder:
    def __init__(self, verbs: VerbDictionary, governors: Governors) -> None:
        self.verbs = verbs
        self.governors = governors
        self.idioms: dict[str, list[tuple[str, ...]]] = {}
        for phrase in verbs.idioms:
            self.idioms.setdefault(phrase[0], []).append(phrase)
        self.discards: dict[str, list[tuple[str, ...]]] = {}
        for phrase in verbs.discards:
            self.discards.setdefault(phrase[0], []).append(phrase)
        self.story_discards: dict[str, list[tuple[str, ...]]] = {}
        for phrase in verbs.story_discards:
            self.story_discards.setdefault(phrase[0], []).append(phrase)
        self.feelings = frozenset(lemma for lemma, gs in governors.by_lemma.items()
                                  if any(g.name == FEELING for g in gs))  # fmt: skip

    @staticmethod
    def _find(lowers: list[str], table: dict[str, list[tuple[str, ...]]]) -> list[tuple[int, int]]:
        out = []
        for i, w in enumerate(lowers):
            for phrase in table.get(w, ()):
                if tuple(lowers[i : i + len(phrase)]) == phrase:
                    out.append((i, i + len(phrase)))
        return out

    def blocked(self, sent: Span, cols: DocColumns | None = None) -> set[int] | None:
        """Token indexes inside idioms or in a clause holding a discard phrase; None when a
        discard phrase sits in the sentence's main clause, or a story-level one anywhere
        (nothing in it is coded)."""
        lowers = cols.lower[sent.start : sent.end] if cols else [t.lower_ for t in sent]
        if self.story_discards and self._find(lowers, self.story_discards):
            return None
        out = {sent.start + i for a, b in self._find(lowers, self.idioms) for i in range(a, b)}
        for a, _b in self._find(lowers, self.discards):
            head = _clause_head(sent[a])  # a discard rules out its own clause and the
            if head.dep_ == "ROOT":  # clauses below it, not the clause it hangs from
                return None  # ("jailed them for playing in a football match")
            out.update(t.i for t in head.subtree)
        return out

    def candidates(self, sent: Span, index: MentionIndex, blocked: set[int],
                   cols: DocColumns) -> list[Candidate]:  # fmt: skip
        doc = sent.doc
        a, b = sent.start, sent.end
        words = frozenset(cols.lower[a:b]) | frozenset(cols.lemma[a:b])  # the sentence's words
        pos = cols.pos
        out = []
        for i in range(a, b):
            p = pos[i]
            if p not in TRIGGER_POS or i in blocked:
                continue
            tok = doc[i]
            c = None
            if p == "VERB" or (p == "AUX" and tok.dep_ not in ("aux", "auxpass")):
                c = self._verb(tok, words)
            elif p in ("NOUN", "PROPN"):
                c = self._noun(tok, index)
            elif p == "ADJ":
                c = self._adjective(tok)
            if c is not None:
                out.append(c)
        return out

    def known(self, lemma: str) -> bool:
        return lemma in self.verbs.verbs or lemma in self.governors.by_lemma or (
            lemma in self.verbs.light_verbs
        )

    def lemma(self, tok: Token) -> str:
        return lemma_of(tok, self.known)

    def _governor(self, tok: Token, lemma: str | None = None) -> Governor | None:
        return self.governors.of(lemma or tok.lemma_.lower(), particles(tok))

    def _verb(self, verb: Token, words: frozenset[str]) -> Candidate | None:
        lemma = self.lemma(verb)
        gov = self._governor(verb, lemma)
        if gov is None and verb.tag_ == "VBN" and verb.lower_ in self.feelings:
            gov = self._governor(verb, verb.lower_)  # "is not reassured of": a feeling
        if gov is not None and gov.name == FEELING:
            return Candidate(verb, None, None, "governor", governor=gov)  # no event itself
        entry = self.verbs.entry(lemma)
        written = self.verbs.entry(verb.lower_)
        if verb.lower_ != lemma and written is not None and written.surface:
            entry = written  # a PETRARCH dictionary's own verb "LEFT", not "leave"
        elif entry is not None and entry.surface and not entry.written(verb.lower_):
            entry = None  # PETRARCH knows a verb by its forms: not the misspelt "departes"
        if entry is None:
            if gov is None:
                return None
            return Candidate(verb, None, None, "governor", governor=gov)
        if entry.patterns and not could_match(entry, words):
            match = match_verb(entry, [], [])  # no word any pattern needs is in the sentence
        elif entry.patterns:
            left = clause_tokens(verb, side="left")
            if entry.surface:  # PETRARCH's words before a verb lie anywhere before it: the
                left = sorted(left + _governing(verb), key=lambda t: t.i)  # "INDICATED *"
            before = forms(left)
            right = clause_tokens(verb, side="right")
            if entry.surface:  # ... and after it, into a "that" clause it governs
                right = sorted(right + _complements(verb), key=lambda t: t.i)[:20]
            after = forms(right)
            patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if patient is not None:  # "the ambassador was summoned": the object, for patterns
                after = forms([t for t in patient.subtree if t.dep_ != "relcl"][:8]) + after
            match = match_verb(entry, before, after)
        else:
            match = match_verb(entry, [], [])
        pat = None
        if match.pattern is not None:
            slots = " ".join("/".join(sorted(s)[:2]) for s in match.pattern.after)
            pat = f"{match.pattern.block}: {slots}"
        if gov is not None and gov.name == "speech" and match.pattern is not None and (
            match.code is not None and not any(c.dep_ == "ccomp" for c in verb.children)
        ):  # "recalled its ambassador": the verb's own pattern, no verb of saying
            gov = None
        blocked = match.pattern is not None and match.code is None and match.reverse is None
        if match.code is None and match.reverse is None and gov is None and not (
            entry.by_sector and match.pattern is None
        ):
            return None
        return Candidate(verb, match.code, match.reverse, "governor" if gov else "verb",
                         match.specificity, pat or entry.block, gov, blocked,
                         entry.by_sector if match.pattern is None else None,
                         entry.surface)  # fmt: skip

    def _noun(self, noun: Token, index: MentionIndex) -> Candidate | None:
        lemma = noun.lemma_.lower()
        trig = self.verbs.nouns.get(lemma)
        gov = self.governors.nominal.get(lemma)  # "its demand that X ...", "an offer to ..."
        if gov is not None and index.at(noun) is None and (trig is None or trig.plural_only):
            return Candidate(noun, gov.code, None, "noun", 0, f"noun: {lemma}", gov)
        if trig is None or (trig.plural_only and noun.tag_ not in ("NNS", "NNPS")):
            return None
        if index.at(noun) is not None:
            return None
        code, spec = trig.code, 0
        mods = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")}
        for word, wcode in trig.compounds:
            if word in mods:
                code, spec = wcode, 1  # "hunger strike", "military aid"
        head = noun.head
        if noun.dep_ == "compound" and head.lemma_.lower() in self.verbs.shell_nouns:
            # "a mediation mission": the shell noun stands for the event
            return Candidate(head, code, trig.reverse, "noun", spec, f"noun: {trig.lemma}")
        return Candidate(noun, code, trig.reverse, "noun", spec, f"noun: {trig.lemma}", gov)

    def felt(self, tok: Token) -> bool:
        """``tok`` is inside what someone feels ("wary of any rapprochement, which Iraq may
        use to stop its troops from raiding"): some word above it is a feeling."""
        t = tok
        feelings = self.feelings
        for _ in range(24):
            if t.head.i == t.i:
                return False
            t = t.head
            if t.lemma_.lower() in feelings or t.tag_ == "VBN" and t.lower_ in feelings:
                return True
        return False

    def _adjective(self, adj: Token) -> Candidate | None:
        gov = self._governor(adj)
        if gov is None:
            return None
        if not any(c.dep_ in ("xcomp", "prep", "ccomp") for c in adj.children):
            return None  # "Iraq is ready" governs nothing
        return Candidate(adj, None, None, "governor", governor=gov)


def _governing(verb: Token) -> list[Token]:
    """The verbs whose complement ``verb``'s clause is and that come before it ("Ethiopia
    INDICATED it would act")."""
    out: list[Token] = []
    t = verb
    while t.dep_ in ("ccomp", "xcomp") and t.head.i != t.i and len(out) < 3:
        t = t.head
        if t.i < verb.i:
            out.append(t)
            if t.i == verb.head.i and verb.dep_ == "xcomp":  # "won't try to clash": its words
                out += [w for w in clause_tokens(t, side="left") if w.i < verb.i]
    return out


def _complements(verb: Token) -> list[Token]:
    """The words of the finite clauses ``verb`` governs to its right ("allowed THAT Mordor
    isn't a really pleasant place")."""
    return [t for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i
            for t in c.subtree if t.dep_ != "relcl"]  # fmt: skip


def _clause_head(tok: Token) -> Token:
    """The verb of the clause a token is in (the sentence root when none is nearer)."""
    while tok.dep_ != "ROOT" and not (
        tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound")
    ):
        tok = tok.head
    return tok
