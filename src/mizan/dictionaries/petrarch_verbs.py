"""The PETRARCH/TABARI verb dictionary reader (``read_verbs``) and the discards list reader
(``read_discards``). The format is summarised in ``petrarch.py``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

from .petrarch_text import as_phrase, parse_code, read_lines, strip_comment

MAX_ALTERNATIVES = 32  # a pattern with more slash alternatives than this is rejected


@dataclass
class Pattern:
    """One pattern of a verb block: words before and after the verb and its code."""

    before: list[str]
    after: list[str]
    code: str | None
    reverse: str | None = None
    roles: dict[str, str] = field(default_factory=dict)  # source/target/compound → before/after
    origin: str | None = None  # the verb named in the pattern's comment, lower case
    line: int = 0

    def key(self) -> tuple:
        return (
            tuple(self.before),
            tuple(self.after),
            self.code,
            self.reverse,
            tuple(sorted(self.roles.items())),
        )


@dataclass
class Lemma:
    """A verb of a block, with its irregular forms and an optional own code."""

    lemma: str
    code: str | None = None
    reverse: str | None = None
    has_code: bool = False  # True when the line carried its own [code] (which may be [---])
    forms: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class VerbBlock:
    verb: str
    code: str | None
    reverse: str | None = None
    lemmas: list[Lemma] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)
    line: int = 0


@dataclass
class VerbDictionary:
    synsets: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)
    transformations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def n_lemmas(self) -> int:
        return sum(len(b.lemmas) for b in self.blocks)

    @property
    def n_patterns(self) -> int:
        return sum(len(b.patterns) for b in self.blocks)

    def block(self, verb: str) -> VerbBlock | None:
        for b in self.blocks:
            if b.verb.lower() == verb.lower():
                return b
        return None

    def blocks_with_lemma(self, lemma: str) -> list[VerbBlock]:
        return [b for b in self.blocks if any(lem.lemma == lemma for lem in b.lemmas)]

    def irregular_forms(self) -> dict[str, str]:
        """Irregular form → lemma (``"met with"`` → ``"meet with"``); the first one wins."""
        out: dict[str, str] = {}
        for b in self.blocks:
            for lem in b.lemmas:
                for form in lem.forms:
                    out.setdefault(form, lem.lemma)
        return out


_HEADER = re.compile(r"^---\s*(?P<name>[^\s\[]+)\s*(?:\[(?P<code>[^\]]*)\])?\s*(?:-{3}\s*)*$")
_SYNSET = re.compile(r"^&(?P<name>[A-Za-z0-9_]+)\s*$")
_LEMMA = re.compile(
    r"^(?P<word>\+?[^\s{}\[\]()]+)\s*(?:\{(?P<forms>[^{}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?\s*$"
)
_PATTERN = re.compile(r"^-\s*(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]\s*$")
_TOKEN = re.compile(r"&[A-Za-z0-9_]+|[(){}*$%^]|[^\s(){}*$%^]+")
_MARKERS = {"$": "source", "+": "target", "%": "compound"}
_CLOSE = {")": "(", "}": "{"}


def defined_synset(name: str, synsets: Mapping[str, object]) -> bool:
    """``name`` is a synset, or a synset glued to words ("tietypes_memos": the synset
    TIETYPES followed directly by MEMOS)."""
    parts = name.split("_")
    return any("_".join(parts[:k]) in synsets for k in range(len(parts), 0, -1))


def _synset_ref(name: str) -> str:
    return "&" + name.lower().rstrip("_")


def _parse_pattern_body(body: str) -> tuple[list[Pattern], str | None]:
    """Turn ``PRE * POST`` into patterns (several when ``A/B`` alternatives occur)."""
    tokens = _TOKEN.findall(body)
    stack: list[str] = []
    side = "before"
    slots: dict[str, list[list[str]]] = {"before": [], "after": []}
    roles: dict[str, str] = {}
    stars = 0
    for tok in tokens:
        if tok in ("(", "{"):
            stack.append(tok)
        elif tok in (")", "}"):
            if not stack or stack[-1] != _CLOSE[tok]:
                return [], f"unbalanced '{tok}'"
            stack.pop()
        elif tok == "*":
            stars += 1
            if stack:
                return [], "'*' inside brackets"
            side = "after"
        elif tok in _MARKERS:
            roles.setdefault(_MARKERS[tok], side)
        elif tok == "^":
            continue
        elif tok.startswith("&"):
            slots[side].append([_synset_ref(tok[1:])])
        else:
            if "+" in tok or "$" in tok:
                return [], f"marker glued to word {tok!r}"
            pieces = [piece for piece in tok.split("_") if piece]
            if len(pieces) > 1 and not any("/" in piece for piece in pieces):
                # "DEATH_TOTAL": connected words must be adjacent; kept joined, and mizan's
                # loader reads the underscore as "next word"
                slots[side].append(["_".join(pieces).lower()])
                continue
            for piece in pieces:
                if "/" in piece and piece.strip("/"):
                    alts = [a.lower() for a in piece.split("/") if a]
                    slots[side].append(alts)
                else:
                    slots[side].append([piece.lower()])
    if stack:
        return [], f"unclosed '{stack[-1]}'"
    if stars != 1:
        return [], f"{stars} '*' (need exactly one)"
    n = 1
    for slot in slots["before"] + slots["after"]:
        n *= len(slot)
    if n > MAX_ALTERNATIVES:
        return [], f"too many alternatives ({n})"
    nb = len(slots["before"])
    out = []
    for combo in product(*(slots["before"] + slots["after"])):
        out.append(Pattern(before=list(combo[:nb]), after=list(combo[nb:]), code=None,
                           roles=dict(roles)))  # fmt: skip
    return out, None


def read_verbs(path: str | Path) -> VerbDictionary:
    """Read a PETRARCH verb dictionary (e.g. CAMEO.2.0.txt)."""
    path = Path(path)
    result = VerbDictionary()
    warn = result.warnings.append
    current_synset: str | None = None
    block: VerbBlock | None = None
    first_use: dict[str, int] = {}

    for lineno, raw in enumerate(read_lines(path), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("~"):
            result.transformations.append(stripped)
            continue
        line, comment = strip_comment(stripped)
        line = line.partition(";")[0].rstrip()  # ';' is TABARI's older comment mark
        if not line:
            continue
        where = f"{path.name}:{lineno}"

        if line.startswith("---"):
            m = _HEADER.match(line)
            if not m:
                warn(f"{where}: cannot parse block header: {stripped!r}")
                block = None
                continue
            code = reverse = None
            if m.group("code") is None:
                warn(f"{where}: block header without [code]: {stripped!r}")
            else:
                code, reverse, problem = parse_code(m.group("code"))
                if problem:
                    warn(f"{where}: {problem}: {stripped!r}")
            block = VerbBlock(verb=m.group("name"), code=code, reverse=reverse, line=lineno)
            result.blocks.append(block)
            current_synset = None
            continue

        if line.startswith("&"):
            m = _SYNSET.match(line)
            if not m:
                warn(f"{where}: cannot parse synset header: {stripped!r}")
                current_synset = None
                continue
            current_synset = m.group("name").lower().rstrip("_")
            if current_synset in result.synsets:
                warn(f"{where}: synset &{current_synset} defined again; members merged")
            result.synsets.setdefault(current_synset, [])
            block = None
            continue

        if line.startswith("+") and current_synset is not None and block is None:
            member = as_phrase(line[1:])
            if not member or any(c in member for c in "[]{}()"):
                warn(f"{where}: cannot parse synset member: {stripped!r}")
            elif member not in result.synsets[current_synset]:
                result.synsets[current_synset].append(member)
            continue

        if line.startswith("-"):
            if block is None:
                warn(f"{where}: pattern outside a verb block: {stripped!r}")
                continue
            m = _PATTERN.match(line)
            if not m:
                warn(f"{where}: pattern without [code]: {stripped!r}")
                continue
            code, reverse, problem = parse_code(m.group("code"))
            if problem and problem.startswith("bad code"):
                warn(f"{where}: {problem}: {stripped!r}")
                continue
            if problem:
                warn(f"{where}: {problem} (kept {code or '---'}"
                     f"{':' + reverse if reverse else ''}): {stripped!r}")  # fmt: skip
            patterns, why = _parse_pattern_body(m.group("body"))
            if why:
                warn(f"{where}: cannot parse pattern ({why}): {stripped!r}")
                continue
            origin = comment.split()[0].lower() if comment.split() else None
            for p in patterns:
                p.code, p.reverse, p.origin, p.line = code, reverse, origin, lineno
                for w in p.before + p.after:
                    if w.startswith("&"):
                        first_use.setdefault(w[1:], lineno)
            block.patterns.extend(patterns)
            continue

        # anything else inside a block is a verb lemma line
        if block is None:
            warn(f"{where}: line outside a verb block or synset: {stripped!r}")
            continue
        m = _LEMMA.match(line)
        if not m:
            warn(f"{where}: cannot parse verb line: {stripped!r}")
            continue
        lemma = as_phrase(m.group("word").lstrip("+"))
        if not lemma or not re.search(r"[a-z]", lemma):
            warn(f"{where}: cannot parse verb line: {stripped!r}")
            continue
        forms = []
        for f in (m.group("forms") or "").split():
            form = as_phrase(f.lstrip("+"))
            if form and form != lemma and form not in forms:
                forms.append(form)
        entry = Lemma(lemma=lemma, forms=forms, line=lineno)
        if m.group("code") is not None:
            code, reverse, problem = parse_code(m.group("code"))
            if problem and problem.startswith("bad code"):
                warn(f"{where}: {problem}: {stripped!r}")
                continue
            if problem:
                warn(f"{where}: {problem}: {stripped!r}")
            entry.code, entry.reverse, entry.has_code = code, reverse, True
        block.lemmas.append(entry)

    for name, lineno in sorted(first_use.items(), key=lambda kv: kv[1]):
        if not defined_synset(name, result.synsets):
            warn(f"{path.name}:{lineno}: pattern uses undefined synset &{name}")
    return result


@dataclass
class Discard:
    phrase: str  # lower case
    story: bool  # True: '+' entries, which discard the whole story
    line: int = 0


def read_discards(path: str | Path) -> tuple[list[Discard], list[str]]:
    """Read a Phoenix discards list: one phrase a line, ``+`` for story-level discards."""
    path = Path(path)
    out: list[Discard] = []
    warnings: list[str] = []
    for lineno, raw in enumerate(read_lines(path), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        line, _ = strip_comment(stripped)
        story = line.startswith("+")
        phrase = as_phrase(line[1:] if story else line)
        if not phrase or any(c in phrase for c in "[]{}"):
            warnings.append(f"{path.name}:{lineno}: cannot parse discard: {stripped!r}")
            continue
        out.append(Discard(phrase=phrase, story=story, line=lineno))
    return out, warnings
