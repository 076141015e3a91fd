"""Exports of the deduplicated events: PLOVER JSONL, CAMEO TSV, ACLED-style CSV, GeoJSON and
Parquet (docs/exports.md has each format's columns and mapping tables)."""

from __future__ import annotations

from typing import IO, Any

from ..errors import UnknownChoiceError
from ..store import Store

EXPORT_FORMATS = ("plover-jsonl", "cameo-tsv", "acled-csv", "geojson", "parquet", "corrections",
                  "actor-overrides")
BINARY_FORMATS = ("parquet",)


def export(store: Store, fmt: str, out: IO[Any] | str, start: Any = None, end: Any = None) -> int:
    """Write the store's deduplicated events (dated within ``start``..``end`` when given) in
    ``fmt`` to ``out`` (a text stream; for parquet a binary stream or a path). Returns the
    number of events (or rows, for the dyadic CAMEO format) written."""
    if fmt == "plover-jsonl":
        from .plover import write_plover

        return write_plover(store, out, start, end)  # type: ignore[arg-type]
    if fmt == "cameo-tsv":
        from .cameo import write_cameo

        return write_cameo(store, out, start, end)  # type: ignore[arg-type]
    if fmt == "acled-csv":
        from .acled import write_acled

        return write_acled(store, out, start, end)  # type: ignore[arg-type]
    if fmt == "geojson":
        from .geojson import write_geojson

        return write_geojson(store, out, start, end)  # type: ignore[arg-type]
    if fmt == "parquet":
        from .parquet import write_parquet

        return write_parquet(store, out, start, end)
    if fmt == "corrections":  # reviewers' corrections as labelled data (mizan.review)
        from ..review.labelled import write_corrections

        return write_corrections(store, out)  # type: ignore[arg-type]
    if fmt == "actor-overrides":  # actor corrections as a registry overrides file
        from ..review.overrides import overrides, overrides_yaml

        out.write(overrides_yaml(store))  # type: ignore[union-attr]
        return len(overrides(store)["actors"])
    raise UnknownChoiceError("export format", fmt, EXPORT_FORMATS)
