"""How alike two names are, and why a search hit matched: the same name, a form of it, a sound-alike or a typo.

Names are compared in Cyrillic, normalised: a Latin name is read back into Cyrillic first, so "Iwanow" and
"Иванов" are as alike as two Cyrillic spellings of one name.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from imena.names.cyrillic import to_cyrillic
from imena.names.forms import nominative_candidates, surname_forms
from imena.names.normalise import normalise, script
from imena.names.phonetic import phonetic_keys


class MatchKind(StrEnum):
    """Why a candidate matched a query word, strongest first."""

    EXACT = "exact"  # the same spelling, up to case, ё/е, punctuation and look-alike letters
    VARIANT = "variant"  # another form: other gender, declined, transliterated, pre-1918 spelling
    PHONETIC = "phonetic"  # a shared sound key
    TYPO = "typo"  # one or two letters off


_LATIN_READINGS = 3
_SHORT_WORD = 4  # words this short allow one typo, longer ones two


@lru_cache(maxsize=100_000)
def _cyrillic_spellings(name: str) -> tuple[str, ...]:
    """The normalised Cyrillic spellings of a name: itself, or its likeliest readings if it is Latin."""
    normal = normalise(name)
    if script(normal) in ("latin", "mixed"):
        return tuple(dict.fromkeys(normalise(reading) for reading in to_cyrillic(normal)[:_LATIN_READINGS]))
    return (normal,)


def name_similarity(a: str, b: str) -> float:
    """A score in [0, 1] of how alike two names look, word order aside, in normalised Cyrillic."""
    best = 0.0
    for one in _cyrillic_spellings(a):
        for other in _cyrillic_spellings(b):
            best = max(best, fuzz.token_sort_ratio(one, other) / 100)
    return best


@lru_cache(maxsize=100_000)
def _forms(word: str) -> frozenset[str]:
    """Every normalised form a name word may stand for: its nominatives and their other gender's forms."""
    found = set()
    for spelling in _cyrillic_spellings(word):
        found.add(spelling)
        for nominative in nominative_candidates(spelling):
            found |= {normalise(form) for form in surname_forms(nominative)}
            found.add(normalise(nominative))
    return frozenset(found)


def _typo_distance(word: str) -> int:
    return 1 if len(word) <= _SHORT_WORD else 2


def classify(query_word: str, candidate: str) -> MatchKind | None:
    """Why `candidate` answers `query_word`, the strongest reason first; None when it does not."""
    if not normalise(query_word) or not normalise(candidate):
        return None
    if normalise(query_word, modernise=False) == normalise(candidate, modernise=False):
        return MatchKind.EXACT
    query_forms, candidate_forms = _forms(query_word), _forms(candidate)
    if normalise(query_word) == normalise(candidate) or query_forms & candidate_forms:
        return MatchKind.VARIANT
    if phonetic_keys(query_word) & phonetic_keys(candidate):
        return MatchKind.PHONETIC
    for one in _cyrillic_spellings(query_word):
        for other in _cyrillic_spellings(candidate):
            limit = _typo_distance(min(one, other, key=len))
            if Levenshtein.distance(one, other, score_cutoff=limit) <= limit:
                return MatchKind.TYPO
    return None
