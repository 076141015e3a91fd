"""Resolve a time expression against the publication date.

``resolve("on Thursday", date(2020, 8, 21))`` → 2020-08-20, precision ``day``. Pure
functions, no spaCy: the dates stage chooses *which* expression dates an event, this
module says *what date* it means. Weekday arithmetic and relative expressions are our own
rules; ``dateparser`` (with the publication date as ``RELATIVE_BASE``) is the fallback for
explicit calendar dates only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3, "few": 3, "several": 4,
           "a couple of": 2, "couple of": 2}  # fmt: skip
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_NUM = r"(\d+|a few|a couple of|couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten|few|several)"
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"


@dataclass(frozen=True)
class TimeValue:
    date: dt.date
    enddate: dt.date | None
    precision: str  # day | week | month | year
    relative_to: str = "document"  # document | narrative


def _month_range(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _shift_month(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def _weekday(target: int, base: date, direction: str) -> date:
    delta = (base.weekday() - target) % 7
    if direction == "last":
        return base - timedelta(days=delta or 7)
    if direction == "next":
        return base + timedelta(days=(target - base.weekday()) % 7 or 7)
    if direction == "future":
        return base + timedelta(days=(target - base.weekday()) % 7)
    return base - timedelta(days=delta)  # the most recent one, today included


def _year_for(month: int, day: int, base: date, future: bool) -> int:
    y = base.year
    try:
        cand = date(y, month, day)
    except ValueError:
        return y
    if not future and cand > base + timedelta(days=7):
        return y - 1
    if future and cand < base - timedelta(days=60):
        return y + 1
    return y


def resolve(text: str, base: date, future: bool = False) -> TimeValue | None:
    """The date an expression means, relative to ``base`` (the publication date)."""
    t = " " + re.sub(r"[\s,]+", " ", text.lower().replace("’", "'")).strip() + " "
    # explicit calendar dates first: they win over "this evening, August 26"
    m = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MON}(?: (\d{{4}}))?\b", t)
    if m:
        day, month, year = (
            int(m.group(1)),
            MONTHS[
                m.group(2).rstrip(".")[:4].rstrip("t")
                if m.group(2)[:4] == "sept"
                else m.group(2)[:3]
            ],
            m.group(3),
        )
        return _day(int(year) if year else _year_for(month, day, base, future), month, day)
    m = re.search(rf"\b{_MON} (\d{{1,2}})(?:st|nd|rd|th)?\b(?: (\d{{4}}))?", t)
    if m:
        month, day, year = MONTHS[m.group(1)[:3]], int(m.group(2)), m.group(3)
        return _day(int(year) if year else _year_for(month, day, base, future), month, day)
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", t)
    if m:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.search(rf"\b{_MON} (\d{{4}})\b", t)
    if m:
        s, e = _month_range(int(m.group(2)), MONTHS[m.group(1)[:3]])
        return TimeValue(s, e, "month")
    # relative days
    if "day before yesterday" in t:
        return TimeValue(base - timedelta(days=2), None, "day")
    if "day after tomorrow" in t:
        return TimeValue(base + timedelta(days=2), None, "day")
    if re.search(r"\b(yesterday|last night)\b", t):
        return TimeValue(base - timedelta(days=1), None, "day")
    if re.search(r"\btomorrow\b", t):
        return TimeValue(base + timedelta(days=1), None, "day")
    if re.search(
        r"\b(today|tonight|this (morning|afternoon|evening)|earlier today|later today)\b", t
    ):
        return TimeValue(base, None, "day")
    m = re.search(rf"\b{_NUM} (day|week|month|year)s? (ago|earlier|before|later|after)\b", t)
    if m:
        n = NUMBERS.get(m.group(1)) or int(m.group(1))
        unit, way = m.group(2), m.group(3)
        days = n * UNIT_DAYS[unit]
        prec = (
            "day"
            if unit == "day" and m.group(1) not in ("a few", "few", "several")
            else ("week" if unit in ("day", "week") else unit)
        )
        sign = -1 if way in ("ago", "earlier", "before") else 1
        rel = "document" if way == "ago" else "narrative"
        return TimeValue(base + timedelta(days=sign * days), None, prec, rel)
    # weekdays
    m = re.search(
        r"\b(last|next|this|on|late|early|since)? ?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
        t,
    )
    if m:
        how = m.group(1) or ""
        direction = (
            "last"
            if how == "last"
            else "next"
            if how == "next"
            else ("future" if future else "recent")
        )
        return TimeValue(_weekday(WEEKDAYS[m.group(2)], base, direction), None, "day")
    # weeks, months, years
    m = re.search(r"\b(last|this|next|past|coming|earlier this|later this) (week|month|year)\b", t)
    if m:
        which, unit = m.group(1), m.group(2)
        shift = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(which, 0)
        if unit == "week":
            monday = base - timedelta(days=base.weekday()) + timedelta(weeks=shift)
            return TimeValue(monday, monday + timedelta(days=6), "week")
        if unit == "month":
            y, mo = _shift_month(base, shift)
            s, e = _month_range(y, mo)
            return TimeValue(s, e, "month")
        y = base.year + shift
        return TimeValue(date(y, 1, 1), date(y, 12, 31), "year")
    m = re.search(rf"\b(?:in|during|since|by|of|early|late|mid)? ?{_MON}\b", t)
    if m and m.group(1)[:3] in MONTHS and not re.search(r"\bmay (be|not|have|also)\b", t):
        month = MONTHS[m.group(1)[:3]]
        y = base.year if (month <= base.month or future) else base.year - 1
        s, e = _month_range(y, month)
        return TimeValue(s, e, "month")
    m = re.search(r"\b(19[5-9]\d|20\d\d)\b", t)
    if m:
        y = int(m.group(1))
        return TimeValue(date(y, 1, 1), date(y, 12, 31), "year")
    return None


def _day(y: int, m: int, d: int) -> TimeValue | None:
    try:
        return TimeValue(date(y, m, d), None, "day")
    except ValueError:
        return None
