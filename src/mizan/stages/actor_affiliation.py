"""Whom a person or a people acts for, from the words around the name (a pass of the actor
stage, run before coreference so that later mentions inherit the answer):

* a person described by an international organisation's post — "U.N. mediator Diego
  Cordovez", "Arab League Secretary General Chedli Klibi", "Kenzo Oshima, the United Nations
  Emergency Relief Coordinator" — acts for that organisation (PLOVER codes the IGO, not the
  person's nationality), unless the registry already knows the office held on the date;
* a person the registry does not know for sure (a provisional actor, or a one-word Phoenix
  underlay name) followed by "of <country>" is of that country: "King Hassan of Morocco";
* a people named by its demonym takes the country it lives in when the text says so: a
  second demonym before it ("Bosnian Serbs", "Iraqi Turkmen") or, for "ethnic" groups and
  "the Albanians of southern Serbia", the country after "in" or "of";
* an ethnic group or minority named by a demonym — "ethnic Greeks", "ethnic Greek
  guerrillas", "the Greek minority" (``ethnic_words``, ``people_nouns`` in cues.yaml) — that
  the sentence places in another country ("in", "near" …: ``locating_words``) is of that
  country, as PLOVER and CAMEO code a people by where it lives: the kin state is no actor.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ..actors.cues import Cues
from ..actors.registry import PRIMARY, Registry
from ..ontology import PSEUDO_COUNTRIES
from .actor_base import ActorMention

INTERNATIONAL = frozenset({"igo"})
PERSON_DEPS = ("compound", "appos", "nmod", "amod")
# forces of a state abroad stay that state's ("Greek troops in Cyprus")
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "LEG", "JUD"})


def _igo_of(m: ActorMention, registry: Registry) -> bool:
    return m.kind in INTERNATIONAL or (m.kind == "organisation" and m.country in ("UNO", "IGO"))


def _firmly_placed(m: ActorMention, registry: Registry) -> bool:
    """A registry person of mizan's own, or one with an office on the date."""
    if m.actor_id is None:
        return False
    actor = registry.get(m.actor_id)
    return actor is not None and actor.tier == PRIMARY and (m.role is not None or bool(actor.roles))


def affiliate(
    doc: Doc, found: list[ActorMention], registry: Registry, cues: Cues
) -> list[ActorMention]:
    by_token = {t: m for m in found for t in range(m.start, m.end)}
    out: list[ActorMention] = []
    dropped: set[int] = set()  # ids of demonym mentions merged into a people
    for m in found:
        if m.kind == "person":
            m = _person(doc, m, by_token, registry)
        elif m.kind == "group" and m.how == "agent" and m.sector == "CVL" and m.actor_id is None:
            m, merged = _people(doc, m, by_token, registry)
            if merged is not None:
                dropped.add(id(merged))
        if m.kind == "group" and m.how == "agent" and m.actor_id is None and m.country:
            m = _ethnic_abroad(doc, m, found, cues)
        out.append(m)
    return [m for m in out if id(m) not in dropped]


def _person(
    doc: Doc, m: ActorMention, by_token: dict[int, ActorMention], registry: Registry
) -> ActorMention:
    span = doc[m.start : m.end]
    root = span.root
    # the words describing the person: compounds before the name ("U.N. mediator"), an
    # apposition after it ("…, the United Nations Emergency Relief Coordinator")
    described = [t for t in root.subtree if t.i < m.start and t.dep_ in PERSON_DEPS]
    described += [t for c in root.children if c.dep_ == "appos" and c.i >= m.end
                  for t in c.subtree]  # fmt: skip
    if described and not (m.role is not None and m.country not in PSEUDO_COUNTRIES
                          and _firmly_placed(m, registry)):  # fmt: skip
        for t in described:
            org = by_token.get(t.i)
            if org is not None and org is not m and _igo_of(org, registry) and org.country:
                return replace(m, country=org.country)
    if _firmly_placed(m, registry) or (m.actor_id and len(name_words(m.name)) > 1):
        return m
    # "King Hassan of Morocco"
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ == "of" and c.i == m.end:
            for obj in c.children:
                place = by_token.get(obj.i)
                if obj.dep_ == "pobj" and place is not None and place.kind == "country":
                    return replace(m, country=place.country)
    return m


def name_words(name: str) -> list[str]:
    return [w for w in name.replace("-", " ").split() if w[:1].isalpha()]


def _people(
    doc: Doc, m: ActorMention, by_token: dict[int, ActorMention], registry: Registry
) -> tuple[ActorMention, ActorMention | None]:
    span = doc[m.start : m.end]
    if len(span) != 1 or registry.country_of_demonym(span.text) is None:
        return m, None
    tok = span[0]
    before = by_token.get(m.start - 1)
    if (before is not None and before.kind == "country" and before.metonym == "demonym"
            and before.end == m.start and before.country != m.country):  # fmt: skip
        # "Bosnian Serbs": the Serbs of Bosnia
        return replace(m, start=before.start, text=doc[before.start : m.end].text,
                       name=doc[before.start : m.end].text, country=before.country), before  # fmt: skip
    ethnic = any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in tok.children)
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ not in ("in", "of") or (c.lower_ == "in" and not ethnic):
            continue
        for obj in c.children:
            place = by_token.get(obj.i)
            if obj.dep_ == "pobj" and place is not None and place.kind == "country" and (
                place.metonym != "demonym"
            ):  # fmt: skip
                return replace(m, country=place.country), None
    return m, None


def _ethnic_abroad(doc: Doc, m: ActorMention, found: list[ActorMention], cues: Cues) -> ActorMention:
    span = doc[m.start : m.end]
    head = span.root
    ethnic = any(t.lower_ in cues.ethnic_words for t in span) or (
        head.lower_ in cues.people_nouns
    ) or any(c.lower_ in cues.ethnic_words for c in head.children)
    if not ethnic or m.sector in STATE_SECTORS:
        return m
    sent = head.sent
    for p in found:
        if (p is m or p.kind != "country" or p.metonym == "demonym" or p.country == m.country
                or not sent.start <= p.start < sent.end or p.country in PSEUDO_COUNTRIES):  # fmt: skip
            continue
        tok = doc[p.start : p.end].root
        if tok.dep_ == "poss":  # "near Greece's border"
            tok = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
            tok = tok.head.head  # "in the hills of Greece"
        if tok.dep_ == "pobj" and tok.head.lower_ in cues.locating_words:
            return replace(m, country=p.country)
    return m
