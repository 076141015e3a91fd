"""Values of a Doc that several stages need, computed once per document and kept in
``doc.user_data`` as plain data (so a Doc still serialises): its text (spaCy's ``Doc.text``
joins every token anew on each access) and where its sentences start (``doc.sents`` builds
a Span per sentence on each access)."""

from __future__ import annotations

from bisect import bisect_right

import numpy
from spacy.attrs import SENT_START
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
    starts = sent_starts(doc)
    return starts[bisect_right(starts, i) - 1] if starts else 0
