// The API reference, rendered from /openapi.json (no CDN, no Swagger UI).
const el = (tag, attrs = {}, ...kids) => {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  for (const k of kids) n.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return n;
};
const main = document.getElementById("main");
const spec = await (await fetch("/openapi.json")).json();
main.replaceChildren(el("p", {}, spec.info.description || ""),
  el("p", {}, `Version ${spec.info.version}. Machine-readable: `, el("a", { href: "/openapi.json" }, "openapi.json"), "."));
const byTag = {};
for (const [path, ops] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(ops)) {
    const tag = (op.tags || ["other"])[0];
    (byTag[tag] ||= []).push([method.toUpperCase(), path, op]);
  }
}
for (const [tag, ops] of Object.entries(byTag)) {
  const sec = el("section", { class: "panel" }, el("h2", {}, tag));
  for (const [method, path, op] of ops) {
    const item = el("details", {}, el("summary", {}, el("code", {}, `${method} ${path}`), " — ", op.summary || ""));
    const params = op.parameters || [];
    if (params.length) {
      const t = el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "parameter"), el("th", {}, "in"), el("th", {}, "meaning"))));
      const tb = el("tbody");
      for (const p of params) tb.append(el("tr", {}, el("td", {}, el("code", {}, p.name)), el("td", {}, p.in), el("td", {}, p.description || (p.schema && p.schema.type) || "")));
      t.append(tb);
      item.append(t);
    }
    if (op.requestBody) {
      const ref = JSON.stringify(op.requestBody.content, null, 1);
      item.append(el("p", {}, "Body: "), el("pre", {}, ref.length > 800 ? ref.slice(0, 800) + "…" : ref));
    }
    item.append(el("p", {}, "Responses: " + Object.keys(op.responses || {}).join(", ") + `. Errors: {"error": {"code", "message", "detail"}}.`));
    sec.append(item);
  }
  main.append(sec);
}
