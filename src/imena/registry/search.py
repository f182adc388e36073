"""Finding a person by a name typed in any script, order and spelling, with the reason for every hit.

The query is read every plausible way (`imena.names.split_query`); each reading's words choose stored name
forms from the registry's dictionary and read their entries (see `candidates`); the entries are then scored
word by word against the query and told apart by how they matched: exactly, by a variant spelling (another
gender form, a declined form, a transliteration, old letters), by another form of the name, with a typo, by
sound, or by an initial.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine

from imena.names import normalise, split_query
from imena.names.equivalents import civil_form, civil_patronymic
from imena.names.query import QueryWord, Reading
from imena.registry.candidates import GivenForms, candidates, distance, spellings
from imena.registry.keys import GIVEN, PATRONYMIC, SURNAME, given_keys, neutral, surname_keys
from imena.registry.statements import Filters

__all__ = ["Filters", "Hit", "search"]

WEIGHTS = {SURNAME: 0.55, GIVEN: 0.3, PATRONYMIC: 0.15}
_ROLE_NAMES = {SURNAME: "surname", GIVEN: "given name", PATRONYMIC: "patronymic"}
_CIVIL = {GIVEN: civil_form, PATRONYMIC: civil_patronymic}
_CODES = {SURNAME: surname_keys, GIVEN: given_keys}  # a patronymic is not compared by sound


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


@dataclass(frozen=True)
class _Sought:
    """What a stored name part is compared against, made once per query word rather than once per candidate."""

    typed: str
    spellings: frozenset[str]
    neutrals: frozenset[str]
    civil_forms: frozenset[str | None]
    codes: frozenset[str]


@lru_cache(maxsize=1024)
def _sought(word: QueryWord, role: str) -> _Sought:
    typed = spellings(word)
    civil = _CIVIL.get(role)
    codes = _CODES.get(role)
    return _Sought(
        typed=normalise(word.text),
        spellings=typed,
        neutrals=frozenset(neutral(s) for s in typed) if role == SURNAME else frozenset(),
        civil_forms=frozenset(civil(s) for s in typed) if civil else frozenset(),
        codes=frozenset(k for s in typed for k in codes(s) if k.startswith("ph:")) if codes else frozenset(),
    )


@lru_cache(maxsize=65_536)  # a search scores hundreds of entries that share a few surnames and given names
def _match(word: QueryWord, value: str | None, role: str) -> tuple[float, str] | None:
    """How well a stored name part matches a query word: a score in [0, 1] and the kind of match."""
    if not value:
        return None
    stored = normalise(value)
    if word.is_initial:
        return (0.8, "initial") if stored[:1] in GivenForms.initials_of(word) else None
    sought = _sought(word, role)
    if stored == sought.typed:
        return 1.0, "exact"
    if stored in sought.spellings or (role == SURNAME and neutral(value) in sought.neutrals):
        return 0.95, "variant spelling"
    civil = _CIVIL.get(role)
    if civil and (form := civil(value)) is not None and form in sought.civil_forms:
        return 0.9, "another form of the name"
    best = distance(stored, sought.spellings)
    if best <= 2 and len(stored) > 3:
        return 0.85 - 0.1 * best, "typo"
    codes = _CODES.get(role)
    if codes and not sought.codes.isdisjoint(codes(value)):
        return 0.7, "sounds alike"
    if role == GIVEN and len(stored) == 1 and stored in {s[0] for s in sought.spellings}:
        return 0.8, "initial"  # the entry prints only the initial of the name sought
    return None


def _covers(earlier: Reading, later: Reading) -> bool:
    """Whether a later reading only leaves out words of an earlier one: it would score every entry lower
    (a word left out costs more than a word mismatched), so its candidates need not be read."""
    return earlier.surname == later.surname and all(
        word is None or word == kept
        for word, kept in ((later.given, earlier.given), (later.patronymic, earlier.patronymic))
    )


def search(engine: Engine, text: str, filters: Filters | None = None, limit: int = 10) -> list[Hit]:
    """The persons whose entries best match a name query, best first, each with its reasons."""
    filters = filters or Filters()
    query = split_query(text)
    readings = query.readings[:3]
    with engine.connect() as connection:
        found = [
            (rank, row)
            for rank, reading in enumerate(readings)
            if not any(_covers(earlier, reading) for earlier in readings[:rank])
            for row in candidates(connection, reading, filters, limit, rank)
        ]
    scored: dict[int, Hit] = {}
    entries: dict[int, set[str]] = defaultdict(set)
    for rank, row in found:
        reading = readings[rank]
        # a less likely reading of the query, and one that leaves typed words unused, counts for less
        score, why = -0.1 * rank - 0.15 * len(reading.other), []
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
