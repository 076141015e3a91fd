"""Helpers for the sentence → event tables (our own sentences, the real model)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass
class Want:
    """What one row expects: an event of this type (and optionally more)."""

    event: str | None  # PLOVER type; None: no event at all
    actor: tuple[str, ...] | None = None  # actor countries (all must be there)
    recipient: tuple[str, ...] | None = None  # recipient countries; () means none
    modality: str | None = None
    cameo: str | None = None  # CAMEO prefix
    attributed: str | None = None  # a word of attributed_to["text"]
    n_events: int | None = None  # exact number of records
    extra: dict[str, Any] = field(default_factory=dict)


def countries(side: list[dict[str, Any]]) -> set[str]:
    return {a["country"] for a in side if a.get("country")}


def matching(records: list[dict[str, Any]], want: Want) -> list[dict[str, Any]]:
    out = []
    for r in records:
        if want.event is not None and r["event"] != want.event:
            continue
        if want.cameo and not r["cameo"].startswith(want.cameo):
            continue
        if want.actor is not None and not set(want.actor) <= countries(r["actor"]):
            continue
        if want.recipient is not None:
            if want.recipient == () and r["recipient"]:
                continue
            if not set(want.recipient) <= countries(r["recipient"]):
                continue
        if want.modality and r["modality"] != want.modality:
            continue
        if want.attributed and want.attributed.lower() not in str(
            (r.get("attributed_to") or {}).get("text", "")
        ).lower():
            continue
        out.append(r)
    return out


def check(records: list[dict[str, Any]], want: Want, text: str) -> None:
    shown = [(r["event"], r["cameo"], sorted(countries(r["actor"])),
              sorted(countries(r["recipient"])), r["modality"]) for r in records]  # fmt: skip
    if want.event is None:
        assert not records, f"expected no event in {text!r}, got {shown}"
        return
    if want.n_events is not None:
        assert len(records) == want.n_events, f"expected {want.n_events} events, got {shown}"
    assert matching(records, want), f"no event like {want} in {shown}"
    for r in records:  # the evidence always points at the sentence
        ev = r["evidence"]
        assert ev["text"].strip() in text


def rows(table: list[tuple[str, Want] | Any]) -> list[Any]:
    """pytest params with readable ids; rows may already be pytest.param(...)."""
    out = []
    for row in table:
        if hasattr(row, "marks"):  # already a pytest.param (a named tuple too)
            out.append(row)
        else:
            out.append(pytest.param(*row, id=row[0][:50]))
    return out
