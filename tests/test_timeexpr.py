"""Time expressions resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from mizan.timeexpr import resolve

BASE = date(2020, 8, 28)  # a Friday

CASES = [
    ("on Thursday", BASE, False, "2020-08-27", "day"),
    ("Yesterday, Thursday", BASE, False, "2020-08-27", "day"),
    ("late on Thursday", BASE, False, "2020-08-27", "day"),
    ("on Friday", BASE, False, "2020-08-28", "day"),
    ("next Thursday", BASE, False, "2020-09-03", "day"),
    ("on Monday", BASE, True, "2020-08-31", "day"),
    ("the day before yesterday", BASE, False, "2020-08-26", "day"),
    ("this evening, August 26", BASE, False, "2020-08-26", "day"),
    ("last week", BASE, False, "2020-08-17", "week"),
    ("next month", BASE, True, "2020-09-01", "month"),
    ("in 2019", BASE, False, "2019-01-01", "year"),
    ("on 9 May 2020", BASE, False, "2020-05-09", "day"),
    ("Sept. 14", date(2020, 9, 20), False, "2020-09-14", "day"),
    ("December 30", date(2021, 1, 3), False, "2020-12-30", "day"),
    ("three days ago", BASE, False, "2020-08-25", "day"),
    ("earlier this year", BASE, False, "2020-01-01", "year"),
]


@pytest.mark.parametrize("text,base,future,expected,precision", CASES)
def test_resolve(text, base, future, expected, precision):
    v = resolve(text, base, future)
    assert v is not None
    assert (v.date.isoformat(), v.precision) == (expected, precision)


@pytest.mark.parametrize("text", ["more than 3 years", "the same time", "24 hours"])
def test_not_a_date(text):
    assert resolve(text, BASE) is None
