"""``mizan events`` (the filtered event list) and ``mizan eval corrections`` (score against
reviewers' corrections)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..config import get_settings
from ..store import open_store
from . import app
from .common import DbOption, ModelOption, OutOption, err, output
from .eval import eval_app
from .tables import FromOption, RowFormatOption, ToOption, row_format, write_rows


@app.command("events")
def events_cmd(
    actor: Annotated[str | None, typer.Option("--actor", help="Actor on either side (id, code or name).")] = None,
    event: Annotated[str | None, typer.Option("--event", help="PLOVER types, comma separated.")] = None,
    modality: Annotated[str | None, typer.Option("--modality", help="Modalities, comma separated.")] = None,
    country: Annotated[str | None, typer.Option("--country", help="Country of the place (ISO alpha-3).")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Name of the place.")] = None,
    q: Annotated[str | None, typer.Option("--text", help="Words in the evidence sentence.")] = None,
    start: FromOption = None, end: ToOption = None,
    limit: Annotated[int, typer.Option("--limit", help="How many events (newest first).")] = 50,
    db: DbOption = None, out: OutOption = None, fmt: RowFormatOption = None,
) -> None:  # fmt: skip
    """Deduplicated events matching filters, newest first (the API's GET /events)."""
    from ..analysis.search import EventFilter, search_events

    split = lambda v: [x.strip() for x in (v or "").split(",") if x.strip()]  # noqa: E731
    f = EventFilter(actor=actor, event=split(event), modality=split(modality), country=country,
                    place=place, q=q, start=start, end=end)  # fmt: skip
    settings = get_settings(db=db)
    with open_store(settings.db) as store:  # (builds the event index of an older store)
        page = search_events(store, f, limit=limit, total=True)
    rows = [dict(i, actor="; ".join(a["name"] or "" for a in i["actor"]),
                 recipient="; ".join(a["name"] or "" for a in i["recipient"])) for i in page["items"]]  # fmt: skip
    form = row_format(fmt, out)
    cols = ["date", "event", "cameo", "actor", "recipient", "modality", "place", "evidence", "id"]
    with output(out) as fh:
        write_rows(rows, cols if form not in ("json", "jsonl") else [], form, fh, "events")
    err(f"mizan: {len(rows)} of {page['total']} matching event(s)")


@eval_app.command("corrections")
def eval_corrections(
    path: Annotated[Path, typer.Argument(help="A file written by `mizan export --format corrections`.")],
    errors: Annotated[bool, typer.Option("--errors", help="List the misses.")] = False,
    model: ModelOption = None,
) -> None:
    """Score mizan against reviewers' corrections: recall of the true events, precision on the
    reviewed ones, wrong events still coded, and per-field accuracy."""
    from ..nlp import load_nlp
    from ..review.labelled import evaluate, load_labelled, report

    load_labelled(path)  # a bad file fails before the model loads
    typer.echo(report(evaluate(path, load_nlp(model)), errors=errors))
