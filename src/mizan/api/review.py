"""The review queue: mark an event right or wrong, or correct its type, actor, recipient,
date, place or modality; read corrections back, and the actor overrides they imply."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from ..review.corrections import FIELDS, correct, corrections
from ..review.overrides import overrides_yaml
from ..review.tokens import TokenInfo
from .security import require

router = APIRouter(tags=["review"])


class Correction(BaseModel):
    field: str = Field(description=f"One of {', '.join(FIELDS)}.", max_length=20)
    value: Any = Field(description="verdict: right|wrong; event: {event, cameo}; actor/recipient: "
                       "[{id} or {name, country, sector, kind}]; date: {date, enddate, precision}; "
                       "place: {name, country} or null; modality: one of the six.")  # fmt: skip
    note: str | None = Field(default=None, max_length=2000)


@router.post("/events/{event_id}/review", status_code=201,
             summary="Apply one correction (or verdict) to an event")  # fmt: skip
def review_event(request: Request, event_id: str, body: Correction,
                 who: Annotated[TokenInfo, Depends(require("review"))]) -> dict[str, Any]:  # fmt: skip
    state = request.app.state.mizan
    registry = state.registry() if body.field in ("actor", "recipient") else None
    result = correct(state.store(), event_id, body.field, body.value, who.who, who.role,
                     body.note, registry)  # fmt: skip
    state.changed()
    if body.field in ("actor", "recipient"):
        state.actors_changed()
    return result


@router.get("/events/{event_id}/corrections", dependencies=[Depends(require("read"))],
            summary="The corrections of one event, oldest first")  # fmt: skip
def event_corrections(request: Request, event_id: str) -> dict[str, Any]:
    return {"corrections": corrections(request.app.state.mizan.store(), event_id)}


@router.get("/corrections", dependencies=[Depends(require("read"))],
            summary="Every correction, oldest first")  # fmt: skip
def all_corrections(request: Request, limit: Annotated[int, Query(ge=1, le=10000)] = 1000,
                    offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:  # fmt: skip
    return {"corrections": corrections(request.app.state.mizan.store(), None, limit, offset)}


@router.get("/corrections/overrides", dependencies=[Depends(require("read"))],
            response_class=PlainTextResponse,
            summary="Actor corrections as a registry overrides file (YAML, for --actors)")  # fmt: skip
def actor_overrides(request: Request) -> PlainTextResponse:
    return PlainTextResponse(overrides_yaml(request.app.state.mizan.store()),
                             media_type="application/yaml")  # fmt: skip
