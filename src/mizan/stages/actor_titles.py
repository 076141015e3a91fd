"""Pass 2 of the actor stage: titles. "Prime Minister Mustafa al-Kadhimi" is the named
person; "the Iraqi prime minister", "the governor of Basra", "the Iranian ambassador to Iraq"
and "the leader of the PMF" are the holder of that office on the document's date; a generic
title ("the minister") is the latest person before with such a role."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span

from ..actors.registry import Actor, Role
from .actor_base import INDEFINITE, SKIP_WORDS, ActorMention, TaggerBase
from .actor_context import DocInfo, provisional_key

FORMER = frozenset({"former", "ex", "late"})  # PLOVER: former officials are elites (ELI)


class TitlePass(TaggerBase):
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

    def _portfolio_holder(self, doc: Doc, end: int, covered: set[int]) -> tuple[int, int] | None:
        """ "Minister for the Middle East Tobias Ellwood", "Envoy for Syria Jan Smit": a
        title's portfolio — a place or a known actor after "for" — then a name of two or
        more capitalised words, which the tagger often takes for one organisation. Returns
        the name's token span."""
        n = len(doc)
        if end >= n or doc[end].lower_ != "for":
            return None
        k = end + 1 + (end + 1 < n and doc[end + 1].lower_ == "the")
        r = k
        while r < n and doc[r].is_alpha and doc[r].text[:1].isupper() and r - k < 8:
            r += 1
        if r - k < 3 or r in covered or any(t in covered for t in range(k, r)):
            return None
        from ..gazetteer import load_gazetteer
        from .placenames import place_cues

        regions = place_cues()["world_regions"]
        for split in range(r - 2, k, -1):  # the longest portfolio first
            what = doc[k:split].text
            if what.lower() in regions or load_gazetteer().lookup(what) or (
                self.registry.lookup(what)[0]
            ):  # fmt: skip
                return split, r
        return None

    @staticmethod
    def _region_portfolio(doc: Doc, end: int) -> int:
        """The end of a title with a region as its portfolio: "Minister for the Middle
        East", "Envoy for the Horn of Africa" (``world_regions`` in places/cues.yaml)."""
        from .placenames import place_cues

        n = len(doc)
        if end >= n or doc[end].lower_ != "for":
            return end
        regions = place_cues()["world_regions"]
        k = end + 1 + (end + 1 < n and doc[end + 1].lower_ == "the")
        for r in range(min(n, k + 4), k, -1):
            if doc[k:r].text.lower() in regions and doc[k].text[:1].isupper():
                return r
        return end

    def _find_title(
        self, doc: Doc, e: int, lo: int, covered: set[int], info: DocInfo
    ) -> tuple[Span, str] | None:
        """The longest title ending at token ``e`` and starting at or after ``lo``."""
        first = max(lo, e - self.max_title + 1, info.sent_start[e])
        for k in range(e, first - 1, -1):  # no title runs over a word already taken
            if k in covered:
                first = k + 1
                break
        ws = tuple(info.lower(k) for k in range(first, e + 1))
        alpha = info.alpha
        for s in range(first, e + 1):
            w = ws[s - first :]
            if w[0] in SKIP_WORDS or not alpha[s]:
                continue
            title = self._title_of(w)
            if title is not None:
                return doc[s : e + 1], title
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
                    if hit is not None and hit[0].start <= e:
                        break
                    hit = None  # "Prime Minister and President X": a title after this one
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
        styled = self.title_styles.get(self._title_key([t.lower_ for t in span]))
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
        # "Iraq's deputy foreign minister", "the former prime minister": another office
        other = next((t for t in doc[max(start - 2, span.sent.start) : span.start]
                      if t.lower_ in self.cues.other_office), None)  # fmt: skip
        if other is not None:
            start = min(start, other.i)
        prior = sorted((m for m in found + out if m.end <= start), key=lambda m: m.start)
        # a person named right after the title: "Prime Minister Mustafa al-Kadhimi"
        portfolio = self._portfolio_holder(doc, end, covered)
        end = self._region_portfolio(doc, end) if portfolio is None else end
        after = end + 1 if end < len(doc) and doc[end].text == "," else end
        if portfolio is not None:  # "Minister for the Middle East Tobias Ellwood"
            a, b = portfolio
            consumed.update({m.start for m in found if start <= m.start < b})
            name = doc[a:b].text
            out.append(ActorMention(
                start=start, end=b, text=doc[start:b].text, actor_id=None, name=name,
                kind="person", country=country or focus, sector=info.sector or "GOV",
                role=title, confidence=0.6, how="ner", provisional=provisional_key(name),
            ))  # fmt: skip
            return b
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
        if other is not None:
            title = f"{other.lower_} {title}"
        if resolved is not None or other is not None:
            pass
        elif not indefinite and host and country:
            resolved = self.registry.holder(country, title, on, host)
        elif not indefinite and region is not None:
            resolved = self.registry.holder(region[1], title, on, region=region[0])
        elif not indefinite and info.generic:
            antecedent = self._antecedent(prior, country, title)
        elif not indefinite and (country or styled or focus):
            resolved = self.registry.holder(country or styled or focus or "", title, on)
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
            former = other is not None and other.lower_ in FORMER
            out.append(ActorMention(
                start=start, end=end, text=text, actor_id=None, name=text, kind="person",
                country=country or (None if indefinite else focus),
                sector="ELI" if former else info.sector or "GOV",
                role=title, confidence=0.5 if country else 0.35, how="title",
            ))  # fmt: skip
        return end
