"""``mizan eval ...``: score mizan against evaluation sets, read by path."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import ModelOption

eval_app = typer.Typer(
    help="Score mizan against gold-standard data (read by path).", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")


@eval_app.command("plover-gsr")
def plover_gsr(
    path: Annotated[Path, typer.Argument(help="PLOVER_GSR_CAMEO.json")],
    errors: Annotated[bool, typer.Option("--errors", help="List the misses.")] = False,
    model: ModelOption = None,
) -> None:
    """Event type, actor/recipient country and triple scores on the PLOVER gold standard."""
    from ..eval.plover_gsr import evaluate, report
    from ..nlp import load_nlp

    result = evaluate(path, load_nlp(model))
    typer.echo(report(result, errors=errors))


@eval_app.command("dates")
def dates(
    path: Annotated[Path, typer.Argument(help='JSONL of {"text","doc_date","gold_date"}')],
    errors: Annotated[bool, typer.Option("--errors", help="List the misses.")] = False,
    model: ModelOption = None,
) -> None:
    """Exact-day, precision and end-date accuracy of date resolution on dated sentences."""
    from ..eval.dates import evaluate, load_cases, report
    from ..nlp import load_nlp

    load_cases(path)  # a bad file fails before the model loads
    typer.echo(report(evaluate(path, load_nlp(model)), errors=errors))
