"""Throughput: bare spaCy ``nlp.pipe`` vs mizan's full extraction, same model, same text.

The demo corpus is repeated (with distinct ids) to about ``--words`` words. Both paths run
in one process on this machine; each is timed after a warm-up on the first documents.
The last line is ``pipeline_wps=N spacy_wps=M ratio=R``.

    .venv/bin/python benchmarks/throughput.py [--words 100000] [--batch-size 64]
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

from mizan.config import get_settings
from mizan.documents import Document
from mizan.nlp import load_nlp, load_spacy
from mizan.pipeline import extract

DEMO = Path(__file__).resolve().parents[1] / "src" / "mizan" / "data" / "demo" / "reports.jsonl"


def corpus(words: int) -> list[Document]:
    base = [
        json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    docs: list[Document] = []
    total, i = 0, 0
    while total < words:
        d = base[i % len(base)]
        docs.append(
            Document(text=d["text"], id=f"{d['id']}-{i}", date=date.fromisoformat(d["date"]))
        )
        total += len(d["text"].split())
        i += 1
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--words", type=int, default=100_000)
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args()
    docs = corpus(args.words)
    n_words = sum(len(d.text.split()) for d in docs)
    model = get_settings().model
    print(f"corpus: {len(docs)} documents, {n_words:,} words (demo corpus repeated); model {model}")

    bare = load_spacy(model)
    list(bare.pipe([d.text for d in docs[:20]]))  # warm-up
    t = time.perf_counter()
    for _ in bare.pipe((d.text for d in docs), batch_size=args.batch_size):
        pass
    spacy_s = time.perf_counter() - t

    nlp = load_nlp(model)
    list(extract(docs[:20], nlp))  # warm-up: loads registry, verbs, gazetteer
    t = time.perf_counter()
    events = sum(len(r.records) for r in extract(docs, nlp, batch_size=args.batch_size))
    mizan_s = time.perf_counter() - t

    spacy_wps, mizan_wps = n_words / spacy_s, n_words / mizan_s
    print(f"bare spaCy nlp.pipe : {spacy_s:7.1f} s  {spacy_wps:8,.0f} words/s")
    print(f"mizan extraction    : {mizan_s:7.1f} s  {mizan_wps:8,.0f} words/s  ({events:,} events)")
    print(
        f"pipeline_wps={mizan_wps:.0f} spacy_wps={spacy_wps:.0f} ratio={mizan_wps / spacy_wps:.2f}"
    )


if __name__ == "__main__":
    main()
