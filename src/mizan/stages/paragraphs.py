"""Stage ``mizan_paragraphs`` (runs before the parser): a blank line, or the end of a
heading line, always ends a sentence. Titles and list items then never run into the
following sentence, so evidence sentences and their dates stay right."""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from .doccache import doc_text

FINAL = (".", "?", "!", ":", ";", ",", '"', "”", "’", "'", ")")
HEADING_MAX = 120


def _after_newline(doc: Doc, text: str) -> list[int]:
    """The tokens (after the first) with a newline between them and the token before: the
    only places a line can start. Found from the text, without visiting every token."""
    if "\n" not in text or len(doc) < 2:
        return []
    starts = doc.to_array([IDX]).ravel().tolist()
    out: list[int] = []
    pos = text.find("\n")
    while pos >= 0:
        i = bisect_right(starts, pos)
        if i < len(starts) and (not out or out[-1] != i):
            out.append(i)
        pos = text.find("\n", pos + 1)
    return out


def mark_paragraphs(doc: Doc) -> Doc:
    text = doc_text(doc)
    line_start = 0
    for i in _after_newline(doc, text):
        tok, prev = doc[i], doc[i - 1]
        ws = prev.text if prev.is_space else prev.whitespace_
        if "\n" not in ws and "\n" not in prev.text:
            continue
        if tok.is_space:
            continue
        line = text[doc[line_start].idx : prev.idx + len(prev.text)].strip()
        heading = len(line) <= HEADING_MAX and not line.endswith(FINAL) and tok.text[:1].isupper()
        if "\n\n" in ws or "\n\n" in prev.text or heading:
            tok.is_sent_start = True
        line_start = tok.i
    return doc


@Language.component("mizan_paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    return mark_paragraphs(doc)
