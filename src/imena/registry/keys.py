"""The forms under which names are stored and the keys under which a form is found.

Every entry carries its surname's gender-neutral form (Иванов and Иванова share "иванов") and its given
name's normal form, indexed together. The keys live in a dictionary of distinct forms (a few hundred
thousand among millions of entries): a surname form is found by itself, its phonetic codes (which survive
transliteration and many misspellings) and its first and last letters (one of which a single typo leaves
intact); a given name by itself, its civil form (Иоанн as Иван, Микола as Николай), its codes and its
initial. Search does its fuzzy work on the dictionary and reads only the entries of the forms it chose.
"""

from __future__ import annotations

from functools import lru_cache

from imena.names import normalise, phonetic_keys
from imena.names.equivalents import civil_form

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


_ENDINGS_BY_LAST_TWO: dict[str, list[tuple[str, str]]] = {}
for _ending, _shared in _GENDER_ENDINGS:
    _ENDINGS_BY_LAST_TWO.setdefault(_ending[-2:], []).append((_ending, _shared))


def neutral_of_normal(folded: str) -> str:
    """`neutral` of a surname already normalised: spares search the normalisation of its many variants
    (a search makes it for a thousand surnames one slip away, hence the lookup by the last two letters)."""
    for ending, shared in _ENDINGS_BY_LAST_TWO.get(folded[-2:], ()):
        if folded.endswith(ending) and len(folded) > len(ending) + 2:
            return folded[: -len(ending)] + shared
    return folded


def surname_form(surname: str | None) -> str | None:
    """The form an entry's surname is stored and indexed under."""
    return (neutral(surname) or None) if surname else None


@lru_cache(maxsize=100_000)
def given_form(given: str | None) -> str | None:
    """The form an entry's given name (or patronymic) is stored and indexed under: "И." is "и"."""
    return (normalise(given) or None) if given else None


def ends(form: str) -> set[str]:
    """The keys of a surname form's first and last letters, which a single slip leaves one of intact."""
    return {f"f:{form[:PREFIX]}", f"e:{form[-SUFFIX:]}"} if len(form) > SUFFIX else set()


@lru_cache(maxsize=300_000)
def surname_keys(surname: str) -> frozenset[str]:
    """The dictionary keys of a surname spelling: its form (b:), its ends and its phonetic codes."""
    form = neutral(surname)
    if not form:
        return frozenset()
    return frozenset({f"b:{form}", *ends(form), *(f"ph:{code}" for code in phonetic_keys(surname, readings=False))})


@lru_cache(maxsize=300_000)
def given_keys(given: str) -> frozenset[str]:
    """The dictionary keys of a given name spelling: its form, its civil form, its initial, its codes."""
    folded = normalise(given)
    if not folded:
        return frozenset()
    civil = civil_form(given)  # Иоанн is also found as Иван, and Иван as Иоанн (a query's keys have both)
    return frozenset(
        {f"n:{folded}", f"n:{civil or folded}", f"i:{folded[0]}",
         *(f"ph:{code}" for code in phonetic_keys(given, readings=False))}
    )  # fmt: skip


def dictionary_rows(surname: str | None, given: str | None) -> list[tuple[str, str, str]]:
    """(key, part, form) rows of the name dictionary for one entry's names."""
    rows = []
    if surname and (form := surname_form(surname)):
        rows += [(key, SURNAME, form) for key in surname_keys(surname)]
    if given and (form := given_form(given)):
        rows += [(key, GIVEN, form) for key in given_keys(given)]
    return rows
