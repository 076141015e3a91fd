// The dashboard: timeline, actor network, map of located events and the event table, all
// from the same filters.
import { actorLinks, api, currentFilters, el, eventLink, fmtNum, link, query, QUAD, QUAD_COLOR, reviewBadge, table } from "./core.js";

const PAGE = 25;
let world = null;
// the country outlines load while the first API answers are on their way
const outlines = fetch("/static/vendor/countries-110m.json").then((r) => r.json());

export function eventTable(page, onPage) {
  const cols = [
    { label: "Date", cell: (r) => eventLink(r, r.date || "undated") },
    { label: "Event", cell: (r) => `${r.event} ${r.cameo}` },
    { label: "Actor", cell: (r) => actorLinks(r.actor) },
    { label: "Recipient", cell: (r) => actorLinks(r.recipient) },
    { label: "Place", cell: (r) => r.place ? `${r.place}${r.country ? " (" + r.country + ")" : ""}` : "–" },
    { label: "Modality", cell: (r) => r.modality },
    { label: "Evidence", cls: "evidence", cell: (r) => r.evidence || "" },
    { label: "Sources", cell: (r) => String(r.num_documents || 1) },
    { label: "Review", cell: (r) => reviewBadge(r.review) },
  ];
  const t = table(cols, page.items);
  const from = page.items.length ? page.offset + 1 : 0;
  const nav = el("div", { class: "pager" },
    el("button", { type: "button", disabled: page.offset === 0, onclick: () => onPage(Math.max(0, page.offset - PAGE)) }, "← Newer"),
    el("span", {}, `${from}–${page.offset + page.items.length}` + (page.total !== undefined ? ` of ${page.total.toLocaleString()}` : "")),
    el("button", { type: "button", disabled: page.next_offset === null, onclick: () => onPage(page.next_offset) }, "Older →"));
  return el("div", {}, t, nav);
}

function drawTimeline(box, items) {
  box.replaceChildren();
  const dated = items.filter((r) => r.date);
  if (!dated.length) { box.append(el("p", { class: "empty" }, "No dated events.")); return; }
  const data = dated.map((r) => {
    const content = el("span", {}, `${r.event}: ${(r.actor[0] || {}).name || "?"}${r.recipient[0] ? " → " + r.recipient[0].name : ""}`);
    return { id: r.id, start: r.date, content, className: "q" + (r.quad_class || 0) };
  });
  // open on where most events are: the 5th to the 95th percentile of their dates
  const days = dated.map((r) => Date.parse(r.date)).sort((a, b) => a - b);
  const pick = (q) => days[Math.min(days.length - 1, Math.floor(q * (days.length - 1)))];
  const pad = Math.max(3 * 86400000, (pick(0.95) - pick(0.05)) * 0.08);
  const tl = new vis.Timeline(box, new vis.DataSet(data), { height: "280px", stack: true, zoomKey: "ctrlKey", margin: { item: 2 },
    start: new Date(pick(0.05) - pad), end: new Date(pick(0.95) + pad), xss: { disabled: false } });
  tl.on("select", (p) => { if (p.items.length) location.hash = link("/event/" + encodeURIComponent(p.items[0])); });
}

function drawNetwork(box, list, graph) {
  box.replaceChildren();
  list.replaceChildren();
  if (!graph.edges.length) { box.append(el("p", { class: "empty" }, "No actor pairs.")); return; }
  const maxN = Math.max(...graph.nodes.map((n) => n.events));
  const elements = graph.nodes.map((n) => ({ data: { id: n.id, label: n.label, size: 18 + 32 * Math.sqrt(n.events / maxN) } }))
    .concat(graph.edges.map((e, i) => ({ data: { id: "e" + i, source: e.source, target: e.target, w: 1 + Math.min(8, e.events),
      color: e.goldstein_mean === null ? "#868e96" : e.goldstein_mean >= 0 ? "#2b8a3e" : "#c92a2a" } })));
  const cy = cytoscape({ container: box, elements,
    style: [
      { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)", "font-size": 13, "background-color": "#364fc7", color: "#212529", "text-valign": "bottom", "text-margin-y": 3,
        "text-background-color": "#fff", "text-background-opacity": 0.7, "text-background-padding": 1 } },
      { selector: "edge", style: { width: "data(w)", "line-color": "data(color)", "target-arrow-color": "data(color)", "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.7 } },
    ],
    // the busiest actors in the middle: drawn at once, where a force layout takes a while
    layout: { name: "concentric", concentric: (n) => n.degree(), levelWidth: () => 2, minNodeSpacing: 14, padding: 8, animate: false } });
  cy.on("tap", "node", (ev) => { location.hash = link("/actor/" + encodeURIComponent(ev.target.id())); });
  list.append(el("h3", { class: "sub" }, "Busiest actors"), el("ol", {}, graph.nodes.slice(0, 8).map((n) =>
    el("li", {}, el("a", { href: link("/actor/" + encodeURIComponent(n.id)) }, n.label), ` (${n.events})`))));
}

// Countries that cross 180° are unwrapped (their western longitudes moved east by 360°),
// so Leaflet draws them whole instead of streaks across the map.
function unwrap(geometry) {
  const fixRing = (ring) => {
    let crosses = false;
    for (let i = 1; i < ring.length; i++) if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) { crosses = true; break; }
    return crosses ? ring.map(([x, y]) => [x < 0 ? x + 360 : x, y]) : ring;
  };
  if (geometry.type === "Polygon") geometry.coordinates = geometry.coordinates.map(fixRing);
  if (geometry.type === "MultiPolygon") geometry.coordinates = geometry.coordinates.map((p) => p.map(fixRing));
  return geometry;
}

async function drawMap(box, points) {
  box.replaceChildren();
  if (!world) {
    const topo = await outlines;
    world = topojson.feature(topo, topo.objects.countries);
    world.features = world.features.filter((f) => f.id !== "010"); // Antarctica
    world.features.forEach((f) => unwrap(f.geometry));
  }
  const map = L.map(box, { zoomSnap: 0.25, worldCopyJump: false, attributionControl: false, keyboard: true });
  box.dataset.points = String(points.length);
  box.dataset.countries = String(world.features.length);
  if (points.length) {  // frame the middle 90% of the points; far ones stay on the map
    const q = (arr, f) => arr.slice().sort((a, b) => a - b)[Math.min(arr.length - 1, Math.floor(f * (arr.length - 1)))];
    const lats = points.map((p) => p.lat), lons = points.map((p) => p.lon);
    map.fitBounds(L.latLngBounds([q(lats, 0.05), q(lons, 0.05)], [q(lats, 0.95), q(lons, 0.95)]).pad(0.4), { maxZoom: 6 });
  } else map.setView([31, 44], 4);
  L.geoJSON(world, { style: { color: "#adb5bd", weight: 0.7, fillColor: "#f1f3f5", fillOpacity: 1 }, interactive: false }).addTo(map);
  map.createPane("dots").style.zIndex = 450; // above the outlines
  const dots = L.canvas({ padding: 0.2, pane: "dots" }); // thousands of points draw fast on one canvas
  for (const p of points) {
    const m = L.circleMarker([p.lat, p.lon], { renderer: dots, radius: 6, color: "#fff", weight: 1, fillColor: QUAD_COLOR[p.quad_class] || "#495057", fillOpacity: 0.85 });
    m.bindTooltip(el("span", {}, `${p.date || ""} ${p.event} — ${p.place || ""}`));
    m.on("click", () => { location.hash = link("/event/" + encodeURIComponent(p.id)); });
    m.addTo(map);
  }
}

function legend() {
  return el("p", { class: "legend" }, Object.entries(QUAD).map(([q, label]) =>
    el("span", { class: "key" }, el("span", { class: "swatch", style: `background:${QUAD_COLOR[q]}` }), label)));
}

export async function dashboard(main) {
  const f = currentFilters();
  const tableBox = el("div", { id: "event-table" });
  const tl = el("div", { class: "timeline", id: "timeline" });
  const net = el("div", { class: "network", id: "network", role: "img", "aria-label": "Actor network: circles are actors, arrows are events from actor to recipient; green for cooperation, red for conflict" });
  const netList = el("div", { class: "netlist" });
  const map = el("div", { class: "map", id: "map", role: "img", "aria-label": "Map of located events" });
  const count = el("p", { class: "count" });
  main.replaceChildren(
    el("section", { class: "panel wide", "aria-labelledby": "h-tl" }, el("h2", { id: "h-tl" }, "Timeline"), count, tl, legend()),
    el("div", { class: "grid" },
      el("section", { class: "panel", "aria-labelledby": "h-net" }, el("h2", { id: "h-net" }, "Actor network"), el("div", { class: "netwrap" }, net, netList)),
      el("section", { class: "panel", "aria-labelledby": "h-map" }, el("h2", { id: "h-map" }, "Map of located events"), map)),
    el("section", { class: "panel wide", "aria-labelledby": "h-ev" }, el("h2", { id: "h-ev" }, "Events"), tableBox));
  const loadPage = async (offset) => {
    const page = await api("/events" + query(Object.assign({}, f, { limit: PAGE, offset, total: "true" })));
    tableBox.replaceChildren(eventTable(page, loadPage));
    count.textContent = `${page.total.toLocaleString()} matching event${page.total === 1 ? "" : "s"}; the timeline shows the latest 200, the map the latest 2,000 located.`;
  };
  const [, latest, points, graph] = await Promise.all([
    loadPage(0),
    api("/events" + query(Object.assign({}, f, { limit: 200 }))),
    api("/events/points" + query(Object.assign({}, f, { limit: 2000 }))),
    api("/events/network" + query(Object.assign({}, f, { max_edges: 30 }))),
  ]);
  performance.mark("mizan-data");
  drawTimeline(tl, latest.items);
  performance.mark("mizan-timeline");
  drawNetwork(net, netList, graph);
  performance.mark("mizan-network");
  await drawMap(map, points.points);
  performance.mark("mizan-map");
}
