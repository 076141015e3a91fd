"""Exactly-once ingestion: a real `mizan ingest` killed with SIGKILL at random points and
run again ends with exactly the events of an uninterrupted run, and leaves no process behind.

The kill times are random; a failure prints the seed (set MIZAN_KILL_SEED to replay it)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scalehelp import demo_lines, snapshot, write_jsonl

psutil = pytest.importorskip("psutil")
MIZAN = shutil.which("mizan", path=str(Path(sys.executable).parent)) or "mizan"


def _corpus(tmp_path: Path) -> Path:
    docs = demo_lines()
    more = [dict(d, id=f"{d['id']}-b", text=d["text"] + " Officials said talks would continue next week.")
            for d in docs]  # fmt: skip
    return write_jsonl(tmp_path / "corpus.jsonl", docs + more)


def _args(corpus: Path, db: Path, extra: list[str]) -> list[str]:
    return [MIZAN, "ingest", str(corpus), "--db", str(db), "--batch-size", "2", *extra]


@pytest.mark.parametrize("extra", [[], ["--engine", "dask", "--workers", "1"]], ids=["local", "dask"])
def test_sigkill_then_rerun_gives_the_events_of_an_uninterrupted_run(tmp_path, extra):
    corpus = _corpus(tmp_path)
    env = dict(os.environ, MIZAN_PROGRESS_EVERY="0.5")
    started = time.monotonic()
    whole = subprocess.run(_args(corpus, tmp_path / "whole.duckdb", extra), env=env,
                           capture_output=True, timeout=600)  # fmt: skip
    took = time.monotonic() - started
    assert whole.returncode == 0, whole.stderr.decode()
    seed = int(os.environ.get("MIZAN_KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    killed = tmp_path / "killed.duckdb"
    kills = []
    for _ in range(2):
        proc = subprocess.Popen(_args(corpus, killed, extra), env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)  # fmt: skip
        at = rng.uniform(0.2, took)
        deadline = time.monotonic() + at
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        family = psutil.Process(proc.pid).children(recursive=True) if proc.poll() is None else []
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills.append(round(at, 2))
        _, alive = psutil.wait_procs(family, timeout=30)
        assert not alive, f"processes left behind after SIGKILL: {alive} (seed {seed})"
    final = subprocess.run(_args(corpus, killed, extra), env=env, capture_output=True, timeout=600)
    assert final.returncode == 0, final.stderr.decode()
    a, b = snapshot(tmp_path / "whole.duckdb"), snapshot(killed)
    why = f"seed {seed}, killed after {kills} s of a {took:.1f} s run"
    for table in ("documents", "events", "event_actors", "mentions", "manifest"):
        assert a[table] == b[table], f"{table} differs ({why})"
    assert len(b["documents"]) == 24 and len(b["events"]) > 100, why
    # every report is in exactly one event, and the events' counts add up (nothing doubled)
    assert sorted(e for e, _ in b["event_clusters"]) == b["events"], why
    assert sum(n for _, n, _, _ in b["clusters"]) == len(b["events"]), why
