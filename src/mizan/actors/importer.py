"""Import PETRARCH/TABARI actor and agent dictionaries as registry entries, and read and
write the compact underlay file made from them (``data/actors/phoenix-actors.tsv``).

A CAMEO actor code is a 3-letter country (or IGO, NGO, IMG …) followed by 3-letter
segments: sectors (GOV, MIL, REB …), identities (SHI, MOS …) and group codes (HMS, ALQ …).
``IRQGOV`` becomes country IRQ, sector GOV; dated codes (``[IRQGOV 200505-201010]``) become
dated roles whose title is the code itself (``IRQGOV``): they give a sector on a date, never
an office that "the Iraqi prime minister" could resolve to. The CAMEO → PLOVER sector table
is ``data/ontology/cameo-sectors.tsv``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from ..datafiles import cached, load_tsv, package_file, read_bytes
from ..dictionaries.petrarch import ActorEntry, read_actors, read_agents
from ..errors import DataFileError
from ..ontology import PSEUDO_COUNTRIES, SECTORS
from .registry import KINDS, PRIMARY, Actor, Role

PSEUDO = {"IGO", "NGO", "IMG", "MNC", "UNO", "EUR", "ISM", "NGM"}
_SLUG = re.compile(r"[^a-z0-9]+")
_PERSON_HINTS = re.compile(r"countryinfo|rulers|leaders|cabinet|minister|president", re.I)
UNDERLAY_COLUMNS = ("id", "name", "kind", "country", "sectors", "aliases", "roles", "note")


def sector_map() -> dict[str, str]:
    path = package_file("ontology", "cameo-sectors.tsv")
    return cached(
        "cameo-sectors",
        [path],
        lambda: {r["cameo_code"]: r["plover_sector"] for r in load_tsv(path)},
    )


def country_map() -> dict[str, str]:
    """CAMEO country codes that differ from ISO alpha-3 (``ontology/cameo-countries.tsv``)."""
    path = package_file("ontology", "cameo-countries.tsv")

    def build() -> dict[str, str]:
        out = {}
        for i, r in enumerate(load_tsv(path), start=2):
            code, iso = r.get("cameo_code") or "", r.get("iso3") or ""
            if len(code) != 3 or len(iso) != 3 or not (code + iso).isupper():
                raise DataFileError(path, "expected two 3-letter capital codes", f"line {i}")
            out[code] = iso
        return out

    return cached("cameo-countries", [path], build)


def split_code(code: str, sectors: dict[str, str] | None = None) -> tuple[str | None, list[str]]:
    """``"IRQGOVSHI"`` → ``("IRQ", ["GOV", "REL"])``; unknown segments are group codes.
    ``"IGOUNO…"`` → country UNO, ``"IMG…"`` → REB first unless a role code says otherwise."""
    sectors = sectors if sectors is not None else sector_map()
    code = code.upper()
    parts = [code[i : i + 3] for i in range(0, len(code), 3) if len(code[i : i + 3]) == 3]
    if not parts:
        return None, []
    head, rest = parts[0], parts[1:]
    country = "NGO" if head == "NGM" else country_map().get(head, head)
    if head == "IGO" and rest and rest[0] in ("UNO", "EUR"):
        country, rest = rest[0], rest[1:]
    out: list[str] = []
    for p in rest:
        s = sectors.get(p)
        if s and s not in out:
            out.append(s)
    if head in PSEUDO and head in sectors and not [s for s in out if s != "REL"]:
        out.insert(0, sectors[head])
    # a role code beats an identity code (SHIREB → REB first)
    out.sort(key=lambda s: s == "REL")
    return country, out


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def _display(name: str) -> str:
    """``AL-ABADI`` → ``Al-Abadi``; mixed-case words are kept as written."""

    def word(w: str) -> str:
        if not (w.isupper() or w.islower()):
            return w
        return "-".join(p.capitalize() for p in w.split("-"))

    return " ".join(word(w) for w in name.split())


def _kind(entry: ActorEntry, country: str | None, only_country: bool, dated: bool) -> str:
    if only_country and country not in PSEUDO:
        return "country"
    if dated or (entry.comment and _PERSON_HINTS.search(entry.comment)):
        return "person"
    if country in ("IGO", "UNO", "EUR"):
        return "igo"
    return "organisation"


def actor_from_entry(
    entry: ActorEntry, source: str, sectors: dict[str, str], tier: int = PRIMARY
) -> Actor | None:
    codes = [c for c in entry.codes if c.code]
    if not codes:
        return None
    current = next((c for c in reversed(codes) if c.end is None), codes[-1])
    country, sects = split_code(current.code or "", sectors)
    roles = []
    for c in codes:
        if c.start is None and c.end is None:
            continue
        ccountry, csects = split_code(c.code or "", sectors)
        roles.append(Role(title=(c.code or "").upper(), country=ccountry,
                          sector=csects[0] if csects else None, start=c.start, end=c.end))  # fmt: skip
    all_sectors = list(dict.fromkeys(sects + [r.sector for r in roles if r.sector]))
    only_country = len(current.code or "") == 3  # a country, even with dated codes (IRQOCC)
    names = [_display(n) for n in entry.names if n.strip()]
    if not names:
        return None
    kind = _kind(entry, country, only_country, bool(roles))
    if not all_sectors:
        all_sectors = ["GOV"] if kind in ("country", "igo") else ["UNK"]
    return Actor(
        id=f"{source}:{_slug(entry.names[0])}",
        name=names[0],
        kind=kind,
        country=country,
        sectors=tuple(all_sectors),
        aliases=tuple(dict.fromkeys(names[1:])),
        roles=tuple(roles),
        note=entry.comment,
        source=source,
        tier=tier,
    )


def actors_from_petrarch(
    path: Path, source: str | None = None, tier: int = PRIMARY
) -> Iterator[Actor]:
    """Registry entries from a PETRARCH/TABARI actor dictionary."""
    sectors = sector_map()
    src = source or Path(path).stem.lower()
    seen: set[str] = set()
    for entry in read_actors(path).entries:
        actor = actor_from_entry(entry, src, sectors, tier)
        if actor is None or actor.id in seen:
            continue
        seen.add(actor.id)
        yield actor


def agents_from_petrarch(path: Path) -> dict[str, str]:
    """Agent word → PLOVER sector from a PETRARCH agents dictionary."""
    sectors = sector_map()
    out: dict[str, str] = {}
    for e in read_agents(path).entries:
        mapped = [sectors[c] for c in e.codes if c in sectors]
        if mapped:
            for w in (e.word, *e.plurals):
                out.setdefault(w, sorted(mapped, key=lambda s: s == "REL")[0])
    return out


# -- the compact underlay file ----------------------------------------------------------------
def _role_text(r: Role) -> str:
    return " ".join([r.title, r.start.isoformat() if r.start else "-",
                     r.end.isoformat() if r.end else "-"])  # fmt: skip


def write_underlay(actors: Iterable[Actor], out: io.TextIOBase | io.StringIO) -> int:
    """Write entries as the underlay TSV (one line each; lists joined with ``|``, roles
    ``CODE START END`` joined with ``;``). Returns the number of lines written."""
    w = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(UNDERLAY_COLUMNS)
    n = 0
    for a in actors:
        w.writerow([a.id, a.name, a.kind, a.country or "", " ".join(a.sectors),
                    "|".join(a.aliases), ";".join(_role_text(r) for r in a.roles),
                    (a.note or "").replace("\t", " ").strip()])  # fmt: skip
        n += 1
    return n


def _tsv_date(value: str, path: Path, entry: str, fld: str) -> date | None:
    if value == "-":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataFileError(path, f"bad date {value!r}", entry, fld) from None


def read_underlay(path: Path) -> Iterator[tuple[str, ...]]:
    """Rows of the underlay TSV, validated (errors name the file, the line and the field)."""
    text = read_bytes(path).decode("utf-8")
    reader = csv.reader(io.StringIO(text), delimiter="\t")
    header = next(reader, None)
    if header is None or tuple(header) != UNDERLAY_COLUMNS:
        raise DataFileError(path, f"the header must be {' '.join(UNDERLAY_COLUMNS)}")
    countries_ok = set(PSEUDO_COUNTRIES)
    for lineno, row in enumerate(reader, start=2):
        if len(row) != len(UNDERLAY_COLUMNS):
            raise DataFileError(path, f"expected {len(UNDERLAY_COLUMNS)} columns", f"line {lineno}")
        aid, name, kind, country, sectors, aliases, roles, note = row
        entry = f"{aid} (line {lineno})"
        if kind not in KINDS:
            raise DataFileError(path, f"{kind!r} is not one of {', '.join(KINDS)}", entry, "kind")
        if country and not (len(country) == 3 and country.isupper() or country in countries_ok):
            raise DataFileError(path, f"{country!r} is not a country code", entry, "country")
        for s in sectors.split():
            if s not in SECTORS:
                raise DataFileError(path, f"{s!r} is not a PLOVER sector code", entry, "sectors")
        for j, spec in enumerate(r for r in roles.split(";") if r):
            parts = spec.split()
            if len(parts) != 3:
                raise DataFileError(
                    path, f"role {spec!r} is not 'CODE START END'", entry, f"roles[{j}]"
                )
            _tsv_date(parts[1], path, entry, f"roles[{j}].start")
            _tsv_date(parts[2], path, entry, f"roles[{j}].end")
        yield tuple(row) + (path.name,)


def actor_from_row(row: tuple[str, ...], tier: int = 1) -> Actor:
    """The :class:`Actor` of a validated underlay row."""
    aid, name, kind, country, sectors, aliases, roles, note, source = row
    parsed: list[Role] = []
    for spec in (r for r in roles.split(";") if r):
        code, start, end = spec.split()
        c, secs = split_code(code)
        parsed.append(Role(title=code, country=c, sector=secs[0] if secs else None,
                           start=None if start == "-" else date.fromisoformat(start),
                           end=None if end == "-" else date.fromisoformat(end)))  # fmt: skip
    country = country_map().get(country, country)
    return Actor(id=aid, name=name, kind=kind, country=country or None,
                 sectors=tuple(sectors.split()), aliases=tuple(a for a in aliases.split("|") if a),
                 roles=tuple(parsed), note=note or None, source=source, tier=tier)  # fmt: skip
