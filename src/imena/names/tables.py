"""The project's hand-made table of names (imena.simulate's names.csv), read once for the name tools.

It is the only list of given names with their patronymics the project has, and its names, Russian and
not, are the sample the letter model learns what a name spelt in Cyrillic looks like from.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class GivenName:
    """A given name as the table writes it, with the patronymics its sons and daughters bear."""

    name: str
    male: bool
    patronymic_m: str
    patronymic_f: str


@cache
def _rows() -> tuple[dict[str, str], ...]:
    text = (resources.files("imena.simulate") / "data" / "names.csv").read_text(encoding="utf-8")
    return tuple(csv.DictReader(text.splitlines()))


@cache
def given_names() -> tuple[GivenName, ...]:
    return tuple(
        GivenName(row["name"], row["part"] == "male", row["patronymic_m"], row["patronymic_f"])
        for row in _rows()
        if row["part"] in ("male", "female")
    )


@cache
def surname_pairs() -> tuple[tuple[str, str], ...]:
    """The table's surnames, masculine and feminine."""
    return tuple((row["name"], row["female"] or row["name"]) for row in _rows() if row["part"] == "surname")


@cache
def name_words() -> tuple[str, ...]:
    """Every word of the table in lower case: surnames in both genders, given names and patronymics."""
    words = []
    for row in _rows():
        for column in ("name", "female", "patronymic_m", "patronymic_f"):
            words.extend(row[column].lower().replace("-", " ").split())
    return tuple(words)
