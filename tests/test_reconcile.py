"""A person's operation from its entries, and the documented persons beside the ledger's limits and reports."""

from __future__ import annotations

import datetime as dt

from imena.operation import Ledger, limits_in_force, national_in_force
from imena.reconcile.attribution import EntryOperation, Operation, attribute_person
from imena.reconcile.coverage import UNKNOWN_REGION, reconcile_by_month, reconcile_by_region
from imena.reconcile.documented import DocumentedEntry, DocumentedPerson, consensus, document_person, month_of


def entry(source: str, code: str | None, **fields: str | None) -> DocumentedEntry:
    values: dict[str, str | None] = {"region": None, "penalty": None, "sentence_date": None, "execution_date": None}
    values.update(fields)
    return DocumentedEntry(1, False, source, f"{source}-1", operation=code, **values)


def test_each_sentencing_body_gives_its_operation() -> None:
    cases = {
        "order_00447": Operation.ORDER_00447,
        "national_operation": Operation.NATIONAL,
        "military_collegium": Operation.OTHER,
        "court": Operation.OTHER,
        "unknown": Operation.UNKNOWN,
        None: Operation.UNKNOWN,
    }
    for code, expected in cases.items():
        assert attribute_person([EntryOperation("book", "1", code)]).operation is expected, code


def test_an_entry_without_a_body_does_not_outvote_one_with_a_body() -> None:
    person = attribute_person(
        [
            EntryOperation("list", "1", "unknown"),
            EntryOperation("list2", "7", None),
            EntryOperation("book", "3", "court"),
        ]
    )
    assert person.operation is Operation.OTHER and not person.conflicting
    assert any("book/3" in reason and "court" in reason for reason in person.reasons)


def test_conflicting_entries_follow_the_majority_and_a_tie_stays_unknown() -> None:
    majority = attribute_person(
        [EntryOperation("a", "1", "order_00447"), EntryOperation("b", "1", "order_00447"),
         EntryOperation("c", "1", "national_operation")]
    )  # fmt: skip
    assert majority.operation is Operation.ORDER_00447 and majority.conflicting
    assert "conflict" in majority.reasons[-1]
    tie = attribute_person([EntryOperation("a", "1", "order_00447"), EntryOperation("b", "1", "national_operation")])
    assert tie.operation is Operation.UNKNOWN and tie.conflicting and "tie" in tie.reasons[-1]


def test_a_persons_fields_are_those_most_entries_give() -> None:
    assert consensus(["a", "b", "a", None]) == ("a", True)
    assert consensus(["a", "b"]) == (None, True)
    assert consensus([None, None]) == (None, False)
    assert month_of(entry("x", None, sentence_date="1937", execution_date="1937-10-03")) == "1937-10"
    person = document_person(
        [
            entry("book", "order_00447", region="Калининская область", penalty="death", sentence_date="1937-09-01"),
            entry("list", "order_00447", region="Калининская область", penalty="camp", sentence_date="1937-09-20"),
            entry("db", None, region="Тверская губерния", penalty="death", sentence_date=None),
        ]
    )
    assert person.sources == frozenset({"book", "list", "db"})
    assert (person.region, person.month, person.category) == ("Калининская область", "1937-09", 1)
    assert person.disputed == ("region", "category")


def person(n: int, code: str | None, region: str | None, penalty: str | None, date: str | None) -> DocumentedPerson:
    return document_person([DocumentedEntry(n, True, "book", f"b{n}", region, penalty, date, None, code)])


def test_by_region_coverage_divides_by_the_limits_in_force_and_shows_gaps_as_unknown(ledger: Ledger) -> None:
    persons = [
        *(person(n, "order_00447", "Калининская область", "death", "1937-09-01") for n in range(30)),
        *(person(100 + n, "order_00447", "Калининская область", "camp", "1937-10-01") for n in range(12)),
        person(200, "order_00447", "Иркутская область", "death", "1938-02-01"),
        person(201, None, "Калининская область", "death", "1937-09-01"),
        person(202, "national_operation", "Калининская область", "death", "1937-09-01"),
        person(203, "order_00447", None, "death", "1937-09-01"),
    ]
    report = reconcile_by_region(persons, ledger)
    rows = {row.key: row for row in report.rows}
    assert report.persons == 46 and report.by_operation == {"00447": 44, "national": 1, "unknown": 1}
    kalinin = rows["Калининская область"]
    assert (kalinin.documented.first, kalinin.documented.second, kalinin.documented.unattributed) == (30, 12, 1)
    limits = limits_in_force(ledger, "Калининская область", dt.date(1938, 11, 17)).categories
    assert limits.first.value and limits.second.value and limits.total.value
    assert kalinin.coverage() == {
        "first_category": round(30 / limits.first.value, 6),
        "second_category": round(12 / limits.second.value, 6),
        "total": round(42 / limits.total.value, 6),
    }
    irkutsk = rows["Иркутская область"]  # no row in the order's table: a gap, never a number
    assert irkutsk.limits is not None and irkutsk.limits.first.value is None
    assert irkutsk.coverage()["first_category"] is None and irkutsk.notes
    assert rows[UNKNOWN_REGION].documented.first == 1 and rows[UNKNOWN_REGION].limits is None
    assert report.as_dict()["synthetic"] is True


def test_by_month_compares_the_running_total_with_the_national_plan_and_reports(ledger: Ledger) -> None:
    persons = [person(n, "order_00447", "Калининская область", "death", "1937-08-20") for n in range(5)]
    persons += [person(10 + n, "order_00447", "Калининская область", "camp", "1937-10-20") for n in range(7)]
    report = reconcile_by_month(persons, ledger)
    august, october = report.rows
    assert (august.key, august.cumulative, october.key, october.cumulative) == ("1937-08", 5, "1937-10", 12)
    plan = national_in_force(ledger, dt.date(1937, 10, 31)).total.value
    assert plan and october.coverage() == {"total": round(12 / plan, 6)}
    reported = {f.measure: f for f in october.reported}
    assert reported["sentenced"].as_of == dt.date(1937, 9, 30)  # the latest report before the month's end
    assert october.coverage_of_reported() == round(12 / reported["sentenced"].value, 6)
