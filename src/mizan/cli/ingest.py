"""``mizan ingest``: code a corpus into the store, incrementally."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from ..config import get_settings
from ..documents import read_inputs
from ..ingest import IngestStats, count_inputs, ingest
from ..store import open_store
from . import app
from .common import DateOption, DbOption, ModelOption, err, parse_cli_date

PLAIN_EVERY = 10.0
"""Seconds between progress lines when stderr is not a terminal."""


class _Reporter:
    """A rich progress bar on a terminal; otherwise a plain line every PLAIN_EVERY seconds."""

    def __init__(self, total: int | None) -> None:
        self.tty = sys.stderr.isatty()
        self.last = time.monotonic()
        self.progress = None
        if self.tty:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,  # fmt: skip
                TimeRemainingColumn,
            )

            self.progress = Progress(
                TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[detail]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                console=Console(stderr=True), transient=False,
            )  # fmt: skip
            self.task = self.progress.add_task("ingest", total=total, detail="")
            self.progress.start()

    def __call__(self, stats: IngestStats, message: str | None) -> None:
        detail = (f"{stats.coded} coded, {stats.skipped} skipped, {stats.failed} failed, "
                  f"{stats.new_events} new events")  # fmt: skip
        if self.progress is not None:
            if message:
                self.progress.console.print(f"mizan: {message}", markup=False, highlight=False)
            self.progress.update(self.task, completed=stats.seen, detail=detail)
            return
        if message:
            err(f"mizan: {message}")
        now = time.monotonic()
        if now - self.last >= PLAIN_EVERY:
            self.last = now
            rate = stats.coded / max(stats.elapsed, 1e-9)
            err(f"mizan: ingest: {stats.seen} input(s): {detail}; {rate:.1f} documents/s")

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[
        list[str], typer.Argument(help="Text files, folders, .jsonl files, or - for stdin.")
    ],
    date: DateOption = None,
    db: DbOption = None,
    model: ModelOption = None,
    verbs: Annotated[
        list[Path] | None,
        typer.Option("--verbs", help="Extra verb patterns (mizan YAML or PETRARCH format)."),
    ] = None,
    actors: Annotated[
        list[Path] | None,
        typer.Option("--actors", help="Extra actors (mizan YAML or PETRARCH/TABARI format)."),
    ] = None,
) -> None:
    """Code documents into the store: skips what is stored, merges reports of one event."""
    from ..nlp import load_nlp

    settings = get_settings(model=model, db=db)
    default_date = parse_cli_date(date)
    store = open_store(settings.db)
    nlp = load_nlp(settings.model, extra_verbs=verbs or (), extra_actors=actors or ())
    reporter = _Reporter(count_inputs(paths) if sys.stderr.isatty() else None)
    try:
        stats = ingest(read_inputs(paths, default_date), store, nlp,
                       batch_size=settings.batch_size, progress=reporter)  # fmt: skip
        merged = store.counts()
        real = merged["clusters"]
    finally:
        reporter.stop()
        store.close()
    err(f"mizan: {stats.coded} document(s) coded, {stats.skipped} already stored, "
        f"{stats.changed} changed (kept stored), {stats.failed} failed; {stats.new_events} new "
        f"event report(s); the store {settings.db} holds {merged['documents']} document(s), "
        f"{merged['events']} report(s) of {real} event(s) [{stats.elapsed:.1f} s]")  # fmt: skip
    if stats.failed:
        raise typer.Exit(1)
