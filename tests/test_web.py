"""The web page in Debian's headless Chromium, driven by Playwright, against a server over a
store made from the demo corpus (plus one hostile document). Every request that is not to the
local server is blocked and counted; any page error fails the test. Skips cleanly when
Chromium or Playwright is missing (CI installs Debian's chromium)."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
DEMO = Path(__file__).resolve().parents[1] / "src" / "mizan" / "data" / "demo" / "reports.jsonl"
HOSTILE = ("Iraqi Prime Minister Mustafa al-Kadhimi met <b onmouseover=\"window.__pwned=3\">Jordan's King "
           "Abdullah II</b> in Amman on Tuesday <script>window.__pwned = 1</script>"
           "<img src=x onerror=\"window.__pwned = 2\">.")  # fmt: skip
UPLOAD = ("Egyptian President Abdel Fattah al-Sisi met Iraqi Prime Minister Mustafa al-Kadhimi in "
          "Cairo on Sunday. The two leaders signed an agreement on electricity trade.")  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(nlp, tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api")
    import uvicorn

    from mizan.api import create_app
    from mizan.documents import Document, read_inputs
    from mizan.ingest import ingest
    from mizan.review.tokens import create_token
    from mizan.store import open_store

    db = str(tmp_path_factory.mktemp("web") / "demo.duckdb")
    with open_store(db) as store:
        docs = list(read_inputs([str(DEMO)], None))
        docs.append(Document(text=HOSTILE, id="hostile-01", date=__import__("datetime").date(2020, 9, 2),
                             title="<i>Hostile</i> <script>window.__pwned=4</script>", source="Test"))  # fmt: skip
        ingest(docs, store, nlp)
        token = create_token(store, "review", "browser-test")
    app = create_app(db)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield {"base": f"http://127.0.0.1:{port}", "token": token, "app": app}
    srv.should_exit = True
    thread.join(timeout=10)
    app.state.mizan.close()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    """A page with the review token set, outside requests blocked, errors collected."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(f"sessionStorage.setItem('mizan-token', {server['token']!r});")
    blocked, errors = [], []

    def route(r):
        if r.request.url.startswith(server["base"] + "/") or r.request.url.startswith("data:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    pg.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    yield pg
    context.close()
    assert not errors, errors
    assert not blocked, f"requests outside the local server: {blocked}"


def ready(pg, timeout=20000):
    pg.wait_for_selector("body[data-ready]", timeout=timeout)


def open_dashboard(pg, server, hash_=""):
    start = time.perf_counter()
    pg.goto(server["base"] + "/" + hash_)
    ready(pg)
    return time.perf_counter() - start


def test_dashboard_loads_and_filters(page, server):
    seconds = open_dashboard(page, server)
    assert seconds < 5, f"dashboard took {seconds:.2f} s"  # the target (2 s) is measured in benchmarks/
    assert page.locator("#timeline .vis-item.vis-box").count() > 20
    assert page.locator("#network canvas").count() > 0
    assert int(page.get_attribute("#map", "data-points")) > 5  # drawn on a canvas
    assert page.locator("#map .leaflet-overlay-pane path").count() > 100  # country outlines, no tiles
    assert page.locator("#map .leaflet-tile").count() == 0
    rows = page.locator("#event-table tbody tr")
    assert rows.count() == 25
    page.select_option("#f-event", "CONSULT")
    page.fill("#f-country", "IRQ")
    page.click("#filters button[type=submit]")
    page.wait_for_function("location.hash.includes('event=CONSULT')")
    ready(page)
    types = page.locator("#event-table tbody tr td:nth-child(2)").all_inner_texts()
    places = page.locator("#event-table tbody tr td:nth-child(5)").all_inner_texts()
    assert types and all(t.startswith("CONSULT") for t in types)
    assert all(p.endswith("(IRQ)") for p in places)
    assert page.locator("#timeline .vis-item.vis-box").count() == len(types)  # the same events in every view


def test_keyboard_opens_event_with_highlighted_evidence(page, server):
    open_dashboard(page, server, "#/?q=met&event=CONSULT")
    link = page.locator("#event-table a.event-link").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#doctext mark.hl-sentence")
    sentence = page.locator("#doctext mark.hl-sentence").first.inner_text()
    assert "met" in sentence
    assert page.locator("#doctext mark.hl-trigger").first.inner_text().lower() == "met"
    actor = page.locator("#doctext mark.hl-actor")
    assert actor.count() >= 1 and actor.first.inner_text() in sentence
    for control in ("#c-field", "#c-note", "#mark-right", "#mark-wrong"):
        assert page.locator(control).count() == 1
    assert page.locator("label[for=c-field]").count() == 1 and page.locator("label[for=c-note]").count() == 1


def test_correction_persists_after_reload(page, server):
    open_dashboard(page, server, "#/?event=CONSULT&q=Amman")
    page.locator("#event-table a.event-link").first.click()
    page.wait_for_selector("#review-form")
    page.select_option("#c-field", "event")
    page.select_option("#c-event", "AGREE")
    page.fill("#c-note", "a browser test's correction")
    page.click("#c-submit")
    page.wait_for_selector("ol.history li")
    page.reload()
    page.wait_for_selector("ol.history li")
    facts = page.locator("dl.facts").inner_text()
    assert "AGREE" in facts and "corrected: event" in facts
    assert "a browser test's correction" in page.locator("ol.history").inner_text()


def test_upload_shows_its_events(page, server):
    open_dashboard(page, server, "#/upload")
    page.fill("#u-text", UPLOAD)
    page.fill("#u-date", "2020-09-06")
    page.fill("#u-title", "Cairo talks")
    page.click("#u-submit")
    page.wait_for_selector("#job-status[data-status=done]", timeout=60000)
    rows = page.locator("#upload-result tbody tr")
    assert rows.count() >= 1
    assert "Kadhimi" in page.locator("#upload-result table").inner_text()
    page.locator("#upload-result a.event-link").first.click()
    page.wait_for_selector("#doctext mark.hl-sentence")
    assert "Cairo talks" in page.locator("#h-doc").inner_text()


def test_hostile_document_shows_as_text(page, server):
    open_dashboard(page, server, "#/?q=amman")  # any type: an earlier test may correct it
    links = page.locator("#event-table a.event-link")
    assert links.count() >= 1
    found = False
    for i in range(links.count()):
        page.locator("#event-table a.event-link").nth(i).click()
        page.wait_for_selector("#doctext")
        if "<script>" in page.locator("#doctext").inner_text():
            found = True
            break
        page.go_back()
        ready(page)
    assert found, "the hostile document's event was not found"
    text = page.locator("#doctext").inner_text()
    assert "<script>window.__pwned = 1</script>" in text and "<img src=x" in text
    assert "<i>Hostile</i>" in page.locator("#h-doc").inner_text()
    assert page.locator("#doctext script, #doctext img, #doctext b, #h-doc i").count() == 0
    page.hover("#doctext")
    assert page.evaluate("window.__pwned") is None


def test_actor_page_and_alignment(page, server):
    open_dashboard(page, server, "#/actor/mustafa-al-kadhimi")
    body = page.locator("main").inner_text()
    assert "Mustafa al-Kadhimi" in body and "Names seen" in body and "prime minister" in body
    assert "Partners" in body
    open_dashboard(page, server, "#/alignment?focal=IRQ&period=month")
    assert page.locator("svg.chart polyline").count() >= 1
    assert page.locator("fieldset.blocs input[type=checkbox]").count() >= 2
