"""Every error in one JSON shape: ``{"error": {"code", "message", "detail"}}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import (
    ActorNotFound,
    ConfigError,
    EvalError,
    EventNotFound,
    InputError,
    MizanError,
    ReviewError,
    StoreError,
    UnknownChoiceError,
)

log = logging.getLogger("mizan.api")

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
         415: "unsupported_media_type", 422: "validation_error", 429: "too_many_requests",
         500: "internal_error", 503: "unavailable"}  # fmt: skip


class ApiError(Exception):
    """An error a route raises on purpose."""

    def __init__(self, status: int, message: str, detail: Any = None, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.status, self.message, self.detail = status, message, detail
        self.code = code or CODES.get(status, "error")
        self.headers = headers


def error_response(status: int, message: str, detail: Any = None, code: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:  # fmt: skip
    body = {"error": {"code": code or CODES.get(status, "error"), "message": message, "detail": detail}}
    return JSONResponse(body, status_code=status, headers=headers)


def _status_of(exc: MizanError) -> int:
    if isinstance(exc, EventNotFound | ActorNotFound):
        return 404
    if isinstance(exc, UnknownChoiceError | ConfigError | ReviewError | InputError | EvalError):
        return 422
    if isinstance(exc, StoreError):
        return 503
    return 400


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.detail, exc.code, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such endpoint: {request.method} {request.url.path}; see /docs"
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}; see /docs"
        return error_response(exc.status_code, message, None, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [{"loc": list(e.get("loc", ())), "message": e.get("msg"), "type": e.get("type")}
                  for e in exc.errors()]  # fmt: skip
        where = ", ".join(".".join(str(x) for x in d["loc"]) + f": {d['message']}" for d in detail[:5])
        return error_response(422, f"invalid request: {where}", detail)

    @app.exception_handler(MizanError)
    async def _mizan(request: Request, exc: MizanError) -> JSONResponse:
        status = _status_of(exc)
        detail = None
        if isinstance(exc, UnknownChoiceError):
            detail = {"value": exc.value, "choices": exc.choices[:50]}
        return error_response(status, str(exc), detail)

    @app.exception_handler(Exception)
    async def _other(request: Request, exc: Exception) -> JSONResponse:
        if "onflict" in str(exc):  # DuckDB's optimistic concurrency: a write raced another
            return error_response(409, "the store was changed by another request; try again", None)
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, f"internal error: {type(exc).__name__}", None)
