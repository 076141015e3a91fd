"""Coreference within a document for the actor stage.

* surnames and later spellings: "Al-Asadi" after "Abdul-Ghani al-Asadi", "Raham Yaqoub" after
  "Reham Yaqoub" (unknown names meet by their consonant skeleton, or by their last word);
* pronouns ("he", "she", "his") to the most salient person before them: a subject in the
  same sentence, else the subject of the nearest sentence before that names a person, else
  the latest person; "she" never goes to a man nor "he" to a woman;
* "the Kingdom", "the Islamic Republic" to the latest country mentioned whose names say so.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Token

from ..actors.cues import Cues
from ..actors.normalize import name_key
from ..actors.registry import Registry
from .actor_context import DocInfo, provisional_key

if TYPE_CHECKING:
    from .actors import ActorMention

SENTENCES_BACK = 3
SENTENCES_FAR = 8  # how far back a lone person may be the "he" of a later sentence
PRONOUN_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative")


def _gender(m: ActorMention, registry: Registry) -> str | None:
    actor_id = getattr(m, "actor_id", None)
    if actor_id is None:
        return None  # unknown people may be either
    actor = registry.get(actor_id)
    if actor is None or actor.kind != "person":
        return None
    return actor.gender or "m"


def _last_word(text: str) -> str:
    key = name_key(text)
    return key.split()[-1] if key else ""


def merge_names(mentions: list[ActorMention], registry: Registry) -> list[ActorMention]:
    """Unknown names and bare surnames take the identity of a fuller earlier mention."""
    mentions.sort(key=lambda m: m.start)
    people: dict[str, ActorMention] = {}  # last word → latest resolved or provisional person
    clusters: dict[str, ActorMention] = {}  # provisional key → first mention of the cluster
    out = []
    for m in mentions:
        if m.kind in ("person", "organisation") and m.actor_id is None and m.how == "ner":
            key = m.provisional or provisional_key(m.text)
            first = clusters.get(key)
            if first is None and len(name_key(m.text).split()) == 1:
                first = people.get(_last_word(m.text))
            if first is not None:
                m = replace(m, actor_id=first.actor_id, name=first.name, kind=first.kind,
                            country=first.country or m.country, sector=first.sector or m.sector,
                            role=first.role, provisional=first.provisional,
                            confidence=round(min(0.8, first.confidence + 0.1), 3),
                            how="coref" if first.actor_id else "ner")  # fmt: skip
            else:
                clusters[key] = m
        elif m.how == "surname":
            prior = people.get(_last_word(m.text))
            if prior is not None and prior.actor_id != m.actor_id:
                m = replace(m, actor_id=prior.actor_id, name=prior.name, country=prior.country,
                            sector=prior.sector, role=prior.role, how="coref")  # fmt: skip
        if m.kind == "person" and (m.actor_id or m.provisional):
            for text in {m.name, m.text}:
                w = _last_word(text)
                if len(w) >= 3:
                    people[w] = m
        out.append(m)
    _unify_clusters(out)
    return out


def _richness(m: ActorMention) -> tuple[bool, bool, bool]:
    return (m.country is not None, m.sector not in (None, "UNK"), m.kind == "person")


def _unify_clusters(mentions: list[ActorMention]) -> None:
    """Every mention of one unknown name gets the cluster's best country, sector and kind."""
    best: dict[str, ActorMention] = {}
    for m in mentions:
        if m.provisional and m.actor_id is None:
            b = best.get(m.provisional)
            if b is None or _richness(m) > _richness(b):
                best[m.provisional] = m
    for i, m in enumerate(mentions):
        b = best.get(m.provisional) if m.provisional and m.actor_id is None else None
        if b is not None and b is not m:
            kind = "person" if any(x.kind == "person" for x in mentions
                                   if x.provisional == m.provisional) else m.kind  # fmt: skip
            mentions[i] = replace(m, name=b.name, kind=kind, country=m.country or b.country,
                                  sector=b.sector or m.sector)  # fmt: skip


def _is_subject(m: ActorMention, doc: Doc) -> bool:
    root = doc[m.start : m.end].root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass")


def resolve_pronouns(
    doc: Doc, mentions: list[ActorMention], registry: Registry, cues: Cues, info: DocInfo
) -> list[ActorMention]:
    """Add a mention for each personal pronoun that refers to a person named before it."""
    covered = {t for m in mentions for t in range(m.start, m.end)}
    persons = [m for m in mentions if m.kind == "person" and (m.actor_id or m.provisional)]
    if not persons:
        return mentions
    sent_starts = info.sent_starts
    out = list(mentions)
    for i in info.where(cues.pronouns):
        tok = doc[i]
        gender = cues.pronouns.get(tok.lower_)
        if gender is None or tok.i in covered or tok.dep_ not in PRONOUN_DEPS:
            continue
        if tok.lower_ == "her" and tok.dep_ not in ("poss", "dobj", "pobj", "dative"):
            continue
        ante = _antecedent(tok, persons, doc, sent_starts, gender, registry)
        if ante is not None:
            m = replace(ante, start=tok.i, end=tok.i + 1, text=tok.text,
                        confidence=round(max(0.3, ante.confidence * 0.9), 3), how="coref")  # fmt: skip
            out.append(m)
            persons.append(m)  # a chain: the next "he" may refer back to this one
            persons.sort(key=lambda x: x.start)
    return out


def _antecedent(
    tok: Token,
    persons: list[ActorMention],
    doc: Doc,
    sent_starts: list[int],
    gender: str,
    registry: Registry,
) -> ActorMention | None:
    sent_start = sent_starts[bisect_right(sent_starts, tok.i) - 1]
    ok = [m for m in persons if _gender(m, registry) in (None, gender) and m.end <= tok.i]
    if not ok:
        return None
    for anc in tok.ancestors:  # "Macron, who promised his support": the relative's head
        if anc.dep_ == "relcl":
            head = [m for m in ok if m.start <= anc.head.i < m.end]
            if head:
                return head[-1]
            break
    same = [m for m in ok if m.start >= sent_start]
    subj = [m for m in same if _is_subject(m, doc)]
    if subj:
        return subj[-1]
    k = sent_starts.index(sent_start)
    before: list[list[ActorMention]] = []
    for back in range(1, SENTENCES_BACK + 1):
        if k - back < 0:
            break
        lo, hi = sent_starts[k - back], sent_starts[k - back + 1]
        cands = [m for m in ok if lo <= m.start < hi]
        subj = [m for m in cands if _is_subject(m, doc)]
        if subj:
            return subj[-1]
        before.append(cands)
    if same:  # no subject anywhere near: the person the document is most about
        seen = Counter(m.actor_id or m.provisional for m in persons if m.end <= tok.i)
        return max(same, key=lambda m: (seen[m.actor_id or m.provisional], m.start))
    if before and before[0]:
        return before[0][-1]
    # no person near: the latest one before within a few more sentences ('"It is hard,"
    # he says.' in a feature whose subject was named a paragraph ago)
    lo = sent_starts[max(0, k - SENTENCES_FAR)]
    far = [m for m in ok if m.start >= lo]
    return far[-1] if far and tok.lower_ in ("he", "she") and _one_person(far) else None


def _one_person(cands: list[ActorMention]) -> bool:
    """Do the candidates name one person only (so the pronoun cannot mean another)?"""
    return len({m.actor_id or m.provisional or m.text for m in cands}) == 1


def resolve_country_nouns(
    doc: Doc, mentions: list[ActorMention], cues: Cues, focus: str | None,
    nouns_of: dict[str, frozenset[str]], make_mention: Any, info: DocInfo,
) -> list[ActorMention]:  # fmt: skip
    """ "the Kingdom" → the latest country mentioned before whose names contain "kingdom"."""
    covered = {t for m in mentions for t in range(m.start, m.end)}
    out = list(mentions)
    prior = sorted((m for m in mentions if m.country), key=lambda m: m.start)
    heads = {n.split()[0] for n in cues.country_nouns}
    done = -1
    for k in info.where(heads):
        i = k - 1
        if i <= done or i < 0 or info.lower(i) != "the":
            continue
        match = None
        for size in (2, 1):
            words = " ".join(t.lower_ for t in doc[i + 1 : i + 1 + size])
            if words in cues.country_nouns and i + size < len(doc):
                match = (size, words)
                break
        if match is None:
            continue
        size, noun = match
        end = i + 1 + size
        done = end - 1
        if any(t in covered for t in range(i, end)) or (end < len(doc) and doc[end].lower_ == "of"):
            continue
        country = next((m.country for m in reversed(prior) if m.end <= i
                        and noun in nouns_of.get(m.country or "", ())), None)  # fmt: skip
        if country is None and focus and noun in nouns_of.get(focus, ()):
            country = focus
        if country is not None:
            out.append(make_mention(doc, i, end, country))
    return out


def _root(m: ActorMention, doc: Doc) -> Token:
    return doc[m.start : m.end].root


def link_appositions(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """ "Rupert Colville, spokesman for the UN", "the CJTF-OIR spokesperson, Col. Dorrian":
    a title in apposition to a named person is that person."""
    by_root = {_root(m, doc).i: m for m in mentions if m.kind == "person" and m.how != "title"
               and (m.actor_id or m.provisional)}  # fmt: skip
    out = []
    for m in mentions:
        if m.how == "title":
            r = _root(m, doc)
            if any(c.dep_ in ("cc", "conj") for c in r.children):
                out.append(m)  # "X, the minister and a spokesman": a list, not X's title
                continue
            other = by_root.get(r.head.i) if r.dep_ == "appos" else None
            if other is None:
                other = next((by_root[c.i] for c in r.children if c.dep_ == "appos"
                              and c.i in by_root), None)  # fmt: skip
            if other is not None and other is not m:
                m = replace(m, actor_id=other.actor_id, name=other.name, country=other.country,
                            sector=other.sector if other.sector not in (None, "UNK") else m.sector,
                            provisional=other.provisional, how="coref",
                            confidence=round(other.confidence * 0.85, 3))  # fmt: skip
        out.append(m)
    return out


def link_descriptions(doc: Doc, mentions: list[ActorMention], cues: Cues) -> list[ActorMention]:
    """A description in apposition to a named person is a mention of that person, on either
    side of the name: "Col. Travis Caughlin, 507th Maintenance Group commander"; "the lead
    commander for logistics, Abu Ghadiya". Mentions inside it stay, nested in it."""
    covered = {t for m in mentions for t in range(m.start, m.end)}
    nouns = cues.person_nouns | frozenset(cues.descriptors)
    out = list(mentions)
    for m in mentions:
        if m.kind != "person" or not (m.actor_id or m.provisional) or m.how == "coref":
            continue
        root = _root(m, doc)
        desc = [c for c in root.children if c.dep_ == "appos" and c.i >= m.end]
        if root.dep_ == "appos" and root.head.i < m.start:
            desc.append(root.head)
        for d in desc:
            if d.i in covered or d.pos_ not in ("NOUN", "PROPN"):
                continue
            if d.lemma_.lower() not in nouns and d.lower_ not in nouns:
                continue
            sub = [t.i for t in d.subtree if not (m.start <= t.i < m.end)
                   and t.i not in range(root.i, root.i + 1)]  # fmt: skip
            if d.i < m.start:  # the description comes first: up to the name
                sub = [i for i in sub if i < m.start]
            lo, hi = min(sub), max(sub) + 1
            while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].dep_ == "cc"):
                hi -= 1
            while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
                lo += 1
            if hi <= lo or any(t in covered and t == d.i for t in range(lo, hi)):
                continue
            out.append(replace(m, start=lo, end=hi, text=doc[lo:hi].text, how="coref",
                               confidence=round(m.confidence * 0.85, 3)))  # fmt: skip
            covered.add(d.i)
    return out


def link_acronyms(doc: Doc, mentions: list[ActorMention], info: DocInfo) -> list[ActorMention]:
    """ "the State Board of Antiquities and Heritage (SBAH)": the acronym in brackets after a
    name, and every later use of it, is that actor."""
    by_end = {m.end: m for m in mentions if m.kind not in ("group",) and m.how != "title"}
    alias: dict[str, ActorMention] = {}
    named: list[tuple[int, int, ActorMention]] = []  # "X (Army of the Victorious Sect)"
    for i in info.where(["("]):
        tok = doc[i]
        close = next((k for k in range(i + 2, min(i + 10, len(doc))) if doc[k].text == ")"), None)
        owner = by_end.get(i)
        if close is not None and close > i + 2 and owner is not None and owner.kind in (
            "organisation", "igo", "person"
        ) and doc[i + 1].text[:1].isupper() and all(
            t.text[:1].isupper() or t.lower_ in ("of", "the", "and", "for", "al", "-")
            for t in doc[i + 1 : close]
        ):  # fmt: skip
            named.append((i + 1, close, owner))
            continue
        if tok.i + 2 < len(doc) and doc[tok.i + 2].text == ")":
            acr = doc[tok.i + 1]
            owner = by_end.get(tok.i)
            if owner is None and tok.i > 0 and doc[tok.i - 1].lower_ in ("'s", "’s"):
                owner = by_end.get(tok.i - 1)
            if owner is not None and acr.is_upper and 2 <= len(acr.text) <= 8:
                alias.setdefault(acr.text, owner)
    if named:
        spans = {(a, b) for a, b, _ in named}
        inside = {t for a, b in spans for t in range(a, b)}
        mentions = [m for m in mentions if not (m.start in inside and m.actor_id is None)]
        mentions += [replace(o, start=a, end=b, text=doc[a:b].text, how="coref", metonym=None,
                             confidence=round(o.confidence * 0.9, 3)) for a, b, o in named]  # fmt: skip
    if not alias:
        return mentions
    covered = {t for m in mentions for t in range(m.start, m.end)}
    out = [m for m in mentions if not (m.end - m.start == 1 and doc[m.start].text in alias
                                       and m.actor_id is None)]  # fmt: skip
    kept = {t for m in out for t in range(m.start, m.end)}
    for i in info.where(a.lower() for a in alias):
        tok = doc[i]
        owner = alias.get(tok.text)
        if owner is not None and tok.i not in kept and (tok.i in covered or tok.is_upper):
            out.append(replace(owner, start=tok.i, end=tok.i + 1, text=tok.text, how="coref",
                               metonym=None, confidence=round(owner.confidence * 0.9, 3)))  # fmt: skip
    return out


def resolve_plural(
    doc: Doc, mentions: list[ActorMention], cues: Cues, info: DocInfo
) -> list[ActorMention]:
    """ "they", "them", "their" → the group or organisation that is the subject of the same
    sentence or of one of the two before it ("Militants stormed the town. They burned…").
    Nothing is guessed when no group is a subject nearby."""
    covered = {t for m in mentions for t in range(m.start, m.end)}
    groups = [m for m in mentions if m.kind in ("group", "organisation", "igo")
              and m.metonym != "place" and _is_subject(m, doc)]  # fmt: skip
    if not groups:
        return mentions
    out = list(mentions)
    starts = info.sent_starts
    for i in info.where(cues.plural_pronouns):
        if i in covered:
            continue
        k = bisect_right(starts, i) - 1
        lo = starts[max(0, k - 2)]
        cands = [m for m in groups if lo <= m.start and m.end <= i]
        if cands:
            m = cands[-1]
            out.append(replace(m, start=i, end=i + 1, text=doc[i].text, how="coref",
                               confidence=round(m.confidence * 0.7, 3)))  # fmt: skip
    return out
