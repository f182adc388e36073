"""Sound keys: spellings of one name in any script share one; different names share none."""

from __future__ import annotations

import csv
import itertools
from collections import defaultdict
from pathlib import Path

import pytest

from imena.names import normalise, phonetic_keys


@pytest.mark.parametrize(
    "spellings",
    [
        ("Шевченко", "Schewtschenko", "Szewczenko", "Chevtchenko", "Shevchenko", "Ševčenko"),
        ("Иванов", "Iwanow", "Ivanov", "Iwanoff", "ИВАНОВ"),
        ("Щербаков", "Schtscherbakow", "Szczerbakow", "Shcherbakov", "Chtcherbakov"),
        ("Жуков", "Schukow", "Żukow", "Zhukov", "Joukov"),
        ("Юрий", "Jurij", "Yuri", "Iouri"),
        ("Елизавета", "Jelizawieta", "Yelizaveta", "Elizaveta"),
        ("Хрущёв", "Хрущев", "Chruschtschow", "Khrushchev"),
    ],
)
def test_spellings_of_one_name_share_a_key(spellings: tuple[str, ...]) -> None:
    common = frozenset.intersection(*(phonetic_keys(spelling) for spelling in spellings))
    assert common, {spelling: sorted(phonetic_keys(spelling)) for spelling in spellings}


@pytest.mark.parametrize(
    ("one", "other"),
    [("Смирнов", "Иванов"), ("Шевченко", "Иванов"), ("Кузнецов", "Петров"), ("Smirnov", "Ivanov")],
)
def test_different_names_share_no_key(one: str, other: str) -> None:
    assert not phonetic_keys(one) & phonetic_keys(other)


def test_each_part_of_a_double_surname_has_its_keys() -> None:
    double = phonetic_keys("Реккен-Кромида")
    assert phonetic_keys("Реккен") <= double
    assert phonetic_keys("Кромида") <= double


def test_keys_are_six_digit_codes_and_a_name_without_letters_has_none() -> None:
    assert all(len(key) == 6 and key.isdigit() for key in phonetic_keys("Шевченко"))
    assert phonetic_keys("") == frozenset()
    assert phonetic_keys("1937") == frozenset()


@pytest.mark.real
def test_khabarovsk_spellings_of_one_surname_mostly_share_a_key(real_data: Path) -> None:
    """Rows sharing an id are spellings of one person; most close spellings of a surname (the others are
    aliases or other names altogether) must share a key, or blocking on keys loses them."""
    people: dict[str, set[str]] = defaultdict(set)
    with (real_data / "khabarovsk-names.dev.csv").open(encoding="utf-8") as lines:
        for row in csv.DictReader(lines):
            if row["фамилия"]:
                people[row["id"]].add(row["фамилия"])
    pairs = [
        (a, b)
        for surnames in people.values()
        for a, b in itertools.combinations(sorted(surnames, key=normalise), 2)
        if normalise(a) != normalise(b) and normalise(a)[:1] == normalise(b)[:1]
    ]
    assert len(pairs) > 200
    shared = sum(bool(phonetic_keys(a) & phonetic_keys(b)) for a, b in pairs)
    assert shared / len(pairs) >= 0.6
