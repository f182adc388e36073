"""Choosing the entries a name query may mean: fuzzy matching on the dictionary of distinct name forms, then
one indexed read of entries for the forms chosen, best forms first.

Matching on the dictionary rather than on entries is what keeps search fast among millions: a surname one
slip away, or one that sounds alike, is decided once per distinct form (a few hundred thousand), and only
the entries of the forms kept are read, through the (surname, given name, patronymic form) index.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import Connection

from imena.names import normalise
from imena.names.query import QueryWord, Reading
from imena.registry import statements
from imena.registry.keys import GIVEN, SURNAME, ends, given_keys, neutral_of_normal, surname_keys
from imena.registry.statements import Filters, bound

PER_TIER = 100  # entries read per tier at most, the likeliest first; the ranking needs only the plausible ones
ENOUGH = 5  # candidates per hit wanted before looser tiers are tried
SOUNDING = 40  # surname forms that only sound alike read at most, the closest in spelling first
FAR = 2  # letters a surname may be off by in the last tier (two slips)

_LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюя"  # the normalised Russian alphabet (ё is е)
_RUSSIAN = frozenset(_LETTERS)


def spellings(word: QueryWord) -> frozenset[str]:
    """The normalised Cyrillic spellings a query word may stand for (its readings and nominative forms)."""
    return frozenset(s for s in (normalise(w) for w in (*word.cyrillic, *word.nominatives)) if s)


def one_slip(spelling: str) -> set[str]:
    """The neutral forms of every surname one slip away from a spelling (a letter wrong, missing, extra or
    two swapped): looked up exactly in the dictionary, they find a misspelt surname without a scan."""
    if len(spelling) < 4 or not set(spelling) <= _RUSSIAN:  # a Latin query's Cyrillic readings are edited
        return set()
    cuts = [(spelling[:i], spelling[i:]) for i in range(len(spelling) + 1)]
    edits = {a + b[1:] for a, b in cuts if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in cuts if b for c in _LETTERS}
    edits |= {a + c + b for a, b in cuts for c in _LETTERS}
    return {neutral_of_normal(edit) for edit in edits}


@dataclass(frozen=True)
class SurnameForms:
    """The stored surname forms a query word may mean, by how they were found."""

    exact: tuple[str, ...]  # its own forms: another gender form, a declined form, a transliteration
    sounding: tuple[str, ...]  # forms that share a phonetic code, the closest in spelling first
    slipped: tuple[str, ...]  # forms one slip away


def surname_forms(connection: Connection, word: QueryWord) -> SurnameForms:
    typed = spellings(word)
    neutrals = {neutral_of_normal(s) for s in typed}
    codes = {key for s in typed for key in surname_keys(s) if key.startswith("ph:")}
    slips = {form for s in typed for form in one_slip(s)} - neutrals
    found = lookup(connection, SURNAME, {f"b:{n}" for n in neutrals} | codes | {f"b:{s}" for s in slips})
    exact = {form for key, form in found if key[2:] in neutrals and key.startswith("b:")}
    slipped = {form for key, form in found if key.startswith("b:")} - exact
    sounding = {form for key, form in found if key.startswith("ph:")} - exact - slipped
    return SurnameForms(tuple(sorted(exact)), _closest(sounding, neutrals, SOUNDING), tuple(sorted(slipped)))


def far_surname_forms(connection: Connection, word: QueryWord, known: Iterable[str]) -> tuple[str, ...]:
    """Surname forms up to two slips away, found by their intact first letter (a range of the dictionary)
    or by their intact last letters, and kept only if close enough in spelling."""
    neutrals = {neutral_of_normal(s) for s in spellings(word)}
    by_end = {key for n in neutrals for key in ends(n) if key.startswith("e:")}
    found = {form for _, form in lookup(connection, SURNAME, by_end)}
    # a form two slips away is at most two letters longer or shorter: the database drops the rest
    shortest, longest = min(map(len, neutrals)) - FAR, max(map(len, neutrals)) + FAR
    in_range = statements.forms_between(connection.dialect.name)
    for first in {n[0] for n in neutrals}:
        bounds = {"low": f"b:{first}", "high": f"b:{chr(ord(first) + 1)}", "part": SURNAME}
        found.update(connection.execute(in_range, {**bounds, "shortest": shortest, "longest": longest}).scalars().all())
    return _closest(found - set(known), neutrals, None, FAR)


def _closest(forms: set[str], spellings: Iterable[str], limit: int | None, most: int | None = None) -> tuple[str, ...]:
    """The forms nearest in spelling to any of the spellings, nearest first; compared in rapidfuzz's C loop,
    as a common phonetic code or a first letter holds thousands of forms. The forms go in sorted: rapidfuzz
    breaks ties by their order, and a set's order changes from process to process (and so would the hits)."""
    distance: dict[str, int] = {}
    choices = sorted(forms)
    for spelling in spellings:
        for form, slips, _ in process.extract(spelling, choices, scorer=OSA.distance, score_cutoff=most, limit=limit):
            distance[form] = min(slips, distance.get(form, slips))
    return tuple(sorted(distance, key=lambda form: (distance[form], form))[:limit])


@dataclass(frozen=True)
class GivenForms:
    """The stored given-name forms a query word may mean: listed ones, or every form of some initials."""

    forms: tuple[str, ...] = ()
    initials: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """How a tier tests the given name: by the listed forms, by the initials, or not at all (none listed)."""
        return "initials" if self.initials else "forms" if self.forms else "none"

    @staticmethod
    def initials_of(word: QueryWord) -> set[str]:
        return {normalise(letter)[:1] for letter in word.cyrillic} - {""}


def given_forms(connection: Connection, word: QueryWord) -> GivenForms:
    """A full given name means its own forms, its other forms (Иоанн, Микола), those that sound alike,
    those a slip or two away, and the bare initial an entry may print instead; an initial means them all."""
    if word.is_initial:
        return GivenForms(initials=tuple(sorted(GivenForms.initials_of(word))))
    typed = spellings(word)
    keys = {key for s in typed for key in given_keys(s) if not key.startswith("i:")}
    firsts = {s[0] for s in typed}
    found = lookup(connection, GIVEN, keys | {f"i:{letter}" for letter in firsts})
    forms = {form for key, form in found if not key.startswith("i:")}
    forms |= {form for key, form in found if key.startswith("i:") and distance(form, typed) <= _slips(form)}
    return GivenForms(forms=tuple(sorted(forms | firsts)))


def _slips(form: str) -> int:
    return 0 if len(form) <= 3 else 1 if len(form) <= 5 else 2


def distance(form: str, spellings: Iterable[str]) -> int:
    """Slips between a form and the nearest spelling (OSA: a swap of two letters is one slip)."""
    return min((OSA.distance(form, s) for s in spellings), default=99)


def lookup(connection: Connection, part: str, keys: set[str]) -> list[tuple[str, str]]:
    """(key, form) pairs of the dictionary for some keys of one part of the name."""
    if not keys:
        return []
    dialect = connection.dialect.name
    found = connection.execute(statements.lookup(dialect), {"keys": bound(dialect, sorted(keys)), "part": part})
    return [(key, form) for key, form in found.all()]


@dataclass(frozen=True)
class Preferred:
    """The given name and patronymic as typed: among a tier's entries, those bearing them are read first,
    so that a common surname's thousands of entries are cut to the likeliest in the database, not in Python."""

    given: tuple[str, ...] = ()
    patronymic: tuple[str, ...] = ()
    patronymic_initials: tuple[str, ...] = ()

    @classmethod
    def of(cls, reading: Reading) -> Preferred:
        given = reading.given
        patronymic = reading.patronymic
        return cls(
            given=tuple(sorted(spellings(given))) if given is not None and not given.is_initial else (),
            patronymic=tuple(sorted(spellings(patronymic))) if patronymic and not patronymic.is_initial else (),
            patronymic_initials=tuple(sorted(GivenForms.initials_of(patronymic)))
            if patronymic and patronymic.is_initial
            else (),
        )

    def shape(self) -> tuple[bool, bool, bool]:
        return bool(self.given), bool(self.patronymic), bool(self.patronymic_initials)

    def values(self, dialect: str) -> dict[str, Any]:
        return {
            "preferred_given": bound(dialect, self.given), "preferred_patronymic": bound(dialect, self.patronymic),
            "preferred_initials": bound(dialect, self.patronymic_initials),
        }  # fmt: skip


def candidates(
    connection: Connection, reading: Reading, filters: Filters, wanted_hits: int, rank: int = 0
) -> list[Any]:
    """Entries that may be the person, read in tiers from the closest surname forms to the loosest until
    there are enough: its own forms, forms that sound alike and forms one slip away, each with a close given
    name; then its own and sounding forms with any given name; then forms two slips away, with a close given
    name, then with any. A less likely
    reading of the query (`rank` above 0) reads fewer entries a tier."""
    if reading.surname is None:
        return []
    surnames = surname_forms(connection, reading.surname)
    given = given_forms(connection, reading.given) if reading.given is not None else None
    preferred = Preferred.of(reading)
    far: tuple[str, ...] | None = None  # looked up only when its tier is reached
    tiers: list[tuple[tuple[str, ...] | None, GivenForms | None]] = [
        (surnames.exact, given), (surnames.sounding, given), (surnames.slipped, given),
    ]  # fmt: skip
    if given is not None:
        tiers += [((*surnames.exact, *surnames.sounding), None), (None, given)]
    tiers.append((None, None))
    rows: list[Any] = []
    seen: set[int] = set()
    for tier, (forms, given_choice) in enumerate(tiers):
        if forms is None:
            far = far_surname_forms(connection, reading.surname, surnames.exact) if far is None else far
            forms = far
        # a tier without a given name matches on the surname alone: a few of its entries are as good as all;
        # and once the surname's own forms fill a tier, looser forms rank below them but for their best few
        limit = PER_TIER if given_choice is not None and rank == 0 else 2 * ENOUGH * wanted_hits
        if tier > 0 and len(rows) >= PER_TIER:
            limit = min(limit, ENOUGH * wanted_hits)
        found = fetch(connection, tuple(forms), given_choice, filters, limit, preferred)
        rows += [row for row in found if row.pk not in seen]
        seen |= {row.pk for row in rows}
        # the three closest tiers always run: among millions, sounding alike fetches plenty, yet a surname
        # one slip away is the likelier person
        if tier >= 2 and len(rows) >= ENOUGH * wanted_hits:
            break
    return rows


def fetch(
    connection: Connection,
    forms: tuple[str, ...],
    given: GivenForms | None,
    filters: Filters,
    limit: int = PER_TIER,
    preferred: Preferred | None = None,
) -> list[Any]:
    """Current entries with one of the surname forms (and one of the given forms), with their persons, those
    bearing the preferred names first. The entries are chosen from the index alone (surname, given name and
    patronymic forms), and only the chosen ones are read."""
    if not forms:
        return []
    dialect = connection.dialect.name
    if given is None:
        chosen = _by_surname_alone(connection, forms, filters, limit)
        return list(connection.execute(statements.entries_by_keys(dialect), {"chosen": bound(dialect, chosen)}).all())
    preferred = preferred or Preferred()
    query = statements.entries_by_names(dialect, given.kind, filters.shape(), preferred.shape())
    values = {
        "forms": bound(dialect, forms), "given": bound(dialect, given.initials or given.forms), "wanted": limit,
        **filters.values(), **preferred.values(dialect),
    }  # fmt: skip
    return list(connection.execute(query, values).all())


def _by_surname_alone(connection: Connection, forms: tuple[str, ...], filters: Filters, limit: int) -> list[int]:
    """Entries of the closest forms first, form by form, each read in the index's order until there are
    enough. The forms go in a few statements of growing size, as the closest few mostly suffice and a
    statement of a hundred branches is slow to plan."""
    chosen: list[int] = []
    start, size = 0, 8
    while start < len(forms) and len(chosen) < limit:
        some = forms[start : start + size]
        values: dict[str, Any] = {f"form_{n}": form for n, form in enumerate(some)}
        query = statements.entries_by_surnames(len(some), filters.shape())
        values |= {"wanted": limit - len(chosen), **filters.values()}
        chosen += connection.execute(query, values).scalars().all()
        start, size = start + size, size * 3
    return chosen
