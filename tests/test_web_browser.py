"""The pages in a real browser: Debian's Chromium driven by Playwright (never `playwright install`), against
the application served by uvicorn on a free localhost port. With IMENA_SCREENSHOTS=1 each test also writes
its page's screenshot to docs/screenshots/.
"""

from __future__ import annotations

import os
import socket
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, FilePayload, Page, expect, sync_playwright
from sqlalchemy import Engine, update

from imena.registry import schema as t
from imena.registry.linking import current_persons, recluster, run_link
from imena.registry.users import add_user
from imena.web import create_app
from tests.registry_corpus import build
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


@contextmanager
def _served(engine: Engine) -> Iterator[str]:
    """The application on a registry, served by uvicorn in a thread on a free port; its base URL."""
    server = uvicorn.Server(uvicorn.Config(create_app(engine, secret="test"), port=_free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            pytest.fail("the web application did not start")
        threading.Event().wait(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """The application on a test registry; the base URL and the person told twice."""
    folder = tmp_path_factory.mktemp("web")
    engine = build_registry(f"sqlite:///{folder / 'web.db'}", folder)
    with _served(engine) as base:
        yield base, person_of(engine, "syn-a", "a-1")


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Engine, tuple[str, str]]]:
    """A linked synthetic registry with an editor, where one person of two entries was split by making their
    pair doubtful (the corpus is too clean to leave any): the base URL, the engine and that pair."""
    folder = tmp_path_factory.mktemp("linked")
    engine = build(f"sqlite:///{folder / 'linked.db'}", folder)
    run_link(engine)
    with engine.begin() as connection:
        persons = current_persons(connection)
        members: dict[int, list[str]] = defaultdict(list)
        for key, person in sorted(persons.items()):
            members[person].append(key)
        a, b = next(keys for keys in members.values() if len(keys) == 2)
        links = t.links.c
        pair = connection.execute(update(t.links).where(links.entry_l == a, links.entry_r == b).values(
            match_probability=0.5))  # fmt: skip
        assert pair.rowcount == 1
        recluster(connection, actor="test")
        assert current_persons(connection)[a] != current_persons(connection)[b]
    add_user(engine, "vera", "vera-password", "editor")
    with _served(engine) as base:
        yield base, engine, (a, b)


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


def test_an_editor_confirms_a_pair_and_the_person_changes(
    linked_site: tuple[str, Engine, tuple[str, str]], browser: Browser
) -> None:
    base, engine, (a, b) = linked_site
    visitor = browser.new_context(locale="ru-RU")
    page = visitor.new_page()
    refused = page.goto(f"{base}/review")
    assert refused is not None and refused.status == 401
    assert page.request.post(f"{base}/api/review", data={"pair": [a, b], "verdict": "same"}).status == 401
    assert page.request.patch(f"{base}/api/sources/syn-a", data={"title": "x"}).status == 401
    visitor.close()

    context = browser.new_context(viewport={"width": 1000, "height": 900}, locale="ru-RU")
    page = context.new_page()
    with engine.connect() as connection:
        before = current_persons(connection)
    page.goto(f"{base}/person/{before[b]}")
    expect(page.locator("article.entry")).to_have_count(1)
    page.goto(f"{base}/login")
    page.fill("input[name=name]", "vera")
    page.fill("input[name=password]", "vera-password")
    page.click("form.stacked button")
    page.goto(f"{base}/review")
    pair = page.locator(f'section.review-pair[data-pair="{a} {b}"]')
    expect(pair).to_be_visible()
    _screenshot(page, "review", full_page=False)
    pair.locator("button[value=same]").click()
    expect(page).to_have_url(f"{base}/review")
    expect(page.locator(f'section.review-pair[data-pair="{a} {b}"]')).to_have_count(0)
    with engine.connect() as connection:
        after = current_persons(connection)
    assert after[a] == after[b]
    page.goto(f"{base}/person/{after[b]}")
    expect(page.locator("article.entry")).to_have_count(2)  # both entries, on one person's page
    page.goto(f"{base}/sources")
    page.click("a[href='/sources/new']")
    page.fill("input[name=source]", "lysenko")
    page.fill("input[name=title]", "Лысенко: книга семьи")
    book = "Лысенко Павел Андреевич, 1890 г. р. Расстрелян 25.09.1937.\n".encode()
    page.set_input_files("input[name=file]", FilePayload(name="lysenko.txt", mimeType="text/plain", buffer=book))
    page.click("form.stacked button")
    expect(page.locator('dd[data-count="added"]')).to_have_text("1")
    _screenshot(page, "source-new")
    page.click("section.import-summary a[href='/source/lysenko']")
    expect(page.locator("table.entries tbody tr")).to_have_count(1)
    context.close()


def test_the_estimates_and_reconciliation_pages(linked_site: tuple[str, Engine, tuple[str, str]], page: Page) -> None:
    base, _, _ = linked_site
    page.goto(f"{base}/")
    page.click("nav a[href='/estimates']")
    page.select_option("select[name=by]", "period")
    page.select_option("select[name=method]", "loglinear")
    page.click("form.selector button")
    expect(page.locator('svg[data-chart="estimates"] .interval')).to_have_count(1)
    expect(page.locator("tr.refused")).to_have_count(3)  # two periods too small, and so the total
    _screenshot(page, "estimates")
    page.click("nav a[href='/reconcile']")
    expect(page.locator('svg[data-chart="coverage"]')).to_have_count(2)
    assert page.locator('svg[data-chart="coverage"] rect.bar.gap').count() >= 1  # limits the ledger lacks
    page.set_viewport_size({"width": 1000, "height": 1600})
    _screenshot(page, "reconcile", full_page=False)
