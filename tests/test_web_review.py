"""The web's review queue: visitors are kept out, an editor sees doubtful pairs with their explanation and
decides one, and the persons change at once (API and page)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from imena.registry import schema as t
from imena.registry.importer import SourceInfo, import_file
from imena.registry.linking import current_persons, run_link
from imena.registry.review import Explainer
from imena.registry.users import add_user
from imena.web import create_app
from imena.web.routes import review as review_routes
from tests.registry_corpus import build
from tests.test_link_cli import doubtful
from tests.test_web_api import _login


def test_editors_decide_doubtful_pairs_and_visitors_cannot(tmp_path: Path) -> None:
    engine: Engine = build(f"sqlite:///{tmp_path / 'review.db'}", tmp_path)
    run_link(engine)
    pairs = doubtful(engine, 2)
    add_user(engine, "editor", "editor-password", "editor")
    visitor = TestClient(create_app(engine, secret="test"))
    assert visitor.get("/api/review").status_code == 401
    assert visitor.get("/review").status_code == 401
    assert visitor.post("/api/review", json={"pair": list(pairs[0]), "verdict": "different"}).status_code == 401
    editor = TestClient(create_app(engine, secret="test"))
    token = _login(editor, "editor", "editor-password")
    queue = editor.get("/api/review").json()["pairs"]
    assert [tuple(item["pair"]) for item in queue] == sorted(pairs)
    assert queue[0]["explanation"]["factors"][0]["comparison"] == "prior"
    assert {e["key"] for e in queue[0]["entries"]} == set(queue[0]["pair"])
    a, b = queue[0]["pair"]
    no_token = editor.post("/api/review", json={"pair": [a, b], "verdict": "different"})
    assert no_token.status_code == 403
    done = editor.post("/api/review", json={"pair": [a, b], "verdict": "same"}, headers={"X-CSRF-Token": token})
    assert done.status_code == 200, done.text
    assert done.json()["persons"][a] == done.json()["persons"][b]
    page = editor.get("/review")
    assert page.status_code == 200 and b not in page.text and queue[1]["pair"][1] in page.text
    c, d = queue[1]["pair"]
    form = {"a": c, "b": d, "verdict": "different", "csrf": token}
    assert editor.post("/review", data=form, follow_redirects=False).status_code == 303
    with engine.connect() as connection:
        persons = current_persons(connection)
    assert persons[c] != persons[d] and persons[a] == persons[b]
    shown = editor.get(f"/api/persons/{persons[a]}").json()
    assert {f"{e['source']}/{e['entry_id']}" for e in shown["entries"]} >= {a, b} and shown["fields"]
    assert 'data-field="name"' in editor.get(f"/person/{persons[a]}").text
    with engine.connect() as connection:
        emptied = connection.execute(select(t.persons.c.id).where(t.persons.c.merged_into.is_not(None))).scalar()
    assert emptied is not None and 'class="merged"' in visitor.get(f"/person/{emptied}").text


def test_the_queue_and_its_explainer_are_kept_until_what_they_read_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine: Engine = build(f"sqlite:///{tmp_path / 'review.db'}", tmp_path)
    run_link(engine)
    doubtful(engine, 2)
    add_user(engine, "editor", "editor-password", "editor")
    made: list[Engine] = []

    class Counted(Explainer):
        def __init__(self, registry: Engine) -> None:
            made.append(registry)
            super().__init__(registry)

    monkeypatch.setattr(review_routes, "Explainer", Counted)
    editor = TestClient(create_app(engine, secret="test"))
    token = _login(editor, "editor", "editor-password")
    first = editor.get("/api/review").json()["pairs"]
    assert editor.get("/api/review").json()["pairs"] == first and len(made) == 1
    a, b = first[0]["pair"]
    editor.post("/api/review", json={"pair": [a, b], "verdict": "same"}, headers={"X-CSRF-Token": token})
    after = [item["pair"] for item in editor.get("/api/review").json()["pairs"]]
    assert [a, b] not in after and len(made) == 1  # a decision changes the queue, not the entries or the model
    record = {"id": "late-1", "text": "Новиков Пётр Ильич, 1890 г. р.", "name": {"surname": "Новиков"}}
    (tmp_path / "late.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n")
    import_file(engine, tmp_path / "late.jsonl", SourceInfo("late"), format="jsonl")
    editor.get("/api/review")
    assert len(made) == 2  # a new entry changes the names' frequencies the explanations weigh
