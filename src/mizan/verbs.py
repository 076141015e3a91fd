"""Verb patterns: which words, around which verb, make which CAMEO event.

Loaded from ``data/verbs/cameo.yaml`` (converted from the CAMEO 2.0 dictionary), then
``data/verbs/mizan.yaml`` (mizan's own additions and fixes, which win), then any files
the user gives (mizan YAML, or PETRARCH/TABARI verb dictionaries). Nominal triggers and
light verbs come from ``data/verbs/nouns.yaml``; the cue words for modality from
``data/verbs/modality.yaml``. Format: docs/data-files.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .datafiles import cached, load_yaml, package_file
from .errors import DataFileError

Word = frozenset[str]  # one pattern slot: any of these lower-case words or lemmas


@dataclass(frozen=True)
class Pattern:
    after: tuple[Word, ...]
    before: tuple[Word, ...]
    code: str | None
    reverse: str | None
    block: str
    source: str
    only: frozenset[str] = frozenset()  # the lemmas it applies to (empty: every lemma)
    after_glue: frozenset[int] = frozenset()  # slots that must follow the previous slot
    before_glue: frozenset[int] = frozenset()  # directly ("DEATH_TOTAL", not "death ... total")

    @property
    def specificity(self) -> int:
        return len(self.after) + len(self.before)


PETRARCH_SOURCE = "petrarch:"  # the source of blocks read from a PETRARCH/TABARI file


@dataclass
class VerbEntry:
    lemma: str
    code: str | None
    reverse: str | None
    block: str
    source: str
    patterns: list[Pattern] = field(default_factory=list)
    by_sector: dict[str, str] = field(default_factory=dict)  # actor sector → code
    forms: set[str] = field(default_factory=set)  # irregular forms a dictionary lists
    # patterns by the words one of which each needs (see ``_anchors``), built on first use
    _anchor_index: _Anchors | None = field(default=None, repr=False, compare=False)

    @property
    def surface(self) -> bool:
        """A verb of a PETRARCH/TABARI dictionary: those list inflected forms as verbs of
        their own ("LEFT", "SAID") and match them on the word as written."""
        return self.source.startswith(PETRARCH_SOURCE)

    def written(self, word: str) -> bool:
        """``word`` is this verb as PETRARCH would see it: the verb, a regular inflection
        or a listed form ("departs" is "depart"; the misspelt "departes" is not)."""
        return word == self.lemma or word in self.forms or word in regular_forms(self.lemma)


def regular_forms(lemma: str) -> set[str]:
    """The regular inflections of an English verb: -s/-es, -ed/-d, -ing, y → -ies/-ied,
    a silent e dropped before -ing, a final consonant doubled."""
    sibilant = lemma.endswith(("s", "x", "z", "ch", "sh", "o"))
    out = {lemma + ("es" if sibilant else "s"), lemma + "ing"}
    if lemma.endswith("e"):
        out |= {lemma + "d", lemma[:-1] + "ing"}
    else:
        out.add(lemma + "ed")
    if lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "o", "u"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


@dataclass(frozen=True)
class _Anchors:
    """Where each pattern of an entry can match: under every key of its most selective
    slot, so only patterns with such a word around the verb are tried. Always: patterns
    without words. Built for one state of ``patterns`` (its identity and length)."""

    patterns: list[Pattern]
    size: int
    by_word: dict[str, tuple[int, ...]]
    always: tuple[int, ...]
    words: frozenset[str]  # the keys of by_word


def _anchors(entry: VerbEntry) -> _Anchors:
    idx = entry._anchor_index
    if idx is not None and idx.patterns is entry.patterns and idx.size == len(entry.patterns):
        return idx
    by_word: dict[str, list[int]] = defaultdict(list)
    always: list[int] = []
    for n, p in enumerate(entry.patterns):
        slots = p.after + p.before
        if not slots:
            always.append(n)
            continue
        for w in min((_keys(s) for s in slots), key=len):
            by_word[w].append(n)
    idx = _Anchors(entry.patterns, len(entry.patterns),
                   {w: tuple(ns) for w, ns in by_word.items()}, tuple(always),
                   frozenset(by_word))  # fmt: skip
    entry._anchor_index = idx
    return idx


def could_match(entry: VerbEntry, words: frozenset[str]) -> bool:
    """May any pattern of ``entry`` match in a sentence of these words (lower-case forms
    and lemmas)? When not, the words around the verb need not be gathered at all."""
    idx = _anchors(entry)
    return bool(idx.always) or not words.isdisjoint(idx.words)


@dataclass(frozen=True)
class NounTrigger:
    lemma: str
    code: str
    reverse: str | None = None
    plural_only: bool = False
    needs_argument: bool = True
    compounds: tuple[tuple[str, str], ...] = ()  # modifier → code: "hunger strike" → 142


@dataclass
class VerbDictionary:
    verbs: dict[str, VerbEntry] = field(default_factory=dict)
    nouns: dict[str, NounTrigger] = field(default_factory=dict)
    instruments: dict[str, NounTrigger] = field(default_factory=dict)  # "killed by a car bomb"
    light_verbs: frozenset[str] = frozenset()
    motion_verbs: frozenset[str] = frozenset()
    shell_nouns: frozenset[str] = frozenset()
    responsibility_nouns: frozenset[str] = frozenset()
    partitive_nouns: frozenset[str] = frozenset()
    stance_nouns: frozenset[str] = frozenset()  # "in defiance of X": X is the one opposed
    host_nouns: frozenset[str] = frozenset()  # "sought refuge in X": X is the one asked
    dispatch_verbs: frozenset[str] = frozenset()  # "sent a team to investigate": the inquiry
    stative_participles: frozenset[str] = frozenset()  # "were engaged in": the subject acts
    self_passives: frozenset[str] = frozenset()  # "were demobilised": the subject acts
    discards: tuple[tuple[str, ...], ...] = ()  # its clause (and those below) is not coded
    story_discards: tuple[tuple[str, ...], ...] = ()  # a sentence holding one is not coded
    idioms: tuple[tuple[str, ...], ...] = ()  # words inside one never trigger an event
    cues: dict[str, frozenset[str]] = field(default_factory=dict)

    def entry(self, lemma: str) -> VerbEntry | None:
        return self.verbs.get(lemma)

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())


@dataclass(frozen=True)
class Match:
    code: str | None
    reverse: str | None
    pattern: Pattern | None
    specificity: int


def _words_match(slot: Word, tok_forms: tuple[str, str]) -> bool:
    return tok_forms[0] in slot or tok_forms[1] in slot


@cache  # one entry per distinct slot of the dictionary
def _phrases(slot: Word) -> dict[str, tuple[tuple[str, ...], ...]]:
    """A slot's members of several words ("golden goblin galleons"), by their first word."""
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for m in slot:
        if " " in m:
            first, *rest = m.split()
            out[first].append(tuple(rest))
    return {k: tuple(v) for k, v in out.items()}


@cache  # one entry per distinct slot of the dictionary
def _keys(slot: Word) -> frozenset[str]:
    """The words one of which must be present for ``slot`` to match."""
    return frozenset(m.split()[0] if " " in m else m for m in slot)


def _match_from(slot: Word, forms: Sequence[tuple[str, str]], k: int) -> int:
    """Where ``slot`` matched starting at word ``k`` ends (-1: it does not match there): a
    member of several words must be there whole, word after word."""
    f = forms[k]
    if f[0] in slot or f[1] in slot:
        return k
    phrases = _phrases(slot)
    if not phrases:
        return -1
    for w in {f[0], f[1]}:
        for rest in phrases.get(w, ()):
            end = k + len(rest)
            if end < len(forms) and all(r in forms[k + 1 + i] for i, r in enumerate(rest)):
                return end
    return -1


def _subsequence(
    slots: Sequence[Word], forms: Sequence[tuple[str, str]], glue: frozenset[int] = frozenset()
) -> int:
    """How far into ``forms`` the slots are matched in order (-1: they are not); a slot in
    ``glue`` must match the word right after the previous slot's."""
    if not slots:
        return 0
    if not glue:
        j, k = 0, 0
        while k < len(forms):
            end = _match_from(slots[j], forms, k)
            if end < 0:
                k += 1
                continue
            j += 1
            if j == len(slots):
                return end
            k = end + 1
        return -1

    def find(j: int, start: int) -> int:
        for k in range(start, len(forms)):
            end = _match_from(slots[j], forms, k)
            if end >= 0:
                if j + 1 == len(slots):
                    return end
                found = find(j + 1, end + 1)
                if found >= 0:
                    return found
            if j in glue:
                break  # a connected word may not wait
        return -1

    return find(0, 0)


def match_verb(
    entry: VerbEntry, before: Sequence[tuple[str, str]], after: Sequence[tuple[str, str]]
) -> Match:
    """The most specific pattern of ``entry`` whose words occur around the verb; between
    equally specific ones, the one whose words lie nearest the verb ("stopped work on the
    first day of a strike" is a strike by "work", not an end to a strike)."""
    best: Pattern | None = None
    best_key = (0, 0)
    n_before = len(before)
    present = {w for f in after for w in f} | {w for f in before for w in f}
    idx = _anchors(entry)
    tried = set(idx.always)
    for w in present:
        tried.update(idx.by_word.get(w, ()))
    patterns = entry.patterns
    for n in sorted(tried):  # in dictionary order: the first of equals wins
        p = patterns[n]
        if best is not None and p.specificity < best.specificity:
            continue
        if any(present.isdisjoint(_keys(slot)) for slot in p.after) or any(
            present.isdisjoint(_keys(slot)) for slot in p.before
        ):
            continue  # a word it needs is not there at all
        a = _subsequence(p.after, after, p.after_glue)
        if a < 0:
            continue
        b = _subsequence(p.before, before, p.before_glue)
        if b < 0:
            continue
        reach = a + (n_before - b if p.before else 0)
        key = (p.specificity, -reach)
        if best is None or key > best_key:
            best, best_key = p, key
    if best is None:
        return Match(entry.code, entry.reverse, None, 0)
    return Match(best.code, best.reverse, best, best.specificity)


# -- loading --------------------------------------------------------------------------
def _code(value: Any, path: Path, entry: str, fld: str) -> str | None:
    if value is None or value == "---" or value == "":
        return None
    if isinstance(value, int):
        raise DataFileError(
            path, f"CAMEO code {value!r} must be a quoted string (leading zeros)", entry, fld
        )
    text = str(value).strip()
    digits = text[:-1] if text[-1:].isalpha() else text  # PETRARCH's variants: "174K"
    if not digits.isdigit() or not 2 <= len(digits) <= 4 or not text.isascii():
        raise DataFileError(path, f"bad CAMEO code {value!r}", entry, fld)
    return text


def _glued_slots(
    words: Any, synsets: dict[str, frozenset[str]], path: Path, entry: str, fld: str
) -> tuple[tuple[Word, ...], frozenset[int]]:
    """The slots of a pattern side, and those joined to the previous one by an underscore
    ("death_total": "total" must come right after "death")."""
    if words is None:
        return (), frozenset()
    if not isinstance(words, list):
        raise DataFileError(path, "must be a list of words", entry, fld)
    out: list[Word] = []
    glue: set[int] = set()
    for w in words:
        if not isinstance(w, (str, int)) or isinstance(w, bool):
            raise DataFileError(path, f"{w!r} must be a quoted word (YAML reads on/off/yes/no "
                                "as booleans)", entry, fld)  # fmt: skip
        w = str(w).strip().lower()
        if w.startswith("&") and (w[1:] in synsets or "_" not in w):
            members = synsets.get(w[1:])
            if members is None:
                raise DataFileError(path, f"unknown synset {w!r}", entry, fld)
            out.append(members)
        else:
            for chunk in w.split():
                parts = [p for p in chunk.split("_") if p]
                first = len(out)
                i = 0
                while i < len(parts):
                    part = parts[i]
                    if part.startswith("&"):  # "fighter_&aircraft"; "new_&tie_types"
                        rest = "_".join(parts[i:])[1:]
                        name = rest if rest in synsets else part[1:]
                        members = synsets.get(name)
                        if members is None:
                            raise DataFileError(path, f"unknown synset '&{name}'", entry, fld)
                        out.append(members)
                        i += len(name.split("_"))
                    else:
                        out.append(frozenset({part}))
                        i += 1
                glue.update(range(first + 1, len(out)))
    return tuple(out), frozenset(glue)


def _synsets(raw: Any, path: Path) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    if raw is None:
        return out
    if not isinstance(raw, dict):
        raise DataFileError(path, "'synsets' must be a mapping of name → words")
    for name, members in raw.items():
        words: set[str] = set()
        for m in members or ():
            m = str(m).lower().strip().strip("_").replace("_", " ")
            if m and not m.startswith("&"):
                words.add(" ".join(m.split()))  # several words: the whole phrase
        out[str(name).lower().lstrip("&")] = frozenset(words)
    return out


def merge_verb_file(d: VerbDictionary, path: Path, data: Any) -> None:
    """Add the blocks of one parsed verbs file to ``d``; later files win for a lemma's default."""
    if isinstance(data, list):
        data = {"blocks": data}
    if not isinstance(data, dict) or not isinstance(data.get("blocks"), list):
        raise DataFileError(path, "a verbs file holds 'blocks:' (a list) and optional 'synsets:'")
    synsets = _synsets(data.get("synsets"), path)
    for k, v in d.cues.items():
        if k.startswith("synset:") and k[7:] not in synsets:
            synsets[k[7:]] = v
    for k, v in synsets.items():
        d.cues[f"synset:{k}"] = v
    for i, block in enumerate(data["blocks"], start=1):
        if not isinstance(block, dict):
            raise DataFileError(path, "each block must be a mapping", f"#{i}")
        name = str(block.get("verb") or f"#{i}")
        source = str(block.get("source") or path.stem)
        bcode = _code(block.get("code"), path, name, "code")
        brev = _code(block.get("reverse"), path, name, "reverse")
        by_sector: dict[str, str] = {}
        raw_sectors = block.get("by_sector") or {}
        if not isinstance(raw_sectors, dict):
            raise DataFileError(path, "must map sector → code", name, "by_sector")
        for sector, scode in raw_sectors.items():
            c = _code(scode, path, name, f"by_sector.{sector}")
            if c is None or not isinstance(sector, str) or not sector.isupper():
                raise DataFileError(path, "needs an upper-case sector and a code", name,
                                    f"by_sector.{sector}")  # fmt: skip
            by_sector[sector] = c
        lemmas = block.get("lemmas")
        if not isinstance(lemmas, list) or not lemmas:
            raise DataFileError(path, "a block needs a non-empty 'lemmas' list", name, "lemmas")
        patterns = []
        for j, p in enumerate(block.get("patterns") or (), start=1):
            if not isinstance(p, dict) or not ({"after", "before"} & p.keys()) or (
                p.get("only") is not None and not isinstance(p.get("only"), list)
            ):
                raise DataFileError(
                    path, f"pattern #{j} needs 'after' and/or 'before' (and 'only' is a list)",
                    name, "patterns",
                )
            after, after_glue = _glued_slots(p.get("after"), synsets, path, name,
                                             f"patterns[{j}].after")  # fmt: skip
            before, before_glue = _glued_slots(p.get("before"), synsets, path, name,
                                               f"patterns[{j}].before")  # fmt: skip
            patterns.append(Pattern(
                after=after, before=before, after_glue=after_glue, before_glue=before_glue,
                code=_code(p.get("code"), path, name, f"patterns[{j}].code"),
                reverse=_code(p.get("reverse"), path, name, f"patterns[{j}].reverse"),
                block=name, source=source,
                only=frozenset(str(w).lower() for w in p.get("only") or ()),
            ))  # fmt: skip
        for lem in lemmas:
            code, rev = bcode, brev
            forms: list[str] = []
            if isinstance(lem, dict):
                code = _code(lem.get("code", bcode), path, name, "lemmas.code")
                rev = _code(lem.get("reverse", brev), path, name, "lemmas.reverse")
                forms = [str(f).lower() for f in lem.get("forms") or ()]
                lem = lem.get("lemma")
            if not isinstance(lem, str) or not lem.strip():
                raise DataFileError(path, "empty lemma", name, "lemmas")
            parts = lem.lower().replace("_", " ").split()
            head, rest = parts[0], parts[1:]
            entry = d.verbs.get(head)
            if entry is None or (block.get("replace") and not rest and entry.source != source):
                entry = d.verbs[head] = VerbEntry(head, None, None, name, source)
            if rest:  # a phrasal verb is a pattern on its head verb
                particles = tuple(frozenset({w}) for w in rest)
                entry.patterns.append(Pattern(particles, (), code, rev, name, source))
                # ... and in a user's PETRARCH dictionary the block's patterns apply to it
                # too, after its particles ("broke down the treaty": BREAK_DOWN, "* TREATY";
                # mizan's own data codes its phrasal verbs directly)
                if source.startswith(PETRARCH_SOURCE):
                    entry.patterns.extend(
                        Pattern(particles + p.after, p.before, p.code, p.reverse, p.block,
                                p.source, frozenset(),
                                frozenset(i + len(rest) for i in p.after_glue), p.before_glue)
                        for p in patterns if not p.only or lem.lower() in p.only
                    )  # fmt: skip
                continue
            if code is not None or entry.code is None or source != entry.source:
                entry.code, entry.reverse, entry.block, entry.source = code, rev, name, source
            entry.forms.update(forms)
            entry.patterns.extend(p for p in patterns if not p.only or head in p.only)
            if by_sector:
                entry.by_sector = dict(by_sector)


def _noun_list(data: dict[str, Any], key: str, path: Path) -> dict[str, NounTrigger]:
    """The nouns (or instruments) of nouns.yaml: lemma, code, reverse and compound codes."""
    out: dict[str, NounTrigger] = {}
    for i, raw in enumerate(data.get(key) or (), start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("lemma"), str):
            raise DataFileError(path, f"each of {key} needs a 'lemma'", f"#{i}", "lemma")
        code = _code(raw.get("code"), path, raw["lemma"], "code")
        if code is None:
            raise DataFileError(path, f"each of {key} needs a code", raw["lemma"], "code")
        comp = raw.get("compounds") or {}
        if not isinstance(comp, dict):
            raise DataFileError(path, "must map modifier → code", raw["lemma"], "compounds")
        compounds = []
        for word, wcode in comp.items():
            c = _code(wcode, path, raw["lemma"], f"compounds.{word}")
            if c is None:
                raise DataFileError(path, "needs a code", raw["lemma"], f"compounds.{word}")
            compounds.append((str(word).lower(), c))
        out[raw["lemma"].lower()] = NounTrigger(
            raw["lemma"].lower(), code, _code(raw.get("reverse"), path, raw["lemma"], "reverse"),
            bool(raw.get("plural_only", False)), bool(raw.get("needs_argument", True)),
            tuple(compounds),
        )  # fmt: skip
    return out


def _nouns(d: VerbDictionary, path: Path) -> None:
    data = load_yaml(path) or {}
    d.nouns.update(_noun_list(data, "nouns", path))
    d.instruments.update(_noun_list(data, "instruments", path))
    d.light_verbs = frozenset(str(v).lower() for v in data.get("light_verbs") or ())
    d.motion_verbs = frozenset(str(v).lower() for v in data.get("motion_verbs") or ())
    d.shell_nouns = frozenset(str(v).lower() for v in data.get("shell_nouns") or ())
    d.partitive_nouns = frozenset(str(v).lower() for v in data.get("partitive_nouns") or ())
    d.stance_nouns = frozenset(str(v).lower() for v in data.get("stance_nouns") or ())
    d.host_nouns = frozenset(str(v).lower() for v in data.get("host_nouns") or ())
    d.dispatch_verbs = frozenset(str(v).lower() for v in data.get("dispatch_verbs") or ())
    d.self_passives = frozenset(str(v).lower() for v in data.get("self_passives") or ())
    d.stative_participles = frozenset(
        str(v).lower() for v in data.get("stative_participles") or ()
    )
    d.responsibility_nouns = frozenset(
        str(v).lower() for v in data.get("responsibility_nouns") or ()
    )


def _cues(d: VerbDictionary, path: Path) -> None:
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise DataFileError(path, "modality.yaml must be a mapping of cue name → words")
    for name, words in data.items():
        if not isinstance(words, list):
            raise DataFileError(path, "must be a list of words", name)
        d.cues[str(name)] = frozenset(str(w).lower() for w in words)


def _discards(path: Path, idioms_path: Path | None) -> tuple[tuple[str, ...], ...]:
    data = load_yaml(path) or []
    if isinstance(data, dict):
        data = data.get("discards") or []
    skip_years, skip = False, set()
    if idioms_path is not None:
        raw = (load_yaml(idioms_path) or {}).get("not_discards") or {}
        if not isinstance(raw, dict):
            raise DataFileError(idioms_path, "must be a mapping {years, phrases}", "not_discards")
        skip_years = bool(raw.get("years", False))
        skip = {str(p).lower() for p in raw.get("phrases") or ()}
    out = []
    for p in data:
        text = str(p).strip().lower()
        if not text or text in skip or (skip_years and text.isdigit() and len(text) == 4):
            continue
        out.append(tuple(text.split()))
    return tuple(out)


def _idioms(path: Path) -> tuple[tuple[str, ...], ...]:
    data = load_yaml(path) or {}
    if not isinstance(data, dict) or not isinstance(data.get("idioms", []), list):
        raise DataFileError(path, "idioms.yaml holds 'idioms:' (a list of phrases)")
    return tuple(tuple(str(p).lower().split()) for p in data.get("idioms") or () if str(p).strip())


def build_dictionary(
    files: Iterable[tuple[Path, Any]], folder: Path, nouns: bool = True
) -> VerbDictionary:
    """The dictionary from parsed verb ``files`` and the support files in ``folder``;
    ``nouns=False`` leaves out mizan's nominal triggers (a foreign dictionary set alone)."""
    d = VerbDictionary()
    if (folder / "modality.yaml").exists():
        _cues(d, folder / "modality.yaml")
    for path, data in files:
        merge_verb_file(d, path, data)
    if (folder / "nouns.yaml").exists():
        _nouns(d, folder / "nouns.yaml")
        if not nouns:
            d.nouns = {}
    idioms = folder / "idioms.yaml"
    if (folder / "discards.yaml").exists():
        d.discards = _discards(folder / "discards.yaml", idioms if idioms.exists() else None)
    if idioms.exists():
        d.idioms = _idioms(idioms)
    return d


def suite_discards(path: Path, story: bool = False) -> tuple[tuple[str, ...], ...]:
    """The phrases of a PETRARCH/TABARI discards file (lower case): the sentence-level ones,
    or with ``story`` the story-level ones ('+'), which rule out the whole sentence."""
    from .dictionaries.petrarch import read_discards

    found, _warnings = read_discards(path)
    return tuple(tuple(d.phrase.lower().split()) for d in found
                 if d.phrase.strip() and d.story == story)  # fmt: skip


def _read_user_verbs(path: Path) -> Any:
    """A user's verbs file: mizan YAML, or a PETRARCH/TABARI dictionary."""
    if path.suffix.lower() in (".yaml", ".yml"):
        return load_yaml(path)
    from .dictionaries.petrarch import read_verbs, verbs_to_mizan

    return verbs_to_mizan(read_verbs(path), source=PETRARCH_SOURCE + path.name)


def load_verbs(extra: Iterable[Path] = ()) -> VerbDictionary:
    folder = package_file("verbs")
    base = [p for p in (folder / "cameo.yaml", folder / "mizan.yaml") if p.exists()]
    extra = [Path(p) for p in extra]
    support = [
        p
        for p in (folder / "nouns.yaml", folder / "modality.yaml", folder / "discards.yaml",
                  folder / "idioms.yaml")
        if p.exists()
    ]

    def build() -> VerbDictionary:
        files = [(p, load_yaml(p)) for p in base] + [(p, _read_user_verbs(p)) for p in extra]
        return build_dictionary(files, folder)

    groups: dict[str, list[Path]] = defaultdict(list)
    groups["all"] = base + extra + support
    return cached("verbs", groups["all"], build)
