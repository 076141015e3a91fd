#!/usr/bin/env python
"""Tune the fuzzy name-matching cutoff (``fuzzy`` in src/mizan/data/actors/names.yaml) on the
registry itself.

* **Same actor**: pairs of spellings of one actor in mizan's own files (several words,
  eligible for fuzzy matching) that the exact key and the consonant skeleton do *not* bring
  together — the cases fuzzy matching is for. Recall at a cutoff: the share scoring at or
  above it.
* **Different actors**: for each such spelling, the closest key of a *different* actor in the
  whole registry (mizan's entries and the Phoenix underlay) among keys with the same first
  letter, as the matcher searches. False matches at a cutoff: the share scoring at or above it
  (a name the registry lacks would be taken for that other actor).

Usage: python scripts/tune_fuzzy.py
"""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from rapidfuzz import fuzz, process  # noqa: E402

from mizan.actors.fuzzy import eligible  # noqa: E402
from mizan.actors.loader import load_registry  # noqa: E402
from mizan.actors.normalize import name_key, rules, skeleton_key  # noqa: E402

CUTOFFS = (80, 84, 86, 88, 90, 92, 94, 96)


def main() -> None:
    reg = load_registry()
    settings = rules().fuzzy
    owner: dict[str, set[str]] = {}
    for key, hits in reg.exact.items():
        if eligible(key, settings):
            owner[key] = {h.actor_id for h in hits}
    by_letter: dict[str, list[str]] = {}
    for key in owner:
        by_letter.setdefault(key[0], []).append(key)

    positives: list[tuple[str, str]] = []
    probes: list[tuple[str, str]] = []  # (key, actor id)
    for actor in reg.actors.primary():
        if actor.kind == "country":
            continue
        keys = sorted({name_key(n) for n in (actor.name, *actor.aliases) if n.isascii()})
        keys = [k for k in keys if eligible(k, settings)]
        probes += [(k, actor.id) for k in keys]
        for a, b in combinations(keys, 2):
            if skeleton_key(a) != skeleton_key(b) and a[0] == b[0]:
                positives.append((a, b))

    for name in ("ratio", "token_sort_ratio"):
        scorer = {"ratio": fuzz.ratio, "token_sort_ratio": fuzz.token_sort_ratio}[name]
        pos = [scorer(a, b) for a, b in positives]
        neg = []
        for key, actor_id in probes:
            others = [k for k in by_letter.get(key[0], ()) if actor_id not in owner[k]]
            best = process.extractOne(key, others, scorer=scorer)
            neg.append(best[1] if best else 0.0)
        print(f"\nscorer {name}: {len(pos)} same-actor pairs, {len(neg)} probes")
        print(f"{'cutoff':>7} {'recall':>8} {'false matches':>14}")
        for c in CUTOFFS:
            recall = sum(s >= c for s in pos) / len(pos) if pos else 0.0
            false = sum(s >= c for s in neg) / len(neg) if neg else 0.0
            print(f"{c:>7} {recall:>8.3f} {false:>14.3f}")
    print(f"\nin names.yaml now: scorer {settings['scorer']}, cutoff {settings['cutoff']}")


if __name__ == "__main__":
    main()
