"""Where documents come from: local files and folders, or fsspec URLs (``file://``,
``memory://``, ``s3://`` with s3fs, ...), each opened as a byte stream with ``.gz`` and
``.zst`` decompressed on the fly.

Folders are walked lazily, in sorted order, skipping hidden files and folders.
"""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any

from ..errors import InputError

COMPRESSIONS = {".gz": "gzip", ".zst": "zstd", ".zstd": "zstd"}
FORMATS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "tsv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".txt": "text", ".text": "text", ".md": "text", "": "text",
}  # fmt: skip
"""Input format by file suffix (after a compression suffix is taken off). Other suffixes are
read as text, or as HTML when the file starts with HTML markup."""
GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Source:
    """One input file: ``name`` is what messages show (the path or URL as given or found)."""

    name: str
    path: str
    fs: Any = None  # an fsspec filesystem; None for a local path

    @property
    def compression(self) -> str | None:
        return COMPRESSIONS.get(PurePosixPath(self.path).suffix.lower())

    @property
    def format(self) -> str:
        """``jsonl``, ``csv``, ``tsv``, ``html``, ``text``, or ``other`` (sniffed on reading)."""
        pure = PurePosixPath(self.path)
        if self.compression:
            pure = pure.with_suffix("")
        return FORMATS.get(pure.suffix.lower(), "other")

    def open(self) -> IO[bytes]:
        """The file's bytes, decompressed; raises InputError if it cannot be opened."""
        try:
            raw: IO[bytes] = open(self.path, "rb") if self.fs is None else self.fs.open(self.path, "rb")  # noqa: SIM115
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise InputError(self.name, f"cannot read: {reason}") from None
        if self.compression == "gzip":
            return io.BufferedReader(gzip.GzipFile(fileobj=raw, mode="rb"), 1 << 16)
        if self.compression == "zstd":
            import zstandard

            reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True, closefd=True)
            return io.BufferedReader(reader, 1 << 16)
        return raw


def _read_errors() -> tuple[type[BaseException], ...]:
    errors: tuple[type[BaseException], ...] = (OSError, EOFError)
    try:
        import zstandard

        errors = (*errors, zstandard.ZstdError)
    except ImportError:  # pragma: no cover - zstandard is a dependency
        pass
    return errors


READ_ERRORS = _read_errors()
"""What reading a (compressed) stream can raise midway: a truncated or corrupt file."""


def is_url(given: str) -> bool:
    return "://" in given


def iter_sources(given: str) -> Iterator[Source | InputError]:
    """The files that ``given`` (a path, a folder, a URL, a URL folder or glob) stands for."""
    if is_url(given):
        yield from _url_sources(given)
        return
    if os.path.isdir(given):
        found = False
        for path in walk(given):
            found = True
            yield Source(path, path)
        if not found:
            yield InputError(given, "folder holds no files")
    elif os.path.exists(given):
        yield Source(given, given)
    else:
        yield InputError(given, "no such file or folder")


def walk(folder: str) -> Iterator[str]:
    """Files under ``folder``, recursively, sorted, skipping hidden names (lazily)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def _url_sources(given: str) -> Iterator[Source | InputError]:
    try:
        import fsspec

        fs, path = fsspec.core.url_to_fs(given)
    except (ImportError, ValueError) as exc:
        yield InputError(given, f"cannot open this URL: {exc} (install the fsspec backend for "
                                "its protocol, e.g. s3fs for s3://, gcsfs for gs://)")  # fmt: skip
        return
    try:
        if GLOB_CHARS & set(path):
            paths = sorted(fs.glob(path))
        elif fs.isdir(path):
            paths = sorted(p for p in fs.find(path)
                           if not any(part.startswith(".") for part in p[len(path):].split("/")))  # fmt: skip
        elif fs.exists(path):
            paths = [path]
        else:
            yield InputError(given, "no such file or folder")
            return
    except OSError as exc:
        yield InputError(given, f"cannot list: {exc}")
        return
    if not paths:
        yield InputError(given, "no files found here")
    for p in paths:
        yield Source(given if p == path else fs.unstrip_protocol(p), p, fs)
