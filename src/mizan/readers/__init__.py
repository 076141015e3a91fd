"""Input readers for real corpora: plain text, JSON Lines, CSV/TSV, HTML pages, folders of
any of these, local or behind an fsspec URL, with ``.gz`` and ``.zst`` read transparently.
Everything streams: a file is read as it is consumed, and nothing keeps the documents.

The entry point is :func:`mizan.documents.read_inputs`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date

from ..documents import Document
from ..errors import InputError
from .formats import count_source, read_source
from .sources import Source, is_url, iter_sources

__all__ = ["Source", "count_documents", "iter_sources", "read_paths"]


def read_paths(
    paths: Iterable[str], default_date: date | None = None, text_column: str = "text"
) -> Iterator[Document | InputError]:
    from ..documents import _from_text

    for given in paths:
        if given == "-":
            try:
                yield _from_text(sys.stdin.buffer.read(), "<stdin>", default_date)
            except InputError as exc:
                yield exc
            continue
        for src in iter_sources(given):
            if isinstance(src, InputError):
                yield src
            else:
                yield from read_source(src, default_date, text_column)


def count_documents(paths: Iterable[str]) -> int | None:
    """How many documents ``paths`` hold, or None where counting would mean reading the input
    twice (stdin, URLs). Used for the progress bar's total."""
    total = 0
    for given in paths:
        if given == "-" or is_url(given):
            return None
        for src in iter_sources(given):
            if isinstance(src, InputError):
                total += 1
                continue
            try:
                total += count_source(src)
            except (InputError, OSError, EOFError, ValueError):
                total += 1
    return total
