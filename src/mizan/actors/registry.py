"""The actor registry: who is who, in every spelling, and who held which office when.

Entries live in ``data/actors/*.yaml`` (format in docs/data-files.md); an analyst can load
more files on top (``extra`` paths), and later files override earlier entries with the same id.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..datafiles import cached, load_yaml, package_file
from ..errors import DataFileError
from ..ontology import PSEUDO_COUNTRIES, SECTORS
from .normalize import name_key, skeleton_key

KINDS = ("person", "organisation", "country", "igo")
SPECIAL_FILES = {"titles.yaml", "agents.yaml", "agents-mizan.yaml"}
_ALPHA3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Role:
    title: str
    country: str | None
    sector: str | None
    start: date | None
    end: date | None
    organisation: str | None = None
    host: str | None = None  # an ambassador's host country
    region: str | None = None  # a sub-national office: "Kurdistan Region", "Basra"

    def active(self, on: date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    country: str | None
    sectors: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    capital_aliases: tuple[str, ...] = ()
    seats: tuple[tuple[str, str], ...] = ()
    wikidata: str | None = None
    affiliations: tuple[str, ...] = ()
    blocs: tuple[str, ...] = ()
    note: str | None = None
    roles: tuple[Role, ...] = ()
    source: str = ""

    @property
    def sector(self) -> str | None:
        return self.sectors[0] if self.sectors else None

    def role_on(self, on: date | None) -> Role | None:
        """The most specific office held on ``on`` (the latest started), if any."""
        active = [r for r in self.roles if r.active(on)]
        if not active:
            return None
        return max(active, key=lambda r: r.start or date.min)


@dataclass(frozen=True)
class AliasHit:
    actor_id: str
    form: str  # name | alias | demonym | capital | seat
    sector: str | None = None  # seats carry their own sector


@dataclass(frozen=True)
class Title:
    title: str
    sector: str | None
    aliases: tuple[str, ...]
    generic: bool = False  # names no single office ("the minister"): never an office-holder


@dataclass
class Registry:
    actors: dict[str, Actor] = field(default_factory=dict)
    exact: dict[str, list[AliasHit]] = field(default_factory=lambda: defaultdict(list))
    skeleton: dict[str, list[AliasHit]] = field(default_factory=lambda: defaultdict(list))
    titles: dict[str, Title] = field(default_factory=dict)
    title_index: dict[str, str] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    offices: dict[tuple[str, str], list[tuple[Role, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    max_alias_words: int = 1

    # -- building -----------------------------------------------------------------
    def add(self, actor: Actor) -> None:
        if actor.id in self.actors:  # override: drop the old entry's index rows
            self._unindex(actor.id)
        self.actors[actor.id] = actor
        forms: list[tuple[str, str, str | None]] = [(actor.name, "name", None)]
        forms += [(a, "alias", None) for a in actor.aliases]
        forms += [(d, "demonym", None) for d in actor.demonyms]
        if actor.capital:
            forms.append((actor.capital, "capital", "GOV"))
        forms += [(c, "capital", "GOV") for c in actor.capital_aliases]
        forms += [(s, "seat", sec) for s, sec in actor.seats]
        for text, form, sector in forms:
            key = name_key(text)
            if not key:
                continue
            hit = AliasHit(actor.id, form, sector)
            if hit not in self.exact[key]:
                self.exact[key].append(hit)
            skel = skeleton_key(text)
            if len(skel.replace(" ", "")) >= 3 and hit not in self.skeleton[skel]:
                self.skeleton[skel].append(hit)
            self.max_alias_words = max(self.max_alias_words, len(key.split()))
        for role in actor.roles:
            if role.country:
                self.offices[(role.country, role.title)].append((role, actor.id))

    def _unindex(self, actor_id: str) -> None:
        for index in (self.exact, self.skeleton):
            for key in list(index):
                index[key] = [h for h in index[key] if h.actor_id != actor_id]
                if not index[key]:
                    del index[key]
        for office in list(self.offices):
            self.offices[office] = [(r, a) for r, a in self.offices[office] if a != actor_id]

    def add_title(self, title: Title) -> None:
        self.titles[title.title] = title
        for alias in (title.title, *title.aliases):
            self.title_index[name_key(alias)] = title.title

    # -- queries --------------------------------------------------------------------
    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def lookup(self, text: str) -> tuple[list[AliasHit], str]:
        """Registry entries for a surface string, and how they matched (exact/skeleton/'')."""
        key = name_key(text)
        hits = self.exact.get(key)
        if hits:
            return list(hits), "exact"
        skel = skeleton_key(text)
        if len(skel.replace(" ", "")) >= 3:
            hits = self.skeleton.get(skel)
            if hits:
                return list(hits), "skeleton"
        return [], ""

    def holder(
        self,
        country: str,
        title: str,
        on: date | None,
        host: str | None = None,
        region: str | None = None,
    ) -> tuple[Actor, Role] | None:
        """Who held ``title`` in ``country`` on ``on``: a national office unless ``region`` is
        given; for an ambassador, the one posted to ``host``."""
        best: tuple[Role, str] | None = None
        for role, actor_id in self.offices.get((country, title), ()):
            if (host is not None and role.host != host) or role.region != region:
                continue
            if role.active(on) and (
                best is None or (role.start or date.min) > (best[0].start or date.min)
            ):
                best = (role, actor_id)
        if best is None:
            return None
        return self.actors[best[1]], best[0]

    def country_of_demonym(self, text: str) -> Actor | None:
        for hit in self.exact.get(name_key(text), ()):
            if (
                hit.form in ("demonym", "name", "alias")
                and self.actors[hit.actor_id].kind == "country"
            ):
                return self.actors[hit.actor_id]
        return None


# -- loading & validation -------------------------------------------------------------
def _as_date(value: Any, path: Path, entry: str, fld: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(path, f"bad date {value!r}; use YYYY-MM-DD", entry, fld) from None


def _str_list(value: Any, path: Path, entry: str, fld: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(path, "must be a list of strings", entry, fld)
    return tuple(value)


def _check_country(value: Any, path: Path, entry: str, fld: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not (_ALPHA3.match(value) or value in PSEUDO_COUNTRIES):
        raise DataFileError(
            path, f"{value!r} is not an ISO alpha-3 code or one of {', '.join(PSEUDO_COUNTRIES)}",
            entry, fld,
        )  # fmt: skip
    return value


def _check_sector(value: Any, path: Path, entry: str, fld: str) -> str | None:
    if value is None:
        return None
    if value not in SECTORS:
        raise DataFileError(
            path, f"{value!r} is not a PLOVER sector code; valid: {' '.join(SECTORS)}", entry, fld
        )
    return str(value)


def parse_actor(raw: Any, path: Path, index: int, source: str = "") -> Actor:
    if not isinstance(raw, dict):
        raise DataFileError(path, "each entry must be a mapping", f"#{index}")
    entry = str(raw.get("id") or f"#{index}")
    for required in ("id", "name", "kind"):
        if not isinstance(raw.get(required), str) or not raw[required].strip():
            raise DataFileError(path, "missing or empty", entry, required)
    kind = raw["kind"]
    if kind not in KINDS:
        raise DataFileError(path, f"{kind!r} is not one of {', '.join(KINDS)}", entry, "kind")
    sectors = _str_list(raw.get("sectors"), path, entry, "sectors")
    for s in sectors:
        _check_sector(s, path, entry, "sectors")
    seats: list[tuple[str, str]] = []
    for seat in raw.get("seats") or ():
        if isinstance(seat, str):
            seats.append((seat, "GOV"))
        elif isinstance(seat, dict) and isinstance(seat.get("name"), str):
            seats.append(
                (
                    seat["name"],
                    _check_sector(seat.get("sector", "GOV"), path, entry, "seats") or "GOV",
                )
            )
        else:
            raise DataFileError(path, "a seat is a name or {name, sector}", entry, "seats")
    roles = []
    for j, r in enumerate(raw.get("roles") or ()):
        if not isinstance(r, dict) or not isinstance(r.get("title"), str):
            raise DataFileError(path, f"role #{j + 1} needs a 'title'", entry, "roles")
        start = _as_date(r.get("start"), path, entry, f"roles[{j}].start")
        end = _as_date(r.get("end"), path, entry, f"roles[{j}].end")
        if start and end and end < start:
            raise DataFileError(
                path, f"role {r['title']!r} ends before it starts", entry, f"roles[{j}]"
            )
        roles.append(Role(
            title=r["title"].strip().lower(),
            country=_check_country(r.get("country", raw.get("country")), path, entry, f"roles[{j}].country"),
            sector=_check_sector(r.get("sector"), path, entry, f"roles[{j}].sector"),
            start=start, end=end,
            organisation=r.get("organisation"), host=r.get("host"), region=r.get("region"),
        ))  # fmt: skip
    return Actor(
        id=raw["id"].strip(),
        name=raw["name"].strip(),
        kind=kind,
        country=_check_country(raw.get("country"), path, entry, "country"),
        sectors=sectors,
        aliases=_str_list(raw.get("aliases"), path, entry, "aliases"),
        demonyms=_str_list(raw.get("demonyms"), path, entry, "demonyms"),
        capital=raw.get("capital"),
        capital_aliases=_str_list(raw.get("capital_aliases"), path, entry, "capital_aliases"),
        seats=tuple(seats),
        wikidata=raw.get("wikidata"),
        affiliations=_str_list(raw.get("affiliations"), path, entry, "affiliations"),
        blocs=_str_list(raw.get("blocs"), path, entry, "blocs"),
        note=raw.get("note"),
        roles=tuple(roles),
        source=source or path.name,
    )


def iter_actor_file(path: Path) -> Iterator[Actor]:
    data = load_yaml(path)
    if data is None:
        return
    if not isinstance(data, list):
        raise DataFileError(path, "an actor file must hold a YAML list of entries")
    for i, raw in enumerate(data, start=1):
        yield parse_actor(raw, path, i)


def _titles(path: Path) -> Iterator[Title]:
    data = load_yaml(path) or []
    if not isinstance(data, list):
        raise DataFileError(path, "titles.yaml must hold a list")
    for i, raw in enumerate(data, start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("title"), str):
            raise DataFileError(path, "each title needs a 'title'", f"#{i}", "title")
        yield Title(
            title=raw["title"].strip().lower(),
            sector=_check_sector(raw.get("sector"), path, raw["title"], "sector"),
            aliases=_str_list(raw.get("aliases"), path, raw["title"], "aliases"),
            generic=bool(raw.get("generic", False)),
        )


def _agents(path: Path, out: dict[str, str]) -> dict[str, str]:
    """Add one agents file to ``out``; later files override earlier ones."""
    data = load_yaml(path) or []
    for i, raw in enumerate(data, start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("word"), str):
            raise DataFileError(path, "each agent needs a 'word'", f"#{i}", "word")
        sector = _check_sector(raw.get("sector"), path, raw["word"], "sector")
        if sector:
            for w in (raw["word"], *(raw.get("plurals") or ())):
                out[w.lower()] = sector
    return out


def actor_files(folder: Path | None = None) -> list[Path]:
    folder = folder or package_file("actors")
    return sorted(p for p in folder.glob("*.yaml") if p.name not in SPECIAL_FILES)


def read_actor_file(path: Path) -> Iterator[Actor]:
    """Entries of a mizan YAML actor file, or of a PETRARCH/TABARI actor dictionary."""
    if path.suffix.lower() in (".yaml", ".yml"):
        yield from iter_actor_file(path)
    else:
        from .importer import actors_from_petrarch

        yield from actors_from_petrarch(path)


def build_registry(paths: Iterable[Path], titles: Path | None, agents: Iterable[Path]) -> Registry:
    reg = Registry()
    for path in paths:
        for actor in read_actor_file(path):
            reg.add(actor)
    if titles and titles.exists():
        for t in _titles(titles):
            reg.add_title(t)
    for path in agents:
        if path.suffix.lower() not in (".yaml", ".yml"):
            from .importer import agents_from_petrarch

            reg.agents.update(agents_from_petrarch(path))
        elif path.exists():
            _agents(path, reg.agents)
    return reg


def load_registry(extra: Iterable[Path] = (), extra_agents: Iterable[Path] = ()) -> Registry:
    """The packaged registry, with ``extra`` actor files (mizan YAML or PETRARCH/TABARI
    dictionaries) and ``extra_agents`` files loaded on top; later entries win."""
    folder = package_file("actors")
    paths = actor_files(folder) + [Path(p) for p in extra]
    titles = folder / "titles.yaml"
    agents = [
        folder / "agents.yaml",
        folder / "agents-mizan.yaml",
        *(Path(p) for p in extra_agents),
    ]
    support = [p for p in (titles, *agents) if p.exists()]
    return cached("registry", paths + support, lambda: build_registry(paths, titles, agents))
