"""``mizan brief``: a self-contained HTML brief with citations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..brief import write_brief
from ..config import get_settings
from ..store import open_store
from . import app
from .common import DbOption, err
from .tables import FromOption, ToOption


@app.command("brief")
def brief_cmd(
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")],
    actor: Annotated[str | None, typer.Option("--actor", help="Only this actor's events "
                                              "(id, country code, CAMEO-style code or name).")] = None,  # fmt: skip
    start: FromOption = None, end: ToOption = None,
    focal: Annotated[str | None, typer.Option("--focal", help="Focal country of the alignment "
                                              "(default: the actor's country, else the most "
                                              "frequent).")] = None,  # fmt: skip
    blocs: Annotated[Path | None, typer.Option("--blocs", help="Blocs file.")] = None,
    events: Annotated[int, typer.Option("--events", help="How many key events to list.")] = 25,
    db: DbOption = None,
) -> None:
    """Write one offline HTML brief: key events, alignment, network, map, top dyads, sources."""
    settings = get_settings(db=db)
    with open_store(settings.db, read_only=True) as store:
        path = write_brief(store, out, actor=actor, start=start, end=end, focal=focal,
                           blocs=blocs, max_events=events)  # fmt: skip
    err(f"mizan: brief written to {path} ({path.stat().st_size // 1024} KiB)")
