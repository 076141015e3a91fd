"""Fuzzy name matching with rapidfuzz, for spellings that neither the exact key nor the
consonant skeleton brings together ("Abu Mahdi al-Mohandes" / "Abu Mahdi al-Muhandis").

Only names of several words are matched this way (rapidfuzz's scores on single short words
are unreliable: "Mosul city" scores 90 against "sul" with ``WRatio``), and only against keys
that start with the same letter (a typo rarely hits the first letter; the skeleton key
already covers Q/G/K-style spellings). The scorer, cutoff and margin are data
(``actors/names.yaml``), tuned by ``scripts/tune_fuzzy.py``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz, process


def scorer(name: str) -> Any:
    return {"ratio": fuzz.ratio, "token_sort_ratio": fuzz.token_sort_ratio}[name]


def eligible(key: str, settings: Mapping[str, Any]) -> bool:
    return len(key) >= int(settings["min_chars"]) and len(key.split()) >= int(settings["min_words"])


class FuzzyIndex:
    """The keys of a registry's exact index that may be matched fuzzily, by first letter."""

    def __init__(self, exact: Mapping[str, Sequence[Any]], settings: Mapping[str, Any]) -> None:
        self.settings = settings
        self.exact = exact
        self.scorer = scorer(str(settings["scorer"]))
        self.buckets: dict[str, list[str]] = defaultdict(list)
        min_chars, min_words = int(settings["min_chars"]), int(settings["min_words"])
        for k in exact:
            if len(k) >= min_chars and k.count(" ") + 1 >= min_words:
                self.buckets[k[0]].append(k)

    def _owners(self, key: str) -> frozenset[str]:
        return frozenset(h.actor_id for h in self.exact[key])

    def best(self, key: str) -> tuple[str, float] | None:
        """The closest key at or above the cutoff, unless a different actor is within the
        margin of it (then the name is ambiguous and nothing is returned)."""
        if not eligible(key, self.settings):
            return None
        cutoff = float(self.settings["cutoff"])
        found = process.extract(key, self.buckets.get(key[0], ()), scorer=self.scorer,
                                score_cutoff=cutoff, limit=8)  # fmt: skip
        if not found:
            return None
        best_key, best_score, _ = found[0]
        owners = self._owners(best_key)
        margin = float(self.settings["margin"])
        for other, score, _ in found[1:]:
            if best_score - score < margin and self._owners(other) != owners:
                return None
        return best_key, float(best_score)
