// Shared helpers: DOM building (text only, never HTML from data), the API client, filters.
export const el = (tag, attrs = {}, ...kids) => {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") n.addEventListener(k.slice(2), v);
    else if (k === "class") n.className = v;
    else n.setAttribute(k, v === true ? "" : String(v));
  }
  for (const k of kids.flat(Infinity)) if (k !== null && k !== undefined && k !== false) n.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return n;
};

export const QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
export const QUAD_COLOR = { 1: "#2b8a3e", 2: "#1c7ed6", 3: "#e67700", 4: "#c92a2a" };

export function status(message, kind = "") {
  const s = document.getElementById("status");
  s.textContent = message || "";
  s.className = "status " + kind;
}

let token = sessionStorage.getItem("mizan-token") || "";
export function setToken(t) { token = t; sessionStorage.setItem("mizan-token", t); }

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status; this.code = e.code; this.detail = e.detail;
  }
}

export async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (token) headers["Authorization"] = "Bearer " + token;
  const early = !options.method && window.mizanPrefetched ? window.mizanPrefetched(path) : null;
  const res = await (early || fetch(path, Object.assign({}, options, { headers })));
  const type = res.headers.get("content-type") || "";
  const body = type.includes("json") ? await res.json() : await res.text();
  if (!res.ok) {
    if (res.status === 401) document.dispatchEvent(new CustomEvent("mizan:unauthorized"));
    throw new ApiError(res.status, body);
  }
  return body;
}

export const postJSON = (path, data) => api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });

// -- filters: kept in the URL (#/view?actor=…), read by every view -------------------------
export const FILTER_KEYS = ["actor", "event", "modality", "from", "to", "country", "place", "q", "review"];

export function currentFilters() {
  const q = new URLSearchParams(location.hash.split("?")[1] || "");
  const f = {};
  for (const k of FILTER_KEYS) if (q.get(k)) f[k] = q.get(k);
  return f;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? "?" + s : "";
}

export function link(route, extra = {}) {
  return "#" + route + query(Object.assign({}, currentFilters(), extra));
}

export const names = (side) => (side || []).map((a) => a.name || a.text || a.key || "?").join("; ");

export function fmtNum(x, digits = 1) { return x === null || x === undefined ? "–" : Number(x).toFixed(digits); }

export function table(columns, rows, caption) {
  const t = el("table", { class: "data" });
  if (caption) t.append(el("caption", {}, caption));
  t.append(el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col" }, c.label)))));
  const body = el("tbody");
  for (const r of rows) body.append(el("tr", {}, columns.map((c) => el("td", { class: c.cls || "" }, c.cell(r)))));
  if (!rows.length) body.append(el("tr", {}, el("td", { colspan: columns.length, class: "empty" }, "Nothing matches.")));
  t.append(body);
  return t;
}

export function eventLink(item, label) {
  return el("a", { href: link("/event/" + encodeURIComponent(item.id)), class: "event-link" }, label);
}

export function actorLinks(side) {
  const out = [];
  (side || []).forEach((a, i) => {
    if (i) out.push("; ");
    out.push(a.key ? el("a", { href: link("/actor/" + encodeURIComponent(a.key)) }, a.name || a.key) : (a.name || "?"));
  });
  return out;
}

export function reviewBadge(review) {
  if (!review) return el("span", { class: "badge muted" }, "unreviewed");
  if (review.verdict === "wrong") return el("span", { class: "badge bad" }, "wrong");
  if (review.corrected && review.corrected.length) return el("span", { class: "badge fixed" }, "corrected: " + review.corrected.join(", "));
  return el("span", { class: "badge good" }, review.verdict || "reviewed");
}
