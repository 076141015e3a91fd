"""The FastAPI app: routes, the error shape, request size limits, security headers and the
web page (static files, no CDN)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from . import actors, analysis, documents, errors, events, exports, review, tokens
from .state import ApiState, Limits

WEB = Path(__file__).resolve().parent.parent / "web"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")  # fmt: skip
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]  # fmt: skip


class Guard:
    """ASGI middleware: refuses request bodies over the limit (413, before any route runs)
    and adds security headers to every response."""

    def __init__(self, app: Any, state: ApiState) -> None:
        self.app, self.state = app, state

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in HEADERS if k not in names]  # fmt: skip
            await send(message)

        if scope["method"] in ("POST", "PUT", "PATCH", "DELETE"):
            upload = scope["method"] == "POST" and scope["path"].rstrip("/") == "/documents"
            limit = self.state.limits.max_upload if upload else self.state.limits.max_body
            length = dict(scope.get("headers", [])).get(b"content-length")
            if length is not None and length.isdigit() and int(length) > limit:
                await self._too_large(send_with_headers, limit)
                return
            chunks, size = [], 0
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    break
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if size > limit:
                    await self._too_large(send_with_headers, limit)
                    return
                if not message.get("more_body"):
                    break
            body = b"".join(chunks)
            sent = False

            async def replay() -> Any:
                nonlocal sent
                if not sent:
                    sent = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            await self.app(scope, replay, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    @staticmethod
    async def _too_large(send: Any, limit: int) -> None:
        body = json.dumps({"error": {"code": "payload_too_large",
                                     "message": f"request body over the limit of {limit:,} bytes",
                                     "detail": {"limit": limit}}}).encode()  # fmt: skip
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})  # fmt: skip
        await send({"type": "http.response.body", "body": body})


def create_app(db: str, auth: bool = True, limits: Limits | None = None, model: str | None = None,
               overrides: Path | str | None = None) -> FastAPI:  # fmt: skip
    """The app over the store ``db``. ``auth=False`` lets every request in as admin (only for
    a server bound to 127.0.0.1; ``mizan serve`` checks). ``overrides``: the YAML file that
    actor corrections are written to, and that uploads load (default: beside a DuckDB store)."""
    if overrides is None and "://" not in db and db != ":memory:":
        overrides = Path(db).with_suffix(".overrides.yaml")
    state = ApiState(db, auth, limits or Limits(), model, Path(overrides) if overrides else None)
    state.open()
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        import anyio.to_thread

        # a few worker threads: the store answers in milliseconds, and many threads waiting
        # for the interpreter lock after each query only add latency
        anyio.to_thread.current_default_thread_limiter().total_tokens = state.worker_threads
        yield
        state.close()

    app = FastAPI(title="mizan", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Political event data with evidence: events, actors, analyses, "
                  "exports, uploads and the review queue. Send `Authorization: Bearer <token>` "
                  "(`mizan token create --role read|review|admin`). Every error is "
                  '`{"error": {"code", "message", "detail"}}`.')  # fmt: skip
    app.state.mizan = state
    errors.install(app)
    for module in (events, review, actors, analysis, exports, documents, tokens):
        app.include_router(module.router)
    app.add_middleware(Guard, state=state)
    static = WEB / "static"
    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(WEB / "docs.html", media_type="text/html")

    @app.get("/index.html", include_in_schema=False)
    def index_html() -> RedirectResponse:
        return RedirectResponse("/")

    return app
