"""Documents: upload text or JSON Lines to be coded (a job), read a job's status, and read a
stored document with its events."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from ..documents import Document, check_text, decode, document_from_json, parse_date
from ..errors import InputError
from ..review.tokens import TokenInfo
from .errors import ApiError
from .security import require

router = APIRouter(tags=["documents"])
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines",
               "application/json-lines", "application/jsonlines")  # fmt: skip


def parse_upload(body: bytes, content_type: str, default_date: Any, meta: dict[str, str | None],
                 max_documents: int) -> list[Document | InputError]:  # fmt: skip
    """Documents from an upload body: plain text (one document, with ``meta``), a JSON object
    ``{text, date, title, source, url, id}`` or ``{documents: [...]}``, or JSON Lines."""
    ctype = content_type.split(";")[0].strip().lower()
    source = "<upload>"
    text = decode(body, source)
    docs: list[Document | InputError] = []
    if ctype in JSONL_TYPES:
        for n, raw in enumerate(text.splitlines(), start=1):
            if raw.strip():
                try:
                    docs.append(document_from_json(raw, source, n, default_date))
                except InputError as exc:
                    docs.append(exc)
    elif ctype == "application/json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ApiError(422, f"malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
        items = obj.get("documents") if isinstance(obj, dict) and "documents" in obj else obj
        items = items if isinstance(items, list) else [items]
        for n, item in enumerate(items, start=1):
            try:
                docs.append(document_from_json(item, source, n, default_date))
            except InputError as exc:
                docs.append(exc)
    elif ctype in ("text/plain", "text/markdown", ""):
        text = check_text(text, source)
        docs.append(Document(text=text, id=meta.get("id") or "", date=default_date,
                             title=meta.get("title"), source=meta.get("source"), url=meta.get("url"),
                             origin="upload"))  # fmt: skip
    else:
        raise ApiError(415, f"content type {ctype!r} is not accepted; send text/plain, "
                       "application/json or application/x-ndjson (JSON Lines)")  # fmt: skip
    if not docs:
        raise ApiError(422, "the upload holds no document")
    if len(docs) > max_documents:
        raise ApiError(413, f"{len(docs)} documents in one upload; the limit is {max_documents}")
    return docs


@router.post("/documents", status_code=202, summary="Upload documents to code (runs as a job)")
async def post_documents(
    request: Request, who: Annotated[TokenInfo, Depends(require("review"))],
    date: Annotated[str | None, Query(max_length=10, description="Publication date for documents without one.")] = None,
    title: Annotated[str | None, Query(max_length=500)] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    url: Annotated[str | None, Query(max_length=2000)] = None,
    id: Annotated[str | None, Query(max_length=200, description="Id of a plain-text document.")] = None,
) -> dict[str, Any]:  # fmt: skip
    state = request.app.state.mizan
    body = await request.body()
    try:
        default_date = parse_date(date, "date")
    except InputError as exc:
        raise ApiError(422, str(exc)) from None
    docs = parse_upload(body, request.headers.get("content-type", ""), default_date,
                        {"title": title, "source": source, "url": url, "id": id},
                        state.limits.max_documents)  # fmt: skip
    job = state.jobs.submit(docs, who.who)
    return {"job": job.as_dict(), "links": {"status": f"/jobs/{job.job_id}"}}


@router.get("/jobs/{job_id}", dependencies=[Depends(require("read"))], summary="A job's status")
def get_job(request: Request, job_id: str) -> dict[str, Any]:
    job = request.app.state.mizan.jobs.get(job_id)
    if job is None:
        raise ApiError(404, f"no job {job_id!r} (jobs are kept in memory while the server runs)")
    return {"job": job.as_dict()}


@router.get("/jobs", dependencies=[Depends(require("read"))], summary="Jobs of this server run")
def list_jobs(request: Request) -> dict[str, Any]:
    return {"jobs": [j.as_dict() for j in request.app.state.mizan.jobs.jobs.values()]}


@router.get("/documents/{doc_id}", dependencies=[Depends(require("read"))],
            summary="A stored document: its text, citation details and events")  # fmt: skip
def get_document(request: Request, doc_id: str) -> dict[str, Any]:
    store = request.app.state.mizan.store()
    docs = store.documents([doc_id])
    if doc_id not in docs:
        raise ApiError(404, f"no document {doc_id!r}")
    events = [r[0] for r in store.query(
        "SELECT DISTINCT ec.cluster_id FROM events e JOIN event_clusters ec ON ec.event_id = e.event_id "
        "WHERE e.doc_id = ? ORDER BY 1", (doc_id,))]  # fmt: skip
    return {"document": {**docs[doc_id], "text": store.document_text(doc_id)}, "event_ids": events}
