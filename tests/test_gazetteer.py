"""The gazetteer of 1937-38 and the resolution of sentencing bodies and places to its regions."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from imena.gazetteer import Gazetteer
from imena.operation import Ledger

from .conftest import TEST_DATA, real_entries


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def region_of(found: object) -> str | None:
    region = getattr(found, "region", None)
    return None if region is None else str(region.name)


def test_every_unit_of_the_ledger_is_in_the_gazetteer(ledger: Ledger, gazetteer: Gazetteer) -> None:
    units = {limit.unit.name for limit in ledger.limits} | {c.unit for c in ledger.changes}
    assert units <= gazetteer.regions.keys()


def test_every_row_has_names_a_source_and_a_centre(gazetteer: Gazetteer) -> None:
    for region in gazetteer.regions.values():
        assert region.name_en and region.source, region.name
        if region.kind in ("krai", "oblast", "assr", "union_republic"):
            assert region.centre and region.centre_lat and region.centre_lon, region.name


def test_the_gazetteer_covers_the_units_of_1937_38(gazetteer: Gazetteer) -> None:
    start = dt.date(1937, 8, 5)
    kinds = [r.kind for r in gazetteer.regions.values() if r.exists_on(start)]
    assert kinds.count("union_republic") == 11
    assert sum(r.in_order_table for r in gazetteer.regions.values()) == 65
    for name in ("Тульская область", "Алтайский край", "Хабаровский край", "Якутская АССР", "Полтавская область"):
        assert name in gazetteer


def test_units_know_when_they_existed(gazetteer: Gazetteer) -> None:
    east_siberia = gazetteer.regions["Восточно-Сибирская область"]
    irkutsk = gazetteer.regions["Иркутская область"]
    assert east_siberia.exists_on(dt.date(1937, 8, 5)) and not east_siberia.exists_on(dt.date(1937, 10, 1))
    assert irkutsk.exists_on(dt.date(1937, 10, 1)) and not irkutsk.exists_on(dt.date(1937, 8, 5))
    assert set(east_siberia.successors) >= {"Иркутская область", "Читинская область"}


@pytest.mark.parametrize(
    ("body", "region"),
    [
        ("тройка при УНКВД по Воронежской обл.", "Воронежская область"),
        ("Особая тройка УНКВД ЛО", "Ленинградская область"),
        ("тройка НКВД Карельской АССР", "Карельская АССР"),
        ("тройка при УНКВД по ДВК", "Дальне-Восточный край"),
        ("Особой тройкой УНКВД по Московской области", "Московская область"),
        ("тройкой при УНКВД Красноярского края", "Красноярский край"),
        ("Тройка при ПП ОГПУ Нижегородского края", "Горьковская область"),  # an earlier name
        ("Тройка УНКВД по ВКО", "Восточно-Казахстанская область"),
        ("тройка при НКВД АССР НП", "АССР Немцев Поволжья"),
        ("Куйбышевский облсуд", "Куйбышевская область"),
    ],
)
def test_sentencing_bodies_resolve_to_their_region(gazetteer: Gazetteer, body: str, region: str) -> None:
    assert region_of(gazetteer.resolve_body(body)) == region


@pytest.mark.parametrize(
    "body",
    [
        "Особое совещание при НКВД СССР",
        "Комиссия НКВД и Прокурора СССР",
        "ВКВС СССР",
        "Военная коллегия Верховного суда СССР",
    ],
)
def test_national_bodies_resolve_to_no_region(gazetteer: Gazetteer, body: str) -> None:
    found = gazetteer.resolve_body(body)
    assert found is not None and found.region is None and found.rule == "national body"


def test_a_body_that_names_no_region_is_not_resolved(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve_body("тройка УНКВД") is None
    assert gazetteer.resolve_body("") is None


def test_the_date_chooses_between_units_that_share_a_centre(gazetteer: Gazetteer) -> None:
    before = gazetteer.resolve_place("г. Хабаровск", on=dt.date(1937, 9, 1))
    after = gazetteer.resolve_place("г. Хабаровск", on=dt.date(1938, 12, 1))
    assert region_of(before) == "Дальне-Восточный край"
    assert region_of(after) == "Хабаровский край"


def test_a_hint_settles_a_shared_abbreviation(gazetteer: Gazetteer) -> None:
    mordovia = gazetteer.regions["Мордовская АССР"]
    assert region_of(gazetteer.resolve_body("тройка при НКВД МАССР", hint=mordovia)) == "Мордовская АССР"


@pytest.mark.parametrize(
    ("place", "region"),
    [
        ("Воронежская обл., Мичуринский р-н, с. Старое Тарбеево", "Воронежская область"),
        ("Ленинград, Московский пр., д. 12, кв. 4", "Ленинградская область"),
        ("г. Казань, с. Дербышки", "Татарская АССР"),
        ("Башкирская АССР, Макаровский р-н, Росново", "Башкирская АССР"),
        ("Украина, Киевская обл., Сквирский р-н, с. Гайворон", "Киевская область"),
        ("Москва, ул. Школьная, д. 7, кв. 3", "Московская область"),
    ],
)
def test_places_resolve_to_their_1937_region(gazetteer: Gazetteer, place: str, region: str) -> None:
    assert region_of(gazetteer.resolve_place(place)) == region


def test_guberniyas_and_districts_are_not_1937_regions(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve_place("Тамбовская губ., Козловский у., с. Старое Тарбеево") is None
    assert gazetteer.resolve_place("Московский р-н") is None


def test_lookup_by_any_name(gazetteer: Gazetteer) -> None:
    for name in ("Kalinin oblast", "Калининская обл.", "Калининская область", "Калининской области"):
        found = gazetteer.get(name)
        assert found is not None and found.name == "Калининская область", name


# --- real sentencing bodies from lists.memo.ru, by id; the texts stay in ../shared -------------------------

_BODY = re.compile(r"Приговорен[аы]?:\s*(.*?)(?:\s+\d{1,2}\s+[а-я]+\s+(\d{4})\s*г|\s+в\s+(\d{4})\s*г|,\s*обв|\n|$)")
_RESIDENCE = re.compile(r"Проживал[аи]?:\s*([^\n]*)")


def _labels() -> list[dict[str, str]]:
    with (TEST_DATA / "sentencing-bodies.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_real_sentencing_bodies_resolve_as_checked_by_hand(gazetteer: Gazetteer, real_data: Path) -> None:
    labels = _labels()
    entries = real_entries(real_data / "lists-memo-ru.dev.jsonl.gz", [label["id"] for label in labels])
    bodies: set[str] = set()
    wrong = []
    for label in labels:
        text = entries[label["id"]]["text"]
        match = _BODY.search(text)
        assert match, label["id"]
        body = match.group(1).strip()
        bodies.add(body)
        year = match.group(2) or match.group(3)
        on = dt.date(int(year), 7, 1) if year else None
        residence = _RESIDENCE.search(text)
        home = gazetteer.resolve_place(residence.group(1)) if residence else None
        found = gazetteer.resolve_body(body, on=on, hint=home.region if home else None)
        if label["expected"] == "national":
            got = "national" if found and found.rule == "national body" else region_of(found)
        elif label["expected"] == "unresolved":
            got = "unresolved" if found is None else region_of(found)
        else:
            got = region_of(found)
        if got != label["expected"]:
            wrong.append(f"{label['id']} {body!r}: expected {label['expected']}, got {got}")
    assert len(bodies) >= 50
    assert not wrong, "\n".join(wrong)
