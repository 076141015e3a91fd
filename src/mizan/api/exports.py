"""Exports and the brief: the same functions as ``mizan export`` and ``mizan brief``."""

from __future__ import annotations

import io
import os
import tempfile
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..brief import build_brief
from ..errors import UnknownChoiceError
from ..exports import BINARY_FORMATS, EXPORT_FORMATS, export
from .security import require

router = APIRouter(tags=["exports"], dependencies=[Depends(require("read"))])
MEDIA = {"plover-jsonl": ("application/x-ndjson", "jsonl"), "cameo-tsv": ("text/tab-separated-values", "tsv"),
         "acled-csv": ("text/csv", "csv"), "geojson": ("application/geo+json", "geojson"),
         "parquet": ("application/vnd.apache.parquet", "parquet"),
         "corrections": ("application/x-ndjson", "jsonl"), "actor-overrides": ("application/yaml", "yaml")}  # fmt: skip
From = Annotated[str | None, Query(alias="from", max_length=10, description="YYYY-MM-DD")]
To = Annotated[str | None, Query(alias="to", max_length=10, description="YYYY-MM-DD")]


@router.get("/export", summary="The deduplicated events in an export format (mizan export)")
def get_export(request: Request, format: Annotated[str, Query(max_length=20)], start: From = None,
               end: To = None) -> Response:  # fmt: skip
    if format not in EXPORT_FORMATS:
        raise UnknownChoiceError("export format", format, EXPORT_FORMATS)
    store = request.app.state.mizan.store()
    media, suffix = MEDIA[format]
    headers = {"Content-Disposition": f'attachment; filename="mizan-events.{suffix}"'}
    if format in BINARY_FORMATS:
        fd, path = tempfile.mkstemp(suffix=".parquet")
        os.close(fd)
        try:
            export(store, format, path, start, end)
            with open(path, "rb") as fh:
                data = fh.read()
        finally:
            os.unlink(path)
        return Response(data, media_type=media, headers=headers)
    buf = io.StringIO()
    export(store, format, buf, start, end)
    return Response(buf.getvalue(), media_type=media + "; charset=utf-8", headers=headers)


@router.get("/brief", response_class=HTMLResponse, summary="The HTML brief (mizan brief)")
def get_brief(request: Request, actor: Annotated[str | None, Query(max_length=200)] = None,
              start: From = None, end: To = None,
              focal: Annotated[str | None, Query(max_length=200)] = None,
              events: Annotated[int, Query(ge=1, le=500)] = 25) -> HTMLResponse:  # fmt: skip
    html = build_brief(request.app.state.mizan.store(), actor=actor, start=start, end=end,
                       focal=focal, max_events=events)  # fmt: skip
    return HTMLResponse(html, headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:"})
