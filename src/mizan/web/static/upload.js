// Paste or upload a report, follow its job, and see its events.
import { api, el, eventLink, actorLinks, status, table } from "./core.js";

export async function uploadView(main) {
  const result = el("div", { id: "upload-result", "aria-live": "polite" });
  const form = el("form", { id: "upload-form", class: "upload" },
    el("label", { for: "u-text" }, "Report text"), el("textarea", { id: "u-text", rows: 10, cols: 80, placeholder: "Paste a news report or an analyst's note…" }),
    el("div", { class: "row" },
      el("label", { for: "u-date" }, "Publication date"), el("input", { id: "u-date", type: "date" }),
      el("label", { for: "u-title" }, "Title"), el("input", { id: "u-title", size: 40 }),
      el("label", { for: "u-source" }, "Source"), el("input", { id: "u-source", size: 16 })),
    el("div", { class: "row" }, el("label", { for: "u-file" }, "…or a file (.txt, or .jsonl with one document per line)"),
      el("input", { id: "u-file", type: "file", accept: ".txt,.text,.md,.jsonl,.json" })),
    el("button", { type: "submit", class: "primary", id: "u-submit" }, "Code it"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const file = document.getElementById("u-file").files[0];
    const text = document.getElementById("u-text").value;
    const q = new URLSearchParams();
    for (const [k, id] of [["date", "u-date"], ["title", "u-title"], ["source", "u-source"]]) { const v = document.getElementById(id).value.trim(); if (v) q.set(k, v); }
    let body = text, type = "text/plain";
    if (file) { body = await file.text(); type = /\.jsonl?$/i.test(file.name) ? (file.name.endsWith(".json") ? "application/json" : "application/x-ndjson") : "text/plain"; }
    if (!body.trim()) { status("Paste a text or choose a file first.", "error"); return; }
    try {
      const res = await api("/documents?" + q.toString(), { method: "POST", headers: { "Content-Type": type }, body });
      await follow(res.job.job_id, result);
    } catch (err) { status(err.message, "error"); }
  });
  main.replaceChildren(el("section", { class: "panel wide" }, el("h2", {}, "Add a report"),
    el("p", {}, "The text is coded on the server as a job, with the same pipeline as mizan ingest; its events then appear everywhere."), form, result));
}

async function follow(jobId, box) {
  for (let i = 0; i < 600; i++) {
    const { job } = await api(`/jobs/${jobId}`);
    box.replaceChildren(el("p", { id: "job-status", "data-status": job.status }, `Job ${job.job_id}: ${job.status}` + (job.stats.events !== undefined ? ` — ${job.stats.coded} document(s) coded, ${job.stats.events} event(s)` : "")));
    if (job.status === "done" || job.status === "failed") {
      if (job.error) box.append(el("p", { class: "error" }, job.error));
      for (const m of job.messages) box.append(el("p", { class: "meta" }, m));
      if (job.event_ids.length) {
        const items = [];
        for (const id of job.event_ids.slice(0, 100)) {
          const v = await api(`/events/${encodeURIComponent(id)}`);
          items.push({ id, date: v.event.date, event: v.event.event, evidence: v.event.evidence.text,
            actor: v.event.actor.map((a) => ({ key: a.id || (a.country || "") + (a.sector || ""), name: a.name || a.text })),
            recipient: v.event.recipient.map((a) => ({ key: a.id || (a.country || "") + (a.sector || ""), name: a.name || a.text })) });
        }
        box.append(table([{ label: "Date", cell: (r) => eventLink(r, r.date || "undated") }, { label: "Event", cell: (r) => r.event },
          { label: "Actor", cell: (r) => actorLinks(r.actor) }, { label: "Recipient", cell: (r) => actorLinks(r.recipient) },
          { label: "Evidence", cls: "evidence", cell: (r) => r.evidence }], items, "Events of this report"));
      } else if (job.status === "done") box.append(el("p", {}, "No events found in this text."));
      status(`Job ${job.status}.`, job.status === "done" ? "ok" : "error");
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
