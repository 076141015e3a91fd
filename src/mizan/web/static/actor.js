// An actor's page: names seen, roles with dates, offices, partners, latest events.
import { actorLinks, api, el, eventLink, fmtNum, link, table } from "./core.js";

export async function actorView(main, key) {
  const a = await api(`/actors/${encodeURIComponent(key)}?limit=50`);
  const head = [a.country, a.sector, a.kind].filter(Boolean).join(" · ");
  main.replaceChildren(
    el("p", {}, el("a", { href: link("/") }, "← Back to the dashboard")),
    el("section", { class: "panel wide" },
      el("h2", {}, a.name), el("p", { class: "meta" }, `${head} — key ${a.key} — ${a.events} event(s), ${a.first_date || "?"} to ${a.last_date || "?"}`),
      el("p", {}, el("a", { href: link("/", { actor: a.key }) }, "Show only this actor's events on the dashboard"))),
    el("div", { class: "grid" },
      el("section", { class: "panel" }, el("h3", {}, "Names seen"),
        el("ul", { class: "names" }, a.names.map((n) => el("li", {}, `${n.text} (${n.mentions})`)))),
      el("section", { class: "panel" }, el("h3", {}, "Roles with dates"),
        table([{ label: "Role", cell: (r) => r.role || "–" }, { label: "Sector", cell: (r) => `${r.country || ""} ${r.sector || ""}` },
          { label: "First", cell: (r) => r.first_date || "" }, { label: "Last", cell: (r) => r.last_date || "" }, { label: "Events", cell: (r) => String(r.events) }], a.roles),
        a.offices.length ? [el("h3", {}, "Offices in the registry"),
          table([{ label: "Title", cell: (r) => r.title }, { label: "Organisation", cell: (r) => r.organisation || "" },
            { label: "From", cell: (r) => r.start || "?" }, { label: "To", cell: (r) => r.end || "now" }], a.offices)] : "")),
    el("section", { class: "panel wide" }, el("h3", {}, "Partners"),
      table([{ label: "Partner", cell: (p) => actorLinks([{ key: p.key, name: p.name }]) }, { label: "Events", cell: (p) => String(p.events) },
        { label: "To / from", cell: (p) => `${p.to} / ${p.from}` }, { label: "Mean Goldstein", cell: (p) => fmtNum(p.goldstein_mean) },
        { label: "First", cell: (p) => p.first_date || "" }, { label: "Last", cell: (p) => p.last_date || "" }], a.partners)),
    el("section", { class: "panel wide" }, el("h3", {}, "Latest events"),
      table([{ label: "Date", cell: (r) => eventLink(r, r.date || "undated") }, { label: "Event", cell: (r) => r.event },
        { label: "Actor", cell: (r) => actorLinks(r.actor) }, { label: "Recipient", cell: (r) => actorLinks(r.recipient) },
        { label: "Evidence", cls: "evidence", cell: (r) => r.evidence || "" }], a.latest)));
}
