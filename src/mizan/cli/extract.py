"""``mizan extract``: code documents and print their events."""

from __future__ import annotations

from typing import Annotated

import typer

from ..config import get_settings
from ..documents import read_inputs
from ..nlp import load_nlp
from ..pipeline import extract
from ..render import FORMATS, write_records
from ..store import open_store
from . import app
from .common import (
    ActorsOption,
    DateOption,
    DbOption,
    ModelOption,
    OutOption,
    VerbsOption,
    err,
    output,
    parse_cli_date,
)


@app.command("extract")
def extract_cmd(
    paths: Annotated[
        list[str], typer.Argument(help="Text files, folders, .jsonl files, or - for stdin.")
    ],
    date: DateOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")
    ] = "table",
    out: OutOption = None,
    db: DbOption = None,
    no_store: Annotated[
        bool, typer.Option("--no-store", help="Do not write the events to a store.")
    ] = False,
    model: ModelOption = None,
    verbs: VerbsOption = None,
    actors: ActorsOption = None,
) -> None:
    """Extract evidenced PLOVER events from documents, print them, and store them."""
    if fmt not in FORMATS:
        from ..errors import UnknownChoiceError

        raise UnknownChoiceError("output format", fmt, FORMATS)
    settings = get_settings(model=model, db=db)
    default_date = parse_cli_date(date)
    nlp = load_nlp(settings.model, extra_verbs=verbs or (), extra_actors=actors or ())
    store = None if no_store else open_store(settings.db)
    ok = failed = events = new = 0
    records = []
    try:
        for result in extract(
            read_inputs(paths, default_date), nlp, batch_size=settings.batch_size
        ):
            if result.error is not None:
                failed += 1
                err(f"mizan: skipped {result.error}")
                if store is not None:
                    store.add_failure(result.error.source, result.error.line, result.error.reason)
                continue
            ok += 1
            events += len(result.records)
            if store is not None and result.document is not None:
                new += store.add_document(result.document, result.records)
            records.extend(result.records)
    finally:
        if store is not None:
            store.close()
    with output(out) as fh:
        write_records(records, fmt, fh)
    stored = f"; {new} new in {settings.db}" if store is not None else ""
    err(f"mizan: {ok} document(s) coded, {events} event(s){stored}; {failed} input(s) failed")
    if failed:
        raise typer.Exit(1)
