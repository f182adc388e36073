"""The linkage table's derived columns, and string similarity by characters on every engine."""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa
import pytest
from rapidfuzz.distance import JaroWinkler

from imena.link.comparisons import JARO_WINKLER
from imena.link.engine import duckdb_engine, jaro_winkler
from imena.link.frame import EPOCH, birthplace, day_number, entry_row, linkage_table


def record(**fields: object) -> dict[str, object]:
    return {"id": "1", "source": "book", **fields}


def test_latin_names_are_read_into_cyrillic_and_share_the_russian_keys() -> None:
    german = entry_row(record(name={"surname": "Kendorf", "given": "Jakow", "patronymic": "Walterowitsch"}))
    russian = entry_row(record(name={"surname": "Кендорф", "given": "Яков", "patronymic": "Вальтерович"}))
    for column in ("surname", "surname_neutral", "surname_sound", "given_civil", "patronymic_civil"):
        assert german[column] == russian[column], column


def test_female_and_church_forms_meet_in_neutral_and_civil_columns() -> None:
    wife = entry_row(record(name={"surname": "Иванова", "given": "Авдотья", "patronymic": "Иоанновна"}))
    assert (wife["surname"], wife["surname_neutral"]) == ("иванова", "иванов")
    assert wife["given_civil"] == "евдокия"
    initials = entry_row(record(name={"surname": "Иванов", "given": "И.", "patronymic": "П."}))
    assert (initials["given_civil"], initials["given_initial"], initials["patronymic_initial"]) == (None, "и", "п")


def test_dates_become_day_numbers_only_when_the_day_is_known() -> None:
    assert day_number("1900-01-02") == 1
    assert day_number("1937-12-14") == (dt.date(1937, 12, 14) - EPOCH).days
    assert day_number("1937-12") is None and day_number("1937") is None and day_number(None) is None
    row = entry_row(record(birth={"date": "1891"}, execution={"date": "1937-11-07"}, death={"date": "1938-02"}))
    assert (row["birth_year"], row["death_day"]) == (1891, None)


@pytest.mark.parametrize(
    ("place", "settlement"),
    [
        ("Самарская губ., Новоузенский у., с. Гнаденфельд", "гнаденфельд"),
        ("д. Сосновка Лужского у. Петербургской губ.", "сосновка"),
        ("Gnadenfeld", "гнаденфельд"),
    ],
)
def test_birthplace_is_the_settlement(place: str, settlement: str) -> None:
    assert birthplace(place) == settlement


def test_the_sentencing_body_gives_the_region() -> None:
    row = entry_row(record(sentence={"body": "Особая тройка УНКВД ЛО"}))
    assert row["region"] == "Ленинградская область"
    assert linkage_table([record()]).num_rows == 1


def test_similarity_counts_characters_not_bytes() -> None:
    """DuckDB's own jaro_winkler counted bytes before DuckDB 2.0: two Cyrillic words with no letter in common
    (but the first byte of every letter) looked alike; the function the engine registers counts letters."""
    connection = duckdb.connect()
    duckdb_engine(connection)
    [(ours,)] = connection.sql(f"SELECT {JARO_WINKLER}('абв', 'где')").fetchall()
    assert ours == 0.0
    [near] = connection.sql(f"SELECT {JARO_WINKLER}('шевченко', 'шевчинко'), {JARO_WINKLER}(NULL, 'а')").fetchall()
    assert near == (pytest.approx(JaroWinkler.normalized_similarity("шевченко", "шевчинко")), None)
    column = jaro_winkler(pa.array(["иванов", None]), pa.array(["иванова", "x"]))
    assert column.to_pylist()[1] is None and column.to_pylist()[0] > 0.9
