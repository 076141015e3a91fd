"""Dates relative to the publication date or to the narrative: rules 3–6 of
:mod:`mizan.timeexpr` ("last Thursday", "yesterday", "earlier this month", "two weeks after").

Each rule takes the normalised text, the publication date, whether the event lies ahead, the
narrative time and the time words; it returns a :class:`TimeValue`, ``None`` when it does not
apply, or :data:`NOT_A_DATE` when it recognised the words and they name no date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from .timewords import (
    WEEKDAYS,
    TimeValue,
    TimeWords,
    add_months,
    count_of,
    count_pattern,
    month_range,
    span,
    week_of,
    weekday_near,
)

NOT_A_DATE = object()  # a rule recognised the words and says they are no date
WD = "(" + "|".join(WEEKDAYS) + r")\b"


def weekdays(t: str, base: date, future: bool, anchor: TimeValue | None, words: TimeWords) -> Any:
    m = re.search(rf"\b(last|next|this|past|coming|following)? ?{WD}", t)
    if not m:
        return None
    how, target = m.group(1) or "", WEEKDAYS[m.group(2)]
    if how == "following":
        if anchor is None:
            return NOT_A_DATE
        return TimeValue(weekday_near(target, anchor.date, "next"), None, "day", "narrative")
    if how in ("last", "past"):
        return TimeValue(weekday_near(target, base, "last"), None, "day")
    if how in ("next", "coming"):
        return TimeValue(weekday_near(target, base, "next"), None, "day")
    return TimeValue(weekday_near(target, base, "future" if future else "recent"), None, "day")


def days(t: str, base: date, future: bool, anchor: Any, words: TimeWords) -> Any:
    parts = "|".join(words.day_parts)
    table = (
        (r"\bthe day before yesterday\b", -2),
        (r"\bthe day after tomorrow\b", 2),
        (r"\b(yesterday|last night)\b", -1),
        (r"\btomorrow\b", 1),
        (rf"\b(today|tonight|this ({parts})|(earlier|later) today)\b", 0),
    )
    for rx, shift in table:
        if re.search(rx, t):
            return TimeValue(base + timedelta(days=shift), None, "day")
    return None


def narrative(t: str, base: date, future: bool, anchor: TimeValue | None, words: TimeWords) -> Any:
    """'the next day', 'on the same day', 'the following week': moved from the anchor."""
    for phrase, shift in sorted(words.narrative_days.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{re.escape(phrase)}\b", t):
            if anchor is None:
                return NOT_A_DATE
            end = anchor.enddate + timedelta(days=shift) if anchor.enddate else None
            return TimeValue(
                anchor.date + timedelta(days=shift), end, anchor.precision, "narrative"
            )
    m = re.search(r"\b(?:the (following|next|previous|same)|(that)) (week|month|year)\b", t)
    if not m:
        return None
    if anchor is None:
        return NOT_A_DATE
    shift = {"following": 1, "next": 1, "previous": -1}.get(m.group(1) or "", 0)
    unit = m.group(3)
    if unit == "week":
        s, e = week_of(anchor.date + timedelta(weeks=shift))
    elif unit == "month":
        s, e = month_range(*add_months(anchor.date, shift))
    else:
        s, e = date(anchor.date.year + shift, 1, 1), date(anchor.date.year + shift, 12, 31)
    return span(s, e, "narrative")


def periods(t: str, base: date, future: bool, anchor: Any, words: TimeWords) -> Any:
    """'last week', 'earlier this month', 'the end of last year', 'in recent days'."""
    for phrase, n in words.stretch_days.items():
        if re.search(rf"\b{re.escape(phrase)}\b", t):
            return span(base + timedelta(days=n + (1 if n < 0 else -1)), base)
    m = re.search(
        r"\b(?:(?:the )?(end|beginning|start|middle) of )?(the past|the last|last|past|previous|"
        r"this|current|next|coming|earlier this|later this|the)? ?\b(week|weekend|month|year)\b",
        t,
    )
    if not m:
        return None
    part, which, unit = m.group(1), m.group(2) or "", m.group(3)
    if unit == "weekend" and which in ("the", "this"):
        which = ""
    elif not which or (which == "the" and part is None):
        return None  # "a week", "the week": no date on their own
    if which in ("the past", "the last") and part is None and unit != "weekend":
        back = {"week": 6, "month": 29, "year": 364}[unit]
        return span(base - timedelta(days=back), base)
    shift = -1 if which in ("last", "past", "previous", "the past", "the last") else (
        1 if which in ("next", "coming") else 0)  # fmt: skip
    if unit == "weekend":
        monday = week_of(base)[0] + timedelta(weeks=shift)
        if shift == 0 and not future and base.weekday() < 5:
            monday -= timedelta(weeks=1)  # "the weekend" in a weekday story: the one just past
        return span(monday + timedelta(days=5), monday + timedelta(days=6))
    if unit == "week":
        start, end = week_of(base + timedelta(weeks=shift))
    elif unit == "month":
        start, end = month_range(*add_months(base, shift))
    else:
        start, end = date(base.year + shift, 1, 1), date(base.year + shift, 12, 31)
    if which == "earlier this":
        end = min(end, base)
    elif which == "later this":
        start = max(start, base)
    if part == "end":
        start = (
            date(end.year, 12, 1)
            if unit == "year"
            else end - timedelta(days=9 if unit == "month" else 2)
        )
    elif part in ("beginning", "start"):
        end = (
            month_range(start.year, 1)[1]
            if unit == "year"
            else start + timedelta(days=9 if unit == "month" else 2)
        )
    elif part == "middle":
        if unit == "year":
            start, end = date(start.year, 5, 1), date(start.year, 8, 31)
        elif unit == "month":
            start, end = start + timedelta(days=10), start + timedelta(days=19)
    return span(start, end)


def offsets(t: str, base: date, future: bool, anchor: TimeValue | None, words: TimeWords) -> Any:
    """'three days ago', 'in two weeks' (future), 'two days later' (narrative), durations."""
    m = re.search(
        count_pattern(words) + r"(hour|minute|day|night|week|fortnight|month|year)(s)?\b"
        r"(?: (ago|earlier|before|later|after|afterwards|from now|hence|prior))?",
        t,
    )
    if not m:
        return None
    if m.group(1) is None and not m.group(3):
        return None  # "day" alone: not a count
    count = count_of(m.group(1) or "", words)
    unit, way = m.group(2), m.group(4)
    if count is None:
        return NOT_A_DATE
    if way is None:
        if not (future and m.group(1) and re.match(r"(?:in|within) ", t)):
            return NOT_A_DATE  # a duration: "for three years", "24 hours", "more than 3 years"
        way = "from now"
    if way in ("ago", "from now", "hence"):
        origin, rel = TimeValue(base, None, "day"), "document"
    elif anchor is not None:
        origin, rel = anchor, "narrative"
    else:
        return NOT_A_DATE  # "two days later" with nothing to count from
    sign = -1 if way in ("ago", "earlier", "before", "prior") else 1
    lo, hi = count
    first, last = (sign * hi, sign * lo) if sign < 0 else (lo, hi)
    end = origin.enddate or origin.date
    days = words.units[unit]
    if days == 0:  # hours or minutes: the same day as the origin
        return TimeValue(origin.date, origin.enddate, origin.precision, rel)
    if unit in ("month", "year"):
        k = 1 if unit == "month" else 12
        y0, m0 = add_months(origin.date, k * first)
        y1, m1 = add_months(end, k * last)
        if unit == "year":
            return span(date(y0, 1, 1), date(y1, 12, 31), rel)
        return span(month_range(y0, m0)[0], month_range(y1, m1)[1], rel)
    start, stop = origin.date + timedelta(days=days * first), end + timedelta(days=days * last)
    if days >= 7 and lo == hi and origin.enddate is None:
        return TimeValue(start, None, "week", rel)  # "two weeks ago": that day, give or take
    return span(start, stop, rel)
