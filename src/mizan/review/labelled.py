"""Reviewers' corrections given back as labelled data, and mizan scored against them.

``mizan export --format corrections`` writes one JSON line per document that holds reviewed
events: the document itself (``id, text, date, title, source, url``, so the file is also an
input of ``mizan extract``) and ``labels``, one per reviewed event:

``event_id``, ``verdict`` (``right``, ``wrong`` or ``corrected``), ``evidence`` (sentence,
start, end, text, trigger of the coded report), ``gold`` (the event as the reviewers left it:
event, cameo, actor, recipient, date, enddate, date_precision, location, modality; ``null``
for a wrong event), ``machine`` (the same fields as first coded) and ``reviewers``.

``mizan eval corrections FILE`` codes each document again and matches its events to the
labels by evidence sentence and trigger (docs/review.md).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import EvalError
from ..store import Store
from .corrections import current, locate
from .values import field_value

GOLD_FIELDS = ("event", "actor", "recipient", "date", "place", "modality")


def _gold(record: dict[str, Any]) -> dict[str, Any]:
    ev = field_value(record, "event")
    dt = field_value(record, "date")
    return {"event": ev["event"], "cameo": ev["cameo"], "actor": field_value(record, "actor"),
            "recipient": field_value(record, "recipient"), "date": dt["date"],
            "enddate": dt["enddate"], "date_precision": dt["date_precision"],
            "location": record.get("location"), "modality": record.get("modality")}  # fmt: skip


def _machine(gold: dict[str, Any], firsts: dict[str, Any]) -> dict[str, Any]:
    out = dict(gold)
    for fld, before in firsts.items():
        if fld == "event" and before:
            out["event"], out["cameo"] = before.get("event"), before.get("cameo")
        elif fld == "date" and before:
            out.update({k: before.get(k) for k in ("date", "enddate", "date_precision")})
        elif fld == "place":
            out["location"] = before
        elif fld in ("actor", "recipient", "modality"):
            out[fld] = before
    return out


def labelled_documents(store: Store) -> Iterator[dict[str, Any]]:
    """One dict per document with reviewed events (see the module's docstring)."""
    from .corrections import corrections

    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in corrections(store):
        by_event[c["event_id"]].append(c)
    seen: dict[str, dict[str, Any]] = {}
    per_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event_id, cs in by_event.items():
        cluster, _, rejected = locate(store, event_id)
        if cluster in seen:
            seen[cluster]["corrections"] += cs
            continue
        record = current(store, cluster, rejected)
        seen[cluster] = {"record": record, "rejected": rejected, "corrections": list(cs)}
    for cluster, item in seen.items():
        record, cs = item["record"], sorted(item["corrections"], key=lambda c: c["created_at"])
        firsts: dict[str, Any] = {}
        for c in cs:
            if c["field"] != "verdict" and c["field"] not in firsts:
                before = c["before"]
                firsts[c["field"]] = before
        gold = _gold(record)
        edited = {f for f in firsts}
        verdict = "wrong" if item["rejected"] else ("corrected" if edited else "right")
        label = {"event_id": cluster, "verdict": verdict,
                 "evidence": {k: record["evidence"].get(k) for k in ("sentence", "start", "end", "text", "trigger")},
                 "gold": None if verdict == "wrong" else gold, "machine": _machine(gold, firsts),
                 "corrected": sorted(edited),
                 "reviewers": sorted({c["reviewer"] for c in cs}),
                 "reviewed_at": cs[-1]["created_at"]}  # fmt: skip
        per_doc[record["doc_id"]].append(label)
    docs = store.documents(per_doc)
    for doc_id in sorted(per_doc):
        d = docs.get(doc_id, {})
        labels = sorted(per_doc[doc_id], key=lambda lab: (lab["evidence"]["start"] or 0, lab["event_id"]))
        yield {"id": doc_id, "date": d.get("date"), "title": d.get("title"),
               "source": d.get("source"), "url": d.get("url"),
               "text": store.document_text(doc_id) or "", "labels": labels}  # fmt: skip


def write_corrections(store: Store, out: IO[str]) -> int:
    """Write the labelled documents as JSON Lines; returns the number of labels."""
    n = 0
    for doc in labelled_documents(store):
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        n += len(doc["labels"])
    return n


# -- scoring ----------------------------------------------------------------------------
def load_labelled(path: Path | str) -> list[dict[str, Any]]:
    docs = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"{path}: cannot read the labelled file: {exc}") from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{path}:{n}: malformed JSON ({exc.msg}); expected a line of "
                            "`mizan export --format corrections`") from None  # fmt: skip
        if not isinstance(doc, dict) or not isinstance(doc.get("labels"), list) or "text" not in doc:
            raise EvalError(f"{path}:{n}: not a labelled document (needs id, text, labels)")
        docs.append(doc)
    return docs


def _keys(actors: list[dict[str, Any]] | None) -> set[str]:
    return {a.get("id") or f"{a.get('country') or ''}{a.get('sector') or ''}:{(a.get('name') or '').lower()}"
            for a in actors or []}  # fmt: skip


def _place(loc: dict[str, Any] | None) -> tuple[Any, ...] | None:
    return None if not loc else (loc.get("country"), (loc.get("name") or "").lower())


def _match(label: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any] | None:
    ev = label["evidence"]
    best, best_score = None, 0.0
    for r in records:
        for m in r.get("mentions") or [r["evidence"]]:
            if m.get("start") is None or ev.get("start") is None:
                continue
            if m["start"] < ev["end"] and ev["start"] < m["end"]:
                score = 1.0 + (m.get("trigger") == ev.get("trigger"))
                gold = label.get("gold") or label.get("machine") or {}
                score += 0.5 * (r["event"] == gold.get("event"))
                if score > best_score:
                    best, best_score = r, score
    return best


def evaluate(path: Path | str, nlp: Any) -> dict[str, Any]:
    """Code each labelled document and score mizan's events against the labels."""
    from ..documents import Document, parse_date
    from ..pipeline import extract

    docs = [d for d in load_labelled(path) if d.get("text")]
    inputs = [Document(text=d["text"], id=str(d["id"]), date=parse_date(d.get("date"), str(path)))
              for d in docs]  # fmt: skip
    by_doc = {res.document.id: res.records for res in extract(inputs, nlp) if res.document is not None}
    counts: dict[str, int] = defaultdict(int)
    misses: list[str] = []
    for d in docs:
        records = by_doc.get(str(d["id"]), [])
        for label in d["labels"]:
            found = _match(label, records)
            if label["verdict"] == "wrong":
                counts["wrong"] += 1
                counts["wrong_still_coded"] += found is not None
                if found is not None:
                    misses.append(f"{d['id']}: still codes the wrong event {found['event']} at "
                                  f"{label['evidence']['text']!r}")  # fmt: skip
                continue
            gold = label["gold"]
            counts["true"] += 1
            if found is None:
                misses.append(f"{d['id']}: missed {gold['event']} at {label['evidence']['text']!r}")
                continue
            counts["found"] += 1
            checks = {"event": found["event"] == gold["event"],
                      "actor": _keys(found["actor"]) == _keys(gold["actor"]),
                      "recipient": _keys(found["recipient"]) == _keys(gold["recipient"]),
                      "date": found.get("date") == gold.get("date"),
                      "place": _place(found.get("location")) == _place(gold.get("location")),
                      "modality": found.get("modality") == gold.get("modality")}  # fmt: skip
            for k, ok in checks.items():
                counts[f"{k}_right"] += ok
                if not ok:
                    misses.append(f"{d['id']}: {k} differs at {label['evidence']['text']!r}")
    found_total = counts["found"] + counts["wrong_still_coded"]
    result: dict[str, Any] = {
        "documents": len(docs), "labels": counts["true"] + counts["wrong"],
        "true_events": counts["true"], "wrong_events": counts["wrong"],
        "recall": _ratio(counts["found"], counts["true"]),
        "precision_on_reviewed": _ratio(counts["found"], found_total),
        "wrong_still_coded": counts["wrong_still_coded"],
    }  # fmt: skip
    for k in ("event", "actor", "recipient", "date", "place", "modality"):
        result[f"{k}_accuracy"] = _ratio(counts[f"{k}_right"], counts["found"])
    result["misses"] = misses
    return result


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def report(result: dict[str, Any], errors: bool = False) -> str:
    lines = [f"labelled documents: {result['documents']}, labels: {result['labels']} "
             f"({result['true_events']} true events, {result['wrong_events']} wrong)"]  # fmt: skip
    if errors:
        lines += [f"  {m}" for m in result["misses"]]
    for k, v in result.items():
        if k not in ("misses", "documents", "labels", "true_events", "wrong_events"):
            lines.append(f"{k}: {'-' if v is None else v}")
    return "\n".join(lines)
