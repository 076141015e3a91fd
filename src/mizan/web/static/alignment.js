// The alignment chart: the focal actor's net score with each bloc per period, with its band.
import { api, currentFilters, el, fmtNum, query, table } from "./core.js";

const COLORS = ["#c92a2a", "#1c7ed6", "#2b8a3e", "#e67700", "#7048e8", "#0c8599"];
const SVG = "http://www.w3.org/2000/svg";
const s = (tag, attrs = {}, text) => {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = text;
  return n;
};

function chart(result, shown) {
  const periods = [...new Set(result.scores.map((r) => r.period))].sort();
  const W = 860, H = 320, L = 56, R = 44, T = 16, B = 40;
  const rows = result.scores.filter((r) => shown.has(r.bloc));
  const vals = rows.flatMap((r) => [r.low, r.high, r.score]).concat([0]);
  const lo = Math.min(...vals), hi = Math.max(...vals), span = hi - lo || 1;
  // periods placed by their dates, not evenly: a gap of years looks like one
  const ms = periods.map((p) => Date.parse(p));
  const t0 = Math.min(...ms), t1 = Math.max(...ms);
  const x = (i) => L + (t1 > t0 ? ((ms[i] - t0) * (W - L - R)) / (t1 - t0) : (W - L - R) / 2);
  const y = (v) => T + ((hi - v) * (H - T - B)) / span;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-labelledby": "align-title" });
  svg.append(s("title", { id: "align-title" }, `Interaction score of ${result.focal} with each bloc per ${result.period}`));
  svg.append(s("line", { x1: L, x2: W - R, y1: y(0), y2: y(0), stroke: "#868e96", "stroke-dasharray": "3 3" }));
  for (const v of [lo, (lo + hi) / 2, hi]) svg.append(s("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end", class: "tick" }, fmtNum(v)));
  let last = -1e9;
  periods.forEach((p, i) => { if (x(i) - last >= 60) { svg.append(s("text", { x: x(i), y: H - 18, "text-anchor": "middle", class: "tick" }, p.slice(0, 7))); last = x(i); } });
  result.blocs.forEach((b, k) => {
    if (!shown.has(b.id)) return;
    const color = COLORS[k % COLORS.length];
    const pts = periods.map((p, i) => [i, rows.find((r) => r.bloc === b.id && r.period === p)]).filter(([, r]) => r);
    if (!pts.length) return;
    const band = pts.map(([i, r]) => `${x(i)},${y(r.high)}`).concat(pts.slice().reverse().map(([i, r]) => `${x(i)},${y(r.low)}`));
    svg.append(s("polygon", { points: band.join(" "), fill: color, opacity: 0.12 }));
    svg.append(s("polyline", { points: pts.map(([i, r]) => `${x(i)},${y(r.score)}`).join(" "), fill: "none", stroke: color, "stroke-width": 2 }));
    for (const [i, r] of pts) svg.append(s("circle", { cx: x(i), cy: y(r.score), r: r.sparse ? 3 : 4, fill: r.sparse ? "#fff" : color, stroke: color }));
  });
  return svg;
}

export async function alignmentView(main) {
  const f = currentFilters();
  const params = new URLSearchParams(location.hash.split("?")[1] || "");
  const focal = params.get("focal") || "IRQ", period = params.get("period") || "month";
  const result = await api("/alignment" + query({ focal, period, from: f.from, to: f.to }));
  const shown = new Set(result.blocs.map((b) => b.id));
  const box = el("div", { class: "chartbox" });
  const redraw = () => box.replaceChildren(chart(result, shown));
  const form = el("form", { class: "inline", id: "align-form" },
    el("label", { for: "a-focal" }, "Focal actor"), el("input", { id: "a-focal", name: "focal", value: focal, size: 20, list: "actor-names" }),
    el("label", { for: "a-period" }, "Period"), el("select", { id: "a-period", name: "period" }, ["week", "month", "quarter", "year"].map((p) => el("option", { value: p, selected: p === period }, p))),
    el("button", { type: "submit", class: "primary" }, "Show"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = new URLSearchParams(location.hash.split("?")[1] || "");
    q.set("focal", form.elements.focal.value.trim()); q.set("period", form.elements.period.value);
    location.hash = "#/alignment?" + q.toString();
  });
  const blocs = el("fieldset", { class: "blocs" }, el("legend", {}, "Blocs"), result.blocs.map((b, k) => {
    const id = "bloc-" + k;
    const cb = el("input", { type: "checkbox", id, checked: true, onchange: (e) => { e.target.checked ? shown.add(b.id) : shown.delete(b.id); redraw(); } });
    return el("span", { class: "key" }, cb, el("label", { for: id }, el("span", { class: "swatch", style: `background:${COLORS[k % COLORS.length]}` }), b.name));
  }));
  const leans = result.leans.filter((l) => !l.sparse);
  const name = Object.fromEntries(result.blocs.map((b) => [b.id, b.name]));
  main.replaceChildren(el("section", { class: "panel wide" }, el("h2", {}, `Alignment of ${result.focal}`),
    el("p", {}, "Net Goldstein score of the focal actor's events with each bloc (cooperation above zero, conflict below), with a bootstrap band; hollow points have too few events."),
    form, blocs, box,
    el("h3", {}, "Leans (−1 toward the second bloc … 1 toward the first)"),
    table([{ label: "Period", cell: (l) => l.period }, { label: "Toward", cell: (l) => name[l.a] || l.a }, { label: "Rather than", cell: (l) => name[l.b] || l.b },
      { label: "Lean", cell: (l) => fmtNum(l.lean, 2) }, { label: "Band", cell: (l) => `${fmtNum(l.low, 2)} … ${fmtNum(l.high, 2)}` },
      { label: "Events", cell: (l) => `${l.events_a} / ${l.events_b}` }], leans)));
  redraw();
}
