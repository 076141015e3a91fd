"""Reading and validating actor files, and building the registry (cached by digest).

A file is a YAML list of entries (docs/data-files.md), or an *overrides* mapping
``{actors: [...], not_actors: [...]}`` written by an analyst, or a PETRARCH/TABARI actor
dictionary, or the generated Phoenix underlay (``.tsv``). Every malformed entry raises a
:class:`~mizan.errors.DataFileError` naming the file, the entry and the field.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..datafiles import cached, load_yaml, package_file
from ..errors import DataFileError, close_matches
from ..ontology import PSEUDO_COUNTRIES, SECTORS
from .normalize import name_key, skeleton_key, skeleton_size
from .registry import KINDS, PRIMARY, Actor, Registry, Role, Title

SPECIAL_FILES = {"titles.yaml", "agents.yaml", "agents-mizan.yaml", "names.yaml", "cues.yaml"}
UNDERLAY_FILES = ("phoenix-actors.tsv",)
ENTRY_FIELDS = ("id", "name", "kind", "country", "sectors", "aliases", "demonyms", "capital",
                "capital_aliases", "seats", "wikidata", "affiliations", "blocs", "note",
                "roles", "gender")  # fmt: skip
COUNTRY_ONLY = ("demonyms", "capital", "capital_aliases", "seats")
ROLE_FIELDS = ("title", "organisation", "country", "sector", "start", "end", "host", "region",
               "acting", "note")  # fmt: skip
_ALPHA3 = re.compile(r"^[A-Z]{3}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:~-]*$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")


@dataclass
class ActorFile:
    """The entries of one file, and the names an analyst ruled out as actors."""

    path: Path
    actors: list[Actor] = field(default_factory=list)
    not_actors: list[str] = field(default_factory=list)


# -- field checks ----------------------------------------------------------------------
def _unknown_field(path: Path, entry: str, key: str, valid: Iterable[str]) -> DataFileError:
    near = close_matches(str(key), valid)
    hint = f" Did you mean {', '.join(repr(n) for n in near)}?" if near else ""
    return DataFileError(
        path, f"unknown field.{hint} Valid fields: {', '.join(valid)}", entry, str(key)
    )


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
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(path, "must be a list of non-empty strings", entry, fld)
    return tuple(v.strip() for v in value)


def _opt_str(value: Any, path: Path, entry: str, fld: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise DataFileError(path, f"must be a string, not {value!r}", entry, fld)
    return value.strip() or None


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


def _seats(raw: Any, path: Path, entry: str) -> tuple[tuple[str, str], ...]:
    seats: list[tuple[str, str]] = []
    for seat in raw or ():
        if isinstance(seat, str):
            seats.append((seat, "GOV"))
        elif isinstance(seat, dict) and isinstance(seat.get("name"), str):
            sector = _check_sector(seat.get("sector", "GOV"), path, entry, "seats") or "GOV"
            seats.append((seat["name"], sector))
        else:
            raise DataFileError(path, "a seat is a name or {name, sector}", entry, "seats")
    return tuple(seats)


def _role(r: Any, j: int, raw: dict[str, Any], path: Path, entry: str) -> Role:
    where = f"roles[{j}]"
    if not isinstance(r, dict) or not isinstance(r.get("title"), str) or not r["title"].strip():
        raise DataFileError(path, f"role #{j + 1} needs a 'title'", entry, f"{where}.title")
    for key in r:
        if key not in ROLE_FIELDS:
            raise _unknown_field(
                path, entry, f"{where}.{key}", [f"{where}.{f}" for f in ROLE_FIELDS]
            )
    start = _as_date(r.get("start"), path, entry, f"{where}.start")
    end = _as_date(r.get("end"), path, entry, f"{where}.end")
    if start and end and end < start:
        raise DataFileError(path, f"role {r['title']!r} ends before it starts", entry, where)
    if not isinstance(r.get("acting", False), bool):
        raise DataFileError(path, "must be true or false", entry, f"{where}.acting")
    return Role(
        title=r["title"].strip().lower(),
        country=_check_country(r.get("country", raw.get("country")), path, entry, f"{where}.country"),
        sector=_check_sector(r.get("sector"), path, entry, f"{where}.sector"),
        start=start, end=end,
        organisation=_opt_str(r.get("organisation"), path, entry, f"{where}.organisation"),
        host=_check_country(r.get("host"), path, entry, f"{where}.host"),
        region=_opt_str(r.get("region"), path, entry, f"{where}.region"),
        acting=bool(r.get("acting", False)),
        note=_opt_str(r.get("note"), path, entry, f"{where}.note"),
    )  # fmt: skip


def parse_actor(raw: Any, path: Path, index: int, source: str = "", tier: int = PRIMARY) -> Actor:
    """One entry of a mizan YAML actor file, validated."""
    if not isinstance(raw, dict):
        raise DataFileError(path, "each entry must be a mapping", f"#{index}")
    entry = str(raw.get("id") or f"#{index}")
    for key in raw:
        if key not in ENTRY_FIELDS:
            raise _unknown_field(path, entry, str(key), ENTRY_FIELDS)
    for required in ("id", "name", "kind"):
        if not isinstance(raw.get(required), str) or not raw[required].strip():
            raise DataFileError(path, "missing or empty", entry, required)
    if not _ID.match(raw["id"].strip()):
        raise DataFileError(
            path, f"{raw['id']!r}: use letters, digits and - . _ : ~ only", entry, "id"
        )
    kind = raw["kind"]
    if kind not in KINDS:
        raise DataFileError(path, f"{kind!r} is not one of {', '.join(KINDS)}", entry, "kind")
    if kind != "country":
        for key in COUNTRY_ONLY:
            if raw.get(key):
                raise DataFileError(path, f"only a country has {key}", entry, key)
    sectors = _str_list(raw.get("sectors"), path, entry, "sectors")
    if not sectors:
        raise DataFileError(path, "give at least one PLOVER sector code", entry, "sectors")
    for s in sectors:
        _check_sector(s, path, entry, "sectors")
    wikidata = _opt_str(raw.get("wikidata"), path, entry, "wikidata")
    if wikidata and not _WIKIDATA.match(wikidata):
        raise DataFileError(path, f"{wikidata!r} is not a Wikidata id like Q796", entry, "wikidata")
    gender = raw.get("gender")
    if gender is not None and (kind != "person" or gender not in ("f", "m")):
        raise DataFileError(path, f"{gender!r}: a person's gender is f or m", entry, "gender")
    roles = raw.get("roles") or []
    if not isinstance(roles, list):
        raise DataFileError(path, "must be a list of roles", entry, "roles")
    return Actor(
        id=raw["id"].strip(),
        name=raw["name"].strip(),
        kind=kind,
        country=_check_country(raw.get("country"), path, entry, "country"),
        sectors=sectors,
        aliases=_str_list(raw.get("aliases"), path, entry, "aliases"),
        demonyms=_str_list(raw.get("demonyms"), path, entry, "demonyms"),
        capital=_opt_str(raw.get("capital"), path, entry, "capital"),
        capital_aliases=_str_list(raw.get("capital_aliases"), path, entry, "capital_aliases"),
        seats=_seats(raw.get("seats"), path, entry),
        wikidata=wikidata,
        affiliations=_str_list(raw.get("affiliations"), path, entry, "affiliations"),
        blocs=_str_list(raw.get("blocs"), path, entry, "blocs"),
        note=_opt_str(raw.get("note"), path, entry, "note"),
        roles=tuple(_role(r, j, raw, path, entry) for j, r in enumerate(roles)),
        gender=gender,
        source=source or path.name,
        tier=tier,
    )


# -- files -------------------------------------------------------------------------------
def read_file(path: Path, tier: int = PRIMARY) -> ActorFile:
    """Any actor file: mizan YAML (a list, or an overrides mapping), the generated underlay
    (``.tsv``), or a PETRARCH/TABARI actor dictionary."""
    path = Path(path)
    out = ActorFile(path)
    suffix = path.suffix.lower()
    if suffix == ".tsv":
        from .importer import actor_from_row, read_underlay

        out.actors = [actor_from_row(r, tier) for r in read_underlay(path)]
        return out
    if suffix not in (".yaml", ".yml"):
        from .importer import actors_from_petrarch

        out.actors = list(actors_from_petrarch(path))
        return out
    data = load_yaml(path)
    if data is None:
        return out
    if isinstance(data, dict):
        for key in data:
            if key not in ("actors", "not_actors"):
                raise _unknown_field(path, "(top level)", str(key), ("actors", "not_actors"))
        out.not_actors = list(_str_list(data.get("not_actors"), path, "(top level)", "not_actors"))
        data = data.get("actors") or []
    if not isinstance(data, list):
        raise DataFileError(
            path, "an actor file holds a YAML list of entries (or {actors, not_actors})"
        )
    seen: set[str] = set()
    for i, raw in enumerate(data, start=1):
        actor = parse_actor(raw, path, i, tier=tier)
        if actor.id in seen:
            raise DataFileError(path, "this id appears twice in the file", actor.id, "id")
        seen.add(actor.id)
        out.actors.append(actor)
    return out


def iter_actor_file(path: Path) -> Iterator[Actor]:
    yield from read_file(path).actors


def read_actor_file(path: Path) -> Iterator[Actor]:
    """Entries of a mizan YAML actor file, or of a PETRARCH/TABARI actor dictionary."""
    yield from read_file(path).actors


def _titles(path: Path) -> Iterator[Title]:
    data = load_yaml(path) or []
    if not isinstance(data, list):
        raise DataFileError(path, "titles.yaml must hold a list")
    for i, raw in enumerate(data, start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("title"), str):
            raise DataFileError(path, "each title needs a 'title'", f"#{i}", "title")
        fields = ("title", "sector", "aliases", "generic", "styles", "note")
        for key in raw:
            if key not in fields:
                raise _unknown_field(path, raw["title"], str(key), fields)
        yield Title(
            title=raw["title"].strip().lower(),
            sector=_check_sector(raw.get("sector"), path, raw["title"], "sector"),
            aliases=_str_list(raw.get("aliases"), path, raw["title"], "aliases"),
            generic=bool(raw.get("generic", False)),
            styles=_styles(raw.get("styles"), path, raw["title"]),
        )


def _styles(raw: object, path: Path, title: str) -> tuple[tuple[str, str], ...]:
    """``styles: {GBR: [foreign secretary]}``: aliases of a title that one country uses."""
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        raise DataFileError(path, "must map a country code to a list of aliases", title, "styles")
    out = []
    for country, aliases in raw.items():
        if not (isinstance(country, str) and len(country) == 3 and country.isupper()):
            raise DataFileError(path, f"{country!r} is not an ISO alpha-3 country code", title,
                                "styles")  # fmt: skip
        out += [(a.lower(), country) for a in _str_list(aliases, path, title, "styles")]
    return tuple(out)


def _agents(path: Path, out: dict[str, str]) -> dict[str, str]:
    """Add one agents file to ``out``; later files override earlier ones."""
    data = load_yaml(path) or []
    for i, raw in enumerate(data, start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("word"), str):
            raise DataFileError(path, "each agent needs a 'word'", f"#{i}", "word")
        words = (raw["word"], *(raw.get("plurals") or ()))
        if raw.get("sector") == "none":  # not an actor after all ("village", "artillery")
            for w in words:
                out.pop(w.lower(), None)
            continue
        sector = _check_sector(raw.get("sector"), path, raw["word"], "sector")
        if sector:
            for w in words:
                out[w.lower()] = sector
    return out


def actor_files(folder: Path | None = None) -> list[Path]:
    folder = folder or package_file("actors")
    return sorted(p for p in folder.glob("*.yaml") if p.name not in SPECIAL_FILES)


# -- cross-entry checks ------------------------------------------------------------------
def _check_references(reg: Registry, files: dict[str, Path]) -> None:
    """Affiliations name known ids, role titles are known titles, countries are known."""
    countries = {a.id for a in reg.actors.primary() if a.kind == "country"} | set(PSEUDO_COUNTRIES)
    for actor in reg.actors.primary():
        if actor.tier != PRIMARY or actor.source not in files:
            continue
        path = files[actor.source]
        for aff in actor.affiliations:
            if aff not in reg.actors:
                near = close_matches(aff, reg.actors)
                hint = f"; did you mean {', '.join(near)}?" if near else ""
                raise DataFileError(
                    path, f"no actor has the id {aff!r}{hint}", actor.id, "affiliations"
                )
        if actor.country and actor.country not in countries and countries - set(PSEUDO_COUNTRIES):
            raise DataFileError(
                path, f"{actor.country!r} is not a known country id", actor.id, "country"
            )
        for j, role in enumerate(actor.roles):
            if reg.titles and role.title not in reg.titles:
                near = close_matches(role.title, reg.titles)
                hint = f"; did you mean {', '.join(near)}?" if near else ""
                raise DataFileError(path, f"{role.title!r} is not a title in titles.yaml{hint}",
                                    actor.id, f"roles[{j}].title")  # fmt: skip


def _prune_underlay(reg: Registry, rows: Iterable[tuple[str, ...]]) -> None:
    """Add underlay entries unless mizan's registry already knows them: an entry one of whose
    names is a name of a mizan entry of the same kind is dropped (mizan's is newer); names
    that a different mizan entry owns, or that are offices ("Secretary of State"), are
    dropped from it. Bare one-word names of people ("Hassan") are dropped too."""
    from .cues import load_cues
    from .importer import actor_from_row

    bodies = load_cues().group_nouns
    rows = [(*r[:2], "organisation", *r[3:]) if r[2] == "person" and _a_body(r[1], bodies)
            else r for r in rows]  # fmt: skip
    given = _given_names(reg, rows)
    reg.given_names = reg.given_names | given
    group = {"person": "person", "organisation": "org", "igo": "org", "country": "country"}
    for row in rows:
        name, kind, country, aliases = row[1], row[2], row[3] or None, row[5]
        if kind == "country":
            continue  # countries.yaml covers every country; the underlay's lists cities as aliases
        keep: list[str] = []
        same = False
        for text in (name, *(a for a in aliases.split("|") if a)):
            key = name_key(text)
            if not key or key in reg.not_actors or key in reg.title_index:
                continue
            if kind != "person" and text != name and _person_name(text, name, given):
                continue  # "John Kirby" is no alias of the US military, nor a leader of his group
            if kind == "person" and " " not in key:
                continue
            owners = [reg.actors[h.actor_id] for h in reg.exact.get(key, ()) if h.tier == PRIMARY]
            skel = skeleton_key(text)
            if not owners and kind == "person" and skeleton_size(skel) >= 4:
                owners = [reg.actors[h.actor_id] for _, h in reg.skeleton.get(skel, ())
                          if h.tier == PRIMARY and reg.actors[h.actor_id].kind == "person"
                          and reg.actors[h.actor_id].country == country]  # fmt: skip
            if any(group[o.kind] == group[kind] for o in owners):
                same = True
                break
            if not owners:
                keep.append(text)
        if same or not keep:
            continue
        row = (row[0], keep[0], *row[2:5], "|".join(keep[1:]), *row[6:])
        reg.add_underlay(row, actor_from_row, keep)


def _a_body(name: str, bodies: frozenset[str]) -> bool:
    """Does a name the dictionaries list as a person (it has dated codes) name a body: its
    head word, before any "of", is a noun for a group ("Syrian National Coalition", "Communist
    Party Of The Soviet Union"; not "General Secretary Of The Communist Party")?"""
    head = name.split(" Of ")[0].split()
    return bool(head) and head[-1].lower().rstrip("s") in {b.rstrip("s") for b in bodies}


def _given_names(reg: Registry, rows: list[tuple[str, ...]]) -> frozenset[str]:
    """Words that open the names of at least three people in the underlay, twice as often as
    they open an organisation's name, and are no demonym or word of a title ("john",
    "hassan"; not "united", "islamic", "german", "defense")."""
    people: Counter[str] = Counter()
    orgs: Counter[str] = Counter()
    for row in rows:
        names = (row[1], *(a for a in row[5].split("|") if a))
        if row[2] == "person":
            people.update(n.split()[0].lower() for n in names if len(n.split()) >= 2)
        elif row[2] in ("organisation", "igo"):
            orgs.update(n.split()[0].lower() for n in names if n.split())
    titled = {w for key in reg.title_index for w in key.split()}  # "defense", "prime"
    return frozenset(w for w, c in people.items() if c >= 3 and c >= 2 * orgs[w]
                     and w.isalpha() and len(w) > 2 and reg.country_of_demonym(w) is None
                     and w not in titled)  # fmt: skip


def _person_name(alias: str, name: str, given: frozenset[str]) -> bool:
    """Is an organisation's alias a person's name: two to four capitalised words opening
    with a given name and sharing no word with the organisation's name ("John Kirby" of the
    US military, "Hassan Nasrallah" of Hezbollah)? A person is never an organisation."""
    words = alias.split()
    return (2 <= len(words) <= 4 and words[0].lower() in given and "/" not in alias
            and all(w[:1].isupper() for w in words)
            and not {w.lower() for w in words} & {w.lower() for w in name.split()})  # fmt: skip


def build_registry(
    paths: Iterable[Path],
    titles: Path | None,
    agents: Iterable[Path],
    underlay: Iterable[Path] = (),
) -> Registry:
    reg = Registry()
    if titles and titles.exists():
        for t in _titles(titles):
            reg.add_title(t)
    files: dict[str, Path] = {}
    packaged = package_file("actors")
    owner: dict[str, Path] = {}
    for path in paths:
        f = read_file(path)
        files[path.name] = path
        for actor in f.actors:
            if actor.id in owner and owner[actor.id].parent == packaged == path.parent:
                raise DataFileError(
                    path, f"the id is already used in {owner[actor.id].name}", actor.id, "id"
                )
            owner[actor.id] = path
            reg.add(actor)
        reg.not_actors.update(name_key(n) for n in f.not_actors)
    for key in reg.not_actors:
        reg.exact.pop(key, None)
    _check_references(reg, files)
    for path in underlay:
        from .importer import read_underlay

        _prune_underlay(reg, read_underlay(path))
    for path in agents:
        if path.suffix.lower() not in (".yaml", ".yml"):
            from .importer import agents_from_petrarch

            reg.agents.update(agents_from_petrarch(path))
        elif path.exists():
            _agents(path, reg.agents)
    reg.forget()  # the indexes were edited in place above
    return reg


@lru_cache(maxsize=1)
def packaged_registry() -> Registry:
    """The packaged registry, loaded once per process (``load_registry`` checks the data
    files' digests on every call)."""
    return load_registry()


def load_registry(
    extra: Iterable[Path | str] = (),
    extra_agents: Iterable[Path | str] = (),
    underlay: bool = True,
) -> Registry:
    """The packaged registry, with ``extra`` actor files (mizan YAML, an analyst's overrides,
    or PETRARCH/TABARI dictionaries) and ``extra_agents`` files loaded on top; later entries
    win. ``underlay=False`` leaves out the Phoenix underlay."""
    folder = package_file("actors")
    paths = actor_files(folder) + [Path(p) for p in extra]
    titles = folder / "titles.yaml"
    agents = [
        folder / "agents.yaml",
        folder / "agents-mizan.yaml",
        *(Path(p) for p in extra_agents),
    ]
    under = [folder / n for n in UNDERLAY_FILES if (folder / n).exists()] if underlay else []
    code = [Path(__file__).parent / n for n in ("registry.py", "normalize.py", "importer.py")]
    cameo = package_file("ontology", "cameo-countries.tsv")
    support = [p for p in (titles, *agents, *under, folder / "names.yaml", folder / "cues.yaml",
                           cameo) if p.exists()]  # fmt: skip
    return cached(
        "registry",
        paths + support + code,
        lambda: build_registry(paths, titles, agents, under),
    )
