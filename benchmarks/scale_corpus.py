"""A synthetic corpus for the scaling benchmarks, made from the demo corpus with light
variation: each document is a demo report with its publication date shifted and one templated
sentence added, so every text is distinct and codes to its own events. With ``--short``, a
document is one demo sentence of 8-20 words and a numbered tag (for the memory benchmark).

    .venv/bin/python benchmarks/scale_corpus.py --words 1000000 -o corpus.jsonl
    .venv/bin/python benchmarks/scale_corpus.py --docs 100000 --short -o short.jsonl.zst
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "src" / "mizan" / "data" / "demo" / "reports.jsonl"
PLACES = ["Iraq", "Jordan", "Egypt", "France", "Iran", "Saudi Arabia", "Turkey", "Kuwait",
          "Qatar", "Syria", "Lebanon", "the United States"]  # fmt: skip
TOPICS = ["security", "energy", "trade", "water sharing", "reconstruction", "border crossings"]
TEMPLATES = [
    "Officials from {a} and {b} agreed to hold further talks on {topic}.",
    "A spokesman in {a} said the visit would strengthen ties with {b}.",
    "The foreign minister of {a} called on {b} to cooperate on {topic}.",
    "Diplomats said {a} would send a delegation to {b} next month to discuss {topic}.",
]


def _demo() -> list[dict]:
    return [json.loads(x) for x in DEMO.read_text(encoding="utf-8").splitlines() if x.strip()]


def generate(words: int | None = None, docs: int | None = None, short: bool = False,
             seed: int = 7) -> Iterator[dict]:  # fmt: skip
    """Documents until ``words`` words or ``docs`` documents."""
    rng = random.Random(seed)
    base = _demo()
    sentences = [s for d in base for s in re.split(r"(?<=[.!?])\s+", d["text"]) if 8 <= len(s.split()) <= 20]
    total = i = 0
    while (words is None or total < words) and (docs is None or i < docs):
        d = base[i % len(base)]
        a, b = rng.sample(PLACES, 2)
        extra = rng.choice(TEMPLATES).format(a=a, b=b, topic=rng.choice(TOPICS))
        extra = extra[0].upper() + extra[1:]
        day = date.fromisoformat(d["date"]) + timedelta(days=rng.randrange(0, 90))
        text = f"{rng.choice(sentences)} Report {i}." if short else f"{d['text']} {extra}"
        total += len(text.split())
        yield {"id": f"syn-{i:07d}", "date": day.isoformat(), "title": d.get("title"),
               "source": rng.choice(["Wire A", "Wire B", "Daily C"]), "text": text}  # fmt: skip
        i += 1


def write(path: Path, rows: Iterator[dict]) -> tuple[int, int]:
    """Write JSONL (``.zst`` compressed when the name says so); returns (documents, words)."""
    n = w = 0
    raw = path.open("wb")
    fh: io.BufferedIOBase | io.RawIOBase
    if path.suffix == ".zst":
        import zstandard

        fh = zstandard.ZstdCompressor().stream_writer(raw)  # type: ignore[assignment]
    else:
        fh = raw
    with fh:
        for row in rows:
            fh.write((json.dumps(row) + "\n").encode())
            n += 1
            w += len(row["text"].split())
    return n, w


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int)
    ap.add_argument("--docs", type=int)
    ap.add_argument("--short", action="store_true", help="one demo sentence per document")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args()
    n, w = write(args.out, generate(args.words, args.docs, args.short, args.seed))
    print(f"{args.out}: {n:,} documents, {w:,} words")


if __name__ == "__main__":
    main()
