"""Stage ``mizan_actors``: find actor mentions and resolve them against the registry.

A mention is a token span with the resolved actor (or a provisional one), its country,
sector and — for a person — the office held on the document's date. Passes, in order:

1. registry names and aliases in every spelling ("Mustafa Al-Kazemi" → mustafa-al-kadhimi),
   bare surnames of people in office on the date ("Al-Asadi"), and capitals and seats of
   government only where they act ("Tehran rejected"; "in Tehran" stays a place);
2. titles ("the Iraqi prime minister", "Saudi Foreign Minister Faisal bin Farhan", "the
   governor of Basra"), which resolve to the named person or to the office-holder on the date;
3. "the Kingdom", "the Islamic Republic" → the country meant;
4. agent nouns with a country ("Iraqi security forces" → IRQ COP);
5. named entities not in the registry: a fuzzy registry match, else a provisional actor with
   country and sector from context ("Iraqi activist Reham Yaqoub" → IRQ CVL);
6. coreference: later spellings, surnames and pronouns (stages/actor_coref.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy
from spacy.language import Language
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span

from ..actors.cues import Cues, load_cues
from ..actors.loader import load_registry
from ..actors.normalize import name_key, rules, skeleton_key
from ..actors.normalize import words as name_words
from ..actors.registry import PRIMARY, Actor, AliasHit, Registry, Role
from .actor_context import DocInfo, acts_as_government, describe, provisional_key
from .actor_coref import (
    link_acronyms,
    link_appositions,
    merge_names,
    resolve_country_nouns,
    resolve_first_person,
    resolve_plural,
    resolve_pronouns,
)

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


class ActorTagger:
    """Finds and resolves actor mentions; writes ``doc._.mizan_actors`` and ``doc._.mizan_focus``."""

    def __init__(self, registry: Registry, cues: Cues | None = None) -> None:
        self.registry = registry
        self._country_words: dict[str, bool] = {}
        self.cues = cues or load_cues()
        self.max_n = min(10, registry.max_alias_words * 2 + 2)
        self.title_keys = {self._title_key(a.split()): t for a, t in self._title_aliases()}
        self.title_ends = {k.split()[-1] for k in self.title_keys if k}
        self.max_title = max((len(k.split()) for k in self.title_keys), default=1) + 3
        self.honorifics = rules().honorifics | rules().articles
        self.connectors = self._connectors(registry)
        self.connector_hashes = numpy.array([hash_string(w) for w in self.connectors],
                                            dtype="uint64")  # fmt: skip
        self.agent_words = frozenset(w.split()[-1] for w in registry.agents)
        self._gazetteer: Any = None
        self.nouns_of: dict[str, frozenset[str]] = {}
        for a in registry.actors.primary():
            if a.kind == "country":
                text = " ".join(name_words(" ".join((a.name, *a.aliases))))
                nouns = frozenset(n for n in self.cues.country_nouns if f" {n} " in f" {text} ")
                if nouns:
                    self.nouns_of[a.id] = nouns

    # -- helpers ----------------------------------------------------------------------
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

    def _title_key(self, ws: list[str]) -> str:
        return " ".join(w for w in ws if w not in SKIP_WORDS and not self._is_country_word(w))

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
        return ActorMention(
            start=span.start, end=span.end, text=span.text, actor_id=actor.id, name=actor.name,
            kind=actor.kind, country=actor.country, sector=sector or actor.sector_on(on),
            role=self._role_title(role), confidence=round(conf, 3), how=how, metonym=metonym,
        )  # fmt: skip

    # -- pass 1: names ------------------------------------------------------------------
    @staticmethod
    def _span_ok(span: Span, sent_end: list[int]) -> bool:
        if span.end > sent_end[span.start] or span[-1].is_punct:
            return False
        return not any(t.is_space or t.is_punct and t.text not in INNER_PUNCT for t in span)

    def _underlay_ok(self, span: Span) -> bool:
        """Names only the Phoenix underlay knows must look like names: two words or more, or
        one proper noun that the NER also tags."""
        alpha = [t for t in span if t.is_alpha]
        if len(alpha) >= 2:
            return all(t.pos_ == "PROPN" or t.is_punct or t.lower_ in ("of", "for", "and", "the")
                       for t in span)  # fmt: skip
        return bool(alpha) and alpha[0].pos_ == "PROPN" and alpha[0].ent_type_ in NAME_ENTS

    @staticmethod
    def _people(span: Span) -> bool:
        """A plural demonym used as a noun ("Syrians", "the Iraqis"), not as a modifier."""
        root = span.root
        return root.tag_ in ("NNS", "NNPS") and root.dep_ not in ("amod", "compound", "nmod")

    def _surname(self, span: Span, on: date | None) -> Actor | None:
        """A bare surname ("Al-Asadi") for the one person with that surname in office."""
        if not all(t.pos_ == "PROPN" or t.ent_type_ == "PERSON" or t.text == "-" for t in span):
            return None
        hits = self.registry.surname(span.text)
        active = {h.actor_id for h in hits if self.registry.actors[h.actor_id].role_on(on)}
        return self.registry.actors[next(iter(active))] if len(active) == 1 else None

    def _registry_pass(self, doc: Doc, on: date | None, info: DocInfo) -> list[ActorMention]:
        n = len(doc)
        sent_end = info.sent_end
        text = doc.text
        idx = info.idx
        ends = [a + b for a, b in zip(idx, info.length, strict=True)]
        alpha = info.alpha.tolist()
        connectors = numpy.isin(info.lower_h, self.connector_hashes).tolist()
        starts = [False] * n  # may start a name
        namey = [False] * n  # may be inside a name
        last_ok = [False] * n  # may end a name
        for i in range(n):
            if info.space[i]:
                continue
            first = text[idx[i]]
            cap = not info.punct[i] and (first.isupper() or alpha[i] and not info.ascii[i])
            starts[i] = cap
            namey[i] = (
                cap
                or info.digit[i]
                or connectors[i]
                or (info.punct[i] and text[idx[i] : ends[i]] in INNER_PUNCT)
            )
            last_ok[i] = not info.punct[i] and (cap or info.digit[i] or alpha[i])
        found: list[ActorMention] = []
        i = 0
        while i < n:
            if not starts[i]:
                i += 1
                continue
            limit = min(n, sent_end[i], i + self.max_n)
            run = i + 1
            while run < limit and namey[run]:
                run += 1
            matched = None
            for j in range(run, i, -1):  # the longest name first
                if not last_ok[j - 1]:
                    continue
                hits, how = self.registry.lookup(text[idx[i] : ends[j - 1]])
                if not hits:
                    continue
                span = doc[i:j]
                if how == "skeleton" and not all(t.pos_ == "PROPN" or t.is_punct for t in span):
                    continue
                if all(h.tier != PRIMARY for h in hits) and not self._underlay_ok(span):
                    continue
                matched = (span, hits, how)
                break
            if matched is None:
                for j in range(min(run, i + 3), i, -1):
                    if not last_ok[j - 1] or not self.registry.surname(text[idx[i] : ends[j - 1]]):
                        continue
                    span = doc[i:j]
                    actor = self._surname(span, on)
                    if actor is not None:
                        found.append(self._mention(span, actor, on, "surname", 0.75))
                        i = j - 1
                        break
                i += 1
                continue
            span, hits, how = matched
            actor, hit, n_cand = self._choose(hits, on, span)
            if hit.form == "demonym" and actor.kind == "country" and self._people(span):
                found.append(ActorMention(  # "Syrians fled": the people, not the state
                    start=span.start, end=span.end, text=span.text, actor_id=None,
                    name=span.text, kind="group", country=actor.id, sector="CVL",
                    confidence=0.7, how="agent",
                ))  # fmt: skip
                i = span.end
                continue
            conf = (1.0 if how == "exact" else 0.85) * (1.0 if n_cand == 1 else 0.7)
            metonym = hit.form if hit.form in ("capital", "seat", "demonym") else None
            if metonym in ("capital", "seat") and not acts_as_government(span, self.cues):
                metonym = "place"  # "in Tehran", "visited the Kremlin": the place, not an actor
            found.append(self._mention(span, actor, on, how, conf, hit.sector, metonym))
            i = span.end
        return found

    # -- pass 2: titles -------------------------------------------------------------------
    def _country_near(
        self, doc: Doc, start: int, end: int, mentions: dict[int, ActorMention]
    ) -> tuple[str | None, int, int]:
        """A country named just before ("Iraqi", "Iraq's") or after ("of Iraq") a span."""
        j = start - 1
        while j >= 0 and doc[j].lower_ in SKIP_WORDS | {"'s", "’s"}:
            j -= 1
        m = mentions.get(j)
        if m is not None and m.kind == "country" and m.end == j + 1:
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

    def _region_near(
        self, doc: Doc, start: int, end: int
    ) -> tuple[tuple[str, str], int, int] | None:
        """ "governor of Basra", "the Basra governor": a region of a sub-national office."""
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            for size in (3, 2, 1):
                if end + 1 + size <= len(doc):
                    r = self.registry.region(doc[end + 1 : end + 1 + size].text)
                    if r is not None:
                        return r, start, end + 1 + size
        for size in (3, 2, 1):
            if start - size >= 0:
                r = self.registry.region(doc[start - size : start].text)
                if r is not None:
                    return r, start - size, end
        return None

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

    def _find_title(
        self, doc: Doc, e: int, lo: int, covered: set[int], info: DocInfo
    ) -> tuple[Span, str] | None:
        """The longest title ending at token ``e`` and starting at or after ``lo``."""
        first = max(lo, e - self.max_title + 1, info.sent_start[e])
        ws = [info.lower(k) for k in range(first, e + 1)]
        for s in range(first, e + 1):
            if any(k in covered for k in range(s, e + 1)):
                continue
            w = ws[s - first :]
            if w[0] in SKIP_WORDS or not info.alpha[s]:
                continue
            key = self._title_key(w)
            if key and key in self.title_keys:
                return doc[s : e + 1], self.title_keys[key]
        return None

    def _title_pass(
        self, doc: Doc, on: date | None, found: list[ActorMention], focus: str | None,
        info: DocInfo,
    ) -> list[ActorMention]:  # fmt: skip
        by_start = {m.start: m for m in found}
        covered = {t for m in found if m.kind != "country" for t in range(m.start, m.end)}
        out: list[ActorMention] = []
        consumed: set[int] = set()
        lo = 0
        ends = info.where(self.title_ends)
        is_end = set(ends)
        for e in ends:
            if e < lo or e in covered:
                continue
            # the longest title ending here or a little further ("minister of the armies")
            hit = None
            for e2 in range(min(len(doc) - 1, e + 4), e - 1, -1):
                if e2 in is_end:
                    hit = self._find_title(doc, e2, lo, covered, info)
                    if hit is not None:
                        break
            if hit is None:
                continue
            span, title = hit
            lo = self._resolve_title(doc, span, title, on, found, out, by_start, covered,
                                     consumed, focus)  # fmt: skip
        kept = [m for m in found if m.start not in consumed]
        return kept + out

    def _resolve_title(
        self, doc: Doc, span: Span, title: str, on: date | None, found: list[ActorMention],
        out: list[ActorMention], by_start: dict[int, ActorMention], covered: set[int],
        consumed: set[int], focus: str | None,
    ) -> int:  # fmt: skip
        """Resolve one title span; returns the token index where scanning resumes."""
        info = self.registry.titles[title]
        inner = [by_start[t.i] for t in span if t.i in by_start and by_start[t.i].kind == "country"]
        country, start, end = self._country_near(doc, span.start, span.end, by_start)
        if inner:
            country = inner[0].country
        region = None
        if title == "governor" or title == "mayor":
            near = self._region_near(doc, start, end)
            if near is not None:
                region, start, end = near
                country = country or region[1]
        org = None  # "the leader of the Popular Mobilization Forces"
        if info.generic and region is None and end + 1 < len(doc) and doc[end].lower_ == "of":
            k = end + 1
            while k < len(doc) and (doc[k].lower_ == "the" or doc[k].is_quote):
                k += 1
            m = by_start.get(k)
            if m is not None and m.kind in ("organisation", "igo") and m.actor_id:
                org = m
                end = m.end + (m.end < len(doc) and doc[m.end].is_quote)
        det = next(
            (t for t in doc[max(start - 3, span.sent.start) : span.start] if t.dep_ == "det"), None
        )
        indefinite = det is not None and det.lower_ in INDEFINITE
        prior = sorted((m for m in found + out if m.end <= start), key=lambda m: m.start)
        # a person named right after the title: "Prime Minister Mustafa al-Kadhimi"
        after = end + 1 if end < len(doc) and doc[end].text == "," else end
        named = by_start.get(after)
        if named is not None and named.kind == "person":
            consumed.update({m.start for m in found if start <= m.start < named.end
                             and m is not named and m is not org})  # fmt: skip
            consumed.add(named.start)
            person = self.registry.get(named.actor_id) if named.actor_id else None
            held = named.role if person is not None and person.roles else named.role or title
            out.append(replace(named, start=start, end=named.end, text=doc[start:named.end].text,
                               role=held))  # fmt: skip
            return named.end
        if after < len(doc) and doc[after].ent_type_ == "PERSON" and after not in covered:
            ent_end = after
            while ent_end < len(doc) and doc[ent_end].ent_type_ == "PERSON":
                ent_end += 1
            consumed.update({m.start for m in found if start <= m.start < ent_end})
            name = doc[after:ent_end].text
            sector = info.sector or self.cues.descriptors.get(span[-1].lower_) or "UNK"
            out.append(ActorMention(
                start=start, end=ent_end, text=doc[start:ent_end].text, actor_id=None,
                name=name, kind="person", country=country or focus,
                sector=sector, role=title, confidence=0.6, how="ner",
                provisional=provisional_key(name),
            ))  # fmt: skip
            return ent_end
        if indefinite and country is None:
            return span.end  # "any leader", "a minister": nobody in particular
        resolved: tuple[Actor, Role] | None = None
        if org is not None and org.actor_id and not indefinite:
            resolved = self.registry.head_of(
                self.registry.actors[org.actor_id], title, on, self.cues.head_titles
            )
        # the organisation stays a mention of its own, nested in the office-holder's
        consumed.update({m.start for m in found if start <= m.start < end and m is not org})
        if doc[end - 1].lower_ in ("to", "of", "in") and end - 1 > span.start:
            end -= 1
        antecedent = None
        host = self._host(doc, end, by_start) if title == "ambassador" else None
        if resolved is not None:
            pass
        elif not indefinite and host and country:
            resolved = self.registry.holder(country, title, on, host)
        elif not indefinite and region is not None:
            resolved = self.registry.holder(region[1], title, on, region=region[0])
        elif not indefinite and info.generic:
            antecedent = self._antecedent(prior, country, title)
        elif not indefinite and (country or focus):
            resolved = self.registry.holder(country or focus or "", title, on)
        text = doc[start:end].text
        if antecedent is not None:
            out.append(replace(antecedent, start=start, end=end, text=text,
                               confidence=round(antecedent.confidence * 0.85, 3), how="coref"))  # fmt: skip
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
        return end

    # -- pass 3: "the Kingdom" -------------------------------------------------------------
    def _country_mention(self, doc: Doc, start: int, end: int, country: str) -> ActorMention:
        actor = self.registry.actors[country]
        return ActorMention(
            start=start, end=end, text=doc[start:end].text, actor_id=actor.id, name=actor.name,
            kind="country", country=actor.country, sector="GOV", confidence=0.75, how="coref",
        )  # fmt: skip

    # -- pass 4: agent nouns ---------------------------------------------------------------
    def _agent_pass(
        self, doc: Doc, found: list[ActorMention], focus: str | None, info: DocInfo
    ) -> list[ActorMention]:
        """ "Iraqi security forces" → IRQ COP; "ISIL fighters" → ISIS itself; "the Asad
        regime", "the Obama administration" → the government of that person's country;
        "the government of Iraq" → IRQ GOV."""
        covered = {t for m in found for t in range(m.start, m.end)}
        by_start = {m.start: m for m in found}
        by_token = {t: m for m in found for t in range(m.start, m.end)}
        out: list[ActorMention] = []
        absorbed: set[int] = set()  # ids of mentions that became part of an agent phrase
        agents = self.registry.agents
        for i in info.where(self.agent_words, lemma=True):
            tok = doc[i]
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
            country = owner = ruler = None
            left, end = tok.left_edge.i, tok.i + 1
            for child in tok.children:
                m = by_token.get(child.i)
                if m is None or child.dep_ not in ("amod", "compound", "poss", "nmod"):
                    continue
                if m.kind == "country":
                    country = m.country
                elif m.kind in ("organisation", "igo") and m.actor_id:
                    owner = m
                elif m.kind == "person" and m.actor_id and sector == "GOV" and m.country:
                    ruler = m
            if country is None and owner is None and ruler is None:
                country, _, after = self._country_near(doc, tok.i, end, by_start)
                if country is not None and after > end:  # "the government of Iraq"
                    absorbed.update(id(m) for m in found if end <= m.start < after)
                    end = after
            start = left if (country or owner or ruler) else tok.i
            text = doc[start:end].text
            if owner is not None:
                absorbed.add(id(owner))
                out.append(replace(owner, start=start, end=end, text=text, how="agent",
                                   confidence=round(owner.confidence * 0.9, 3), metonym=None))  # fmt: skip
                continue
            if ruler is not None and ruler.country and ruler.country in self.registry.actors:
                absorbed.add(id(ruler))
                out.append(replace(self._country_mention(doc, start, end, ruler.country),
                                   metonym="government", how="agent", confidence=0.8))  # fmt: skip
                continue
            out.append(ActorMention(
                start=start, end=end, text=text, actor_id=None, name=text,
                kind="group", country=country or focus, sector=sector,
                confidence=0.8 if country else 0.55, how="agent",
            ))  # fmt: skip
        drop = {t for m in out for t in range(m.start, m.end)}
        kept = [m for m in found if id(m) not in absorbed
                and not (m.kind == "country" and m.start in drop)]  # fmt: skip
        return kept + out

    # -- pass 5: unknown names ---------------------------------------------------------------
    def _is_place(self, text: str, focus: str | None, countries: set[str]) -> bool:
        """A single name the gazetteer knows as a place in the focus country or in a country
        the document names, spelled like that place (the parser sometimes takes "Raqqah" or
        "Palmyra" for a person; "Ali" is not the Turkish city of Agri)."""
        if self._gazetteer is None:
            from ..gazetteer import load_gazetteer

            self._gazetteer = load_gazetteer()
        place = self._gazetteer.lookup(text, focus)
        if place is None or (place.country != focus and place.country not in countries):
            return False
        return (
            place.precision != "city"
            or place.landmark
            or (skeleton_key(place.name) == skeleton_key(text))
        )

    @staticmethod
    def _name_parts(found: list[ActorMention]) -> dict[str, ActorMention]:
        """First and last words of the people named in full so far ("Karim" → Karim Wasifi)."""
        parts: dict[str, ActorMention] = {}
        for m in found:
            if m.kind != "person" or not (m.actor_id or m.provisional) or m.how == "coref":
                continue
            ws = [w for w in name_key(m.name).split() if w not in ("bin", "abu", "abd", "umm")]
            if len(ws) >= 2:
                for w in (ws[0], ws[-1]):
                    if len(w) >= 3:
                        parts.setdefault(w, m)
        return parts

    def _ner_pass(
        self, doc: Doc, on: date | None, found: list[ActorMention], focus: str | None
    ) -> list[ActorMention]:
        covered = {t for m in found for t in range(m.start, m.end)}
        countries = {t for m in found if m.kind == "country" for t in range(m.start, m.end)}
        parts = self._name_parts(found)
        doc_countries = {m.country for m in found if m.kind == "country" and m.country}
        out: list[ActorMention] = []
        dropped: set[int] = set()  # country names inside a longer organisation name
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "GPE"):
                continue
            inside = [t.i for t in ent if t.i in covered]
            if inside and not (ent.label_ == "ORG" and len(ent) > len(inside) + 1
                               and all(i in countries for i in inside)
                               and ent[-1].i not in covered):  # fmt: skip
                continue  # "the Syria Recovery Trust Fund" is not Syria
            while len(ent) > 1 and ent[0].lower_ in LEADING:
                ent = ent[1:]
            if not any(t.text[:1].isupper() or not t.is_ascii for t in ent if t.is_alpha):
                continue
            key = name_key(ent.text)
            single = len(key.split()) == 1
            if single and key in parts:  # "Karim", after "Karim Wasifi"
                p = parts[key]
                out.append(replace(p, start=ent.start, end=ent.end, text=ent.text, how="coref",
                                   confidence=round(p.confidence * 0.85, 3)))  # fmt: skip
                continue
            if ent.label_ == "GPE":
                continue
            if key in self.registry.not_actors or all(w in self.honorifics for w in key.split()):
                continue
            if self.registry.lookup(ent.text)[0]:
                continue  # a capital or seat used as a place, or a name the registry passed over
            hits, score = self.registry.fuzzy(ent.text)
            if hits:
                actor, _, _ = self._choose(hits, on, ent)
                out.append(self._mention(ent, actor, on, "fuzzy", 0.9 * score / 100))
                continue
            if single and self._is_place(ent.text, focus, doc_countries):
                continue
            ctx = describe(ent, self.registry, self.cues)
            country = ctx.country or (focus if ctx.found else None)
            person = ent.label_ == "PERSON" or ctx.person
            m = ActorMention(
                start=ent.start, end=ent.end, text=ent.text, actor_id=None, name=ent.text,
                kind="person" if person else "organisation", country=country,
                sector=ctx.sector or "UNK", confidence=0.5 if ctx.found else 0.4, how="ner",
                provisional=provisional_key(ent.text),
            )  # fmt: skip
            out.append(m)
            dropped.update(inside)
            if person and not single:
                for w in (key.split()[0], key.split()[-1]):
                    if len(w) >= 3:
                        parts.setdefault(w, m)
        return [m for m in found if m.start not in dropped] + out

    @staticmethod
    def _focus(found: list[ActorMention]) -> str | None:
        counts = Counter(m.country for m in found if m.country and m.how in RESOLVED)
        return counts.most_common(1)[0][0] if counts else None

    def __call__(self, doc: Doc) -> Doc:
        on = doc._.mizan_date
        info = DocInfo(doc)
        found = self._registry_pass(doc, on, info)
        focus = self._focus(found)
        found = self._title_pass(doc, on, found, focus, info)
        found = resolve_country_nouns(doc, found, self.cues, focus, self.nouns_of,
                                      self._country_mention, info)  # fmt: skip
        found = self._agent_pass(doc, found, focus, info)
        found = self._ner_pass(doc, on, found, focus)
        found = merge_names(found, self.registry)
        found = link_acronyms(doc, link_appositions(doc, found), info)
        found = resolve_pronouns(doc, found, self.registry, self.cues, info)
        found = resolve_first_person(doc, found, self.registry, self.cues,
                                     self._country_mention, info)  # fmt: skip
        found = resolve_plural(doc, found, self.cues, info)
        found.sort(key=lambda m: (m.start, -m.end))
        doc._.mizan_actors = found
        doc._.mizan_focus = focus or self._focus(found)
        return doc


@Language.factory("mizan_actors", default_config={"extra_actors": []})
def make_actor_tagger(nlp: Language, name: str, extra_actors: list[str]) -> ActorTagger:
    return ActorTagger(load_registry([Path(p) for p in extra_actors]))
