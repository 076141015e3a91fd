"""One event, many mentions: when two event records of one document are the same event.

Two mentions are the same event when all of these hold:

* the same PLOVER event type;
* compatible actors: the same actors, or one side names only unnamed agents ("a
  delegation", "officials") of countries the other side's actors belong to;
* compatible recipients: the same, or one side only unnamed agents or places of the other
  side's countries ("Washington" / "the White House"); when a side has no recipient, the two
  mentions must have the same CAMEO code and the same trigger word, within a few sentences
  ("held a meeting ... the meeting");
* the same CAMEO code when the recipients are not literally the same ("arrived in
  Baghdad" and "met al-Kadhimi" stay two events);
* for symmetric events (a meeting; ``symmetric`` in ``data/dedup.yaml``, the rule the store
  uses across documents), the two sides pooled: "X met Y" and "Y's meeting with X" are one
  meeting, and so are "X met senior Iraqi officials" and "Y (an Iraqi official) said during
  his meeting with X", when the unnamed agents on one side are of the countries and sectors
  of the named participants they stand for on the other, and the CAMEO code is the same;
* compatible dates (overlapping, or one undated) and places (the same country, or one
  without a place).

The kept record gathers every mention (``mentions``), keeps the first mention's evidence
(within one sentence, the more confident reading's code, trigger and arguments),
takes a date or place the other one has and it lacks, prefers named actors to unnamed
agents, and its confidence grows with the corroboration.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from ..store.matching import load_rule

EMPTY_RECIPIENT_WINDOW = 3  # sentences


def actor_key(m: dict[str, Any]) -> str:
    return str(m.get("id") or f"{m.get('country')}|{m.get('sector')}|{str(m.get('name')).lower()}")


def _generic(m: dict[str, Any]) -> bool:
    """An unnamed agent ("officials", "a delegation") or a place standing for its state."""
    return bool(m.get("_generic"))


def _literal(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> bool:
    return sorted(actor_key(m) for m in a) == sorted(actor_key(m) for m in b)


def _loosely(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> bool:
    """One side only unnamed agents of the other side's countries and sectors."""
    if not a or not b:
        return False
    ca = {(m.get("country"), m.get("sector")) for m in a}
    cb = {(m.get("country"), m.get("sector")) for m in b}
    if all(_generic(m) for m in a) and ca <= cb:
        return True
    return all(_generic(m) for m in b) and cb <= ca


def _pooled(r: dict[str, Any]) -> list[dict[str, Any]]:
    return list(r["actor"]) + list(r["recipient"])


def _symmetric_match(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The participants of two mentions of a symmetric event, each side's pooled, are the
    same: literally, or (with the same CAMEO code) once the unnamed agents of one are matched
    to named participants of the other of the same country and sector."""
    if not (a["actor"] and a["recipient"] and b["actor"] and b["recipient"]):
        return False
    if not _symmetric(a["event"], a["cameo"]):
        return False
    pa, pb = _pooled(a), _pooled(b)
    ka, kb = {actor_key(m) for m in pa}, {actor_key(m) for m in pb}
    if ka == kb:
        return True
    if a["cameo"] != b["cameo"] or not ka & kb:
        return False
    only_a = [m for m in pa if actor_key(m) not in kb]
    only_b = [m for m in pb if actor_key(m) not in ka]
    return _stands_for(only_a, only_b) or _stands_for(only_b, only_a)


@cache
def _symmetric(event: str, cameo: str | None) -> bool:
    return load_rule().symmetric(event, cameo)


def _stands_for(generic: list[dict[str, Any]], named: list[dict[str, Any]]) -> bool:
    """Every one of ``generic`` is an unnamed agent of the country and sector of one of
    ``named``, and every one of ``named`` is covered."""
    if not generic or not named or not all(_generic(m) for m in generic):
        return False
    cg = {(m.get("country"), m.get("sector")) for m in generic}
    cn = {(m.get("country"), m.get("sector")) for m in named}
    return cg == cn


def dates_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if (
        a["date"] is None
        or b["date"] is None
        or "document" in (a["date_precision"], b["date_precision"])
        or "unknown" in (a["date_precision"], b["date_precision"])
    ):
        return True
    a0, b0 = date.fromisoformat(str(a["date"])), date.fromisoformat(str(b["date"]))
    a1 = date.fromisoformat(str(a["enddate"])) if a["enddate"] else a0
    b1 = date.fromisoformat(str(b["enddate"])) if b["enddate"] else b0
    return a0 <= b1 and b0 <= a1


def places_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    la, lb = a["location"], b["location"]
    if not la or not lb:
        return True
    return bool(la.get("country") == lb.get("country"))


def same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["event"] != b["event"]:
        return False
    aa, ab, ra, rb = a["actor"], b["actor"], a["recipient"], b["recipient"]
    same_sentence = a["evidence"]["sentence"] == b["evidence"]["sentence"]
    if _symmetric_match(a, b):
        pass
    elif same_sentence and _literal(aa, ab) and (not ra or not rb or _literal(ra, rb)):
        pass  # "held a meeting ..., discussing X": one event told twice in one sentence
    elif _literal(aa, ab) and _literal(ra, rb):
        if not ra:
            near = abs(a["evidence"]["sentence"] - b["evidence"]["sentence"]) <= (
                EMPTY_RECIPIENT_WINDOW
            )
            same_word = a["evidence"]["trigger"].lower() == b["evidence"]["trigger"].lower()
            if not (near and same_word and a["cameo"] == b["cameo"]):
                return False
    elif a["cameo"] != b["cameo"] or not ((_literal(aa, ab) and ra and _loosely(ra, rb))
              or (ra and _literal(ra, rb) and _loosely(aa, ab))):
        return False
    return dates_compatible(a, b) and places_compatible(a, b)


def merge_into(kept: dict[str, Any], other: dict[str, Any]) -> None:
    """Fold ``other`` into ``kept``: keep every mention, fill gaps, take the better values."""
    kept["mentions"].extend(other["mentions"])
    if kept["date_precision"] in ("document", "unknown") and other["date_precision"] not in (
        "document",
        "unknown",
    ):
        for f in ("date", "enddate", "date_precision", "date_text"):
            kept[f] = other[f]
    if kept["location"] is None:
        kept["location"] = other["location"]
    if not kept["recipient"] and other["recipient"]:
        kept["recipient"] = other["recipient"]  # "killed one soldier and wounded two others"
    swapped = _symmetric_match(kept, other) and not _literal(kept["actor"], other["actor"])
    for side in ("actor", "recipient"):
        if not kept[side] or not all(_generic(m) for m in kept[side]):
            continue
        if swapped:  # "X met officials" + "Y's meeting with X": the officials are Y
            seen = {actor_key(m) for m in _pooled(kept)}
            named = [m for m in _pooled(other) if not _generic(m) and actor_key(m) not in seen]
            if named:
                kept[side] = named
        elif other[side] and not all(_generic(m) for m in other[side]):
            kept[side] = other[side]  # "the delegation" → "al-Kadhimi"
    kept["confidence"] = round(
        1 - (1 - float(kept["confidence"])) * (1 - float(other["confidence"])) ** 0.5, 3
    )


def merge_records(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge the records of one document (in text order) that are the same event."""
    out: list[dict[str, Any]] = []
    for rec in records:
        same = next((r for r in out if same_event(r, rec)), None)
        if same is None:
            out.append(rec)
        elif _same_sentence(same, rec) and float(rec["confidence"]) > float(same["confidence"]):
            # one event told twice in one sentence ("aircraft using missiles killed 4"): the
            # better-coded reading gives the record its code, trigger and arguments
            mentions = same["mentions"] + rec["mentions"]
            merge_into(rec, same)
            rec["mentions"] = mentions
            out[next(i for i, r in enumerate(out) if r is same)] = rec
        else:
            merge_into(same, rec)
    return out


def _same_sentence(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["evidence"]["sentence"] == b["evidence"]["sentence"])
