"""``mizan serve``: the REST API and the web page over a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..config import get_settings
from ..errors import ConfigError
from . import app
from .common import DbOption, ModelOption, err

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command("serve")
def serve_cmd(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    no_auth: Annotated[bool, typer.Option("--no-auth", help="Let every request in without a "
                                          "token (only on 127.0.0.1).")] = False,  # fmt: skip
    max_upload_mb: Annotated[float, typer.Option("--max-upload-mb", help="Largest upload (POST /documents).")] = 10.0,
    max_body_kb: Annotated[int, typer.Option("--max-body-kb", help="Largest other request body.")] = 1024,
    overrides: Annotated[Path | None, typer.Option("--overrides", help="Where actor corrections are "
                                                   "written as an overrides file (default: beside "
                                                   "the store, DB.overrides.yaml).")] = None,  # fmt: skip
    cache: Annotated[int, typer.Option("--cache", help="Pages of GET /events kept in memory "
                                       "(DuckDB stores only; 0: none).")] = 512,  # fmt: skip
    model: ModelOption = None,
) -> None:
    """Serve the API (OpenAPI at /docs) and the analyst's web page at http://HOST:PORT/."""
    import uvicorn

    from ..api import create_app
    from ..api.state import Limits

    settings = get_settings(db=db, model=model)
    if no_auth and host not in LOOPBACK:
        raise ConfigError(f"--no-auth is refused on --host {host}: without tokens anyone who can "
                          "reach the server could read and change the store; bind to 127.0.0.1 "
                          "or create tokens with `mizan token create`")  # fmt: skip
    limits = Limits(max_body=max_body_kb * 1024, max_upload=int(max_upload_mb * (1 << 20)))
    api = create_app(settings.db, auth=not no_auth, limits=limits, model=settings.model,
                     overrides=overrides)  # fmt: skip
    api.state.mizan.cache_size = cache
    if no_auth:
        bar = "!" * 78
        err(f"{bar}\nmizan: WARNING: --no-auth: NO ACCESS CONTROL. Every request on {host}:{port} "
            "may read AND CHANGE\nmizan: the store (uploads, corrections, tokens). Use it only on a "
            f"machine you alone use.\n{bar}")  # fmt: skip
    else:
        n = api.state.mizan.store().query("SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL")[0][0]
        if not n:
            err(f"mizan: the store has no tokens yet; every request will get 401. Stop the server "
                f"and run `mizan token create --role admin --db {settings.db}`.")  # fmt: skip
    err(f"mizan: serving {settings.db} on http://{host}:{port}/ (API docs: /docs)")
    import sys

    sys.setswitchinterval(0.001)  # hand the interpreter lock back to the event loop sooner
    uvicorn.run(api, host=host, port=port, log_level="warning", workers=1)
