"""A free name query cut into words, each with the roles it may play, and the whole readings of it.

"Шевченко Иван П.", "Ivan Petrovich Ivanov", "Иванова Ивана", "Shevchenko I.": people type a name in any
order, script and case, so every plausible reading is kept, ranked, for the search to try in turn.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from imena.names import morph
from imena.names.cyrillic import cyrillic_initials, to_cyrillic
from imena.names.forms import nominative_candidates
from imena.names.normalise import Script, in_one_script, script
from imena.names.tables import given_names


class Role(StrEnum):
    SURNAME = "surname"
    GIVEN = "given"
    PATRONYMIC = "patronymic"
    INITIAL = "initial"


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: as typed, its Cyrillic spellings (best first; for an initial the letters it may
    stand for), their nominatives, and how likely (log weight) each role is for it."""

    text: str
    script: Script
    cyrillic: tuple[str, ...]
    nominatives: tuple[str, ...]
    weights: tuple[tuple[Role, float], ...]

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(role for role, _ in self.weights)

    @property
    def is_initial(self) -> bool:
        return Role.INITIAL in self.roles

    def weight(self, role: Role) -> float | None:
        return dict(self.weights).get(role)


@dataclass(frozen=True)
class Reading:
    """One way to read the whole query; `other` holds words it gives no part (a second syllable of a
    Korean given name, a stray word)."""

    surname: QueryWord | None
    given: QueryWord | None
    patronymic: QueryWord | None
    other: tuple[QueryWord, ...]
    score: float


@dataclass(frozen=True)
class NameQuery:
    text: str
    words: tuple[QueryWord, ...]
    readings: tuple[Reading, ...]  # best first

    @property
    def best(self) -> Reading | None:
        return self.readings[0] if self.readings else None


_TOKEN = re.compile(r"\d[\d./-]*|[^\W\d_]+(?:['’-][^\W\d_]+)*\.?", re.UNICODE)
_AFTER_NUMBER = frozenset({"г", "гг", "р", "гр", "род", "y", "b"})  # "1899 г.р.", "b. 1899"
_INITIAL = re.compile(r"^(?:[^\W\d_]\.?|[^\W\d_]{2,3}\.)$", re.UNICODE)  # "И", "I.", "Sh.", "Дж."
_PATRONYMIC_ENDING = re.compile("(вич|вна|ич|ична|вича|вны|ичны|ичу|вне|вичем|вной)$")
_MAX_WORDS = 6
_LEEWAY = 8.0  # readings scoring this much below the best are not worth a search
_OTHER_COST = 4.0
_ROLE_FLOOR = -5.0  # a role weighted below this is not plausible for the word


@cache
def _given_table() -> frozenset[str]:
    return frozenset(given.name.lower() for given in given_names())


def _role_weights(spelling: str) -> dict[Role, float]:
    """Log weights of the roles a Cyrillic word may play, from the dictionary and the word's ending."""
    lower = spelling.lower().replace("ё", "е")
    kinds = morph.kinds(lower)
    nominatives = {n.lower() for n in nominative_candidates(lower)}
    weights: dict[Role, float] = {}
    if "Patr" in kinds or _PATRONYMIC_ENDING.search(lower):
        weights[Role.PATRONYMIC] = 0.0 if "Patr" in kinds else -1.0
    given_known = "Name" in kinds or bool(nominatives & _given_table())
    weights[Role.GIVEN] = 0.0 if given_known else -3.0 if "Surn" in kinds else -2.5
    if "Surn" in kinds:
        weights[Role.SURNAME] = 0.0
    elif given_known or Role.PATRONYMIC in weights:
        weights[Role.SURNAME] = -3.5  # a name or a patronymic may be a surname too (Павел, Петрович)
    else:
        weights[Role.SURNAME] = -1.0 if not morph.is_known(lower) else -1.5
    return weights


def _word(token: str) -> QueryWord:
    bare = token.rstrip(".")
    kind = script(bare)
    if _INITIAL.match(token):  # "И.", "Дж.", "I.", "Sh.", "Iv."
        if kind == "latin":
            letters = cyrillic_initials(bare) or (to_cyrillic(bare)[0],)
        else:
            letters = (in_one_script(bare).capitalize(),)
        return QueryWord(token, kind, letters, letters, ((Role.INITIAL, 0.0),))
    spellings: tuple[str, ...] = (in_one_script(bare),)
    if kind == "latin":  # the best reading, and the next ones only if the dictionary knows them as names
        readings = to_cyrillic(bare)
        spellings = (readings[0], *(r for r in readings[1:4] if morph.kinds(r.lower())))
    weights: dict[Role, float] = {}
    for rank, spelling in enumerate(spellings):
        for role, weight in _role_weights(spelling).items():
            weights[role] = max(weights.get(role, -99.0), weight - rank)
    nominatives: list[str] = []
    for spelling in spellings:
        nominatives += sorted(set(nominative_candidates(spelling)) - set(nominatives))
    plausible = tuple(sorted(((r, w) for r, w in weights.items() if w >= _ROLE_FLOOR), key=lambda rw: -rw[1]))
    return QueryWord(token, kind, spellings, tuple(nominatives), plausible)


def _tokens(text: str) -> list[str]:
    """The name words of a query, without numbers and the abbreviations that go with them ("1899 г.р.")."""
    tokens = []
    after_number = False
    for token in _TOKEN.findall(text):
        if token[0].isdigit():
            after_number = True
        elif not (after_number and token.rstrip(".").lower() in _AFTER_NUMBER):
            tokens.append(token)
            after_number = False
    return tokens


def _order_cost(slots: dict[str, int], words: tuple[QueryWord, ...]) -> float:
    """How unusual the order is: the surname stands first or last, the patronymic right after the given name."""
    cost = 0.0
    last = max(slots.values())
    if "surname" in slots and slots["surname"] not in (0, last):
        cost += 2.0
    if "given" in slots and "patronymic" in slots and slots["patronymic"] != slots["given"] + 1:
        cost += 2.5
    if "surname" in slots and "given" in slots and slots["surname"] == last and slots["surname"] != 0:
        cost += 0.3  # "Иван Иванов" is a little rarer in the lists than "Иванов Иван"
    if "given" in slots and "patronymic" in slots and slots["patronymic"] < slots["given"]:
        cost += 10.0 if words[slots["given"]].is_initial else 4.0  # "И. П." is never patronymic first
    return cost


def _readings(words: tuple[QueryWord, ...]) -> tuple[Reading, ...]:
    choices: list[tuple[tuple[Role | None, float], ...]] = []
    for word in words:
        if word.is_initial:
            choices.append(((Role.GIVEN, 0.0), (Role.PATRONYMIC, 0.0), (None, -_OTHER_COST)))
        else:
            choices.append((*word.weights, (None, -_OTHER_COST)))
    readings = []
    for assignment in itertools.product(*choices):
        roles = [role for role, _ in assignment if role is not None]
        if len(roles) != len(set(roles)) or not roles:
            continue
        slots = {str(role): n for n, (role, _) in enumerate(assignment) if role is not None}
        if "patronymic" in slots and words[slots["patronymic"]].is_initial and "given" not in slots:
            continue  # a lone initial stands for the given name
        score = sum(weight for _, weight in assignment) - _order_cost(slots, words)

        def slot(role: Role, assignment: tuple[tuple[Role | None, float], ...] = assignment) -> QueryWord | None:
            return next((words[n] for n, (r, _) in enumerate(assignment) if r == role), None)

        other = tuple(words[n] for n, (role, _) in enumerate(assignment) if role is None)
        readings.append(Reading(slot(Role.SURNAME), slot(Role.GIVEN), slot(Role.PATRONYMIC), other, score))
    readings.sort(key=lambda reading: -reading.score)
    return tuple(r for r in readings if r.score >= readings[0].score - _LEEWAY)[:12] if readings else ()


def split_query(text: str) -> NameQuery:
    """The words of a free name query with their likely roles, and its plausible readings, best first."""
    words = tuple(_word(token) for token in _tokens(text)[:_MAX_WORDS])
    return NameQuery(text, words, _readings(words))
