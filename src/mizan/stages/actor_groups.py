"""Passes 4 and 5 of the actor stage: agent nouns ("Iraqi security forces", "ISIL
fighters", "the Asad regime") and named entities the registry does not know (a fuzzy match,
else a provisional actor with country and sector from context)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..actors.normalize import name_key, skeleton_key
from ..gazetteer import place_key
from ..ontology import PSEUDO_COUNTRIES
from .actor_affiliation import STATE_SECTORS
from .actor_base import LEADING, ActorMention, TaggerBase
from .actor_context import DocInfo, clean_name, describe, provisional_key
from .actor_units import with_units


class GroupPass(TaggerBase):
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
            if tok.lower_ in self.cues.not_agents or tok.lemma_.lower() in self.cues.not_agents:
                continue  # "the religion", "a military barracks": no body of people
            sector = agents.get(tok.lower_) or agents.get(tok.lemma_.lower())
            if tok.i > 0 and doc[tok.i - 1].i not in covered:
                prev = doc[tok.i - 1].lower_
                sector = (
                    agents.get(f"{prev} {tok.lower_}")
                    or agents.get(f"{prev} {tok.lemma_.lower()}")
                    or sector
                )
            top = tok
            while top.dep_ == "conj" and top.head.i < top.i:
                top = top.head  # "fighter and bomber aircraft": both modify "aircraft"
            if sector is None or tok.dep_ in ("compound", "attr") or self._machine(tok) or (
                top.dep_ in ("compound", "nmod", "amod") and top.head.i > top.i
                and top.head.pos_ in ("NOUN", "PROPN")
            ) or (tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_):  # fmt: skip
                continue  # "the refugee crisis", "was a commander", "insurgent-held", "fighter jets"
            country = owner = ruler = None
            left, end = tok.left_edge.i, tok.i + 1
            for child in tok.children:
                if child.dep_ == "amod" and child.lower_ in self.cues.led_words:
                    # "Vietnamese-led forces": the country before the participle leads them
                    lead = next((by_token[g.i] for g in child.children if g.i in by_token
                                 and by_token[g.i].kind == "country"), None)  # fmt: skip
                    if lead is not None and country is None:
                        country = lead.country
                    continue
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
                elif country is None and sector not in STATE_SECTORS:
                    country = self._placed_in(tok, by_token)
            sided = any(t.lower_ in self.cues.stance_prefixes and t.nbor().text == "-"
                        for t in doc[left : tok.i])  # fmt: skip
            start = left if (country or owner or ruler or sided) else tok.i  # "anti-X forces"
            if owner is not None:  # the parse may leave part of the owner's name outside
                start = min(start, owner.start)
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

    def _placed_in(self, tok: Token, by_token: dict[int, ActorMention]) -> str | None:
        """The country named after "in" on a group with no country of its own: "the
        parties in Iraq", "rebels to the conflict in Chad" (not a state's forces: "troops in
        Iraq" are often another state's)."""
        preps = [c for c in tok.children if c.dep_ == "prep"]
        for c in [*preps, *(g for p in preps for o in p.children if o.dep_ == "pobj"
                            for g in o.children if g.dep_ == "prep")]:  # fmt: skip
            if c.lower_ not in self.cues.locating_words:
                continue
            for o in c.children:
                m = by_token.get(o.i)
                if (o.dep_ == "pobj" and m is not None and m.kind == "country"
                        and m.metonym is None and m.country not in PSEUDO_COUNTRIES):  # fmt: skip
                    return m.country
        return None

    def _machine(self, tok: Token) -> bool:
        """Does the agent noun name a kind of machine: "fighter and bomber aircraft",
        "attack, bomber, fighter and remotely piloted aircraft", "a fighter jet"?"""
        doc = tok.doc
        if tok.tag_ in ("NNS", "NNPS"):
            return False  # "fighters and vehicles": people and machines
        for k in range(tok.i + 1, min(len(doc), tok.i + 8)):
            t = doc[k]
            if t.lower_ in self.cues.machine_nouns or t.lemma_.lower() in self.cues.machine_nouns:
                return True
            if t.tag_ in ("NNS", "NNPS") or not (
                t.is_punct or t.dep_ in ("cc", "conj", "amod", "advmod", "compound")
                or t.lower_ in self.agent_words
            ):  # fmt: skip
                return False
        return False

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
        key = place_key(text)
        return (
            place.precision != "city"
            or place.landmark
            or (skeleton_key(place.name) == skeleton_key(text))
            or place in self._gazetteer.names.get(key, ())
            or place in self._gazetteer.alternates.get(key, ())  # "Kobane" for Kobani
        )

    @staticmethod
    def _framed_place(ent: Span) -> bool:
        """A name a place noun frames ("the city of Karabilah", "the village of X") or that
        ends in a facility's noun ("the Samarra Barrage", "the Brandbergen Mosque") is a
        place, known to the gazetteer or not (``data/places/cues.yaml``)."""
        from .placenames import place_cues

        cues = place_cues()
        if ent[-1].lemma_.lower() in cues["facility_nouns"] and len(ent) > 1:
            return True  # even tagged PERSON: "the Samarra Barrage"
        i = ent.start
        return i >= 2 and ent.doc[i - 1].lower_ == "of" and (
            ent.doc[i - 2].lower_ in cues["city_cues"] | cues["name_nouns"]
        )  # fmt: skip

    def _placed_by_preposition(self, ent: Span, focus: str | None, lead: str | None) -> bool:
        """A name after a locative, directional or origin preposition ("near Husaybah", "in
        Tal Afar", "from Mezzeh") or the object of a verb of movement ("fled Karabilah") that
        the gazetteer knows as a place is that place, not an actor."""
        from .placenames import place_cues

        cues = place_cues()
        root = ent.root
        preps = cues["locative"] | cues["destination"] | cues["origin"]
        out_of = root.head.lower_ == "of" and root.head.head.lower_ == "out"  # "out of Kobane"
        after_prep = root.dep_ == "pobj" and (root.head.lower_ in preps or out_of)
        moved = root.dep_ == "dobj" and root.head.lemma_.lower() in cues["movement_lemmas"]
        if lead not in preps and not after_prep and not moved:
            return False  # (``lead``: "Near Palmyra," tagged as one name, "Near" cut off)
        if self._gazetteer is None:
            from ..gazetteer import load_gazetteer

            self._gazetteer = load_gazetteer()
        return self._gazetteer.lookup(ent.text, focus) is not None

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

    @staticmethod
    def _pieces(doc: Doc) -> list[Span]:
        """The tagger's PERSON, ORG and GPE names; an ORG name that runs over a comma is
        two names in apposition ("the Ministry of Culture, State Board of Antiquities")."""
        out = []
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "GPE"):
                continue
            commas = [t.i for t in ent[1:-1] if t.text == ","] if ent.label_ == "ORG" else []
            if not commas:
                out.append(ent)
                continue
            bounds = [ent.start, *commas, ent.end]
            for a, b in zip(bounds, bounds[1:], strict=False):
                a += a != ent.start  # after the comma
                if b > a:
                    out.append(Span(doc, a, b, label=ent.label))
        return out

    def _ner_pass(
        self, doc: Doc, on: date | None, found: list[ActorMention], focus: str | None
    ) -> list[ActorMention]:
        by_token = {t: m for m in found for t in range(m.start, m.end)}
        covered = set(by_token)
        countries = {t for m in found if m.kind == "country" for t in range(m.start, m.end)}
        parts = self._name_parts(found)
        doc_countries = {m.country for m in found if m.kind == "country" and m.country}
        out: list[ActorMention] = []
        dropped: set[int] = set()  # country names inside a longer organisation name
        ships = vessel_names(doc, self.cues.vessel_prefixes)
        pieces, units = with_units(doc, self._pieces(doc), self.cues)
        nouns = {t for m in found if m.how == "agent" and m.actor_id is None
                 for t in range(m.start, m.end)}  # fmt: skip
        for ent in pieces:
            inside = [t.i for t in ent if t.i in covered]
            whole = self._org_after_country(ent, by_token) if inside else None
            if whole is not None:  # "U.S. Air Forces Central Command": not the U.S. alone
                body, a, b = whole
                out.append(replace(body, start=a, end=b, text=doc[a:b].text,
                                   confidence=round(body.confidence * 0.9, 3)))  # fmt: skip
                dropped.update(inside)
                continue
            if (ent.start, ent.end) in units and all(i in nouns or i in countries for i in inside):
                dropped.update(inside)  # "the 3rd Battalion": the unit, not "Battalion"
            elif inside and not (ent.label_ == "ORG" and len(ent) > len(inside) + 1
                                 and all(i in countries for i in inside)
                                 and ent[-1].i not in covered):  # fmt: skip
                continue  # "the Syria Recovery Trust Fund" is not Syria
            lead = None
            while len(ent) > 1 and ent[0].lower_ in LEADING:
                lead = ent[0].lower_
                ent = Span(doc, ent.start + 1, ent.end, label=ent.label)  # keeps the label
            while len(ent) > 1 and ent[-1].is_punct and ent[-1].text not in (".", "'"):
                ent = Span(doc, ent.start, ent.end - 1, label=ent.label)  # "Heritage (" (SBAH)
            if not any(t.text[:1].isupper() or not t.is_ascii for t in ent if t.is_alpha):
                continue
            key = name_key(ent.text)
            single = len(key.split()) == 1
            if single and key in parts:  # "Karim", after "Karim Wasifi"
                p = parts[key]
                out.append(replace(p, start=ent.start, end=ent.end, text=ent.text, how="coref",
                                   confidence=round(p.confidence * 0.85, 3)))  # fmt: skip
                continue
            kind_named = self.kind_before(doc, ent.start)  # "the German company Züblin"
            if ent.label_ == "GPE" and not kind_named:
                continue
            if key in self.registry.not_actors or all(w in self.honorifics for w in key.split()):
                continue
            if ent[0].lower_ in self.cues.operation_words and ent[0].text[:1].isupper():
                continue  # "Operation Steel Curtain": an operation, not an actor
            if a_document(ent, self.cues.document_nouns):
                continue  # "the Geneva Communique", "the Minsk agreements": a text
            if (ent[0].lower_ in self.cues.vessel_prefixes and ent[0].is_upper and len(ent) > 1
                    or key in ships):  # fmt: skip
                continue  # "USS Mahan", and "Forbin" after "FS Forbin": a ship
            if self.registry.lookup(ent.text)[0] and not kind_named:
                continue  # a capital or seat used as a place, or a name the registry passed over
            if ent.label_ == "ORG" and self._no_body(ent):
                continue  # "84 MW", "IP addresses", "a Liberal line": no organisation
            hits, score = self.registry.fuzzy(ent.text) if not kind_named else ([], 0)
            if hits:
                actor, _, _ = self._choose(hits, on, ent)
                out.append(self._mention(ent, actor, on, "fuzzy", 0.9 * score / 100))
                continue
            if single and not kind_named and self._is_place(ent.text, focus, doc_countries):
                continue
            if self._placed_by_preposition(ent, focus, lead) or self._framed_place(ent):
                continue  # "near Husaybah", "in Tal Afar": a place the tagger took for a name
            ctx = describe(ent, self.registry, self.cues)
            country = ctx.country or (focus if ctx.found else None)
            # "the Monotheism Supporters Brigades" tagged PERSON: a group's noun ends it
            grouped = ent[-1].lower_ in self.cues.group_nouns and len(ent) > 1
            person = (ent.label_ == "PERSON" or ctx.person or self._personal_name(ent)) \
                and not grouped and not kind_named
            name = clean_name(ent.text)
            m = ActorMention(
                start=ent.start, end=ent.end, text=ent.text, actor_id=None, name=name,
                kind="person" if person else "organisation", country=country,
                sector=ctx.sector or "UNK", confidence=0.5 if ctx.found else 0.4, how="ner",
                provisional=provisional_key(name),
            )  # fmt: skip
            out.append(m)
            dropped.update(inside)
            if person and not single:
                for w in (key.split()[0], key.split()[-1]):
                    if len(w) >= 3:
                        parts.setdefault(w, m)
        return [m for m in found if not any(t in dropped for t in range(m.start, m.end))] + out


    @staticmethod
    def _org_after_country(ent: Span, by_token: dict[int, ActorMention]
                           ) -> tuple[ActorMention, int, int] | None:  # fmt: skip
        """The organisation whose name ends a longer name the tagger found, after a country
        and words of its own: "U.S. Air Forces Central Command" is a command of the U.S.
        military ("Central Command"), not the U.S. and a command side by side; or that the
        body the longer name names belongs to: "the Coalition's Small Group", "the UN Board
        of Inquiry"."""
        doc = ent.doc
        if ent.label_ != "ORG":
            return None
        if ent[-1].text in ("'s", "’s") and len(ent) > 1:
            ent = ent[:-1]  # "U.S. Naval Forces Central Command's"
        inner = {id(m): m for t in ent if (m := by_token.get(t.i)) is not None}
        ms = sorted(inner.values(), key=lambda m: m.start)
        if not ms or ms[0].start < ent.start or ms[-1].end > ent.end:
            return None  # a mention that runs over the name's edge
        first, last = ms[0], ms[-1]
        if len(ms) == 1 and first.kind in ("organisation", "igo") and first.actor_id:
            rest = doc[first.end : ent.end]
            if len(rest) and rest[0].text in ("'s", "’s"):
                rest = rest[1:]  # "the Coalition's Small Group"
            if len(rest) and rest[0].text[:1].isupper() and all(
                t.text[:1].isupper() or t.lower_ in ("of", "on", "for") for t in rest
            ):  # fmt: skip
                return first, first.start, ent.end  # "the UN Board of Inquiry"
            return None
        if len(ms) < 2 or first.kind != "country" or first.metonym == "demonym" or any(
            m.kind != "country" for m in ms[:-1]
        ) or last.kind not in ("organisation", "igo") or not last.actor_id or last.end != ent.end:
            return None
        own = [t for t in ent if t.i not in by_token and t.is_alpha]
        ok = own and all(t.text[:1].isupper() for t in own)
        return (last, first.start, last.end) if ok else None

    def _no_body(self, ent: Span) -> bool:
        """Is a short capitalised word the tagger took for an organisation a unit or a
        technical term, or an adjective: after a number ("84 MW", "64 UHF", "27.5 Mb/s FEC"),
        a short acronym before a noun for no group of people ("IP addresses", "CT scans"), an
        adjective ("adopts a Liberal line")?"""
        doc = ent.doc
        before = doc[ent.start - 1] if ent.start > 0 else None
        if len(ent) <= 2 and before is not None and before.like_num:
            return True
        if len(ent) != 1:
            return False
        t = ent[0]
        if t.pos_ == "ADJ" or t.dep_ == "amod" and t.tag_ == "JJ":
            return True
        if t.dep_ == "conj" and t.head.dep_ in ("compound", "nmod"):
            t = t.head  # "MRI and CT machines"
        head = t.head
        return (ent[0].is_upper and len(ent[0]) <= 3 and t.dep_ in ("compound", "nmod")
                and head.i > t.i
                and head.pos_ == "NOUN" and head.lemma_.lower() not in self.registry.agents
                and head.lower_ not in self.registry.agents)  # fmt: skip

    def _personal_name(self, ent: Span) -> bool:
        """Is a name the tagger took for an organisation a person's: two or three capitalised
        words opening with a given name ("Jamal Haddad"), none of them a noun for a group or
        an agent ("Omar Brigades", "Amal Movement")?"""
        words = [t for t in ent if not t.is_punct]
        return (2 <= len(words) <= 3 and ent[0].lower_ in self.registry.given_names
                and all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in words)
                and not any(t.lower_ in self.cues.group_nouns or t.lower_ in self.registry.agents
                            or t.lemma_.lower() in self.registry.agents for t in words))  # fmt: skip


def vessel_names(doc: Doc, prefixes: frozenset[str]) -> frozenset[str]:
    """Name keys of the ships a document names after a prefix ("FS Forbin" → "forbin"), so
    that the bare name later ("Forbin is joining …") is the ship too."""
    out = set()
    for i, t in enumerate(doc[:-1]):
        if t.is_upper and t.lower_ in prefixes and doc[i + 1].text[:1].isupper():
            j = i + 1
            while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha:
                j += 1
            out.add(name_key(doc[i + 1 : j].text))
    return frozenset(out)


def a_document(ent: Span, nouns: frozenset[str]) -> bool:
    """Does a name end in, or stand before, a document's noun ("the Geneva Communique",
    "the Minsk agreements")?"""
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return ent[-1].lower_ in nouns or (nxt is not None and nxt.lower_ in nouns)
