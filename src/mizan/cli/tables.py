"""Writing analysis rows: a readable table, CSV, JSON or JSON Lines."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.table import Table

from ..errors import UnknownChoiceError

ROW_FORMATS = ("table", "csv", "json", "jsonl")
RowFormatOption = Annotated[
    str | None,
    typer.Option("--format", "-f", help="table (default on screen), csv, json or jsonl; "
                 "with --out, taken from the file's suffix when not given."),
]  # fmt: skip
FromOption = Annotated[str | None, typer.Option("--from", help="First date (YYYY-MM-DD).")]
ToOption = Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD).")]


def row_format(fmt: str | None, out: Path | None) -> str:
    if fmt is None:
        suffix = out.suffix.lower().lstrip(".") if out else ""
        fmt = suffix if suffix in ROW_FORMATS else ("csv" if out else "table")
    if fmt not in ROW_FORMATS:
        raise UnknownChoiceError("output format", fmt, ROW_FORMATS)
    return fmt


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.2f}"
    if isinstance(v, list | dict):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def write_rows(rows: list[dict[str, Any]], columns: Sequence[str], fmt: str, fh: TextIO,
               title: str = "") -> None:  # fmt: skip
    if fmt == "json":
        json.dump(rows, fh, ensure_ascii=False, indent=1, default=str)
        fh.write("\n")
    elif fmt == "jsonl":
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(fh, list(columns), extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: _cell(r.get(c)) if isinstance(r.get(c), list | dict) else r.get(c)
                        for c in columns})  # fmt: skip
    else:
        table = Table(title=title or None, show_lines=False)
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*(_cell(r.get(c)) for c in columns))
        Console(file=fh, width=max(100, Console().width)).print(table)
