"""PLOVER JSON Lines: export, and re-import into a store.

Field names follow the PLOVER manual's data-field tables (``id, has_event, date, time,
enddate, endtime, actor, recipient, event, event_loc, event_text, quad_code, event_scale,
mode, context, link, text, text_info, cite_info, coder, coded_date, coded_time, comment``;
actor blocks ``raw_text, entity_name, wikidata_id, wiki_description, country_name,
sector_code, other_sector_codes``). PLOVER invites providers to add named fields; mizan adds
what PLOVER has no name for (``cameo``, ``goldstein``, ``modality``, ``mentions`` …), so the
export re-imports without loss. The mapping is in docs/exports.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..store import Store
from .common import batches, record_docs

AUX_MODES = {"historical": "historical", "future": "future", "hypothetical": "hypothetical",
             "negated": "negation"}  # fmt: skip
"""PLOVER's auxiliary modes go into ``context`` (manual, "Auxiliary modes")."""
RESOLUTION = {"city": 4, "admin1": 2, "country": 1}
PRECISION = {v: k for k, v in RESOLUTION.items()}


def _actor(a: dict[str, Any]) -> dict[str, Any]:
    return {"raw_text": a.get("text"), "entity_name": a.get("name"), "entity_id": a.get("id"),
            "wikidata_id": None, "wiki_description": a.get("role"),
            "country_name": a.get("country"), "sector_code": a.get("sector"),
            "other_sector_codes": ""}  # fmt: skip


def _cite(doc: dict[str, Any] | None, doc_id: str) -> dict[str, Any]:
    doc = doc or {}
    return {"corpus": "mizan", "citation": doc_id, "url": doc.get("url"), "title": doc.get("title"),
            "publication": doc.get("source"), "date": doc.get("date"), "language": "en"}  # fmt: skip


def to_plover(r: dict[str, Any], docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One mizan event record (deduplicated, from ``Store.events``) as a PLOVER record."""
    loc = r.get("location")
    ev = r["evidence"]
    context = list(r.get("context") or [])
    if r["modality"] in AUX_MODES:
        context.append(AUX_MODES[r["modality"]])
    event_loc = None
    if loc:
        event_loc = {"extracted_place": loc.get("name"), "resolved_place": loc.get("name"),
                     "geonameid": loc.get("geonameid"), "lat": loc.get("lat"), "lon": loc.get("lon"),
                     "province": loc.get("admin1"), "country_code": loc.get("country"),
                     "resolution": RESOLUTION.get(loc.get("precision") or ""),
                     "precision": loc.get("precision")}  # fmt: skip
    return {
        "id": r["id"], "has_event": True, "date": r.get("date"), "time": None,
        "enddate": r.get("enddate"), "endtime": None,
        "actor": [_actor(a) for a in r["actor"]], "recipient": [_actor(a) for a in r["recipient"]],
        "event": r["event"], "event_loc": event_loc, "event_text": [ev.get("trigger")],
        "quad_code": r.get("quad_class"), "event_scale": r.get("goldstein"),
        "mode": [r["mode"]] if r.get("mode") else [], "context": context, "link": None,
        "text": ev.get("text"),
        "text_info": {"sequence": ev.get("sentence"), "start": ev.get("start"), "end": ev.get("end")},
        "cite_info": _cite(docs.get(r["doc_id"]), r["doc_id"]),
        "coder": r.get("coder"), "coded_date": None, "coded_time": None, "comment": None,
        # mizan's named fields beyond PLOVER's
        "doc_id": r["doc_id"], "cameo": r["cameo"], "goldstein": r.get("goldstein"),
        "date_precision": r.get("date_precision"), "date_text": r.get("date_text"),
        "modality": r["modality"], "attributed_to": r.get("attributed_to"),
        "confidence": r.get("confidence"), "mentions": r.get("mentions") or [],
        "num_mentions": r.get("num_mentions"), "num_documents": r.get("num_documents"),
        "num_sources": r.get("num_sources"),
        "sources": [_cite(docs.get(d), d) for d in record_docs(r)],
    }  # fmt: skip


_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _line(obj: dict[str, Any]) -> str:
    """One JSON line, UTF-8 kept readable, with the characters that some readers take for line
    breaks (NEL, LS, PS: Python's ``str.splitlines``) escaped."""
    return json.dumps(obj, ensure_ascii=False).translate(_BREAKS) + "\n"


def write_plover(store: Store, out: IO[str], start: Any = None, end: Any = None) -> int:
    n = 0
    for records, docs in batches(store, start, end):
        for r in records:
            out.write(_line(to_plover(r, docs)))
            n += 1
    return n


# -- re-import ---------------------------------------------------------------------------
_REQUIRED = ("id", "event", "cameo", "modality", "actor", "doc_id")


def _mizan_actor(a: dict[str, Any]) -> dict[str, Any]:
    return {"text": a.get("raw_text"), "name": a.get("entity_name"), "id": a.get("entity_id"),
            "country": a.get("country_name"), "sector": a.get("sector_code"),
            "role": a.get("wiki_description")}  # fmt: skip


def from_plover(p: dict[str, Any], source: str = "<plover>", line: int | None = None) -> dict[str, Any]:
    """A mizan event record from one PLOVER record written by :func:`to_plover`."""
    missing = [k for k in _REQUIRED if k not in p]
    if missing:
        raise InputError(source, f"not a mizan PLOVER record: missing {', '.join(missing)}", line)
    aux = set(AUX_MODES.values())
    loc = p.get("event_loc")
    location = None
    if loc:
        location = {"name": loc.get("resolved_place"), "country": loc.get("country_code"),
                    "admin1": loc.get("province"), "lat": loc.get("lat"), "lon": loc.get("lon"),
                    "geonameid": loc.get("geonameid"),
                    "precision": loc.get("precision") or PRECISION.get(loc.get("resolution"))}  # fmt: skip
    info = p.get("text_info") or {}
    event = p["event"][0] if isinstance(p["event"], list) else p["event"]
    mode = p.get("mode")
    mode = (mode[0] if mode else None) if isinstance(mode, list) else mode
    context = p.get("context") or []
    context = [context] if isinstance(context, str) else context
    return {
        "id": p["id"], "doc_id": p["doc_id"], "event": event, "mode": mode,
        "context": [c for c in context if c not in aux], "cameo": p["cameo"],
        "goldstein": p.get("goldstein", p.get("event_scale")), "quad_class": p.get("quad_code"),
        "actor": [_mizan_actor(a) for a in p.get("actor") or []],
        "recipient": [_mizan_actor(a) for a in p.get("recipient") or []],
        "date": p.get("date"), "enddate": p.get("enddate"),
        "date_precision": p.get("date_precision"), "date_text": p.get("date_text"),
        "location": location, "modality": p["modality"], "attributed_to": p.get("attributed_to"),
        "evidence": {"sentence": info.get("sequence"), "start": info.get("start"),
                     "end": info.get("end"), "text": p.get("text"),
                     "trigger": (p.get("event_text") or [None])[0]},
        "confidence": p.get("confidence"), "coder": p.get("coder"),
        "mentions": p.get("mentions") or [],
        "num_mentions": p.get("num_mentions"), "num_documents": p.get("num_documents"),
        "num_sources": p.get("num_sources"),
    }  # fmt: skip


def read_plover(lines: Iterable[str], source: str = "<plover>"
                ) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:  # fmt: skip
    """(record, cited documents) for each line of a PLOVER JSONL export."""
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            p = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(source, f"malformed JSON ({exc.msg} at column {exc.colno})", n) from None
        if not isinstance(p, dict):
            raise InputError(source, "each line must be a JSON object", n)
        yield from_plover(p, source, n), list(p.get("sources") or [p.get("cite_info") or {}])


def import_plover(store: Store, path: Path | str, lines: Iterable[str] | None = None) -> int:
    """Load a mizan PLOVER JSONL export into ``store`` as deduplicated events (each record one
    event, with all its mentions; its documents as citation stubs without text). Returns the
    number of new events."""
    source = str(path)
    if lines is None:
        with Path(path).open(encoding="utf-8") as fh:
            items = list(read_plover(fh, source))
    else:
        items = list(read_plover(lines, source))
    now = datetime.now(UTC).replace(tzinfo=None)
    docs: dict[str, tuple[Any, ...]] = {}
    for _, cites in items:
        for c in cites:
            doc_id = c.get("citation")
            if doc_id and doc_id not in docs:
                day = _date(c.get("date"))
                docs[doc_id] = (doc_id, "", day, c.get("title"), c.get("publication"), c.get("url"),
                                f"plover-jsonl:{source}", "", 0, now)  # fmt: skip
    return store.add_canonical([r for r, _ in items], docs.values())


def _date(value: Any) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
