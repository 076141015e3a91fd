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
            for a, b in gaps(reg, c, titles, start, end):
                if (b - a).days >= 14:
                    total += 1
                    print(f"{c} {office:<18} no holder {a} .. {b}")
    print(f"{total} gap(s) of two weeks or more")


if __name__ == "__main__":
    main()
