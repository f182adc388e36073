"""The hand-made tables the synthetic people are drawn from: names, birthplaces, districts, nationalities.

They are general knowledge (common names of the era, the uezds of each guberniya, the rough nationality
mix of each region), written for this project; none is taken from the real memorial-book data.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import Generic, TypeVar

from imena.csvfile import ReferenceDataError, read_rows

T = TypeVar("T")


@dataclass(frozen=True)
class Weighted(Generic[T]):
    """Items with cumulative weights, for fast repeated draws."""

    items: tuple[T, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, pairs: Sequence[tuple[T, float]]) -> Weighted[T]:
        if not pairs:
            raise ValueError("nothing to draw from")
        return cls(tuple(item for item, _ in pairs), tuple(accumulate(weight for _, weight in pairs)))

    def draw(self, rng: random.Random) -> T:
        return self.items[min(bisect(self.cumulative, rng.random() * self.cumulative[-1]), len(self.items) - 1)]


@dataclass(frozen=True)
class Surname:
    male: str
    female: str


@dataclass(frozen=True)
class GivenName:
    name: str
    patronymic_m: str
    patronymic_f: str


@dataclass(frozen=True)
class NamePool:
    surnames: Weighted[Surname]
    male: Weighted[GivenName]
    female: Weighted[GivenName]


@dataclass(frozen=True)
class Nationality:
    male: str
    female: str
    name_group: str


@dataclass(frozen=True)
class Birthplace:
    guberniya: str
    uezd: str


@dataclass(frozen=True)
class Reference:
    names: dict[str, NamePool]
    nationalities: dict[str, Weighted[Nationality]]
    birthplaces: dict[str, Weighted[Birthplace]]
    districts: dict[str, tuple[str, ...]]  # rural districts ("Мичуринский р-н")
    cities: dict[str, str]  # the unit's centre as printed ("г. Воронеж")


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """`rng.choice`, several times cheaper: the corpus writer draws millions of times."""
    return items[int(rng.random() * len(items))]


def between(rng: random.Random, low: int, high: int) -> int:
    """`rng.randint(low, high)`, several times cheaper."""
    return low + int(rng.random() * (high - low + 1))


def _table(name: str) -> Path:
    return Path(str(resources.files("imena.simulate") / "data" / name))


def load_reference(skew: float) -> Reference:
    """Read the tables; `skew` raises name weights to a power, sharpening or flattening their frequencies."""
    return Reference(_names(skew), _nationalities(), _birthplaces(), *_districts())


@cache
def cached_reference(skew: float) -> Reference:
    return load_reference(skew)


def _names(skew: float) -> dict[str, NamePool]:
    surnames: dict[str, list[tuple[Surname, float]]] = defaultdict(list)
    given: dict[tuple[str, str], list[tuple[GivenName, float]]] = defaultdict(list)
    for row in read_rows(_table("names.csv"), ("group", "part", "name", "female", "patronymic_m", "patronymic_f")):
        weight = float(row.count("weight") or 1) ** skew
        group, part, name = row.text("group"), row.text("part"), row.text("name")
        if part == "surname":
            surnames[group].append((Surname(name, row.text("female") or name), weight))
        else:
            given[group, part].append((GivenName(name, row.text("patronymic_m"), row.text("patronymic_f")), weight))
        if row.problems:
            raise ReferenceDataError(row.problems)
    return {
        group: NamePool(Weighted.of(pairs), Weighted.of(given[group, "male"]), Weighted.of(given[group, "female"]))
        for group, pairs in surnames.items()
    }


def _nationalities() -> dict[str, Weighted[Nationality]]:
    rows: dict[str, list[tuple[Nationality, float]]] = defaultdict(list)
    for row in read_rows(_table("nationalities.csv"), ("unit", "nationality", "nationality_f", "name_group")):
        nationality = Nationality(row.text("nationality"), row.text("nationality_f"), row.text("name_group"))
        rows[row.text("unit")].append((nationality, float(row.count("weight") or 0)))
    return {unit: Weighted.of(pairs) for unit, pairs in rows.items()}


def _birthplaces() -> dict[str, Weighted[Birthplace]]:
    rows: dict[str, list[tuple[Birthplace, float]]] = defaultdict(list)
    for row in read_rows(_table("birthplaces.csv"), ("unit", "guberniya", "uezd")):
        rows[row.text("unit")].append((Birthplace(row.text("guberniya"), row.text("uezd")), row.count("weight") or 1))
    return {unit: Weighted.of(pairs) for unit, pairs in rows.items()}


def _districts() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    districts: dict[str, list[str]] = defaultdict(list)
    cities: dict[str, str] = {}
    for row in read_rows(_table("districts.csv"), ("unit", "district")):
        district = row.text("district")
        if district.startswith("г. "):
            cities.setdefault(row.text("unit"), district)
        else:
            districts[row.text("unit")].append(district)
    return {unit: tuple(names) for unit, names in districts.items()}, cities
