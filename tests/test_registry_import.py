"""Importing into the registry, on SQLite and on PostgreSQL: idempotent, versioned, quarantined, transactional."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from imena.registry import importer, inputs, prepare, records
from imena.registry import schema as t
from imena.registry.database import open_registry
from imena.registry.importer import SourceInfo, import_file
from imena.registry.inputs import MappingError


def record(n: int, **changes: Any) -> dict[str, Any]:
    base = {
        "id": f"e{n}",
        "text": f"Иванов{n} Иван Петрович, род. 1890. Расстрелян 14.12.1937.",
        "name": {"surname": f"Иванов{n}", "given": "Иван", "patronymic": "Петрович"},
        "sex": "m",
        "birth": {"date": "1890", "place": None},
        "execution": {"date": "1937-12-14", "place": None},
        "sentence": {"penalty": "death", "articles": []},
    }
    return {**base, **changes}


def write(path: Path, records: list[Any]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records))
    return path


def count(engine: Engine, table: Any, *where: Any) -> int:
    with engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(table).where(*where)).scalar() or 0)


def snapshot(engine: Engine) -> dict[str, int]:
    tables = (t.entries, t.persons, t.person_entries, t.name_forms, t.quarantine, t.sources)
    return {table.name: count(engine, table) for table in tables}


@pytest.fixture
def registry(registry_url: str) -> Engine:
    return open_registry(registry_url)


def test_importing_the_same_file_twice_changes_nothing(registry: Engine, tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", [record(n) for n in range(5)])
    first = import_file(registry, path, SourceInfo("book", "A book"), format="jsonl")
    before = snapshot(registry)
    second = import_file(registry, path, SourceInfo("book"), format="jsonl")
    assert (first.added, second.added, second.unchanged) == (5, 0, 5)
    assert snapshot(registry) == before
    assert before["persons"] == 5 and before["entries"] == 5


def test_a_changed_entry_becomes_a_new_version_beside_the_old(registry: Engine, tmp_path: Path) -> None:
    import_file(registry, write(tmp_path / "a.jsonl", [record(1), record(2)]), SourceInfo("book"), format="jsonl")
    corrected = record(1, birth={"date": "1891", "place": None})
    summary = import_file(
        registry, write(tmp_path / "b.jsonl", [corrected, record(2)]), SourceInfo("book"), format="jsonl"
    )
    assert (summary.versioned, summary.unchanged) == (1, 1)
    with registry.connect() as c:
        versions = c.execute(
            select(t.entries.c.version, t.entries.c.current, t.entries.c.birth_year)
            .where(t.entries.c.entry_id == "e1")
            .order_by(t.entries.c.version)
        ).all()
    assert [tuple(v) for v in versions] == [(1, False, 1890), (2, True, 1891)]
    assert count(registry, t.persons) == 2  # the new version is the same person's


def test_bad_entries_go_to_quarantine_with_line_and_reason(registry: Engine, tmp_path: Path) -> None:
    lines = [
        record(1),
        "{not json",
        record(2, text=""),
        record(3, birth={"date": "1890-13-45"}),
        record(4, sex="x"),
        record(1),  # the same id again in one file
        record(5),
    ]
    summary = import_file(registry, write(tmp_path / "q.jsonl", lines), SourceInfo("book"), format="jsonl")
    assert (summary.added, summary.quarantined) == (2, 5)
    with registry.connect() as c:
        held = {row.line: row.reason for row in c.execute(select(t.quarantine))}
    assert set(held) == {2, 3, 4, 5, 6}
    assert "not JSON" in held[2]
    assert 'no "text"' in held[3]
    assert '"birth.date" must be a date' in held[4]
    assert '"sex" must be' in held[5]
    assert "appears again" in held[6]


@pytest.mark.parametrize("workers", [0, 2], ids=["here", "in two processes"])
def test_a_failure_in_the_middle_stores_nothing_of_the_file(
    registry: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    import_file(
        registry, write(tmp_path / "first.jsonl", [record(n) for n in range(3)]), SourceInfo("book"), format="jsonl"
    )
    before = snapshot(registry)
    real_columns = records.columns

    def failing(record: dict[str, Any], gazetteer: Any) -> dict[str, Any]:
        if record["id"] == "e2510":  # after several batches have been written
            raise RuntimeError("the disk is full")
        return real_columns(record, gazetteer)

    monkeypatch.setattr(prepare, "columns", failing)  # forked workers inherit it
    big = write(tmp_path / "second.jsonl", [record(n) for n in range(10, 5010)])
    with pytest.raises(RuntimeError, match="the disk is full"):
        import_file(registry, big, SourceInfo("other"), format="jsonl", workers=workers)
    assert snapshot(registry) == before
    assert count(registry, t.imports) == 1


def test_the_record_and_text_are_stored_as_text_the_database_reads(registry: Engine, tmp_path: Path) -> None:
    """They travel as UTF-8 bytes on their way in; stored as a blob, they would read back as bytes, and
    SQLite's JSON functions would take them for its binary JSON."""
    path = write(tmp_path / "a.jsonl", [record(1, text="Ёлкин Пётр — «расстрелян» 1937")])
    import_file(registry, path, SourceInfo("book"), format="jsonl")
    e = t.entries.c
    with registry.connect() as c:
        row = c.execute(select(e.text, e.record)).one()
        surname = c.execute(select(e.record[("name", "surname")].as_string())).scalar()
        if registry.dialect.name == "sqlite":
            kinds = c.execute(select(func.typeof(e.text), func.typeof(e.record))).one()
            assert tuple(kinds) == ("text", "text")
    assert row.text == "Ёлкин Пётр — «расстрелян» 1937"
    assert row.record["name"]["surname"] == "Иванов1" and "text" not in row.record
    assert surname == "Иванов1"


def test_entries_prepared_in_other_processes_are_stored_as_those_prepared_here(
    registry_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inputs, "BLOCK", 5000)  # many blocks of lines, cut mid-line, to number right
    lines: list[Any] = [record(n) for n in range(2500)]
    lines[600] = ""  # a blank line is no entry, yet a line
    lines[1200] = "{not json"
    lines[2400] = record(7)  # an id seen before
    path = write(tmp_path / "many.jsonl", lines)
    stored = []
    for workers in (0, 1, 2):
        engine = open_registry(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        summary = import_file(engine, path, SourceInfo("book"), format="jsonl", workers=workers)
        e = t.entries.c
        with engine.connect() as c:
            rows = c.execute(select(e.entry_id, e.position, e.content_sha256, e.surname_form, e.record).order_by(e.pk))
            stored.append(([tuple(row) for row in rows], summary.reasons, snapshot(engine)))
    assert stored[0][2]["entries"] == 2497 and stored[0][2]["quarantine"] == 2
    assert stored[0] == stored[1] == stored[2]


def test_text_goes_through_the_parser(registry: Engine, tmp_path: Path) -> None:
    path = tmp_path / "book.txt"
    path.write_text("Гусев Павел Ильич, род. 1902, русский, б/п. Расстрелян 14.12.1937.\n\n"
                    "Петрова Анна Ивановна, род. 1899. Расстреляна 01.02.1938.\n", "utf-8")  # fmt: skip
    assert import_file(registry, path, SourceInfo("list"), format="text").added == 2
    with registry.connect() as c:
        rows = c.execute(select(t.entries.c.surname, t.entries.c.sex, t.entries.c.execution_date)).all()
    assert sorted(tuple(r) for r in rows) == [("Гусев", "m", "1937-12-14"), ("Петрова", "f", "1938-02-01")]


def test_csv_goes_in_by_a_mapping(registry: Engine, tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("№,Фамилия,Имя,Год\n1,Шевченко,Тарас,1901\n2,Ким,Ен Хак,1899\n", "utf-8")
    mapping = {"id": "№", "fields": {"name.surname": "Фамилия", "name.given": "Имя", "birth.date": "Год"}}
    assert import_file(registry, path, SourceInfo("csv"), format="csv", mapping=mapping).added == 2
    with registry.connect() as c:
        rows = c.execute(select(t.entries.c.surname, t.entries.c.birth_year, t.entries.c.text)).all()
    assert ("Шевченко", 1901, "№: 1; Фамилия: Шевченко; Имя: Тарас; Год: 1901") in [tuple(r) for r in rows]
    with pytest.raises(MappingError, match="no column"):
        import_file(registry, path, SourceInfo("csv"), format="csv", mapping={"id": "Номер"})


def test_synthetic_records_mark_their_source(registry: Engine, tmp_path: Path) -> None:
    import_file(registry, write(tmp_path / "s.jsonl", [record(1, synthetic=True)]), SourceInfo("syn"), format="jsonl")
    with registry.connect() as c:
        assert c.execute(select(t.sources.c.synthetic)).scalar() is True
        assert c.execute(select(t.entries.c.synthetic)).scalar() is True


def test_every_import_is_in_the_audit_log(registry: Engine, tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", [record(1)])
    import_file(registry, path, SourceInfo("book"), format="jsonl", actor="tester")
    with registry.connect() as c:
        entry = c.execute(select(t.audit_log)).one()
        recorded = c.execute(select(t.imports.c.file_sha256)).scalar()
    assert (entry.actor, entry.action, entry.detail["added"]) == ("tester", "import", 1)
    assert recorded == entry.detail["file_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_large_import_refreshes_the_planners_statistics(
    postgres_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = open_registry(postgres_server)
    with engine.begin() as c:  # the session's server is shared: start from an empty registry
        c.exec_driver_sql("TRUNCATE entries, name_forms, person_entries, persons, quarantine, imports, sources CASCADE")

    def analysed() -> bool:
        with engine.connect() as c:
            query = "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'entries'"
            return bool(c.exec_driver_sql(query).scalar())

    monkeypatch.setattr(importer, "RESTATE_FROM", 3)
    import_file(engine, write(tmp_path / "a.jsonl", [record(n) for n in range(2)]), SourceInfo("a"), format="jsonl")
    assert not analysed()
    import_file(engine, write(tmp_path / "b.jsonl", [record(n) for n in range(3)]), SourceInfo("b"), format="jsonl")
    assert analysed()
