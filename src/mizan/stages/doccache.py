"""Values of a Doc that several stages need, computed once per document and kept in
``doc.user_data`` as plain data (so a Doc still serialises): its text (spaCy's ``Doc.text``
joins every token anew on each access) and where its sentences start (``doc.sents`` builds
a Span per sentence on each access)."""

from __future__ import annotations

from bisect import bisect_right

import numpy
from spacy.attrs import LEMMA, LOWER, POS, SENT_START
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.strings import StringStore
from spacy.tokens import Doc

_TEXT_KEY = "mizan_text"
_SENTS_KEY = "mizan_sent_starts"


def doc_text(doc: Doc) -> str:
    """The document's text, joined once: spaCy's ``Doc.text`` builds every token anew on
    each access. Kept in ``doc.user_data`` (a plain string, so the Doc still serialises)."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Keep the text a Doc was made from (spaCy's tokenizer is lossless, so it is
    ``doc.text``), sparing the first :func:`doc_text` the join."""
    doc.user_data[_TEXT_KEY] = text


def sent_starts(doc: Doc) -> list[int]:
    """Token offsets where the sentences start (``doc.sents`` without building its spans),
    computed once per document. A document without sentence boundaries is one sentence."""
    starts = doc.user_data.get(_SENTS_KEY)
    if isinstance(starts, list) and (not starts or starts[-1] < len(doc)):
        return starts
    if len(doc) == 0:
        starts = []
    elif doc.has_annotation("SENT_START"):
        flags = doc.to_array([SENT_START]).astype("int64").ravel()
        flags[0] = 1
        starts = numpy.flatnonzero(flags == 1).tolist()
    else:
        starts = [0]
    doc.user_data[_SENTS_KEY] = starts
    return starts


def sent_start_of(doc: Doc, i: int) -> int:
    """Where the sentence of token ``i`` starts."""
    return sent_bounds(doc, i)[0]


def sent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """The token range ``[start, end)`` of token ``i``'s sentence (``doc[i].sent`` without
    walking the tokens)."""
    starts = sent_starts(doc)
    k = bisect_right(starts, i) - 1
    if k < 0:
        return 0, len(doc)
    return starts[k], starts[k + 1] if k + 1 < len(starts) else len(doc)


def sent_chars(doc: Doc, i: int) -> tuple[int, int, str]:
    """Where token ``i``'s sentence starts and ends in the text, and its text: what
    ``doc[i].sent`` gives as ``start_char``, ``end_char`` and ``text``, without joining
    its tokens anew."""
    start, end = sent_bounds(doc, i)
    first, last = doc[start], doc[end - 1]
    a, b = first.idx, last.idx + len(last.text)
    return a, b, doc_text(doc)[a:b]


class DocColumns:
    """A document's lower-case words and coarse tags as Python lists, read in one call, for
    stages that look at every token of a sentence (building each Token object costs more
    than the test it is built for). Made by a stage for the document it is coding; not
    kept on the Doc."""

    def __init__(self, doc: Doc) -> None:
        cols = [LOWER, LEMMA, POS]
        arr = doc.to_array(cols) if len(doc) else numpy.zeros((0, len(cols)), dtype="uint64")
        if len(_WORDS) > 200_000:
            _WORDS.clear()
        strings = doc.vocab.strings
        self.lower: list[str] = [_word(strings, h) for h in arr[:, 0].tolist()]
        self.lemma: list[str] = [_word(strings, h).lower() for h in arr[:, 1].tolist()]
        self.pos: list[str] = [POS_NAMES[p] for p in arr[:, 2].tolist()]


_WORDS: dict[int, str] = {}  # word hash → word: the StringStore look-up is the slow part


def _word(strings: StringStore, h: int) -> str:
    w = _WORDS.get(h)
    if w is None:
        w = _WORDS[h] = strings[h]
    return w
