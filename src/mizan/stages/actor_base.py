"""The actor mention, and what every pass of the actor stage shares: the registry, the cue
words, and helpers that turn a registry entry into a mention."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span

from ..actors.cues import Cues, load_cues
from ..actors.normalize import rules
from ..actors.normalize import words as name_words
from ..actors.registry import Actor, AliasHit, Registry, Role
from ..ontology import PSEUDO_COUNTRIES
from .actor_spelling import CountryTypos

SKIP_WORDS = {"the", "a", "an"}
LEADING = {"the", "near", "in", "at", "from", "to"}  # words the NER sometimes takes into a name
INDEFINITE = {"a", "an", "any", "some", "every", "each", "no", "another", "several", "many"}
INNER_PUNCT = {"-", ".", "'", "’", "&", "'s", "’s"}
NAME_ENTS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"}
RESOLVED = ("exact", "skeleton", "surname", "office", "fuzzy")


@dataclass
class ActorMention:
    start: int  # token offsets in the Doc
    end: int
    text: str
    actor_id: str | None
    name: str
    kind: str  # person | organisation | country | igo | group (agents) | unknown
    country: str | None
    sector: str | None
    role: str | None = None
    confidence: float = 1.0
    how: str = (
        "registry"  # exact | skeleton | surname | fuzzy | title | office | agent | ner | coref
    )
    # how a country is named: "demonym" ("Iraqi"); "capital"/"seat" when a capital or seat of
    # government acts as the government ("Tehran rejected", "the Kremlin said"); "place" when
    # it is only where something happens ("in Tehran", "visited the Kremlin"): not an actor
    # of its own, but a visit's destination; "government" for "the Asad regime", "we"
    metonym: str | None = None
    provisional: str | None = None  # an unknown actor's cluster key, the same across documents

    def as_actor(self) -> dict[str, object]:
        """The record's actor block."""
        return {"text": self.text, "name": self.name, "id": self.actor_id,
                "country": self.country, "sector": self.sector, "role": self.role}  # fmt: skip


class TaggerBase:
    """State and helpers shared by the passes (stages/actors.py and its pass modules)."""

    def __init__(self, registry: Registry, cues: Cues | None = None) -> None:
        self.registry = registry
        self._country_words: dict[str, bool] = {}
        self._titles_seen: dict[tuple[str, ...], str | None] = {}
        self._token_flags: dict[int, tuple[bool, bool, bool]] = {}
        self.cues = cues or load_cues()
        self.max_n = min(10, registry.max_alias_words * 2 + 2)
        self.title_keys = {self._title_key(a.split()): t for a, t in self._title_aliases()}
        # "the Foreign Secretary" is the UK's when the text names no country (titles.yaml)
        self.title_styles = {self._title_key(a.split()): c for t in registry.titles.values()
                             for a, c in t.styles}  # fmt: skip
        self.title_ends = {k.split()[-1] for k in self.title_keys if k}
        self.title_words = frozenset(w for k in self.title_keys for w in k.split()) | {
            w.lower() for w in rules().honorifics}
        self.max_title = max((len(k.split()) for k in self.title_keys), default=1) + 3
        self.honorifics = rules().honorifics | rules().articles
        self.articles = frozenset(rules().articles)
        self.person_heads = frozenset(self.title_ends | self.cues.person_nouns)
        self.connectors = self._connectors(registry)
        self.connector_hashes = frozenset(hash_string(w) for w in self.connectors)
        self.agent_words = frozenset(w.split()[-1] for w in registry.agents)
        self._gazetteer: Any = None
        self.typos = CountryTypos(registry, self.cues)
        self.nouns_of: dict[str, frozenset[str]] = {}
        for a in registry.actors.primary():
            if a.kind == "country":
                text = " ".join(name_words(" ".join((a.name, *a.aliases))))
                nouns = frozenset(n for n in self.cues.country_nouns if f" {n} " in f" {text} ")
                if nouns:
                    self.nouns_of[a.id] = nouns

    # -- helpers ----------------------------------------------------------------------
    def kind_before(self, doc: Doc, i: int) -> bool:
        """Is the name at token ``i`` right after a noun for the kind of organisation it
        names ("the news agency Sana", "the German company Züblin", "the terrorist group
        ISIL"; ``group_nouns`` in cues.yaml)? Then it is that organisation's name, whatever
        else the name may be (a capital, a place, a person's name)."""
        if i == 0:
            return False
        t = doc[i - 1]
        return (t.is_lower and t.is_alpha and t.lower_ in self.cues.group_nouns
                and bool(t.whitespace_) and doc[i].text[:1].isupper())  # fmt: skip

    @staticmethod
    def _connectors(registry: Registry) -> frozenset[str]:
        """Short lower-case words inside names ("of", "al", "bin", "the")."""
        out: set[str] = set()
        for a in registry.actors.primary():
            for alias in (a.name, *a.aliases):
                for w in alias.replace("-", " ").split()[1:]:
                    if w.islower() and len(w) <= 4:
                        out.add(w)
        r = rules()
        return frozenset(out | r.articles | set(r.kinship) | {"'s", "’s", "of", "the", "and"})

    def _title_aliases(self) -> Iterable[tuple[str, str]]:
        for title in self.registry.titles.values():
            for alias in (title.title, *title.aliases):
                yield alias.lower(), title.title

    def _is_country_word(self, text: str) -> bool:
        known = self._country_words.get(text)
        if known is None:
            known = self._country_words[text] = self.registry.country_of_demonym(text) is not None
        return known

    def _title_key(self, ws: list[str] | tuple[str, ...]) -> str:
        return " ".join(w for w in ws if w not in SKIP_WORDS and not self._is_country_word(w))

    def _title_of(self, ws: tuple[str, ...]) -> str | None:
        """The title these lower-case words name ("the Iraqi prime minister" → prime
        minister), if any; memoised by the words."""
        memo = self._titles_seen
        if ws in memo:
            return memo[ws]
        key = self._title_key(ws)
        title = self.title_keys.get(key) if key else None
        if len(memo) > 100_000:
            memo.clear()
        memo[ws] = title
        return title

    def _role_title(self, role: Role | None) -> str | None:
        return role.title if role is not None and role.title in self.registry.titles else None

    def _choose(
        self, hits: list[AliasHit], on: date | None, span: Span
    ) -> tuple[Actor, AliasHit, int]:
        """Pick among homonyms: prefer names over demonyms, people in office, PERSON spans."""
        is_person = any(t.ent_type_ == "PERSON" for t in span)

        def score(hit: AliasHit) -> tuple[int, int, int]:
            actor = self.registry.actors[hit.actor_id]
            return (
                int(hit.form in ("name", "alias")),
                int(actor.role_on(on) is not None),
                int((actor.kind == "person") == is_person),
            )

        ranked = sorted(hits, key=score, reverse=True)
        best = ranked[0]
        return self.registry.actors[best.actor_id], best, len({h.actor_id for h in hits})

    def _mention(
        self, span: Span, actor: Actor, on: date | None, how: str, conf: float,
        sector: str | None = None, metonym: str | None = None,
    ) -> ActorMention:  # fmt: skip
        role = actor.role_on(on)
        # the office held on the date says whom a person acts for: Kofi Annan, a Ghanaian, as
        # UN Secretary-General (1997-2006) is the UN's
        country = role.country if role is not None and role.country and actor.kind == "person" \
            else actor.country
        return ActorMention(
            start=span.start, end=span.end, text=span.text, actor_id=actor.id, name=actor.name,
            kind=actor.kind, country=country, sector=sector or actor.sector_on(on),
            role=self._role_title(role), confidence=round(conf, 3), how=how, metonym=metonym,
        )  # fmt: skip

    def _country_mention(self, doc: Doc, start: int, end: int, country: str) -> ActorMention:
        actor = self.registry.actors[country]
        return ActorMention(
            start=start, end=end, text=doc[start:end].text, actor_id=actor.id, name=actor.name,
            kind="country", country=actor.country, sector="GOV", confidence=0.75, how="coref",
        )  # fmt: skip

    @staticmethod
    def _focus(found: list[ActorMention]) -> str | None:
        """The country the text is most about: the most named state among resolved mentions;
        never a pseudo-country ("IMG" for ISIL), which is no country that people, places or
        unnamed forces belong to."""
        counts = Counter(m.country for m in found if m.country and m.how in RESOLVED
                         and m.country not in PSEUDO_COUNTRIES)  # fmt: skip
        return counts.most_common(1)[0][0] if counts else None

    def _country_near(
        self, doc: Doc, start: int, end: int, mentions: dict[int, ActorMention]
    ) -> tuple[str | None, int, int]:
        """A country named just before ("Iraqi", "Iraq's") or after ("of Iraq") a span."""
        j = start - 1
        while j >= 0 and doc[j].lower_ in SKIP_WORDS | {"'s", "’s"}:
            j -= 1
        m = next((mentions[k] for k in range(j, max(j - 3, -1), -1)  # "South African"
                  if k in mentions and mentions[k].end == j + 1), None)  # fmt: skip
        if m is not None and m.kind == "country":
            lead = m.start
            if lead > 0 and doc[lead - 1].lower_ in SKIP_WORDS:
                lead -= 1
            return m.country, lead, end
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            k = end + 1
            if doc[k].lower_ == "the":
                k += 1
            m = mentions.get(k)
            if m is not None and m.kind == "country":
                return m.country, start, m.end
        return None, start, end
