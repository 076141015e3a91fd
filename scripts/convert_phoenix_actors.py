#!/usr/bin/env python
"""Convert the Phoenix actor dictionaries (PETRARCH-2, MIT) into mizan's actor underlay.

Writes src/mizan/data/actors/phoenix-actors.tsv: one line per person or organisation, with
CAMEO codes turned into a country, PLOVER sectors and dated roles (see
mizan/actors/importer.py). mizan loads it *under* its own registry: an underlay entry that
names an actor mizan knows is dropped when the registry loads, so mizan's dated, current
entries win over the dictionaries' stale ones (al-Sudani as human-rights minister, Badr as
Palestinian rebels …). Country entries are left out (countries.yaml covers every country,
and the dictionaries list cities as country aliases).

Usage: python scripts/convert_phoenix_actors.py [--cameo-dir DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mizan.actors.importer import actors_from_petrarch, write_underlay  # noqa: E402
from mizan.actors.registry import UNDERLAY, Actor  # noqa: E402

DEFAULT_CAMEO_DIR = ROOT.parent / "shared" / "data" / "cameo-dictionaries"  # ../shared/data
DEFAULT_OUT = ROOT / "src" / "mizan" / "data" / "actors" / "phoenix-actors.tsv"
FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
         "Phoenix.MilNonState.actors.txt")  # fmt: skip


def convert(cameo_dir: Path) -> list[Actor]:
    out: dict[str, Actor] = {}
    for name in FILES:
        for actor in actors_from_petrarch(cameo_dir / name, source="phoenix", tier=UNDERLAY):
            if actor.kind == "country":
                continue
            names = [n for n in (actor.name, *actor.aliases) if len(n.replace(".", "")) > 1]
            if not names:
                continue
            aid = actor.id
            i = 2
            while aid in out:
                aid = f"{actor.id}-{i}"
                i += 1
            actor.id, actor.name, actor.aliases, actor.note = aid, names[0], tuple(names[1:]), None
            out[aid] = actor
    return [out[k] for k in sorted(out)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cameo-dir", type=Path, default=DEFAULT_CAMEO_DIR)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    actors = convert(args.cameo_dir)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        n = write_underlay(actors, fh)
    kinds = Counter(a.kind for a in actors)
    print(f"wrote {n} entries to {args.out}: {dict(sorted(kinds.items()))}")


if __name__ == "__main__":
    main()
