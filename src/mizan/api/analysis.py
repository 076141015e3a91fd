"""Timeline, dyads, network and alignment: the same functions as ``mizan timeline``,
``dyads``, ``network`` and ``alignment``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ..analysis.alignment import alignment
from ..analysis.dyads import dyads
from ..analysis.network import NETWORK_FORMATS, network, write_network
from ..analysis.timeline import timeline
from ..errors import UnknownChoiceError
from .security import require

router = APIRouter(tags=["analysis"], dependencies=[Depends(require("read"))])
From = Annotated[str | None, Query(alias="from", max_length=10, description="YYYY-MM-DD")]
To = Annotated[str | None, Query(alias="to", max_length=10, description="YYYY-MM-DD")]
Period = Annotated[str, Query(max_length=10, description="day, week, month, quarter or year")]


@router.get("/timeline", summary="An actor's events in time order (mizan timeline)")
def get_timeline(request: Request, actor: Annotated[str, Query(max_length=200)], start: From = None,
                 end: To = None, limit: Annotated[int | None, Query(ge=1, le=100000)] = None,
                 sources: bool = True) -> dict[str, Any]:  # fmt: skip
    rows = timeline(request.app.state.mizan.store(), actor, start, end, limit, sources)
    return {"actor": actor, "events": rows}


@router.get("/dyads", summary="Counts and scores per actor pair and period (mizan dyads)")
def get_dyads(request: Request, period: Period = "month", start: From = None, end: To = None,
              actor: Annotated[str | None, Query(max_length=200)] = None,
              top: Annotated[int | None, Query(ge=1, le=10000)] = None) -> dict[str, Any]:  # fmt: skip
    return {"period": period, "dyads": dyads(request.app.state.mizan.store(), period, start, end, actor, top)}


@router.get("/network", summary="The actor network (mizan network): json, gexf or graphml")
def get_network(request: Request, start: From = None, end: To = None,
                actor: Annotated[str | None, Query(max_length=200)] = None, period: Period = "month",
                format: Annotated[str, Query(max_length=10)] = "json") -> Any:  # fmt: skip
    if format not in NETWORK_FORMATS:
        raise UnknownChoiceError("network format", format, NETWORK_FORMATS)
    graph = network(request.app.state.mizan.store(), start, end, actor, period)
    if format == "json":
        return graph
    media = "application/gexf+xml" if format == "gexf" else "application/graphml+xml"
    return Response(write_network(graph, format), media_type=media)


@router.get("/alignment", summary="The focal actor's scores with each bloc and its leans (mizan alignment)")
def get_alignment(request: Request, focal: Annotated[str, Query(max_length=200)] = "IRQ",
                  period: Period = "month", start: From = None, end: To = None) -> dict[str, Any]:  # fmt: skip
    return alignment(request.app.state.mizan.store(), focal, None, period, start, end)
