"""``mizan export`` and ``mizan import``: thin shells over ``mizan.exports``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..config import get_settings
from ..errors import UnknownChoiceError
from ..exports import BINARY_FORMATS, EXPORT_FORMATS, export
from ..store import open_store
from . import app
from .common import DbOption, OutOption, err, output
from .tables import FromOption, ToOption


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"{', '.join(EXPORT_FORMATS)}.")],
    db: DbOption = None, out: OutOption = None, start: FromOption = None, end: ToOption = None,
) -> None:  # fmt: skip
    """Export the deduplicated events (docs/exports.md has every column)."""
    if fmt not in EXPORT_FORMATS:
        raise UnknownChoiceError("export format", fmt, EXPORT_FORMATS)
    settings = get_settings(db=db)
    with open_store(settings.db, read_only=True) as store:
        if fmt in BINARY_FORMATS:
            if out is None:
                n = export(store, fmt, sys.stdout.buffer, start, end)
            else:
                out.parent.mkdir(parents=True, exist_ok=True)
                n = export(store, fmt, str(out), start, end)
        else:
            with output(out) as fh:
                n = export(store, fmt, fh, start, end)
    err(f"mizan: {n} {'row' if fmt == 'cameo-tsv' else 'event'}(s) written as {fmt}")


@app.command("import")
def import_cmd(
    path: Annotated[Path, typer.Argument(help="A PLOVER JSONL file written by mizan export.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="plover-jsonl.")] = "plover-jsonl",
    db: DbOption = None,
) -> None:
    """Load exported events into a store (documents become citation stubs)."""
    from ..exports.plover import import_plover

    if fmt != "plover-jsonl":
        raise UnknownChoiceError("import format", fmt, ["plover-jsonl"])
    settings = get_settings(db=db)
    with open_store(settings.db) as store:
        n = import_plover(store, path)
    err(f"mizan: {n} new event(s) imported into {settings.db}")
