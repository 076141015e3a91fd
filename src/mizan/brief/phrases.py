"""Plain-words sentences about events, from ``data/brief/phrases.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..datafiles import cached, load_yaml, package_file
from ..errors import DataFileError
from ..ontology import MODALITIES, PLOVER_EVENTS


@dataclass(frozen=True)
class Phrases:
    cameo: dict[str, dict[str, str]]
    events: dict[str, dict[str, str]]
    frames: dict[str, str]
    labels: dict[str, str]

    def verb(self, event: str, cameo: str) -> dict[str, str]:
        for n in range(len(cameo), 1, -1):
            if cameo[:n] in self.cameo:
                return self.cameo[cameo[:n]]
        return self.events[event]


def _parse(path: Path) -> Phrases:
    raw = load_yaml(path)
    if not isinstance(raw, dict):
        raise DataFileError(path, "must be a mapping with cameo, events and modality")

    def verbs(section: str) -> dict[str, dict[str, str]]:
        out = {}
        for key, v in (raw.get(section) or {}).items():
            if not isinstance(v, dict) or not all(isinstance(v.get(k), str) for k in ("past", "base")):
                raise DataFileError(path, "needs string 'past' and 'base'", f"{section}.{key}")
            out[str(key)] = {k: str(x) for k, x in v.items()}
        return out

    events = verbs("events")
    missing = [e for e in PLOVER_EVENTS if e not in events]
    if missing:
        raise DataFileError(path, f"no phrase for {', '.join(missing)}", "events")
    frames, labels = {}, {}
    for m in MODALITIES:
        v = (raw.get("modality") or {}).get(m)
        if not isinstance(v, dict) or not isinstance(v.get("frame"), str) or "{actor}" not in v["frame"]:
            raise DataFileError(path, "needs a 'frame' with {actor}", f"modality.{m}", "frame")
        frames[m], labels[m] = v["frame"], str(v.get("label") or "")
    return Phrases(verbs("cameo"), events, frames, labels)


def load_phrases(path: Path | None = None) -> Phrases:
    path = path or package_file("brief", "phrases.yaml")
    return cached("brief-phrases", [path], lambda: _parse(path))


def names(actors: list[dict[str, Any]], with_role: bool = True) -> str:
    parts = []
    for a in actors:
        name = a.get("name") or a.get("text") or "someone"
        if a.get("id") is None and a.get("text"):
            name = a["text"]
        role = a.get("role")
        parts.append(f"{name} ({role})" if with_role and role else name)
    if not parts:
        return "Someone"
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


def when(r: dict[str, Any]) -> str:
    """The event's date as words, as precise as it is known."""
    if not r.get("date"):
        return "Undated"
    d = date.fromisoformat(r["date"])
    prec = r.get("date_precision")
    if prec == "year":
        return str(d.year)
    if prec == "month":
        return f"{MONTHS[d.month - 1]} {d.year}"
    if prec == "week":
        return f"Week of {d.day} {MONTHS[d.month - 1]} {d.year}"
    if prec == "document":
        return f"By {d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def sentence(r: dict[str, Any], phrases: Phrases | None = None) -> str:
    """One plain sentence for an event record, without its date (the brief prints the date
    beside it): "Emmanuel Macron (president) met Mustafa al-Kadhimi (prime minister) in
    Baghdad." Text only; the caller escapes it."""
    ph = phrases or load_phrases()
    verb = ph.verb(r["event"], r["cameo"])
    frame = ph.frames.get(r["modality"], "{actor} {past}")
    recipient = r.get("recipient") or []
    if recipient:
        core = frame.format(actor=names(r["actor"]), past=verb["past"], base=verb["base"])
        core += " " + names(recipient)
    else:
        alone = verb.get("alone") or verb["past"]
        base_alone = verb.get("alone_base") or verb["base"]
        if "{past}" in frame:
            core = frame.format(actor=names(r["actor"]), past=alone, base=base_alone)
        else:
            core = frame.format(actor=names(r["actor"]), past=alone, base=base_alone)
    loc = r.get("location") or {}
    if loc.get("name") and loc.get("precision") != "country":
        core += f" in {loc['name']}"
    elif loc.get("name"):
        core += f" ({loc['name']})"
    att = r.get("attributed_to") or {}
    if r["modality"] in ("reported", "future", "hypothetical", "negated") and (att.get("name") or att.get("text")):
        core += f", according to {att.get('name') or att.get('text')}"
    elif r["modality"] == "reported":
        core += ", according to reports"
    return core[0].upper() + core[1:] + "."
