// The review queue: unreviewed events, least confident first, with quick verdicts.
import { actorLinks, api, currentFilters, el, eventLink, fmtNum, postJSON, query, status, table } from "./core.js";

export async function reviewView(main) {
  const f = Object.assign({ review: "unreviewed" }, currentFilters());
  const page = await api("/events" + query(Object.assign({}, f, { limit: 50, order: "confidence", total: "true" })));
  const verdict = async (r, v, btn) => {
    try {
      await postJSON(`/events/${encodeURIComponent(r.id)}/review`, { field: "verdict", value: v });
      btn.closest("tr").classList.add("done");
      btn.closest("td").replaceChildren(v === "right" ? "✔ right" : "✘ wrong");
      status(`Marked ${v}.`, "ok");
    } catch (e) { status(e.message, "error"); }
  };
  main.replaceChildren(el("section", { class: "panel wide" }, el("h2", {}, "Review queue"),
    el("p", {}, `${page.total.toLocaleString()} event(s) to review (${f.review}), least confident first. Open an event to see its evidence and correct a field.`),
    table([
      { label: "Event", cell: (r) => eventLink(r, `${r.date || "undated"} ${r.event}`) },
      { label: "Actor", cell: (r) => actorLinks(r.actor) }, { label: "Recipient", cell: (r) => actorLinks(r.recipient) },
      { label: "Confidence", cell: (r) => fmtNum(r.confidence, 2) },
      { label: "Evidence", cls: "evidence", cell: (r) => r.evidence || "" },
      { label: "Verdict", cell: (r) => [el("button", { type: "button", class: "good", onclick: (e) => verdict(r, "right", e.target) }, "Right"), " ",
        el("button", { type: "button", class: "bad", onclick: (e) => verdict(r, "wrong", e.target) }, "Wrong")] },
    ], page.items)));
}
