"""The brief: one self-contained HTML file (inline CSS and SVG, no scripts, works offline)
with key events in time order, the alignment over time, the network, a map and the top
dyads. Every sentence about an event carries footnotes back to the document and the
evidence sentence. All document text is HTML-escaped."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..datafiles import package_file, read_bytes
from ..store import Store
from .content import BriefContent, gather
from .phrases import MONTHS


def _period_label(period: str, start: str) -> str:
    d = date.fromisoformat(start)
    if period == "month":
        return f"{MONTHS[d.month - 1]} {d.year}"
    if period == "year":
        return str(d.year)
    if period == "quarter":
        return f"Q{(d.month - 1) // 3 + 1} {d.year}"
    if period == "week":
        return f"The week of {d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _signed(x: float) -> str:
    return f"{x:+.1f}".replace("-", "−")


def _events_for(content: BriefContent, store: Store, ids: list[str]) -> list[dict[str, Any]]:
    by_id = content.stats["by_id"]
    missing = [i for i in ids if i not in by_id]
    if missing:
        marks = ", ".join("?" for _ in missing)
        for r in store.events(f"c.cluster_id IN ({marks})", missing):
            by_id[r["id"]] = r
        content.stats["docs"].update(store.documents(
            d for r in by_id.values() for d in [r["doc_id"]] + [m.get("doc_id") for m in r["mentions"]]))  # fmt: skip
    return [by_id[i] for i in ids if i in by_id]


def _cite_ids(content: BriefContent, store: Store, ids: list[str], limit: int = 8) -> list[int]:
    notes: list[int] = []
    for r in _events_for(content, store, ids[:limit]):
        for n in content.cite(r, content.stats["docs"]):
            if n not in notes:
                notes.append(n)
    return notes


def _alignment_sentences(content: BriefContent, store: Store, focal_name: str) -> list[dict[str, Any]]:
    align = content.alignment
    if not align:
        return []
    names = {b["id"]: b["name"] for b in align["blocs"]}
    totals: dict[str, int] = defaultdict(int)
    for s in align["scores"]:
        totals[s["period"]] += s["events"]
    periods = sorted(sorted(totals, key=lambda p: -totals[p])[:3])
    out = []
    for per in periods:
        rows = sorted((s for s in align["scores"] if s["period"] == per and s["events"]),
                      key=lambda s: (-s["events"], s["bloc"]))  # fmt: skip
        if not rows:
            continue
        parts = [f"{names[s['bloc']]} {s['events']} (net {_signed(s['score'])})" for s in rows]
        text = (f"{_period_label(align['period'], per)}: {focal_name}'s events with each bloc: "
                + ", ".join(parts) + ".")  # fmt: skip
        ids = [i for s in rows for i in s["event_ids"]]
        out.append({"text": text, "notes": _cite_ids(content, store, ids)})
        if len(rows) >= 2:
            order = [x["id"] for x in align["blocs"]]
            a, b = sorted([rows[0]["bloc"], rows[1]["bloc"]], key=order.index)
            lean = next((x for x in align["leans"] if x["period"] == per and x["a"] == a and x["b"] == b), None)
            if lean:
                flip = lean["lean"] < 0
                toward, other = (b, a) if flip else (a, b)
                value = -lean["lean"] if flip else lean["lean"]
                low, high = (-lean["high"], -lean["low"]) if flip else (lean["low"], lean["high"])
                band = ("too few events for an uncertainty band" if lean["sparse"] else
                        f"{align['level']:.0%} band {_signed(low)} to {_signed(high)}")  # fmt: skip
                out.append({"text": f"Lean {value:.2f} toward {names[toward]} rather than "
                                    f"{names[other]} on a scale from −1 to 1 ({band}).",
                            "notes": []})  # fmt: skip
    return out


def _far(points: list[dict[str, Any]]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for p in points:
        counts[p.get("name") or "?"] += 1
    return ", ".join(f"{k} ({v})" if v > 1 else k for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _dyad_notes(content: BriefContent, store: Store) -> None:
    by_pair: dict[tuple[str, str], list[str]] = defaultdict(list)
    def key(a: dict[str, Any]) -> str:
        return a.get("id") or f"{a.get('country') or ''}{a.get('sector') or ''}"

    for r in content.stats["by_id"].values():
        if not r["recipient"]:
            for i, a in enumerate(r["actor"]):
                for t in r["actor"][i + 1 :]:
                    by_pair[(key(a), key(t))].append(r["id"])
        for a in r["actor"]:
            for t in r["recipient"]:
                ka = a.get("id") or f"{a.get('country') or ''}{a.get('sector') or ''}"
                kt = t.get("id") or f"{t.get('country') or ''}{t.get('sector') or ''}"
                by_pair[(ka, kt)].append(r["id"])
    for d in content.dyads:
        d["notes"] = _cite_ids(content, store, by_pair.get((d["source"], d["target"]), []), limit=4)


def build_brief(
    store: Store, actor: str | None = None, start: Any = None, end: Any = None,
    focal: str | None = None, blocs: Path | str | None = None, max_events: int = 25,
    period: str | None = None,
) -> str:  # fmt: skip
    """The brief as one HTML string."""
    import jinja2

    from .. import __version__
    from ..analysis.blocs import load_blocs
    from .charts import alignment_svg, frame, map_svg, network_svg

    content = gather(store, actor, start, end, focal, blocs, max_events, period)
    focal_name = content.focal or "the focal actor"
    if content.focal:
        rows = store.query("SELECT name FROM event_actors WHERE actor_id = ? LIMIT 1", (content.focal,))
        focal_name = rows[0][0] if rows and rows[0][0] else content.focal
    sentences = _alignment_sentences(content, store, focal_name)
    _dyad_notes(content, store)
    bs = load_blocs(blocs)

    def member_of(node_id: str, country: str | None, sector: str | None) -> list[tuple[int, str]]:
        ids = bs.member_of(node_id, country, None)
        if ids:
            return [(i, b.name) for i, b in enumerate(bs.blocs) if b.id in ids]
        state = sector in bs.focal_sectors
        if content.focal and (node_id == content.focal or (country == content.focal and state)):
            return [(-1, f"{focal_name} (focal)")]
        return []

    graph = content.network
    near, far = frame(content.located) if content.located else ([], [])
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(read_bytes(package_file("brief", "brief.html.j2")).decode("utf-8"))
    span = " – ".join(x for x in (content.start, content.end) if x) or "all dates"
    align = content.alignment
    return template.render(
        title=content.title + (f", {content.start} to {content.end}" if content.start else ""),
        generator=f"mizan {__version__}", focal=content.focal, span=span,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), store=Path(store.url).name,
        stats=content.stats, key_events=content.key_events, alignment_sentences=sentences,
        alignment_svg=alignment_svg(align) if align else None, period=content.period,
        level=f"{align['level']:.0%}" if align else "", min_events=bs.min_events,
        first_bloc=bs.blocs[0].name, network_svg=network_svg(graph, member_of),
        network_nodes=min(24, len(graph["nodes"])), map_svg=map_svg(near, content.focal),
        far=_far(far),
        dyads=content.dyads, citations=content.citations,
    )  # fmt: skip


def write_brief(store: Store, out: Path | str, **options: Any) -> Path:
    """Write the brief to ``out`` and return its path."""
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build_brief(store, **options), encoding="utf-8")
    return path
