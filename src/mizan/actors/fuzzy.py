"""Fuzzy name matching with rapidfuzz, for spellings that neither the exact key nor the
consonant skeleton brings together ("Abu Mahdi al-Mohandes" / "Abu Mahdi al-Muhandis").

Only names of several words are matched this way (rapidfuzz's scores on single short words
are unreliable: "Mosul city" scores 90 against "sul" with ``WRatio``). The scorer, cutoff and
margin are data (``actors/names.yaml``), tuned by ``scripts/tune_fuzzy.py``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz, process


def scorer(name: str) -> Any:
    return {"ratio": fuzz.ratio, "token_sort_ratio": fuzz.token_sort_ratio}[name]


def eligible(key: str, settings: Mapping[str, Any]) -> bool:
    return len(key.split()) >= int(settings["min_words"]) and len(key) >= int(
        settings["min_chars"]
    )


class FuzzyIndex:
    """The keys of a registry's exact index that may be matched fuzzily."""

    def __init__(self, exact: Mapping[str, Sequence[Any]], settings: Mapping[str, Any]) -> None:
        self.settings = settings
        self.scorer = scorer(str(settings["scorer"]))
        self.keys = [k for k in exact if eligible(k, settings)]
        self.owner = {k: frozenset(h.actor_id for h in exact[k]) for k in self.keys}

    def best(self, key: str) -> tuple[str, float] | None:
        """The closest key at or above the cutoff, unless a different actor is within the
        margin of it (then the name is ambiguous and nothing is returned)."""
        if not eligible(key, self.settings):
            return None
        cutoff = float(self.settings["cutoff"])
        found = process.extract(key, self.keys, scorer=self.scorer, score_cutoff=cutoff, limit=8)
        if not found:
            return None
        best_key, best_score, _ = found[0]
        owners = self.owner[best_key]
        margin = float(self.settings["margin"])
        for other, score, _ in found[1:]:
            if self.owner[other] != owners and best_score - score < margin:
                return None
        return best_key, float(best_score)
