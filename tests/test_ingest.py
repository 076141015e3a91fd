"""Corpus ingestion with the real pipeline, and the analyst commands on the ingested demo."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mizan.documents import read_inputs
from mizan.ingest import count_inputs, ingest
from mizan.store import open_store

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "mizan" / "data" / "demo" / "reports.jsonl"
MIZAN = shutil.which("mizan", path=str(Path(sys.executable).parent)) or "mizan"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([MIZAN, *args], input=stdin, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The demo corpus ingested once with the CLI."""
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    p = run("ingest", str(DEMO), "--db", str(db))
    assert p.returncode == 0, p.stderr.decode()
    assert "12 document(s) coded" in p.stderr.decode()
    return db


def test_ingest_is_incremental_and_resumes(nlp, tmp_path):
    lines = DEMO.read_text().splitlines()
    part = tmp_path / "part.jsonl"
    part.write_text("\n".join(lines[:5]) + "\n")
    whole = tmp_path / "whole.jsonl"
    whole.write_text("\n".join(lines) + "\n{not json\n")
    seen = []
    with open_store(tmp_path / "a.duckdb") as store:
        first = ingest(read_inputs([str(part)]), store, nlp, progress=lambda s, m: seen.append(s.seen))
        assert (first.coded, first.skipped, first.failed) == (5, 0, 0)
        assert seen[-1] == 5
        # an interrupted run (here: only the first five documents) resumes where the store stops
        second = ingest(read_inputs([str(whole)]), store, nlp)
        assert (second.coded, second.skipped, second.failed) == (7, 5, 1)
        resumed = store.counts()
        third = ingest(read_inputs([str(whole)]), store, nlp)
        assert (third.coded, third.skipped, third.new_events) == (0, 12, 0)
        assert store.counts() == resumed  # nothing repeated, the failure recorded once
        assert resumed["failures"] == 1
    with open_store(tmp_path / "b.duckdb") as store:
        ingest(read_inputs([str(DEMO)]), store, nlp)
        at_once = store.counts()
    assert {k: v for k, v in at_once.items() if k != "failures"} == {
        k: v for k, v in resumed.items() if k != "failures"}  # fmt: skip
    assert count_inputs([str(whole)]) == 13


def test_same_text_under_another_name_is_skipped(nlp, tmp_path):
    text = "Iraqi Prime Minister Mustafa al-Kadhimi met U.S. President Donald Trump at the White House on Thursday."
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text(text)
    with open_store(tmp_path / "s.duckdb") as store:
        stats = ingest(read_inputs([str(tmp_path)], None), store, nlp)
        assert (stats.coded, stats.skipped) == (1, 1)


DEMO_PAIR = [
    # demo-01 and demo-02 tell one meeting; the records as the coder should give them
    ("demo-01", "Macron met al-Kadhimi at the government palace in the Green Zone shortly after his plane landed.",
     "emmanuel-macron", "mustafa-al-kadhimi", "040", "Green Zone"),
    ("demo-02", "Iraqi Prime Minister Mustafa Kadhimi received French President Emmanuel Macron in Baghdad on Wednesday for talks on security and energy.",
     "mustafa-al-kadhimi", "emmanuel-macron", "043", "Baghdad"),
]  # fmt: skip


def test_demo_pair_merges_given_correct_records(new_store):
    """The store's half of the acceptance point: the two demo reports, coded as the gold
    (demo/expected.yaml) codes them, merge into one event with two mentions."""
    from storehelp import ACTORS, PLACES, add, record

    ACTORS.setdefault("emmanuel-macron", ACTORS["macron"])
    ACTORS.setdefault("mustafa-al-kadhimi", ACTORS["kadhimi"])
    recs = []
    for doc, text, actor, recipient, cameo, place in DEMO_PAIR:
        recs.append(record(doc, [actor], cameo, [recipient], "2020-09-02", place=place, text=text))
    assert set(PLACES) >= {"Green Zone", "Baghdad"}
    store = new_store()
    add(store, recs)
    (event,) = store.events()
    assert event["num_mentions"] == 2 and event["num_documents"] == 2
    assert {m["doc_id"] for m in event["mentions"]} == {"demo-01", "demo-02"}


def _pair(db):
    with open_store(db, read_only=True) as store:
        return [e for e in store.events()
                if e["event"] == "CONSULT" and {a["id"] for a in e["actor"] + e["recipient"]}
                == {"emmanuel-macron", "mustafa-al-kadhimi"} and e["date"] == "2020-09-02"]  # fmt: skip


def test_demo_pair_is_one_event_with_two_mentions(demo_db):
    pair = _pair(demo_db)
    assert len(pair) == 1
    assert pair[0]["num_mentions"] >= 2 and pair[0]["num_documents"] == 2


def test_commands_on_the_demo(demo_db, tmp_path):
    nx = pytest.importorskip("networkx")
    db = str(demo_db)
    p = run("ingest", str(DEMO), "--db", db)
    assert p.returncode == 0 and "0 document(s) coded, 12 already stored" in p.stderr.decode()

    p = run("timeline", "--actor", "Kadhimi", "--db", db, "--format", "jsonl")
    assert p.returncode == 0, p.stderr.decode()
    rows = [json.loads(x) for x in p.stdout.decode().splitlines()]
    assert rows and all("Kadhimi" in r["actor"] + r["recipient"] for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)

    p = run("dyads", "--db", db, "--format", "csv")
    assert p.returncode == 0 and p.stdout.decode().startswith("period,source,")

    out = tmp_path / "net.gexf"
    p = run("network", "--db", db, "--format", "gexf", "--out", str(out))
    assert p.returncode == 0, p.stderr.decode()
    assert nx.read_gexf(out).number_of_edges() > 5

    p = run("alignment", "--focal", "IRQ", "--db", db, "--format", "json")
    assert p.returncode == 0, p.stderr.decode()
    result = json.loads(p.stdout)
    assert {b["id"] for b in result["blocs"]} >= {"iran-axis", "arab-states", "west", "turkey"}
    sept = [s for s in result["scores"] if s["period"] == "2020-09-01" and s["events"]]
    assert len(sept) >= 3

    for fmt, check in [("plover-jsonl", lambda t: json.loads(t.splitlines()[0])["id"]),
                       ("cameo-tsv", lambda t: t.startswith("date\tsource\t")),
                       ("acled-csv", lambda t: next(csv.reader(io.StringIO(t)))[0] == "event_date"),
                       ("geojson", lambda t: json.loads(t)["features"])]:  # fmt: skip
        p = run("export", "--format", fmt, "--db", db)
        assert p.returncode == 0, (fmt, p.stderr.decode())
        assert check(p.stdout.decode()), fmt
    pq = tmp_path / "e.parquet"
    assert run("export", "--format", "parquet", "--db", db, "--out", str(pq)).returncode == 0
    import pyarrow.parquet as pqm

    assert pqm.read_table(pq).num_rows > 50

    brief = tmp_path / "brief.html"
    p = run("brief", "--db", db, "--from", "2020-09-01", "--to", "2020-09-30", "--out", str(brief))
    assert p.returncode == 0, p.stderr.decode()
    html = brief.read_text()
    assert html.count("<svg") == 3
    for external in ("<script", "<link", 'src="http', "@import", "url(http", "<img"):
        assert external not in html  # self-contained: nothing is fetched
    assert 'href="#note-1"' in html and 'id="note-1"' in html
    assert "Tigris Wire" in html and "https://example.org/" in html


def test_bad_store_and_options(demo_db, tmp_path):
    p = run("timeline", "--actor", "Kadhimi", "--db", str(tmp_path / "none.duckdb"))
    assert p.returncode == 2 and "no such store" in p.stderr.decode()
    p = run("export", "--format", "gdelt", "--db", str(demo_db))
    assert p.returncode == 2 and "plover-jsonl" in p.stderr.decode()
    p = run("timeline", "--actor", "Nobody at all", "--db", str(demo_db))
    assert p.returncode == 2 and "unknown actor" in p.stderr.decode()


def test_ingest_into_postgresql(pg_server, tmp_path):
    """`--db postgresql://…` with the same commands."""
    import psycopg

    with psycopg.connect(pg_server, autocommit=True) as c:
        c.execute("CREATE SCHEMA IF NOT EXISTS cli_test")
    url = f"{pg_server}?options=-csearch_path%3Dcli_test"
    two = tmp_path / "two.jsonl"
    two.write_text("\n".join(DEMO.read_text().splitlines()[:2]) + "\n")
    env_db = {**os.environ}
    p = subprocess.run([MIZAN, "ingest", str(two), "--db", url], capture_output=True, env=env_db, timeout=300)
    assert p.returncode == 0, p.stderr.decode()
    p = run("export", "--format", "plover-jsonl", "--db", url)
    assert p.returncode == 0, p.stderr.decode()
    assert len(p.stdout.decode().splitlines()) > 5
    p = run("alignment", "--db", url, "--format", "json")
    assert p.returncode == 0, p.stderr.decode()
