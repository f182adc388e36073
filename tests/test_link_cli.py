"""`imena link`, `imena explain`, `imena review` and `imena person` on a small synthetic registry (SQLite; the
registry functions beneath are tested on PostgreSQL too, in test_registry_linking.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, update
from typer.testing import CliRunner

from imena.cli import app
from imena.cli.link import review_session
from imena.registry import schema as t
from imena.registry.linking import current_persons
from tests.registry_corpus import build

runner = CliRunner()


@pytest.fixture
def registry(tmp_path: Path) -> tuple[str, Engine]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    return url, build(url, tmp_path)


def imena(url: str, *args: str, input: str | None = None) -> str:
    result = runner.invoke(app, ["--db", url, *args], input=input)
    assert result.exit_code == 0, result.output
    return result.stdout


def doubtful(engine: Engine, count: int) -> list[tuple[str, str]]:
    """Make some stored pairs doubtful (the synthetic corpus is too clean to leave any in the band)."""
    with engine.begin() as c:
        rows = c.execute(select(t.links.c.entry_l, t.links.c.entry_r).order_by(t.links.c.entry_l).limit(count)).all()
        for a, b in rows:
            c.execute(
                update(t.links).where(t.links.c.entry_l == a, t.links.c.entry_r == b).values(match_probability=0.5)
            )
    return [(a, b) for a, b in rows]


def test_link_then_explain_and_show_a_person(registry: tuple[str, Engine]) -> None:
    url, engine = registry
    out = imena(url, "link")
    assert "persons after" in out and "merges" in out
    with engine.connect() as c:
        best = c.execute(select(t.links).order_by(t.links.c.match_probability.desc())).first()
        persons = current_persons(c)
    assert best is not None
    found = json.loads(imena(url, "explain", best.entry_l, best.entry_r.replace("/", ":", 1), "--format", "json"))
    assert sum(f["weight"] for f in found["factors"]) == pytest.approx(found["match_weight"])
    assert "match weight" in imena(url, "explain", best.entry_l, best.entry_r)
    person = persons[best.entry_l]
    view = json.loads(imena(url, "person", str(person), "--format", "json"))
    assert {e["key"] for e in view["entries"]} >= {best.entry_l, best.entry_r}
    assert {"name", "birth.date"} <= {f["field"] for f in view["fields"]}
    assert view["name"] in imena(url, "person", str(person))
    assert runner.invoke(app, ["--db", url, "person", "999999"]).exit_code == 2


def test_review_answers_through_injected_input_and_a_withdrawal(registry: tuple[str, Engine]) -> None:
    url, engine = registry
    imena(url, "link")
    pairs = doubtful(engine, 3)
    shown: list[dict[str, Any]] = []
    answers = iter(["x", "d", "k", "q"])  # a wrong key is asked again
    counts = review_session(engine, author="tester", limit=10, ask=lambda _: next(answers), show=shown.append)
    assert counts["different"] == 1 and counts["skip"] == 1 and counts["quit"] == 1 and len(shown) == 3
    first = shown[0]
    assert "explanation" in first and len(first["entries"]) == 2
    decided = (first["pair"][0], first["pair"][1])
    with engine.connect() as c:
        row = c.execute(select(t.decisions)).one()
        persons = current_persons(c)
    assert row.kind == "different" and row.author == "tester" and tuple(row.detail["pair"]) == decided
    assert persons[decided[0]] != persons[decided[1]] and decided in pairs
    queue = json.loads(imena(url, "review", "--list"))
    assert decided not in [tuple(d["pair"]) for d in queue] and len(queue) == 2
    out = imena(url, "review", "--author", "tester", "--limit", "1", input="s\n")  # stdin, as a person types
    assert "Are these one person?" in out and "same" in out
    imena(url, "review", "--withdraw", str(row.id), "--reason", "a slip")
    with engine.connect() as c:
        assert c.execute(select(t.decisions.c.withdrawn_by).where(t.decisions.c.id == row.id)).scalar() is not None
    assert runner.invoke(app, ["--db", url, "review", "--withdraw", str(row.id)]).exit_code == 2
