"""Military units named by number, which the tagger often misses or cuts short: "the 158th
Fighter Wing", "the 407th AEG", "CTF 50", "Task Force (CTF) 50", "Explosive Ordnance Disposal
Mobile Unit Two". No registry can list them all, so they are found by their shape: an ordinal
and capitalised words up to a unit's noun or designator, or a designator and a number
(``unit_nouns`` and ``unit_designators`` in ``data/actors/cues.yaml``)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..actors.cues import Cues

ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)
NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight",
                          "nine", "ten", "eleven", "twelve"})  # fmt: skip
MAX_WORDS = 5  # capitalised words between an ordinal and the unit's noun


def _capitalised(t: Token) -> bool:
    return t.is_alpha and t.text[:1].isupper() and not t.is_sent_start


def _number(t: Token) -> bool:
    """A unit's number: "50", "Two" (not an ordinal, a year or a measure)."""
    return (t.is_digit and len(t.text) <= 3) or t.lower_ in NUMBER_WORDS


def _unit_end(t: Token, cues: Cues) -> bool:
    return t.lower_ in cues.unit_nouns or (t.is_upper and t.lower_ in cues.unit_designators)


def _numbered(doc: Doc, end: int) -> int:
    """The end of a unit's name with the number after it ("CTF 50", "Mobile Unit Two",
    "Task Force (CTF) 50"); not a count of something ("Task Force 50 ships")."""
    k = end
    if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 1].is_upper and doc[k + 2].text == ")":
        k += 3  # "Task Force (CTF) 50"
    if k < len(doc) and _number(doc[k]) and not (
        k + 1 < len(doc) and doc[k + 1].pos_ in ("NOUN", "PROPN") and not doc[k + 1].is_upper
    ):  # fmt: skip
        return k + 1
    return end


def unit_spans(doc: Doc, cues: Cues) -> list[tuple[int, int]]:
    """Token spans of the units named by number in ``doc``."""
    out: list[tuple[int, int]] = []
    n = len(doc)
    i = 0
    while i < n:
        t = doc[i]
        if ORDINAL.match(t.text):
            j = i + 1
            while j < n and j - i <= MAX_WORDS and _capitalised(doc[j]):
                j += 1
            k = j
            while k > i + 1 and not _unit_end(doc[k - 1], cues):
                k -= 1  # the name ends at its last unit noun or designator
            if k > i + 1:
                out.append((i, _numbered(doc, k)))
                i = k
                continue
        elif t.is_upper and t.lower_ in cues.unit_designators:
            if (i >= 2 and doc[i - 1].text == "(" and _unit_end(doc[i - 2], cues)
                    and _numbered(doc, i - 1) > i + 2):  # fmt: skip
                a = i - 2  # "Task Force (CTF) 50"
                while a > 0 and doc[a - 1].is_alpha and doc[a - 1].text[:1].isupper() \
                        and i - a < MAX_WORDS:
                    a -= 1
                out.append((a, i + 3))
                i += 3
                continue
            if _numbered(doc, i + 1) > i + 1:
                out.append((i, i + 2))  # "CTF 50"
                i += 2
                continue
        i += 1
    return out


def _prefix(words: Span) -> bool:
    """Words before a unit that belong to its name: its country or service ("U.S. 5th
    Fleet", "Jordanian 71st Counter Terrorism Battalion"), not a phrase of its own ("the Men
    and Women of the 407th AEG")."""
    return all(t.pos_ in ("PROPN", "ADJ") or t.text in (".", "-") for t in words
               if t.lower_ != "the") and not any(t.lower_ in ("of", "and") for t in words)  # fmt: skip


def with_units(doc: Doc, pieces: list[Span], cues: Cues) -> tuple[list[Span], set[tuple[int, int]]]:
    """The tagger's names with the units named by number: a name that ends in a unit's noun
    takes the number after it; a unit the tagger missed, or cut, replaces the names inside it.
    Also the units found, as (start, end)."""
    out = []
    for p in pieces:
        if p.label_ == "ORG" and _unit_end(p[-1], cues):
            end = _numbered(doc, p.end)
            if end > p.end:
                p = Span(doc, p.start, end, label="ORG")
        out.append(p)
    units: set[tuple[int, int]] = set()
    for a, b in unit_spans(doc, cues):
        over = [p for p in out if p.start < b and a < p.end]
        # the unit replaces the names inside it, and a longer name that holds it after a
        # phrase of its own ("the Men and Women of the 407th AEG"), not its own longer name
        named = [p for p in over if p.start < a and b <= p.end and _prefix(doc[p.start : a])]
        if named:  # "U.S. 5th Fleet", "Jordanian 71st Counter Terrorism Battalion"
            units.update((p.start, p.end) for p in named)
        elif all(a <= p.start and p.end <= b or p.start < a and b <= p.end for p in over):
            out = [p for p in out if p not in over]
            out.append(Span(doc, a, b, label="ORG"))
            units.add((a, b))
    out.sort(key=lambda s: s.start)
    return out, units
