"""Time expressions resolved against the publication date (pure functions, no model)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mizan.timeexpr import TimeValue, precision_of, resolve

FRI = date(2020, 8, 28)  # a Friday
WED = date(2021, 3, 10)  # a Wednesday
DAY = TimeValue(date(2020, 8, 26), None, "day")  # a narrative anchor: Wednesday 26 August
WEEK = TimeValue(date(2020, 8, 17), date(2020, 8, 23), "week")

# text, publication date, future?, anchor, expected date, end date, precision
CASES = [
    # weekdays: the most recent such day (the publication day included); future: the next
    ("on Thursday", FRI, False, None, "2020-08-27", None, "day"),
    ("Yesterday, Thursday", FRI, False, None, "2020-08-27", None, "day"),
    ("late on Thursday", FRI, False, None, "2020-08-27", None, "day"),
    ("Thursday night", FRI, False, None, "2020-08-27", None, "day"),
    ("on Friday", FRI, False, None, "2020-08-28", None, "day"),
    ("last Tuesday", FRI, False, None, "2020-08-25", None, "day"),
    ("last Friday", FRI, False, None, "2020-08-21", None, "day"),
    ("next Thursday", FRI, False, None, "2020-09-03", None, "day"),
    ("on Monday", FRI, True, None, "2020-08-31", None, "day"),
    ("on Sunday", WED, False, None, "2021-03-07", None, "day"),
    ("Saturday", date(2022, 1, 2), False, None, "2022-01-01", None, "day"),
    # days relative to publication
    ("the day before yesterday", FRI, False, None, "2020-08-26", None, "day"),
    ("yesterday", FRI, False, None, "2020-08-27", None, "day"),
    ("last night", date(2022, 1, 1), False, None, "2021-12-31", None, "day"),
    ("today", FRI, False, None, "2020-08-28", None, "day"),
    ("this evening", FRI, False, None, "2020-08-28", None, "day"),
    ("this evening, August 26", FRI, False, None, "2020-08-26", None, "day"),
    ("tomorrow", FRI, True, None, "2020-08-29", None, "day"),
    ("three days ago", FRI, False, None, "2020-08-25", None, "day"),
    ("two weeks ago", FRI, False, None, "2020-08-14", None, "week"),
    # weeks, months, years
    ("last week", FRI, False, None, "2020-08-17", "2020-08-23", "week"),
    ("earlier this week", FRI, False, None, "2020-08-24", "2020-08-28", "week"),
    ("next week", FRI, True, None, "2020-08-31", "2020-09-06", "week"),
    ("the past week", FRI, False, None, "2020-08-22", "2020-08-28", "week"),
    ("in recent days", FRI, False, None, "2020-08-22", "2020-08-28", "week"),
    ("over the weekend", FRI, False, None, "2020-08-22", "2020-08-23", "week"),
    ("next month", FRI, True, None, "2020-09-01", "2020-09-30", "month"),
    ("last month", WED, False, None, "2021-02-01", "2021-02-28", "month"),
    ("earlier this month", FRI, False, None, "2020-08-01", "2020-08-28", "month"),
    ("two months ago", FRI, False, None, "2020-06-01", "2020-06-30", "month"),
    ("earlier this year", FRI, False, None, "2020-01-01", "2020-08-28", "year"),
    ("last year", FRI, False, None, "2019-01-01", "2019-12-31", "year"),
    ("the end of last year", FRI, False, None, "2019-12-01", "2019-12-31", "month"),
    ("three years ago", FRI, False, None, "2017-01-01", "2017-12-31", "year"),
    # calendar dates
    ("in 2019", FRI, False, None, "2019-01-01", "2019-12-31", "year"),
    ("early 2019", FRI, False, None, "2019-01-01", "2019-04-30", "year"),
    ("the 1990s", FRI, False, None, "1990-01-01", "1999-12-31", "year"),
    ("on 9 May 2020", FRI, False, None, "2020-05-09", None, "day"),
    ("May 7, 2020", FRI, False, None, "2020-05-07", None, "day"),
    ("in May", FRI, False, None, "2020-05-01", "2020-05-31", "month"),
    ("in November", WED, False, None, "2020-11-01", "2020-11-30", "month"),
    ("in December", FRI, True, None, "2020-12-01", "2020-12-31", "month"),
    ("mid-May", FRI, False, None, "2020-05-11", "2020-05-20", "month"),
    ("October 2019", FRI, False, None, "2019-10-01", "2019-10-31", "month"),
    ("Aug. 20", date(2020, 9, 29), False, None, "2020-08-20", None, "day"),
    ("Sept. 14", date(2020, 9, 20), False, None, "2020-09-14", None, "day"),
    ("December 30", date(2021, 1, 3), False, None, "2020-12-30", None, "day"),
    ("January 1", FRI, True, None, "2021-01-01", None, "day"),
    ("the 15th of March", date(2021, 3, 20), False, None, "2021-03-15", None, "day"),
    ("2021-02-14", WED, False, None, "2021-02-14", None, "day"),
    ("12/03/2019", FRI, False, None, "2019-12-03", None, "day"),  # dateparser, US order
    ("the 20th of next month", date(2022, 5, 18), True, None, "2022-06-20", None, "day"),
    # seasons (northern hemisphere)
    ("in the summer of 2018", FRI, False, None, "2018-06-01", "2018-08-31", "year"),
    ("next spring", date(2023, 11, 27), True, None, "2024-03-01", "2024-05-31", "year"),
    ("last winter", date(2023, 11, 27), False, None, "2022-12-01", "2023-02-28", "year"),
    # the narrative: moved from the last date the text established
    ("a few days later", FRI, False, TimeValue(date(2020, 8, 3), None, "day"), "2020-08-05", "2020-08-08", "week"),
    ("the next day", FRI, False, DAY, "2020-08-27", None, "day"),
    ("On the same day", FRI, False, DAY, "2020-08-26", None, "day"),
    ("that evening", FRI, False, DAY, "2020-08-26", None, "day"),
    ("the previous day", FRI, False, DAY, "2020-08-25", None, "day"),
    ("two days later", FRI, False, TimeValue(date(2020, 8, 3), None, "day"), "2020-08-05", None, "day"),
    ("A few hours after", FRI, False, DAY, "2020-08-26", None, "day"),
    ("the following week", FRI, False, WEEK, "2020-08-24", "2020-08-30", "week"),
    ("three months later", FRI, False, TimeValue(date(2017, 3, 1), date(2017, 3, 31), "month"), "2017-06-01", "2017-06-30", "month"),
    # ranges
    ("since the end of last year", FRI, False, None, "2019-12-01", "2020-08-28", "year"),
    ("Since October 2019", FRI, False, None, "2019-10-01", "2020-08-28", "year"),
    ("between May 1 and May 5", FRI, False, None, "2020-05-01", "2020-05-05", "week"),
    ("From 2014 to 2017", FRI, False, None, "2014-01-01", "2017-12-31", "year"),
]  # fmt: skip


@pytest.mark.parametrize("text,base,future,anchor,expected,end,precision", CASES)
def test_resolve(text, base, future, anchor, expected, end, precision):
    v = resolve(text, base, future, anchor=anchor)
    assert v is not None, text
    got = (v.date.isoformat(), v.enddate.isoformat() if v.enddate else None, v.precision)
    assert got == (expected, end, precision)


def test_since_taking_office_uses_the_office_start():
    v = resolve("since taking office", FRI, office_start=date(2020, 5, 7))
    assert v is not None
    assert (v.date, v.enddate, v.precision, v.relative_to) == (
        date(2020, 5, 7), FRI, "year", "office")  # fmt: skip
    assert resolve("since taking office", FRI) is None  # no known office: no date


@pytest.mark.parametrize(
    "text",
    ["more than 3 years", "24 hours", "for three years", "monthly", "the same time",
     "a week", "within a few days", "decades", "a few hours"],
)  # fmt: skip
def test_durations_are_no_dates(text):
    assert resolve(text, FRI) is None


@pytest.mark.parametrize("text", ["the next day", "a few days later", "two days later"])
def test_narrative_expressions_need_an_anchor(text):
    assert resolve(text, FRI) is None


def test_a_past_month_name_never_lies_ahead():
    assert resolve("in November", date(2021, 3, 10)).date == date(2020, 11, 1)  # type: ignore[union-attr]


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)),
       st.sampled_from(list(range(7))))  # fmt: skip
def test_a_weekday_is_within_the_past_week(base, target):
    name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][target]
    v = resolve(f"on {name}", base)
    assert v is not None and v.date.weekday() == target
    assert 0 <= (base - v.date).days <= 6
    f = resolve(f"on {name}", base, True)
    assert f is not None and 0 <= (f.date - base).days <= 6


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))
def test_last_week_is_the_calendar_week_before(base):
    v = resolve("last week", base)
    assert v is not None and v.enddate is not None
    assert v.date.weekday() == 0 and (v.enddate - v.date).days == 6
    assert 1 <= (base - v.enddate).days <= 7


def test_precision_follows_the_length_of_a_range():
    d = date(2020, 1, 1)
    assert precision_of(d, None) == "day"
    assert precision_of(d, date(2020, 1, 7)) == "week"
    assert precision_of(d, date(2020, 1, 31)) == "month"
    assert precision_of(d, date(2020, 3, 1)) == "year"


def test_bad_time_words_file_names_the_field(tmp_path):
    from mizan.errors import DataFileError
    from mizan.timewords import _build_words

    path = tmp_path / "expressions.yaml"
    path.write_text("historical_after_days: soon\nday_parts: []\noffice_phrases: []\n")
    with pytest.raises(DataFileError, match=r"expressions.yaml, field 'historical_after_days'"):
        _build_words(path)
    path.write_text(
        "historical_after_days: 30\nday_parts: []\noffice_phrases: []\n"
        "numbers: {two: 2}\nvague_numbers: {a few: [2]}\n"
    )
    with pytest.raises(DataFileError, match=r"entry a few, field 'vague_numbers'"):
        _build_words(path)
