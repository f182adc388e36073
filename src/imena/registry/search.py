"""Finding a person by a name typed in any script, order and spelling, with the reason for every hit.

The query is read every plausible way (`imena.names.split_query`); each reading's words give keys (see
`keys`) that fetch candidate entries through one indexed table; the candidates are then scored word by word
against the query and told apart by how they matched: exactly, by a variant spelling (another gender form, a
declined form, a transliteration, old letters), by sound, or with a typo.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import Levenshtein
from sqlalchemy import Engine, and_, exists, func, or_, select

from imena.names import normalise, split_query
from imena.names.equivalents import civil_form, civil_patronymic
from imena.names.query import QueryWord, Reading
from imena.registry import schema as t
from imena.registry.keys import (
    GIVEN,
    PATRONYMIC,
    SURNAME,
    given_keys,
    neutral,
    neutral_of_normal,
    patronymic_keys,
    surname_keys,
)

CANDIDATES = 1000  # entries fetched per tier at most; the ranking needs only the plausible ones
ENOUGH = 5  # candidates per hit wanted before less selective keys are tried
COUNT_CAP = 20_000  # entries of a key group counted at most when choosing which group drives the fetch
WEIGHTS = {SURNAME: 0.55, GIVEN: 0.3, PATRONYMIC: 0.15}


@dataclass(frozen=True)
class Filters:
    born: tuple[int, int] | None = None
    region: str | None = None
    penalty: str | None = None
    source: str | None = None


@dataclass
class Hit:
    """A person the query finds, with the entries that match and why."""

    person_id: int
    entry_ids: list[str]
    name: str
    birth: str | None
    score: float
    why: list[str] = field(default_factory=list)
    synthetic: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id, "entry_ids": self.entry_ids, "name": self.name, "birth": self.birth,
            "score": round(self.score, 4), "why": self.why, "synthetic": self.synthetic,
        }  # fmt: skip


def _keys(word: QueryWord, role: str) -> set[str]:
    if word.is_initial:
        return {f"i:{normalise(letter)[:1]}" for letter in word.cyrillic if letter}
    keys: set[str] = set()
    make = {SURNAME: surname_keys, GIVEN: given_keys, PATRONYMIC: patronymic_keys}[role]
    for spelling in {*word.cyrillic, *word.nominatives}:
        keys |= make(spelling)
    return keys


_LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюя"  # the normalised Russian alphabet (ё is е)
_RUSSIAN = frozenset(_LETTERS)


def _one_typo_keys(word: QueryWord) -> set[str]:
    """The neutral-form keys of every surname one slip away from the query's (a letter wrong, missing, extra
    or two swapped): typed as edits of the query rather than stored, they find a misspelt surname by exact
    lookups among millions, where its first or last letters alone would fetch thousands."""
    keys: set[str] = set()
    for spelling in {*word.cyrillic, *word.nominatives}:
        typed = normalise(spelling)
        if len(typed) < 4 or not set(typed) <= _RUSSIAN:  # a Latin query's Cyrillic readings are edited
            continue
        cuts = [(typed[:i], typed[i:]) for i in range(len(typed) + 1)]
        edits = {a + b[1:] for a, b in cuts if b}
        edits |= {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1}
        edits |= {a + c + b[1:] for a, b in cuts if b for c in _LETTERS}
        edits |= {a + c + b for a, b in cuts for c in _LETTERS}
        keys |= {f"b:{neutral_of_normal(edit)}"[:40] for edit in edits}
    return keys


def _match(word: QueryWord, value: str | None, role: str) -> tuple[float, str] | None:
    """How well a stored name part matches a query word: a score in [0, 1] and the kind of match."""
    if not value:
        return None
    stored = normalise(value)
    if word.is_initial:
        letters = {normalise(letter)[:1] for letter in word.cyrillic}
        return (0.8, "initial") if stored[:1] in letters else None
    sought = _sought(word, role)
    if stored == sought.typed:
        return 1.0, "exact"
    if stored in sought.spellings or (role == SURNAME and neutral(value) in sought.neutrals):
        return 0.95, "variant spelling"
    civil = _CIVIL.get(role)
    if civil and (form := civil(value)) is not None and form in sought.civil_forms:
        return 0.9, "another form of the name"
    best = min((Levenshtein.distance(stored, s) for s in sought.spellings if s), default=99)
    if best <= 2 and len(stored) > 3:
        return 0.85 - 0.1 * best, "typo"
    stored_keys = surname_keys(value) if role == SURNAME else given_keys(value)
    if any(key.startswith("ph:") and key in sought.keys for key in stored_keys):
        return 0.7, "sounds alike"
    return None


_CIVIL = {GIVEN: civil_form, PATRONYMIC: civil_patronymic}


@dataclass(frozen=True)
class _Sought:
    """What a stored name part is compared against, made once per query word rather than once per candidate."""

    typed: str
    spellings: frozenset[str]
    neutrals: frozenset[str]
    civil_forms: frozenset[str | None]
    keys: frozenset[str]


@lru_cache(maxsize=1024)
def _sought(word: QueryWord, role: str) -> _Sought:
    spellings = frozenset(normalise(s) for s in (*word.cyrillic, *word.nominatives))
    civil = _CIVIL.get(role)
    return _Sought(
        typed=normalise(word.text),
        spellings=spellings,
        neutrals=frozenset(neutral(s) for s in spellings if s) if role == SURNAME else frozenset(),
        civil_forms=frozenset(civil(s) for s in spellings if s) if civil else frozenset(),
        keys=frozenset(_keys(word, role)),
    )


def _candidates(engine: Engine, reading: Reading, filters: Filters, wanted_hits: int) -> list[Any]:
    """Entries that may be the person, fetched in tiers from the most selective keys to the least, until
    there are enough: the surname's form or sound with the given name, then a surname one slip away with the
    given name, then the surname without the given name, then the surname's first or last letters with the
    given name (a worse typo), then its first letter with the given name's form or sound (two typos)."""
    if reading.surname is None:
        return []
    surname = _keys(reading.surname, SURNAME)
    strong = {key for key in surname if not key.startswith(("f:", "e:", "1:"))}
    weak = {key for key in surname if key.startswith(("f:", "e:"))}
    initial = {key for key in surname if key.startswith("1:")}
    given = _keys(reading.given, GIVEN) if reading.given is not None else set()
    if reading.given is not None and not reading.given.is_initial:
        # an entry printing only the initial is as good a match as one printing the name in full
        given |= {f"n:{k[2:]}" for k in given if k[:2] == "i:"}
    # with a surname that sounds alike, a full given name must match by form or sound: its initial alone
    # would fetch every И-name of every Иванов-like surname; the typo tiers keep the initial, which a
    # misspelt given name mostly keeps too
    given_strong = {key for key in given if not key.startswith("i:")}
    typo = _one_typo_keys(reading.surname) if not reading.surname.is_initial else set()
    first = given_strong or given  # an initial typed alone ("Иванов И.") narrows by itself
    tiers = [(strong, first), (typo, given), (strong, set()), (weak, given), (initial, given_strong)]
    if not given:
        tiers = [(strong, set()), (typo, set()), (weak, set())]
    rows: list[Any] = []
    seen: set[int] = set()
    for tier, (surname_keys_, given_keys_) in enumerate(tiers):
        if not surname_keys_:
            continue
        keyed = [(SURNAME, surname_keys_)] + ([(GIVEN, given_keys_)] if given_keys_ else [])
        rows += [row for row in _fetch(engine, keyed, filters) if row.pk not in seen]
        seen |= {row.pk for row in rows}
        # the first two tiers always run: sounding alike fetches plenty among millions, yet a surname one
        # slip away is the likelier person
        if tier >= 1 and len(rows) >= ENOUGH * wanted_hits:
            break
    return rows


def _fetch(engine: Engine, keyed: list[tuple[str, set[str]]], filters: Filters) -> list[Any]:
    """Entries holding a key of every (part, keys) group. The smallest group drives: its entries are read
    and each is checked against the other groups' keys, so that a common given name ("Иван", a tenth of the
    men) costs a lookup per candidate rather than a reading of all its entries."""
    e, k = t.entries.c, t.name_keys.c
    with engine.connect() as connection:
        if len(keyed) > 1:
            keyed = sorted(keyed, key=lambda group: _count(connection, *group))
        (part, keys), others = keyed[0], keyed[1:]
        same_entry = and_(t.person_entries.c.source_id == e.source_id, t.person_entries.c.entry_id == e.entry_id)
        shown = (e.pk, e.entry_id, e.source_id, e.surname, e.given, e.patronymic, e.birth_year, e.synthetic)
        driving = select(k.entry_pk).where(k.part == part, k.key.in_(sorted(keys)))
        query = (
            select(*shown, t.person_entries.c.person_id)
            .join(t.person_entries, same_entry)
            .where(e.current.is_(True), e.pk.in_(driving))
        )
        for other_part, other_keys in others:
            probe = t.name_keys.alias()
            query = query.where(
                exists().where(
                    probe.c.entry_pk == e.pk, probe.c.part == other_part, probe.c.key.in_(sorted(other_keys))
                )
            )
        if filters.born:
            query = query.where(or_(e.birth_year.is_(None), e.birth_year.between(*filters.born)))
        if filters.region:
            query = query.where(e.region == filters.region)
        if filters.penalty:
            query = query.where(e.penalty == filters.penalty)
        if filters.source:
            query = query.where(e.source_id == filters.source)
        return list(connection.execute(query.limit(CANDIDATES)))


def _count(connection: Any, part: str, keys: set[str]) -> int:
    """How many entries a group of keys holds, counted up to a cap: enough to tell which group is smaller."""
    k = t.name_keys.c
    capped = select(k.entry_pk).where(k.part == part, k.key.in_(sorted(keys))).limit(COUNT_CAP).subquery()
    return int(connection.execute(select(func.count()).select_from(capped)).scalar() or 0)


def search(engine: Engine, text: str, filters: Filters | None = None, limit: int = 10) -> list[Hit]:
    """The persons whose entries best match a name query, best first, each with its reasons."""
    filters = filters or Filters()
    query = split_query(text)
    scored: dict[int, Hit] = {}
    entries: dict[int, set[str]] = defaultdict(set)
    for rank, reading in enumerate(query.readings[:3]):
        # a less likely reading of the query, and one that leaves typed words unused, counts for less
        handicap = 0.1 * rank + 0.15 * len(reading.other)
        for row in _candidates(engine, reading, filters, limit):
            score, why = -handicap, []
            for role, word, value in (
                (SURNAME, reading.surname, row.surname),
                (GIVEN, reading.given, row.given),
                (PATRONYMIC, reading.patronymic, row.patronymic),
            ):
                if word is None:
                    continue
                match = _match(word, value, role)
                if match is None:
                    score -= WEIGHTS[role] / 2
                    continue
                score += WEIGHTS[role] * match[0]
                why.append(f"{_ROLE_NAMES[role]}: {match[1]}")
            if score <= 0:
                continue
            entries[row.person_id].add(f"{row.source_id}:{row.entry_id}")
            hit = scored.get(row.person_id)
            if hit is None or score > hit.score:
                name = " ".join(p for p in (row.surname, row.given, row.patronymic) if p)
                birth = str(row.birth_year) if row.birth_year else None
                scored[row.person_id] = Hit(row.person_id, [], name, birth, score, why, bool(row.synthetic))
    hits = sorted(scored.values(), key=lambda h: (-h.score, h.name, h.person_id))[:limit]
    for hit in hits:
        hit.entry_ids = sorted(entries[hit.person_id])
    return hits


_ROLE_NAMES = {SURNAME: "surname", GIVEN: "given name", PATRONYMIC: "patronymic"}
