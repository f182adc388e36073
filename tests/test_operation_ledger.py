"""Loading the ledger and refusing malformed rows with the file and line named."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from imena.csvfile import ReferenceDataError
from imena.operation import ChangeKind, FigureKind, Ledger, Level, load_ledger
from imena.operation.ledger import CHANGES_COLUMNS, FIGURES_COLUMNS, LIMITS_COLUMNS

from .conftest import shared_folder

SHARED_LEDGER = shared_folder() / "data" / "order-00447"


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_row_of_the_shared_tables_is_loaded(ledger: Ledger) -> None:
    assert len(ledger.limits) == len(_csv_rows(SHARED_LEDGER / "limits-1937-07-30.csv"))
    assert len(ledger.changes) == len(_csv_rows(SHARED_LEDGER / "limit-changes.csv"))
    assert len(ledger.figures) == len(_csv_rows(SHARED_LEDGER / "figures.csv"))


def test_every_row_keeps_its_source(ledger: Ledger) -> None:
    sources = [row.source for rows in (ledger.limits, ledger.changes, ledger.figures) for row in rows]
    assert all(source.strip() for source in sources)
    kalinin = ledger.limit_of("Калининская область")
    assert kalinin is not None and "Naumov" in kalinin.source


def test_rows_become_typed_objects(ledger: Ledger) -> None:
    moscow = ledger.limit_of("Московская область")
    assert moscow is not None
    assert moscow.unit.level is Level.REGION and moscow.unit.parent == "РСФСР"
    assert moscow.categories.as_dict() == {"first_category": 5000, "second_category": 30000, "total": 35000}
    camps = ledger.limit_of("Лагеря НКВД")
    assert camps is not None and camps.unit.level is Level.CAMPS
    assert {c.kind for c in ledger.changes} == {ChangeKind.INCREASE, ChangeKind.REQUEST}
    assert {f.kind for f in ledger.figures} == set(FigureKind)
    assert [c.date for c in ledger.changes] == sorted(c.date for c in ledger.changes)


def test_a_change_with_one_category_raises_only_that_category(ledger: Ledger) -> None:
    first_only = next(c for c in ledger.changes if c.unit == "Калининская область" and c.date.month == 9)
    assert first_only.categories.as_dict() == {"first_category": 1500, "second_category": 0, "total": 1500}


def test_a_change_with_only_a_total_leaves_its_split_unknown(ledger: Ledger) -> None:
    ukraine = next(c for c in ledger.changes if c.unit == "Украинская ССР" and c.date.month == 2)
    assert ukraine.categories.as_dict() == {"first_category": None, "second_category": None, "total": 30000}


def test_figure_scopes_resolve_to_units(ledger: Ledger) -> None:
    scopes = {f.scope: f.unit for f in ledger.figures}
    assert scopes["Мордовская АССР"] == "Мордовская АССР"
    assert scopes["СССР, все политические дела 1937-1938"] == "СССР"
    assert scopes["Москва (Бутово)"] == "Московская область"


# --- malformed input: each problem names its file and line ---------------------------------------------


def _write(folder: Path, name: str, columns: tuple[str, ...], rows: list[dict[str, str]]) -> Path:
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*columns, "note"])
        writer.writeheader()
        writer.writerows(rows)
    return path


GOOD_LIMIT = {
    "unit": "Тульская область",
    "unit_en": "Tula oblast",
    "level": "region",
    "parent": "РСФСР",
    "first_category": "100",
    "second_category": "200",
    "total": "300",
    "source": "a test document",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"second_category": "-5"}, "'second_category' must be a non-negative whole number"),
        ({"total": "301"}, "first_category + second_category = 300, but total is 301"),
        ({"source": ""}, "'source' is empty"),
        ({"unit": "Тмутараканская область"}, "unknown unit 'Тмутараканская область'"),
        ({"parent": "Атлантида"}, "unknown unit 'Атлантида'"),
        ({"level": "province"}, "'level' is 'province'"),
        ({"first_category": "", "second_category": "", "total": ""}, "gives no number"),
        ({"first_category": "1,000"}, "not '1,000'"),
    ],
)
def test_a_bad_limit_row_is_refused_with_file_and_line(tmp_path: Path, change: dict[str, str], message: str) -> None:
    _write(
        tmp_path,
        "limits-extra.csv",
        LIMITS_COLUMNS,
        [GOOD_LIMIT, {**GOOD_LIMIT, "unit": "Рязанская область", **change}],
    )
    with pytest.raises(ReferenceDataError) as caught:
        load_ledger((tmp_path,))
    assert [str(p.origin) for p in caught.value.problems] == ["limits-extra.csv, line 3"]
    assert message in str(caught.value)


def test_all_problems_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    rows = [
        {**GOOD_LIMIT, "first_category": "x"},
        GOOD_LIMIT | {"unit": "Рязанская область"},
        {**GOOD_LIMIT, "unit": "Курская область", "source": ""},
    ]
    _write(tmp_path, "limits-extra.csv", LIMITS_COLUMNS, rows)
    with pytest.raises(ReferenceDataError) as caught:
        load_ledger((tmp_path,))
    assert [p.origin.line for p in caught.value.problems] == [2, 4]


def test_a_bad_change_and_a_bad_figure_name_their_lines(tmp_path: Path) -> None:
    change = {
        "date": "1937-13-01",
        "decision": "test",
        "unit": "Тульская область",
        "unit_en": "Tula",
        "first_category": "10",
        "second_category": "",
        "total": "",
        "kind": "increase",
        "source": "a test document",
    }
    figure = {
        "as_of": "1938-01-01",
        "scope": "СССР",
        "measure": "hanged",
        "value": "5",
        "kind": "report",
        "source": "x",
    }
    _write(tmp_path, "limit-changes-extra.csv", CHANGES_COLUMNS, [change])
    _write(tmp_path, "figures-extra.csv", FIGURES_COLUMNS, [figure, {**figure, "measure": "shot", "kind": "rumour"}])
    with pytest.raises(ReferenceDataError) as caught:
        load_ledger((tmp_path,))
    problems = [str(p) for p in caught.value.problems]
    assert any(p.startswith("limit-changes-extra.csv, line 2: 'date'") for p in problems)
    assert any(p.startswith("figures-extra.csv, line 2: 'measure' is 'hanged'") for p in problems)
    assert any(p.startswith("figures-extra.csv, line 3: 'kind' is 'rumour'") for p in problems)


def test_a_ragged_row_and_a_missing_column_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "limits-extra.csv"
    path.write_text(",".join(LIMITS_COLUMNS) + "\nТульская область,Tula,region,РСФСР,1,2,3,src,surplus\n", "utf-8")
    with pytest.raises(ReferenceDataError, match=r"limits-extra.csv, line 2: has more cells"):
        load_ledger((tmp_path,))
    path.write_text("unit,level\nТульская область,region\n", "utf-8")
    with pytest.raises(ReferenceDataError, match=r"limits-extra.csv, line 1: the header lacks the column\(s\) unit_en"):
        load_ledger((tmp_path,))


def test_binary_garbage_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "figures-extra.csv").write_bytes(b"\xff\xfe\x00\x01garbage\x00")
    with pytest.raises(ReferenceDataError, match=r"figures-extra\.csv"):
        load_ledger((tmp_path,))


def test_a_unit_given_twice_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, "limits-extra.csv", LIMITS_COLUMNS, [{**GOOD_LIMIT, "unit": "Московская область"}])
    with pytest.raises(ReferenceDataError, match=r"'Московская область' already has a limit at limits-1937-07-30\.csv"):
        load_ledger((tmp_path,))


def test_a_stray_file_in_an_extra_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n", "utf-8")
    with pytest.raises(ReferenceDataError, match=r"notes.csv: is not one of the ledger's tables"):
        load_ledger((tmp_path,))


def test_extra_rows_join_the_ledger(tmp_path: Path) -> None:
    _write(tmp_path, "limits-tula.csv", LIMITS_COLUMNS, [GOOD_LIMIT])
    extended = load_ledger((tmp_path,))
    tula = extended.limit_of("Тульская область")
    assert tula is not None and tula.source == "a test document"
    assert tula.origin.file == "limits-tula.csv"
    assert len(extended.limits) == len(load_ledger().limits) + 1


def test_extra_regions_make_new_units_known(tmp_path: Path) -> None:
    from imena.gazetteer.regions import COLUMNS

    region = dict.fromkeys(COLUMNS, "")
    region |= {"unit": "Тестовая область", "unit_en": "Test oblast", "kind": "oblast", "parent": "РСФСР"}
    region |= {"in_order_table": "no", "source": "a test document"}
    _write(tmp_path, "regions-extra.csv", COLUMNS, [region])
    _write(tmp_path, "limits-extra.csv", LIMITS_COLUMNS, [{**GOOD_LIMIT, "unit": "Тестовая область"}])
    assert load_ledger((tmp_path,)).limit_of("Тестовая область") is not None
