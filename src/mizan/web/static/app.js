// The workbench: router, filter form, token dialog. Each view lives in its own module.
import { api, currentFilters, el, FILTER_KEYS, query, setToken, status } from "./core.js";
import { dashboard } from "./dashboard.js";
import { eventView } from "./event.js";
import { actorView } from "./actor.js";
import { alignmentView } from "./alignment.js";
import { uploadView } from "./upload.js";
import { reviewView } from "./review.js";

const main = document.getElementById("main");
const form = document.getElementById("filters");
const routes = [
  [/^\/?$/, "dashboard", () => dashboard(main)],
  [/^\/event\/(.+)$/, "dashboard", (m) => eventView(main, decodeURIComponent(m[1]))],
  [/^\/actor\/(.+)$/, "dashboard", (m) => actorView(main, decodeURIComponent(m[1]))],
  [/^\/alignment$/, "alignment", () => alignmentView(main)],
  [/^\/upload$/, "upload", () => uploadView(main)],
  [/^\/review$/, "review", () => reviewView(main)],
];
let vocab = null;

function fillForm() {
  const f = currentFilters();
  for (const k of FILTER_KEYS) form.elements[k].value = f[k] || "";
}

async function route() {
  const path = location.hash.replace(/^#/, "").split("?")[0] || "/";
  fillForm();
  document.body.removeAttribute("data-ready");
  for (const [re, nav, view] of routes) {
    const m = path.match(re);
    if (!m) continue;
    document.querySelectorAll("[data-nav]").forEach((a) => a.toggleAttribute("aria-current", a.dataset.nav === nav));
    main.replaceChildren(el("p", { class: "loading" }, "Loading…"));
    try {
      await view(m);
      status("");
    } catch (e) {
      main.replaceChildren(el("section", { class: "panel" }, el("h2", {}, "Could not load this view"), el("p", { class: "error" }, e.message)));
      status(e.message, "error");
    }
    document.body.setAttribute("data-ready", "1");
    return;
  }
  main.replaceChildren(el("p", {}, "No such page. "), el("a", { href: "#/" }, "Back to the dashboard"));
  document.body.setAttribute("data-ready", "1");
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const params = {};
  for (const k of FILTER_KEYS) params[k] = form.elements[k].value.trim();
  let path = location.hash.replace(/^#/, "").split("?")[0] || "/";
  if (path.startsWith("/event/") || path.startsWith("/actor/")) path = "/";
  location.hash = "#" + path + query(params);
});
document.getElementById("f-clear").addEventListener("click", () => {
  const path = location.hash.replace(/^#/, "").split("?")[0] || "/";
  location.hash = "#" + path;
});

const dialog = document.getElementById("token-dialog");
document.getElementById("token-button").addEventListener("click", () => dialog.showModal());
document.addEventListener("mizan:unauthorized", () => { if (!dialog.open) dialog.showModal(); });
dialog.addEventListener("close", async () => {
  if (dialog.returnValue === "save") {
    setToken(document.getElementById("token-input").value.trim());
    await whoami();
    route();
  }
});

async function whoami() {
  const who = document.getElementById("who");
  try {
    const me = await api("/me");
    who.textContent = me.auth ? `${me.who} (${me.role})` : "no auth (local)";
    document.body.dataset.role = me.role;
    return true;
  } catch (e) {
    who.textContent = "no token";
    return false;
  }
}

async function loadVocab() {
  vocab = await api("/ontology");
  const ev = form.elements.event, mo = form.elements.modality;
  for (const t of vocab.events) ev.append(el("option", { value: t }, t));
  for (const m of vocab.modalities) mo.append(el("option", { value: m }, m));
  window.mizanVocab = vocab;
  const actors = await api("/actors?limit=300");
  document.getElementById("actor-names").replaceChildren(...actors.actors.map((a) => el("option", { value: a.key }, `${a.name} (${a.events})`)));
}

window.addEventListener("hashchange", route);
// who am I, the vocabularies and the first view load at the same time
const vocabReady = whoami().then((ok) => ok && loadVocab()).catch((e) => status(e.message, "error"));
window.mizanVocabReady = vocabReady;
route();
