#!/usr/bin/env python
"""Speed of the actor registry and the actor stage.

Measures, on this machine:

* registry load time: cold (building from the data files into an empty cache folder) and
  warm (reading the cached build), each in a fresh process;
* words per second of bare spaCy, of spaCy plus mizan's actor stage, and of the whole
  mizan pipeline, on the bundled demo corpus repeated to ``--words`` words (the standard
  is: the whole pipeline keeps at least 0.8 of bare spaCy's words per second);
* the time each pipeline component takes, document by document (less sensitive to the load
  of a shared machine than two separate runs).

Usage: python benchmarks/actors.py [--words 40000] [--model NAME]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "mizan" / "data" / "demo" / "reports.jsonl"
LOAD = "import time; t=time.perf_counter(); from mizan.actors.loader import load_registry; " \
       "r=load_registry(); print(time.perf_counter()-t, len(r.actors))"  # fmt: skip


def registry_load(cache: str) -> tuple[float, int]:
    env = dict(os.environ, MIZAN_CACHE_DIR=cache)
    out = subprocess.run([sys.executable, "-c", LOAD], env=env, capture_output=True, text=True,
                         check=True).stdout.split()  # fmt: skip
    return float(out[0]), int(out[1])


def corpus(words: int) -> list[str]:
    texts = [json.loads(line)["text"] for line in DEMO.read_text(encoding="utf-8").splitlines()]
    out: list[str] = []
    n = 0
    while n < words:
        for t in texts:
            out.append(t)
            n += len(t.split())
    return out


def speed(nlp, texts: list[str], make) -> float:  # type: ignore[no-untyped-def]
    list(nlp.pipe(make(t) for t in texts[:5]))  # warm up
    t0 = time.perf_counter()
    for _ in nlp.pipe(make(t) for t in texts):
        pass
    return sum(len(t.split()) for t in texts) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--words", type=int, default=40_000)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as cache:
        cold, n = registry_load(cache)
        warm, _ = registry_load(cache)
    print(f"registry: {n} actors; load cold {cold:.2f} s, warm (cached) {warm:.2f} s")

    from datetime import date

    from mizan.config import get_settings
    from mizan.documents import Document
    from mizan.nlp import load_nlp, load_spacy
    from mizan.pipeline import make_doc

    name = args.model or get_settings().model
    texts = corpus(args.words)
    bare = load_spacy(name)
    nlp = load_nlp(name)

    def mdoc(t: str):  # type: ignore[no-untyped-def]
        return make_doc(nlp, Document(text=t, date=date(2020, 9, 1)))

    later = [p for p in nlp.pipe_names if p.startswith("mizan_") and p not in
             ("mizan_paragraphs", "mizan_actors")]  # fmt: skip
    w_bare = speed(bare, texts, bare.make_doc)
    with nlp.select_pipes(disable=later):
        w_actors = speed(nlp, texts, mdoc)
    w_full = speed(nlp, texts, mdoc)
    words = sum(len(t.split()) for t in texts)
    print(f"words: {words} ({len(texts)} documents), model {name}")
    print(f"bare spaCy           {w_bare:8.0f} words/s")
    print(f"spaCy + actors       {w_actors:8.0f} words/s  ({w_actors / w_bare:.2f} of bare)")
    print(f"full mizan pipeline  {w_full:8.0f} words/s  ({w_full / w_bare:.2f} of bare)")

    cost: dict[str, float] = {}
    for t in texts:
        doc = mdoc(t)
        for pname, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            cost[pname] = cost.get(pname, 0.0) + time.perf_counter() - t0
    spacy_s = sum(v for k, v in cost.items() if not k.startswith("mizan_"))
    mizan_s = sum(v for k, v in cost.items() if k.startswith("mizan_"))
    for pname, v in cost.items():
        if pname.startswith("mizan_"):
            print(f"  {pname:<18} {v:6.2f} s  ({v / spacy_s:.1%} of spaCy's time)")
    print(
        f"per component: spaCy {spacy_s:.2f} s, mizan stages {mizan_s:.2f} s; "
        f"the pipeline keeps {spacy_s / (spacy_s + mizan_s):.2f} of bare spaCy's speed"
    )


if __name__ == "__main__":
    main()
