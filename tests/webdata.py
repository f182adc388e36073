"""A small registry for the web tests: one person told by two synthetic books that disagree, and others."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, update

from imena.registry import schema as t
from imena.registry.database import open_registry
from imena.registry.importer import SourceInfo, import_file


def _entry(
    entry_id: str, surname: str, given: str, patronymic: str, born: str, place: str | None = None, **events: Any
) -> dict[str, Any]:
    text = f"{surname} {given} {patronymic}, {born} г. р. " + " ".join(
        f"{key}: {value.get('date', '')} {value.get('place', '')}." for key, value in events.items()
    )
    return {
        "id": entry_id, "text": text.strip(), "name": {"surname": surname, "given": given, "patronymic": patronymic},
        "sex": "m" if patronymic.endswith("ич") else "f", "birth": {"date": born, "place": place},
        **events,
    }  # fmt: skip


BOOKS: dict[str, tuple[SourceInfo, bool, list[dict[str, Any]]]] = {
    "syn-a": (
        SourceInfo("syn-a", "Синтетическая книга памяти А", citation="Синтетика: т. 1, 2026", kind="memorial_book"),
        True,
        [
            _entry("a-1", "Шевченко", "Иван", "Петрович", "1890", place="с. Лозовое",
                   arrest={"date": "1937-08-10"}, sentence={"date": "1937-09-01", "penalty": "death",
                   "body": "тройка при УНКВД по Воронежской обл.", "articles": ["58-10"]},
                   execution={"date": "1937-09-15", "place": "Воронеж"}),
            _entry("a-2", "Иванова", "Анна", "Петровна", "1901", sentence={"date": "1938-01-10", "penalty": "camp"}),
        ],
    ),
    "syn-b": (
        SourceInfo("syn-b", "Синтетический список Б", kind="execution_list"),
        True,
        [
            _entry("b-7", "Шевченко", "Иван", "Петрович", "1891", execution={"date": "1937-09-20"},
                   death={"date": "1942-03-10", "text": "умер от воспаления лёгких"},
                   rehabilitation={"date": "1989-06-14", "by": "Прокуратура Воронежской обл."}),
        ],
    ),
    "book": (
        SourceInfo("book", "Тестовая книга (вымышленные записи тестов)", citation="Тест, 2001", kind="memorial_book"),
        False,
        [_entry("17", "Смирнов", "Пётр", "Ильич", "1887", sentence={"penalty": "death"})],
    ),
}  # fmt: skip


def person_of(engine: Engine, source: str, entry_id: str) -> int:
    pe = t.person_entries.c
    with engine.connect() as c:
        return int(c.execute(select(pe.person_id).where(pe.source_id == source, pe.entry_id == entry_id)).scalar_one())


def build_registry(url: str, folder: Path) -> Engine:
    """The registry, with the two Шевченко entries joined into one person as linkage would join them."""
    engine = open_registry(url)
    for name, (info, synthetic, records) in BOOKS.items():
        path = folder / f"{name}.jsonl"
        lines = [json.dumps({**r, "synthetic": synthetic} if synthetic else r, ensure_ascii=False) for r in records]
        path.write_text("\n".join(lines) + "\n", "utf-8")
        import_file(engine, path, info, format="jsonl")
    keep = person_of(engine, "syn-a", "a-1")
    with engine.begin() as c:
        pe = t.person_entries.c
        c.execute(update(t.person_entries).where(pe.source_id == "syn-b", pe.entry_id == "b-7").values(person_id=keep))
    return engine
