"""Stage ``mizan_actors``: find actor mentions and resolve them against the registry.

A mention is a token span with the resolved actor (or a provisional one), its country,
sector and — for a person — the office held on the document's date. Sources, in order:

1. registry names and aliases in every spelling ("Mustafa Al-Kazemi" → mustafa-al-kadhimi);
2. titles ("the Iraqi prime minister", "Saudi Foreign Minister Faisal bin Farhan"), which
   resolve to the named person or to the office-holder on the date;
3. agent nouns with a country ("Iraqi security forces" → IRQ COP);
4. named entities not in the registry (provisional actors);
5. "he"/"she" and bare surnames, to the latest matching person in the document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..actors.normalize import name_key
from ..actors.registry import Actor, AliasHit, Registry, Role, load_registry

PERSON_PRONOUNS = {"he", "she", "him", "her"}
NAME_ENTS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"}
SKIP_WORDS = {"the", "a", "an"}
INDEFINITE = {"a", "an", "any", "some", "every", "each", "no", "another", "several", "many"}


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
    how: str = "registry"  # registry | skeleton | title | office | agent | ner | coref
    metonym: str | None = None  # "capital" or "seat" when the name is also a place

    def as_actor(self) -> dict[str, object]:
        """The record's actor block."""
        return {"text": self.text, "name": self.name, "id": self.actor_id,
                "country": self.country, "sector": self.sector, "role": self.role}  # fmt: skip


class ActorTagger:
    """Finds and resolves actor mentions; writes ``doc._.mizan_actors`` and ``doc._.mizan_focus``."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.max_n = min(10, registry.max_alias_words * 2 + 2)
        self.title_keys = {self._title_key(a.split()): t for a, t in self._title_aliases()}
        self.max_title = max((len(k.split()) for k in self.title_keys), default=1) + 2

    # -- helpers ----------------------------------------------------------------------
    def _title_aliases(self) -> Iterable[tuple[str, str]]:
        for title in self.registry.titles.values():
            for alias in (title.title, *title.aliases):
                yield alias.lower(), title.title

    def _is_country_word(self, text: str) -> bool:
        return self.registry.country_of_demonym(text) is not None

    def _title_key(self, ws: list[str]) -> str:
        return " ".join(w for w in ws if w not in SKIP_WORDS and not self._is_country_word(w))

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

    # -- passes -----------------------------------------------------------------------
    def _registry_pass(self, doc: Doc, on: date | None) -> list[ActorMention]:
        found: list[ActorMention] = []
        i, n = 0, len(doc)
        while i < n:
            tok = doc[i]
            if not (tok.text[:1].isupper() or tok.is_alpha and not tok.is_ascii) or tok.is_punct:
                i += 1
                continue
            matched = None
            for size in range(min(self.max_n, n - i), 0, -1):
                span = doc[i : i + size]
                if span[-1].is_punct or span.end > span.sent.end or any(t.is_space for t in span):
                    continue
                hits, how = self.registry.lookup(span.text)
                if not hits:
                    continue
                if how == "skeleton" and not all(t.pos_ == "PROPN" or t.is_punct for t in span):
                    continue
                matched = (span, hits, how)
                break
            if matched is None:
                i += 1
                continue
            span, hits, how = matched
            actor, hit, n_cand = self._choose(hits, on, span)
            role = actor.role_on(on)
            sector = hit.sector or (role.sector if role and role.sector else actor.sector)
            conf = (1.0 if how == "exact" else 0.85) * (1.0 if n_cand == 1 else 0.7)
            found.append(ActorMention(
                start=span.start, end=span.end, text=span.text, actor_id=actor.id,
                name=actor.name, kind=actor.kind, country=actor.country, sector=sector,
                role=role.title if role else None, confidence=round(conf, 3), how=how,
                metonym=hit.form if hit.form in ("capital", "seat") else
                ("demonym" if hit.form == "demonym" else None),
            ))  # fmt: skip
            i = span.end
        return found

    def _country_near(
        self, doc: Doc, start: int, end: int, mentions: dict[int, ActorMention]
    ) -> tuple[str | None, int, int]:
        """A country named just before ("Iraqi", "Iraq's") or after ("of Iraq") a span."""
        j = start - 1
        while j >= 0 and doc[j].lower_ in SKIP_WORDS | {"'s", "’s"}:
            j -= 1
        m = mentions.get(j)
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

    def _host(self, doc: Doc, end: int, by_start: dict[int, ActorMention]) -> str | None:
        """ "ambassador to Iraq": the country after "to"."""
        if end < len(doc) and doc[end].lower_ == "to":
            k = end + 1 + (end + 1 < len(doc) and doc[end + 1].lower_ == "the")
            m = by_start.get(k)
            if m is not None and m.kind == "country":
                return m.country
        return None

    def _antecedent(
        self, prior: list[ActorMention], country: str | None, title: str
    ) -> ActorMention | None:
        """ "the minister", "the Saudi minister": the latest person before with such a role."""
        word = title.split()[-1]
        for m in reversed(prior):
            if (
                m.kind == "person"
                and m.role
                and word in m.role
                and (country is None or m.country == country)
            ):
                return m
        return None

    def _title_pass(
        self, doc: Doc, on: date | None, found: list[ActorMention], focus: str | None
    ) -> list[ActorMention]:
        by_start = {m.start: m for m in found}
        covered = {t for m in found if m.kind != "country" for t in range(m.start, m.end)}
        out: list[ActorMention] = []
        consumed: set[int] = set()
        i = 0
        while i < len(doc):
            if i in covered or doc[i].is_punct or not doc[i].is_alpha:
                i += 1
                continue
            hit = None
            for size in range(min(self.max_title, len(doc) - i), 0, -1):
                span = doc[i : i + size]
                if any(t.i in covered for t in span) or span.end > span.sent.end:
                    continue
                words = [t.lower_ for t in span]
                if words[0] in SKIP_WORDS or self._is_country_word(words[-1]):
                    continue
                key = self._title_key(words)
                if key in self.title_keys and key:
                    hit = (span, self.title_keys[key])
                    break
            if hit is None:
                i += 1
                continue
            span, title = hit
            info = self.registry.titles[title]
            inner = [
                by_start[t.i] for t in span if t.i in by_start and by_start[t.i].kind == "country"
            ]
            country, start, end = self._country_near(doc, span.start, span.end, by_start)
            if inner:
                country = inner[0].country
            det = next(
                (t for t in doc[max(start - 3, span.sent.start) : span.start] if t.dep_ == "det"),
                None,
            )
            indefinite = det is not None and det.lower_ in INDEFINITE
            prior = sorted((m for m in found + out if m.end <= start), key=lambda m: m.start)
            # a person named right after the title: "Prime Minister Mustafa al-Kadhimi"
            after = end + 1 if end < len(doc) and doc[end].text == "," else end
            named = by_start.get(after)
            if named is not None and named.kind == "person":
                consumed.update(
                    {m.start for m in found if start <= m.start < named.end and m is not named}
                )
                consumed.add(named.start)
                out.append(replace(named, start=start, end=named.end, text=doc[start:named.end].text,
                                   role=named.role or title))  # fmt: skip
                i = named.end
                continue
            if after < len(doc) and doc[after].ent_type_ == "PERSON" and after not in covered:
                ent_end = after
                while ent_end < len(doc) and doc[ent_end].ent_type_ == "PERSON":
                    ent_end += 1
                consumed.update({m.start for m in found if start <= m.start < ent_end})
                out.append(ActorMention(
                    start=start, end=ent_end, text=doc[start:ent_end].text, actor_id=None,
                    name=doc[after:ent_end].text, kind="person", country=country or focus,
                    sector=info.sector, role=title, confidence=0.6, how="title",
                ))  # fmt: skip
                i = ent_end
                continue
            i = end
            if indefinite and country is None:
                continue  # "any leader", "a minister": nobody in particular
            consumed.update({m.start for m in found if start <= m.start < end})
            resolved: tuple[Actor, Role] | None = None
            antecedent = None
            if doc[end - 1].lower_ in ("to", "of", "in") and end - 1 > span.start:
                end -= 1
            host = self._host(doc, end, by_start) if title == "ambassador" else None
            if not indefinite and host and country:
                resolved = self.registry.holder(country, title, on, host)
            elif not indefinite and info.generic:
                antecedent = self._antecedent(prior, country, title)
            elif not indefinite and (country or focus):
                resolved = self.registry.holder(country or focus or "", title, on)
            text = doc[start:end].text
            if antecedent is not None:
                out.append(
                    replace(
                        antecedent,
                        start=start,
                        end=end,
                        text=text,
                        confidence=round(antecedent.confidence * 0.85, 3),
                        how="coref",
                    )
                )
            elif resolved is not None:
                actor, role = resolved
                out.append(ActorMention(
                    start=start, end=end, text=text, actor_id=actor.id, name=actor.name,
                    kind=actor.kind, country=actor.country,
                    sector=role.sector or info.sector or actor.sector, role=role.title,
                    confidence=0.9 if country else 0.7, how="office",
                ))  # fmt: skip
            else:
                out.append(ActorMention(
                    start=start, end=end, text=text, actor_id=None, name=text, kind="person",
                    country=country or (None if indefinite else focus), sector=info.sector or "GOV",
                    role=title, confidence=0.5 if country else 0.35, how="title",
                ))  # fmt: skip
        kept = [m for m in found if m.start not in consumed]
        return kept + out

    def _agent_pass(
        self, doc: Doc, found: list[ActorMention], focus: str | None
    ) -> list[ActorMention]:
        covered = {t for m in found for t in range(m.start, m.end)}
        by_start = {m.start: m for m in found}
        by_token = {t: m for m in found for t in range(m.start, m.end)}
        out: list[ActorMention] = []
        agents = self.registry.agents
        for tok in doc:
            if tok.i in covered or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            sector = agents.get(tok.lower_) or agents.get(tok.lemma_.lower())
            if tok.i > 0 and doc[tok.i - 1].i not in covered:
                prev = doc[tok.i - 1].lower_
                sector = (
                    agents.get(f"{prev} {tok.lower_}")
                    or agents.get(f"{prev} {tok.lemma_.lower()}")
                    or sector
                )
            if sector is None or tok.dep_ == "compound":
                continue
            country = None
            left = tok.left_edge.i
            for child in tok.children:
                m = by_token.get(child.i)
                if (
                    m is not None
                    and m.kind == "country"
                    and child.dep_ in ("amod", "compound", "poss", "nmod")
                ):
                    country = m.country
            if country is None:
                c, s, _ = self._country_near(doc, tok.i, tok.i + 1, by_start)
                country = c
            start = left if country else tok.i
            text = doc[start : tok.i + 1].text
            out.append(ActorMention(
                start=start, end=tok.i + 1, text=text, actor_id=None, name=text,
                kind="group", country=country or focus, sector=sector,
                confidence=0.8 if country else 0.55, how="agent",
            ))  # fmt: skip
        drop = {t for m in out for t in range(m.start, m.end)}
        kept = [m for m in found if not (m.kind == "country" and m.start in drop)]
        return kept + out

    def _ner_pass(
        self, doc: Doc, found: list[ActorMention], focus: str | None
    ) -> list[ActorMention]:
        covered = {t for m in found for t in range(m.start, m.end)}
        out = []
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG") or any(t.i in covered for t in ent):
                continue
            country, sector = None, "UNK" if ent.label_ == "ORG" else "CVL"
            for t in doc[max(ent.start - 3, ent.sent.start) : ent.start]:
                c = self.registry.country_of_demonym(t.text)
                if c is not None:
                    country = c.id
                s = self.registry.agents.get(t.lower_)
                if s is not None:
                    sector = s
            out.append(ActorMention(
                start=ent.start, end=ent.end, text=ent.text, actor_id=None, name=ent.text,
                kind="person" if ent.label_ == "PERSON" else "organisation",
                country=country, sector=sector, confidence=0.4, how="ner",
            ))  # fmt: skip
        return found + out

    def _coref_pass(self, doc: Doc, found: list[ActorMention]) -> list[ActorMention]:
        """Pronouns and provisional surnames to the latest person resolved before them."""
        found.sort(key=lambda m: m.start)
        surnames: dict[str, ActorMention] = {}
        out: list[ActorMention] = []
        covered = {t for m in found for t in range(m.start, m.end)}
        pronouns = [
            t
            for t in doc
            if t.lower_ in PERSON_PRONOUNS and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
        ]
        events = sorted(
            [(m.start, "m", m) for m in found] + [(t.i, "p", t) for t in pronouns],
            key=lambda x: x[0],
        )
        last_person: ActorMention | None = None
        for _, what, obj in events:
            if what == "m":
                m = obj
                assert isinstance(m, ActorMention)
                if m.kind == "person" and m.actor_id is None and m.how == "ner":
                    prior = surnames.get(name_key(m.text).split()[-1] if name_key(m.text) else "")
                    if prior is not None:
                        m = replace(m, actor_id=prior.actor_id, name=prior.name, country=prior.country,
                                    sector=prior.sector, role=prior.role, confidence=0.8, how="coref")  # fmt: skip
                if m.kind == "person":
                    last_person = m
                    key = name_key(m.name)
                    if m.actor_id and key:
                        surnames[key.split()[-1]] = m
                out.append(m)
            else:
                tok = obj
                assert isinstance(tok, Token)
                if last_person is not None and tok.i not in covered and last_person.actor_id:
                    out.append(replace(last_person, start=tok.i, end=tok.i + 1, text=tok.text,
                                       confidence=round(last_person.confidence * 0.8, 3), how="coref"))  # fmt: skip
        return out

    @staticmethod
    def _focus(found: list[ActorMention]) -> str | None:
        counts = Counter(
            m.country
            for m in found
            if m.country and m.how in ("exact", "skeleton", "registry", "office")
        )
        return counts.most_common(1)[0][0] if counts else None

    def __call__(self, doc: Doc) -> Doc:
        on = doc._.mizan_date
        found = self._registry_pass(doc, on)
        focus = self._focus(found)
        found = self._title_pass(doc, on, found, focus)
        found = self._agent_pass(doc, found, focus)
        found = self._ner_pass(doc, found, focus)
        found = self._coref_pass(doc, found)
        found.sort(key=lambda m: (m.start, -m.end))
        doc._.mizan_actors = found
        doc._.mizan_focus = focus or self._focus(found)
        return doc


@Language.factory("mizan_actors", default_config={"extra_actors": []})
def make_actor_tagger(nlp: Language, name: str, extra_actors: list[str]) -> ActorTagger:
    return ActorTagger(load_registry([Path(p) for p in extra_actors]))
