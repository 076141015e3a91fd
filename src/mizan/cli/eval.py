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


@eval_app.command("petrarch-unittest")
def petrarch_unittest(
    path: Annotated[Path, typer.Argument(help="PETR.UnitTest.records.xml (its dictionaries "
                                         "are read from the same folder)")],  # fmt: skip
    errors: Annotated[bool, typer.Option("--errors", help="List the misses.")] = False,
    model: ModelOption = None,
) -> None:
    """Source, target and CAMEO code per record on PETRARCH-2's unit tests, coded with the
    suite's own dictionaries only; no-event records must stay uncoded."""
    from ..config import get_settings
    from ..eval.petrarch_unittest import evaluate, report
    from ..nlp import load_spacy

    nlp = load_spacy(model or get_settings().model)
    typer.echo(report(evaluate(path, nlp), errors=errors))


@eval_app.command("quad")
def quad(
    path: Annotated[Path, typer.Argument(help="cameo_class/test.tsv (sentence<TAB>label 0-4)")],
    errors: Annotated[bool, typer.Option("--errors", help="List the misses.")] = False,
    model: ModelOption = None,
) -> None:
    """Quad-class accuracy (0 statements/appeals, 1-4 the quad classes) on labelled
    CAMEO-manual sentences."""
    from ..eval.quad import evaluate, report
    from ..nlp import load_nlp

    typer.echo(report(evaluate(path, load_nlp(model)), errors=errors))


@eval_app.command("demo")
def demo(
    errors: Annotated[bool, typer.Option("--errors", help="List misses and extras.")] = False,
    model: ModelOption = None,
) -> None:
    """The bundled demo corpus against its hand-coded gold (data/demo/expected.yaml)."""
    from ..eval.demo import evaluate, report
    from ..nlp import load_nlp

    typer.echo(report(evaluate(load_nlp(model)), errors=errors))
