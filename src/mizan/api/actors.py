"""Actors: the list, and one actor's page (names, roles over time, events, partners)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from ..analysis.profile import actor_list, actor_profile
from ..analysis.search import EventFilter, search_events
from .security import require

router = APIRouter(tags=["actors"], dependencies=[Depends(require("read"))])


@router.get("/actors", summary="Actors of the events, busiest first")
def list_actors(request: Request,
                q: Annotated[str | None, Query(max_length=200, description="Part of a name.")] = None,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:  # fmt: skip
    return {"actors": actor_list(request.app.state.mizan.store(), q, limit, offset)}


@router.get("/actors/{key}", summary="One actor: names seen, roles with dates, offices, "
            "partners, and its latest events")  # fmt: skip
def get_actor(request: Request, key: str,
              limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:  # fmt: skip
    state = request.app.state.mizan
    store = state.store()
    profile = actor_profile(store, key, state.registry())
    profile["latest"] = search_events(store, EventFilter(actor_key=key), limit)["items"]
    return profile
