"""Throughput: bare spaCy ``nlp.pipe`` vs mizan's full extraction, same model, same text.

The demo corpus is repeated (with distinct ids) to about ``--words`` words. Both paths run
in one process on this machine, each after a warm-up on the first documents. They take
turns batch by batch (spaCy codes a batch, then mizan codes the same batch), and each
path's time is the sum over the batches: on a shared virtual machine the speed of either
moves by up to ±15% from minute to minute, and taking turns every second or two lets both
see the same minutes. ``--rounds`` repeats the whole corpus; every round's ratio is
printed. The last line is ``pipeline_wps=N spacy_wps=M ratio=R`` over all rounds.

mizan's pipeline applies the model's attribute rules (tag map, morphology and lemma
exceptions) by lookup (``mizan.stages.tagmap``), which gives the same annotations in a
fraction of the time of spaCy's ``attribute_ruler``. ``--spacy-ruler`` puts spaCy's own
ruler back in mizan's pipeline, so the ratio then measures mizan's stages alone.

    .venv/bin/python benchmarks/throughput.py [--words 100000] [--rounds 1] [--batch-size 64]
                                              [--spacy-ruler]
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
    ap.add_argument("--rounds", type=int, default=1, help="passes over the corpus")
    ap.add_argument(
        "--spacy-ruler", action="store_true", help="use spaCy's attribute_ruler in mizan too"
    )
    args = ap.parse_args()
    docs = corpus(args.words)
    n_words = sum(len(d.text.split()) for d in docs)
    model = get_settings().model
    print(f"corpus: {len(docs)} documents, {n_words:,} words (demo corpus repeated); model {model}")

    bare = load_spacy(model)
    list(bare.pipe([d.text for d in docs[:20]]))  # warm-up
    nlp = load_nlp(model)
    if args.spacy_ruler and "attribute_ruler" in bare.pipe_names:
        nlp.remove_pipe("attribute_ruler")
        nlp.add_pipe("attribute_ruler", source=bare, before="lemmatizer")
    print("mizan's pipeline:", ", ".join(nlp.pipe_names))
    list(extract(docs[:20], nlp))  # warm-up
    size = args.batch_size
    spacy_s = mizan_s = 0.0
    events = 0
    for n in range(1, args.rounds + 1):
        s_round = m_round = 0.0
        events = 0
        for k in range(0, len(docs), size):
            batch = docs[k : k + size]
            t = time.perf_counter()
            for _ in bare.pipe((d.text for d in batch), batch_size=size):
                pass
            s_round += time.perf_counter() - t
            t = time.perf_counter()
            events += sum(len(r.records) for r in extract(batch, nlp, batch_size=size))
            m_round += time.perf_counter() - t
        spacy_s, mizan_s = spacy_s + s_round, mizan_s + m_round
        print(f"round {n}: spaCy {s_round:6.1f} s, mizan {m_round:6.1f} s, "
              f"ratio {s_round / m_round:.2f}")  # fmt: skip

    total = n_words * args.rounds
    spacy_wps, mizan_wps = total / spacy_s, total / mizan_s
    print(f"bare spaCy nlp.pipe : {spacy_s:7.1f} s  {spacy_wps:8,.0f} words/s")
    print(f"mizan extraction    : {mizan_s:7.1f} s  {mizan_wps:8,.0f} words/s  ({events:,} events)")
    print(
        f"pipeline_wps={mizan_wps:.0f} spacy_wps={spacy_wps:.0f} ratio={mizan_wps / spacy_wps:.2f}"
    )


if __name__ == "__main__":
    main()
