#!/usr/bin/env python
"""Report gaps in the registry's dated offices: for each country and office the issue asks
for (heads of state and government; foreign, defence and interior ministers, 2003–2026),
the periods with no holder.

Usage: python scripts/check_offices.py [--from 2003-01-01] [--to 2026-01-01]
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mizan.actors.loader import load_registry  # noqa: E402

COUNTRIES = ["IRQ", "IRN", "TUR", "SYR", "SAU", "JOR", "EGY", "KWT", "ARE", "QAT", "LBN", "ISR",
             "USA", "GBR", "FRA", "RUS", "CHN"]  # fmt: skip
HEAD_OF_STATE = ("president", "king", "emir", "supreme leader")
OFFICES = {
    "head of state": HEAD_OF_STATE,
    "head of government": ("prime minister",),
    "foreign minister": ("foreign minister",),
    "defence minister": ("defence minister",),
    "interior minister": ("interior minister",),
}
NO_PM = {"USA", "IRN"}  # no prime minister in the period (Iran's post was abolished in 1989)
# offices that did not exist for a while: reported, but marked as such
ABOLISHED = {
    ("TUR", "head of government"): (date(2018, 7, 9), "the post was abolished in 2018"),
    ("SYR", "head of government"): (
        date(2025, 3, 29),
        "no prime minister in the transitional government",
    ),
    ("USA", "interior minister"): (
        date(1900, 1, 1),
        "no interior minister (the Secretary of the Interior runs public lands)",
    ),
    ("LBN", "head of state"): (None, "presidential vacancies 2007-08, 2014-16, 2022-25"),
    ("IRQ", "head of state"): (None, "occupation, 2003-04 to 2004-06"),
    ("IRQ", "head of government"): (None, "occupation, 2003-04 to 2004-06"),
}


def gaps(
    reg, country: str, titles: tuple[str, ...], start: date, end: date
) -> list[tuple[date, date]]:  # type: ignore[no-untyped-def]
    out: list[tuple[date, date]] = []
    day, open_gap = start, None
    while day <= end:
        held = any(reg.holder(country, t, day) for t in titles)
        if not held and open_gap is None:
            open_gap = day
        if held and open_gap is not None:
            out.append((open_gap, day - timedelta(days=1)))
            open_gap = None
        day += timedelta(days=7)
    if open_gap is not None:
        out.append((open_gap, end))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--from", dest="start", default="2003-01-01")
    ap.add_argument("--to", dest="end", default="2026-01-01")
    args = ap.parse_args()
    reg = load_registry()
    start, end = date.fromisoformat(args.start), date.fromisoformat(args.end)
    total = 0
    for c in COUNTRIES:
        for office, titles in OFFICES.items():
            if office == "head of government" and c in NO_PM:
                continue
            since, why = ABOLISHED.get((c, office), (None, ""))
            for a, b in gaps(reg, c, titles, start, end):
                if (b - a).days >= 14:
                    known = why and (since is None or a >= since)
                    total += not known
                    note = f"  ({why})" if known else ""
                    print(f"{c} {office:<18} no holder {a} .. {b}{note}")
    print(f"{total} unexplained gap(s) of two weeks or more")


if __name__ == "__main__":
    main()
