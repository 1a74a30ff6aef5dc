"""The web pages in real headless Chromium (Debian's `chromium`, driven by Playwright): search, read an article
with its marked entities, the actor graph and the pair timeline. Screenshots go to tests/artifacts/web/."""

import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from fixtures.web.archive import build_archive

from thoisu.web import create_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).parent / "artifacts" / "web"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary on PATH (Debian: apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("web-browser") / "archive.db"
    build_archive(path)
    port = free_port()
    config = uvicorn.Config(create_app(str(path)), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline, "uvicorn did not start within 20 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda req: errors.append(f"{req.url}: {req.failure}"))
    yield page
    context.close()
    assert not errors, f"the page reported errors: {errors}"


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def test_search_then_read_an_article_with_marked_entities(server, page):
    page.goto(f"{server}/ui/?lang=en")
    page.fill("input[name=q]", "quan doi nga")
    page.click("button[type=submit]")
    first = page.locator(".hit .title").first
    assert "Quân đội Nga" in first.inner_text()
    assert page.locator(".hit .snippet mark").count() >= 1
    screenshot(page, "search")
    first.click()
    page.wait_for_selector("#text mark.entities")
    fomin = page.locator("#text mark.entities", has_text="Fomin").first
    assert "per:" in fomin.get_attribute("title") or "PER" in fomin.get_attribute("title")
    fomin.click()
    panel = page.locator("#panel")
    assert panel.is_visible()
    assert "Fomin" in panel.inner_text()
    assert page.locator("#text mark.times").count() >= 1 and page.locator("#text mark.events").count() >= 1
    page.locator("details.extras summary").click()
    assert page.locator("table.removed tr").count() >= 2
    screenshot(page, "article")


def test_events_row_opens_its_sentence(server, page):
    page.goto(f"{server}/ui/events?type=CONSULT")
    screenshot(page, "events")
    link = page.locator("td.sentence a").first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_selector(f"#{anchor}")
    assert page.evaluate("location.hash") == f"#{anchor}"
    assert page.locator(f"#{anchor}").evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


def test_relations_graph_and_pair_timeline(server, page):
    page.goto(f"{server}/ui/relations?pair=RUS,PRK&period=month")
    page.wait_for_selector("#graph canvas")
    page.wait_for_function("document.getElementById('graph').dataset.ready === 'true'", timeout=20_000)
    assert int(page.locator("#graph").get_attribute("data-nodes")) >= 10
    page.wait_for_function("document.getElementById('timeline').dataset.ready === 'true'")
    bars = page.evaluate("Chart.getChart('timeline').data.datasets.map(d => d.data)")
    assert bars[0] == [3] and bars[1] == [-1]  # RUS–PRK in 2024-11: three cooperative events, one conflict
    pairs = page.locator("p.pairs a").all_inner_texts()
    assert pairs and not any(re.search(r"\bQ\d+\b", p) for p in pairs), pairs  # names, not raw ids
    assert any("Nga" in p for p in pairs), pairs
    screenshot(page, "relations")


def test_entity_page_aliases_and_partners(server, page):
    page.goto(f"{server}/ui/entities/RUS?lang=en")
    assert "Liên bang Nga" in page.locator("dl.facts").inner_text()
    screenshot(page, "entity")
    page.locator("ul.partners a[href*='/ui/entities/BLR']").click()
    assert page.locator("h1").inner_text().startswith("Belarus")


def test_relations_restricted_to_dates_without_events(server, page):
    page.goto(f"{server}/ui/relations?pair=RUS,PRK&since=2025-01-01&lang=en")
    page.wait_for_function("document.getElementById('graph').dataset.nodes === '0'")
    page.wait_for_selector("#timeline-empty", state="visible")
    assert page.locator(".pairs a").count() == 0


def test_article_on_a_phone(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/ui/?q=trieu%20tien")
    page.locator(".hit .title").first.click()
    page.wait_for_selector("#text mark.entities")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the article is {width}px wide on a 390px screen"
    page.locator("#text mark.entities").first.click()
    assert page.locator("#panel").is_visible()
    screenshot(page, "article-phone")
    context.close()
