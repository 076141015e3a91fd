"""The actor network: nodes are actors, edges carry event counts and mean scores.

Written as GEXF 1.2 (dynamic, with a date time format so Gephi's timeline works), GraphML
(static: it has no time) or JSON (nodes and edges lists).
"""

from __future__ import annotations

import json
from calendar import monthrange
from datetime import date, timedelta
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..errors import UnknownChoiceError
from ..store import Store
from .dyads import DYAD_COLUMNS, dyads

NETWORK_FORMATS = ("gexf", "graphml", "json")
QUADS = DYAD_COLUMNS[10:14]


def _period_end(start: str, period: str) -> str:
    d = date.fromisoformat(start)
    if period == "day":
        end = d
    elif period == "week":
        end = d + timedelta(days=6)
    elif period == "month":
        end = d.replace(day=monthrange(d.year, d.month)[1])
    elif period == "quarter":
        m = d.month + 2
        end = d.replace(month=m, day=monthrange(d.year, m)[1])
    else:
        end = d.replace(month=12, day=31)
    return end.isoformat()


def network(
    store: Store, start: Any = None, end: Any = None, actor: str | None = None,
    period: str = "month",
) -> dict[str, Any]:  # fmt: skip
    """``{"nodes": [...], "edges": [...], "period": ...}``. A node is an actor (registry id, or
    a country+sector code for generic agents) with its name, country, event count and the
    periods it is active in; an edge is a directed (actor → recipient) pair with its count,
    mean Goldstein score, quad-class counts, first and last date, and per-period counts."""
    rows = dyads(store, period=period, start=start, end=end, actor=actor)
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        for side in ("source", "target"):
            key = r[side]
            n = nodes.setdefault(key, {"id": key, "label": r[f"{side}_name"] or key,
                                       "country": r[f"{side}_country"],
                                       "sector": r.get(f"{side}_sector"), "events": 0,
                                       "registry": not _is_code(key, r[f"{side}_country"]),
                                       "periods": set()})  # fmt: skip
            n["events"] += r["events"]
            n["periods"].add(r["period"])
        e = edges.setdefault((r["source"], r["target"]), {
            "source": r["source"], "target": r["target"], "events": 0, "goldstein_sum": 0.0,
            **{q: 0 for q in QUADS}, "first_date": r["first_date"], "last_date": r["last_date"],
            "spells": []})  # fmt: skip
        e["events"] += r["events"]
        e["goldstein_sum"] += r["goldstein_sum"] or 0.0
        for q in QUADS:
            e[q] += r[q]
        e["first_date"] = min(e["first_date"], r["first_date"])
        e["last_date"] = max(e["last_date"], r["last_date"])
        e["spells"].append({"start": r["period"], "end": _period_end(r["period"], period),
                            "events": r["events"], "goldstein_mean": r["goldstein_mean"]})  # fmt: skip
    for e in edges.values():
        e["goldstein_mean"] = round(e["goldstein_sum"] / e["events"], 3) if e["events"] else None
        e["goldstein_sum"] = round(e["goldstein_sum"], 3)
    out_nodes = []
    for n in sorted(nodes.values(), key=lambda n: (-n["events"], n["id"])):
        periods = sorted(n.pop("periods"))
        n["start"], n["end"] = periods[0], _period_end(periods[-1], period)
        out_nodes.append(n)
    out_edges = sorted(edges.values(), key=lambda e: (-e["events"], e["source"], e["target"]))
    return {"period": period, "nodes": out_nodes, "edges": out_edges}


def _is_code(key: str, country: str | None) -> bool:
    return bool(country) and key.startswith(country or "") and key.isupper() and key != country


def write_network(graph: dict[str, Any], fmt: str) -> str:
    if fmt == "gexf":
        return to_gexf(graph)
    if fmt == "graphml":
        return to_graphml(graph)
    if fmt == "json":
        return json.dumps(graph, ensure_ascii=False, indent=1) + "\n"
    raise UnknownChoiceError("network format", fmt, NETWORK_FORMATS)


_EDGE_ATTRS = [("goldstein_mean", "double"), ("goldstein_sum", "double"),
               *((q, "integer") for q in QUADS), ("first_date", "string"), ("last_date", "string")]  # fmt: skip
_NODE_ATTRS = [("country", "string"), ("sector", "string"), ("events", "integer"),
               ("registry", "boolean")]  # fmt: skip


def _v(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def to_gexf(graph: dict[str, Any]) -> str:
    """GEXF 1.2, dynamic: nodes and edges carry start/end dates, edges a spell per period
    with a dynamic ``events`` attribute, so Gephi's timeline can replay the network."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">',
           '  <meta><creator>mizan</creator><description>actor network: events between actors'
           '</description></meta>',
           '  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">',
           '    <attributes class="node" mode="static">']  # fmt: skip
    for i, (name, typ) in enumerate(_NODE_ATTRS):
        out.append(f'      <attribute id="n{i}" title="{name}" type="{typ}"/>')
    out.append('    </attributes>\n    <attributes class="edge" mode="static">')
    for i, (name, typ) in enumerate(_EDGE_ATTRS):
        out.append(f'      <attribute id="e{i}" title="{name}" type="{typ}"/>')
    out.append('    </attributes>\n    <attributes class="edge" mode="dynamic">')
    out.append('      <attribute id="d0" title="period_events" type="integer"/>')
    out.append("    </attributes>\n    <nodes>")
    for n in graph["nodes"]:
        out.append(f'      <node id={quoteattr(n["id"])} label={quoteattr(str(n["label"]))} '
                   f'start="{n["start"]}" end="{n["end"]}"><attvalues>')  # fmt: skip
        for i, (name, _) in enumerate(_NODE_ATTRS):
            out.append(f'        <attvalue for="n{i}" value={quoteattr(_v(n[name]))}/>')
        out.append("      </attvalues></node>")
    out.append("    </nodes>\n    <edges>")
    for k, e in enumerate(graph["edges"]):
        out.append(f'      <edge id="{k}" source={quoteattr(e["source"])} target={quoteattr(e["target"])} '
                   f'weight="{e["events"]}"><attvalues>')  # fmt: skip
        for i, (name, _) in enumerate(_EDGE_ATTRS):
            out.append(f'        <attvalue for="e{i}" value={quoteattr(_v(e[name]))}/>')
        for s in e["spells"]:
            out.append(f'        <attvalue for="d0" value="{s["events"]}" start="{s["start"]}" end="{s["end"]}"/>')
        out.append("      </attvalues><spells>")
        for s in e["spells"]:
            out.append(f'        <spell start="{s["start"]}" end="{s["end"]}"/>')
        out.append("      </spells></edge>")
    out.append("    </edges>\n  </graph>\n</gexf>\n")
    return "\n".join(out)


def to_graphml(graph: dict[str, Any]) -> str:
    """GraphML with the same static attributes (GraphML has no time dimension)."""
    types = {"double": "double", "integer": "int", "string": "string", "boolean": "boolean"}
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
           '  <key id="label" for="node" attr.name="label" attr.type="string"/>']  # fmt: skip
    for name, typ in _NODE_ATTRS:
        out.append(f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{types[typ]}"/>')
    out.append('  <key id="weight" for="edge" attr.name="weight" attr.type="int"/>')
    for name, typ in _EDGE_ATTRS:
        out.append(f'  <key id="{name}" for="edge" attr.name="{name}" attr.type="{types[typ]}"/>')
    out.append('  <graph id="mizan" edgedefault="directed">')
    for n in graph["nodes"]:
        out.append(f'    <node id={quoteattr(n["id"])}><data key="label">{escape(str(n["label"]))}</data>')
        for name, _ in _NODE_ATTRS:
            if n[name] is not None:
                out.append(f'      <data key="{name}">{escape(_v(n[name]))}</data>')
        out.append("    </node>")
    for e in graph["edges"]:
        out.append(f'    <edge source={quoteattr(e["source"])} target={quoteattr(e["target"])}>'
                   f'<data key="weight">{e["events"]}</data>')  # fmt: skip
        for name, _ in _EDGE_ATTRS:
            if e[name] is not None:
                out.append(f'      <data key="{name}">{escape(_v(e[name]))}</data>')
        out.append("    </edge>")
    out.append("  </graph>\n</graphml>\n")
    return "\n".join(out)
