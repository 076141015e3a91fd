"""The command line, run through the real installed entry point (``mizan``)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "mizan" / "data" / "demo" / "reports.jsonl"
MIZAN = shutil.which("mizan", path=str(Path(sys.executable).parent)) or "mizan"
SENTENCE = "Iraqi Prime Minister Mustafa al-Kadhimi met U.S. President Donald Trump at the White House on Thursday."


def run(
    *args: str, stdin: str | bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run([MIZAN, *args], input=data, capture_output=True, cwd=cwd, timeout=300)


def test_acceptance_sentence_jsonl(tmp_path):
    """The foundation issue's acceptance command: one CONSULT event with its evidence."""
    p = run(
        "extract",
        "--date",
        "2020-08-21",
        "--format",
        "jsonl",
        "--db",
        str(tmp_path / "s.duckdb"),
        "-",
        stdin=SENTENCE,
    )
    assert p.returncode == 0, p.stderr.decode()
    lines = p.stdout.decode().splitlines()
    records = [json.loads(line) for line in lines]  # stdout is nothing but records
    assert len(records) == 1
    r = records[0]
    assert r["event"] == "CONSULT" and r["cameo"].startswith("04")
    assert (r["actor"][0]["country"], r["actor"][0]["sector"]) == ("IRQ", "GOV")
    assert (
        r["actor"][0]["name"] == "Mustafa al-Kadhimi" and r["actor"][0]["role"] == "prime minister"
    )
    assert (
        r["recipient"][0]["country"],
        r["recipient"][0]["sector"],
        r["recipient"][0]["name"],
    ) == ("USA", "GOV", "Donald Trump")
    assert (r["date"], r["date_precision"]) == ("2020-08-20", "day")
    assert r["location"]["country"] == "USA"
    assert SENTENCE[r["evidence"]["start"] : r["evidence"]["end"]] == SENTENCE


def test_demo_corpus_to_store_and_rerun_adds_nothing(tmp_path):
    db = tmp_path / "demo.duckdb"
    p = run("extract", str(DEMO), "--format", "csv", "--db", str(db))
    assert p.returncode == 0, p.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(p.stdout.decode())))
    assert len(rows) >= 30
    assert {r["doc_id"] for r in rows} >= {"demo-01", "demo-12"}
    con = duckdb.connect(str(db), read_only=True)
    n_docs, n_events = con.execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)"
    ).fetchone()
    con.close()
    assert n_docs == 12 and n_events == len(rows)
    again = run("extract", str(DEMO), "--format", "jsonl", "--db", str(db))
    assert again.returncode == 0
    assert "0 new" in again.stderr.decode()


def test_table_output_is_readable(tmp_path):
    p = run("extract", "--date", "2020-08-21", "--no-store", "-", stdin=SENTENCE)
    assert p.returncode == 0
    out = p.stdout.decode()
    assert "CONSULT" in out and "Donald Trump" in out and "White House" in out


def test_bad_inputs_are_reported_and_the_rest_processed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Iraqi police arrested three suspects in Basra on Monday.")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Le ministre a visité Bagdad. Caf\xe9".encode("latin-1"))
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text(
        json.dumps(
            {
                "id": "a",
                "text": "Jordan's king received the Iraqi prime minister in Amman.",
                "date": "2020-09-01",
            }
        )
        + "\n"
        + "{not json\n"
        + json.dumps(
            {
                "id": "c",
                "text": "Turkey threatened Syria with military action.",
                "date": "2020-09-02",
            }
        )
        + "\n"
    )
    missing = tmp_path / "nope.txt"
    p = run(
        "extract",
        "--format",
        "jsonl",
        "--no-store",
        str(good),
        str(empty),
        str(binary),
        str(latin),
        str(jsonl),
        str(missing),
    )
    err = p.stderr.decode()
    assert p.returncode == 1
    for name, words in [
        (empty, "empty"),
        (binary, "binary"),
        (latin, "UTF-8"),
        (missing, "no such file"),
    ]:
        line = next((x for x in err.splitlines() if str(name) in x), "")
        assert words in line, err
    assert f"{jsonl}:2" in err and "malformed JSON" in err
    assert "3 document(s) coded" in err and "5 input(s) failed" in err
    docs = {json.loads(x)["doc_id"] for x in p.stdout.decode().splitlines()}
    assert {"a", "c"} <= docs


def test_unknown_format_names_choices():
    p = run("extract", "--format", "xml", "--no-store", "-", stdin=SENTENCE)
    assert p.returncode == 2
    assert "jsonl" in p.stderr.decode() and "xml" in p.stderr.decode()


def test_unknown_model_says_how_to_install():
    p = run("extract", "--model", "en_core_web_trf", "--no-store", "-", stdin=SENTENCE)
    assert p.returncode == 2
    msg = p.stderr.decode()
    assert "en_core_web_trf" in msg and "pip install" in msg


@pytest.mark.parametrize("bad", ["2020-13-01", "yesterday"])
def test_bad_date_option(bad):
    p = run("extract", "--date", bad, "--no-store", "-", stdin=SENTENCE)
    assert p.returncode == 2 and "YYYY-MM-DD" in p.stderr.decode()
