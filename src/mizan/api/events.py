"""Events: the filtered list, map points, the filtered network, and one event with its
evidence on screen."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ..analysis.evidence import evidence_view
from ..analysis.search import EventFilter, event_network, event_points, search_events
from ..review.corrections import corrections, review_status
from .errors import ApiError
from .params import event_filter
from .security import require

router = APIRouter(tags=["events"], dependencies=[Depends(require("read"))])
FilterDep = Annotated[EventFilter, Depends(event_filter)]


def _cached_json(request: Request, name: str, build: Callable[[], Any]) -> Response:
    """The JSON body of ``build()``, kept in the page cache under the route and its query."""
    state = request.app.state.mizan
    key = f"{name}?{request.url.query}"
    body = state.cached(key)
    if body is None:
        body = json.dumps(build(), ensure_ascii=False).encode()
        state.remember(key, body)
    return Response(body, media_type="application/json")


@router.get("/events", summary="Deduplicated events matching the filters, a page at a time")
def list_events(
    request: Request, f: FilterDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    order: Annotated[str, Query(description="-date (newest first), date, confidence or -confidence")] = "-date",
    total: Annotated[bool, Query(description="Also count every matching event (slower).")] = False,
) -> Response:  # fmt: skip
    state = request.app.state.mizan

    def build() -> Any:
        store = state.store()
        page = search_events(store, f, limit, offset, order, total)
        status = review_status(store, [i["id"] for i in page["items"]]) if state.has_corrections() else {}
        for item in page["items"]:
            item["review"] = status.get(item["id"])
        return page

    return _cached_json(request, "events", build)


@router.get("/events/points", summary="Located events matching the filters (for the map)")
def points(request: Request, f: FilterDep,
           limit: Annotated[int, Query(ge=1, le=20000)] = 5000) -> Response:  # fmt: skip
    store = request.app.state.mizan.store
    return _cached_json(request, "points", lambda: {"points": event_points(store(), f, limit)})


@router.get("/events/network", summary="The actor network of the events matching the filters")
def filtered_network(request: Request, f: FilterDep,
                     max_edges: Annotated[int, Query(ge=1, le=2000)] = 150) -> Response:  # fmt: skip
    store = request.app.state.mizan.store
    return _cached_json(request, "network", lambda: event_network(store(), f, max_edges))


@router.get("/events/{event_id}", summary="One event with its mentions, its source document "
            "and the evidence spans to highlight")  # fmt: skip
def get_event(request: Request, event_id: str,
              doc: Annotated[str | None, Query(description="Show this reporting document instead.")] = None,
              ) -> dict[str, Any]:  # fmt: skip
    store = request.app.state.mizan.store()
    view = evidence_view(store, event_id, doc)
    if view is None:
        rejected = store.query("SELECT 1 FROM rejected_events WHERE event_id = ? OR cluster_id = ?",
                               (event_id, event_id))  # fmt: skip
        if rejected:
            raise ApiError(404, f"event {event_id!r} was marked wrong by a reviewer",
                           {"event_id": event_id, "rejected": True})  # fmt: skip
        raise ApiError(404, f"no event {event_id!r}", {"event_id": event_id})
    cluster = view["event"]["id"]
    view["review"] = review_status(store, [cluster]).get(cluster)
    view["corrections"] = corrections(store, cluster)
    return view
