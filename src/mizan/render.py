"""Writing event records as a table, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .errors import UnknownChoiceError

FORMATS = ("table", "jsonl", "csv")
CSV_COLUMNS = [
    "id",
    "doc_id",
    "date",
    "date_precision",
    "event",
    "mode",
    "cameo",
    "goldstein",
    "quad_class",
    "actor",
    "actor_country",
    "actor_sector",
    "recipient",
    "recipient_country",
    "recipient_sector",
    "location",
    "location_country",
    "lat",
    "lon",
    "modality",
    "attributed_to",
    "confidence",
    "trigger",
    "evidence_start",
    "evidence_end",
    "evidence",
]


def _names(actors: list[dict[str, Any]]) -> str:
    return "; ".join(str(a.get("name") or a.get("text")) for a in actors)


def _codes(actors: list[dict[str, Any]], field: str) -> str:
    return "; ".join(str(a.get(field) or "") for a in actors)


def flat(r: dict[str, Any]) -> dict[str, Any]:
    loc = r.get("location") or {}
    att = r.get("attributed_to") or {}
    ev = r["evidence"]
    return {
        "id": r["id"], "doc_id": r["doc_id"], "date": r.get("date"), "date_precision": r.get("date_precision"),
        "event": r["event"], "mode": r.get("mode"), "cameo": r["cameo"], "goldstein": r.get("goldstein"),
        "quad_class": r.get("quad_class"), "actor": _names(r["actor"]),
        "actor_country": _codes(r["actor"], "country"), "actor_sector": _codes(r["actor"], "sector"),
        "recipient": _names(r["recipient"]), "recipient_country": _codes(r["recipient"], "country"),
        "recipient_sector": _codes(r["recipient"], "sector"), "location": loc.get("name"),
        "location_country": loc.get("country"), "lat": loc.get("lat"), "lon": loc.get("lon"),
        "modality": r["modality"], "attributed_to": att.get("name"), "confidence": r.get("confidence"),
        "trigger": ev.get("trigger"), "evidence_start": ev.get("start"), "evidence_end": ev.get("end"),
        "evidence": ev.get("text"),
    }  # fmt: skip


def _who(actors: list[dict[str, Any]]) -> str:
    parts = []
    for a in actors:
        code = "/".join(x for x in (a.get("country"), a.get("sector")) if x)
        role = f", {a['role']}" if a.get("role") else ""
        parts.append(f"{a.get('name') or a.get('text')} [{code}{role}]")
    return "\n".join(parts) or "—"


def write_records(records: Iterable[dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write records to ``out`` in ``fmt``; returns how many were written."""
    if fmt not in FORMATS:
        raise UnknownChoiceError("output format", fmt, FORMATS)
    n = 0
    if fmt == "jsonl":
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "csv":
        w = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        w.writeheader()
        for r in records:
            w.writerow(flat(r))
            n += 1
        return n
    table = Table(show_lines=True, title="mizan events")
    for col in ("date", "event", "actor", "recipient", "modality", "place", "conf", "evidence"):
        table.add_column(col, overflow="fold")
    for r in records:
        ev = r["evidence"]
        text = ev["text"] if len(ev["text"]) < 160 else ev["text"][:157] + "…"
        cells = (
            f"{r.get('date') or '?'}\n({r.get('date_precision')})",
            f"{r['event']}\n{r['cameo']}" + (f" {r['mode']}" if r.get("mode") else ""),
            _who(r["actor"]),
            _who(r["recipient"]),
            r["modality"]
            + (f"\nby {r['attributed_to']['name']}" if r.get("attributed_to") else ""),
            (r.get("location") or {}).get("name") or "—",
            f"{r.get('confidence', 0):.2f}",
            f"{text}\n[trigger: {ev['trigger']}]",
        )
        table.add_row(*(Text(c) for c in cells))  # Text: document text is never markup
        n += 1
    Console(file=out, width=180, soft_wrap=False).print(table)
    return n
