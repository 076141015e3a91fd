"""Readers for dictionaries written in the PETRARCH / TABARI text format.

The readers turn the text files into plain dataclasses shaped like mizan's own YAML data
(docs/data-files.md); ``scripts/convert_cameo.py`` writes those out. They never raise on a
line they do not understand: such lines are skipped and described, with their line number,
in the ``warnings`` list of the result.

Format summary (what the readers accept):

Verb dictionaries (``read_verbs``)
    ``&NAME`` starts a synonym set whose members follow as ``+WORD`` lines.
    ``---  NAME  [code]  ---`` starts a verb block; the code may be ``[---]`` (none),
    ``[042:043]`` (code and reverse code) or ``[:020]`` (reverse only).
    Inside a block, a bare word (``MEET {MEETS MET MEETING} [036]``) or a ``+`` multi-word
    form (``+MEET_WITH {+MET_WITH}``) is a verb lemma with optional irregular forms and an
    optional own code; ``- PRE * POST [code] # VERB`` lines are patterns. In patterns
    ``$`` marks the source, ``+`` the target, ``%`` a compound actor and ``^`` a skipped
    noun phrase; ``( … )`` and ``{ … }`` group words and are flattened; ``&NAME`` refers to
    a synonym set; ``A/B`` offers alternative words. ``~`` lines are transformations
    (kept as raw text, not interpreted). ``#`` (and the older ``;``) starts a comment.

Actor dictionaries (``read_actors``)
    An entry starts with a name at the start of a line; ``+NAME`` lines add alternative
    names; codes in brackets follow on the same line or on indented lines:
    ``[IRQGOV]``, ``[IRQGOV 060520-140908]``, ``[IRQGOV >20140908]``, ``[IRQGOV <031001]``.
    Six-digit dates are YYMMDD (years up to 30 are 20xx), eight-digit dates YYYYMMDD.

Agent dictionaries (``read_agents``)
    ``!NAME! = A, B, C`` defines a substitution set; ``WORD {PLURALS} [~SECTOR]`` lines
    map a noun to a sector code (``[~GOVBUS]``: primary GOV, secondary BUS; ``[IGO~]``:
    a prefix code). Underscores join the words of a phrase.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import product
from pathlib import Path

__all__ = [
    "ActorCode",
    "ActorDictionary",
    "ActorEntry",
    "AgentDictionary",
    "AgentEntry",
    "Discard",
    "Lemma",
    "Pattern",
    "VerbBlock",
    "VerbDictionary",
    "parse_code",
    "read_actors",
    "read_agents",
    "read_discards",
    "read_verbs",
    "verbs_to_mizan",
]

MAX_ALTERNATIVES = 32  # a pattern with more slash alternatives than this is rejected

# --------------------------------------------------------------------------- helpers


def _read_lines(path: str | Path) -> list[str]:
    data = Path(path).read_bytes()
    return data.decode("utf-8", errors="replace").splitlines()


def _strip_comment(line: str) -> tuple[str, str]:
    """Split ``line`` into its content and the comment after the first ``#``."""
    body, sep, comment = line.partition("#")
    return body.rstrip(), comment.strip() if sep else ""


def _phrase(text: str) -> str:
    """``MEET_WITH_`` → ``meet with``: lower case, underscores and runs of spaces → one space."""
    return " ".join(text.replace("_", " ").split()).lower()


_CODE_PART = re.compile(r"^\d{2,4}[A-Za-z]?$")  # PETRARCH's variants: "174K", "075A"


def parse_code(text: str) -> tuple[str | None, str | None, str | None]:
    """Parse the inside of a ``[...]`` event-code bracket.

    Returns ``(code, reverse, problem)``: ``"---"`` → ``(None, None)``, ``"042:043"`` →
    ``("042", "043")``, ``":020"`` → ``(None, "020")``. ``problem`` is None when the text
    is well formed; otherwise it describes what was wrong (stray characters are dropped
    when the rest is still a valid code, and the problem is reported).
    """
    raw = text.strip()
    # a code may end in one letter, a variant PETRARCH's own tests tell apart ("174K")
    cleaned = re.sub(r"(?<=\d)([A-Za-z])(?=$|:)|[^0-9:\-]", r"\1", raw)
    problem = None
    if cleaned != raw.replace(" ", ""):
        if not any(c.isdigit() for c in cleaned):
            return None, None, f"bad code [{raw}]"
        problem = f"stray characters in code [{raw}]"
    if cleaned.count(":") > 1:
        return None, None, f"bad code [{raw}]"
    left, _, right = cleaned.partition(":")
    parts: list[str | None] = []
    for part in (left, right):
        if part in ("", "---"):
            parts.append(None)
        elif _CODE_PART.match(part):
            parts.append(part)
        else:
            return None, None, f"bad code [{raw}]"
    return parts[0], parts[1], problem


# --------------------------------------------------------------------------- verbs


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


def _defined(name: str, synsets: Mapping[str, object]) -> bool:
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

    for lineno, raw in enumerate(_read_lines(path), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("~"):
            result.transformations.append(stripped)
            continue
        line, comment = _strip_comment(stripped)
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
            member = _phrase(line[1:])
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
        lemma = _phrase(m.group("word").lstrip("+"))
        if not lemma or not re.search(r"[a-z]", lemma):
            warn(f"{where}: cannot parse verb line: {stripped!r}")
            continue
        forms = []
        for f in (m.group("forms") or "").split():
            form = _phrase(f.lstrip("+"))
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
        if not _defined(name, result.synsets):
            warn(f"{path.name}:{lineno}: pattern uses undefined synset &{name}")
    return result


def _lemma_value(lem: Lemma) -> str | dict:
    if not lem.has_code and not lem.forms:
        return lem.lemma
    out: dict = {"lemma": lem.lemma}
    if lem.has_code:
        out["code"] = lem.code
        if lem.reverse is not None:
            out["reverse"] = lem.reverse
    if lem.forms:
        out["forms"] = sorted(lem.forms)
    return out


def _pattern_value(p: Pattern) -> dict:
    out: dict = {}
    if p.before:
        out["before"] = list(p.before)
    if p.after or not p.before:
        out["after"] = list(p.after)
    out["code"] = p.code
    if p.reverse is not None:
        out["reverse"] = p.reverse
    if p.roles:
        out["roles"] = dict(sorted(p.roles.items()))
    return out


def verbs_to_mizan(
    d: VerbDictionary, source: str = "cameo-2.0", notes: list[str] | None = None
) -> dict:
    """The verbs-file structure of docs/data-files.md (``synsets`` and ``blocks``).

    Blocks are sorted by name, lemmas by text, synset members alphabetically; patterns keep
    their order. On the way: duplicate lemmas and patterns are dropped; patterns naming an
    undefined synset are dropped; a pattern without words (``- * [042:043]``) becomes the
    code of the lemma named in its comment when that lemma has none (or is dropped when it
    repeats the lemma's code); blocks without lemmas are dropped. Each such change is
    described in ``notes`` (when given).
    """
    note = notes.append if notes is not None else (lambda _msg: None)
    synsets = {name: sorted(set(members)) for name, members in sorted(d.synsets.items())}
    blocks = []
    dup_lemmas = dup_patterns = 0
    for block in sorted(d.blocks, key=lambda b: (b.verb.casefold(), b.line)):
        lemmas: dict[str, Lemma] = {}
        for lem in block.lemmas:
            if lem.lemma in lemmas:
                dup_lemmas += 1
                continue
            lemmas[lem.lemma] = replace(lem, forms=list(lem.forms))
        patterns: list[dict] = []
        seen: set = set()
        for p in block.patterns:
            undefined = sorted({w for w in p.before + p.after
                                if w.startswith("&") and not _defined(w[1:], synsets)})  # fmt: skip
            if undefined:
                note(f"line {p.line}: pattern dropped: undefined synset {', '.join(undefined)}")
                continue
            if not p.before and not p.after:
                found = lemmas.get(p.origin or "")
                if found is not None and not found.has_code:
                    found.code, found.reverse, found.has_code = p.code, p.reverse, True
                    note(f"line {p.line}: pattern without words became the code of "
                         f"lemma {found.lemma!r} in {block.verb}")  # fmt: skip
                    continue
                if found is not None and (found.code, found.reverse) == (p.code, p.reverse):
                    note(f"line {p.line}: pattern without words dropped: it repeats the "
                         f"code of lemma {found.lemma!r} in {block.verb}")  # fmt: skip
                    continue
                note(f"line {p.line}: pattern without words kept as 'after: []' in {block.verb}")
            if p.key() in seen:
                dup_patterns += 1
                continue
            seen.add(p.key())
            patterns.append(_pattern_value(p))
        if not lemmas:
            note(f"line {block.line}: block {block.verb} dropped: it has no lemmas")
            continue
        value: dict = {"verb": block.verb, "code": block.code}
        if block.reverse is not None:
            value["reverse"] = block.reverse
        value["source"] = source
        value["lemmas"] = [_lemma_value(lemmas[k]) for k in sorted(lemmas)]
        value["patterns"] = patterns
        blocks.append(value)
    if dup_lemmas:
        note(f"{dup_lemmas} repeated lemma lines dropped")
    if dup_patterns:
        note(f"{dup_patterns} repeated patterns dropped")
    return {"synsets": synsets, "blocks": blocks}


# --------------------------------------------------------------------------- actors


@dataclass
class ActorCode:
    """A CAMEO actor code, valid from ``start`` to ``end`` (inclusive; None = open)."""

    code: str | None  # None for [---]: no code in that period
    start: date | None = None
    end: date | None = None


@dataclass
class ActorEntry:
    names: list[str]  # the first is the entry's head name; underscores → spaces, case kept
    codes: list[ActorCode] = field(default_factory=list)
    comment: str | None = None
    line: int = 0


@dataclass
class ActorDictionary:
    entries: list[ActorEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_BRACKET = re.compile(r"\[([^\]]*)\]")
_DATE_SPEC = re.compile(
    r"^(?P<code>[A-Za-z0-9]+|---)"
    r"(?:\s+(?:(?P<from>\d+)\s*-\s*(?P<to>\d+)|(?P<op>[<>])\s*(?P<d>\d+)|(?P<single>\d+)))?$"
)


def _parse_date(text: str) -> date | None:
    """YYMMDD (years 00–30 → 20xx, else 19xx) or YYYYMMDD; None when invalid."""
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    elif len(text) == 8:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _parse_actor_code(spec: str, where: str, warn) -> ActorCode | None:
    m = _DATE_SPEC.match(spec.strip())
    if not m:
        warn(f"{where}: cannot parse actor code [{spec}]")
        return None
    code = None if m.group("code") == "---" else m.group("code").upper()
    out = ActorCode(code)
    texts: list[tuple[str, str]] = []
    if m.group("from"):
        texts = [("start", m.group("from")), ("end", m.group("to"))]
    elif m.group("op"):
        texts = [("start" if m.group("op") == ">" else "end", m.group("d"))]
    elif m.group("single"):
        warn(f"{where}: date without '<' or '>' in [{spec}]; read as a start date")
        texts = [("start", m.group("single"))]
    for attr, text in texts:
        d = _parse_date(text)
        if d is None:
            warn(f"{where}: bad date {text!r} in [{spec}]; left open")
        setattr(out, attr, d)
    return out


def read_actors(path: str | Path) -> ActorDictionary:
    """Read a TABARI/Phoenix actor dictionary (e.g. Phoenix.Countries.actors.txt).

    Consecutive head names without codes of their own share the codes given on the
    indented lines that follow them (each stays a separate entry); ``+`` names belong to
    the entry just above; an indented line with a name and a code adds that name too.
    """
    path = Path(path)
    result = ActorDictionary()
    warn = result.warnings.append
    group: list[ActorEntry] = []  # head entries waiting for (or sharing) the next codes
    group_has_codes = False

    def finish() -> None:
        for e in group:
            if not e.codes:
                warn(f"{path.name}:{e.line}: entry {e.names[0]!r} has no code")

    for lineno, raw in enumerate(_read_lines(path), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        where = f"{path.name}:{lineno}"
        line, comment = _strip_comment(raw)
        specs = _BRACKET.findall(line)
        text = _BRACKET.sub(" ", line).strip()
        if "[" in text or "]" in text:
            warn(f"{where}: unbalanced bracket: {raw.strip()!r}")
            continue
        codes = [c for c in (_parse_actor_code(s, where, warn) for s in specs) if c is not None]
        if text.startswith("+"):
            name = " ".join(text[1:].replace("_", " ").split())
            if not group:
                warn(f"{where}: alternative name before any entry: {raw.strip()!r}")
                continue
            if name and name not in group[-1].names:
                group[-1].names.append(name)
            targets = [group[-1]]
        elif raw[:1] in (" ", "\t") or not text:
            if not group:
                warn(f"{where}: code line before any entry: {raw.strip()!r}")
                continue
            name = " ".join(text.replace("_", " ").split())
            if name and name not in group[-1].names:
                group[-1].names.append(name)
            targets = group
        else:
            name = " ".join(text.replace("_", " ").split())
            entry = ActorEntry(names=[name], comment=comment or None, line=lineno)
            result.entries.append(entry)
            if codes or group_has_codes or not group:
                finish()
                group, group_has_codes = [entry], False
            else:
                group.append(entry)
            targets = [entry]
        if codes:
            for e in targets:
                e.codes.extend(ActorCode(c.code, c.start, c.end) for c in codes)
            group_has_codes = True
    finish()
    return result


# --------------------------------------------------------------------------- agents


@dataclass
class AgentEntry:
    word: str  # lower case, underscores → spaces, substitution sets expanded
    code: str  # the CAMEO agent code without '~', e.g. "COP", "GOVBUS", "IGO"
    plurals: list[str] = field(default_factory=list)
    prefix: bool = False  # True for [CODE~] (a code put before the actor's code)
    line: int = 0

    @property
    def codes(self) -> list[str]:
        """The 3-letter parts of ``code``: ``"GOVBUS"`` → ``["GOV", "BUS"]``."""
        return [self.code[i : i + 3] for i in range(0, len(self.code), 3)]


@dataclass
class AgentDictionary:
    entries: list[AgentEntry] = field(default_factory=list)
    substitutions: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def words(self) -> dict[str, str]:
        """Word (and plural) → CAMEO agent code; the first entry for a word wins."""
        out: dict[str, str] = {}
        for e in self.entries:
            for w in [e.word, *e.plurals]:
                out.setdefault(w, e.code)
        return out


_SUBST_DEF = re.compile(r"^!(?P<name>[A-Za-z0-9_]+)!\s*=\s*(?P<members>.+)$")
_AGENT = re.compile(
    r"^(?P<phrase>[^{}\[\]]+?)\s*(?:\{(?P<plurals>[^{}\[\]]*)\})?\s*"
    r"\[\s*(?P<pre>~?)(?P<code>[A-Za-z]+)(?P<post>~?)\s*\]\s*$"  # "[ ~COP]", "[  NGO~]"
)
_SUBST_USE = re.compile(r"!([A-Za-z0-9_]+)!")


def _expand(text: str, subs: dict[str, list[str]]) -> list[str] | None:
    """All spellings of ``text`` with ``!NAME!`` sets substituted (None: unknown set)."""
    parts = _SUBST_USE.split(text)
    choices: list[list[str]] = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            choices.append([part])
        elif part.upper() in subs:
            choices.append(subs[part.upper()])
        else:
            return None
    return ["".join(c) for c in product(*choices)]


def _expand_stem(word: str, subs: dict[str, list[str]]) -> list[str]:
    """``"environment minist"`` → every member of the set whose members all start with the
    final (stemmed) word; otherwise ``[word]``."""
    head, _, last = word.rpartition(" ")
    for members in subs.values():
        lowered = [m.lower() for m in members]
        if last and all(m.startswith(last) and m != last for m in lowered):
            return [f"{head} {m}".strip() for m in lowered]
    return [word]


def read_agents(path: str | Path) -> AgentDictionary:
    """Read a Phoenix/TABARI agents dictionary (e.g. Phoenix.agents.txt)."""
    path = Path(path)
    result = AgentDictionary()
    warn = result.warnings.append
    for lineno, raw in enumerate(_read_lines(path), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        where = f"{path.name}:{lineno}"
        line, _ = _strip_comment(stripped)
        m = _SUBST_DEF.match(line)
        if m:
            members = [x.strip() for x in m.group("members").split(",") if x.strip()]
            result.substitutions[m.group("name").upper()] = members
            continue
        m = _AGENT.match(line)
        if not m or (m.group("pre") == "~") == (m.group("post") == "~"):
            warn(f"{where}: cannot parse agent line: {stripped!r}")
            continue
        spellings = _expand(m.group("phrase"), result.substitutions)
        if spellings is None:
            warn(f"{where}: unknown substitution set in {stripped!r}")
            continue
        plural_texts = (m.group("plurals") or "").split()
        plurals: list[str] = []
        for p in plural_texts:
            exp = _expand(p, result.substitutions)
            if exp is None:
                warn(f"{where}: unknown substitution set in plural {p!r}")
                continue
            plurals.extend(_phrase(x) for x in exp)
        code = m.group("code").upper()
        if len(code) % 3:
            warn(f"{where}: agent code {code!r} is not a sequence of 3-letter codes")
            continue
        for spelling in spellings:
            for word in _expand_stem(_phrase(spelling), result.substitutions):
                if not word:
                    continue
                result.entries.append(AgentEntry(
                    word=word, code=code, plurals=[p for p in plurals if p != word],
                    prefix=m.group("post") == "~", line=lineno,
                ))  # fmt: skip
    return result


# --------------------------------------------------------------------------- discards


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
    for lineno, raw in enumerate(_read_lines(path), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        line, _ = _strip_comment(stripped)
        story = line.startswith("+")
        phrase = _phrase(line[1:] if story else line)
        if not phrase or any(c in phrase for c in "[]{}"):
            warnings.append(f"{path.name}:{lineno}: cannot parse discard: {stripped!r}")
            continue
        out.append(Discard(phrase=phrase, story=story, line=lineno))
    return out, warnings
