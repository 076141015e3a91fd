"""A common noun for an organisation named earlier by a name that ends in that noun:
"the coalition" after "the US-led coalition", "coalition airstrikes" after "the Global
Coalition", "the command" after "U.S. Central Command", "this expeditionary fighter
squadron" after "the 134th Expeditionary Fighter Squadron". It stands for the nearest such
organisation before it in the document (used by the actor stage, after the other kinds of
coreference)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    from .actors import ActorMention

DEFINITE = ("the", "this", "that")
SHARE = 0.7  # of the antecedent's confidence


def _start(t: Token) -> int | None:
    """Where the mention of a bare organisation noun begins: with its determiner and
    modifiers ("the global coalition"), or the noun alone as a modifier of another noun
    ("coalition airstrikes"); None for an indefinite one ("a coalition of the willing")."""
    left = [c for c in t.children if c.i < t.i]
    det = next((c for c in left if c.dep_ == "det"), None)
    if det is not None:
        return min(c.left_edge.i for c in left) if det.lower_ in DEFINITE else None
    if not left and t.dep_ == "compound" and t.head.i > t.i and t.head.pos_ == "NOUN":
        return t.i
    return None


def link_head_nouns(doc: Doc, mentions: list[ActorMention], nouns: frozenset[str]) -> list[ActorMention]:
    """``nouns``: the nouns of a body of people or a military unit that may stand for an
    organisation named with them (``group_nouns`` and ``unit_nouns`` in cues.yaml); not
    "the summit" after "the UK-France Summit", nor "the centre" after a cultural centre."""
    heads: dict[str, list[ActorMention]] = {}
    for m in mentions:
        last = doc[m.end - 1].lemma_.lower()
        if m.kind in ("organisation", "igo") and m.how != "agent" and last in nouns and (
            m.actor_id or m.provisional
        ):  # fmt: skip
            heads.setdefault(last, []).append(m)
    if not heads:
        return mentions
    covered = {t for m in mentions for t in range(m.start, m.end)}
    out = list(mentions)
    for t in doc:
        if t.i in covered or t.tag_ != "NN" or not t.is_lower or t.lemma_.lower() not in heads:
            continue
        before = [m for m in heads[t.lemma_.lower()] if m.end <= t.i]
        start = _start(t)
        if not before or start is None or any(k in covered for k in range(start, t.i)):
            continue
        m = max(before, key=lambda x: x.end)
        out.append(replace(m, start=start, end=t.i + 1, text=doc[start : t.i + 1].text,
                           how="coref", metonym=None,
                           confidence=round(m.confidence * SHARE, 3)))  # fmt: skip
        covered.update(range(start, t.i + 1))
    return out
