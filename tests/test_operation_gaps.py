"""What the ledger does not know, worked out by hand from the shared tables and the order's 64 rows."""

from __future__ import annotations

from imena.operation import Ledger, completeness, republic_gap

RSFSR_MISSING = {
    # ASSRs of the order's table with no row
    "Мордовская АССР",
    "АССР Немцев Поволжья",
    "Северо-Осетинская АССР",
    "Татарская АССР",
    "Удмуртская АССР",
    "Чечено-Ингушская АССР",
    "Чувашская АССР",
    # krais
    "Азово-Черноморский край",
    "Дальне-Восточный край",
    "Красноярский край",
    "Орджоникидзевский край",
    # oblasts
    "Воронежская область",
    "Западная область",
    "Ивановская область",
    "Курская область",
    "Куйбышевская область",
    "Кировская область",
    "Омская область",
    "Оренбургская область",
    "Сталинградская область",
    "Саратовская область",
}


def test_rsfsr_rows_explain_part_of_its_total(ledger: Ledger) -> None:
    gap = republic_gap(ledger, "РСФСР")
    assert set(gap.missing_units) == RSFSR_MISSING
    # Sverdlovsk has no row of its own: it is inside the Urals group with Chelyabinsk.
    assert gap.group_units == (("Свердловская область", "Урал (Свердловская и Челябинская области)"),)
    # Book reprints: 8,750 / 28,450; seed rows: Moscow, Leningrad, West Siberia, and the Urals group
    # less Chelyabinsk (counted already): 18,000 / 58,000.
    assert gap.explained.as_dict() == {"first_category": 26750, "second_category": 86450, "total": 113200}
    assert gap.unexplained.as_dict() == {"first_category": 20700, "second_category": 55700, "total": 76400}
    assert not gap.complete


def test_ukraine_lacks_kiev_vinnitsa_and_dnepropetrovsk(ledger: Ledger) -> None:
    gap = republic_gap(ledger, "Украинская ССР")
    assert set(gap.missing_units) == {"Киевская область", "Винницкая область", "Днепропетровская область"}
    assert gap.unexplained.as_dict() == {"first_category": 4000, "second_category": 8500, "total": 12500}


def test_kazakhstan_is_complete(ledger: Ledger) -> None:
    gap = republic_gap(ledger, "Казахская ССР")
    assert gap.missing_units == ()
    assert gap.complete


def test_the_order_table_has_64_regional_rows_and_the_camps(ledger: Ledger) -> None:
    report = completeness(ledger)
    assert report.table_units == 65
    assert report.table_units_known == 65 - len(RSFSR_MISSING) - 3


def test_national_decisions_show_how_much_of_their_split_is_known(ledger: Ledger) -> None:
    report = completeness(ledger)
    october, january = report.decisions
    assert october.parts == ()
    assert october.unallocated.as_dict() == {"first_category": 63000, "second_category": 57000, "total": 120000}
    # Armenia 1,000/1,000, Belarus 1,500, Ukraine 6,000, Georgia 1,500, Kalinin 1,500/500, Irkutsk 3,000/500.
    assert january.known_parts.as_dict() == {"first_category": 14500, "second_category": 2000, "total": 16500}
    assert january.unallocated.as_dict() == {"first_category": 33500, "second_category": 7200, "total": 40700}


def test_increases_without_a_category_split_are_listed(ledger: Ledger) -> None:
    report = completeness(ledger)
    assert [(c.unit, c.categories.total.value) for c in report.unsplit_changes] == [
        ("Украинская ССР", 30000),
        ("Иркутская область", 4000),
        ("Иркутская область", 5000),
    ]
