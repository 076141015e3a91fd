"""Actor corrections as registry overrides: an analyst's overrides file (docs/data-files.md,
``{actors: [...], not_actors: [...]}``) that ``--actors FILE`` loads on top of the registry.

- A name the coder left unresolved, or resolved to another actor of the same kind, corrected
  to a registry actor, becomes an alias of that actor: its whole registry entry is written with the alias added (an entry with a known id
  replaces the packaged one, so nothing else of it may be lost).
- A corrected actor that is not in the registry becomes a new entry (id from its name).
- Names a reviewer ruled out become ``not_actors``.

Pronouns, lower-case phrases ("the minister") and office titles are never made aliases: they
would resolve to one person everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from ..store import Store
from .corrections import corrections

_ID = re.compile(r"[^a-z0-9]+")


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _ID.sub("-", ascii_name.lower()).strip("-") or "actor"


def _entry(actor: Any) -> dict[str, Any]:
    """A registry Actor as a YAML entry (the fields an actor file holds)."""
    out: dict[str, Any] = {"id": actor.id, "name": actor.name, "kind": actor.kind,
                           "country": actor.country, "sectors": list(actor.sectors)}  # fmt: skip
    for fld in ("aliases", "demonyms", "capital_aliases", "affiliations", "blocs"):
        if getattr(actor, fld):
            out[fld] = list(getattr(actor, fld))
    for fld in ("capital", "wikidata", "note", "gender"):
        if getattr(actor, fld):
            out[fld] = getattr(actor, fld)
    if actor.seats:
        out["seats"] = [{"name": n, "sector": s} for n, s in actor.seats]
    if actor.roles:
        roles = []
        for r in actor.roles:
            role: dict[str, Any] = {"title": r.title}
            for fld in ("organisation", "country", "sector", "host", "region", "note"):
                if getattr(r, fld):
                    role[fld] = getattr(r, fld)
            role["start"] = r.start.isoformat() if r.start else None
            role["end"] = r.end.isoformat() if r.end else None
            if r.acting:
                role["acting"] = True
            roles.append(role)
        out["roles"] = roles
    return out


def _aliasable(text: str | None, actor: Any, registry: Any) -> bool:
    from ..actors.normalize import name_key

    if not text or not any(ch.isupper() for ch in text) or text[:1].islower():
        return False
    key = name_key(text)
    if not key or key in registry.title_index:
        return False
    known = {name_key(n) for n in (actor.name, *actor.aliases)}
    return key not in known


def overrides(store: Store, registry: Any = None) -> dict[str, Any]:
    """The overrides implied by every actor and recipient correction, latest last."""
    if registry is None:
        from ..actors.loader import load_registry

        registry = load_registry()
    entries: dict[str, dict[str, Any]] = {}
    not_actors: list[str] = []
    for c in corrections(store):
        if c["field"] not in ("actor", "recipient"):
            continue
        before = c["before"] or []
        after = c["after"] or {}
        for n in after.get("not_actors") or []:
            if n not in not_actors:
                not_actors.append(n)
        for i, a in enumerate(after.get("actors") or []):
            old = before[i] if i < len(before) else {}
            text = a.get("text") or old.get("text")
            if old.get("id") and old.get("id") == a.get("id"):
                continue  # the coder had this one right
            if a.get("id"):
                actor = registry.actors.get(a["id"])
                if actor is None or not _aliasable(text, actor, registry):
                    continue
                was = registry.actors.get(old["id"]) if old.get("id") else None
                if old.get("id") and (was is None or was.kind != actor.kind):
                    continue  # "the recipient is Jordan, not its king": no name was misread
                entry = entries.setdefault(actor.id, _entry(actor))
                if text not in entry.setdefault("aliases", []):
                    entry["aliases"].append(text)
                continue
            slug = _slug(a["name"])
            while slug in registry.actors and slug not in entries:
                slug += "-x"
            entry = entries.setdefault(slug, {"id": slug, "name": a["name"],
                                              "kind": a.get("kind") or "organisation",
                                              "country": a.get("country"),
                                              "sectors": [a.get("sector") or "UNK"],
                                              "note": "added by a reviewer's correction"})  # fmt: skip
            if text and text != a["name"] and text[:1].isupper():
                entry.setdefault("aliases", [])
                if text not in entry["aliases"]:
                    entry["aliases"].append(text)
    return {"actors": list(entries.values()), "not_actors": not_actors}


def overrides_yaml(store: Store, registry: Any = None) -> str:
    data = overrides(store, registry)
    head = ("# mizan actor overrides from reviewers' corrections; load with --actors FILE\n"
            "# (docs/data-files.md, 'An analyst's overrides file')\n")  # fmt: skip
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def write_overrides(store: Store, path: Path | str, registry: Any = None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(overrides_yaml(store, registry), encoding="utf-8")
    return path
