"""Peak memory of the whole `mizan ingest` process tree (the writer and its workers, resident
set sizes summed, sampled with psutil every 0.2 s) for corpora of different sizes: memory
should stay flat as the corpus grows, since documents stream through in batches.

Short documents (one demo sentence and a numbered tag, about 18 words) keep the
runs affordable; the corpus is a .jsonl.zst file, read compressed.

    .venv/bin/python benchmarks/scale_memory.py --docs 10000,100000 --workers 2
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            total += p.memory_info().rss
    return total


def measure(cmd: list[str]) -> tuple[float, int, str]:
    started = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    proc = psutil.Process(p.pid)
    peak = 0
    import threading

    err: list[str] = []
    reader = threading.Thread(target=lambda: err.append(p.stderr.read() if p.stderr else ""))
    reader.start()
    while p.poll() is None:
        peak = max(peak, tree_rss(proc))
        time.sleep(0.2)
    reader.join()
    if p.returncode != 0:
        raise SystemExit(f"failed ({p.returncode}): {''.join(err)[-3000:]}")
    last = "".join(err).strip().splitlines()[-1]
    return time.perf_counter() - started, peak, last


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", default="10000,100000")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--engine", default="local")
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args()
    from scale_corpus import generate, write

    work = Path(tempfile.mkdtemp(prefix="mizan-mem-"))
    mizan = str(Path(sys.executable).parent / "mizan")
    for n in (int(x) for x in args.docs.split(",")):
        corpus = work / f"short-{n}.jsonl.zst"
        docs, words = write(corpus, generate(docs=n, short=True))
        cmd = [mizan, "ingest", str(corpus), "--db", str(work / f"m{n}.duckdb"), "--workers",
               str(args.workers), "--engine", args.engine, "--batch-size", str(args.batch_size)]  # fmt: skip
        load = os.getloadavg()[0]
        seconds, peak, last = measure(cmd)
        print(f"{docs:>7,} documents {words:>10,} words: peak tree RSS {peak / 2**20:7.0f} MiB, "
              f"{seconds:7.1f} s, {words / seconds:6,.0f} words/s, load {load:.2f} -> "
              f"{os.getloadavg()[0]:.2f}\n    {last}", flush=True)


if __name__ == "__main__":
    main()
