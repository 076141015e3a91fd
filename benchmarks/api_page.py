"""How soon the dashboard is interactive in headless Chromium (Debian's, driven by Playwright).

    .venv/bin/python benchmarks/api_page.py --db mizan-demo.duckdb      # after `make demo`
    .venv/bin/python benchmarks/api_page.py --db /tmp/bench.duckdb      # a store of 1,000,000 events

Target (issue 8): <= 2 s. "Interactive" is when the page has drawn every view (timeline,
network, map, table) and marked ``body[data-ready]``; the clock starts before navigation.
Five cold page loads (a new browser context each, so nothing cached), after one load that
warms the server; then five warm loads in one context (a returning analyst: the browser has
the libraries and their compiled code).
Requests that are not to the local server are blocked.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cache", type=int, default=512, help="mizan serve --cache (0: off)")
    args = ap.parse_args()
    import httpx
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "mizan", "serve", "--db", args.db, "--port", str(port),
                               "--no-auth", "--cache", str(args.cache)], stderr=subprocess.DEVNULL)  # fmt: skip
    times: list[float] = []
    warm: list[float] = []
    try:
        for _ in range(600):
            try:
                httpx.get(base + "/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            def load(page: object) -> float:
                t = time.perf_counter()
                page.goto(base + "/")  # type: ignore[attr-defined]
                page.wait_for_selector("body[data-ready]", timeout=60000)  # type: ignore[attr-defined]
                took = time.perf_counter() - t
                if not page.locator("#event-table tbody tr").count() or page.locator("main .error").count():  # type: ignore[attr-defined]
                    raise SystemExit("the dashboard did not load")
                return took

            for i in range(args.runs + 1):  # cold: a new browser context (no cache) each time
                ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
                took = load(ctx.new_page())
                if i:
                    times.append(took)
                ctx.close()
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})  # warm: a returning analyst
            ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
            page = ctx.new_page()
            load(page)
            for _ in range(args.runs):
                page.goto("about:blank")
                warm.append(load(page))
            ctx.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    for label, ts in (("cold (new browser context)", times), ("warm (browser cache)", warm)):
        print(f"dashboard interactive over {args.db}, page cache {args.cache or 'off'}, {label}: "
              f"median {statistics.median(ts):.2f} s, worst {max(ts):.2f} s over {len(ts)} loads "
              f"({', '.join(f'{t:.2f}' for t in ts)}); target <= 2 s: {'met' if max(ts) <= 2 else 'MISSED'}")


if __name__ == "__main__":
    main()
