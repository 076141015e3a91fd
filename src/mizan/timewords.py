"""The words and calendar arithmetic of time expressions (used by ``timeexpr``).

``time_words()`` loads ``data/time/expressions.yaml`` (validated, cached by its digest); the
helpers below do the calendar arithmetic the rules share: calendar weeks run Monday to
Sunday, and a range's precision follows its length.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from .datafiles import cached, load_yaml, package_file
from .errors import DataFileError

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9


@dataclass(frozen=True)
class TimeValue:
    date: dt.date
    enddate: dt.date | None
    precision: str  # day | week | month | year
    relative_to: str = "document"  # document | narrative | office


@dataclass(frozen=True)
class TimeWords:
    historical_after_days: int
    numbers: dict[str, int]
    vague: dict[str, tuple[int, int]]
    units: dict[str, int]
    day_parts: tuple[str, ...]
    narrative_days: dict[str, int]
    office_phrases: tuple[str, ...]
    stretch_days: dict[str, int]
    seasons: dict[str, tuple[int, int]]


def _check_map(raw: Any, path: object, fld: str, kind: type) -> dict[str, Any]:
    value = raw.get(fld)
    if not isinstance(value, dict):
        raise DataFileError(path, "must be a mapping", field=fld)
    for k, v in value.items():
        ok = isinstance(v, kind) or (
            kind is tuple
            and isinstance(v, list)
            and len(v) == 2
            and all(isinstance(x, int) for x in v)
        )
        if not ok:
            raise DataFileError(path, f"bad value {v!r} (want {kind.__name__})", entry=k, field=fld)
    return {str(k).lower(): tuple(v) if kind is tuple else v for k, v in value.items()}


def _build_words(path: Any) -> TimeWords:
    raw = load_yaml(path)
    if not isinstance(raw, dict):
        raise DataFileError(path, "must be a mapping of word lists")
    for fld in ("day_parts", "office_phrases"):
        if not isinstance(raw.get(fld), list):
            raise DataFileError(path, "must be a list of phrases", field=fld)
    days = raw.get("historical_after_days")
    if not isinstance(days, int) or days < 0:
        raise DataFileError(path, f"must be a whole number of days, not {days!r}",
                            field="historical_after_days")  # fmt: skip
    return TimeWords(
        historical_after_days=days,
        numbers=_check_map(raw, path, "numbers", int),
        vague=_check_map(raw, path, "vague_numbers", tuple),
        units=_check_map(raw, path, "units", int),
        day_parts=tuple(str(p).lower() for p in raw["day_parts"]),
        narrative_days=_check_map(raw, path, "narrative_days", int),
        office_phrases=tuple(str(p).lower() for p in raw["office_phrases"]),
        stretch_days=_check_map(raw, path, "stretch_days", int),
        seasons=_check_map(raw, path, "seasons", tuple),
    )


@lru_cache(maxsize=1)
def time_words() -> TimeWords:
    path = package_file("time", "expressions.yaml")
    return cached("timewords", [path], lambda: _build_words(path))


# -- small calendar helpers ---------------------------------------------------------------
def precision_of(start: date, end: date | None) -> str:
    """The precision a range deserves by its length."""
    n = 1 if end is None else (end - start).days + 1
    return "day" if n <= 1 else "week" if n <= 7 else "month" if n <= 31 else "year"


def span(start: date, end: date | None, relative_to: str = "document") -> TimeValue:
    if end is not None and end < start:
        start, end = end, start
    end = None if end == start else end
    return TimeValue(start, end, precision_of(start, end), relative_to)


def month_range(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def add_months(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def week_of(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def make_day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def weekday_near(target: int, base: date, how: str) -> date:
    back = (base.weekday() - target) % 7
    ahead = (target - base.weekday()) % 7
    if how == "last":
        return base - timedelta(days=back or 7)
    if how == "next":
        return base + timedelta(days=ahead or 7)
    if how == "future":
        return base + timedelta(days=ahead)
    return base - timedelta(days=back)  # the most recent one, the base day included


def infer_year(month: int, day: int, base: date, future: bool) -> int:
    cand = make_day(base.year, month, day) or date(base.year, month, 28)
    if not future and cand > base + timedelta(days=7):
        return base.year - 1
    if future and cand < base - timedelta(days=30):
        return base.year + 1
    return base.year


def month_year(month: int, base: date, future: bool, how: str = "") -> int:
    if how == "last":
        return base.year if month < base.month else base.year - 1
    if how == "next":
        return base.year if month > base.month else base.year + 1
    if how == "this":
        return base.year
    if future:
        return base.year if month >= base.month else base.year + 1
    return base.year if month <= base.month else base.year - 1


def normalize(text: str) -> str:
    t = text.lower().replace("’", "'").replace("‘", "'")
    t = re.sub(r"(?<=[a-z])\.", "", t)  # "Aug." "Sept."
    t = re.sub(r"\bmid-", "mid ", t)
    t = re.sub(r"[,;()\"“”]", " ", t)
    t = re.sub(r"'s\b", "", t)
    return re.sub(r"\s+", " ", t).strip()


def count_of(word: str, words: TimeWords) -> tuple[int, int] | None:
    """(low, high) for a count word: exact numbers give low == high."""
    if word.isdigit():
        return int(word), int(word)
    if word in words.numbers:
        return words.numbers[word], words.numbers[word]
    return words.vague.get(word)


def count_pattern(words: TimeWords) -> str:
    names = sorted([*words.numbers, *(v for v in words.vague if v)], key=len, reverse=True)
    return r"(?:(\d+|" + "|".join(re.escape(n) for n in names) + r") )?"
