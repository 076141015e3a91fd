"""Words per second of full ingestion (`mizan ingest`, store writes included) on a synthetic
corpus, for each engine, next to bare spaCy ``nlp.pipe`` on the same text.

Each run is a fresh subprocess timed from start to exit (imports, model loading, cluster
start and the store included), on a fresh store. The 1-minute load average is printed before
and after each run, since other work on the machine slows every figure; the CPU seconds of
the run's whole process tree give words per CPU second, which other work disturbs less.

    .venv/bin/python benchmarks/scale_throughput.py --words 1000000 \
        --runs spacy1,local1,spacy2,local2,dask1,dask2

Runs: ``spacyN`` (bare ``nlp.pipe(n_process=N)``), ``localN`` (``--workers N``), ``daskN``
(``--engine dask --workers N``, a LocalCluster).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def bare(corpus: Path, n_process: int, batch_size: int) -> None:
    """Bare spaCy on the corpus' texts (run in a subprocess by main)."""
    import json

    from mizan.config import get_settings
    from mizan.nlp import load_spacy

    nlp = load_spacy(get_settings().model)
    texts = [json.loads(x)["text"] for x in corpus.read_text(encoding="utf-8").splitlines() if x]
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass


def _children_cpu() -> float:
    """CPU seconds (user + system) of every finished descendant: a run's whole process tree,
    since each parent waits for its workers."""
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run(name: str, corpus: Path, words: int, batch_size: int, work: Path) -> dict:
    if name.startswith("spacy"):
        cmd = [sys.executable, __file__, "--bare", name[5:], "--batch-size", str(batch_size), str(corpus)]
    else:
        n = name.removeprefix("local").removeprefix("dask")
        cmd = [str(Path(sys.executable).parent / "mizan"), "ingest", str(corpus), "--db",
               str(work / f"{name}.duckdb"), "--workers", n, "--batch-size", str(batch_size)]  # fmt: skip
        if name.startswith("dask"):
            cmd += ["--engine", "dask"]
    load_before = os.getloadavg()[0]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before
    load_after = os.getloadavg()[0]
    if p.returncode != 0:
        raise SystemExit(f"{name} failed ({p.returncode}):\n{p.stderr[-3000:]}")
    summary = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""
    inner = re.search(r"\[([\d.]+) s, ([\d,]+) words/s\]", summary)
    return {"run": name, "seconds": seconds, "wps": words / seconds, "load_before": load_before,
            "cpu": cpu, "wpcpu": words / cpu,
            "load_after": load_after,
            "ingest_wps": float(inner.group(2).replace(",", "")) if inner else None}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--runs", default="spacy1,local1,spacy2,local2,dask1,dask2")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--bare", type=int, help=argparse.SUPPRESS)
    ap.add_argument("corpus", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.bare:
        bare(args.corpus, args.bare, args.batch_size)
        return
    from scale_corpus import generate, write

    work = Path(tempfile.mkdtemp(prefix="mizan-scale-"))
    corpus = work / "corpus.jsonl"
    docs, words = write(corpus, generate(words=args.words))
    print(f"corpus: {docs:,} documents, {words:,} words; {os.cpu_count()} CPUs; batch size "
          f"{args.batch_size}; work folder {work}", flush=True)
    results = {}
    for name in args.runs.split(","):
        r = run(name, corpus, words, args.batch_size, work)
        results[name] = r
        inner = f"{r['ingest_wps']:8,.0f}" if r["ingest_wps"] else "       -"
        print(f"{name:7} {r['seconds']:7.1f} s {r['wps']:8,.0f} words/s (in ingest: {inner}); "
              f"{r['cpu']:7.1f} CPU s, {r['wpcpu']:6,.0f} words per CPU second; "
              f"load {r['load_before']:.2f} -> {r['load_after']:.2f}", flush=True)
    for a, b in [("local2", "local1"), ("dask2", "dask1"), ("spacy2", "spacy1"), ("local1", "spacy1"),
                 ("local2", "spacy2"), ("dask1", "spacy1"), ("dask2", "spacy2")]:  # fmt: skip
        if a in results and b in results:
            print(f"{a}/{b} = {results[a]['wps'] / results[b]['wps']:.2f}")


if __name__ == "__main__":
    main()
