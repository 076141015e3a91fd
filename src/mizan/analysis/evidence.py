"""One event with its evidence on screen: the source document and the character spans of the
evidence sentence, the trigger, the actors and the recipients in it."""

from __future__ import annotations

import re
from typing import Any

from ..store import Store


def _find(text: str, needle: str | None, lo: int, hi: int, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first whole-word occurrence of ``needle`` in ``text[lo:hi]`` that overlaps no taken
    span (case-insensitive)."""
    if not needle or not needle.strip():
        return None
    pattern = re.compile(r"(?<!\w)" + re.escape(needle.strip()) + r"(?!\w)", re.IGNORECASE)
    for m in pattern.finditer(text, lo, hi):
        s, e = m.span()
        if not any(s < te and ts < e for ts, te in taken):
            return s, e
    return None


def highlights(text: str, record: dict[str, Any], doc_id: str) -> list[dict[str, Any]]:
    """Spans (absolute offsets into ``text``) of each evidence sentence of ``doc_id`` and, in
    the first one, of the trigger, the actors and the recipients, as found by their words."""
    out: list[dict[str, Any]] = []
    mentions = [m for m in record.get("mentions") or [] if (m.get("doc_id") or record["doc_id"]) == doc_id]
    if not mentions and record["doc_id"] == doc_id:
        mentions = [record["evidence"]]
    first = True
    for m in sorted(mentions, key=lambda m: m.get("start") or 0):
        lo, hi = m.get("start"), m.get("end")
        if lo is None or hi is None or not 0 <= lo < hi <= len(text):
            continue
        out.append({"kind": "sentence", "start": lo, "end": hi, "text": text[lo:hi]})
        taken: list[tuple[int, int]] = []
        trig = _find(text, m.get("trigger"), lo, hi, taken)
        if trig:
            taken.append(trig)
            out.append({"kind": "trigger", "start": trig[0], "end": trig[1], "text": text[trig[0]:trig[1]]})
        if first:
            for side in ("actor", "recipient"):
                for a in record.get(side) or []:
                    span = _find(text, a.get("text"), lo, hi, taken)
                    if span:
                        taken.append(span)
                        out.append({"kind": side, "start": span[0], "end": span[1],
                                    "text": text[span[0]:span[1]], "name": a.get("name")})  # fmt: skip
        first = False
    return sorted(out, key=lambda h: (h["start"], h["kind"] != "sentence"))


def evidence_view(store: Store, event_id: str, doc_id: str | None = None) -> dict[str, Any] | None:
    """The deduplicated event ``event_id`` (a real event's id, or any of its reports') with
    the text of ``doc_id`` (default: its representative document) and the highlights in it;
    None if there is no such event (or it was marked wrong)."""
    rows = store.query("SELECT cluster_id FROM event_clusters WHERE event_id = ?", (event_id,))
    if not rows:
        return None
    record = next(iter(store.events("c.cluster_id = ?", (rows[0][0],))), None)
    if record is None:
        return None
    doc_ids = list(dict.fromkeys([record["doc_id"], *(m.get("doc_id") or record["doc_id"] for m in record["mentions"])]))
    shown: str = doc_id if doc_id is not None and doc_id in doc_ids else str(record["doc_id"])
    docs = store.documents(doc_ids)
    text = store.document_text(shown) or ""
    return {"event": record, "document": {**docs.get(shown, {"doc_id": shown}), "text": text},
            "documents": [docs.get(d, {"doc_id": d}) for d in doc_ids],
            "highlights": highlights(text, record, shown)}  # fmt: skip
