"""Name keys that make transliteration variants meet.

Two keys per name, with the word lists in ``data/actors/names.yaml``:

* :func:`name_key` — lower case, accents and apostrophes removed, Arabic articles
  (al-, el-, ad-, as-, ash- …) and honorifics (Hajj, Sheikh, Dr. …) dropped, kinship words
  spelled one way (ibn → bin), "Abd" compounds split (Abdul-Ghani, Abdulghani → abd ghani).
  "Hajj Al-Amiri" → "amiri"; "Mustafa Al-Kazemi" → "mustafa kazemi".
* :func:`skeleton_key` — a consonant skeleton per word on top of that, which merges the usual
  spellings of Arabic sounds: Kadhimi/Kazemi/Kazimi/Kathimi → "kDm:i",
  Muhammad/Mohammed/Mohamed → "mhmD", Fayyadh/Fayadh/Fayyad → "fD", Amiri/Ameri → "amr:i".
  A word's final vowel is kept as a class (``:i`` or ``:a``) because it tells names apart:
  al-Asadi ("of Asad") is not al-Assad, Aqaba is not AQAP.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..datafiles import cached, load_yaml, package_file
from ..errors import DataFileError

_APOSTROPHES = re.compile(r"[’‘`´ʼʻ'ʿʾ]")
_NON_WORD = re.compile(r"[^\w\s]|_")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|an|ar|at|az|adh|ath)-(?=\w)", re.IGNORECASE)
_DIGRAPHS = (("kh", "x"), ("gh", "g"), ("sh", "S"), ("ch", "S"), ("dh", "D"), ("th", "D"),
             ("ph", "f"), ("ck", "k"), ("dz", "D"))  # fmt: skip
_SINGLE = str.maketrans({"z": "D", "d": "D", "q": "k", "c": "k", "v": "w", "p": "b"})
_VOWELS = frozenset("aeiouy")


@dataclass(frozen=True)
class NameRules:
    articles: frozenset[str]
    honorifics: frozenset[str]
    kinship: dict[str, str]
    abd_prefixes: tuple[str, ...]
    abd_keep: dict[str, str]
    fuzzy: dict[str, Any]


def _words_list(raw: dict[str, Any], key: str, path: object) -> frozenset[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(path, "must be a list of words", None, key)
    return frozenset(v.lower() for v in value)


def _mapping(raw: dict[str, Any], key: str, path: object) -> dict[str, str]:
    value = raw.get(key)
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise DataFileError(path, "must be a mapping of word: spelling", None, key)
    return {str(k).lower(): v.lower() for k, v in value.items()}


def _build_rules() -> NameRules:
    path = package_file("actors", "names.yaml")
    raw = load_yaml(path)
    if not isinstance(raw, dict):
        raise DataFileError(path, "names.yaml must be a mapping")
    fuzzy = raw.get("fuzzy") or {}
    if fuzzy.get("scorer") not in ("ratio", "token_sort_ratio"):
        raise DataFileError(
            path,
            f"{fuzzy.get('scorer')!r} is not one of ratio, token_sort_ratio",
            "fuzzy",
            "scorer",
        )
    for k in ("cutoff", "min_words", "min_chars", "margin"):
        if not isinstance(fuzzy.get(k), int | float):
            raise DataFileError(path, "must be a number", "fuzzy", k)
    return NameRules(
        articles=_words_list(raw, "articles", path),
        honorifics=_words_list(raw, "honorifics", path),
        kinship=_mapping(raw, "kinship", path),
        abd_prefixes=tuple(sorted(_words_list(raw, "abd_prefixes", path), key=len, reverse=True)),
        abd_keep=_mapping(raw, "abd_keep", path),
        fuzzy=dict(fuzzy),
    )


_RULES: NameRules | None = None


def rules() -> NameRules:
    """The name rules of ``data/actors/names.yaml`` (loaded once, cached by digest)."""
    global _RULES
    if _RULES is None:
        _RULES = cached("name-rules", [package_file("actors", "names.yaml")], _build_rules)
    return _RULES


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Lower-case words with accents and apostrophes removed and hyphens split."""
    text = strip_accents(text)
    text = _APOSTROPHES.sub("", text)
    out: list[str] = []
    for raw in text.split():
        raw = _ARTICLE_PREFIX.sub("", raw)
        for w in _NON_WORD.sub(" ", raw.lower()).split():
            out.append(w)
    return out


def _split_abd(w: str, r: NameRules) -> list[str]:
    if w in r.abd_keep:
        return [r.abd_keep[w]]
    for p in r.abd_prefixes:
        if w.startswith(p):
            rest = w[len(p) :]
            if rest == "":
                return ["abd"]
            if len(rest) >= 3:
                return ["abd", rest]
    return [w]


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """Case-, accent-, article- and honorific-insensitive key of a name."""
    r = rules()
    ws: list[str] = []
    for w in words(text):
        ws.extend(_split_abd(w, r) if w.startswith("abd") else [w])
    out = []
    for i, w in enumerate(ws):
        if w in r.honorifics and len(ws) > 1:
            continue
        if w in r.articles and i + 1 < len(ws):
            continue
        out.append(r.kinship.get(w, w))
    return " ".join(out)


def _final_class(word: str) -> str:
    if word.endswith(("i", "y", "ee", "ie")):
        return ":i"
    if word[-1:] in "aou" or word.endswith("ah"):  # Fatima/Fatimah, Juma/Jumah
        return ":a"
    return ""  # consonants, and "-eh"/"-ih" (Saleh/Salih, Faleh/Falih)


def _skeleton_word(word: str) -> str:
    if word.isdigit() or word in ("bin", "bint", "abu", "umm", "abd"):
        return word
    w = word
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    w = w.translate(_SINGLE)
    out: list[str] = []
    for i, ch in enumerate(w):
        if i == 0:
            out.append("a" if ch in _VOWELS and ch != "y" else ch)
            continue
        if ch in _VOWELS:
            continue
        if ch == "h":
            prev = w[i - 1]
            nxt = w[i + 1] if i + 1 < len(w) else ""
            if not (prev in _VOWELS and nxt in _VOWELS):
                continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out) + (_final_class(word) if len(word) > 2 else "")


@lru_cache(maxsize=200_000)
def skeleton_key(text: str) -> str:
    """Consonant skeleton of :func:`name_key`; merges transliteration variants."""
    return " ".join(_skeleton_word(w) for w in name_key(text).split() if w not in ("bin", "bint"))


def skeleton_size(skel: str) -> int:
    """How many consonants a skeleton holds (its strength as evidence of a match)."""
    return sum(1 for c in skel if c not in " :" and c != "a")
