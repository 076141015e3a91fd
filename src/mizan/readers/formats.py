"""Reading documents out of one source, by format, as a stream: plain text (one document per
file), JSON Lines (one per line), CSV/TSV (one per row, text in ``--text-column``), and HTML
pages (the main text by trafilatura, with the page's title, date, url and site).

A bad line or row becomes an :class:`~mizan.errors.InputError` naming the file and line, and
the rest of the file is read. A file that cannot be read on (corrupt compressed data, a CSV
the parser gives up on) ends with one error naming the line reached.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date
from typing import IO

from .. import documents
from ..documents import Document, check_text, decode, document_from_json, parse_date
from ..errors import InputError
from .sources import READ_ERRORS, Source

META_COLUMNS = ("id", "date", "title", "source", "url")
"""CSV columns read when present (matched case-insensitively), beside the text column."""
HTML_START = (b"<!doctype html", b"<html", b"<?xml")
HTML_MIN_WORDS = 5
"""A page whose main text is shorter than this (a menu, a login form) holds no article."""

Reader = Callable[[IO[bytes], str, "date | None", str], Iterator[Document | InputError]]


def read_source(
    src: Source, default_date: date | None, text_column: str = "text"
) -> Iterator[Document | InputError]:
    """Every document of one source, in order; errors in their place."""
    try:
        fh = src.open()
    except InputError as exc:
        yield exc
        return
    with fh:
        yield from READERS[src.format](fh, src.name, default_date, text_column)


def _whole(fh: IO[bytes], name: str) -> bytes:
    limit = documents.MAX_CHARS * 4 + 4  # UTF-8 takes at most 4 bytes a character
    try:
        data = fh.read(limit + 1)
    except READ_ERRORS as exc:
        raise InputError(name, f"cannot read: {exc}") from None
    if len(data) > limit:
        raise InputError(name, f"file too large (over {limit:,} bytes) for one document; split "
                               "it into smaller documents (for example one per article)")  # fmt: skip
    return data


def read_text(
    fh: IO[bytes], name: str, default_date: date | None, text_column: str = "text"
) -> Iterator[Document | InputError]:
    """A plain-text file is one document; one that starts with HTML markup is read as HTML."""
    try:
        data = _whole(fh, name)
        if data.lstrip()[:20].lower().startswith(HTML_START):
            yield _html_document(data, name, default_date)
            return
        text = check_text(decode(data, name), name)
    except InputError as exc:
        yield exc
        return
    yield Document(text=text, date=default_date, origin=name)


def read_jsonl(
    fh: IO[bytes], name: str, default_date: date | None, text_column: str = "text"
) -> Iterator[Document | InputError]:
    """One JSON object per line (``{"id","text","date"}`` plus title, source, url), streamed."""
    n = 0
    seen = False
    try:
        for n, raw in enumerate(fh, start=1):  # noqa: B007 - n is reported after the loop
            if not raw.strip():
                continue
            seen = True
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(name, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column "
                                       f"{exc.start + 1}); convert the file to UTF-8", n)  # fmt: skip
                continue
            try:
                yield document_from_json(line, name, n, default_date)
            except InputError as exc:
                yield exc
    except READ_ERRORS as exc:
        yield InputError(name, f"cannot read past line {n}: {exc}")
        return
    if not seen:
        yield InputError(name, "empty file; nothing to code")


def read_csv(
    fh: IO[bytes], name: str, default_date: date | None, text_column: str = "text",
    delimiter: str = ",",
) -> Iterator[Document | InputError]:  # fmt: skip
    """One document per row; the header names the text column and the optional id, date,
    title, source and url columns."""
    csv.field_size_limit(max(csv.field_size_limit(), documents.MAX_CHARS * 4))
    stream = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    reader = csv.reader(stream, delimiter=delimiter)
    line = 1
    try:
        header = next(reader, None)
        if header is None:
            yield InputError(name, "empty file; nothing to code")
            return
        lowered = [h.strip().lower() for h in header]
        if text_column.lower() not in lowered:
            shown = ", ".join(repr(h) for h in header[:20])
            yield InputError(name, f"no {text_column!r} column (columns: {shown}); name the "
                                   "column that holds the text with --text-column", 1)  # fmt: skip
            return
        at = {c: lowered.index(c) for c in META_COLUMNS if c in lowered}
        at["text"] = lowered.index(text_column.lower())
        line = reader.line_num + 1
        for row in reader:
            obj: dict[str, object] = {c: (row[i] if i < len(row) and (c == "text" or row[i].strip())
                                          else None) for c, i in at.items()}  # fmt: skip
            if not any(cell.strip() for cell in row):
                line = reader.line_num + 1
                continue
            try:
                yield document_from_json(obj, name, line, default_date)
            except InputError as exc:
                yield exc
            line = reader.line_num + 1
    except UnicodeDecodeError as exc:
        yield InputError(name, f"not valid UTF-8 ({exc.reason}); convert the file to UTF-8, e.g. "
                               "`iconv -f WINDOWS-1256 -t UTF-8`", line)  # fmt: skip
    except csv.Error as exc:
        yield InputError(name, f"malformed CSV ({exc}); the rest of the file is skipped", line)
    except READ_ERRORS as exc:
        yield InputError(name, f"cannot read past line {line}: {exc}")
    finally:
        stream.detach()


def read_tsv(
    fh: IO[bytes], name: str, default_date: date | None, text_column: str = "text"
) -> Iterator[Document | InputError]:
    return read_csv(fh, name, default_date, text_column, delimiter="\t")


def read_html(
    fh: IO[bytes], name: str, default_date: date | None, text_column: str = "text"
) -> Iterator[Document | InputError]:
    try:
        yield _html_document(_whole(fh, name), name, default_date)
    except InputError as exc:
        yield exc


def _html_document(data: bytes, name: str, default_date: date | None) -> Document:
    """The page's main text (trafilatura), with its title, date, url and site as metadata."""
    if not data.strip():
        raise InputError(name, "empty file; nothing to code")
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - a broken page must not stop the run
        raise InputError(name, f"cannot parse the HTML page: {type(exc).__name__}: {exc}") from None
    meta = found.as_dict() if found is not None and hasattr(found, "as_dict") else (found or {})
    text = meta.get("text") or ""
    if len(text.split()) < HTML_MIN_WORDS:
        raise InputError(name, f"no article text found in the HTML page ({len(text.split())} "
                               "word(s) of main text)")  # fmt: skip
    check_text(text, name)
    try:
        day = parse_date(meta.get("date"), name)
    except InputError:  # a date the page gives in a form we do not read: use the default
        day = None
    return Document(
        text=text, date=day or default_date, title=_opt(meta.get("title")),
        source=_opt(meta.get("sitename") or meta.get("hostname")),
        url=_opt(meta.get("url")), origin=name,
    )  # fmt: skip


def _opt(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def read_other(
    fh: IO[bytes], name: str, default_date: date | None, text_column: str = "text"
) -> Iterator[Document | InputError]:
    return read_text(fh, name, default_date, text_column)


READERS: dict[str, Reader] = {
    "text": read_text, "jsonl": read_jsonl, "csv": read_csv, "tsv": read_tsv,
    "html": read_html, "other": read_other,
}  # fmt: skip


def count_source(src: Source) -> int:
    """How many documents a source holds (lines of JSONL, rows of CSV), read cheaply."""
    if src.format in ("jsonl", "csv", "tsv"):
        with src.open() as fh:
            if src.format == "jsonl":
                return sum(1 for raw in fh if raw.strip())
            stream = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="replace", newline="")
            rows = sum(1 for row in csv.reader(stream, delimiter="\t" if src.format == "tsv" else ",")
                       if any(c.strip() for c in row))  # fmt: skip
            stream.detach()
            return max(rows - 1, 0)
    return 1
