"""Misspelt country names in pass 1 of the actor stage: one proper noun that neither the
registry nor the gazetteer knows, close to a country's one-word name or demonym ("Kazakstan",
"Tunisa", "Nicaraguan" typed "Nicaraguen").

The candidates are the one-word names, aliases and demonyms of mizan's own countries
(``countries.yaml``; not the countries of a user's dictionaries, spelt as the user wants). A
word is taken when it has the candidate's first letter, does not merely add an ending to
it ("the Americas") (a typo rarely hits the first letter),
is at least ``min_chars`` long and within the edit distance of ``country_typos`` in
``cues.yaml``; when two countries are equally close it is taken for neither. Answers are kept
by spelling, so each distinct word is scored once per process.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rapidfuzz.distance import Levenshtein

from ..actors.cues import Cues
from ..actors.normalize import name_key
from ..actors.registry import Actor, Registry
from ..gazetteer import place_key

COUNTRY_FILE = "countries.yaml"


class CountryTypos:
    def __init__(self, registry: Registry, cues: Cues) -> None:
        self.registry = registry
        self.min_chars, self.long_chars, self.short, self.long = cues.country_typos
        self.by_letter: dict[str, dict[str, str]] = defaultdict(dict)
        self.demonyms: set[str] = set()
        for a in registry.actors.primary():
            if a.kind != "country" or a.source != COUNTRY_FILE:
                continue  # a user's own dictionaries are matched as they are spelt
            for form in (a.name, *a.aliases, *a.demonyms):
                key = name_key(form)
                if " " not in key and len(key) >= self.min_chars - 1 and key.isascii():
                    self.by_letter[key[0]][key] = a.id
                    if form in a.demonyms:
                        self.demonyms.add(key)
        self._seen: dict[str, tuple[str, bool] | None] = {}
        self._gazetteer: Any = None

    def country(self, word: str) -> tuple[Actor, bool] | None:
        """The country ``word`` misspells and whether it spells its demonym, or None."""
        if word in self._seen:
            found = self._seen[word]
        else:
            if len(self._seen) > 100_000:
                self._seen.clear()
            found = self._seen[word] = self._score(word)
        return (self.registry.actors[found[0]], found[1]) if found else None

    def _score(self, word: str) -> tuple[str, bool] | None:
        key = name_key(word)
        if len(key) < self.min_chars or not key.isalpha() or not key.isascii():
            return None
        bucket = self.by_letter.get(key[0])
        if not bucket or key in bucket:
            return None
        limit = self.short if len(key) < self.long_chars else self.long
        best: dict[int, set[tuple[str, bool]]] = defaultdict(set)
        for cand, iso in bucket.items():
            if abs(len(cand) - len(key)) > limit:
                continue
            if key.startswith(cand):
                return None  # "Americas", "Koreas": the name with an ending, not a typo
            d = Levenshtein.distance(key, cand, score_cutoff=limit)
            if d <= limit:
                best[d].add((iso, cand in self.demonyms))
        if not best:
            return None
        owners = best[min(best)]
        if len({iso for iso, _ in owners}) != 1 or self.registry.lookup(word)[0] or self.registry.surname(word):
            return None
        if self._known_place(word):
            return None
        return min(owners)

    def _known_place(self, word: str) -> bool:
        if self._gazetteer is None:
            from ..gazetteer import load_gazetteer

            self._gazetteer = load_gazetteer()
        key = place_key(word)  # exact names only: the gazetteer's close spellings are typos too
        return key in self._gazetteer.names or key in self._gazetteer.alternates
