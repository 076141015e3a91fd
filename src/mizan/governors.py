"""Governors and derived codes: what "agreed to", "threatened to", "demanded that", "said it
will" do to the event they govern, and how an embedded event's CAMEO code becomes the code
of the event that governs it (CAMEO's parallel 02/03/10/12/13 families).

Loaded from ``data/verbs/governors.yaml`` and ``data/verbs/derived.yaml``, validated on
load (every derived code must be a CAMEO code of the ontology). Pure logic, no spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .datafiles import cached, load_yaml, package_file
from .errors import DataFileError
from .ontology import load_ontology

CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
CLASS_KEYS = {"derive", "code", "recipient", "transparent", "content", "modality", "particles",
              "lemmas", "objects"}  # fmt: skip
MODALITIES = {"future", "negated", "analysis"}


@dataclass(frozen=True)
class Governor:
    """One class of governing words ("intent", "speech", ...)."""

    name: str
    derive: str | None = None  # a table of derived.yaml
    code: str | None = None
    recipient: str = "complement"  # object | complement
    transparent: bool = False
    content: bool = False
    modality: str | None = None  # future | negated | analysis
    particles: frozenset[str] = frozenset()
    light_objects: bool = False  # a nominal direct object is carried, not recoded


@dataclass(frozen=True)
class DerivedTable:
    name: str
    codes: dict[str, str]
    other: str | None
    conflict: str | None  # another table's name, a fixed code, "negated", or None

    def lookup(self, code: str) -> str | None:
        for n in range(len(code), 1, -1):
            hit = self.codes.get(code[:n])
            if hit is not None:
                return hit
        return self.other


@dataclass
class Governors:
    by_lemma: dict[str, list[Governor]] = field(default_factory=dict)
    named: dict[str, Governor] = field(default_factory=dict)
    tables: dict[str, DerivedTable] = field(default_factory=dict)
    content_nouns: frozenset[str] = frozenset()
    obligation: frozenset[str] = frozenset()
    object_control: frozenset[str] = frozenset()
    nominal: dict[str, Governor] = field(default_factory=dict)  # "its demand that X ..."

    def of(self, lemma: str, particles: frozenset[str] | set[str] = frozenset()) -> Governor | None:
        """The governor class of ``lemma`` (given the particles/prepositions it carries)."""
        for g in self.by_lemma.get(lemma, ()):
            if not g.particles or g.particles & particles:
                return g
        return None

    def derive(self, table: str, code: str | None) -> str | None:
        """The code an event coded ``code`` takes under ``table``; ``"negated"`` when the
        table leaves a conflict event standing, negated; None to keep the governor's code."""
        t = self.tables[table]
        if code is None:
            return None
        if code[:2] in CONFLICT_ROOTS and t.conflict is not None:
            if t.conflict in self.tables:
                return self.tables[t.conflict].lookup(code)
            return t.conflict
        return t.lookup(code)


def _words(raw: Any, path: Path, entry: str, fld: str) -> frozenset[str]:
    if raw is None:
        return frozenset()
    if not isinstance(raw, list):
        raise DataFileError(path, "must be a list of words", entry, fld)
    out = set()
    for w in raw:
        if not isinstance(w, str):
            raise DataFileError(path, f"{w!r} must be a quoted word", entry, fld)
        out.add(w.lower().strip())
    return frozenset(out)


def _tables(path: Path, codes: set[str]) -> dict[str, DerivedTable]:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(path, "derived.yaml must map table name → {codes, other, conflict}")
    tables: dict[str, DerivedTable] = {}
    for name, raw in data.items():
        if not isinstance(raw, dict) or not isinstance(raw.get("codes"), dict):
            raise DataFileError(path, "a table needs 'codes:' (prefix → code)", name, "codes")
        mapping: dict[str, str] = {}
        for prefix, code in raw["codes"].items():
            if not isinstance(prefix, str) or not isinstance(code, str):
                raise DataFileError(path, "prefixes and codes must be quoted strings", name,
                                    f"codes.{prefix}")  # fmt: skip
            if code not in codes:
                raise DataFileError(path, f"{code!r} is not a CAMEO code", name, f"codes.{prefix}")
            mapping[prefix] = code
        other = raw.get("other")
        if other is not None and (not isinstance(other, str) or other not in codes):
            raise DataFileError(path, f"{other!r} is not a CAMEO code", name, "other")
        conflict = raw.get("conflict")
        if conflict is not None and not isinstance(conflict, str):
            raise DataFileError(path, "must be a table name, a quoted code or 'negated'", name,
                                "conflict")  # fmt: skip
        tables[str(name)] = DerivedTable(str(name), mapping, other, conflict)
    for t in tables.values():
        c = t.conflict
        if c is not None and c not in tables and c != "negated" and c not in codes:
            raise DataFileError(
                path, f"{c!r} is neither a table ({', '.join(tables)}), a CAMEO code nor "
                "'negated'", t.name, "conflict",
            )  # fmt: skip
    return tables


def build_governors(gov_path: Path, derived_path: Path) -> Governors:
    codes = set(load_ontology().codes)
    tables = _tables(derived_path, codes)
    data = load_yaml(gov_path)
    if not isinstance(data, dict) or not isinstance(data.get("classes"), dict):
        raise DataFileError(gov_path, "governors.yaml needs 'classes:' (name → class)")
    out = Governors(tables=tables)
    for name, raw in data["classes"].items():
        if not isinstance(raw, dict):
            raise DataFileError(gov_path, "a class must be a mapping", name)
        unknown = set(raw) - CLASS_KEYS
        if unknown:
            raise DataFileError(gov_path, f"unknown keys {sorted(unknown)}; valid: "
                                f"{', '.join(sorted(CLASS_KEYS))}", name)  # fmt: skip
        derive = raw.get("derive")
        if derive is not None and derive not in tables:
            raise DataFileError(gov_path, f"no table {derive!r} in derived.yaml; valid: "
                                f"{', '.join(tables)}", name, "derive")  # fmt: skip
        code = raw.get("code")
        if code is not None and (not isinstance(code, str) or code not in codes):
            raise DataFileError(gov_path, f"{code!r} is not a quoted CAMEO code", name, "code")
        modality = raw.get("modality")
        if modality is not None and modality not in MODALITIES:
            raise DataFileError(gov_path, f"modality {modality!r}; valid: "
                                f"{', '.join(sorted(MODALITIES))}", name, "modality")  # fmt: skip
        recipient = raw.get("recipient", "complement")
        if recipient not in ("object", "complement"):
            raise DataFileError(gov_path, "must be 'object' or 'complement'", name, "recipient")
        gov = Governor(
            name=str(name), derive=derive, code=code, recipient=recipient,
            transparent=bool(raw.get("transparent", False)), content=bool(raw.get("content", False)),
            modality=modality, particles=_words(raw.get("particles"), gov_path, name, "particles"),
            light_objects=raw.get("objects") == "light",
        )  # fmt: skip
        if raw.get("objects") not in (None, "light", "derive"):
            raise DataFileError(gov_path, "must be 'light' or 'derive'", name, "objects")
        out.named[gov.name] = gov
        lemmas = _words(raw.get("lemmas"), gov_path, name, "lemmas")
        if not lemmas:
            raise DataFileError(gov_path, "a class needs a non-empty 'lemmas' list", name, "lemmas")
        for lemma in lemmas:
            out.by_lemma.setdefault(lemma, []).append(gov)
    for lst in out.by_lemma.values():
        lst.sort(key=lambda g: not g.particles)  # the classes that need a particle first
    out.content_nouns = _words(data.get("content_nouns"), gov_path, "content_nouns", "content_nouns")
    out.obligation = _words(data.get("obligation"), gov_path, "obligation", "obligation")
    out.object_control = _words(data.get("object_control"), gov_path, "object_control",
                                "object_control")  # fmt: skip
    raw = data.get("nominal") or {}
    if not isinstance(raw, dict):
        raise DataFileError(gov_path, "must map a noun to a class name", "nominal")
    for noun, cls in raw.items():
        if cls not in out.named or out.named[cls].derive is None:
            valid = ", ".join(n for n, g in out.named.items() if g.derive is not None)
            raise DataFileError(gov_path, f"{cls!r} is not a class that derives; valid: {valid}",
                                "nominal", str(noun))  # fmt: skip
        out.nominal[str(noun).lower()] = out.named[cls]
    return out


def load_governors() -> Governors:
    folder = package_file("verbs")
    gov, derived = folder / "governors.yaml", folder / "derived.yaml"
    onto = package_file("ontology", "cameo.tsv")
    return cached("governors", [gov, derived, onto], lambda: build_governors(gov, derived))
