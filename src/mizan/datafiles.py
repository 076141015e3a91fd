"""Loading data files, validated on load and cached by the SHA-256 digest of their bytes."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .config import data_dir
from .errors import DataFileError

T = TypeVar("T")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that leaves dates as strings, so validation can name the bad field."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_CACHE: dict[tuple[str, str], Any] = {}


def digest(*paths: Path) -> str:
    """A SHA-256 digest over the contents of ``paths`` (in order)."""
    h = hashlib.sha256()
    for p in paths:
        h.update(str(p.name).encode())
        h.update(read_bytes(p))
    return h.hexdigest()


def read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except OSError as exc:
        raise DataFileError(path, f"cannot read: {exc.strerror or exc}") from None


def cache_dir() -> Path:
    """Where built data structures are cached: ``MIZAN_CACHE_DIR``, else ~/.cache/mizan."""
    env = os.environ.get("MIZAN_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "mizan"


def cached(kind: str, paths: list[Path], build: Callable[[], T]) -> T:
    """Return ``build()``, cached in memory and on disk under ``kind`` and the SHA-256 digest
    of the files it was built from (and of mizan's version), so an edit rebuilds it."""
    import sys

    from . import __version__

    code = Path(str(sys.modules[build.__module__].__file__))  # the builder's own source
    key = (kind, digest(*paths, code) + __version__)
    if key in _CACHE:
        return _CACHE[key]
    path = cache_dir() / f"{kind}-{hashlib.sha256(key[1].encode()).hexdigest()[:24]}.pickle"
    value: T | None = None
    try:
        with path.open("rb") as fh:
            value = pickle.load(fh)
    except Exception:  # noqa: BLE001 - a missing or stale cache is rebuilt
        value = None
    if value is None:
        value = build()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
                pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp.name, path)
        except OSError:
            pass  # a read-only home is fine: we just rebuild next time
    _CACHE[key] = value
    return value


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; a syntax error names the file and line."""
    text = read_bytes(path).decode("utf-8")
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise DataFileError(path, f"invalid YAML{where}: {getattr(exc, 'problem', exc)}") from None


def load_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header row."""
    text = read_bytes(path).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def package_file(*parts: str) -> Path:
    return data_dir().joinpath(*parts)
