"""Query parameters shared by the routes: the event filter, dates, periods."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from ..analysis.search import EventFilter
from .errors import ApiError


def _list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


async def event_filter(
    actor: Annotated[str | None, Query(description="Actor on either side: registry id, country code (IRQ), CAMEO-style code (IRQGOV) or name.", max_length=200)] = None,
    actor_key: Annotated[str | None, Query(description="An exact actor key (registry id, else country+sector), as in /actors.", max_length=200)] = None,
    dyad: Annotated[str | None, Query(description="SOURCE,TARGET actor keys (a directed pair, as in /dyads).", max_length=400)] = None,
    event: Annotated[str | None, Query(description="PLOVER types, comma separated (CONSULT,AGREE).", max_length=400)] = None,
    start: Annotated[str | None, Query(alias="from", description="First date, YYYY-MM-DD.", max_length=10)] = None,
    end: Annotated[str | None, Query(alias="to", description="Last date, YYYY-MM-DD.", max_length=10)] = None,
    modality: Annotated[str | None, Query(description="Modalities, comma separated (asserted,reported).", max_length=200)] = None,
    country: Annotated[str | None, Query(description="Country of the event's place (ISO alpha-3).", max_length=3)] = None,
    place: Annotated[str | None, Query(description="Name of the event's place.", max_length=200)] = None,
    q: Annotated[str | None, Query(description="Words in the evidence sentence.", max_length=200)] = None,
    review: Annotated[str | None, Query(description="unreviewed, reviewed or corrected.", max_length=20)] = None,
) -> EventFilter:  # fmt: skip
    pair = None
    if dyad:
        parts = [p.strip() for p in dyad.split(",")]
        if len(parts) != 2 or not all(parts):
            raise ApiError(422, f"dyad {dyad!r} must be SOURCE,TARGET (two actor keys)")
        pair = (parts[0], parts[1])
    return EventFilter(actor=actor or None, actor_key=actor_key or None, dyad=pair,
                       event=_list(event), start=start or None, end=end or None,
                       modality=_list(modality), country=country or None, place=place or None,
                       q=q or None, review=review or None)  # fmt: skip


Filter = Annotated[EventFilter, "event filter"]
