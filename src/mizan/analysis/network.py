"""The actor network: nodes are actors, edges carry event counts and mean scores.

Written as GEXF 1.2 (dynamic, with a date time format so Gephi's timeline works), GraphML
(static: it has no time) or JSON (nodes and edges lists).
"""

from __future__ import annotations

import gc
import json
from calendar import monthrange
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..errors import UnknownChoiceError
from ..store import Store
from .common import mean_score
from .dyads import DYAD_COLUMNS, labels, pair_sql

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
    mean Goldstein score, quad-class counts, first and last date, and per-period counts.

    Built from the raw rows of the dyad aggregation (one per period and pair) rather than
    from :func:`dyads` dictionaries: a year of a million-event store is ~60,000 rows."""
    sql, params = pair_sql(store, period, start, end, actor)
    rows = store.query(sql + " ORDER BY 1", params)
    with _collector_paused():
        return _graph(store, rows, period)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building ~100,000 small dicts and lists makes Python's cyclic garbage collector run
    its full passes over them again and again (a third of the time on a year of a
    million-event store). None of them form cycles, so the collector waits until the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _graph(store: Store, rows: list[tuple[Any, ...]], period: str) -> dict[str, Any]:
    spans: dict[Any, tuple[str, str]] = {}
    edges: dict[tuple[str, str], list[Any]] = {}
    for per, src, tgt, n, mean, gsum, q1, q2, q3, q4, first, last in rows:
        span = spans.get(per)
        if span is None:
            iso = per.isoformat()
            span = spans[per] = (iso, _period_end(iso, period))
        spell = {"start": span[0], "end": span[1], "events": n,
                 "goldstein_mean": mean_score(gsum, n) if mean is not None else None}  # fmt: skip
        e = edges.get((src, tgt))
        if e is None:  # rows come in period order: the first row of a pair has its first spell
            edges[(src, tgt)] = [n, gsum or 0.0, q1, q2, q3, q4, first, last, [spell], span, span]
        else:
            e[0] += n
            e[1] += gsum or 0.0
            e[2] += q1
            e[3] += q2
            e[4] += q3
            e[5] += q4
            e[6] = min(e[6], first)
            e[7] = max(e[7], last)
            e[8].append(spell)
            e[10] = span
    nodes: dict[str, list[Any]] = {}  # key -> [events, first period, last period]
    for (src, tgt), e in edges.items():
        for key in (src, tgt):
            node = nodes.get(key)
            if node is None:
                nodes[key] = [e[0], e[9], e[10]]
            else:
                node[0] += e[0]
                node[1] = min(node[1], e[9])
                node[2] = max(node[2], e[10])
    names = labels(store, nodes)
    out_nodes = []
    for key, (count, first_span, last_span) in sorted(nodes.items(), key=lambda kv: (-kv[1][0], kv[0])):
        name, country, sector = names.get(key, (None, None, None))
        out_nodes.append({"id": key, "label": name or key, "country": country, "sector": sector,
                          "events": count, "registry": not _is_code(key, country),
                          "start": first_span[0], "end": last_span[1]})  # fmt: skip
    out_edges = []
    for (src, tgt), e in sorted(edges.items(), key=lambda kv: (-kv[1][0], kv[0])):
        out_edges.append({
            "source": src, "target": tgt, "events": e[0], "verbal_cooperation": e[2],
            "material_cooperation": e[3], "verbal_conflict": e[4], "material_conflict": e[5],
            "first_date": _iso(e[6]), "last_date": _iso(e[7]), "spells": e[8],
            "goldstein_mean": mean_score(e[1], e[0]), "goldstein_sum": round(e[1], 3),
        })  # fmt: skip
    return {"period": period, "nodes": out_nodes, "edges": out_edges}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


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
    ids: dict[str, str] = {}  # node id -> its quoted attribute, escaped once
    for n in graph["nodes"]:
        ids[n["id"]] = quoteattr(n["id"])
        out.append(f'      <node id={ids[n["id"]]} label={quoteattr(str(n["label"]))} '
                   f'start="{n["start"]}" end="{n["end"]}"><attvalues>')  # fmt: skip
        for i, (name, _) in enumerate(_NODE_ATTRS):
            out.append(f'        <attvalue for="n{i}" value={quoteattr(_v(n[name]))}/>')
        out.append("      </attvalues></node>")
    out.append("    </nodes>\n    <edges>")
    names = [(f'        <attvalue for="e{i}" value="', name) for i, (name, _) in enumerate(_EDGE_ATTRS)]
    span_text: dict[str, str] = {}
    for k, e in enumerate(graph["edges"]):
        src = ids.get(e["source"]) or quoteattr(e["source"])
        tgt = ids.get(e["target"]) or quoteattr(e["target"])
        out.append(f'      <edge id="{k}" source={src} target={tgt} weight="{e["events"]}"><attvalues>')
        # edge values are numbers and ISO dates: nothing in them needs escaping
        out.extend(f'{head}{_v(e[name])}"/>' for head, name in names)
        spells = e["spells"]
        for s in spells:  # the same few periods recur on every edge: their text is made once
            if s["start"] not in span_text:
                span_text[s["start"]] = f'start="{s["start"]}" end="{s["end"]}"/>'
        out.extend(f'        <attvalue for="d0" value="{s["events"]}" {span_text[s["start"]]}' for s in spells)
        out.append("      </attvalues><spells>")
        out.extend(f'        <spell {span_text[s["start"]]}' for s in spells)
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
