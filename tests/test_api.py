"""The REST API, in-process (httpx ASGITransport) on a real DuckDB store: the error shape,
the auth matrix (each role against each endpoint), limits, and the routes' answers."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from mizan.api import create_app
from mizan.api.state import Limits
from mizan.review.tokens import create_token, verify_token
from mizan.store import open_store
from storehelp import add, record

K = ["kadhimi"]
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'


def _records():
    return [
        record("s1", K, "042", ["SAU"], "2020-09-20", place="Baghdad", text="Kadhimi visited Riyadh."),
        record("s2", ["SAU"], "043", K, "2020-09-20", text="Riyadh hosted Kadhimi."),
        record("s3", K, "040", ["zarif"], "2020-09-17", text="Kadhimi met Zarif."),
        record("s4", ["TUR"], "195", ["IRQ"], "2020-09-24", place="Basra", text="Turkish jets struck."),
        record("s5", ["IRQ", "JOR"], "057", [], "2020-09-05", text=HOSTILE),
    ]  # fmt: skip


def _served(folder):
    db = str(folder / "api.duckdb")
    store = open_store(db)
    add(store, _records())
    tokens = {role: create_token(store, role, f"{role}-user") for role in ("read", "review", "admin")}
    store.close()
    app = create_app(db, limits=Limits(max_body=4096, max_upload=8192, max_documents=3))
    return app, tokens


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    app, tokens = _served(tmp_path_factory.mktemp("api"))
    yield app, tokens
    app.state.mizan.close()


@pytest.fixture()
def writable(tmp_path):
    """An app of its own, for tests that write (uploads, corrections, tokens)."""
    app, tokens = _served(tmp_path)
    yield app, tokens
    app.state.mizan.close()


def call(app, method, path, token=None, **kw):
    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            headers = dict(kw.pop("headers", {}))
            if token:
                headers["Authorization"] = f"Bearer {token}"
            return await c.request(method, path, headers=headers, **kw)

    return asyncio.run(go())


def first_event(app, tokens, **params):
    r = call(app, "GET", "/events", tokens["read"], params=params)
    assert r.status_code == 200, r.text
    return r.json()["items"][0]["id"]


def assert_error(r, status, code):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}, body
    assert body["error"]["code"] == code and body["error"]["message"]


# -- the error shape ---------------------------------------------------------------------
def test_error_shape(served):
    app, tokens = served
    read = tokens["read"]
    assert_error(call(app, "GET", "/events"), 401, "unauthorized")
    assert call(app, "GET", "/events").headers["www-authenticate"] == "Bearer"
    assert_error(call(app, "GET", "/events", "mizan_0000_nope"), 401, "unauthorized")
    assert_error(call(app, "GET", "/no/such/path", read), 404, "not_found")
    assert_error(call(app, "GET", "/events/0123456789abcdef0123", read), 404, "not_found")
    assert_error(call(app, "GET", "/actors/nobody-at-all", read), 404, "not_found")
    assert_error(call(app, "GET", "/jobs/nojob", read), 404, "not_found")
    assert_error(call(app, "GET", "/events", read, params={"limit": 0}), 422, "validation_error")
    r = call(app, "GET", "/events", read, params={"event": "CONSLUT"})
    assert_error(r, 422, "validation_error")
    assert "CONSULT" in r.json()["error"]["message"] and "CONSULT" in r.json()["error"]["detail"]["choices"]
    assert_error(call(app, "GET", "/events", read, params={"from": "yesterday"}), 422, "validation_error")
    assert_error(call(app, "GET", "/export", read, params={"format": "xlsx"}), 422, "validation_error")
    assert_error(call(app, "POST", "/events/x/review", tokens["review"], content=b"{not json",
                      headers={"content-type": "application/json"}), 422, "validation_error")  # fmt: skip
    assert_error(call(app, "POST", "/events/x/review", read, json={"field": "verdict", "value": "right"}),
                 403, "forbidden")  # fmt: skip
    assert_error(call(app, "DELETE", "/events", read), 405, "method_not_allowed")
    assert_error(call(app, "POST", "/tokens", tokens["review"], json={"role": "read"}), 403, "forbidden")
    big = b"x" * 5000
    assert_error(call(app, "POST", "/tokens", tokens["admin"], content=big,
                      headers={"content-type": "application/json"}), 413, "payload_too_large")  # fmt: skip
    assert_error(call(app, "POST", "/documents", tokens["review"], content=b"word " * 2000,
                      headers={"content-type": "text/plain"}), 413, "payload_too_large")  # fmt: skip
    assert_error(call(app, "POST", "/documents", tokens["review"], content=b"<a/>",
                      headers={"content-type": "application/xml"}), 415, "unsupported_media_type")  # fmt: skip
    lines = "\n".join(json.dumps({"id": f"d{i}", "text": "The minister met the envoy."}) for i in range(4))
    assert_error(call(app, "POST", "/documents", tokens["review"], content=lines.encode(),
                      headers={"content-type": "application/x-ndjson"}), 413, "payload_too_large")  # fmt: skip


# -- the auth matrix ---------------------------------------------------------------------
ROLES = (None, "read", "review", "admin")
RANK = {None: -1, "read": 0, "review": 1, "admin": 2}


def endpoints(event_id, revoke_id):
    E = f"/events/{event_id}"
    return [  # (method, path, kwargs, the least role that may call it)
        ("GET", "/events", {}, "read"), ("GET", "/events?actor=IRQ&event=CONSULT,ASSAULT", {}, "read"),
        ("GET", "/events/points", {}, "read"), ("GET", "/events/network", {}, "read"),
        ("GET", E, {}, "read"), ("GET", f"{E}/corrections", {}, "read"),
        ("POST", f"{E}/review", {"json": {"field": "verdict", "value": "right"}}, "review"),
        ("GET", "/corrections", {}, "read"), ("GET", "/corrections/overrides", {}, "read"),
        ("GET", "/actors", {}, "read"), ("GET", "/actors/mustafa-al-kadhimi", {}, "read"),
        ("GET", "/timeline?actor=IRQ", {}, "read"), ("GET", "/dyads", {}, "read"),
        ("GET", "/network", {}, "read"), ("GET", "/network?format=gexf", {}, "read"),
        ("GET", "/alignment?focal=IRQ", {}, "read"), ("GET", "/export?format=plover-jsonl", {}, "read"),
        ("GET", "/export?format=parquet", {}, "read"), ("GET", "/brief", {}, "read"),
        ("GET", "/documents/s1", {}, "read"), ("GET", "/jobs", {}, "read"),
        ("POST", "/documents?date=2020-09-01", {"content": b"The Iraqi minister met the Jordanian envoy.",
                                                "headers": {"content-type": "text/plain"}}, "review"),
        ("GET", "/ontology", {}, "read"), ("GET", "/me", {}, "read"),
        ("GET", "/tokens", {}, "admin"), ("POST", "/tokens", {"json": {"role": "read", "name": "x"}}, "admin"),
        ("DELETE", f"/tokens/{revoke_id}", {}, "admin"),
    ]  # fmt: skip


def test_auth_matrix(writable):
    app, tokens = writable
    event_id = first_event(app, tokens)
    store = app.state.mizan.store()
    for role in ROLES:
        revoke_id = create_token(store, "read", "to revoke")[len("mizan_"):].split("_")[0]
        for method, path, kw, least in endpoints(event_id, revoke_id):
            r = call(app, method, path, tokens.get(role) if role else None, **kw)
            if role is None:
                assert_error(r, 401, "unauthorized")
            elif RANK[role] < RANK[least]:
                assert_error(r, 403, "forbidden")
            else:
                assert r.status_code in (200, 201, 202), (role, method, path, r.status_code, r.text[:300])


def test_open_routes_need_no_token(served):
    app, _ = served
    assert call(app, "GET", "/health").json() == {"status": "ok"}
    spec = call(app, "GET", "/openapi.json").json()
    assert "/events" in spec["paths"] and "/events/{event_id}/review" in spec["paths"]
    page = call(app, "GET", "/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "cdn" not in page.text.lower() and "http://" not in page.text and "https://" not in page.text
    assert call(app, "GET", "/static/vendor/leaflet/leaflet.js").status_code == 200


def test_no_auth_lets_local_callers_in(tmp_path):
    db = str(tmp_path / "open.duckdb")
    add(open_store(db), _records()[:1])
    app = create_app(db, auth=False)
    try:
        assert call(app, "GET", "/me").json()["role"] == "admin"
        assert call(app, "GET", "/events").status_code == 200
    finally:
        app.state.mizan.close()


def test_only_a_digest_is_stored(tmp_path):
    store = open_store(str(tmp_path / "t.duckdb"))
    token = create_token(store, "review", "alice")
    rows = store.query("SELECT token_id, salt, digest FROM api_tokens")
    assert len(rows) == 1 and token.split("_", 2)[2] not in repr(rows)
    assert verify_token(store, token).role == "review"
    assert verify_token(store, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert verify_token(store, "Bearer nonsense") is None


# -- what the routes say -----------------------------------------------------------------
def test_events_filters_and_pages(served):
    app, tokens = served
    read = tokens["read"]
    page = call(app, "GET", "/events", read, params={"total": "true", "limit": 2}).json()
    assert page["total"] == 4 and len(page["items"]) == 2 and page["next_offset"] == 2  # s1+s2 merged
    rest = call(app, "GET", "/events", read, params={"limit": 2, "offset": 2}).json()
    assert rest["next_offset"] is None and not {i["id"] for i in rest["items"]} & {i["id"] for i in page["items"]}
    dates = [i["date"] for i in page["items"] + rest["items"]]
    assert dates == sorted(dates, reverse=True)

    def ids(**params):
        return {(i["event"], i["date"]) for i in call(app, "GET", "/events", read, params=params).json()["items"]}

    assert ids(actor="Kadhimi") == {("CONSULT", "2020-09-20"), ("CONSULT", "2020-09-17")}
    assert ids(event="ASSAULT") == {("ASSAULT", "2020-09-24")}
    assert ids(country="IRQ") == {("CONSULT", "2020-09-20"), ("ASSAULT", "2020-09-24")}
    assert ids(place="basra") == {("ASSAULT", "2020-09-24")}
    assert ids(**{"from": "2020-09-18", "to": "2020-09-21"}) == {("CONSULT", "2020-09-20")}
    assert ids(q="zarif") == {("CONSULT", "2020-09-17")}
    assert ids(q="100%") == set()  # LIKE wildcards in the text are taken literally
    assert ids(dyad="mustafa-al-kadhimi,SAU") == {("CONSULT", "2020-09-20")}
    assert ids(modality="future") == set()
    one = call(app, "GET", "/events", read, params={"actor": "Kadhimi", "event": "CONSULT", "from": "2020-09-19"}).json()
    assert [i["date"] for i in one["items"]] == ["2020-09-20"] and one["items"][0]["num_documents"] == 2


def test_event_evidence_and_hostile_text(served):
    app, tokens = served
    eid = first_event(app, tokens, q="zarif")
    view = call(app, "GET", f"/events/{eid}", tokens["read"]).json()
    assert {"event", "document", "documents", "highlights", "review", "corrections"} <= set(view)
    hostile = call(app, "GET", "/events", tokens["read"], params={"q": "<script>"}).json()["items"]
    assert len(hostile) == 1 and hostile[0]["evidence"] == HOSTILE  # returned as data, unchanged


def test_actor_page(served):
    app, tokens = served
    a = call(app, "GET", "/actors/mustafa-al-kadhimi", tokens["read"]).json()
    assert a["name"] == "Mustafa al-Kadhimi" and a["events"] == 2
    assert {p["key"] for p in a["partners"]} == {"SAU", "mohammad-javad-zarif"}
    assert a["roles"][0]["role"] == "prime minister" and a["roles"][0]["first_date"] == "2020-09-17"
    assert any(o["title"] == "prime minister" for o in a["offices"])
    assert len(a["latest"]) == 2
    assert call(app, "GET", "/actors", tokens["read"], params={"q": "kadh"}).json()["actors"][0]["key"] == "mustafa-al-kadhimi"


def test_analyses_and_exports_match_the_library(served):
    from mizan.analysis.dyads import dyads

    app, tokens = served
    read = tokens["read"]
    assert call(app, "GET", "/dyads", read).json()["dyads"] == dyads(app.state.mizan.store())
    assert call(app, "GET", "/network?format=gexf", read).text.startswith("<?xml")
    lines = call(app, "GET", "/export?format=plover-jsonl", read).text.splitlines()
    assert len(lines) == 4 and all(json.loads(x)["event"] for x in lines)
    parquet = call(app, "GET", "/export?format=parquet", read)
    assert parquet.content[:4] == b"PAR1"
    brief = call(app, "GET", "/brief", read)
    assert brief.status_code == 200 and "<script>window" not in brief.text


def test_highlights_are_offsets_of_the_words():
    from mizan.analysis.evidence import highlights

    text = "Intro. On Monday the Iraqi PM met Iran's envoy in Baghdad. Later, he left."
    start = text.index("On Monday")
    end = text.index("Later") - 1
    record = {"doc_id": "d", "evidence": {"start": start, "end": end, "trigger": "met"},
              "mentions": [{"doc_id": "d", "start": start, "end": end, "trigger": "met"}],
              "actor": [{"text": "the Iraqi PM", "name": "Mustafa al-Kadhimi"}],
              "recipient": [{"text": "he", "name": "Iran"}, {"text": "Iran's envoy", "name": "x"}]}  # fmt: skip
    spans = {h["kind"]: text[h["start"]:h["end"]] for h in highlights(text, record, "d")}
    assert spans == {"sentence": text[start:end], "trigger": "met", "actor": "the Iraqi PM",
                     "recipient": "Iran's envoy"}  # "he" is not in the sentence: no span
