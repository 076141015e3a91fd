"""``mizan timeline``, ``dyads``, ``network`` and ``alignment``: thin shells over
``mizan.analysis``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..analysis.alignment import alignment
from ..analysis.dyads import DYAD_COLUMNS, dyads
from ..analysis.network import NETWORK_FORMATS, network, write_network
from ..analysis.timeline import TIMELINE_COLUMNS, timeline
from ..config import get_settings
from ..errors import UnknownChoiceError
from ..store import open_store
from . import app
from .common import DbOption, OutOption, err, output
from .tables import FromOption, RowFormatOption, ToOption, row_format, write_rows

PeriodOption = Annotated[
    str, typer.Option("--period", help="day, week, month, quarter or year.")
]


@app.command("timeline")
def timeline_cmd(
    actor: Annotated[str, typer.Option("--actor", help="Actor id, country code (IRQ), "
                                       "CAMEO-style code (IRQGOV) or name.")],  # fmt: skip
    start: FromOption = None, end: ToOption = None, db: DbOption = None, out: OutOption = None,
    fmt: RowFormatOption = None,
) -> None:  # fmt: skip
    """An actor's events in time order, with modality, evidence and sources."""
    settings = get_settings(db=db)
    f = row_format(fmt, out)
    with open_store(settings.db, read_only=True) as store:
        rows = timeline(store, actor, start, end, sources=f in ("json", "jsonl"))
    cols = TIMELINE_COLUMNS if f != "table" else ["date", "event", "cameo", "actor", "recipient",
                                                  "modality", "place", "evidence", "source",
                                                  "num_sources"]  # fmt: skip
    with output(out) as fh:
        write_rows(rows, cols if f not in ("json", "jsonl") else [], f, fh, f"timeline: {actor}")
    err(f"mizan: {len(rows)} event(s)")


@app.command("dyads")
def dyads_cmd(
    period: PeriodOption = "month", start: FromOption = None, end: ToOption = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only dyads of this actor.")] = None,
    top: Annotated[int | None, typer.Option("--top", help="Keep the N busiest pairs a period.")] = None,
    db: DbOption = None, out: OutOption = None, fmt: RowFormatOption = None,
) -> None:  # fmt: skip
    """Counts and mean Goldstein scores per actor pair and period, by quad class."""
    settings = get_settings(db=db)
    with open_store(settings.db, read_only=True) as store:
        rows = dyads(store, period, start, end, actor, top)
    f = row_format(fmt, out)
    cols = DYAD_COLUMNS if f != "table" else ["period", "source_name", "target_name", "events",
                                              "goldstein_mean", "verbal_cooperation",
                                              "material_cooperation", "verbal_conflict",
                                              "material_conflict"]  # fmt: skip
    with output(out) as fh:
        write_rows(rows, cols, f, fh, f"dyads per {period}")
    err(f"mizan: {len(rows)} dyad-period row(s)")


@app.command("network")
def network_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="gexf (Gephi, dynamic), graphml or json.")] = "gexf",
    start: FromOption = None, end: ToOption = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only this actor's edges.")] = None,
    period: PeriodOption = "month", db: DbOption = None, out: OutOption = None,
) -> None:  # fmt: skip
    """The actor network: nodes are actors, edges carry counts and mean scores."""
    if fmt not in NETWORK_FORMATS:
        raise UnknownChoiceError("network format", fmt, NETWORK_FORMATS)
    settings = get_settings(db=db)
    with open_store(settings.db, read_only=True) as store:
        graph = network(store, start, end, actor, period)
    with output(out) as fh:
        fh.write(write_network(graph, fmt))
    err(f"mizan: {len(graph['nodes'])} node(s), {len(graph['edges'])} edge(s)")


@app.command("alignment")
def alignment_cmd(
    focal: Annotated[str, typer.Option("--focal", help="Focal country code or actor id.")] = "IRQ",
    blocs: Annotated[Path | None, typer.Option("--blocs", help="Blocs file (default: the "
                                               "packaged data/blocs.yaml).")] = None,  # fmt: skip
    period: PeriodOption = "month", start: FromOption = None, end: ToOption = None,
    db: DbOption = None, out: OutOption = None, fmt: RowFormatOption = None,
) -> None:  # fmt: skip
    """Per period: the focal actor's score with each bloc and its lean between any two."""
    settings = get_settings(db=db)
    with open_store(settings.db, read_only=True) as store:
        result = alignment(store, focal, blocs, period, start, end)
    f = row_format(fmt, out)
    with output(out) as fh:
        if f == "json":
            import json

            json.dump(result, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        else:
            scores = [dict(r, kind="score") for r in result["scores"] if r["events"]]
            leans = [dict(r, kind="lean") for r in result["leans"]]
            if f == "table":
                write_rows(scores, ["period", "bloc_name", "events", "score", "mean", "low", "high",
                                    "cooperation", "conflict", "sparse"], f, fh,
                           f"{focal}: interaction score with each bloc (band {result['level']:.0%})")  # fmt: skip
                write_rows(leans, ["period", "a", "b", "lean", "low", "high", "events_a",
                                   "events_b", "sparse"], f, fh,
                           f"{focal}: lean toward a rather than b (-1..1)")  # fmt: skip
            else:
                cols = ["kind", "period", "bloc", "bloc_name", "events", "score", "mean", "a", "b",
                        "lean", "events_a", "events_b", "low", "high", "cooperation", "conflict",
                        "sparse"]  # fmt: skip
                write_rows(scores + leans, cols, f, fh)
    err(f"mizan: {sum(1 for r in result['scores'] if r['events'])} bloc-period score(s), "
        f"{len(result['leans'])} lean(s)")  # fmt: skip
