// One event: its source document with the evidence highlighted, and the review form.
import { actorLinks, api, el, fmtNum, link, postJSON, QUAD, reviewBadge, status } from "./core.js";

// The document text as DOM: text nodes, with <mark> for the evidence sentence and, inside it,
// for the trigger, the actors and the recipients. Never HTML: the text is hostile input.
export function highlighted(text, spans) {
  const out = el("div", { class: "doctext", id: "doctext" });
  const sentences = spans.filter((s) => s.kind === "sentence");
  const inner = spans.filter((s) => s.kind !== "sentence");
  let pos = 0;
  const pushText = (parent, a, b) => { if (b > a) parent.append(document.createTextNode(text.slice(a, b))); };
  for (const s of sentences) {
    if (s.start < pos) continue;
    pushText(out, pos, s.start);
    const mark = el("mark", { class: "hl-sentence", "data-kind": "sentence" });
    let p = s.start;
    for (const h of inner.filter((h) => h.start >= s.start && h.end <= s.end).sort((a, b) => a.start - b.start)) {
      if (h.start < p) continue;
      pushText(mark, p, h.start);
      mark.append(el("mark", { class: "hl-" + h.kind, "data-kind": h.kind, title: h.kind + (h.name ? ": " + h.name : "") }, text.slice(h.start, h.end)));
      p = h.end;
    }
    pushText(mark, p, s.end);
    out.append(mark);
    pos = s.end;
  }
  pushText(out, pos, text.length);
  return out;
}

function keyOf(a) { return a.id || (a.country ? a.country + (a.sector || "") : a.name); }

function correctionForm(view, onDone) {
  const ev = view.event;
  const vocab = window.mizanVocab || { events: [], modalities: [] };
  const fieldSel = el("select", { id: "c-field", name: "field" },
    [["event", "Event type"], ["actor", "Actor"], ["recipient", "Recipient"], ["date", "Date"], ["place", "Place"], ["modality", "Modality"]]
      .map(([v, l]) => el("option", { value: v }, l)));
  const inputs = el("div", { class: "c-inputs" });
  const note = el("input", { id: "c-note", name: "note", placeholder: "why (optional)", maxlength: 2000 });
  const render = () => {
    const f = fieldSel.value;
    let kids = [];
    if (f === "event") {
      const sel = el("select", { id: "c-event", name: "event" }, vocab.events.map((t) => el("option", { value: t, selected: t === ev.event }, t)));
      const code = el("input", { id: "c-cameo", name: "cameo", placeholder: "CAMEO code (optional)", size: 8, inputmode: "numeric" });
      kids = [el("label", { for: "c-event" }, "PLOVER type"), sel, el("label", { for: "c-cameo" }, "CAMEO"), code];
    } else if (f === "actor" || f === "recipient") {
      const cur = (ev[f] || []).map(keyOf).join("; ");
      kids = [el("label", { for: "c-actors" }, "Actors (registry ids or country+sector codes, separated by ;)"),
        el("input", { id: "c-actors", name: "actors", value: cur, size: 40, list: "actor-names" }),
        el("label", { for: "c-newname" }, "or a new actor's name"), el("input", { id: "c-newname", name: "newname", size: 20 }),
        el("label", { for: "c-newcountry" }, "country"), el("input", { id: "c-newcountry", name: "newcountry", size: 4, maxlength: 3 }),
        el("label", { for: "c-newsector" }, "sector"), el("input", { id: "c-newsector", name: "newsector", size: 4, maxlength: 3 })];
    } else if (f === "date") {
      kids = [el("label", { for: "c-date" }, "Date"), el("input", { id: "c-date", type: "date", value: ev.date || "" }),
        el("label", { for: "c-prec" }, "Precision"), el("select", { id: "c-prec" }, ["day", "week", "month", "year"].map((p) => el("option", { value: p, selected: p === ev.date_precision }, p)))];
    } else if (f === "place") {
      const loc = ev.location || {};
      kids = [el("label", { for: "c-place" }, "Place name"), el("input", { id: "c-place", value: loc.name || "" }),
        el("label", { for: "c-pcountry" }, "Country (ISO3, optional)"), el("input", { id: "c-pcountry", value: loc.country || "", size: 4, maxlength: 3 })];
    } else {
      kids = [el("label", { for: "c-modality" }, "Modality"), el("select", { id: "c-modality" }, vocab.modalities.map((m) => el("option", { value: m, selected: m === ev.modality }, m)))];
    }
    inputs.replaceChildren(...kids);
  };
  fieldSel.addEventListener("change", render);
  render();
  const value = () => {
    const f = fieldSel.value, v = (id) => document.getElementById(id).value.trim();
    if (f === "event") return v("c-cameo") ? { event: v("c-event"), cameo: v("c-cameo") } : { event: v("c-event") };
    if (f === "actor" || f === "recipient") {
      const actors = v("c-actors").split(";").map((s) => s.trim()).filter(Boolean).map((k) =>
        /^[A-Z]{6}$/.test(k) ? { name: k, country: k.slice(0, 3), sector: k.slice(3) } : { id: k });
      if (v("c-newname")) actors.push({ name: v("c-newname"), country: v("c-newcountry") || null, sector: v("c-newsector") || null });
      return actors;
    }
    if (f === "date") return { date: v("c-date"), precision: v("c-prec") };
    if (f === "place") return v("c-place") ? { name: v("c-place"), country: v("c-pcountry") || null } : null;
    return v("c-modality");
  };
  const send = async (field, val) => {
    try {
      await postJSON(`/events/${encodeURIComponent(ev.id)}/review`, { field, value: val, note: note.value.trim() || null });
      status(`Saved: ${field}.`, "ok");
      onDone(field, val);
    } catch (e) { status(e.message, "error"); }
  };
  const form = el("form", { class: "review-form", id: "review-form", "aria-labelledby": "h-review" },
    el("div", { class: "verdict" },
      el("button", { type: "button", id: "mark-right", class: "good", onclick: () => send("verdict", "right") }, "✔ Right"),
      el("button", { type: "button", id: "mark-wrong", class: "bad", onclick: () => send("verdict", "wrong") }, "✘ Wrong (not an event)")),
    el("fieldset", {}, el("legend", {}, "Correct a field"),
      el("label", { for: "c-field" }, "Field"), fieldSel, inputs,
      el("label", { for: "c-note" }, "Note"), note,
      el("button", { type: "submit", class: "primary", id: "c-submit" }, "Save correction")));
  form.addEventListener("submit", (e) => { e.preventDefault(); send(fieldSel.value, value()); });
  return form;
}

export async function eventView(main, id, docId) {
  await window.mizanVocabReady;
  let view;
  try {
    view = await api(`/events/${encodeURIComponent(id)}` + (docId ? `?doc=${encodeURIComponent(docId)}` : ""));
  } catch (e) {
    if (e.status === 404) {
      main.replaceChildren(el("section", { class: "panel" }, el("h2", {}, "Event not shown"), el("p", {}, e.message),
        el("p", {}, el("a", { href: link("/") }, "Back to the dashboard"))));
      return;
    }
    throw e;
  }
  const ev = view.event, doc = view.document, loc = ev.location || {};
  const facts = [
    ["Event", `${ev.event} (CAMEO ${ev.cameo}${ev.mode ? ", " + ev.mode : ""}) — ${QUAD[ev.quad_class] || ""}, Goldstein ${fmtNum(ev.goldstein)}`],
    ["Actor", actorLinks((ev.actor || []).map((a) => ({ key: keyOf(a), name: a.name || a.text })))],
    ["Recipient", ev.recipient && ev.recipient.length ? actorLinks(ev.recipient.map((a) => ({ key: keyOf(a), name: a.name || a.text }))) : "–"],
    ["Date", `${ev.date || "unknown"} (${ev.date_precision}${ev.date_text ? ": “" + ev.date_text + "”" : ""})`],
    ["Place", loc.name ? `${loc.name}, ${loc.country || ""} (${loc.precision})` : "–"],
    ["Modality", ev.modality + (ev.attributed_to ? ` — according to ${ev.attributed_to.name || ev.attributed_to.text}` : "")],
    ["Confidence", fmtNum(ev.confidence, 2)],
    ["Reported by", `${ev.num_documents || 1} document(s), ${ev.num_sources || 1} source(s)`],
    ["Review", reviewBadge(view.review)],
  ];
  const dl = el("dl", { class: "facts" }, facts.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  const key = el("p", { class: "legend" }, el("span", { class: "key" }, el("mark", { class: "hl-sentence" }, "evidence sentence")),
    el("span", { class: "key" }, el("mark", { class: "hl-trigger" }, "trigger")),
    el("span", { class: "key" }, el("mark", { class: "hl-actor" }, "actor")),
    el("span", { class: "key" }, el("mark", { class: "hl-recipient" }, "recipient")));
  const docs = view.documents.length > 1 ? el("nav", { "aria-label": "Documents that report this event", class: "docs" }, "Also reported in: ",
    view.documents.filter((d) => d.doc_id !== doc.doc_id).map((d) =>
      el("button", { type: "button", onclick: () => eventView(main, id, d.doc_id) }, d.title || d.doc_id))) : "";
  const url = doc.url && /^https?:\/\//.test(doc.url) ? el("a", { href: doc.url, rel: "noopener noreferrer nofollow", target: "_blank" }, "link") : "";
  const history = (view.corrections || []).map((c) => el("li", {}, `${c.created_at} — ${c.reviewer} (${c.role || ""}): ${c.field} `,
    el("code", {}, JSON.stringify(c.before)), " → ", el("code", {}, JSON.stringify(c.after)), c.note ? ` — ${c.note}` : ""));
  const reviewer = document.body.dataset.role === "review" || document.body.dataset.role === "admin";
  main.replaceChildren(
    el("p", {}, el("a", { href: link("/") }, "← Back to the dashboard")),
    el("div", { class: "grid event" },
      el("section", { class: "panel", "aria-labelledby": "h-doc" },
        el("h2", { id: "h-doc" }, doc.title || doc.doc_id),
        el("p", { class: "meta" }, [doc.source, doc.date, doc.doc_id].filter(Boolean).join(" · "), " ", url),
        key, docs, highlighted(doc.text || "", view.highlights)),
      el("section", { class: "panel", "aria-labelledby": "h-event" },
        el("h2", { id: "h-event" }, "Event"), dl,
        el("h3", { id: "h-review" }, "Review"),
        reviewer ? correctionForm(view, () => eventView(main, ev.id)) : el("p", {}, "A review token is needed to correct events."),
        history.length ? [el("h3", {}, "Corrections"), el("ol", { class: "history" }, history)] : "")));
  const first = document.querySelector("#doctext .hl-sentence");
  if (first) first.scrollIntoView({ block: "center" });
  document.getElementById("h-doc").focus && main.focus();
}
