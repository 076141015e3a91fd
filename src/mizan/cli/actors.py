"""``mizan actors``, ``mizan who`` and ``mizan eval re3d``: who is in the documents, who a
name is on a date, and how well mizan finds and merges entities."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from ..errors import UnknownChoiceError
from . import app
from .common import DateOption, ModelOption, OutOption, err, output, parse_cli_date
from .eval import eval_app

ActorsOption = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Extra actors or an analyst's overrides file (mizan YAML or "
                 "PETRARCH/TABARI format), loaded on top of the registry."),
]  # fmt: skip
FORMATS = ("table", "jsonl")


@app.command("actors")
def actors_cmd(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Text files, folders, .jsonl files, or - for stdin.")
    ] = None,
    date: DateOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
    unknown: Annotated[
        bool, typer.Option("--unknown", help="List only actors not in the registry.")
    ] = False,
    out: OutOption = None,
    model: ModelOption = None,
    actors: ActorsOption = None,
) -> None:
    """One line per actor found in the documents: name, id, country, sector, role, mentions."""
    from ..actors.listing import actors_in
    from ..config import get_settings
    from ..documents import read_inputs
    from ..nlp import load_nlp

    if fmt not in FORMATS:
        raise UnknownChoiceError("output format", fmt, FORMATS)
    settings = get_settings(model=model)
    nlp = load_nlp(settings.model, extra_actors=actors or ())
    errors: list[Any] = []
    found = actors_in(read_inputs(paths or ["-"], parse_cli_date(date)), nlp, unknown, errors)
    for e in errors:
        err(f"mizan: skipped {e}")
    with output(out) as fh:
        if fmt == "jsonl":
            for s in found:
                fh.write(json.dumps(s.as_dict(), ensure_ascii=False) + "\n")
        else:
            _table(found, fh)
    what = "unknown actor(s)" if unknown else "actor(s)"
    err(f"mizan: {len(found)} {what}; {len(errors)} input(s) failed")
    if errors:
        raise typer.Exit(1)


def _table(found: list[Any], fh: TextIO) -> None:
    cols = ("name", "id", "country", "sector", "role", "n", "mentions")
    rows = [(s.name, s.id or "(unknown)", s.country or "-", s.sector or "-", s.role or "-",
             str(s.count), "; ".join(s.mentions)) for s in found]  # fmt: skip
    widths = [max([len(c)] + [len(r[i]) for r in rows])
              for i, c in enumerate(cols[:-1])]  # fmt: skip
    widths = [min(w, 34) for w in widths]

    def line(values: tuple[str, ...]) -> str:
        cells = [v[:w].ljust(w) for v, w in zip(values[:-1], widths, strict=True)]
        return "  ".join([*cells, values[-1]]).rstrip()

    fh.write(line(cols) + "\n")
    for r in rows:
        fh.write(line(r) + "\n")


@app.command("who")
def who_cmd(
    name: Annotated[
        str,
        typer.Argument(
            help='A name in any spelling, or a title such as "the Iraqi prime minister".'
        ),
    ],  # fmt: skip
    date: Annotated[
        str | None, typer.Option("--date", help="The date (YYYY-MM-DD); default: today.")
    ] = None,
    country: Annotated[
        str | None,
        typer.Option("--country", help="Country for a title that names none (ISO alpha-3)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
    actors: ActorsOption = None,
) -> None:
    """Who NAME is on a date, with the office held then."""
    from datetime import date as Date

    from ..actors.listing import who
    from ..actors.loader import load_registry

    if fmt not in FORMATS:
        raise UnknownChoiceError("output format", fmt, FORMATS)
    on = parse_cli_date(date) or Date.today()
    answers = who(load_registry(actors or ()), name, on, country)
    if not answers:
        err(f"mizan: nobody known as {name!r} on {on.isoformat()}")
        raise typer.Exit(1)
    for a in answers:
        if fmt == "jsonl":
            typer.echo(json.dumps(a.as_dict(), ensure_ascii=False))
            continue
        held = ""
        if a.role:
            span = f"{a.since.isoformat() if a.since else '?'} to {a.until.isoformat() if a.until else 'now'}"
            held = f", {a.role}" + (f" ({a.organisation})" if a.organisation else "") + f", {span}"
        typer.echo(f"{a.name} [{a.id}] {a.country or '-'} {a.sector or '-'}{held}")


@eval_app.command("re3d")
def re3d_cmd(
    path: Annotated[Path, typer.Argument(help="The re3d folder (one sub-folder per source).")],
    errors: Annotated[
        bool, typer.Option("--errors", help="List missed and extra entities.")
    ] = False,
    model: ModelOption = None,
) -> None:
    """Entity P/R/F1 (Person, Organisation, Location), synonym pairs merged, and gold
    locations geocoded, against bare spaCy NER in the same run."""
    from ..config import get_settings
    from ..eval.re3d import evaluate, report
    from ..nlp import load_nlp, load_spacy

    name = get_settings(model=model).model
    result = evaluate(path, load_nlp(name), load_spacy(name), errors=errors)
    typer.echo(report(result, errors=errors))
