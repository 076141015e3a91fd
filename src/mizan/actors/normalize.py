"""Name keys that make transliteration variants meet.

Two keys per name:

* :func:`name_key` — lower case, accents and apostrophes removed, Arabic articles
  (al-, el-, ad-, as-, ash- …), honorifics (Hajj, Sheikh, Dr. …) dropped, ibn → bin.
  "Hajj Al-Amiri" → "amiri"; "Mustafa Al-Kazemi" → "mustafa kazemi".
* :func:`skeleton_key` — a consonant skeleton per word on top of that, which merges the usual
  spellings of Arabic sounds: Kadhimi/Kazemi/Kazimi/Kathimi → "kDm",
  Muhammad/Mohammed/Mohamed → "mhmD", Fayyadh/Fayadh/Fayyad → "fyD", Amiri/Ameri → "amr".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ARTICLES = frozenset(
    [
        "al",
        "el",
        "ad",
        "ed",
        "as",
        "es",
        "ash",
        "esh",
        "an",
        "en",
        "ar",
        "er",
        "at",
        "et",
        "az",
        "ez",
        "ath",
        "adh",
        "ul",
        "il",
    ]
)
HONORIFICS = frozenset(
    [
        "hajj",
        "haj",
        "haji",
        "hajji",
        "sheikh",
        "shaikh",
        "sheik",
        "shaykh",
        "dr",
        "doctor",
        "sayyid",
        "sayed",
        "sayyed",
        "seyed",
        "mr",
        "mrs",
        "ms",
        "mme",
        "m",
        "sir",
        "his",
        "her",
        "excellency",
    ]
)
KINSHIP = {
    "ibn": "bin",
    "bin": "bin",
    "ben": "bin",
    "bint": "bint",
    "abu": "abu",
    "abou": "abu",
    "abo": "abu",
}
_APOSTROPHES = re.compile(r"[’‘`´ʼʻ'ʿʾ]")
_NON_WORD = re.compile(r"[^\w\s]|_")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|an|ar|at|az|adh|ath)-(?=\w)", re.IGNORECASE)
_DIGRAPHS = (("kh", "x"), ("gh", "g"), ("sh", "S"), ("ch", "S"), ("dh", "D"), ("th", "D"),
             ("ph", "f"), ("ck", "k"), ("dz", "D"))  # fmt: skip
_SINGLE = str.maketrans({"z": "D", "d": "D", "q": "k", "c": "k", "v": "w", "p": "b"})
_VOWELS = frozenset("aeiouy")


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


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """Case-, accent-, article- and honorific-insensitive key of a name."""
    out = []
    ws = words(text)
    for i, w in enumerate(ws):
        if w in HONORIFICS and len(ws) > 1:
            continue
        if w in ARTICLES and i + 1 < len(ws):
            continue
        out.append(KINSHIP.get(w, w))
    return " ".join(out)


def _skeleton_word(word: str) -> str:
    if word.isdigit() or word in ("bin", "bint", "abu"):
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
    return "".join(out)


@lru_cache(maxsize=200_000)
def skeleton_key(text: str) -> str:
    """Consonant skeleton of :func:`name_key`; merges transliteration variants."""
    return " ".join(_skeleton_word(w) for w in name_key(text).split() if w not in ("bin", "bint"))
