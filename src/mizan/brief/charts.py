"""The brief's pictures as inline SVG, drawn with matplotlib (no display needed): the
alignment over time, the actor network and a map of the located events."""

from __future__ import annotations

import io
import json
import math
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from ..datafiles import package_file, read_bytes

QUAD_COLOURS = {1: "#2b8cbe", 2: "#1a9850", 3: "#fdae61", 4: "#d73027"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}  # fmt: skip
BLOC_COLOURS = ["#8c2d04", "#2166ac", "#1b7837", "#762a83", "#b35806", "#4d4d4d"]
INK = "#222222"
FOCAL_COLOUR = "#d4a017"


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=96)
    fig.patch.set_alpha(0)
    return fig


def _svg(fig: Any, salt: str) -> str:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt,
                                "font.family": "sans-serif", "font.size": 9}):  # fmt: skip
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    a, b = text.find("<metadata>"), text.find("</metadata>")
    if a >= 0 and b > a:
        text = text[:a] + text[b + len("</metadata>") :]
    return text


def _style(ax: Any) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=INK, labelsize=8)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def alignment_svg(align: dict[str, Any]) -> str | None:
    """Top: the focal actor's interaction score with each bloc per period, with its band.
    Bottom: the lean toward the first bloc rather than each other bloc (−1..1)."""
    scores = [s for s in align["scores"] if s["events"]]
    if not scores:
        return None
    blocs = [b["id"] for b in align["blocs"]]
    names = {b["id"]: b["name"] for b in align["blocs"]}
    colour = {b: BLOC_COLOURS[i % len(BLOC_COLOURS)] for i, b in enumerate(blocs)}
    fig = _figure(7.6, 5.2)
    ax1, ax2 = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [1.2, 1]})
    offsets = {b: (i - (len(blocs) - 1) / 2) * 0.6 for i, b in enumerate(blocs)}
    for b in blocs:
        rows = [s for s in scores if s["bloc"] == b]
        if not rows:
            continue
        x = [date.fromordinal(date.fromisoformat(r["period"]).toordinal() + int(offsets[b])) for r in rows]
        y = np.array([r["score"] for r in rows])
        err = np.array([[r["score"] - r["low"] for r in rows], [r["high"] - r["score"] for r in rows]])
        ax1.errorbar(x, y, yerr=np.clip(err, 0, None), color=colour[b], marker="o", markersize=4,
                     linewidth=1.4, capsize=2, label=f"{names[b]}")  # fmt: skip
    ax1.axhline(0, color="#888888", linewidth=0.8)
    ax1.set_ylabel("net cooperation\n(sum of Goldstein)", color=INK, fontsize=8)
    ax1.legend(fontsize=8, frameon=False, ncols=min(4, len(blocs)), loc="upper left",
               bbox_to_anchor=(0, 1.22))  # fmt: skip
    _style(ax1)
    first = blocs[0]
    for b in blocs[1:]:
        rows = [r for r in align["leans"] if r["a"] == first and r["b"] == b]
        if not rows:
            continue
        x = [date.fromisoformat(r["period"]) for r in rows]
        leans = [r["lean"] for r in rows]
        ax2.plot(x, leans, color=colour[b], linewidth=1.4, label=f"vs {names[b]}")
        dense = [(xi, r) for xi, r in zip(x, rows, strict=True) if not r["sparse"]]
        if dense:
            ax2.fill_between([d for d, _ in dense], [r["low"] for _, r in dense],
                             [r["high"] for _, r in dense], color=colour[b], alpha=0.15, linewidth=0)  # fmt: skip
        ax2.scatter(x, leans, s=22, color=[colour[b] if not r["sparse"] else "white" for r in rows],
                    edgecolors=colour[b], zorder=3)  # fmt: skip
    ax2.axhline(0, color="#888888", linewidth=0.8)
    ax2.set_ylim(-1.05, 1.05)
    ax2.set_ylabel(f"lean toward\n{names[first]}", color=INK, fontsize=8)
    ax2.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _style(ax2)
    fig.autofmt_xdate(rotation=0, ha="center")
    return _svg(fig, "alignment")


def _layout(n: int, edges: list[tuple[int, int, float]], seed: int = 3, iters: int = 300) -> np.ndarray:
    """A Fruchterman-Reingold layout with a pull to the centre (seeded, so stable)."""
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1, 1, (n, 2))
    if n == 1:
        return np.zeros((1, 2))
    k = math.sqrt(4.0 / n)
    temp = 0.3
    for _ in range(iters):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.linalg.norm(delta, axis=-1) + 1e-9
        disp = ((k * k / dist**2)[..., None] * delta).sum(axis=1)
        for i, j, w in edges:
            pull = delta[i, j] * dist[i, j] / k * (1 + math.log1p(w)) * 0.5
            disp[i] -= pull
            disp[j] += pull
        disp -= pos * 0.35
        length = np.linalg.norm(disp, axis=1)[:, None] + 1e-9
        pos += disp / length * np.minimum(length, temp)
        temp *= 0.985
    pos -= pos.min(axis=0)
    pos = pos / np.maximum(pos.max(axis=0), 1e-9)
    # keep nodes (and their labels) apart: push pairs closer than ``gap`` away from each other
    gap = min(0.16, 0.9 / math.sqrt(n))
    for _ in range(60):
        delta = pos[:, None, :] - pos[None, :, :]
        delta[..., 1] *= 1.8  # labels sit below the nodes: vertical room matters more
        dist = np.linalg.norm(delta, axis=-1) + np.eye(n)
        close = (dist < gap) & ~np.eye(n, dtype=bool)
        if not close.any():
            break
        push = ((gap - dist) * close)[..., None] * delta / dist[..., None]
        pos += 0.5 * push.sum(axis=1)
        pos = np.clip(pos, 0.0, 1.0)
    return pos


def network_svg(graph: dict[str, Any], member_of: Any = None, max_nodes: int = 24) -> str | None:
    """The busiest actors and the edges between them: edge width by event count, colour by
    mean Goldstein score (red conflict, green cooperation); node colour by bloc."""
    from matplotlib import colormaps
    from matplotlib.patches import FancyArrowPatch

    top = {n["id"] for n in graph["nodes"][:max_nodes]}
    edges = [e for e in graph["edges"] if e["source"] in top and e["target"] in top]
    if not edges:
        return None
    linked = {e["source"] for e in edges} | {e["target"] for e in edges}
    nodes = [n for n in graph["nodes"][:max_nodes] if n["id"] in linked]
    index = {n["id"]: i for i, n in enumerate(nodes)}
    pos = _layout(len(nodes), [(index[e["source"]], index[e["target"]], e["events"]) for e in edges])
    fig = _figure(7.6, 5.6)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_axis_off()
    cmap = colormaps["RdYlGn"]
    most = max(e["events"] for e in edges)
    for e in edges:
        a, b = pos[index[e["source"]]], pos[index[e["target"]]]
        g = e["goldstein_mean"] or 0.0
        ax.add_patch(FancyArrowPatch(tuple(a), tuple(b), arrowstyle="-|>", mutation_scale=8,
                                     connectionstyle="arc3,rad=0.12", shrinkA=9, shrinkB=9,
                                     linewidth=0.8 + 3.2 * e["events"] / most,
                                     color=cmap((g + 10) / 20), alpha=0.85, zorder=1))  # fmt: skip
    ntop = max(n["events"] for n in nodes)
    legend: dict[str, str] = {}
    for n in nodes:
        x, y = pos[index[n["id"]]]
        blocs = sorted(member_of(n["id"], n.get("country"), n.get("sector")) if member_of else ())
        colour = "#9e9e9e"
        if blocs:
            colour = FOCAL_COLOUR if blocs[0][0] < 0 else BLOC_COLOURS[blocs[0][0] % len(BLOC_COLOURS)]
            legend[blocs[0][1]] = colour
        ax.scatter([x], [y], s=60 + 340 * n["events"] / ntop, color=colour, edgecolors="white",
                   linewidths=1.2, zorder=2)  # fmt: skip
        ax.annotate(str(n["label"]), (x, y), xytext=(0, -11 - 6 * n["events"] / ntop),
                    textcoords="offset points", ha="center", va="top", fontsize=7.5, color=INK,
                    zorder=3)  # fmt: skip
    for name, colour in legend.items():
        ax.scatter([], [], s=40, color=colour, label=name)
    ax.scatter([], [], s=40, color="#9e9e9e", label="other actors")
    ax.legend(fontsize=7.5, frameon=False, loc="upper left", bbox_to_anchor=(0, 1.08), ncols=5)
    ax.set_xlim(-0.08, 1.08)
    ax.set_ylim(-0.12, 1.06)
    return _svg(fig, "network")


@lru_cache(maxsize=1)
def outlines() -> list[dict[str, Any]]:
    """Country outlines (Natural Earth 1:110m, public domain): ``[{iso3, name, rings}]``."""
    data = json.loads(read_bytes(package_file("geo", "countries-110m.json")))
    out = []
    for c in data["countries"]:
        rings = [np.array(r, dtype=float).reshape(-1, 2) / 100.0 for r in c["rings"]]
        out.append({"iso3": c.get("iso3"), "name": c["name"], "rings": rings})
    return out


def frame(points: list[dict[str, Any]], reach: float = 22.0) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Split points into those around the densest area (within ``reach`` degrees of the
    point with most neighbours) and those far away (listed under the map instead)."""
    xy = np.array([[p["lon"], p["lat"]] for p in points])
    d = np.abs(xy[:, None, :] - xy[None, :, :]).max(axis=-1)
    centre = int(np.argmax((d <= reach).sum(axis=1)))
    near = d[centre] <= reach
    return [p for p, k in zip(points, near, strict=True) if k], [p for p, k in zip(points, near, strict=True) if not k]


def map_svg(points: list[dict[str, Any]], highlight: str | None = None, labels: int = 9) -> str | None:
    """Located events over country outlines, framed on where most events are: colour by quad
    class, size by the number of documents that report the event; the busiest places named."""
    from matplotlib.patches import Polygon

    if not points:
        return None
    lons = np.array([p["lon"] for p in points])
    lats = np.array([p["lat"] for p in points])
    lo_x, hi_x, lo_y, hi_y = lons.min(), lons.max(), lats.min(), lats.max()
    cx, cy = (lo_x + hi_x) / 2, (lo_y + hi_y) / 2
    half_w = max((hi_x - lo_x) / 2 + 2.5, (hi_y - lo_y) / 2 * 1.5 + 2.5, 7.0)
    half_h = half_w / 1.5
    x0, x1, y0, y1 = cx - half_w, cx + half_w, cy - half_h, cy + half_h
    fig = _figure(7.6, 5.2)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_facecolor("#eaf2f8")
    for c in outlines():
        for ring in c["rings"]:
            if ring[:, 0].max() < x0 or ring[:, 0].min() > x1 or ring[:, 1].max() < y0 or ring[:, 1].min() > y1:
                continue
            fill = "#f6f1e3" if c["iso3"] == highlight else "#ffffff"
            ax.add_patch(Polygon(ring, closed=True, facecolor=fill, edgecolor="#9a9a9a", linewidth=0.6))
    for q in (1, 2, 3, 4):
        sel = [p for p in points if p.get("quad_class") == q]
        if sel:
            ax.scatter([p["lon"] for p in sel], [p["lat"] for p in sel],
                       s=[30 + 24 * (p["weight"] - 1) for p in sel], color=QUAD_COLOURS[q],
                       edgecolors="white", linewidths=0.8, alpha=0.9, zorder=3,
                       label=QUAD_NAMES[q])  # fmt: skip
    places: dict[str, list[dict[str, Any]]] = {}
    for p in points:
        if p.get("name"):
            places.setdefault(p["name"], []).append(p)
    busiest = sorted(places.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:labels]
    taken: list[tuple[float, float]] = []
    for name, ps in busiest:
        x, y = ps[0]["lon"], ps[0]["lat"]
        if any(abs(x - a) < half_w * 0.12 and abs(y - b) < half_h * 0.05 for a, b in taken):
            continue
        taken.append((x, y))
        ax.annotate(name + (f" ({len(ps)})" if len(ps) > 1 else ""), (x, y), xytext=(6, 3),
                    textcoords="offset points", fontsize=8, color=INK, zorder=4,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})  # fmt: skip
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1 / math.cos(math.radians(cy)))
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color("#bbbbbb")
    ax.legend(fontsize=7.5, frameon=True, loc="lower left", framealpha=0.9)
    return _svg(fig, "map")
