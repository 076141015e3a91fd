"""The actor registry: who is who, in every spelling, and who held which office when.

Entries live in ``data/actors/*.yaml`` (format in docs/data-files.md) on top of an underlay
converted from the Phoenix dictionaries (``phoenix-actors.tsv``). An analyst loads more files
on top (``extra`` paths); later files override earlier entries with the same id, and mizan's
own entries win every name they share with the underlay. Loading and validation are in
:mod:`mizan.actors.loader`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from .normalize import name_key, rules, skeleton_key, skeleton_size

KINDS = ("person", "organisation", "country", "igo")
PRIMARY, UNDERLAY = 0, 1  # tiers: mizan's own and the analyst's entries; the Phoenix underlay
ELITE_SECTORS = ("GOV", "MIL", "LEG", "JUD", "COP", "SPY")  # out of office: ELI
MEMO_SIZE = 200_000  # memoised lookups kept before the memo starts afresh
_RANK = {**{s: 3 for s in ELITE_SECTORS}, "PRM": 2, "PTY": 1}


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    country: str | None
    sector: str | None
    start: date | None
    end: date | None
    organisation: str | None = None
    host: str | None = None  # an ambassador's host country
    region: str | None = None  # a sub-national office: "Kurdistan Region", "Basra"
    acting: bool = False
    note: str | None = None

    def active(self, on: date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(slots=True)
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
    gender: str | None = None
    source: str = ""
    tier: int = PRIMARY

    @property
    def sector(self) -> str | None:
        return self.sectors[0] if self.sectors else None

    def role_on(self, on: date | None) -> Role | None:
        """The office held on ``on``, if any. Of several: a substantive one before an acting
        one, a state office before a paramilitary one before a party one (a prime minister
        who also leads his party acts as prime minister), then the latest started."""
        active = [r for r in self.roles if r.active(on)]
        if not active:
            return None
        return max(active, key=lambda r: (not r.acting, _RANK.get(r.sector or "", 0),
                                          r.start or date.min))  # fmt: skip

    def sector_on(self, on: date | None) -> str | None:
        """The sector on ``on``: the office's, else ELI for a former official of a state
        sector (PLOVER: "former government officials"), else the entry's default."""
        role = self.role_on(on)
        if role is not None and role.sector:
            return role.sector
        if self.kind == "person" and on is not None and self.roles:
            if all(r.end is not None and r.end <= on for r in self.roles) and all(
                (r.sector or self.sector) in ELITE_SECTORS for r in self.roles
            ):
                return "ELI"
            if all(r.start is not None and r.start > on for r in self.roles):
                later = [s for s in self.sectors if s not in ELITE_SECTORS]
                return later[0] if later else self.sector
        return self.sector


class AliasHit(NamedTuple):
    actor_id: str
    form: str  # name | alias | demonym | capital | seat | surname
    sector: str | None = None  # seats carry their own sector
    tier: int = PRIMARY


@dataclass(frozen=True, slots=True)
class Title:
    title: str
    sector: str | None
    aliases: tuple[str, ...]
    generic: bool = False  # names no single office ("the minister"): never an office-holder
    # aliases only one country uses, with that country: "foreign secretary" is the UK's
    styles: tuple[tuple[str, str], ...] = ()


class ActorTable(MutableMapping[str, Actor]):
    """Actors by id. Underlay entries are kept as their raw rows and become :class:`Actor`
    objects only when asked for, which keeps the cached registry small and quick to load."""

    def __init__(self) -> None:
        self._actors: dict[str, Actor] = {}
        self._rows: dict[str, tuple[str, ...]] = {}
        self._make: Callable[[tuple[str, ...]], Actor] | None = None

    def add_row(self, actor_id: str, row: tuple[str, ...], make: Callable[..., Actor]) -> None:
        self._rows[actor_id] = row
        self._actors.pop(actor_id, None)
        self._make = make

    def __getitem__(self, key: str) -> Actor:
        a = self._actors.get(key)
        if a is None:
            row = self._rows[key]
            assert self._make is not None
            a = self._actors[key] = self._make(row)
        return a

    def __setitem__(self, key: str, value: Actor) -> None:
        self._rows.pop(key, None)
        self._actors[key] = value

    def __delitem__(self, key: str) -> None:
        found = self._actors.pop(key, None) is not None
        if self._rows.pop(key, None) is None and not found:
            raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return key in self._actors or key in self._rows

    def __iter__(self) -> Iterator[str]:
        yield from self._actors
        yield from (k for k in self._rows if k not in self._actors)

    def __len__(self) -> int:
        return len(self._actors) + sum(1 for k in self._rows if k not in self._actors)

    def primary(self) -> Iterator[Actor]:
        """mizan's own and the analyst's entries (not the underlay)."""
        return (a for a in self._actors.values() if a.tier == PRIMARY)


def is_acronym(text: str) -> bool:
    """A short all-capitals word ("IS", "U.N.", "PMF"), matched case-sensitively."""
    bare = text.replace(".", "")
    return bare.isalpha() and bare.isupper() and 2 <= len(bare) <= 5 and " " not in text


_INITIALS = {"q": "k", "c": "k", "g": "k", "o": "u", "y": "i", "e": "i"}
_FILLERS = frozenset({"and", "of", "the", "for", "in"})
SKELETON_MIN_RATIO = 75  # a name of several words: the keys' rapidfuzz ratio
UNDERLAY_MIN_RATIO_WORD = 90  # each word of a fuzzy match to a Phoenix underlay name
SKELETON_MIN_RATIO_WORD = 82  # a single word, or a bare surname: closer still


def _initial(word: str) -> str:
    return _INITIALS.get(word[:1], word[:1])


def plausible_spelling(key: str, alias: str, tier: int = PRIMARY) -> bool:
    """Is ``key`` (a text's name key) plausibly another spelling of ``alias`` (an entry's
    name key) that shares its consonant skeleton? Word for word: the same number of words
    (fillers like "and" aside), each starting with the same letter (Q/K/G and C, O/U, E/I/Y
    count as one) and of about the same length; and close as strings (rapidfuzz ratio). A
    single word must be longer than four letters, closer still, and name one of mizan's own
    entries — the Phoenix underlay's one-word aliases ("Tigers", "Pence") are never matched
    this way. "Kazemi" ~ "Kadhimi" yes; "Bank" ~ "Pence", "Sidhoum" ~ "Saddam" no."""
    from rapidfuzz import fuzz

    kw = [w for w in key.split() if w not in _FILLERS]
    aw = [w for w in alias.split() if w not in _FILLERS]
    if len(kw) != len(aw) or not kw:
        return False
    for a, b in zip(kw, aw, strict=True):
        if _initial(a) != _initial(b) or abs(len(a) - len(b)) > max(2, len(b) // 3):
            return False
    score = fuzz.ratio(" ".join(kw), " ".join(aw))
    if len(kw) == 1:
        return tier == PRIMARY and len(kw[0]) >= 5 and score >= SKELETON_MIN_RATIO_WORD
    return score >= SKELETON_MIN_RATIO


def _same_words(key: str, alias: str, tier: int = PRIMARY) -> bool:
    """A fuzzy match must pair the words one to one, in order, each starting alike and
    each close ("Association of African Jurists" is not the American one). A Phoenix
    underlay name closer still, word for word: "Samir Haddad" is not its "Sami Haddad"."""
    from rapidfuzz import fuzz

    kw = [w for w in key.split() if w not in _FILLERS and not w.isdigit()]
    aw = [w for w in alias.split() if w not in _FILLERS and not w.isdigit()]
    least = SKELETON_MIN_RATIO if tier == PRIMARY else UNDERLAY_MIN_RATIO_WORD
    return len(kw) == len(aw) and all(
        _initial(a) == _initial(b) and fuzz.ratio(a, b) >= least
        for a, b in zip(kw, aw, strict=True)
    )


def _add_hit(index: dict[str, list[AliasHit]], key: str, hit: AliasHit) -> None:
    hits = index[key]
    if hit not in hits:
        hits.append(hit)


def _best_tier(hits: list[AliasHit]) -> list[AliasHit]:
    """mizan's own entries win a name over the underlay's."""
    top = min(h.tier for h in hits)
    return [h for h in hits if h.tier == top]


@dataclass
class Registry:
    actors: ActorTable = field(default_factory=ActorTable)
    exact: dict[str, list[AliasHit]] = field(default_factory=lambda: defaultdict(list))
    # consonant skeleton → (the alias's name key, hit): the key lets a match be checked
    skeleton: dict[str, list[tuple[str, AliasHit]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    surnames: dict[str, list[AliasHit]] = field(default_factory=lambda: defaultdict(list))
    acronyms: dict[str, list[AliasHit]] = field(default_factory=lambda: defaultdict(list))
    titles: dict[str, Title] = field(default_factory=dict)
    title_index: dict[str, str] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    # words that open people's names in the underlay ("john", "hassan"): a two- or three-word
    # name that opens with one is a person's, whatever the tagger calls it
    given_names: frozenset[str] = frozenset()
    offices: dict[tuple[str, str], list[tuple[Role, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    regions: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (region, country)
    members: dict[str, list[tuple[Role, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # name key of a role's organisation → roles in it
    not_actors: set[str] = field(default_factory=set)  # name keys an analyst ruled out
    max_alias_words: int = 1
    _fuzzy: Any = field(default=None, repr=False, compare=False)
    _answers: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False, compare=False)

    def forget(self) -> None:
        """Drop memoised answers (after the indexes change)."""
        self._answers = {}
        self._fuzzy = None

    # -- building -----------------------------------------------------------------
    def add(self, actor: Actor) -> None:
        if actor.id in self.actors:  # override: drop the old entry's index rows
            self._unindex(actor.id)
        self.actors[actor.id] = actor
        self.forget()
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
            self._index_name(text, key, AliasHit(actor.id, form, sector, actor.tier))
        if actor.kind == "person" and actor.tier == PRIMARY:
            self._index_surnames(actor)
        for role in actor.roles:
            if role.country:
                self.offices[(role.country, role.title)].append((role, actor.id))
            if role.organisation:
                self.members[name_key(role.organisation)].append((role, actor.id))
            if role.region and role.country:
                self.regions.setdefault(name_key(role.region), (role.region, role.country))

    def add_underlay(self, row: tuple[str, ...], make: Callable[..., Actor],
                     names: Iterable[str]) -> None:  # fmt: skip
        """Index an underlay entry by its names; the Actor is built from ``row`` on demand."""
        actor_id = row[0]
        if actor_id in self.actors:
            self._unindex(actor_id)
        self.actors.add_row(actor_id, row, make)
        self.forget()
        for text in names:
            key = name_key(text)
            if not key:
                continue
            self._index_name(text, key, AliasHit(actor_id, "alias", None, UNDERLAY))

    def _index_name(self, text: str, key: str, hit: AliasHit) -> None:
        """One spelling: acronyms ("IS", "UN", "PMF") only as written in capitals; other names
        by their normalised key and, when long enough, their consonant skeleton."""
        if is_acronym(text):
            _add_hit(self.acronyms, text.replace(".", ""), hit)
            return
        _add_hit(self.exact, key, hit)
        skel = skeleton_key(text)
        if skeleton_size(skel) >= 3 and (key, hit) not in self.skeleton[skel]:
            self.skeleton[skel].append((key, hit))
        self.max_alias_words = max(self.max_alias_words, len(key.split()))

    def _index_surnames(self, actor: Actor) -> None:
        """ "al-Asadi" alone for Abdul-Ghani al-Asadi: the last word of a full name, when it is
        long enough to mean something; used only when no full name matches."""
        for text in (actor.name, *actor.aliases):
            ws = name_key(text).split()
            if len(ws) < 2 or len(ws[-1]) < 4 or ws[-1] in ("bin", "abu"):
                continue
            _add_hit(self.surnames, ws[-1], AliasHit(actor.id, "surname", None, actor.tier))

    def _unindex(self, actor_id: str) -> None:
        self.forget()
        for index in (self.exact, self.surnames, self.acronyms):
            for key in list(index):
                index[key] = [h for h in index[key] if h.actor_id != actor_id]
                if not index[key]:
                    del index[key]
        for skel in list(self.skeleton):
            self.skeleton[skel] = [(k, h) for k, h in self.skeleton[skel] if h.actor_id != actor_id]
            if not self.skeleton[skel]:
                del self.skeleton[skel]
        for table in (self.offices, self.members):
            for k in list(table):
                table[k] = [(r, a) for r, a in table[k] if a != actor_id]  # type: ignore[index]

    def add_title(self, title: Title) -> None:
        self.titles[title.title] = title
        for alias in (title.title, *title.aliases):
            self.title_index[name_key(alias)] = title.title

    # -- queries --------------------------------------------------------------------
    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def _memo(self) -> dict[tuple[str, str], Any]:
        memo = self.__dict__.get("_answers")
        if memo is None or len(memo) > MEMO_SIZE:
            memo = self._answers = {}
        return memo

    def lookup(self, text: str) -> tuple[list[AliasHit], str]:
        """Registry entries for a surface string, and how they matched (exact/skeleton/'').
        Answers are memoised: callers must not change the list."""
        memo = self._memo()
        found = memo.get(("l", text))
        if found is None:
            found = memo[("l", text)] = self._lookup(text)
        return found

    def _lookup(self, text: str) -> tuple[list[AliasHit], str]:
        key = name_key(text)
        if key in self.not_actors:
            return [], ""
        if is_acronym(text):
            hits = self.acronyms.get(text.replace(".", ""))
            if hits:
                return _best_tier(hits), "exact"
        hits = self.exact.get(key)
        if hits:
            return _best_tier(hits), "exact"
        skel = skeleton_key(text)
        if skeleton_size(skel) >= 3:  # demonyms, capitals and seats have fixed spellings
            hits = [h for k, h in self.skeleton.get(skel, ())
                    if h.form in ("name", "alias") and plausible_spelling(key, k, h.tier)]  # fmt: skip
            if hits:
                return _best_tier(hits), "skeleton"
        return [], ""

    def surname(self, text: str) -> list[AliasHit]:
        """Persons whose full name ends in this one word ("Al-Asadi")."""
        key = name_key(text)
        return list(self.surnames.get(key, ())) if " " not in key else []

    def fuzzy(self, text: str) -> tuple[list[AliasHit], float]:
        """Entries whose key is within the tuned rapidfuzz cutoff of ``text`` (names of at
        least two words only), and the score; ``([], 0)`` when none is close or when two
        different actors are about equally close."""
        memo = self._memo()
        found = memo.get(("f", text))
        if found is None:
            found = memo[("f", text)] = self._fuzzy_match(text)
        return found

    def _fuzzy_match(self, text: str) -> tuple[list[AliasHit], float]:
        from .fuzzy import FuzzyIndex, eligible

        if self._fuzzy is None:
            settings = rules().fuzzy
            names = {k: hs for k, hs in self.exact.items()
                     if eligible(k, settings) and any(h.form in ("name", "alias") and (
                                         h.tier != PRIMARY
                                         or self.actors[h.actor_id].kind != "country")
                                         for h in hs)}  # fmt: skip
            self._fuzzy = FuzzyIndex(names, settings)
        query = name_key(text)
        found = self._fuzzy.best(query)
        if found is None:
            return [], 0.0
        key, score = found
        hits = _best_tier(self.exact[key])
        if not _same_words(query, key, min(h.tier for h in hits)):
            return [], 0.0
        return hits, score

    def holder(
        self,
        country: str,
        title: str,
        on: date | None,
        host: str | None = None,
        region: str | None = None,
    ) -> tuple[Actor, Role] | None:
        """Who held ``title`` in ``country`` on ``on``: a national office unless ``region`` is
        given; for an ambassador, the one posted to ``host``. A substantive holder wins over
        an acting one."""
        best: tuple[Role, str] | None = None
        for role, actor_id in self.offices.get((country, title), ()):
            if (host is not None and role.host != host) or role.region != region:
                continue
            if role.active(on) and (
                best is None
                or (not role.acting, role.start or date.min)
                > (not best[0].acting, best[0].start or date.min)
            ):
                best = (role, actor_id)
        if best is None:
            return None
        return self.actors[best[1]], best[0]

    def head_of(
        self, organisation: Actor, title: str, on: date | None, heads: Iterable[str] = ()
    ) -> tuple[Actor, Role] | None:
        """Who held ``title`` in ``organisation`` on ``on`` ("the leader of the PMF"); failing
        that, who held one of the ``heads`` titles there (chairman, secretary-general …)."""
        roles = [(r, a) for n in (organisation.name, *organisation.aliases)
                 for r, a in self.members.get(name_key(n), ()) if r.active(on)]  # fmt: skip
        for wanted in (lambda t: t == title, lambda t: t in set(heads)):
            found = [(r, a) for r, a in roles if wanted(r.title)]
            if found:
                r, a = max(found, key=lambda x: (not x[0].acting, x[0].start or date.min))
                return self.actors[a], r
        return None

    def region(self, text: str) -> tuple[str, str] | None:
        """The region of a sub-national office named by ``text``, and its country
        ("Basra" → ("Basra", "IRQ"))."""
        return self.regions.get(name_key(text))

    def country_of_demonym(self, text: str) -> Actor | None:
        for hit in self.exact.get(name_key(text), ()):
            if (
                hit.form in ("demonym", "name", "alias")
                and self.actors[hit.actor_id].kind == "country"
            ):
                return self.actors[hit.actor_id]
        return None


def __getattr__(name: str) -> Any:  # loading lives in loader.py; keep the old import paths
    if name in ("load_registry", "iter_actor_file", "parse_actor", "build_registry",
                "read_actor_file", "actor_files"):  # fmt: skip
        from . import loader

        return getattr(loader, name)
    raise AttributeError(name)
