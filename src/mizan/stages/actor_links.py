"""Links between mentions that a sentence states outright (used by the actor stage):

* an alias phrase: "Abboud Qanbar, also known as Abu Haidar" — the second name is the first
  actor (the phrases are ``alias_phrases`` in ``data/actors/cues.yaml``);
* a copula between an office and a name: "His chief of staff is General Hassan", "General
  Hassan is his chief of staff" — the title is that person;
* a bare surname before the full name it belongs to: "Mr Ellwood ... Tobias Ellwood" (a
  surname after the full name is handled by ``actor_coref.merge_names``);
* a description of one person and a name side by side, a comma between, whatever the parse
  says: "Dr. Ahmed Saleh, Acting Director of the Office of Museums"; "the task force's
  commanding general, Lt. Gen. Jan Smit".
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..actors.normalize import name_key
from .actor_context import DocInfo

if TYPE_CHECKING:
    from .actors import ActorMention

NEAR = 12  # tokens between a name and the alias phrase after it


def _named(m: ActorMention) -> bool:
    return m.kind in ("person", "organisation", "igo") and bool(m.actor_id or m.provisional)


def _same(m: ActorMention, other: ActorMention, factor: float = 0.85) -> ActorMention:
    """``m`` as a mention of ``other``'s actor."""
    return replace(m, actor_id=other.actor_id, name=other.name, kind=other.kind,
                   country=other.country or m.country,
                   sector=other.sector if other.sector not in (None, "UNK") else m.sector,
                   provisional=other.provisional, how="coref",
                   confidence=round(other.confidence * factor, 3))  # fmt: skip


def link_aliases(
    doc: Doc, mentions: list[ActorMention], phrases: tuple[tuple[str, ...], ...], info: DocInfo
) -> list[ActorMention]:
    """ "X, also known as Y": Y is X's actor. X is the nearest named mention before the
    phrase in the same sentence; Y the mention that starts right after it."""
    if not phrases or not mentions:
        return mentions
    firsts = {p[0] for p in phrases}
    by_start = {m.start: i for i, m in enumerate(mentions)}
    out = list(mentions)
    for i in info.where(firsts):
        words = next((p for p in phrases if tuple(info.lower(k) for k in range(
            i, min(i + len(p), info.n))) == p), None)  # fmt: skip
        if words is None:
            continue
        j = i + len(words)
        while j < info.n and (doc[j].lower_ == "the" or doc[j].is_quote):
            j += 1
        k = by_start.get(j)
        if k is None or info.sent_start[j] != info.sent_start[i]:
            continue
        # the name it follows ends a few words before (brackets between may fool the
        # sentence splitter: "Abboud Qanbar (Arabic: …), also known as Abu Haidar")
        before = [m for m in out if i - NEAR <= m.end <= i and _named(m)]
        if not before:
            continue
        first = max(before, key=lambda m: m.end)
        if first.kind != out[k].kind and out[k].actor_id is not None:
            continue  # "Iraq, better known as ..." never turns a known actor into another
        out[k] = _same(out[k], first, 0.9)
    return out


def link_copulas(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """ "His chief of staff is General Hassan": an office without a holder that is the
    subject (or the complement) of "be" whose other side is a named person is that person."""
    by_token = {t: i for i, m in enumerate(mentions) for t in range(m.start, m.end)}
    out = list(mentions)
    for i, m in enumerate(mentions):
        if m.how != "title" or m.actor_id or m.provisional:
            continue
        root = doc[m.start : m.end].root
        verb = root.head
        if verb.lemma_ != "be" or root.dep_ not in ("nsubj", "attr"):
            continue
        other_dep = "attr" if root.dep_ == "nsubj" else "nsubj"
        side = [c for c in verb.children if c.dep_ == other_dep]
        side += [x for c in side for x in c.children if x.dep_ == "compound"]
        k = next((by_token[c.i] for c in side if c.i in by_token), None)
        if k is not None and mentions[k].kind == "person" and _named(mentions[k]):
            out[i] = _same(m, mentions[k])
    return out


def link_surnames_back(mentions: list[ActorMention]) -> list[ActorMention]:
    """An unknown one-word name ("Mr Ellwood") takes the identity of the one unknown person
    named in full in the document whose last name it is, even when the full name comes later.
    """
    full: dict[str, set[str]] = {}
    owner: dict[str, ActorMention] = {}
    for m in mentions:
        if m.kind == "person" and m.provisional and m.actor_id is None:
            words = name_key(m.name).split()
            if len(words) >= 2 and len(words[-1]) >= 3:
                full.setdefault(words[-1], set()).add(m.provisional)
                owner.setdefault(words[-1], m)
    if not full:
        return mentions
    out = []
    for m in mentions:
        words = name_key(m.name).split() if m.provisional and m.actor_id is None else []
        if len(words) == 1 and len(full.get(words[0], ())) == 1 and (
            m.provisional not in full[words[0]]
        ):  # fmt: skip
            o = owner[words[0]]
            m = replace(m, name=o.name, provisional=o.provisional, kind="person",
                        country=m.country or o.country)  # fmt: skip
        out.append(m)
    return out


SPACED_ARTICLES = frozenset({"al", "el"})


def extend_articles(doc: Doc, mentions: list[ActorMention], articles: frozenset[str]) -> None:
    """A name written with a lower-case Arabic article ("al-Qaida", "al-Ahwal Brigades", "al
    Qaeda in Iraq") keeps it: the matcher and the tagger start names at a capital letter."""
    covered = {t for m in mentions for t in range(m.start, m.end)}
    for i, m in enumerate(mentions):
        s = m.start
        if s >= 1 and doc[s - 1].text in SPACED_ARTICLES and s - 1 not in covered:
            mentions[i] = replace(m, start=s - 1, text=doc[s - 1 : m.end].text)
            continue  # "al Qaeda in Iraq" (not "as", "an", "at": English words too)
        if s < 2 or doc[s - 1].text != "-" or doc[s - 2].lower_ not in articles:
            continue
        if doc[s - 2].whitespace_ or doc[s - 1].whitespace_ or {s - 2, s - 1} & covered:
            continue
        mentions[i] = replace(m, start=s - 2, text=doc[s - 2 : m.end].text)


def _description(m: ActorMention, doc: Doc, heads: frozenset[str]) -> bool:
    """A mention that describes one person without naming them: an unresolved title, or an
    agent noun for one person ("the commanding general", "a spokesman")."""
    root = doc[m.start : m.end].root
    if m.how == "title" and not (m.actor_id or m.provisional):
        return True
    return m.how == "agent" and root.tag_ in ("NN", "NNP") and root.lower_ in heads


def link_side_by_side(doc: Doc, mentions: list[ActorMention], heads: frozenset[str]) -> None:
    """A description and a named person separated only by a comma are one person, in either
    order ("NAME, TITLE" / "TITLE, NAME"); the description takes the name's actor."""
    order = sorted(range(len(mentions)), key=lambda k: (mentions[k].start, -mentions[k].end))
    for x, y in zip(order, order[1:], strict=False):
        a, b = mentions[x], mentions[y]
        if a.end >= len(doc) or doc[a.end].text != "," or b.start <= a.end:
            continue
        gap = doc[a.end + 1 : b.start]  # ranks before a name: "Lt. Gen."
        if len(gap) > 4 or not all(t.text == "." or t.text[:1].isupper() for t in gap):
            continue
        if a.kind == "person" and _named(a) and a.how != "title" and _description(b, doc, heads):
            mentions[y] = _same(b, a)
        elif b.kind == "person" and _named(b) and _description(a, doc, heads):
            mentions[x] = _same(a, b)
