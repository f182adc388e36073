"""The person view: every value of each field with its sources, conflicts shown, and the preferred value by
the documented rules (agreeing values, the execution date over a false death date, more sources, a more
trusted source, precision)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from imena.registry.persons import person_fields, person_view
from tests.webdata import build_registry, person_of


def entry(source: str, kind: str | None, reliability: float | None = None, **record: Any) -> dict[str, Any]:
    return {"source": source, "entry_id": "1", "source_kind": kind, "source_reliability": reliability,
            "name": record.pop("name", ""), "region": None, "record": record}  # fmt: skip


def field(fields: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(f for f in fields if f["field"] == name)


def test_agreeing_dates_are_one_reading_shown_at_their_most_precise() -> None:
    found = field(person_fields([entry("a", "execution_list", birth={"date": "1890"}),
                                 entry("b", "memorial_book", birth={"date": "1890-05-02"})]), "birth.date")  # fmt: skip
    assert found["conflict"] is False and found["preferred"] == "1890-05-02"
    assert found["reason"] == "the most precise of agreeing values"
    assert {v["value"]: v["sources"] for v in found["values"]} == {"1890-05-02": ["b"], "1890": ["a"]}


def test_more_sources_then_a_more_trusted_source_win() -> None:
    three = [entry("a", "execution_list", birth={"date": "1891"}), entry("b", "camp_records", birth={"date": "1891"}),
             entry("c", "database", birth={"date": "1890"})]  # fmt: skip
    found = field(person_fields(three), "birth.date")
    assert found["conflict"] is True and found["preferred"] == "1891" and "2 sources" in found["reason"]
    two = [entry("a", "execution_list", birth={"date": "1891"}), entry("c", "database", birth={"date": "1890"})]
    found = field(person_fields(two), "birth.date")
    assert found["preferred"] == "1890" and "more trusted source (c, database)" in found["reason"]
    trusted = [
        entry("a", "execution_list", 0.9, birth={"date": "1891"}),
        entry("c", "database", 0.5, birth={"date": "1890"}),
    ]
    assert field(person_fields(trusted), "birth.date")["preferred"] == "1891"  # reliability before kind


def test_a_false_death_date_gives_way_to_the_execution_date() -> None:
    early = entry("cert", "database", death={"date": "1943-05-05"})
    true = entry("rehab", "memorial_book", execution={"date": "1937-11-20"}, death={"date": "1937-11-20"})
    found = field(person_fields([early, true]), "death.date")
    assert found["conflict"] is True and found["preferred"] == "1937-11-20"
    assert "execution date" in found["reason"]
    only_false = field(person_fields([early, entry("act", None, execution={"date": "1937-11-20"})]), "death.date")
    assert only_false["preferred"] == "1937-11-20"


def test_the_view_of_a_registry_person(tmp_path: Path) -> None:
    engine = build_registry(f"sqlite:///{tmp_path / 'p.db'}", tmp_path)
    view = person_view(engine, person_of(engine, "syn-a", "a-1"))
    assert view is not None and view["name"] == "Шевченко Иван Петрович" and view["synthetic"] is True
    fields = {f["field"]: f for f in view["fields"]}
    assert fields["birth.date"]["preferred"] == "1890"  # a memorial book over an execution list
    assert fields["execution.date"]["conflict"] and fields["execution.date"]["preferred"] == "1937-09-15"
    assert fields["death.date"]["preferred"] == "1937-09-15"  # the death in 1942 is a certificate's
    assert fields["rehabilitation.by"]["values"][0]["sources"] == ["syn-b"]
    assert [e["key"] for e in view["entries"]] == ["syn-a/a-1", "syn-b/b-7"]
    assert person_view(engine, 99999) is None
