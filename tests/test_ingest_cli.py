"""`mizan ingest` on a folder of real-corpus formats, with plain progress lines on a pipe."""

from __future__ import annotations

import csv
import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

from mizan.store import open_store

MIZAN = shutil.which("mizan", path=str(Path(sys.executable).parent)) or "mizan"
ONE = "Iraqi Prime Minister Mustafa al-Kadhimi met King Abdullah of Jordan in Amman on Sunday."
TWO = "Iran's ambassador in Baghdad rejected the presence of American forces in Iraq on Monday."
PAGE = ("<!DOCTYPE html><html><head><title>Talks in Cairo</title>"
        '<meta property="article:published_time" content="2020-08-25"></head><body>'
        "<article><p>Egyptian President Abdel Fattah el-Sisi hosted the Iraqi prime minister "
        "and the Jordanian king in Cairo on Tuesday for talks on trade and security.</p>"
        "</article></body></html>")  # fmt: skip


def test_ingest_a_folder_of_formats_with_progress_lines(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with (corpus / "wire.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "date", "source", "body"])
        w.writerow(["w1", "2020-08-23", "Wire", ONE])
        w.writerow(["w2", "2020-08-24", "Wire", TWO])
        w.writerow(["w3", "not a date", "Wire", TWO + " Again."])
    (corpus / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    db = tmp_path / "s.duckdb"
    env = dict(os.environ, MIZAN_PROGRESS_EVERY="0")
    p = subprocess.run([MIZAN, "ingest", str(corpus), "--text-column", "body", "--db", str(db)],
                       capture_output=True, env=env, timeout=300)  # fmt: skip
    err = p.stderr.decode()
    assert p.returncode == 1, err  # one row failed
    assert f"{corpus}/wire.csv:4: bad date 'not a date'" in err
    assert "mizan: ingest: 4 of 4 (100%) document(s)" in err and "words/s" in err
    assert "3 document(s) coded, 0 already stored, 0 changed (kept stored), 1 failed" in err
    with open_store(db, read_only=True) as store:
        docs = store.documents(["w1", "w2"])
        assert docs["w1"]["source"] == "Wire" and docs["w1"]["date"] == "2020-08-23"
        [(title, day)] = store.query("SELECT title, date FROM documents WHERE origin LIKE '%page.html.gz'")
        assert title == "Talks in Cairo" and str(day) == "2020-08-25"
        assert store.query("SELECT count(*) FROM events")[0][0] > 0
    again = subprocess.run([MIZAN, "ingest", str(corpus), "--text-column", "body", "--db", str(db)],
                           capture_output=True, env=env, timeout=300)  # fmt: skip
    assert "0 document(s) coded, 3 already stored" in again.stderr.decode()
