"""How sure mizan is of an event, from the evidence for it.

The score multiplies three parts, each from something the coder saw:

* **the trigger**: what kind of trigger coded it (a verb of the pattern dictionary, a
  governor that recoded its complement, a light verb with its noun, a bare nominal event)
  and how specific the matching pattern was (number of pattern words);
* **the clause**: where the trigger sits — the sentence's main event, or an event told in
  passing inside a relative clause, an adjunct, a purpose clause or a circumstance ("killed in
  an attack") — and how many dependency arcs separate the trigger from its arguments;
* **the arguments**: how confidently the actor (and recipient) were resolved (registry name,
  office on the date, agent noun with a country, unresolved named entity, pronoun).

The weights are set by hand and checked against gold data: ``mizan eval plover-gsr`` prints a
reliability table (confidence bins against the share of events that are right) and the
ordering must hold there and on the demo corpus (tests/test_confidence.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

# events less sure than this are not emitted: precision first (on the PLOVER gold set none of
# them has the right type; a nominal event under a criticism scores 0.33 and is often right)
MIN_CONFIDENCE = 0.3
KIND = {"verb": 0.62, "derived": 0.64, "light": 0.6, "noun": 0.44}
ROLE = {"main": 0.0, "adjunct": 0.14, "parataxis": 0.1, "circumstance": 0.16, "purpose": 0.18,
        "relative": 0.2, "acl": 0.2, "appos": 0.2, "background": 0.22}  # fmt: skip
# the unidentified attackers of the place where an unclaimed attack happened (records.py)
UNNAMED_RESOLUTION = 0.45
MODALITY = {"asserted": 0.0, "reported": 0.0, "future": 0.02, "historical": 0.02,
            "negated": 0.05, "hypothetical": 0.08}  # fmt: skip


class _Mention(Protocol):
    confidence: float
    how: str
    country: str | None
    actor_id: str | None
    metonym: str | None


class _Event(Protocol):
    kind: str
    specificity: int
    distance: int
    role: str
    modality: str

    @property
    def actor(self) -> Sequence[_Mention]: ...  # pragma: no cover

    @property
    def recipient(self) -> Sequence[_Mention]: ...  # pragma: no cover


def _resolution(ms: Sequence[_Mention]) -> float:
    if not ms:
        return 0.3
    scores = []
    for m in ms:
        s = m.confidence
        if not m.country and not m.actor_id:
            s *= 0.6
        if m.metonym == "demonym":  # "one of the Chadian delegates" is not Chad
            s *= 0.75
        scores.append(s)
    return sum(scores) / len(scores)


def score(ev: _Event, actor_resolution: float | None = None) -> float:
    """The event's confidence, 0.05–0.99 (see the module docstring); ``actor_resolution``
    stands for the actor's when the actor is not a mention (an unnamed attacker)."""
    trigger = KIND.get(ev.kind, 0.5) + 0.06 * min(ev.specificity, 3)
    clause = 1.0 - ROLE.get(ev.role, 0.15) - 0.04 * max(ev.distance - 2, 0)
    clause -= MODALITY.get(ev.modality, 0.0)
    resolution = _resolution(ev.actor) if actor_resolution is None else actor_resolution
    if ev.recipient:
        resolution = 0.75 * resolution + 0.25 * _resolution(ev.recipient)
    value = trigger * max(clause, 0.3) * (0.45 + 0.55 * resolution)
    return round(max(0.05, min(value, 0.99)), 3)
