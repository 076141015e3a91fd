"""Who is in a set of documents, and who a name is on a date: the library behind
``mizan actors`` and ``mizan who``.

:func:`actors_in` runs the actor stage over documents and gathers one :class:`ActorSummary`
per resolved actor, and per cluster of unknown (provisional) actors: mentions of one unknown
name in different documents, or in spellings the matcher brings together ("Reham Yaqoub",
"Raham Yaqoub"), form one cluster. :func:`who` answers for a name or a title on a date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from ..documents import Document
from ..errors import InputError
from .cues import load_cues
from .normalize import name_key, rules, skeleton_key
from .registry import Registry, Role

GENERIC = ("agent", "title")  # "Iraqi forces", "the minister": not an actor of their own
_CUES = load_cues()
PRONOUNS = frozenset(_CUES.pronouns) | _CUES.first_person | _CUES.first_person_plural


@dataclass
class ActorSummary:
    name: str
    id: str | None  # registry id, or None for an unknown (provisional) actor
    kind: str
    country: str | None
    sector: str | None
    role: str | None
    mentions: list[str] = field(default_factory=list)  # the surface strings seen
    count: int = 0
    documents: set[str] = field(default_factory=set)
    cluster: str | None = None  # an unknown actor's cluster key
    _sectors: Counter[str] = field(default_factory=Counter, repr=False)
    _countries: Counter[str] = field(default_factory=Counter, repr=False)
    _roles: Counter[str] = field(default_factory=Counter, repr=False)

    def add(self, m: Any, doc_id: str) -> None:
        if m.text not in self.mentions and not (m.how == "coref" and m.text.lower() in PRONOUNS):
            self.mentions.append(m.text)
        self.count += 1
        self.documents.add(doc_id)
        if m.sector and m.sector != "UNK":
            self._sectors[m.sector] += 1
        if m.country:
            self._countries[m.country] += 1
        if m.role:
            self._roles[m.role] += 1

    def settle(self) -> None:
        """Country, sector and role: the most frequent among the mentions."""
        if self._sectors:
            self.sector = self._sectors.most_common(1)[0][0]
        if self._countries:
            self.country = self._countries.most_common(1)[0][0]
        if self._roles:
            self.role = self._roles.most_common(1)[0][0]

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "id": self.id, "kind": self.kind, "country": self.country,
                "sector": self.sector, "role": self.role, "mentions": self.mentions,
                "count": self.count, "documents": len(self.documents),
                "provisional": self.id is None}  # fmt: skip


def summarise(
    docs: Iterable[tuple[str, Iterable[Any]]], unknown_only: bool = False
) -> list[ActorSummary]:
    """One summary per resolved actor (or cluster of unknown ones) in ``(doc_id, mentions)``
    pairs, most mentioned first."""
    known: dict[str, ActorSummary] = {}
    unknown: dict[str, ActorSummary] = {}
    for doc_id, mentions in docs:
        for m in mentions:
            if m.how in GENERIC or m.kind == "group" or m.metonym == "place":
                continue
            if m.actor_id and not unknown_only:
                s = known.get(m.actor_id)
                if s is None:
                    s = known[m.actor_id] = ActorSummary(m.name, m.actor_id, m.kind, m.country,
                                                         m.sector, m.role)  # fmt: skip
                s.add(m, doc_id)
            elif m.actor_id is None and m.provisional:
                s = unknown.get(m.provisional)
                if s is None:
                    s = unknown[m.provisional] = ActorSummary(
                        m.name, None, m.kind, m.country, m.sector, None, cluster=m.provisional
                    )
                if m.kind == "person":
                    s.kind = "person"
                s.add(m, doc_id)
    out = list(known.values()) + cluster_unknown(list(unknown.values()))
    for s in out:
        s.settle()
    out.sort(key=lambda s: (-s.count, s.name))
    return out


def cluster_unknown(items: list[ActorSummary]) -> list[ActorSummary]:
    """Merge unknown actors whose names are fuzzily the same (the tuned registry cutoff) and
    whose countries do not conflict; the most mentioned spelling names the cluster."""
    settings = rules().fuzzy
    cutoff = float(settings["cutoff"])
    items = sorted(items, key=lambda s: -s.count)
    merged: list[ActorSummary] = []
    for s in items:
        key = name_key(s.name)
        target = None
        for t in merged:
            close = skeleton_key(t.name) == skeleton_key(s.name) or (
                len(key.split()) >= int(settings["min_words"])
                and fuzz.token_sort_ratio(key, name_key(t.name)) >= cutoff
            )
            if close and (not s.country or not t.country or s.country == t.country):
                target = t
                break
        if target is None:
            merged.append(s)
            continue
        for text in s.mentions:
            if text not in target.mentions:
                target.mentions.append(text)
        target.count += s.count
        target.documents |= s.documents
        target._sectors.update(s._sectors)
        target._countries.update(s._countries)
        if s.kind == "person":
            target.kind = "person"
    return merged


def actors_in(
    inputs: Iterable[Document | InputError], nlp: Any, unknown_only: bool = False,
    errors: list[InputError] | None = None,
) -> list[ActorSummary]:  # fmt: skip
    """Run the pipeline up to the actor stage over ``inputs`` and summarise the actors."""
    from ..pipeline import make_doc

    skip = [n for n in nlp.pipe_names if n.startswith("mizan_") and n not in
            ("mizan_paragraphs", "mizan_actors")]  # fmt: skip

    def docs() -> Iterator[tuple[str, list[Any]]]:
        good: list[Document] = []
        for item in inputs:
            if isinstance(item, InputError):
                if errors is not None:
                    errors.append(item)
                continue
            good.append(item)
        with nlp.select_pipes(disable=skip):
            for d, doc in zip(good, nlp.pipe(make_doc(nlp, d) for d in good), strict=True):
                yield d.id or d.origin, list(doc._.mizan_actors or [])

    return summarise(docs(), unknown_only)


# -- who ---------------------------------------------------------------------------------------
@dataclass
class Answer:
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    role: str | None
    organisation: str | None
    since: date | None
    until: date | None
    how: str  # exact | skeleton | surname | fuzzy | office

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["since"] = self.since.isoformat() if self.since else None
        d["until"] = self.until.isoformat() if self.until else None
        return d


def _answer(
    reg: Registry, actor_id: str, on: date | None, how: str, role: Role | None = None
) -> Answer:
    a = reg.actors[actor_id]
    r = role or a.role_on(on)
    title = r.title if r is not None and r.title in reg.titles else None
    return Answer(a.id, a.name, a.kind, a.country, a.sector_on(on), title,
                  r.organisation if r else None, r.start if r else None, r.end if r else None,
                  how)  # fmt: skip


_OF = re.compile(r"^(?P<title>.+?) of (?:the )?(?P<where>.+)$", re.I)


def _as_title(reg: Registry, text: str) -> tuple[str, str | None, str | None] | None:
    """ "the Iraqi prime minister", "prime minister of Iraq", "governor of Basra" →
    (title, country, region)."""
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    m = _OF.match(text)
    candidates: list[tuple[str, str | None]] = [(text, None)]
    if m:
        candidates.insert(0, (m.group("title"), m.group("where")))
    for title_text, where in candidates:
        ws = title_text.split()
        for i in range(len(ws)):
            head, rest = " ".join(ws[:i]), " ".join(ws[i:])
            title = reg.title_index.get(name_key(rest))
            if title is None:
                continue
            country = region = None
            place = where or head
            if place:
                c = reg.country_of_demonym(place)
                if c is not None:
                    country = c.id
                else:
                    r = reg.region(place)
                    if r is None:
                        continue
                    region, country = r
            return title, country, region
    return None


def who(reg: Registry, text: str, on: date | None, focus: str | None = None) -> list[Answer]:
    """Who ``text`` is on ``on``: a name in any spelling (several answers when it is
    ambiguous), or a title ("the Iraqi prime minister") resolved to its holder on that date."""
    hits, how = reg.lookup(text)
    if hits:
        ids = list(dict.fromkeys(h.actor_id for h in hits))
        return [_answer(reg, i, on, how) for i in ids]
    t = _as_title(reg, text)
    if t is not None:
        title, country, region = t
        country = country or focus
        if country:
            held = reg.holder(country, title, on, region=region)
            if held is not None:
                return [_answer(reg, held[0].id, on, "office", held[1])]
        return []
    surname = [h.actor_id for h in reg.surname(text)]
    if surname:
        active = [i for i in surname if reg.actors[i].role_on(on)] or surname
        return [_answer(reg, i, on, "surname") for i in dict.fromkeys(active)]
    hits, _ = reg.fuzzy(text)
    return [_answer(reg, i, on, "fuzzy") for i in dict.fromkeys(h.actor_id for h in hits)]
