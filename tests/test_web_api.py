"""The web application's JSON API and pages through FastAPI's TestClient: search, persons, sources, the
operation, synthetic marks, downloads, the offline API docs, and accounts that keep visitors from writing.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from imena.operation import Ledger
from imena.registry import schema as t
from imena.registry.users import add_user
from imena.web import create_app, rendering
from imena.web.i18n import MESSAGES
from tests.webdata import build_registry, person_of


@pytest.fixture
def registry(tmp_path: Path) -> Engine:
    return build_registry(f"sqlite:///{tmp_path / 'web.db'}", tmp_path)


@pytest.fixture
def client(registry: Engine, ledger: Ledger) -> TestClient:
    return TestClient(create_app(registry, secret="test", ledger=ledger))


def test_search_in_cyrillic_and_latin_finds_the_person_with_reasons(registry_url: str, tmp_path: Path) -> None:
    engine = build_registry(registry_url, tmp_path)
    client = TestClient(create_app(engine, secret="test"))
    person = person_of(engine, "syn-a", "a-1")
    for query in ("Шевченко Иван", "Shevchenko Ivan", "Schewtschenko Iwan"):
        found = client.get("/api/search", params={"q": query}).json()
        first = found["results"][0]
        assert first["person_id"] == person, query
        assert first["entry_ids"] == ["syn-a:a-1", "syn-b:b-7"]
        assert first["why"] and all(":" in why for why in first["why"])
    detail = client.get(f"/api/persons/{person}").json()
    assert [(e["source"], e["entry_id"]) for e in detail["entries"]] == [("syn-a", "a-1"), ("syn-b", "b-7")]


def test_filters_narrow_the_search(client: TestClient) -> None:
    def names(**params: object) -> list[str]:
        return [hit["name"] for hit in client.get("/api/search", params={"q": "Шевченко", **params}).json()["results"]]

    assert names() == ["Шевченко Иван Петрович"]
    assert names(born_from="", born_to="", region="", penalty="", source="") == ["Шевченко Иван Петрович"]  # a form
    assert names(born_from=1889, born_to=1890) == ["Шевченко Иван Петрович"]
    assert names(born_from=1895) == []
    assert names(penalty="camp") == []
    assert names(source="book") == []
    assert client.get("/api/search", params={"q": "Шевченко", "region": "Атлантида"}).status_code == 422


def test_a_person_shows_every_entry_its_conflicts_timeline_and_places(client: TestClient, registry: Engine) -> None:
    person = client.get(f"/api/persons/{person_of(registry, 'syn-a', 'a-1')}").json()
    assert person["synthetic"] is True
    texts = [e["text"] for e in person["entries"]]
    assert texts[0].startswith("Шевченко Иван Петрович, 1890 г. р.")
    assert person["entries"][0]["source_title"] == "Синтетическая книга памяти А"
    conflicts = {c["field"]: [v["value"] for v in c["values"]] for c in person["conflicts"]}
    assert conflicts == {"birth.date": ["1890", "1891"], "execution.date": ["1937-09-15", "1937-09-20"]}
    events = [(i["date"], i["event"]) for i in person["timeline"]]
    assert events[0] == ("1890", "birth") and events[-1] == ("1989-06-14", "rehabilitation")
    assert events == sorted(events, key=lambda e: e[0])
    assert {"kind": "execution", "place": "Воронеж", "entries": ["syn-a:a-1"]} in person["places"]
    assert client.get("/api/persons/99999").status_code == 404


def test_synthetic_marks_in_every_answer(client: TestClient, registry: Engine) -> None:
    found = client.get("/api/search", params={"q": "Смирнов"}).json()
    assert found["results"][0]["synthetic"] is False and found["synthetic"] is False
    assert found["registry_synthetic"] is True
    assert client.get("/api/search", params={"q": "Шевченко"}).json()["synthetic"] is True
    sources = {s["id"]: s["synthetic"] for s in client.get("/api/sources").json()["results"]}
    assert sources == {"book": False, "syn-a": True, "syn-b": True}
    assert client.get("/api/stats").json()["synthetic"] is True
    for page in ("/", "/search?q=Smirnov", "/operation", "/source/book"):
        assert 'class="banner synthetic-banner"' in client.get(page).text, page
    real = client.get(f"/person/{person_of(registry, 'book', '17')}").text
    assert "badge synthetic" not in real.split("</header>", 2)[-1]  # the banner stays, the person is not marked


def test_a_registry_without_synthetic_data_shows_no_banner(tmp_path: Path, ledger: Ledger) -> None:
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'empty.db'}", secret="test", ledger=ledger))
    assert "synthetic-banner" not in client.get("/").text
    assert client.get("/api/stats").json()["synthetic"] is False


def test_source_pages_and_downloads(client: TestClient) -> None:
    source = client.get("/api/sources/syn-a").json()
    assert (source["title"], source["kind"], source["entries"]) == ("Синтетическая книга памяти А", "memorial_book", 2)
    page = client.get("/api/sources/syn-a/entries", params={"size": 1, "page": 2}).json()
    assert [e["entry_id"] for e in page["results"]] == ["a-2"] and page["total"] == 2
    rows = list(csv.DictReader(io.StringIO(client.get("/api/sources/syn-a/entries?format=csv").text)))
    assert [(r["entry_id"], r["synthetic"]) for r in rows] == [("a-1", "True"), ("a-2", "True")]
    lines = client.get("/api/sources/syn-a/entries?format=jsonl").text.splitlines()
    assert [json.loads(line)["surname"] for line in lines] == ["Шевченко", "Иванова"]
    found = client.get("/api/search", params={"q": "Shevchenko", "format": "csv"})
    assert found.headers["content-disposition"].endswith('.csv"')
    assert next(csv.DictReader(io.StringIO(found.text)))["entry_ids"] == "syn-a:a-1; syn-b:b-7"
    html = client.get("/source/syn-a").text
    assert "Синтетика: т. 1, 2026" in html and "Иванова Анна Петровна" in html
    assert client.get("/api/sources/none").status_code == 404
    assert client.get("/source/none").status_code == 404


def test_the_operation_api_and_charts(client: TestClient) -> None:
    document = client.get("/api/operation").json()
    assert document["limits_order"]["totals"]["total"] == 268950
    assert document["limits_end"]["totals"]["first_category"] is None  # unknown stays unknown, never zero
    assert document["limits_end"]["totals_at_least"]["first_category"] > 0
    assert client.get("/api/operation/limits", params={"date": "1937-09-17"}).json()["as_of"] == "1937-09-17"
    html = client.get("/operation").text
    for chart in ("limits", "limits_end", "timeline", "gaps"):
        assert f'data-chart="{chart}"' in html
    assert html.count('class="bar gap"') >= 2  # units whose limits are not known are drawn as gaps


def test_pages_speak_russian_and_english(client: TestClient) -> None:
    assert "Поиск" in client.get("/search").text
    english = client.get("/search?q=Shevchenko&lang=en")
    assert "Search" in english.text and english.cookies.get("lang") == "en"
    assert "surname: variant spelling" in english.text
    assert 'href="?q=Shevchenko&amp;lang=ru"' in english.text  # the switch keeps the query
    assert "Search" in client.get("/operation").text  # the choice is remembered
    assert "фамилия: другое написание" in client.get("/search?q=Shevchenko&lang=ru").text
    assert "Поиск" in TestClient(client.app).get("/", headers={"accept-language": "ru-RU,ru;q=0.9"}).text


def test_both_catalogues_hold_the_same_messages() -> None:
    assert MESSAGES["ru"].keys() == MESSAGES["en"].keys()


def test_htmx_gets_only_the_results(client: TestClient) -> None:
    partial = client.get("/search", params={"q": "Шевченко"}, headers={"HX-Request": "true"}).text
    assert partial.lstrip().startswith('<section id="results"') and "<html" not in partial
    assert "<html" in client.get("/search", params={"q": "Шевченко"}).text  # the plain form still works


def test_api_docs_work_offline(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert "/api/search" in client.get("/openapi.json").json()["paths"]
    for page in ("/", "/operation", "/search"):
        assert "http" not in client.get(page).text.split("<body>")[0].replace('xmlns="http', "")


def test_visitors_get_no_cookie_until_they_log_in(client: TestClient) -> None:
    for page in ("/", "/search?q=Шевченко", "/operation", "/source/book", "/api/search?q=Шевченко"):
        assert "set-cookie" not in client.get(page).headers, page
    assert "imena_session" in client.get("/login").headers["set-cookie"]


def test_visitors_cannot_write(client: TestClient) -> None:
    assert client.patch("/api/sources/book", json={"citation": "forged"}).status_code == 401
    assert client.post("/source/book", data={"title": "forged"}).status_code == 401
    assert client.get("/api/sources/book").json()["title"] == "Тестовая книга (вымышленные записи тестов)"
    assert client.post("/api/users", json={"name": "x", "password": "12345678", "role": "admin"}).status_code == 401
    assert client.post("/admin/users", data={"name": "x", "password": "12345678", "role": "admin"}).status_code == 401
    assert client.get("/admin/users").status_code == 401


def _login(client: TestClient, name: str, password: str) -> str:
    token: str = client.get("/api/me").json()["csrf"]
    response = client.post("/login", data={"name": name, "password": password, "csrf": token}, follow_redirects=False)
    assert response.status_code == 303, response.text
    fresh: str = client.get("/api/me").json()["csrf"]
    return fresh


def test_editors_log_in_and_only_admins_add_accounts(client: TestClient, registry: Engine) -> None:
    add_user(registry, "editor", "editor-password", "editor")
    add_user(registry, "admin", "admin-password", "admin")
    token = client.get("/api/me").json()["csrf"]
    bad = client.post("/login", data={"name": "editor", "password": "wrong-password", "csrf": token})
    assert bad.status_code == 401
    assert client.post("/login", data={"name": "editor", "password": "editor-password"}).status_code == 403  # CSRF
    token = _login(client, "editor", "editor-password")
    assert client.get("/api/me").json()["user"] == {"name": "editor", "role": "editor"}
    new = {"name": "vera", "password": "vera-password", "role": "editor"}
    assert client.post("/api/users", json=new, headers={"X-CSRF-Token": token}).status_code == 403
    admin = TestClient(client.app)
    token = _login(admin, "admin", "admin-password")
    assert admin.post("/api/users", json=new).status_code == 403  # no CSRF token
    assert admin.post("/api/users", json=new, headers={"X-CSRF-Token": token}).status_code == 201
    added = admin.post("/admin/users", data={"name": "gleb", "password": "gleb-password", "role": "editor",
                                             "csrf": token})  # fmt: skip
    assert added.status_code == 200 and "gleb" in added.text
    admin.post("/logout", data={"csrf": token})
    assert admin.get("/api/me").json()["user"] is None


def test_editors_correct_a_source_and_the_audit_log_keeps_the_old(client: TestClient, registry: Engine) -> None:
    add_user(registry, "editor", "editor-password", "editor")
    token = _login(client, "editor", "editor-password")
    assert client.patch("/api/sources/book", json={"citation": "Тест, 2002"}).status_code == 403  # no CSRF token
    edited = client.patch("/api/sources/book", json={"citation": "Тест, 2002", "synthetic": True},
                          headers={"X-CSRF-Token": token})  # fmt: skip
    assert edited.status_code == 200
    assert (edited.json()["citation"], edited.json()["synthetic"]) == ("Тест, 2002", False)  # synthetic is a fact
    form = {"title": "Тестовая книга, 2-е изд.", "citation": "", "year": "2002", "csrf": token}
    assert client.post("/source/book", data=form, follow_redirects=False).status_code == 303
    source = client.get("/api/sources/book").json()
    assert (source["title"], source["citation"], source["year"]) == ("Тестовая книга, 2-е изд.", None, 2002)
    with registry.connect() as c:
        log = c.execute(select(t.audit_log.c.action, t.audit_log.c.detail).order_by(t.audit_log.c.id)).all()
    edits = [detail for action, detail in log if action == "source.edit"]
    assert edits[0] == {"before": {"citation": "Тест, 2001"}, "after": {"citation": "Тест, 2002"}}
    assert edits[1]["before"]["title"] == "Тестовая книга (вымышленные записи тестов)"
    assert client.patch("/api/sources/none", json={"title": "x"}, headers={"X-CSRF-Token": token}).status_code == 404


def test_pages_read_the_sources_and_counts_once_in_a_while_and_again_after_an_edit(
    client: TestClient, registry: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def titles() -> list[str]:
        return [s["title"] for s in client.get("/api/stats").json()["sources"] if s["id"] == "book"]

    old, new, other = "Тестовая книга (вымышленные записи тестов)", "Тестовая книга, 2-е изд.", "Книга из базы"
    assert old in client.get("/search", params={"q": "Шевченко"}).text and titles() == [old]
    add_user(registry, "editor", "editor-password", "editor")
    token = _login(client, "editor", "editor-password")
    client.patch("/api/sources/book", json={"title": new}, headers={"X-CSRF-Token": token})
    assert new in client.get("/search").text and titles() == [new]  # an edit through the app is shown at once
    with registry.begin() as c:  # as an import or another server process would change it
        c.execute(t.sources.update().where(t.sources.c.id == "book").values(title=other))
        c.execute(t.sources.update().values(synthetic=False))
    page = client.get("/search").text
    assert new in page and "synthetic-banner" in page  # kept for rendering.CACHE_SECONDS
    monkeypatch.setattr(rendering, "CACHE_SECONDS", 0.0)
    page = client.get("/search").text
    assert other in page and "synthetic-banner" not in page
    assert client.get("/api/search", params={"q": "Шевченко"}).json()["registry_synthetic"] is False
    assert client.get("/api/stats").json()["synthetic"] is False
    assert titles() == [new]  # the counts are kept longer: rendering.STATS_SECONDS
    monkeypatch.setattr(rendering, "STATS_SECONDS", 0.0)
    assert titles() == [other]
