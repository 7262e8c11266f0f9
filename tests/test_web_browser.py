"""`amity serve` in a real browser: Debian's Chromium driven by Playwright against the app on loopback.

A user picks USA, India and Pakistan on the home page, reads the verdict and the report's charts, explores a
dimension with hover and zoom, opens a UN vote, and checks an article; no console error on the way (the
Content-Security-Policy reports any blocked script or style there), and nothing is fetched from elsewhere.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PARAGRAPH = ("NEW DELHI, March 3 (Reuters) - India and the United States signed a defence cooperation agreement "
             "on Monday, and Pakistan's foreign ministry condemned the deal as a threat to regional stability. "
             "India's reliance on Russia for arms remains heavy.")

pytestmark = [pytest.mark.browser, pytest.mark.needs_data]


@pytest.fixture(scope="module")
def server():
    """The app on a free loopback port, served by uvicorn in a thread of this process (so it shares the
    test session's store)."""
    uvicorn = pytest.importorskip("uvicorn")
    from amity.web.app import create_app
    from amity.web.guard import Settings

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(Settings()), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium); browser check not run")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    ARTIFACTS.mkdir(exist_ok=True)
    pg = browser.new_page(viewport={"width": 1200, "height": 900})
    pg.set_default_timeout(240_000)  # a cold report takes a while on a shared machine
    pg.errors, pg.urls = [], []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.urls.append(r.url))
    pg.base = server
    yield pg
    pg.close()
    assert pg.errors == []
    assert all(u.startswith(server) or u.startswith("data:") for u in pg.urls), [u for u in pg.urls
                                                                               if not u.startswith(server)]


def _rendered_svgs(frame) -> int:
    return sum(1 for svg in frame.query_selector_all("svg")
               if (box := svg.bounding_box()) and box["width"] > 100 and box["height"] > 100
               and len(svg.query_selector_all("path, line, text, use")) > 10)


def test_home_form_to_the_brief(page):
    page.goto(page.base + "/")
    a, b, third = page.locator("input[name=a]"), page.locator("input[name=b]"), page.locator("input[name=third]").first
    b.press_sequentially("Inda", delay=30)  # the autocomplete asks /api/states and suggests India
    page.wait_for_function("() => [...document.querySelectorAll('datalist option')].some(o => o.value === 'India')")
    a.fill("USA")
    b.fill("IND")
    third.fill("PAK")
    page.locator("input[name=from]").fill("1991")
    page.locator("input[name=to]").fill("2024")
    page.screenshot(path=str(ARTIFACTS / "web-home.png"))
    page.locator("#home-form button[type=submit]").click()
    page.wait_for_url("**/brief?*")
    page.wait_for_selector("#verdict li")
    assert "years=1991-2024" in page.url and "third=PAK" in page.url
    assert page.locator("#verdict li").count() >= 3
    assert "USA–IND" in page.locator("#verdict").inner_text()
    assert page.locator("#scorecard tbody tr").count() >= 5
    frame_el = page.locator("#report-frame")
    frame_el.scroll_into_view_if_needed()
    frame = page.frame_locator("#report-frame")
    frame.locator("figure.chart svg").first.wait_for()
    report = next(f for f in page.frames if "/brief/view" in f.url)
    assert _rendered_svgs(report) >= 3
    page.screenshot(path=str(ARTIFACTS / "web-brief-report.png"))
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "web-brief.png"))
    assert page.locator("#download").get_attribute("href").startswith("/api/report/download?")


def test_explore_draws_interactive_charts_with_source_on_hover(page):
    page.goto(page.base + "/explore?a=USA&b=IND&years=1991-2024&dimension=un_agree")
    page.wait_for_selector("#chart-value[data-rendered=true] svg")
    page.wait_for_selector("#chart-pct[data-rendered=true] svg")
    assert _rendered_svgs(page.main_frame) >= 2
    point = page.locator("#chart-value svg path[role=graphics-symbol]").nth(5)
    point.hover(force=True)
    tip = page.locator("#vg-tooltip-element.visible")
    tip.wait_for()
    text = tip.inner_text()
    assert "percentile" in text and "unvotes_fpsim" in text and "roll calls" in text
    page.screenshot(path=str(ARTIFACTS / "web-explore.png"), full_page=True)


def test_un_vote_and_a_pair_over_time(page):
    page.goto(page.base + "/votes")
    page.fill("#vote-search input[name=q]", "A/RES/ES-11/1")
    page.click("#vote-search button")
    page.wait_for_selector("#vote-table tbody tr")
    assert "Aggression against Ukraine" in page.inner_text("#vote-title")
    rows = page.locator("#vote-table tbody tr")
    assert rows.count() > 150
    meta = page.inner_text("#vote-meta")
    assert "141 yes" in meta and "un_extract" in meta
    page.click("#pair-form button")
    page.wait_for_selector("#chart-pair[data-rendered=true] svg")
    page.wait_for_selector("#chart-counts[data-rendered=true] svg")
    page.screenshot(path=str(ARTIFACTS / "web-votes.png"), full_page=True)


def test_article_check_lists_the_events(page):
    page.goto(page.base + "/article")
    page.fill("textarea[name=text]", PARAGRAPH)
    page.fill("#article-form input[name=a]", "USA")
    page.fill("#article-form input[name=b]", "India")
    page.click("#article-form button")
    page.wait_for_selector("#events tbody tr")
    table = page.inner_text("#events")
    assert "IND" in table and "USA" in table
    assert page.locator("#error").count() == 0
    claims = page.inner_text("#claims")  # the report's claim checker: a verdict and its evidence per claim
    assert "dependence" in claims and "partly" in claims and "SIPRI" in claims
    page.screenshot(path=str(ARTIFACTS / "web-article.png"), full_page=True)
