"""Places named by a common noun: "the town", "a mosque", "their homes", "the border",
"ISIL fighting positions" (``common_place_nouns`` in ``data/places/cues.yaml``), "here"
and "there" as adverbs of place (not "there is"), and the
named place such a phrase stands for when the text named it before ("… Tal Afar. The town
was shelled" → Tal Afar).

A phrase is the noun with the words before it in its noun phrase (determiners, possessives,
adjectives, compounds: "the ancient city", "a VBIED storage facility"); not a noun that
modifies another ("the city council"), one that a name follows ("the city of Mosul", "the
village Qaraqosh": the name is the place), nor a word of a name or an actor mention. Its
antecedent is the latest place before it, within the sentences the caller says, of the size
the noun says: a city for "city", "town", "village", "capital", "port"; a first-level
division for "province", "region"; a country for "country"; any place for "there".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..gazetteer import Place

NAMES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "PRODUCT",
                   "EVENT", "LAW"})  # fmt: skip
CITY_NOUNS = frozenset({"city", "town", "village", "capital", "port"})
ADMIN1_NOUNS = frozenset({"province", "region", "governorate"})
PRECISION_OF = {**dict.fromkeys(CITY_NOUNS, "city"), **dict.fromkeys(ADMIN1_NOUNS, "admin1"),
                "country": "country"}  # fmt: skip
ANAPHORA_WORDS = frozenset({*PRECISION_OF, "there"})  # may stand for a place named before
DEICTIC = frozenset({"here", "there"})  # "fighting here", "lived there": not "there is"
OPEN_DEPS = frozenset({"det", "poss", "amod", "compound", "nmod", "nummod", "quantmod",
                       "advmod", "punct", "case"})  # fmt: skip


@dataclass(frozen=True)
class NominalPlace:
    start: int
    end: int
    head: int
    place: Place | None  # the named place it stands for, if the text named one before


def _head_noun(doc: Doc, i: int, nouns: frozenset[str]) -> int | None:
    """The last token of a place noun ending at token ``i`` ("front line", "safe house")."""
    tok = doc[i]
    if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in NAMES:
        return None  # a word of a name; a date or a number the tagger ran over it may be
    if tok.lower_ in nouns or tok.lemma_.lower() in nouns:
        return i
    if i > 0 and f"{doc[i - 1].lower_} {tok.lower_}" in nouns:
        return i
    return None


def _stands_alone(tok: Token) -> bool:
    """Is the noun the head of its phrase, with no name after it?"""
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i:
        return False  # "the city council", "border security"
    for c in tok.children:
        if c.i > tok.i and (c.dep_ == "compound" or (c.dep_ == "appos" and c.i == tok.i + 1) or (
            c.dep_ == "prep" and c.lower_ == "of"
            and any(g.pos_ == "PROPN" for g in c.children)
        )):  # fmt: skip
            return False  # "the city of Mosul", "the village Qaraqosh"
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return not (nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper())


def nominal_places(
    doc: Doc,
    taken: set[int],
    nouns: frozenset[str],
    named: list[tuple[int, Place]] | None = None,
    floor: int = 0,
    within: tuple[int, int] | None = None,
) -> list[NominalPlace]:
    """The common-noun places of ``doc`` (or of its tokens ``within`` a range) outside the
    tokens ``taken`` (names and actors). ``named`` lists (token, place) of the named places,
    in order, for antecedents, which are looked for from token ``floor`` on."""
    out: list[NominalPlace] = []
    seen: set[int] = set()
    lo, hi = within or (0, len(doc))
    for tok in doc[lo:hi]:
        i = tok.i
        if tok.lower_ in DEICTIC and tok.dep_ == "advmod" and i not in taken:
            out.append(NominalPlace(i, i + 1, i, _antecedent(tok, named, floor)))
            continue
        if i in taken or i in seen or _head_noun(doc, i, nouns) is None or not _stands_alone(tok):
            continue
        start = _left(doc, i, taken)
        end = _of_place(doc, tok, nouns, taken)
        if any(t in seen for t in range(start, end)):
            continue
        seen.update(range(start, end))
        out.append(NominalPlace(start, end, i, _antecedent(tok, named, floor)))
    return out


def _left(doc: Doc, i: int, taken: set[int]) -> int:
    """Where the phrase headed by token ``i`` starts: its determiners, adjectives and
    compounds, a name joined by a hyphen ("an ISIL-held building"); not a number ("five
    fighting positions" is "fighting positions")."""
    sent = doc[i].sent.start
    start = i
    while start > sent:
        t = doc[start - 1]
        hyphen = t.text == "-" or doc[start].text == "-"
        if t.is_space or not (start - 1 <= t.head.i <= i or hyphen):
            break
        if (start - 1) in taken and not (hyphen or t.dep_ in ("compound", "nmod", "amod", "poss")
                                         and t.head.i <= i):  # fmt: skip
            break  # a name inside stays: "a Peshmerga frontline position", "the X mosque"
        if t.dep_ not in OPEN_DEPS and not hyphen:
            break
        start -= 1
    nums = [k for k in range(start, i) if doc[k].like_num or doc[k].dep_ == "nummod"]
    if nums:  # "an 84 MW power station" is "power station"
        start = nums[-1] + 1
        while start < i and doc[start].head.i == nums[-1]:
            start += 1
    while start < i and (doc[start].is_punct or doc[start].dep_ in ("cc", "case", "advmod",
                                                                       "quantmod")):  # fmt: skip
        start += 1
    return start


def _of_place(doc: Doc, tok: Token, nouns: frozenset[str], taken: set[int]) -> int:
    """The end of the phrase: with an "of" phrase naming a place noun ("a southern district
    of the city", "the northern part of the country")."""
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                 and c.i == tok.i + 1), None)  # fmt: skip
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    if obj is None or _head_noun(doc, obj.i, nouns) is None or obj.i in taken:
        return tok.i + 1
    return obj.i + 1


def _antecedent(tok: Token, named: list[tuple[int, Place]] | None, floor: int) -> Place | None:
    if not named:
        return None
    want = PRECISION_OF.get(tok.lemma_.lower()) or PRECISION_OF.get(tok.lower_)
    if tok.lower_ == "there":
        want = "any"  # the place last named
    elif want is None or tok.tag_ in ("NNS", "NNPS") or not any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children
    ):
        return None  # "a town", "towns", "here" (where the writer is): no one place
    for i, place in reversed(named):
        if i < floor:
            break
        if i < tok.i and want in (place.precision, "any"):
            return place
    return None


_DMS = r"\d{1,3}°(?:\s?\d{1,2}(?:\.\d+)?[′'](?:\s?\d{1,2}(?:\.\d+)?[″\"])?)?\s?"
COORDINATES = re.compile(
    rf"(?<![\w.])(?:{_DMS}[NS][\s,]+{_DMS}[EW]"  # 33°47′N 44°30′E
    r"|\d{1,2}\.\d+°\s?[NS][\s,]+\d{1,3}\.\d+°\s?[EW]"  # 33.783°N 44.500°E
    r"|-?\d{1,2}\.\d{3,};\s?-?\d{1,3}\.\d{3,})(?![\w.])"  # 33.783; 44.500
)


def _degrees(part: str) -> float:
    nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", part)]
    value = sum(n / 60**k for k, n in enumerate(nums[:3]))
    return -value if re.search(r"[SW]|^\s*-", part) else value


def coordinates(text: str) -> list[tuple[int, int, float, float]]:
    """Geographic coordinates written in a text, as (start, end, latitude, longitude)
    character offsets and degrees: "33°47′N 44°30′E", "33.783°N 44.500°E", "33.783; 44.500"."""
    out = []
    for m in COORDINATES.finditer(text):
        lat_text, lon_text = re.split(r"(?<=[NS])[\s,]+|;\s?", m.group(0), maxsplit=1)
        lat, lon = _degrees(lat_text), _degrees(lon_text)
        if abs(lat) <= 90 and abs(lon) <= 180:
            out.append((m.start(), m.end(), round(lat, 6), round(lon, 6)))
    return out
