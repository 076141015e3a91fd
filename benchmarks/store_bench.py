"""Store benchmark: N synthetic events through the bulk path, then the analyst queries.

    .venv/bin/python benchmarks/store_bench.py                      # 1,000,000 events, DuckDB
    .venv/bin/python benchmarks/store_bench.py --db postgresql://…  # the same on PostgreSQL
    .venv/bin/python benchmarks/store_bench.py --events 100000      # smaller

Targets (issue 6, on DuckDB): dyads per month and the network for one year <= 2 s each, the
timeline of one actor <= 0.2 s, the Parquet export <= 10 s. Each query runs three times and
the best time is reported (the first run also reported, cold). Events are spread over ten
years (2015-2024) among 400 actors; 5% are second reports of an event in another document,
so the merging step has work to do.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mizan.analysis.dyads import dyads  # noqa: E402
from mizan.analysis.network import network, to_gexf  # noqa: E402
from mizan.analysis.timeline import timeline  # noqa: E402
from mizan.exports.parquet import write_parquet  # noqa: E402
from mizan.store import open_store  # noqa: E402
from mizan.store.schema import ACTOR_COLUMNS, DOCUMENT_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS  # noqa: E402

CAMEO = [("040", "CONSULT", 1.0, 1), ("042", "CONSULT", 1.9, 1), ("043", "CONSULT", 2.8, 1),
         ("036", "AGREE", 4.0, 1), ("051", "SUPPORT", 3.4, 1), ("061", "COOPERATE", 6.4, 2),
         ("070", "AID", 7.0, 2), ("112", "ACCUSE", -2.0, 3), ("120", "REJECT", -4.0, 3),
         ("138", "THREATEN", -7.0, 3), ("141", "PROTEST", -6.5, 3), ("173", "COERCE", -5.0, 4),
         ("190", "ASSAULT", -10.0, 4), ("195", "ASSAULT", -10.0, 4)]  # fmt: skip
COUNTRIES = ["IRQ", "IRN", "SAU", "USA", "TUR", "JOR", "EGY", "FRA", "GBR", "SYR", "LBN", "KWT",
             "QAT", "ARE", "RUS", "CHN", "DEU", "ISR", "YEM", "BHR"]  # fmt: skip
SECTORS = ["GOV", "MIL", "COP", "CVL", "PRM", "REB", "LEG", "JUD"]


def _ids(prefix: str, n: int) -> list[str]:
    return [hashlib.sha256(f"{prefix}{i}".encode()).hexdigest()[:20] for i in range(n)]


def synthetic(n: int, seed: int = 7) -> dict[str, pa.Table]:
    rng = np.random.default_rng(seed)
    n_actors, n_docs = 400, max(1, n // 5)
    actor_country = rng.integers(0, len(COUNTRIES), n_actors)
    actor_sector = rng.integers(0, len(SECTORS), n_actors)
    actor_ids = [f"actor-{i:03d}" if i >= 20 else COUNTRIES[i] for i in range(n_actors)]
    actor_names = [f"Actor {i:03d}" if i >= 20 else f"Country {COUNTRIES[i]}" for i in range(n_actors)]
    base = date(2015, 1, 1).toordinal()
    days = rng.integers(0, 3652, n)
    dup = rng.random(n) < 0.05
    src = np.where(dup, np.maximum(np.arange(n) - 1 - rng.integers(0, 50, n), 0), np.arange(n))
    days = days[src]
    code = rng.integers(0, len(CAMEO), n)[src]
    act = rng.zipf(1.3, n) % n_actors
    rec = rng.integers(0, n_actors, n)
    act, rec = act[src], rec[src]
    rec = np.where(rec == act, (rec + 1) % n_actors, rec)
    doc = (np.arange(n) // 5) % n_docs
    doc = np.where(dup, (doc + 7) % n_docs, doc)
    event_ids = _ids("e", n)
    doc_ids = [f"doc-{i:07d}" for i in range(n_docs)]
    dates = [date.fromordinal(base + int(d)) for d in days]
    located = rng.random(n) < 0.6
    lat = np.where(located, 29 + rng.random(n) * 8, np.nan)
    lon = np.where(located, 39 + rng.random(n) * 9, np.nan)
    ev = {
        "event_id": event_ids, "doc_id": [doc_ids[d] for d in doc],
        "event": [CAMEO[c][1] for c in code], "mode": [None] * n, "context": ["[]"] * n,
        "cameo": [CAMEO[c][0] for c in code], "goldstein": [CAMEO[c][2] for c in code],
        "quad_class": pa.array([CAMEO[c][3] for c in code], pa.int32()), "date": dates,
        "enddate": pa.nulls(n, pa.date32()), "date_precision": ["day"] * n,
        "date_text": pa.nulls(n, pa.string()),
        "loc_name": [f"Place {int(x * 10) % 97}" if ok else None for x, ok in zip(lat, located, strict=True)],
        "loc_country": ["IRQ" if ok else None for ok in located], "loc_admin1": pa.nulls(n, pa.string()),
        "lat": pa.array(lat, from_pandas=True), "lon": pa.array(lon, from_pandas=True),
        "geonameid": pa.nulls(n, pa.int64()),
        "loc_precision": ["city" if ok else None for ok in located], "modality": ["asserted"] * n,
        "attributed_text": pa.nulls(n, pa.string()), "attributed_name": pa.nulls(n, pa.string()),
        "ev_sentence": pa.array(np.zeros(n, dtype=np.int32)),
        "ev_start": pa.array(np.zeros(n, dtype=np.int32)), "ev_end": pa.array(np.full(n, 60, np.int32)),
        "ev_text": ["A synthetic sentence that stands for the evidence of one event."] * n,
        "ev_trigger": ["met"] * n, "confidence": rng.random(n).round(3), "coder": ["bench"] * n,
    }  # fmt: skip
    events = pa.table({c: ev[c] for c in EVENT_COLUMNS})
    sides = []
    for side, who in (("actor", act), ("recipient", rec)):
        sides.append(pa.table({
            "event_id": event_ids, "side": [side] * n, "position": pa.array(np.zeros(n, np.int32)),
            "text": [actor_names[a] for a in who], "name": [actor_names[a] for a in who],
            "actor_id": [actor_ids[a] for a in who],
            "country": [COUNTRIES[actor_country[a]] if a >= 20 else COUNTRIES[a] for a in who],
            "sector": [SECTORS[actor_sector[a]] if a >= 20 else "GOV" for a in who],
            "role": pa.nulls(n, pa.string()),
        }))  # fmt: skip
    actors = pa.concat_tables(sides).select(ACTOR_COLUMNS)
    mentions = pa.table({
        "mention_id": _ids("m", n), "event_id": event_ids, "doc_id": ev["doc_id"],
        "sentence": ev["ev_sentence"], "start_char": ev["ev_start"], "end_char": ev["ev_end"],
        "text": ev["ev_text"], "trigger": ev["ev_trigger"], "modality": ev["modality"],
        "confidence": ev["confidence"],
    }).select(MENTION_COLUMNS)  # fmt: skip
    first = {}
    for d, day in zip(doc, dates, strict=True):
        first.setdefault(int(d), day)
    documents = pa.table({
        "doc_id": doc_ids, "content_hash": _ids("h", n_docs),
        "date": [first.get(i, date(2015, 1, 1)) + timedelta(days=1) for i in range(n_docs)],
        "title": [f"Report {i}" for i in range(n_docs)],
        "source": [f"Outlet {i % 40}" for i in range(n_docs)],
        "url": [f"https://example.org/{i}" for i in range(n_docs)], "origin": ["bench"] * n_docs,
        "text": ["(synthetic)"] * n_docs, "n_chars": pa.array(np.full(n_docs, 11, np.int32)),
        "ingested_at": pa.nulls(n_docs, pa.timestamp("us")),
    }).select(DOCUMENT_COLUMNS)  # fmt: skip
    return {"documents": documents, "events": events, "event_actors": actors, "mentions": mentions}


def timed(label: str, fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    size = len(result) if hasattr(result, "__len__") else result
    print(f"  {label:<44} best {min(times):7.3f} s   first {times[0]:7.3f} s   ({size} rows)")
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default=None, help="store URL (default: a temporary DuckDB file)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary DuckDB file")
    ap.add_argument("--reuse", action="store_true", help="query the store at --db as it is")
    args = ap.parse_args()
    tmp = None
    url = args.db
    if url is None:
        tmp = tempfile.mkdtemp(prefix="mizan-bench-")
        url = os.path.join(tmp, "bench.duckdb")
    if args.reuse:
        t = time.perf_counter()
        store = open_store(url)
        counts = store.counts()
        print(f"mizan store benchmark on {url.split('@')[-1]}: {counts['events']:,} reports of "
              f"{counts['clusters']:,} events (opened in {time.perf_counter() - t:.1f} s)")  # fmt: skip
    else:
        print(f"mizan store benchmark: {args.events:,} events into {url.split('@')[-1]}")
        t = time.perf_counter()
        tables = synthetic(args.events)
        print(f"  {'generate (Arrow tables)':<44} {time.perf_counter() - t:7.1f} s")
        store = open_store(url)
        t = time.perf_counter()
        store.add_tables(tables, cluster=False)
        print(f"  {'load (bulk insert)':<44} {time.perf_counter() - t:7.1f} s")
        t = time.perf_counter()
        store.begin()
        merged = store.cluster_pending()
        store.commit()
        counts = store.counts()
        print(f"  {'merge reports into events':<44} {time.perf_counter() - t:7.1f} s   "
              f"({merged:,} reports -> {counts['clusters']:,} events)")  # fmt: skip
    busiest = store.query("SELECT actor_id, count(*) FROM event_actors GROUP BY actor_id ORDER BY 2 DESC LIMIT 1")
    mid = store.query("SELECT actor_id FROM event_actors WHERE actor_id LIKE 'actor-2%' LIMIT 1")[0][0]
    print("  queries:")
    results = {
        "dyads per month, all ten years": timed("dyads per month, all ten years", lambda: dyads(store, "month")),
        "dyads per month, top 20": timed("dyads per month, ten years, top 20 a month",
                                         lambda: dyads(store, "month", top=20)),
        "dyads per month, one year": timed("dyads per month, one year (2020)",
                                           lambda: dyads(store, "month", "2020-01-01", "2020-12-31")),
        "network, one year": timed("network for one year (2020), GEXF",
                                   lambda: to_gexf(network(store, "2020-01-01", "2020-12-31"))),
        "timeline, one actor": timed(f"timeline of one actor ({mid})",
                                     lambda: timeline(store, mid, sources=False)),
        "timeline, one actor, sources": timed("  the same, with every source of every event",
                                              lambda: timeline(store, mid)),
        "timeline, busiest actor": timed(f"timeline of the busiest actor ({busiest[0][0]}, "
                                         f"{busiest[0][1]:,} events)", lambda: timeline(store, busiest[0][0], sources=False)),
    }  # fmt: skip
    out = os.path.join(tmp or tempfile.gettempdir(), "bench.parquet")
    results["parquet export"] = timed("Parquet export, all events", lambda: write_parquet(store, out), runs=2)
    store.close()
    if "://" not in url:
        print(f"  store size: {Path(url).stat().st_size / 2**20:.0f} MiB")
    if tmp and not args.keep:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
