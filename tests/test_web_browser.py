"""The pages in a real browser: Debian's Chromium driven by Playwright (never `playwright install`), against
the application served by uvicorn on a free localhost port. With IMENA_SCREENSHOTS=1 each test also writes
its page's screenshot to docs/screenshots/.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright

from imena.web import create_app
from tests.webdata import build_registry, person_of

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """The application on a test registry, served in a thread; the base URL and the person told twice."""
    folder = tmp_path_factory.mktemp("web")
    engine = build_registry(f"sqlite:///{folder / 'web.db'}", folder)
    server = uvicorn.Server(uvicorn.Config(create_app(engine, secret="test"), port=_free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            pytest.fail("the web application did not start")
        threading.Event().wait(0.05)
    port = server.config.port
    yield f"http://127.0.0.1:{port}", person_of(engine, "syn-a", "a-1")
    server.should_exit = True
    thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is not installed: `make system-deps` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1000, "height": 900}, locale="ru-RU")
    yield context.new_page()
    context.close()


def _screenshot(page: Page, name: str, full_page: bool = True) -> None:
    if os.environ.get("IMENA_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def test_a_cyrillic_search_finds_the_person_live(site: tuple[str, int], page: Page) -> None:
    base, person = site
    page.goto(f"{base}/search")
    page.fill("input[name=q]", "Шевченко Иван")  # htmx asks as the visitor types, without a submit
    expect(page.locator("#results .hit .name")).to_have_text(["Шевченко Иван Петрович"])
    expect(page.locator("#results .hit .why")).to_contain_text("фамилия: точно")
    expect(page.locator(".synthetic-banner")).to_be_visible()
    _screenshot(page, "search")
    page.click("#results .hit .name")
    expect(page).to_have_url(f"{base}/person/{person}")


def test_a_latin_search_finds_the_person_by_the_plain_form(site: tuple[str, int], browser: Browser) -> None:
    base, person = site
    context = browser.new_context(java_script_enabled=False, locale="en-GB")  # the form works without htmx
    page = context.new_page()
    page.goto(f"{base}/")
    page.fill("input[name=q]", "Shevchenko Ivan")
    page.press("input[name=q]", "Enter")
    expect(page.locator("#results .hit .name")).to_have_text(["Шевченко Иван Петрович"])
    expect(page.locator("nav")).to_contain_text("Search")  # the English interface
    assert page.locator("#results .hit .name").get_attribute("href") == f"/person/{person}"
    context.close()


def test_a_person_page_shows_its_entries_and_conflicts(site: tuple[str, int], page: Page) -> None:
    base, person = site
    page.goto(f"{base}/person/{person}")
    expect(page.locator("article.entry")).to_have_count(2)
    expect(page.locator("article.entry blockquote").first).to_contain_text("Шевченко Иван Петрович, 1890 г. р.")
    birth = page.locator('.conflict[data-field="birth.date"] .value')
    expect(birth).to_have_text(["1890", "1891"])
    expect(page.locator('.conflict[data-field="execution.date"] .value')).to_have_text(["1937-09-15", "1937-09-20"])
    expect(page.locator(".timeline li").last).to_contain_text("1989-06-14")
    _screenshot(page, "person")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _screenshot(page, "person-phone")


def test_the_operation_page_draws_its_charts(site: tuple[str, int], page: Page) -> None:
    base, _ = site
    page.goto(f"{base}/operation?lang=en")
    for chart in ("limits", "limits_end", "timeline", "gaps"):
        expect(page.locator(f'svg[data-chart="{chart}"]')).to_be_visible()
    assert page.locator('svg[data-chart="limits"] rect.bar').count() > 40
    assert page.locator('svg[data-chart="limits_end"] rect.bar.gap').count() >= 2  # limits not known, drawn as gaps
    assert page.locator('svg[data-chart="timeline"] circle.point').count() > 3
    page.set_viewport_size({"width": 1000, "height": 1800})
    _screenshot(page, "operation", full_page=False)  # the charts; the tables below would make a tall image


def test_home_source_and_api_docs_pages(site: tuple[str, int], page: Page) -> None:
    base, _ = site
    page.goto(f"{base}/")
    expect(page.locator(".stat .number").first).to_have_text("3")
    _screenshot(page, "home")
    page.goto(f"{base}/source/syn-a")
    expect(page.locator("table.entries tbody tr")).to_have_count(2)
    _screenshot(page, "source")
    page.goto(f"{base}/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()  # drawn from the packaged swagger-ui
