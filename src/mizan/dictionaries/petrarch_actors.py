"""The PETRARCH/TABARI actor and agent dictionary readers (``read_actors``, ``read_agents``).
The format is summarised in ``petrarch.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from itertools import product
from pathlib import Path

from .petrarch_text import as_phrase, read_lines, strip_comment


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

    for lineno, raw in enumerate(read_lines(path), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        where = f"{path.name}:{lineno}"
        line, comment = strip_comment(raw)
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
    for lineno, raw in enumerate(read_lines(path), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        where = f"{path.name}:{lineno}"
        line, _ = strip_comment(stripped)
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
            plurals.extend(as_phrase(x) for x in exp)
        code = m.group("code").upper()
        if len(code) % 3:
            warn(f"{where}: agent code {code!r} is not a sequence of 3-letter codes")
            continue
        for spelling in spellings:
            for word in _expand_stem(as_phrase(spelling), result.substitutions):
                if not word:
                    continue
                result.entries.append(AgentEntry(
                    word=word, code=code, plurals=[p for p in plurals if p != word],
                    prefix=m.group("post") == "~", line=lineno,
                ))  # fmt: skip
    return result
