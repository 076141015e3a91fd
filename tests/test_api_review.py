"""The review queue: corrections are stored with who, when, before and after, and apply on
every read path (records, merged events, analyses, exports, brief) on both backends; actor
corrections become registry overrides; corrections come back as labelled data that
`mizan eval corrections` scores; uploads run as jobs through the API."""

from __future__ import annotations

import asyncio
import io
import time

import httpx
import pytest

from mizan.analysis.alignment import alignment
from mizan.analysis.dyads import dyads
from mizan.analysis.network import network
from mizan.analysis.search import EventFilter, search_events
from mizan.analysis.timeline import timeline
from mizan.errors import EventNotFound, ReviewError
from mizan.exports import export
from mizan.review.corrections import correct, corrections
from mizan.review.overrides import overrides, write_overrides
from storehelp import add, record

K = ["kadhimi"]


def _store(store):
    add(store, [
        record("s1", K, "042", ["SAU"], "2020-09-20", place="Baghdad", text="Kadhimi visited Riyadh."),
        record("s2", ["SAU"], "043", K, "2020-09-20", text="Riyadh hosted Kadhimi."),
        record("s3", K, "040", ["zarif"], "2020-09-17", text="Kadhimi met Zarif."),
        record("s4", ["TUR"], "195", ["IRQ"], "2020-09-24", place="Basra", text="Turkish jets struck."),
    ])  # fmt: skip
    return store


def _saudi(store):
    return next(r for r in store.events() if r["num_documents"] == 2)


def _everything(store):
    """What every read path says, as plain data."""
    out = {"events": list(store.events()), "records": list(store.records()),
           "dyads": dyads(store), "network": network(store),
           "timeline": timeline(store, "IRQ", sources=False),
           "alignment": alignment(store, "IRQ")["scores"],
           "search": search_events(store, EventFilter(), limit=100)["items"]}  # fmt: skip
    for fmt in ("plover-jsonl", "cameo-tsv", "acled-csv", "geojson"):
        buf = io.StringIO()
        export(store, fmt, buf)
        out[fmt] = buf.getvalue()
    return out


def test_actor_correction_applies_everywhere(new_store):
    store = _store(new_store())
    saudi = _saudi(store)
    result = correct(store, saudi["id"], "recipient", [{"id": "JOR"}], "alice", "review", "misread")
    c = result["correction"]
    assert c["before"][0]["id"] == "SAU" and c["after"]["actors"][0]["id"] == "JOR"
    assert c["reviewer"] == "alice" and c["created_at"] and sorted(c["reports"]) == sorted(
        r[0] for r in store.query("SELECT event_id FROM events WHERE doc_id IN ('s1', 's2')"))
    seen = _everything(store)
    assert [a["id"] for a in result["event"]["recipient"]] == ["JOR"]
    ev = next(r for r in seen["events"] if r["id"] == result["event"]["id"])
    assert [a["id"] for a in ev["recipient"]] == ["JOR"] and ev["num_documents"] == 2
    s1 = next(r for r in seen["records"] if r["doc_id"] == "s1")
    assert [a["id"] for a in s1["recipient"]] == ["JOR"]  # the per-document reports too
    assert {(d["source"], d["target"]) for d in seen["dyads"]} == {
        ("mustafa-al-kadhimi", "JOR"), ("mustafa-al-kadhimi", "mohammad-javad-zarif"), ("TUR", "IRQ")}
    assert "SAU" not in {n["id"] for n in seen["network"]["nodes"]}
    assert "Jordan" in seen["plover-jsonl"] and "Saudi Arabia" not in seen["plover-jsonl"]
    assert "SAU" not in seen["cameo-tsv"] and "Saudi" not in seen["acled-csv"]
    hist = corrections(store, saudi["id"])
    assert [h["field"] for h in hist] == ["recipient"]


def test_type_date_place_modality_corrections(new_store):
    store = _store(new_store())
    eid = _saudi(store)["id"]
    ev = correct(store, eid, "event", {"event": "AGREE"}, "bob")["event"]
    assert (ev["event"], ev["cameo"], ev["quad_class"]) == ("AGREE", "03", 1)
    ev = correct(store, eid, "event", "057", "bob")["event"]
    assert (ev["event"], ev["goldstein"]) == ("SUPPORT", 8.0)  # CAMEO 057 (sign agreement) is SUPPORT in PLOVER
    ev = correct(store, eid, "date", {"date": "2020-09-19", "precision": "day"}, "bob")["event"]
    assert ev["date"] == "2020-09-19"
    assert dyads(store, "day", "2020-09-19", "2020-09-19")[0]["target"] == "SAU"
    ev = correct(store, eid, "place", {"name": "Riyadh"}, "bob")["event"]
    assert (ev["location"]["name"], ev["location"]["country"]) == ("Riyadh", "SAU")
    assert store.query("SELECT loc_name FROM clusters WHERE cluster_id = ?", (ev["id"],))[0][0] == "Riyadh"
    ev = correct(store, eid, "modality", "reported", "bob")["event"]
    assert ev["modality"] == "reported"
    assert [c["field"] for c in corrections(store, eid)] == ["event", "event", "date", "place", "modality"]
    with pytest.raises(ReviewError, match="CAMEO 195 is ASSAULT"):
        correct(store, eid, "event", {"event": "AGREE", "cameo": "195"}, "bob")
    with pytest.raises(ReviewError, match="not a date"):
        correct(store, eid, "date", "next Tuesday", "bob")
    with pytest.raises(ReviewError, match="unknown actor id"):
        correct(store, eid, "actor", [{"id": "nobody-known"}], "bob")
    with pytest.raises(EventNotFound):
        correct(store, "no-such-event", "verdict", "right", "bob")


def test_wrong_leaves_every_read_and_right_brings_it_back(new_store):
    store = _store(new_store())
    before = _everything(store)
    turkey = next(r for r in store.events() if r["event"] == "ASSAULT")
    assert correct(store, turkey["id"], "verdict", "wrong", "carol")["event"] is None
    seen = _everything(store)
    assert turkey["id"] not in {r["id"] for r in seen["events"]} | {r["id"] for r in seen["records"]}
    assert ("TUR", "IRQ") not in {(d["source"], d["target"]) for d in seen["dyads"]}
    assert "Turkish jets" not in seen["plover-jsonl"] + seen["geojson"] + seen["acled-csv"]
    assert all(r["event"] != "ASSAULT" for r in seen["search"])
    store.recluster()  # merging again does not bring it back
    assert turkey["id"] not in {r["id"] for r in store.events()}
    with pytest.raises(ReviewError, match="marked wrong"):
        correct(store, turkey["id"], "event", "AGREE", "carol")
    correct(store, turkey["id"], "verdict", "right", "dave")
    assert _everything(store)["events"] == before["events"]


def test_overrides_from_actor_corrections(new_store, tmp_path):
    from mizan.actors.loader import load_registry

    store = _store(new_store())
    eid = _saudi(store)["id"]
    add(store, [record("s7", ["activist"], "141", ["IRQ"], "2020-09-26", text="Kazemy protested.")])
    unresolved = next(r for r in store.events() if r["event"] == "PROTEST")["id"]
    correct(store, unresolved, "actor", [{"id": "mustafa-al-kadhimi", "text": "Al-Kazemy"}], "alice")
    turkey = next(r for r in store.events() if r["event"] == "ASSAULT")["id"]
    correct(store, turkey, "actor", [{"id": "mustafa-al-kadhimi", "text": "Ankara"}], "alice")
    zarif = next(r for r in store.events() if r["cameo"] == "040")["id"]
    correct(store, zarif, "recipient", [{"id": "mustafa-al-kadhimi", "text": "the premier"}], "alice")
    correct(store, eid, "recipient", {"actors": [{"name": "Reham Yaqoub", "country": "IRQ", "sector": "CVL",
                                                   "kind": "person", "text": "Raham Yaqoub"}],
                                      "not_actors": ["Corona"]}, "alice")  # fmt: skip
    data = overrides(store)
    kadhimi = next(a for a in data["actors"] if a["id"] == "mustafa-al-kadhimi")
    assert "Al-Kazemy" in kadhimi["aliases"] and kadhimi["roles"]  # the whole entry, roles kept
    assert "the premier" not in kadhimi["aliases"]  # lower-case phrases never become aliases
    assert "Ankara" not in kadhimi["aliases"]  # a country corrected to a person: not a misread name
    assert data["not_actors"] == ["Corona"]
    path = write_overrides(store, tmp_path / "overrides.yaml")
    reg = load_registry([path])
    assert reg.actors["reham-yaqoub"].country == "IRQ" and "Raham Yaqoub" in reg.actors["reham-yaqoub"].aliases
    assert "Al-Kazemy" in reg.actors["mustafa-al-kadhimi"].aliases
    assert reg.actors["mustafa-al-kadhimi"].role_on(__import__("datetime").date(2021, 1, 1)).title == "prime minister"


# -- with the real pipeline: upload through the API, review, export, evaluate -------------
REPORT = ("Iraqi Prime Minister Mustafa al-Kadhimi met Jordan's King Abdullah II in Amman on "
          "Tuesday. Turkish warplanes bombed villages near Duhok on Wednesday, local officials said. "
          "Hostile markup <script>window.__pwned = 1</script> stays text.")  # fmt: skip


def _call(app, method, path, token, **kw):
    async def go():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            return await c.request(method, path, headers={"Authorization": f"Bearer {token}", **kw.pop("headers", {})}, **kw)

    return asyncio.run(go())


def test_upload_review_export_and_eval(nlp, tmp_path):
    from mizan.api import create_app
    from mizan.review.labelled import evaluate, load_labelled
    from mizan.review.tokens import create_token
    from mizan.store import open_store

    db = str(tmp_path / "s.duckdb")
    with open_store(db) as s:
        token = create_token(s, "review", "rita")
    app = create_app(db)
    try:
        r = _call(app, "POST", "/documents?date=2020-09-02&title=Report", token, content=REPORT.encode(),
                  headers={"content-type": "text/plain"})  # fmt: skip
        assert r.status_code == 202, r.text
        job_id = r.json()["job"]["job_id"]
        for _ in range(600):
            job = _call(app, "GET", f"/jobs/{job_id}", token).json()["job"]
            if job["status"] in ("done", "failed"):
                break
            time.sleep(0.1)
        assert job["status"] == "done" and job["stats"]["coded"] == 1, job
        assert len(job["event_ids"]) >= 2, job
        views = [_call(app, "GET", f"/events/{e}", token).json() for e in job["event_ids"]]
        assert all("<script>" in v["document"]["text"] for v in views)  # stored and served as text
        meet = next(v for v in views if v["event"]["event"] == "CONSULT")
        assault = next(v for v in views if v["event"]["event"] == "ASSAULT")
        kinds = {h["kind"]: h["text"] for h in meet["highlights"]}
        assert kinds["trigger"] == "met" and "Kadhimi" in kinds["actor"]
        ok = _call(app, "POST", f"/events/{assault['event']['id']}/review", token,
                   json={"field": "verdict", "value": "wrong", "note": "test"})  # fmt: skip
        assert ok.status_code == 201
        fix = _call(app, "POST", f"/events/{meet['event']['id']}/review", token,
                    json={"field": "recipient", "value": [{"id": "JOR"}]})  # fmt: skip
        assert fix.status_code == 201 and fix.json()["correction"]["reviewer"] == "rita"
        assert _call(app, "GET", f"/events/{assault['event']['id']}", token).status_code == 404
        labelled = _call(app, "GET", "/export?format=corrections", token).text
    finally:
        app.state.mizan.close()
    path = tmp_path / "labels.jsonl"
    path.write_text(labelled, encoding="utf-8")
    docs = load_labelled(path)
    verdicts = sorted(lab["verdict"] for d in docs for lab in d["labels"])
    assert verdicts == ["corrected", "wrong"]
    result = evaluate(path, nlp)
    assert result["true_events"] == 1 and result["wrong_events"] == 1
    assert result["wrong_still_coded"] == 1  # the pipeline still codes what the reviewer rejected
    assert result["recall"] == 1.0 and result["event_accuracy"] == 1.0
    assert result["recipient_accuracy"] == 0.0  # the machine's recipient is the one corrected
    assert result["precision_on_reviewed"] == 0.5


def _listed(store, **kw):
    items = search_events(store, EventFilter(**kw), limit=1000)["items"]
    return {(i["id"], i["date"], i["event"], tuple(a["key"] for a in i["actor"]),
             tuple(a["key"] for a in i["recipient"]), i["place"], i["num_documents"]) for i in items}


def _canonical(store):
    def key(a):
        return a["id"] or (a["country"] or "") + (a["sector"] or "")

    return {(r["id"], r["date"], r["event"], tuple(key(a) for a in r["actor"]),
             tuple(key(a) for a in r["recipient"]), (r["location"] or {}).get("name"),
             r["num_documents"]) for r in store.events()}


def test_event_index_agrees_with_the_merged_events(new_store):
    """The event list reads the event index; after merges, corrections, rejections and a
    recluster it must say what Store.events() says, on both backends."""
    store = _store(new_store())
    assert _listed(store) == _canonical(store)
    add(store, [record("s6", ["SAU"], "043", K, "2020-09-20", text="Riyadh hosted him again.")])
    assert _listed(store) == _canonical(store)  # a third report joins the Saudi event
    saudi = next(r for r in store.events() if r["num_documents"] == 3)
    correct(store, saudi["id"], "actor", [{"id": "IRN"}], "x")
    correct(store, saudi["id"], "place", {"name": "Riyadh"}, "x")
    assert _listed(store) == _canonical(store)
    assert {i[0] for i in _listed(store, actor_key="IRN")} == {saudi["id"]}
    zarif = next(r for r in store.events() if r["cameo"] == "040")["id"]
    assert {i[0] for i in _listed(store, actor="IRN")} == {saudi["id"], zarif}  # every Iranian actor
    assert {i[0] for i in _listed(store, actor="SAU")} == {saudi["id"]}  # its recipient
    turkey = next(r for r in store.events() if r["event"] == "ASSAULT")["id"]
    correct(store, turkey, "verdict", "wrong", "x")
    assert _listed(store) == _canonical(store) and turkey not in {i[0] for i in _listed(store)}
    store.recluster()
    assert _listed(store) == _canonical(store)
    page = search_events(store, EventFilter(), limit=1, total=True)
    assert page["total"] == len(_canonical(store)) and page["next_offset"] == 1
