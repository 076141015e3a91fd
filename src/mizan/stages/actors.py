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
6. coreference: later spellings, surnames and pronouns (stages/actor_coref.py); "I", "we" and
   "it" (stages/actor_speakers.py); "the coalition" after "the US-led coalition"
   (stages/actor_headnouns.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..actors.loader import load_registry
from ..actors.normalize import name_key
from ..actors.registry import PRIMARY, Actor, AliasHit
from .actor_affiliation import affiliate
from .actor_base import INNER_PUNCT, NAME_ENTS, ActorMention, TaggerBase
from .actor_context import DocInfo, acts_as_government
from .actor_coref import (
    link_acronyms,
    link_appositions,
    link_descriptions,
    merge_names,
    resolve_country_nouns,
    resolve_plural,
    resolve_pronouns,
)
from .actor_groups import GroupPass
from .actor_headnouns import link_head_nouns
from .actor_links import (
    extend_articles,
    link_aliases,
    link_copulas,
    link_side_by_side,
    link_surnames_back,
)
from .actor_speakers import resolve_first_person, resolve_group_nouns, resolve_it
from .actor_titles import TitlePass

__all__ = ["ActorMention", "ActorTagger", "TaggerBase"]


class ActorTagger(TitlePass, GroupPass):
    """Finds and resolves actor mentions; writes ``doc._.mizan_actors`` and ``doc._.mizan_focus``."""

    # -- pass 1: names ------------------------------------------------------------------
    @staticmethod
    def _span_ok(span: Span, sent_end: list[int]) -> bool:
        if span.end > sent_end[span.start] or span[-1].is_punct:
            return False
        return not any(t.is_space or t.is_punct and t.text not in INNER_PUNCT for t in span)

    @staticmethod
    def _skeleton_ok(span: Span, namey: list[bool], sent_end: list[int]) -> bool:
        """A spelling matched by its consonant skeleton must be proper nouns; a single
        name must also stand alone — not the tail of a longer name ("West Bank", "Associated
        Press") nor its head ("Bassel al-Assad")."""
        if not all(t.pos_ == "PROPN" or t.is_punct for t in span):
            return False
        if len(name_key(span.text).split()) > 1:
            return True
        i, j = span.start, span.end
        before = (i > 0 and sent_end[i - 1] == sent_end[i] and namey[i - 1]
                  and span.doc[i - 1].lower_ not in ("the", "of"))  # fmt: skip
        after = j < len(namey) and sent_end[j - 1] > j and namey[j] and not span.doc[j].is_punct
        return not before and not after

    def _underlay_ok(self, span: Span, starts: list[bool], sent_end: list[int]) -> bool:
        """Names only the Phoenix underlay knows must look like names: two words or more, or
        one proper noun that the NER also tags and that is not part of a longer name (the
        "Tigers" of "the Liberation Tigers"; a title before it is fine: "President Mugabe")."""
        alpha = [t for t in span if t.is_alpha]
        if len(alpha) >= 2:
            return all(t.pos_ == "PROPN" or t.is_punct or t.lower_ in ("of", "for", "and", "the")
                       for t in span)  # fmt: skip
        if not (alpha and alpha[0].pos_ == "PROPN" and alpha[0].ent_type_ in NAME_ENTS):
            return False
        doc, i, j = span.doc, span.start, span.end
        before = (i > 0 and sent_end[i - 1] == sent_end[i] and starts[i - 1]
                  and not doc[i - 1].is_stop and doc[i - 1].lower_ not in self.title_words)  # fmt: skip
        after = j < len(starts) and sent_end[j - 1] > j and starts[j]
        return not before and not after

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

    def _flags_of(self, info: DocInfo, i: int, word: str) -> tuple[bool, bool, bool]:
        """May token ``i`` start a name, be inside one, end one? (It depends only on its
        spelling, so the answer is kept by spelling.)"""
        if info.space[i]:
            return (False, False, False)
        punct, alpha = info.punct[i], bool(info.alpha[i])
        cap = not punct and (word[:1].isupper() or alpha and not info.ascii[i])
        namey = (cap or info.digit[i] or int(info.lower_h[i]) in self.connector_hashes
                 or (punct and word in INNER_PUNCT))  # fmt: skip
        return (cap, namey, not punct and (cap or info.digit[i] or alpha))

    def _longest(self, doc: Doc, i: int, run: int, top: int, last_ok: list[bool],
                 namey: list[bool], starts: list[bool], sent_end: list[int], info: DocInfo,
                 ends: list[int]) -> tuple[Span, list[AliasHit], str] | None:  # fmt: skip
        """The longest registry name that starts at token ``i`` and ends by ``top``."""
        text, idx = info.text, info.idx
        for j in range(top, i, -1):  # the longest name first
            if not last_ok[j - 1]:
                continue
            hits, how = self.registry.lookup(text[idx[i] : ends[j - 1]])
            if j > run and (how != "exact" or all(h.tier != PRIMARY for h in hits)):
                continue
            if not hits:
                continue
            span = doc[i:j]
            if how == "skeleton" and not self._skeleton_ok(span, namey, sent_end):
                continue
            if all(h.tier != PRIMARY for h in hits) and not self._underlay_ok(span, starts, sent_end):
                continue
            return span, hits, how
        return None

    def _typo(self, doc: Doc, i: int, info: DocInfo) -> tuple[Actor, bool] | None:
        """A misspelt country: one proper noun standing alone ("Ethiopa has agreed")."""
        if not info.alpha[i] or info.length[i] < self.typos.min_chars:
            return None
        tok = doc[i]  # a capitalised word inside a sentence the tagger took for a common one
        if tok.pos_ != "PROPN" and (tok.is_sent_start or tok.pos_ not in ("NOUN", "ADJ")):
            return None
        return self.typos.country(doc[i].text)

    @staticmethod
    def _descriptive(span: Span, actor: Actor) -> bool:
        """Is the alias matched a description in common nouns ("Arab coalition")?"""
        key = name_key(span.text)
        return any(a.split()[-1].islower() and name_key(a) == key for a in actor.aliases)

    def _not_this_actor(self, doc: Doc, span: Span, actor: Actor, hit: AliasHit, run: int,
                        found: list[ActorMention], info: DocInfo) -> int:  # fmt: skip
        """Registry matches that name no actor of theirs: a name after "anti-", "pro-" or
        "counter-" (a side or a target, never a nationality or the actor itself); a kunya ("Abu X") at the start of a longer
        personal name; a descriptive alias ("Arab coalition", its last word in lower case)
        right after a demonym, which makes it a different body ("the Syrian Arab Coalition",
        left to the later passes). The answer is the token to go on from, or 0
        when the match stands."""
        i, j = span.start, span.end
        if (i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_
                and not doc[i - 1].whitespace_ and doc[i - 2].lower_ in self.cues.stance_prefixes):  # fmt: skip
            return j
        if actor.kind == "country":
            return 0
        if (len(span) == 2 and doc[i].lower_ in self.cues.kunya_words and j < run
                and (doc[j].ent_type_ == "PERSON" and doc[j].ent_iob_ == "I"
                     or int(info.lower_h[j]) in self.connector_hashes)):  # fmt: skip
            return i + 1  # "Abu Omar al-Masri" is not the "Abu Omar" of the registry
        if hit.form != "alias" or not self._descriptive(span, actor):
            return 0
        before = found[-1] if found else None
        if (before is not None and before.end == i and before.kind == "country"
                and before.metonym == "demonym"):  # fmt: skip
            return j
        return 0

    def _registry_pass(self, doc: Doc, on: date | None, info: DocInfo) -> list[ActorMention]:
        n = len(doc)
        sent_end = info.sent_end
        text = info.text
        idx = info.idx
        ends = [a + b for a, b in zip(idx, info.length, strict=True)]
        flags = self._token_flags
        if len(flags) > 500_000:
            flags.clear()
        for i, h in enumerate(info.orth_list):  # what a word may be in a name, by its spelling
            if h not in flags:
                flags[h] = self._flags_of(info, i, text[idx[i] : ends[i]])
        row = [flags[h] for h in info.orth_list]
        starts = [f[0] for f in row]  # may start a name
        namey = [f[1] for f in row]  # may be inside a name
        last_ok = [f[2] for f in row]  # may end a name
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
            # one lower-case word more may end a registry name ("the US-led coalition")
            top = run + 1 if run < limit and info.alpha[run] else run
            matched = self._longest(doc, i, run, top, last_ok, namey, starts, sent_end, info, ends)
            if matched is not None and info.lower(i) == "the" and i + 1 < run and (
                all(h.tier != PRIMARY for h in matched[1]) or (
                    (after := self._longest(doc, i + 1, run, top, last_ok, namey, starts,
                                            sent_end, info, ends)) is not None
                    and after[0].end > matched[0].end
                )
            ):  # fmt: skip
                # "The Islamic State of Iraq and the Levant": mizan's own name after "The"
                # beats an underlay entry that begins with it ("The Islamic State"), and "The
                # UN High Commissioner for Refugees" is longer than "The UN"
                i += 1
                continue
            if matched is None and (run == i + 1 or run < n and info.punct[i + 1]) and (
                typo := self._typo(doc, i, info)
            ):
                found.append(self._mention(doc[i : i + 1], typo[0], on, "skeleton", 0.7,
                                           metonym="demonym" if typo[1] else None))  # fmt: skip
                i += 1
                continue
            if matched is None:
                for j in range(min(run, i + 3), i, -1):
                    if not last_ok[j - 1] or not self.registry.surname(text[idx[i] : ends[j - 1]]):
                        continue
                    if j < n and starts[j] and sent_end[j - 1] > j and info.alpha[j]:
                        break  # "Hassan Karimi": a first name, not the surname "Hassan"
                    if i > 0 and starts[i - 1] and info.alpha[i - 1] and sent_end[i - 1] > i \
                            and info.lower(i - 1) not in self.title_words \
                            and not doc[i - 1].is_stop:
                        break  # "Ahmed Saleh": another man's surname, not "Saleh" in office
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
            skip = self._not_this_actor(doc, span, actor, hit, run, found, info)
            if skip:
                i = skip
                continue
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
            if metonym in ("capital", "seat") and self.kind_before(doc, span.start):
                i = span.end  # "the news agency Sana": the agency's name, not Yemen's capital
                continue
            if metonym in ("capital", "seat") and not acts_as_government(span, self.cues):
                metonym = "place"  # "in Tehran", "visited the Kremlin": the place, not an actor
            found.append(self._mention(span, actor, on, how, conf, hit.sector, metonym))
            i = span.end
        return found

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
        found = affiliate(doc, found, self.registry, self.cues)
        found = link_surnames_back(merge_names(found, self.registry))
        found = link_acronyms(doc, link_appositions(doc, found), info)
        found = link_copulas(doc, link_aliases(doc, found, self.cues.alias_phrases, info))
        link_side_by_side(doc, found, self.person_heads)
        found = link_descriptions(doc, found, self.cues)
        found = resolve_pronouns(doc, found, self.registry, self.cues, info)
        found = resolve_first_person(doc, found, self.registry, self.cues,
                                     self._country_mention, info)  # fmt: skip
        found = resolve_it(doc, resolve_plural(doc, found, self.cues, info), info)
        found = link_head_nouns(doc, resolve_group_nouns(doc, found, self.cues, info),
                                self.cues.group_nouns | self.cues.unit_nouns)  # fmt: skip
        extend_articles(doc, found, self.articles)
        found.sort(key=lambda m: (m.start, -m.end))
        doc._.mizan_actors = found
        doc._.mizan_focus = focus or self._focus(found)
        return doc


@Language.factory("mizan_actors", default_config={"extra_actors": []})
def make_actor_tagger(nlp: Language, name: str, extra_actors: list[str]) -> ActorTagger:
    return ActorTagger(load_registry([Path(p) for p in extra_actors]))
