"""pymorphy3's readings of a name word, remembered, for the name tools.

Its own cache rather than imena.parse's: the name tools must not depend on the parser's internals, and a
second analyser costs only its dictionary's memory-mapped files.
"""

from __future__ import annotations

from functools import cache, lru_cache

import pymorphy3

NAME_TAGS = ("Surn", "Name", "Patr")


@cache
def _analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def readings(word: str) -> tuple[pymorphy3.analyzer.Parse, ...]:
    """Every reading of a lower-case word, the dictionary's guesses for unknown words included."""
    return tuple(_analyzer().parse(word))


@lru_cache(maxsize=200_000)
def is_known(word: str) -> bool:
    """Whether the dictionary itself holds the word, rather than guessing it from its ending."""
    known: bool = _analyzer().word_is_known(word.lower())
    return known


@lru_cache(maxsize=200_000)
def name_readings(word: str) -> tuple[pymorphy3.analyzer.Parse, ...]:
    """The singular readings of a lower-case word as a surname, a given name or a patronymic, if the
    dictionary knows the word (its guesses for unknown words call almost anything a name)."""
    if not is_known(word):
        return ()
    return tuple(
        reading
        for reading in readings(word)
        if any(tag in reading.tag for tag in NAME_TAGS) and reading.tag.number != "plur"
    )


def kinds(word: str) -> frozenset[str]:
    """Which of Surn, Name and Patr the dictionary reads the lower-case word as."""
    return frozenset(tag for reading in name_readings(word) for tag in NAME_TAGS if tag in reading.tag)
