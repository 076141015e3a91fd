"""Input documents: the Document record, metadata and text checks, and :func:`read_inputs`
(the readers for each format live in :mod:`mizan.readers`).

Reading never raises for one bad document: :func:`read_inputs` yields an
:class:`~mizan.errors.InputError` in its place and goes on with the rest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .errors import InputError

MAX_CHARS = 2_000_000
"""Longest document accepted (characters). Longer texts must be split by the user."""
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "as",
        "by",
        "at",
        "from",
        "he",
        "it",
        "his",
        "said",
        "has",
        "have",
        "are",
        "be",
        "an",
        "were",
        "this",
        "which",
        "its",
        "their",
        "will",
        "after",
        "had",
        "not",
        "but",
        "who",
        "been",
        "they",
        "also",
    ]
)


@dataclass
class Document:
    """One document to code. ``id`` is the input's own id, else a hash of the text."""

    text: str
    id: str = ""
    date: date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str = "<text>"
    meta: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)


def content_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_date(value: object, source: str, line: int | None = None) -> date | None:
    """An ISO date (or datetime) from a document's metadata."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        value = value.strip()
        try:
            if value.isdigit() and len(value) in (8, 14):  # 20200820, 20200820103000 (GDELT)
                return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
        if not value:
            return None
    raise InputError(source, f"bad date {value!r}; write it as YYYY-MM-DD", line)


def check_text(text: str, source: str, line: int | None = None) -> str:
    """Reject text that mizan cannot code, with a message that says what to do."""
    if not text.strip():
        raise InputError(source, "empty document; nothing to code", line)
    if "\x00" in text:
        raise InputError(source, "binary data (NUL bytes), not text; give a plain-text file", line)
    if len(text) > MAX_CHARS:
        raise InputError(
            source,
            f"document too large ({len(text):,} characters > {MAX_CHARS:,}); "
            "split it into smaller documents (for example one per article)",
            line,
        )
    letters = [c for c in text[:20000] if c.isalpha()]
    if letters:
        latin = sum(1 for c in letters if c < "\u0250")
        words = [w.strip(".,;:!?\"'()").lower() for w in text[:20000].split()]
        english = sum(1 for w in words if w in _ENGLISH)
        if latin / len(letters) < 0.6 or (len(words) >= 20 and english / len(words) < 0.05):
            raise InputError(
                source,
                "does not look like English text; mizan codes English only "
                "(translate it first, or configure another pipeline with --model)",
                line,
            )
    return text


def decode(data: bytes, source: str) -> str:
    if not data.strip():
        raise InputError(source, "empty file; nothing to code")
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file, not text; give a UTF-8 text or .jsonl file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. `iconv -f WINDOWS-1256 -t UTF-8 FILE > FILE.utf8`",
        ) from None


def _from_text(data: bytes, source: str, default_date: date | None) -> Document:
    text = check_text(decode(data, source), source)
    return Document(text=text, date=default_date, origin=source)


def document_from_json(
    raw: str | dict[str, object], source: str, line: int | None, default_date: date | None
) -> Document:
    """A document from one JSON object ``{"id","text","date"}`` (+ title, source, url)."""
    if isinstance(raw, str):
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(
                source, f"malformed JSON ({exc.msg} at column {exc.colno})", line
            ) from None
    else:
        obj = raw
    if not isinstance(obj, dict):
        raise InputError(
            source, "a JSON Lines document must be an object with a 'text' field", line
        )
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(source, "missing or non-string 'text' field", line)
    check_text(text, source, line)
    doc_id = obj.get("id")
    return Document(
        text=text,
        id=str(doc_id) if doc_id not in (None, "") else "",
        date=parse_date(obj.get("date"), source, line) or default_date,
        title=_opt_str(obj.get("title")),
        source=_opt_str(obj.get("source")),
        url=_opt_str(obj.get("url")),
        origin=source if line is None else f"{source}:{line}",
    )


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def iter_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(
            part.startswith(".") for part in path.relative_to(folder).parts
        ):
            yield path


def read_inputs(
    paths: Iterable[str], default_date: date | None = None, *, text_column: str = "text"
) -> Iterator[Document | InputError]:
    """Documents from each path, lazily: ``-`` (stdin text), a file, a folder (recursive), or
    an fsspec URL (``s3://bucket/news/``, ``memory://c.jsonl``). Files are plain text, JSON
    Lines (``.jsonl``), CSV/TSV (text in ``text_column``), or HTML pages, optionally ``.gz``
    or ``.zst`` compressed (see :mod:`mizan.readers`)."""
    from .readers import read_paths

    return read_paths(paths, default_date, text_column)
