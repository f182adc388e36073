"""Editors add a source from the browser or the API: the file is imported as `imena import` would import it
(idempotent, with a quarantine, audited under the editor's name); visitors and forged forms are refused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from imena.registry import schema as t
from imena.registry.database import open_registry
from imena.registry.importer import SourceInfo, import_file
from imena.registry.users import add_user
from imena.web import create_app
from imena.web.quarantine_words import reason
from tests.test_web_api import _login

RECORDS = [
    {"id": "k-1", "text": "Кравченко Степан Ильич, 1889 г. р.", "name": {"surname": "Кравченко", "given": "Степан"}},
    {"id": "k-2", "text": "Кравченко Мария Степановна, 1893 г. р.", "name": {"surname": "Кравченко", "given": "Мария"}},
]
BOOK = "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n{not json\n"
TEXT = (
    "Лысенко Павел Андреевич, 1890 г. р., уроженец с. Ромны. Арестован 12.08.1937. "
    "Осужден тройкой 20.09.1937. Расстрелян 25.09.1937.\n\n"
    "Лысенко Иван Павлович, 1912 г. р. Арестован 14.08.1937. Приговорен к 10 годам ИТЛ.\n"
)


@pytest.fixture
def registry(tmp_path: Path) -> Engine:
    engine = open_registry(f"sqlite:///{tmp_path / 'uploads.db'}")
    add_user(engine, "editor", "editor-password", "editor")
    return engine


@pytest.fixture
def editor(registry: Engine) -> tuple[TestClient, str]:
    client = TestClient(create_app(registry, secret="test"))
    return client, _login(client, "editor", "editor-password")


def _count(engine: Engine, source: str) -> int:
    with engine.connect() as c:
        where = (t.entries.c.source_id == source, t.entries.c.current.is_(True))
        return int(c.execute(select(func.count()).select_from(t.entries).where(*where)).scalar() or 0)


def test_visitors_and_forged_forms_cannot_add_a_source(registry: Engine, editor: tuple[TestClient, str]) -> None:
    visitor = TestClient(create_app(registry, secret="test"))
    files = {"file": ("book.jsonl", BOOK.encode(), "application/octet-stream")}
    assert visitor.get("/sources/new").status_code == 401
    assert visitor.post("/api/sources", data={"source": "kr"}, files=files).status_code == 401
    client, _ = editor
    assert client.post("/api/sources", data={"source": "kr"}, files=files).status_code == 403  # no CSRF token
    assert _count(registry, "kr") == 0


def test_an_editor_adds_a_book_again_and_again_with_the_same_result(
    registry: Engine, editor: tuple[TestClient, str]
) -> None:
    client, token = editor
    files = {"file": ("book.jsonl", BOOK.encode(), "application/octet-stream")}
    fields = {"source": "kr-book", "title": "Книга памяти Кравченко", "year": "1999", "kind": "memorial book"}
    first = client.post("/api/sources", data=fields, files=files, headers={"X-CSRF-Token": token})
    assert first.status_code == 201, first.text
    found = first.json()
    assert (found["added"], found["quarantined"], found["file"]) == (2, 1, "book.jsonl")
    assert found["quarantine"][0]["line"] == 3 and "JSON" in found["quarantine"][0]["reason"]
    again = client.post("/api/sources", data=fields, files=files, headers={"X-CSRF-Token": token}).json()
    assert (again["added"], again["unchanged"]) == (0, 2)
    source = client.get("/api/sources/kr-book").json()
    assert source["title"] == "Книга памяти Кравченко" and source["year"] == 1999 and source["entries"] == 2
    with registry.connect() as c:
        actors = c.execute(select(t.audit_log.c.actor).where(t.audit_log.c.action == "import")).scalars().all()
    assert actors == ["user:editor", "user:editor"]
    assert 'href="/sources/new"' in client.get("/sources").text


def test_a_text_book_is_parsed_through_the_form_and_the_page_says_what_went_in(
    registry: Engine, editor: tuple[TestClient, str]
) -> None:
    client, token = editor
    form = {"source": "lysenko", "title": "Лысенко", "format": "auto", "csrf": token}
    page = client.post("/sources/new", data=form, files={"file": ("book.txt", TEXT.encode(), "text/plain")})
    assert page.status_code == 200, page.text
    assert 'data-count="added">2<' in page.text and 'href="/source/lysenko"' in page.text
    entries = client.get("/api/sources/lysenko/entries").json()["results"]
    assert {e["surname"] for e in entries} == {"Лысенко"} and {e["given"] for e in entries} == {"Павел", "Иван"}


def test_a_file_that_cannot_be_read_stores_nothing_and_says_why(
    registry: Engine, editor: tuple[TestClient, str]
) -> None:
    client, token = editor
    csv = "№,ФИО\n1,Кравченко Степан\n".encode()
    mapping = json.dumps({"id": "Номер", "fields": {"name.surname": "Фамилия"}}).encode()
    files = {"file": ("list.csv", csv, "text/csv"), "mapping": ("map.json", mapping, "application/json")}
    answer = client.post("/api/sources", data={"source": "csv-list"}, files=files, headers={"X-CSRF-Token": token})
    assert answer.status_code == 422 and "list.csv" in answer.json()["detail"] and "Номер" in answer.json()["detail"]
    assert _count(registry, "csv-list") == 0
    windows = {"file": ("old.txt", TEXT.encode("cp1251"), "text/plain")}  # not UTF-8: each line says so
    old = client.post("/api/sources", data={"source": "old"}, files=windows, headers={"X-CSRF-Token": token}).json()
    assert old["added"] == 0 and old["quarantined"] == 2 and "not UTF-8" in old["quarantine"][0]["reason"]
    wrong_id = client.post("/api/sources", data={"source": "../x"}, files=files, headers={"X-CSRF-Token": token})
    assert wrong_id.status_code == 422


def test_every_kind_of_quarantine_reason_is_worded_in_russian(tmp_path: Path) -> None:
    """The reasons are made by the importer itself, so that a change of its English words shows here."""
    bad = {
        "id": "b-1", "text": "Текст", "birth": {"date": "1890-13-45"}, "arrest": "вчера", "sex": "x",
        "sentence": {"penalty": "fine", "articles": "58-10"}, "party": {"status": "whig"},
    }  # fmt: skip
    lines = [json.dumps(RECORDS[0], ensure_ascii=False), json.dumps(RECORDS[0], ensure_ascii=False), "{not json",
             "[1, 2]", json.dumps(bad, ensure_ascii=False), json.dumps({"name": {}}, ensure_ascii=False)]  # fmt: skip
    (tmp_path / "bad.jsonl").write_text("\n".join(lines) + "\n")
    engine = open_registry(f"sqlite:///{tmp_path / 'q.db'}")
    found = import_file(engine, tmp_path / "bad.jsonl", SourceInfo("bad"), format="jsonl").reasons
    (tmp_path / "old.txt").write_bytes(TEXT.encode("cp1251"))
    found += import_file(engine, tmp_path / "old.txt", SourceInfo("old"), format="text").reasons
    english = [text for _, text in found]
    assert len(english) == 7 and sum(text.count("; ") + 1 for text in english) >= 13
    russian = [reason(text, "ru") for text in english]
    for text in russian:
        # quoted values, names of formats, and the JSON and UTF-8 decoders' own words stay as they are
        kept = r"'[^']*'|«[^»]*»|\([^(]*?, (?:байт|столбец)|\b(JSON|UTF-8|null|id|list)\b"
        left = re.sub(kept, "", text)
        assert not re.search(r"\b(must|not|appears|line|object|one of|required|byte|column)\b", left), text
    assert "строка 1: текст не в UTF-8" in russian[-2] and "уже встречался в этом файле" in russian[0]
    assert [reason(text, "en") for text in english] == english
