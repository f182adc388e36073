"""Name search across scripts, spellings, declension, initials and typos, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from imena.cli import app
from imena.names import split_query
from imena.registry.candidates import one_slip, spellings
from imena.registry.database import open_registry
from imena.registry.importer import SourceInfo, import_file
from imena.registry.search import Filters, search

PEOPLE = [
    ("1", "Шевченко", "Иван", "Петрович", "m", "1890", "death"),
    ("2", "Шевченко", "Мария", "Ивановна", "f", "1895", "camp"),
    ("3", "Иванов", "Петр", "Ильич", "m", "1887", "death"),
    ("4", "Иванова", "Анна", "Петровна", "f", "1901", "camp"),
    ("5", "Ковальский", "Станислав", "Иосифович", "m", "1893", "death"),
    ("6", "Смирнов", "Иван", "Петрович", "m", "1890", "death"),
    ("7", "Ким", "Ен Хак", None, "m", "1899", "death"),
    ("8", "Покровский", "Иоанн", "Феодорович", "m", "1879", "death"),  # a priest, in the church forms
    ("9", "Бондаренко", "Микола", "Степанович", "m", "1897", "camp"),  # a Ukrainian book's form
    ("10", "Бондаренко", "Михаил", "Степанович", "m", "1897", "camp"),
]


@pytest.fixture
def registry(registry_url: str, tmp_path: Path) -> Engine:
    engine = open_registry(registry_url)
    lines = []
    for entry_id, surname, given, patronymic, sex, born, penalty in PEOPLE:
        record = {
            "id": entry_id,
            "text": f"{surname} {given} {patronymic or ''}, род. {born}.",
            "name": {"surname": surname, "given": given, "patronymic": patronymic},
            "sex": sex,
            "birth": {"date": born, "place": None},
            "sentence": {"penalty": penalty, "articles": []},
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    path = tmp_path / "people.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    import_file(engine, path, SourceInfo("book"), format="jsonl")
    return engine


def names(engine: Engine, query: str, **filters: object) -> list[str]:
    return [hit.name for hit in search(engine, query, Filters(**filters))]  # type: ignore[arg-type]


def test_an_exact_name_comes_first(registry: Engine) -> None:
    assert names(registry, "Шевченко Иван Петрович")[0] == "Шевченко Иван Петрович"


def test_latin_spellings_of_every_school_find_the_cyrillic_name(registry: Engine) -> None:
    for query in ("Schewtschenko Iwan", "Szewczenko Iwan", "Shevchenko Ivan", "Chevtchenko Ivan"):
        assert names(registry, query)[0] == "Шевченко Иван Петрович", query


def test_declined_and_other_gender_forms_are_found(registry: Engine) -> None:
    assert names(registry, "Шевченко Ивана")[0] == "Шевченко Иван Петрович"
    found = names(registry, "Иванова")
    assert set(found[:2]) == {"Иванов Петр Ильич", "Иванова Анна Петровна"}
    assert names(registry, "Ковальская")[0] == "Ковальский Станислав Иосифович"


def test_initials_narrow_the_namesakes(registry: Engine) -> None:
    assert names(registry, "Shevchenko M.")[0] == "Шевченко Мария Ивановна"
    assert names(registry, "Шевченко И. П.")[0] == "Шевченко Иван Петрович"


def test_typos_are_forgiven_and_said(registry: Engine) -> None:
    hits = search(registry, "Шевчеко Иван")
    assert hits[0].name == "Шевченко Иван Петрович"
    assert "surname: typo" in hits[0].why


def test_two_slips_in_the_surname_and_one_in_the_given_name_are_forgiven(registry: Engine) -> None:
    # two slips that change the surname's sound: found only among the forms two slips away
    assert names(registry, "Шевенкко Иавн")[0] == "Шевченко Иван Петрович"
    assert names(registry, "Шивчекно Иван")[0] == "Шевченко Иван Петрович"


def test_an_entry_printing_only_the_initial_matches_the_full_name(registry_url: str, tmp_path: Path) -> None:
    engine = open_registry(registry_url)
    record = {
        "id": "1",
        "text": "Серов И. П., 1890 г. р.",
        "name": {"surname": "Серов", "given": "И.", "patronymic": "П."},
    }
    path = tmp_path / "initials.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    import_file(engine, path, SourceInfo("list"), format="jsonl")
    hits = search(engine, "Серов Иван Петрович")
    assert hits and hits[0].name == "Серов И. П."
    assert "given name: initial" in hits[0].why


def test_church_folk_and_ukrainian_forms_find_the_civil_name_and_back(registry: Engine) -> None:
    hits = search(registry, "Покровский Иван Федорович")
    assert hits[0].name == "Покровский Иоанн Феодорович"
    assert {"given name: another form of the name", "patronymic: another form of the name"} <= set(hits[0].why)
    assert names(registry, "Бондаренко Николай")[0] == "Бондаренко Микола Степанович"
    assert names(registry, "Смирнов Иоанн")[0] == "Смирнов Иван Петрович"
    # another name is not another form: Михаил stays behind Микола when Николай is sought
    assert names(registry, "Бондаренко Николай")[1] == "Бондаренко Михаил Степанович"


def test_a_different_name_is_not_found(registry: Engine) -> None:
    assert "Смирнов Иван Петрович" not in names(registry, "Шевченко")


def test_filters(registry: Engine) -> None:
    assert names(registry, "Шевченко", born=(1894, 1896)) == ["Шевченко Мария Ивановна"]
    assert names(registry, "Шевченко", penalty="death") == ["Шевченко Иван Петрович"]
    assert names(registry, "Шевченко", source="another") == []


def test_the_command_gives_the_documented_json(registry_url: str, registry: Engine) -> None:
    result = CliRunner().invoke(app, ["--db", registry_url, "search", "Schewtschenko", "--format", "json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert {"person_id", "entry_ids", "name", "birth", "score", "why"} <= hits[0].keys()
    assert hits[0]["entry_ids"] and all(e.startswith("book:") for e in hits[0]["entry_ids"])
    assert hits[0]["score"] >= hits[-1]["score"]


def test_a_surname_one_slip_away_is_looked_up_by_its_exact_form() -> None:
    def forms(query: str) -> set[str]:
        surname = split_query(query).readings[0].surname
        assert surname is not None
        return {form for spelling in spellings(surname) for form in one_slip(spelling)}

    assert "шевченко" in forms("Шевчеко Иван")  # a letter missing
    assert "кисельчук" in forms("Киселмчук Михаил")  # a letter wrong
    assert "иванов" in forms("Иванвоа Анна")  # two letters swapped, in the female form
    assert "петров" not in forms("Шевчеко Иван")
