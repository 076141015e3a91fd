"""Stage ``mizan_paragraphs`` (runs before the parser): a blank line, or the end of a
heading line, always ends a sentence. Titles and list items then never run into the
following sentence, so evidence sentences and their dates stay right."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .doccache import doc_text

FINAL = (".", "?", "!", ":", ";", ",", '"', "”", "’", "'", ")")
HEADING_MAX = 120


def mark_paragraphs(doc: Doc) -> Doc:
    text = doc_text(doc)
    line_start = 0
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        ws = prev.text if prev.is_space else prev.whitespace_
        if "\n" not in ws and not (prev.is_space and "\n" in prev.text):
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
