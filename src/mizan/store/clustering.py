"""Grouping per-document event reports into real events (clusters). Pure logic, no SQL.

Each stored event row is one document's report. A cluster is one real event: its id is the
id of its representative report (the one with the finest date, then place, then the highest
confidence). New reports are assigned in a canonical order (finest date precision first, then
date, then id), each to the one existing cluster it matches (docs/dedup.md):

- no match: the report starts a new cluster;
- one match: it joins that cluster, whose date interval narrows to the overlap and whose place
  becomes the more precise of the two;
- several matches that also match each other: they merge, with the report, into one;
- several matches that do not match each other (a report dated "in September" that fits two
  different meetings that month): the report is ambiguous and stays on its own.

A report never joins a cluster that already holds a report from the same document: within a
document, repeated mentions are merged by the coder, and two reports are two events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .matching import (
    MatchRule,
    Place,
    is_generic,
    overlap,
    place_rank,
    places_compatible,
    span_days,
)

Span = tuple[date, date] | None


@dataclass
class Report:
    event_id: str
    doc_id: str
    key: str
    span: Span
    place: Place | None
    rank: str


@dataclass(eq=False)
class Cluster:
    cluster_id: str
    key: str
    span: Span
    place: Place | None
    rank: str
    docs: set[str] = field(default_factory=set)
    db_ids: set[str] = field(default_factory=set)
    """Ids under which this cluster, and clusters merged into it, are stored now."""
    new_members: list[str] = field(default_factory=list)
    forward: Cluster | None = None
    touched: bool = False

    def final(self) -> Cluster:
        c = self
        while c.forward is not None:
            c = c.forward
        return c


def _place_key(p: Place | None) -> tuple[object, ...]:
    """Order of preference between compatible places: the more precise, then a GeoNames place,
    then by name and coordinates (so the choice does not depend on arrival order)."""
    if not p:
        return (place_rank(p),)
    return (place_rank(p), p.get("geonameid") is None, str(p.get("name") or ""),
            p.get("lat") or 0.0, p.get("lon") or 0.0)  # fmt: skip


def _better_place(a: Place | None, b: Place | None) -> Place | None:
    return b if _place_key(b) < _place_key(a) else a


def _absorb(target: Cluster, rank: str, rep_id: str, span: Span, place: Place | None,
            docs: Iterable[str]) -> None:  # fmt: skip
    target.span = overlap(target.span, span)
    target.place = _better_place(target.place, place)
    target.docs.update(docs)
    if rank < target.rank:
        target.rank, target.cluster_id = rank, rep_id
    target.touched = True


def _mutually_compatible(rule: MatchRule, group: list[Cluster], report: Report) -> bool:
    span = report.span
    seen_docs: set[str] = {report.doc_id}
    for c in group:
        span = overlap(span, c.span)
        if span is None or seen_docs & c.docs:
            return False
        seen_docs |= c.docs
    return all(
        places_compatible(rule, a.place, b.place)
        for i, a in enumerate(group)
        for b in group[i + 1 :]
    )


def _specific_enough(rule: MatchRule, r: Report) -> bool:
    """Reports between generic agents merge only with a place and a short date interval."""
    if not is_generic(r.key):
        return True
    if rule.generic_require_place and not r.place:
        return False
    days = span_days(r.span)
    return days is not None and days <= rule.generic_max_span_days


def _as_report(c: Cluster) -> Report:
    return Report(c.cluster_id, "", c.key, c.span, c.place, c.rank)


def order(reports: Iterable[Report]) -> list[Report]:
    """The canonical processing order: finest date precision first, then date, then id."""
    return sorted(reports, key=lambda r: (r.rank[0], r.span[0] if r.span else date.max, r.event_id))


def assign(rule: MatchRule, reports: Iterable[Report], clusters: Iterable[Cluster]) -> list[Cluster]:
    """Assign ``reports`` to ``clusters`` (already stored ones, loaded by the caller for the
    reports' keys). Returns the touched clusters in their final state."""
    by_key: dict[str, list[Cluster]] = defaultdict(list)
    for c in clusters:
        by_key[c.key].append(c)
    for r in order(reports):
        target: Cluster | None = None
        generic = is_generic(r.key)
        if r.span is not None and _specific_enough(rule, r):
            cands = [
                c for c in by_key.get(r.key, ())
                if c.forward is None and r.doc_id not in c.docs
                and overlap(c.span, r.span) is not None
                and (not generic or _specific_enough(rule, _as_report(c)))
                and places_compatible(rule, c.place, r.place)
            ]  # fmt: skip
            if len(cands) == 1:
                target = cands[0]
            elif len(cands) > 1 and _mutually_compatible(rule, cands, r):
                cands.sort(key=lambda c: c.rank)
                target = cands[0]
                for other in cands[1:]:
                    _absorb(target, other.rank, other.cluster_id, other.span, other.place, other.docs)
                    target.db_ids |= other.db_ids
                    target.new_members += other.new_members
                    other.forward, other.new_members = target, []
                    by_key[r.key].remove(other)
        if target is None:
            target = Cluster(r.event_id, r.key, r.span, r.place, r.rank, {r.doc_id})
            target.touched = True
            by_key[r.key].append(target)
        else:
            _absorb(target, r.rank, r.event_id, r.span, r.place, [r.doc_id])
        target.new_members.append(r.event_id)
    return [c for cs in by_key.values() for c in cs if c.touched and c.forward is None]
