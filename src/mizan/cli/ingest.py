"""``mizan ingest``: code a corpus into the store, streaming, on all cores or on Dask."""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from ..config import get_settings
from ..documents import read_inputs
from ..ingest import IngestStats, count_inputs, ingest, open_engine
from ..store import open_store
from . import app
from .common import (
    ActorsOption,
    DateOption,
    DbOption,
    ModelOption,
    VerbsOption,
    err,
    parse_cli_date,
)

PLAIN_EVERY = float(os.environ.get("MIZAN_PROGRESS_EVERY", "10"))
"""Seconds between progress lines when stderr is not a terminal."""


class _Reporter:
    """A rich progress bar on a terminal (documents, words/s, ETA); otherwise a plain line
    every PLAIN_EVERY seconds. The total is counted in a background thread."""

    def __init__(self, paths: list[str]) -> None:
        self.tty = sys.stderr.isatty()
        self.last = time.monotonic()
        self.total: int | None = None
        self.progress = None
        threading.Thread(target=self._count, args=(paths,), daemon=True).start()
        if self.tty:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.progress = Progress(
                TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"),
                TextColumn("{task.fields[wps]:>7,.0f} words/s"), TextColumn("{task.fields[detail]}"),
                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=Console(stderr=True), transient=False,
            )  # fmt: skip
            self.task = self.progress.add_task("ingest", total=None, wps=0.0, detail="")
            self.progress.start()

    def _count(self, paths: list[str]) -> None:
        try:
            self.total = count_inputs(paths)
        except Exception:  # noqa: BLE001 - the total is only for the progress display
            self.total = None

    def __call__(self, stats: IngestStats, message: str | None) -> None:
        detail = (f"{stats.coded:,} coded, {stats.skipped:,} skipped, {stats.failed:,} failed, "
                  f"{stats.new_events:,} new events")  # fmt: skip
        if self.progress is not None:
            if message:
                self.progress.console.print(f"mizan: {message}", markup=False, highlight=False)
            self.progress.update(self.task, completed=stats.seen, total=self.total,
                                 wps=stats.words_per_second, detail=detail)  # fmt: skip
            return
        if message:
            err(f"mizan: {message}")
        now = time.monotonic()
        if now - self.last >= PLAIN_EVERY:
            self.last = now
            err(f"mizan: ingest: {self.line(stats)}; {detail}")

    def line(self, stats: IngestStats) -> str:
        done = f"{stats.seen:,}"
        eta = ""
        if self.total:
            done += f" of {self.total:,} ({100 * stats.seen / self.total:.0f}%)"
            rate = stats.seen / max(stats.elapsed, 1e-9)
            if rate > 0 and stats.seen < self.total:
                left = timedelta(seconds=round((self.total - stats.seen) / rate))
                eta = f", ETA {left}"
        return f"{done} document(s), {stats.words_per_second:,.0f} words/s{eta}"

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def default_shard_root(db: str) -> str:
    """Where Dask workers write shards by default: beside a DuckDB file, else in the temp
    folder (a folder every worker of a LocalCluster can reach)."""
    if db != ":memory:" and "://" not in db:
        return str(Path(db).resolve()) + ".shards"
    digest = hashlib.sha256(db.encode()).hexdigest()[:12]
    return os.path.join(tempfile.gettempdir(), f"mizan-shards-{digest}")


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, folders or fsspec URLs (.txt, .jsonl, .csv, .tsv, .html; "
                            ".gz/.zst too), or - for stdin."),  # fmt: skip
    ],
    date: DateOption = None,
    db: DbOption = None,
    model: ModelOption = None,
    verbs: VerbsOption = None,
    actors: ActorsOption = None,
    workers: Annotated[
        int, typer.Option("--workers", "-j", help="Worker processes (local), or LocalCluster "
                          "workers (--engine dask with no --scheduler).")  # fmt: skip
    ] = 1,
    engine: Annotated[str, typer.Option("--engine", help="local or dask.")] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address (tcp://HOST:8786); default: "
                                         "start a LocalCluster."),  # fmt: skip
    ] = None,
    shards: Annotated[
        str | None,
        typer.Option("--shards", help="Folder or fsspec URL where Dask workers write Parquet "
                                      "shards (default: DB.shards beside the store)."),  # fmt: skip
    ] = None,
    batch_size: Annotated[
        int | None, typer.Option("--batch-size", help="Documents per batch (default 64).")
    ] = None,
    text_column: Annotated[
        str, typer.Option("--text-column", help="CSV/TSV column that holds the text.")
    ] = "text",
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Code again documents that failed before.")
    ] = False,
) -> None:
    """Code documents into the store: streams, skips what is stored, merges reports of one
    event, and resumes exactly where an interrupted run stopped."""
    from ..nlp import load_nlp
    from ..scale.spec import PipelineSpec

    settings = get_settings(model=model, db=db, batch_size=batch_size)
    if settings.batch_size < 1:
        from ..errors import ConfigError

        raise ConfigError(f"--batch-size {settings.batch_size}: give 1 or more documents")
    default_date = parse_cli_date(date)
    spec = PipelineSpec.from_paths(settings.model, verbs, actors)
    nlp = None
    if engine == "local" and workers == 1:
        nlp = load_nlp(settings.model, extra_verbs=verbs or (), extra_actors=actors or ())
    runner = open_engine(engine, nlp=nlp, spec=spec, workers=workers, scheduler=scheduler,
                         shard_root=shards or default_shard_root(settings.db))  # fmt: skip
    store = open_store(settings.db)
    reporter = _Reporter(paths)
    try:
        stats = ingest(read_inputs(paths, default_date, text_column=text_column), store,
                       batch_size=settings.batch_size, progress=reporter, engine=runner,
                       retry_failed=retry_failed)  # fmt: skip
        merged = store.counts()
    finally:
        reporter.stop()
        store.close()
    before = f", {stats.failed_before} failed before" if stats.failed_before else ""
    recovered = f"; {stats.recovered} recovered from shards" if stats.recovered else ""
    err(f"mizan: {stats.coded} document(s) coded, {stats.skipped} already stored, "
        f"{stats.changed} changed (kept stored), {stats.failed} failed{before}{recovered}; "
        f"{stats.new_events} new event report(s); the store {settings.db} holds "
        f"{merged['documents']} document(s), {merged['events']} report(s) of "
        f"{merged['clusters']} event(s) [{stats.elapsed:.1f} s, "
        f"{stats.words_per_second:,.0f} words/s]")  # fmt: skip
    if stats.failed or stats.failed_before:
        raise typer.Exit(1)
