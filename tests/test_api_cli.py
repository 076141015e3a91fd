"""`mizan token` and `mizan serve`'s refusals, through the real command line; the API over
PostgreSQL; and the event index's labels for any actor name (hypothesis)."""

from __future__ import annotations

import os
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mizan.analysis.search import EventFilter, search_events
from mizan.review.tokens import verify_token
from mizan.store import open_store
from storehelp import add, record


def mizan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mizan", *args], capture_output=True, text=True, timeout=120)


def test_token_create_prints_the_token_last(tmp_path):
    db = str(tmp_path / "t.duckdb")
    made = mizan("token", "create", "--role", "review", "--name", "ana", "--db", db)
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip().splitlines()[-1]
    with open_store(db) as store:
        info = verify_token(store, token)
        assert info is not None and (info.role, info.name) == ("review", "ana")
        assert token not in repr(store.query("SELECT * FROM api_tokens"))
    listed = mizan("token", "list", "--db", db)
    assert info.token_id in listed.stdout and "review" in listed.stdout
    assert mizan("token", "revoke", info.token_id, "--db", db).returncode == 0
    with open_store(db) as store:
        assert verify_token(store, token) is None
    bad = mizan("token", "create", "--role", "owner", "--db", db)
    assert bad.returncode == 2 and "'owner'" in bad.stderr and "review" in bad.stderr


def test_no_auth_is_refused_off_loopback(tmp_path):
    r = mizan("serve", "--db", str(tmp_path / "s.duckdb"), "--host", "0.0.0.0", "--no-auth")
    assert r.returncode == 2 and "--no-auth is refused" in r.stderr


def test_api_over_postgresql(pg_server):
    import asyncio

    import httpx
    import psycopg

    from mizan.api import create_app
    from mizan.review.tokens import create_token

    schema = f"api{os.getpid()}"
    with psycopg.connect(pg_server, autocommit=True) as c:
        c.execute(f"CREATE SCHEMA {schema}")
    url = f"{pg_server}?options=-csearch_path%3D{schema}"
    with open_store(url) as store:
        add(store, [record("p1", ["kadhimi"], "042", ["SAU"], "2020-09-20", text="Kadhimi visited Riyadh.")])
        token = create_token(store, "review", "pg")
    app = create_app(url)

    async def go():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t",
                                     headers={"Authorization": f"Bearer {token}"}) as c:  # fmt: skip
            page = (await c.get("/events", params={"actor": "Kadhimi", "total": "true"})).json()
            assert page["total"] == 1
            eid = page["items"][0]["id"]
            r = await c.post(f"/events/{eid}/review", json={"field": "event", "value": "AGREE"})
            assert r.status_code == 201, r.text
            return (await c.get("/events")).json()["items"][0]["event"]

    try:
        assert asyncio.run(go()) == "AGREE"
    finally:
        app.state.mizan.close()


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actor=names, recipient=names)
def test_event_list_keeps_any_actor_name(actor, recipient):
    """Names with separators, quotes, markup or other scripts come back from the event index as
    stored (the index's two separators become spaces)."""
    store = open_store(":memory:")
    r = record("h1", ["gunmen"], "186", ["activist"], "2020-09-01")
    r["actor"][0]["name"], r["recipient"][0]["name"] = actor, recipient
    add(store, [r])
    item = search_events(store, EventFilter())["items"][0]
    clean = lambda s: s.replace(chr(30), " ").replace(chr(31), " ")  # noqa: E731
    assert [a["name"] for a in item["actor"]] == [clean(actor)]
    assert [a["name"] for a in item["recipient"]] == [clean(recipient)]
    assert item["actor"][0]["key"] == "IRQUAF"
    store.close()
