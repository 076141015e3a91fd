"""The attribute rules applied by lookup (``mizan.stages.tagmap``) give exactly what
spaCy's ``attribute_ruler`` gives.

* On the packaged model: two copies of the bare pipeline, one with spaCy's ruler and one
  with mizan's lookup, must agree on every token attribute the rules or the later
  components touch (tag, POS, morphology, lemma, dependency, head, entities), for a table
  of our own sentences (contractions that the multi-token rules handle, odd spacing) and
  for random texts (hypothesis).
* On random rule sets (hypothesis): a blank English pipeline with spaCy's ruler and the
  same rules by lookup must agree. The rules overlap, so the order in which they apply
  matters; some span two tokens and set the first or the last one.
* A rule the lookup cannot handle (an ``OP`` quantifier) leaves spaCy's ruler in place.
"""

from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from mizan.config import get_settings
from mizan.nlp import load_spacy
from mizan.stages.tagmap import TagMap, compile_rules, speed_up

COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]


@pytest.fixture(scope="module")
def pair():
    stock = load_spacy(get_settings().model)
    fast = load_spacy(get_settings().model)
    assert speed_up(fast)
    return stock, fast


def _same(stock, fast, text: str) -> None:
    a, b = stock(text), fast(text)
    assert [t.text for t in a] == [t.text for t in b]
    assert (a.to_array(COLUMNS) == b.to_array(COLUMNS)).all(), text
    assert [str(t.morph) for t in a] == [str(t.morph) for t in b], text


def test_the_packaged_ruler_is_replaced(pair):
    stock, fast = pair
    assert stock.pipe_names == fast.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), TagMap)
    rules = fast.get_pipe("attribute_ruler").rules
    assert rules is not None and rules.single and rules.multi


@pytest.mark.parametrize(
    "text",
    [
        "The minister said they ain't gonna sign the accord before Friday.",
        "We can't wait, y'all wanna come to Amman with us?",
        "Officials in Basra   reported two attacks.\n\nNone were claimed.",
        "He'd have gone; she's not sure it'll happen, they're told.",
        "Gon na and ai n't, spelled apart, still count.",
        "  \n ",
        "Iraq's PM met Jordan's king on 3 Sept. 2020 — and talked trade (again)!",
    ],
)
def test_same_annotations_as_spacys_ruler(pair, text):
    _same(*pair, text)


WORDS = [
    "gonna", "gon", "na", "ain't", "ai", "n't", "can't", "wanna", "y'all", "'s", "the",
    "minister", "Kadhimi", "visited", "will", "not", "Baghdad", "talks", "is", "2020",
    ",", ".", "?", "--", "  ", "\n", "I", "He", "met", "'d", "were", "being", "US",
]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
def test_same_annotations_on_random_text(pair, words):
    _same(*pair, " ".join(words))


# random rule sets on a blank pipeline
LOWERS = ["a", "b", "c", "d"]
token_spec = st.one_of(
    st.builds(lambda w: {"LOWER": w}, st.sampled_from(LOWERS)),
    st.builds(lambda ws: {"LOWER": {"IN": ws}}, st.lists(st.sampled_from(LOWERS), min_size=1)),
    st.builds(lambda ws: {"ORTH": {"NOT_IN": ws}}, st.lists(st.sampled_from(["A", "b"]), min_size=1)),
    st.builds(lambda r: {"LOWER": {"REGEX": r}}, st.sampled_from(["^a", "[cd]", "b$"])),
    st.just({"IS_SPACE": True}),
    st.just({}),
)  # fmt: skip
attrs = st.fixed_dictionaries(
    {},
    optional={
        "TAG": st.sampled_from(["NN", "VB", "XX"]),
        "LEMMA": st.sampled_from(["x", "y", "z"]),
        "MORPH": st.sampled_from(["Number=Sing", "Tense=Past", "_"]),
    },
).filter(bool)


@st.composite
def rule(draw):
    pattern = draw(st.lists(token_spec, min_size=1, max_size=2))
    index = draw(st.sampled_from([0, -1] if len(pattern) > 1 else [0]))
    return {"patterns": [pattern], "attrs": draw(attrs), "index": index}


BLANK = spacy.blank("en")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(rule(), min_size=1, max_size=6),
    st.lists(st.sampled_from([*LOWERS, "A", "B", " "]), min_size=1, max_size=10),
)
def test_random_rules_give_what_spacys_ruler_gives(rules, words):
    stock = AttributeRuler(BLANK.vocab)
    stock.add_patterns(rules)
    compiled = compile_rules(stock)
    assert compiled is not None
    fast = TagMap()
    fast.adopt(compiled)
    text = " ".join(words)
    a, b = stock(BLANK.make_doc(text)), fast(BLANK.make_doc(text))
    cols = [TAG, LEMMA, MORPH]
    assert (a.to_array(cols) == b.to_array(cols)).all(), (rules, text)


def test_an_operator_keeps_spacys_ruler():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(
        [{"patterns": [[{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}]], "attrs": {"LEMMA": "x"}}]
    )
    assert compile_rules(nlp.get_pipe("attribute_ruler")) is None
    assert not speed_up(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_same_annotations_when_the_row_cache_overflows(pair, monkeypatch):
    monkeypatch.setattr("mizan.stages.tagmap.CACHE_MAX", 3)
    _same(*pair, "Ministers in Amman and Cairo weren't gonna meet; they'd talk by phone.")
    rules = pair[1].get_pipe("attribute_ruler").rules
    assert len(rules._by_row) <= 3
