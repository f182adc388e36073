"""The limits in force on a date, for a unit and for the whole Union.

Expected values are worked out by hand from the rows of ../shared/data/order-00447, as the comments show.
"""

from __future__ import annotations

import datetime as dt

from imena.operation import (
    FigureKind,
    Ledger,
    limits_in_force,
    national_decision,
    national_in_force,
    timeline,
    units_in_force,
)

D = dt.date


def test_kalinin_before_its_first_increase(ledger: Ledger) -> None:
    # The order's table only: 1,000 first category of 4,000.
    kalinin = limits_in_force(ledger, "Калининская область", D(1937, 9, 15))
    assert kalinin.categories.as_dict() == {"first_category": 1000, "second_category": 3000, "total": 4000}
    assert kalinin.increases == ()


def test_kalinin_after_its_first_increase(ledger: Ledger) -> None:
    # 16 Sept 1937: +1,500 first category.
    kalinin = limits_in_force(ledger, "Калининская область", D(1937, 9, 17))
    assert kalinin.categories.as_dict() == {"first_category": 2500, "second_category": 3000, "total": 5500}
    assert [c.date for c in kalinin.increases] == [D(1937, 9, 16)]
    assert any("Naumov" in source for source in kalinin.sources)


def test_kalinin_at_the_end(ledger: Ledger) -> None:
    # + 1,500/0 (16 Sept) + 700/1,000 (13 Dec) + 1,500/500 (31 Jan 1938)
    kalinin = limits_in_force(ledger, "Калининская область", D(1938, 11, 17))
    assert kalinin.categories.as_dict() == {"first_category": 4700, "second_category": 4500, "total": 9200}


def test_the_day_of_a_decision_counts(ledger: Ledger) -> None:
    on_the_day = limits_in_force(ledger, "Калининская область", D(1937, 9, 16))
    assert on_the_day.categories.first.value == 2500


def test_requests_do_not_count(ledger: Ledger) -> None:
    # Gorky asked for 3,000/2,000 more on 4 Feb 1938; only the increase of 8 Oct 1937 (+1,000) was approved.
    gorky = limits_in_force(ledger, "Горьковская область", D(1938, 3, 1))
    assert gorky.categories.as_dict() == {"first_category": 2000, "second_category": 3500, "total": 5500}


def test_a_unit_without_a_row_is_unknown_with_its_increases_as_a_lower_bound(ledger: Ledger) -> None:
    # Irkutsk oblast was made in Sept 1937 from East Siberia: its own limit is not in the ledger.
    irkutsk = limits_in_force(ledger, "Иркутская область", D(1938, 2, 1))
    assert irkutsk.initial is None
    assert irkutsk.categories.as_dict() == {"first_category": None, "second_category": None, "total": None}
    assert irkutsk.categories.lower_bounds() == {"first_category": 3000, "second_category": 500, "total": 3500}


def test_an_increase_of_unknown_split_keeps_the_total(ledger: Ledger) -> None:
    # Ukraine: 8,000/20,800 + 6,000 first category (31 Jan 1938) + 30,000 of unknown split (17 Feb 1938).
    ukraine = limits_in_force(ledger, "Украинская ССР", D(1938, 3, 1))
    assert ukraine.categories.total.value == 28800 + 6000 + 30000
    assert ukraine.categories.first.value is None
    assert ukraine.categories.first.known == 14000


def test_the_national_plan_of_the_order(ledger: Ledger) -> None:
    plan = national_in_force(ledger, D(1937, 7, 30))
    assert plan.as_dict() == {"first_category": 75950, "second_category": 193000, "total": 268950}


def test_the_national_plan_agrees_with_the_printed_plan(ledger: Ledger) -> None:
    printed = {f.measure: f.value for f in ledger.figures if f.kind is FigureKind.PLAN}
    plan = national_in_force(ledger, D(1937, 7, 30)).as_dict()
    assert printed == {f"limit_{k}": v for k, v in plan.items()}


def test_the_national_plan_after_15_october_1937(ledger: Ledger) -> None:
    # 268,950 + Kalinin 1,500/0 (16 Sept) + Gorky 1,000/0 (8 Oct) + the national 63,000/57,000 (15 Oct).
    plan = national_in_force(ledger, D(1937, 10, 15))
    assert plan.as_dict() == {
        "first_category": 75950 + 1500 + 1000 + 63000,
        "second_category": 193000 + 57000,
        "total": 268950 + 1500 + 1000 + 120000,
    }


def test_the_national_plan_after_31_january_1938(ledger: Ledger) -> None:
    # ... + Kalinin 700/1,000 (13 Dec) + the national 48,000/9,200 (31 Jan); the regional rows of
    # 31 Jan (Armenia, Belarus, Ukraine, Georgia, Kalinin, Irkutsk) are parts of the national 57,200.
    plan = national_in_force(ledger, D(1938, 1, 31))
    assert plan.as_dict() == {
        "first_category": 141450 + 700 + 48000,
        "second_category": 250000 + 1000 + 9200,
        "total": 391450 + 1700 + 57200,
    }


def test_regional_rows_of_a_national_decision_are_its_parts(ledger: Ledger) -> None:
    parts = {c.unit for c in ledger.changes if national_decision(ledger, c) is not None}
    assert parts == {
        "Армянская ССР",
        "Белорусская ССР",
        "Украинская ССР",
        "Грузинская ССР",
        "Калининская область",
        "Иркутская область",
    }


def test_after_an_unsplit_increase_the_national_categories_are_unknown(ledger: Ledger) -> None:
    # 17 Feb 1938: Ukraine +30,000 with no category split.
    plan = national_in_force(ledger, D(1938, 2, 17))
    assert plan.total.value == 450350 + 30000
    assert plan.first.value is None and plan.first.known == 190150


def test_units_in_force_lists_the_table_and_the_units_raised_without_a_row(ledger: Ledger) -> None:
    names = [row.unit for row in units_in_force(ledger, D(1938, 11, 17))]
    assert names[: len(ledger.limits)] == [limit.unit.name for limit in ledger.limits]
    assert set(names[len(ledger.limits) :]) == {"Иркутская область", "Дальне-Восточный край"}


def test_the_timeline_holds_every_figure_and_the_plan_after_each_change(ledger: Ledger) -> None:
    rows = timeline(ledger)
    assert [r.date for r in rows] == sorted(r.date for r in rows)
    assert sum(not r.derived for r in rows) == len(ledger.figures)
    plan_days = sorted({r.date for r in rows if r.derived})
    assert D(1937, 10, 15) in plan_days and D(1938, 1, 31) in plan_days
    assert D(1938, 2, 4) not in plan_days  # a request changes nothing
    after_october = {r.measure: r.value for r in rows if r.derived and r.date == D(1937, 10, 15)}
    assert after_october == {"limit_first_category": 141450, "limit_second_category": 250000, "limit_total": 391450}
    unsplit = next(r for r in rows if r.derived and r.date == D(1938, 2, 17) and r.measure == "limit_first_category")
    assert unsplit.value is None and unsplit.lower_bound == 190150 and "unknown" in unsplit.note
