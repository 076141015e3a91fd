"""Import PETRARCH/TABARI actor and agent dictionaries as registry entries.

A CAMEO actor code is a 3-letter country (or IGO, NGO, IMG …) followed by 3-letter
segments: sectors (GOV, MIL, REB …), identities (SHI, MOS …) and group codes (HMS, ALQ …).
``IRQGOV`` becomes country IRQ, sector GOV; dated codes (``[IRQGOV 200505-201010]``) become
dated roles. The CAMEO → PLOVER sector table is ``data/ontology/cameo-sectors.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..datafiles import cached, load_tsv, package_file
from ..dictionaries.petrarch import ActorEntry, read_actors, read_agents
from .registry import Actor, Role

PSEUDO = {"IGO", "NGO", "IMG", "MNC", "UNO", "EUR", "ISM", "NGM"}
_SLUG = re.compile(r"[^a-z0-9]+")


def sector_map() -> dict[str, str]:
    path = package_file("ontology", "cameo-sectors.tsv")
    return cached(
        "cameo-sectors",
        [path],
        lambda: {r["cameo_code"]: r["plover_sector"] for r in load_tsv(path)},
    )


def split_code(code: str, sectors: dict[str, str] | None = None) -> tuple[str | None, list[str]]:
    """``"IRQGOVSHI"`` → ``("IRQ", ["GOV", "REL"])``; unknown segments are group codes."""
    sectors = sectors if sectors is not None else sector_map()
    code = code.upper()
    parts = [code[i : i + 3] for i in range(0, len(code), 3) if len(code[i : i + 3]) == 3]
    if not parts:
        return None, []
    head, rest = parts[0], parts[1:]
    country = "NGO" if head == "NGM" else head
    out: list[str] = []
    for p in rest:
        s = sectors.get(p)
        if s and s not in out:
            out.append(s)
    if head in PSEUDO and not out and head in sectors:
        out.append(sectors[head])
    # a role code beats an identity code (SHIREB → REB first)
    out.sort(key=lambda s: s == "REL")
    return country, out


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def _display(name: str) -> str:
    return " ".join(w.capitalize() if w.isupper() or w.islower() else w for w in name.split())


def actor_from_entry(entry: ActorEntry, source: str, sectors: dict[str, str]) -> Actor | None:
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
        roles.append(Role(title=(c.code or "").lower(), country=ccountry, sector=csects[0] if csects else None,
                          start=c.start, end=c.end))  # fmt: skip
    all_sectors = list(dict.fromkeys(sects + [r.sector for r in roles if r.sector]))
    only_country = len(current.code or "") == 3 and not roles
    names = [_display(n) for n in entry.names if n.strip()]
    return Actor(
        id=f"{source}:{_slug(entry.names[0])}",
        name=names[0],
        kind=(
            "country"
            if only_country and country not in PSEUDO
            else "person"
            if roles
            else "igo"
            if country in PSEUDO
            else "organisation"
        ),  # fmt: skip
        country=country,
        sectors=tuple(all_sectors),
        aliases=tuple(names[1:]),
        roles=tuple(roles),
        note=entry.comment,
        source=source,
    )


def actors_from_petrarch(path: Path, source: str | None = None) -> Iterator[Actor]:
    """Registry entries from a PETRARCH/TABARI actor dictionary."""
    sectors = sector_map()
    src = source or Path(path).stem.lower()
    seen: set[str] = set()
    for entry in read_actors(path).entries:
        actor = actor_from_entry(entry, src, sectors)
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
