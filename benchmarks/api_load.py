"""Load on GET /events with filters: 20 concurrent clients against `mizan serve` on localhost.

    .venv/bin/python benchmarks/api_load.py                       # builds 1,000,000 events (about 4 min)
    .venv/bin/python benchmarks/api_load.py --db /tmp/bench.duckdb --reuse   # a store built before
    .venv/bin/python benchmarks/api_load.py --events 100000 --seconds 10

Target (issue 8): p95 <= 200 ms and no errors with 20 concurrent clients on a store of
1,000,000 events. `--cache 0` turns the server's page cache off, so that every request
queries the store (the cache holds the answers of this server's DuckDB store, whose only
writer it is, and is emptied by every write). The store comes from benchmarks/store_bench.py's generator. The load tool is
wrk (Debian package `wrk`, with a Lua script that rotates over 400 filtered URLs and prints the
95th percentile); without wrk, an asyncio/httpx loop does the same. Each run starts with a
5-second warm-up that is not counted. Only loopback addresses are used; the run is bounded in
time and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

TYPES = ["CONSULT", "AGREE", "ASSAULT", "COERCE", "THREATEN", "PROTEST", "REJECT", "AID",
         "COOPERATE", "SUPPORT", "ACCUSE"]  # fmt: skip


def urls(db: str, n: int = 400, seed: int = 3) -> list[str]:
    """A mix of the dashboard's filters: none, a type, an actor, a month, an actor and a type,
    a place's country and a type, a country's actors, words of the evidence."""
    from mizan.store import open_store

    with open_store(db, read_only=True) as store:
        keys = [r[0] for r in store.query(
            "SELECT actor_key FROM actor_labels ORDER BY actor_key")]  # fmt: skip
        years = [r[0] for r in store.query("SELECT DISTINCT year(date) FROM events WHERE date IS NOT NULL")]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        k = rng.random()
        y, m = rng.choice(years), rng.randint(1, 12)
        month = f"from={y}-{m:02d}-01&to={y}-{m:02d}-28"
        if k < 0.15:
            q = ""
        elif k < 0.3:
            q = f"event={rng.choice(TYPES)}"
        elif k < 0.5:
            q = f"actor_key={rng.choice(keys)}"
        elif k < 0.62:
            q = month
        elif k < 0.77:
            q = f"actor_key={rng.choice(keys)}&event={rng.choice(TYPES)}"
        elif k < 0.87:
            q = f"country=IRQ&event={rng.choice(TYPES)}&{month}"
        elif k < 0.95:
            q = f"actor={rng.choice(['IRQ', 'IRN', 'USA', 'SAU', 'TUR'])}&{month}"
        else:
            q = f"q=synthetic&event={rng.choice(TYPES)}"
        out.append("/events?limit=50" + (f"&{q}" if q else ""))
    return out


LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], {["Authorization"] = "Bearer %s"})
end
done = function(summary, latency, requests)
  io.write(string.format("P50 %%.1f\\nP95 %%.1f\\nP99 %%.1f\\nMAX %%.1f\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
  io.write(string.format("REQUESTS %%d\\nNON2XX %%d\\nERRORS %%d\\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def run_wrk(base: str, token: str, paths: list[str], clients: int, seconds: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(LUA % (", ".join(f'"{p}"' for p in paths), token))
        script = fh.name
    try:
        out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "5s",
                              "-s", script, base], capture_output=True, text=True, timeout=seconds + 60).stdout  # fmt: skip
    finally:
        os.unlink(script)
    res = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("P50", "P95", "P99", "MAX", "REQUESTS", "NON2XX", "ERRORS"):
            res[parts[0].lower()] = float(parts[1])
        if line.startswith("Requests/sec:"):
            res["rps"] = float(line.split()[1])
    return res


def run_httpx(base: str, token: str, paths: list[str], clients: int, seconds: int) -> dict[str, float]:
    import httpx

    lat: list[float] = []
    bad = 0

    async def client(i: int, until: float) -> None:
        nonlocal bad
        async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=5) as c:
            j = i
            while time.monotonic() < until:
                t = time.perf_counter()
                try:
                    r = await c.get(paths[j % len(paths)])
                    bad += r.status_code != 200
                except httpx.HTTPError:
                    bad += 1
                lat.append((time.perf_counter() - t) * 1000)
                j += clients

    async def main() -> None:
        until = time.monotonic() + seconds
        await asyncio.gather(*(client(i, until) for i in range(clients)))

    t0 = time.perf_counter()
    asyncio.run(main())
    lat.sort()
    pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]  # noqa: E731
    return {"p50": pick(0.5), "p95": pick(0.95), "p99": pick(0.99), "max": lat[-1],
            "requests": len(lat), "non2xx": bad, "errors": 0, "rps": len(lat) / (time.perf_counter() - t0)}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default=None)
    ap.add_argument("--reuse", action="store_true", help="use the store at --db as it is")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--tool", choices=("auto", "wrk", "httpx"), default="auto")
    ap.add_argument("--cache", type=int, default=512, help="mizan serve --cache (0: every request queries the store)")
    args = ap.parse_args()
    from mizan.review.tokens import create_token
    from mizan.store import open_store

    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.mkdtemp(prefix="mizan-api-bench-")
        db = os.path.join(tmp, "bench.duckdb")
    if not args.reuse:
        from store_bench import synthetic

        t = time.perf_counter()
        with open_store(db) as store:
            store.add_tables(synthetic(args.events), cluster=False)
            store.begin()
            store.cluster_pending()
            store.commit()
        print(f"built {args.events:,} events in {time.perf_counter() - t:.0f} s")
    with open_store(db) as store:  # (builds the event index of an older store)
        token = create_token(store, "read", "api-load-benchmark")
        n = store.counts()["clusters"]
    paths = urls(db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "mizan", "serve", "--db", db, "--port", str(port),
                               "--cache", str(args.cache)],
                              stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        import httpx

        for _ in range(600):
            try:
                httpx.get(base + "/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        tool = args.tool if args.tool != "auto" else ("wrk" if shutil.which("wrk") else "httpx")
        run = run_wrk if tool == "wrk" else run_httpx
        run(base, token, paths, args.clients, 5)  # warm-up
        res = run(base, token, paths, args.clients, args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"GET /events with filters, {n:,} events, {args.clients} clients, {args.seconds} s, {tool}, "
          f"{len(paths)} distinct URLs, page cache {args.cache or 'off'}:")
    print(f"  {res.get('requests', 0):,.0f} requests, {res.get('rps', 0):.0f}/s; latency p50 "
          f"{res.get('p50', 0):.0f} ms, p95 {res.get('p95', 0):.0f} ms, p99 {res.get('p99', 0):.0f} ms, "
          f"max {res.get('max', 0):.0f} ms; non-2xx {res.get('non2xx', 0):.0f}, errors {res.get('errors', 0):.0f}")
    ok = res.get("p95", 1e9) <= 200 and not res.get("non2xx") and not res.get("errors")
    print(f"  target p95 <= 200 ms, no errors: {'met' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
