"""The speed shortcuts give exactly what the plain computation gives (hypothesis).

* Verb patterns: ``match_verb`` tries only the patterns indexed under a word around the verb;
  a reference that tries every pattern in order must pick the same one. When
  ``could_match`` says no pattern can match in a sentence, matching any words of that
  sentence gives the verb's own code.
* Paragraph breaks: ``mark_paragraphs`` visits only the tokens after a newline; a reference
  that walks every token must mark the same sentence starts.
* Sentence evidence: ``sent_chars`` slices the document text; it must equal spaCy's own
  sentence span.
"""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from mizan.stages.doccache import remember_text, sent_chars
from mizan.stages.paragraphs import FINAL, HEADING_MAX, mark_paragraphs
from mizan.verbs import Match, Pattern, VerbEntry, _keys, _subsequence, could_match, match_verb

WORDS = ["aid", "to", "with", "talks", "troops", "the", "arms", "on", "deal", "new tie"]
word = st.sampled_from(WORDS)
slot = st.frozensets(word, min_size=1, max_size=3)
side = st.lists(slot, max_size=2).map(tuple)
pattern = st.builds(
    lambda after, before, code, n: Pattern(after, before, code, None, f"p{n}", "test"),
    side, side, st.sampled_from(["036", "042", "061", None]), st.integers(0, 99),
)  # fmt: skip
forms = st.lists(st.tuples(word, word), max_size=8)


def reference(entry: VerbEntry, before: list[tuple[str, str]], after: list[tuple[str, str]]) -> Match:
    """Every pattern, in dictionary order, with the same preference as ``match_verb``."""
    best, best_key = None, (0, 0)
    for p in entry.patterns:
        present = {w for f in (*before, *after) for w in f}
        if any(present.isdisjoint(_keys(s)) for s in (*p.after, *p.before)):
            continue
        a = _subsequence(p.after, after, p.after_glue)
        b = _subsequence(p.before, before, p.before_glue)
        if a < 0 or b < 0:
            continue
        key = (p.specificity, -(a + (len(before) - b if p.before else 0)))
        if best is None or key > best_key:
            best, best_key = p, key
    if best is None:
        return Match(entry.code, entry.reverse, None, 0)
    return Match(best.code, best.reverse, best, best.specificity)


@settings(max_examples=300, deadline=None)
@given(st.lists(pattern, max_size=12), forms, forms)
def test_indexed_patterns_match_like_every_pattern(patterns, before, after):
    entry = VerbEntry("give", "070", None, "test", "test", patterns=list(patterns))
    assert match_verb(entry, before, after) == reference(entry, before, after)


@settings(max_examples=300, deadline=None)
@given(st.lists(pattern, max_size=12), forms, forms)
def test_no_match_possible_means_the_verbs_own_code(patterns, before, after):
    entry = VerbEntry("give", "070", None, "test", "test", patterns=list(patterns))
    sentence = frozenset(w for f in (*before, *after) for w in f)
    if not could_match(entry, sentence):
        assert match_verb(entry, before, after) == Match("070", None, None, 0)


def test_patterns_added_later_are_indexed():
    entry = VerbEntry("give", "070", None, "test", "test")
    words = [("aid", "aid")]
    assert match_verb(entry, [], words).pattern is None
    entry.patterns.append(Pattern((frozenset({"aid"}),), (), "073", None, "p", "test"))
    assert match_verb(entry, [], words).code == "073"
    assert could_match(entry, frozenset({"aid"})) and not could_match(entry, frozenset({"x"}))


NLP = spacy.blank("en")
pieces = st.sampled_from(["Iraq", "said.", "the", "Report", "x,", "A", "b", "\n", "\n\n", " ",
                          "\t", "2020", "Talks:", "(Reuters)"])  # fmt: skip
texts = st.lists(st.tuples(pieces, st.sampled_from(["", " ", "\n", "  "])), max_size=30).map(
    lambda parts: "".join(a + b for a, b in parts)
)


def walk_every_token(doc) -> list[int]:
    """The plain rule: a blank line, or the end of a heading line, starts a sentence."""
    text, line_start, out = doc.text, 0, []
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        ws = prev.text if prev.is_space else prev.whitespace_
        if "\n" not in ws or tok.is_space:
            continue
        line = text[doc[line_start].idx : prev.idx + len(prev.text)].strip()
        heading = len(line) <= HEADING_MAX and not line.endswith(FINAL) and tok.text[:1].isupper()
        if "\n\n" in ws or heading:
            out.append(tok.i)
        line_start = tok.i
    return out


@settings(max_examples=400, deadline=None)
@given(texts)
def test_paragraph_breaks_as_if_every_token_were_walked(text):
    doc = mark_paragraphs(NLP.make_doc(text))
    marked = [t.i for t in doc if t.i > 0 and t.is_sent_start]
    assert marked == walk_every_token(NLP.make_doc(text))


@settings(max_examples=200, deadline=None)
@given(texts)
def test_sentence_evidence_is_spacys_sentence(text):
    doc = mark_paragraphs(NLP.make_doc(text))
    for t in doc:
        if t.i > 0 and t.is_sent_start is None:
            t.is_sent_start = False  # the parser would settle every token
    remember_text(doc, text)
    for t in doc:
        sent = t.sent
        assert sent_chars(doc, t.i) == (sent.start_char, sent.end_char, sent.text)
