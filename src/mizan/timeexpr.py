"""What date a time expression means, relative to the publication date.

``resolve("on Thursday", date(2020, 8, 28))`` → 2020-08-27, precision ``day``. Pure functions,
no spaCy: the dates stage (``stages/dates.py``) decides *which* expression dates an event,
this module says *what date* it means. The words come from ``data/time/expressions.yaml``.

Rules, in order (the first that applies wins, so "this evening, August 26" is August 26 and
"Yesterday, Thursday" is Thursday):

1. ranges: "between X and Y", "from X to Y", "since X" (X … publication date), "since taking
   office" (the actor's office start … publication date);
2. calendar dates: "9 May 2020", "May 9", "Aug. 20, 2020", "2020-05-09", "May 2020", "2019",
   "the 1990s", "early 2019", "mid-May";
3. weekdays ("on Thursday", "last Thursday", "next Monday"): the most recent such day, the
   publication day included, or for a future event the next one;
4. days relative to the publication date: "yesterday", "the day before yesterday", "today",
   "this evening", "three days ago";
5. weeks, months and years relative to it: "last week", "earlier this month", "next year",
   "two months ago", "in recent days";
6. the narrative: "the next day", "on the same day", "a few days later", "two weeks after"
   move from the narrative time (``anchor``), the last date the text established;
7. anything else that names a month or has a numeric date goes to ``dateparser``, with the
   publication date as ``RELATIVE_BASE`` — never a text with words like "after" or "ago",
   which dateparser would turn into dates.

A duration ("for three years", "more than 3 years", "24 hours") is not a date: ``None``.

Every value has a precision — ``day``, ``week``, ``month`` or ``year`` — and ranges an end
date. A computed range takes the precision of its length: one day → ``day``, up to 7 days →
``week``, up to 31 → ``month``, longer → ``year``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from .timerelative import NOT_A_DATE, days, narrative, offsets, periods, weekdays
from .timewords import (
    MONTHS,
    WEEKDAYS,
    TimeValue,
    TimeWords,
    add_months,
    infer_year,
    make_day,
    month_range,
    month_year,
    normalize,
    precision_of,
    span,
    time_words,
    week_of,
)

__all__ = ["MONTHS", "WEEKDAYS", "TimeValue", "TimeWords", "normalize", "precision_of",
           "resolve", "span", "time_words"]  # fmt: skip

_MON = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b"
RELATIVE_WORDS = re.compile(
    r"\b(ago|later|earlier|before|after|afterwards|since|for|within|past|last|next|previous|"
    r"following|coming|hours?|days?|weeks?|months?|years?|same|that|this|recent)\b"
)


# -- the resolver ---------------------------------------------------------------------------
def resolve(
    text: str,
    base: date,
    future: bool = False,
    *,
    anchor: TimeValue | None = None,
    office_start: date | None = None,
) -> TimeValue | None:
    """The date ``text`` means. ``base`` is the publication date; ``future`` says the event
    lies ahead (weekdays and bare months then look forward); ``anchor`` is the narrative time
    for "the next day" and "two days later"; ``office_start`` the start of the actor's
    current office, for "since taking office". ``None`` when it is no date. Pure, so
    memoised: a news stream repeats "on Thursday" and "last week" for the same day."""
    return _resolve_cached(text, base, future, anchor, office_start)


@lru_cache(maxsize=16_384)
def _resolve_cached(
    text: str,
    base: date,
    future: bool,
    anchor: TimeValue | None,
    office_start: date | None,
) -> TimeValue | None:
    t = normalize(text)
    if not t:
        return None
    words = time_words()
    m = re.fullmatch(r"(?:.* )?(?:between|from) (.+?) (?:and|to|until|till|through) (.+)", t)
    if m:
        a = _resolve(m.group(1), base, future, anchor, words)
        b = _resolve(m.group(2), base, future, anchor, words)
        if a and b:
            return span(a.date, b.enddate or b.date, a.relative_to)
    m = re.fullmatch(r"(?:.* )?since (.+)", t)
    if m:
        rest = m.group(1)
        if rest in ("then", "that time", "that day"):
            return span(anchor.date, base, "narrative") if anchor and anchor.date <= base else None
        if any(re.search(rf"\b{re.escape(p)}\b", rest) for p in words.office_phrases):
            if office_start is None or office_start > base:
                return None
            return span(office_start, base, "office")
        v = _resolve(rest, base, False, anchor, words)
        if v is None or v.date > base:
            return None
        return span(v.date, base, v.relative_to)
    return _resolve(t, base, future, anchor, words)


def _resolve(
    t: str, base: date, future: bool, anchor: TimeValue | None, words: TimeWords
) -> TimeValue | None:
    t = re.sub(r"^(?:on|at|during|by|as of|until|till|in the course of) ", "", t)
    for rule in (_calendar, weekdays, days, narrative, periods, offsets):
        v = rule(t, base, future, anchor, words)
        if v is not None:
            return v if isinstance(v, TimeValue) else None
    return _dateparser(t, base, future)


_PART = r"(early|mid|late|the end of|end of|the beginning of|the start of|the middle of)"


def _calendar(t: str, base: date, future: bool, anchor: Any, words: TimeWords) -> Any:
    if re.search(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b", t):
        return _dateparser(t, base, future) or NOT_A_DATE
    m = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", t)
    if m:
        d = make_day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return TimeValue(d, None, "day") if d else NOT_A_DATE
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)? of (next|this|last|the following) month\b", t)
    if m:  # "the 20th of next month"
        shift = {"next": 1, "the following": 1, "last": -1}.get(m.group(2), 0)
        d = make_day(*add_months(base, shift), int(m.group(1)))
        return TimeValue(d, None, "day") if d else NOT_A_DATE
    season = _season(t, base, future, words)
    if season is not None:
        return season
    dmy = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MON}(?: (\d{{4}}))?", t)
    mdy = re.search(rf"\b{_MON} (?:the )?(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?: (\d{{4}}))?", t)
    if dmy or mdy:
        if dmy:
            day, month, year = dmy.group(1), dmy.group(2), dmy.group(3)
        else:
            assert mdy is not None
            day, month, year = mdy.group(2), mdy.group(1), mdy.group(3)
        mo = MONTHS[month]
        y = int(year) if year else infer_year(mo, int(day), base, future)
        d = make_day(y, mo, int(day))
        return TimeValue(d, None, "day") if d else NOT_A_DATE
    m = re.search(rf"\b{_PART}? ?{_MON} (?:of )?(\d{{4}})\b", t)
    if m:
        return _part_ofmonth_range(int(m.group(3)), MONTHS[m.group(2)], m.group(1))
    m = re.search(r"\b(?:the )?((?:1[89]|20)\d)0s\b", t)
    if m:
        y = int(m.group(1)) * 10
        return span(date(y, 1, 1), date(y + 9, 12, 31))
    m = re.search(
        rf"\b{_PART[:-1]}|the first half of|the second half of)? ?((?:19|20)\d\d)\b(?!s)", t
    )
    if m:
        return _part_of_year(int(m.group(2)), m.group(1))
    m = re.search(rf"\b(last|next|this|{_PART[1:-1]})? ?{_MON}", t)
    if m:
        how, month = m.group(1) or "", m.group(2)
        if month == "may" and not how and not re.search(r"\b(in|of|since|until|by) may\b|^may$", t):
            return None  # the modal verb
        mo = MONTHS[month]
        y = month_year(mo, base, future, how if how in ("last", "next", "this") else "")
        return _part_ofmonth_range(y, mo, how)
    return None


def _season(t: str, base: date, future: bool, words: TimeWords) -> TimeValue | None:
    """'the summer of 2018', 'last winter', 'next spring', 'in the autumn'."""
    names = "|".join(words.seasons)
    m = re.search(rf"\b(last|next|this|early|late)? ?({names})(?: of)?(?: ((?:19|20)\d\d))?\b", t)
    if not m or (m.group(1) is None and m.group(3) is None and not re.search(
            rf"\b(in|during|over|since|by) (the )?({names})\b", t)):  # fmt: skip
        return None
    first, last = words.seasons[m.group(2)]
    how, year = m.group(1) or "", m.group(3)

    def bounds(y: int) -> tuple[date, date]:
        end_year = y + 1 if last < first else y
        return month_range(y, first)[0], month_range(end_year, last)[1]

    if year:
        s, e = bounds(int(year))
    else:
        # the season of this year, or the one before (past) / after (future) it
        y = base.year
        s, e = bounds(y)
        if how == "last" or (how != "next" and not future and s > base):
            while s > base or (how == "last" and e >= base):
                y -= 1
                s, e = bounds(y)
        elif how == "next" or (future and e < base):
            while s <= base:
                y += 1
                s, e = bounds(y)
    if how == "early":
        e = month_range(s.year, s.month)[1]
    elif how == "late":
        s = month_range(e.year, e.month)[0]
    return span(s, e)


def _part_ofmonth_range(y: int, mo: int, how: str | None) -> TimeValue:
    s, e = month_range(y, mo)
    how = (how or "").replace("the ", "")
    if how in ("early", "beginning of", "start of"):
        e = date(y, mo, 10)
    elif how in ("mid", "middle of"):
        s, e = date(y, mo, 11), date(y, mo, 20)
    elif how in ("late", "end of"):
        s = date(y, mo, 21)
    return span(s, e)


def _part_of_year(y: int, how: str | None) -> TimeValue:
    parts = {"early": (1, 4), "mid": (5, 8), "middle of": (5, 8), "late": (9, 12),
             "end of": (12, 12), "beginning of": (1, 1), "start of": (1, 1),
             "first half of": (1, 6), "second half of": (7, 12)}  # fmt: skip
    a, b = parts.get((how or "").replace("the ", ""), (1, 12))
    return span(month_range(y, a)[0], month_range(y, b)[1])


def _dateparser(t: str, base: date, future: bool) -> TimeValue | None:
    """Explicit dates in forms the rules above do not read ("5/9/2020", "the fifth of May")."""
    if RELATIVE_WORDS.search(t) or not (
        re.search(_MON, t) or re.search(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b", t)
    ):
        return None
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": datetime(base.year, base.month, base.day),
                "PREFER_DATES_FROM": "future" if future else "past",
                "PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False}  # fmt: skip
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(t)
    except Exception:  # noqa: BLE001 - dateparser raises on odd input; the text is then no date
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    if not 1800 <= d.year <= base.year + 10:
        return None
    if data.period == "year":
        return span(date(d.year, 1, 1), date(d.year, 12, 31))
    if data.period == "month":
        return span(*month_range(d.year, d.month))
    if data.period == "week":
        return span(*week_of(d))
    return TimeValue(d, None, "day")
