"""Alignment blocs (``data/blocs.yaml`` or a user's file), validated on load."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..datafiles import cached, load_yaml, package_file
from ..errors import DataFileError, close_matches
from ..ontology import MODALITIES, PSEUDO_COUNTRIES, SECTORS

_ALPHA3 = re.compile(r"^[A-Z]{3}$")
Dated = tuple[str, date | None, date | None]


@dataclass(frozen=True)
class Bloc:
    id: str
    name: str
    countries: tuple[Dated, ...]
    actors: tuple[Dated, ...]
    exclude: frozenset[str]
    note: str | None = None


@dataclass
class BlocSet:
    blocs: list[Bloc]
    focal_sectors: frozenset[str]
    modalities: tuple[str, ...]
    samples: int
    level: float
    seed: int
    path: str
    min_events: int = 5
    _cache: dict[tuple[Any, ...], frozenset[str]] = field(default_factory=dict, repr=False)

    def ids(self) -> list[str]:
        return [b.id for b in self.blocs]

    def name(self, bloc_id: str) -> str:
        return next(b.name for b in self.blocs if b.id == bloc_id)

    def member_of(self, actor_id: str | None, country: str | None, day: date | None) -> frozenset[str]:
        """The blocs an actor belongs to on ``day``."""
        key = (actor_id, country, day)
        if key not in self._cache:
            out = set()
            for b in self.blocs:
                if actor_id in b.exclude:
                    continue
                if (actor_id and any(a == actor_id and _on(s, e, day) for a, s, e in b.actors)) or (
                    country and any(c == country and _on(s, e, day) for c, s, e in b.countries)
                ):
                    out.add(b.id)
            self._cache[key] = frozenset(out)
        return self._cache[key]


def _on(start: date | None, end: date | None, day: date | None) -> bool:
    if day is None:
        return end is None
    return (start is None or start <= day) and (end is None or day < end)


def _dated(raw: Any, path: Path, entry: str, fld: str, name: str) -> Dated:
    if isinstance(raw, str):
        return raw, None, None
    if isinstance(raw, dict) and isinstance(raw.get(name), str):
        dates = []
        for k in ("start", "end"):
            v = raw.get(k)
            try:
                dates.append(None if v in (None, "") else date.fromisoformat(str(v)))
            except ValueError:
                raise DataFileError(path, f"bad date {v!r}; use YYYY-MM-DD", entry, f"{fld}.{k}") from None
        return raw[name], dates[0], dates[1]
    raise DataFileError(path, f"each entry is a string or {{{name}: …, start: …, end: …}}", entry, fld)


def _affiliates(registry: Any, roots: set[str]) -> set[str]:
    """Registry actors affiliated, directly or through a chain, with any of ``roots``."""
    out: set[str] = set()
    changed = True
    while changed:
        changed = False
        for a in registry.actors.values():
            if a.id not in out and (set(a.affiliations) & (roots | out)):
                out.add(a.id)
                changed = True
    return out


def _parse(path: Path) -> BlocSet:
    from ..actors.registry import load_registry

    raw = load_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("blocs"), list) or not raw["blocs"]:
        raise DataFileError(path, "must be a mapping with a non-empty 'blocs' list")
    registry = load_registry()
    known = set(registry.actors)

    def check_actor(actor_id: str, entry: str, fld: str) -> None:
        if actor_id not in known:
            near = close_matches(actor_id, known)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise DataFileError(path, f"unknown actor id {actor_id!r}{hint}", entry, fld)

    blocs, seen = [], set()
    for i, b in enumerate(raw["blocs"]):
        entry = str(b.get("id") if isinstance(b, dict) and b.get("id") else f"#{i + 1}")
        if not isinstance(b, dict):
            raise DataFileError(path, "each bloc is a mapping", entry)
        for req in ("id", "name"):
            if not isinstance(b.get(req), str) or not b[req].strip():
                raise DataFileError(path, "missing or empty", entry, req)
        if b["id"] in seen:
            raise DataFileError(path, "duplicate bloc id", entry, "id")
        seen.add(b["id"])
        for fld in ("countries", "actors", "affiliated_with", "exclude"):
            if b.get(fld) is not None and not isinstance(b[fld], list):
                raise DataFileError(path, "must be a list", entry, fld)
        countries = tuple(_dated(c, path, entry, "countries", "code") for c in b.get("countries") or ())
        for code, _, _ in countries:
            if not (_ALPHA3.match(code) or code in PSEUDO_COUNTRIES):
                raise DataFileError(path, f"{code!r} is not an ISO alpha-3 code or one of "
                                    f"{', '.join(PSEUDO_COUNTRIES)}", entry, "countries")  # fmt: skip
        actors = [_dated(a, path, entry, "actors", "id") for a in b.get("actors") or ()]
        for fld in ("affiliated_with", "exclude"):
            for a in b.get(fld) or ():
                if not isinstance(a, str):
                    raise DataFileError(path, "must be a list of actor ids", entry, fld)
                check_actor(a, entry, fld)
        for a, _, _ in actors:
            check_actor(a, entry, "actors")
        roots = set(b.get("affiliated_with") or ())
        listed = {a for a, _, _ in actors}
        actors += [(a, None, None) for a in sorted(_affiliates(registry, roots) - listed)]
        actors += [(a, None, None) for a in sorted(roots - listed) if a not in {x for x, _, _ in actors}]
        if not countries and not actors:
            raise DataFileError(path, "a bloc needs countries, actors or affiliated_with", entry)
        blocs.append(Bloc(b["id"], b["name"], countries, tuple(actors),
                          frozenset(b.get("exclude") or ()), b.get("note")))  # fmt: skip
    sectors = raw.get("focal_sectors", ["GOV", "MIL", "COP", "JUD", "LEG", "SPY"])
    for s in sectors:
        if s not in SECTORS:
            raise DataFileError(path, f"{s!r} is not a sector; valid: {' '.join(SECTORS)}",
                                "focal_sectors")  # fmt: skip
    modalities = raw.get("modalities", ["asserted", "reported", "historical"])
    for m in modalities:
        if m not in MODALITIES:
            raise DataFileError(path, f"{m!r} is not a modality; valid: {', '.join(MODALITIES)}",
                                "modalities")  # fmt: skip
    boot = raw.get("bootstrap") or {}
    samples, level, seed = boot.get("samples", 1000), boot.get("level", 0.9), boot.get("seed", 1)
    min_events = boot.get("min_events", 5)
    if not isinstance(min_events, int) or min_events < 1:
        raise DataFileError(path, f"{min_events!r} must be an integer >= 1", "bootstrap", "min_events")
    if not isinstance(samples, int) or samples < 10:
        raise DataFileError(path, f"{samples!r} must be an integer >= 10", "bootstrap", "samples")
    if not isinstance(level, int | float) or not 0 < level < 1:
        raise DataFileError(path, f"{level!r} must be between 0 and 1", "bootstrap", "level")
    if not isinstance(seed, int):
        raise DataFileError(path, f"{seed!r} must be an integer", "bootstrap", "seed")
    return BlocSet(blocs, frozenset(sectors), tuple(modalities), samples, float(level), seed,
                   str(path), min_events)


def load_blocs(path: Path | str | None = None) -> BlocSet:
    """The blocs from ``path``, or the packaged ``data/blocs.yaml``."""
    p = Path(path) if path else package_file("blocs.yaml")
    registry_files = sorted(package_file("actors").glob("*.yaml"))
    return cached("blocs", [p, *registry_files], lambda: _parse(p))
