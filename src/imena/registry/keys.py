"""The keys under which an entry's name is found, made the same way for a stored name and a searched one.

A surname is found by its gender-neutral form (Иванов and Иванова alike), by its phonetic codes (which
survive transliteration and many misspellings), and by the first and the last letters of its neutral form
(one of which a single typo leaves intact; the ranking then sorts out the candidates). A given name and a
patronymic are found by their normal form, their civil form (Иоанн as Иван, Микола as Николай), their codes,
and their initial.
"""

from __future__ import annotations

from functools import lru_cache

from imena.names import normalise, phonetic_keys
from imena.names.equivalents import civil_form, civil_patronymic

SURNAME, GIVEN, PATRONYMIC = "s", "g", "p"
PREFIX, SUFFIX = 3, 4  # a longer ending: endings such as "-енко" are common, beginnings less so


# Endings of gender forms, longest first, and what both forms share ("иванов", "ковальск", "толст").
_GENDER_ENDINGS = (
    ("ская", "ск"), ("ский", "ск"), ("цкая", "цк"), ("цкий", "цк"), ("ова", "ов"), ("ева", "ев"), ("ина", "ин"),
    ("ына", "ын"), ("ая", ""), ("ой", ""), ("ый", ""), ("ий", ""),
)  # fmt: skip


@lru_cache(maxsize=300_000)
def neutral(surname: str) -> str:
    """One form for both gender forms of a surname, so that Иванов and Иванова share it. Written as ending
    rules, not with pymorphy3: imports make it for every surname, and the rules are a hundred times faster."""
    return neutral_of_normal(normalise(surname))


def neutral_of_normal(folded: str) -> str:
    """`neutral` of a surname already normalised: spares search the normalisation of its many variants."""
    for ending, shared in _GENDER_ENDINGS:
        if folded.endswith(ending) and len(folded) > len(ending) + 2:
            return folded[: -len(ending)] + shared
    return folded


@lru_cache(maxsize=300_000)
def surname_keys(surname: str) -> frozenset[str]:
    base = neutral(surname)
    if not base:
        return frozenset()
    ends = {f"f:{base[:PREFIX]}", f"e:{base[-SUFFIX:]}"} if len(base) > SUFFIX else set()
    ends.add(f"1:{base[0]}")  # the first letter, which slips of the pen rarely touch
    return frozenset({f"b:{base}"[:40], *ends, *(f"ph:{code}" for code in phonetic_keys(surname, readings=False))})


@lru_cache(maxsize=300_000)
def given_keys(given: str) -> frozenset[str]:
    folded = normalise(given)
    if not folded:
        return frozenset()
    civil = civil_form(given)  # Иоанн is also found as Иван, and Иван as Иоанн (a query's keys have both)
    return frozenset(
        {f"n:{folded}"[:40], f"n:{civil or folded}"[:40], f"i:{folded[0]}",
         *(f"ph:{code}" for code in phonetic_keys(given, readings=False))}
    )  # fmt: skip


@lru_cache(maxsize=300_000)
def patronymic_keys(patronymic: str) -> frozenset[str]:
    folded = normalise(patronymic)
    if not folded:
        return frozenset()
    return frozenset({f"n:{folded}"[:40], f"n:{civil_patronymic(patronymic) or folded}"[:40], f"i:{folded[0]}"})


def name_keys(surname: str | None, given: str | None, patronymic: str | None) -> list[tuple[str, str]]:
    """(part, key) pairs for the name_keys table."""
    keys = [(SURNAME, key) for key in surname_keys(surname)] if surname else []
    keys += [(GIVEN, key) for key in given_keys(given)] if given else []
    keys += [(PATRONYMIC, key) for key in patronymic_keys(patronymic)] if patronymic else []
    return keys
