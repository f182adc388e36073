"""Similarity and the reason a search hit matched."""

from __future__ import annotations

import pytest

from imena.names import MatchKind, classify, name_similarity


@pytest.mark.parametrize(
    ("query", "candidate", "kind"),
    [
        ("Шевченко", "ШЕВЧЕНКО", MatchKind.EXACT),
        ("Семён", "Семен", MatchKind.EXACT),
        ("Ивaнов", "Иванов", MatchKind.EXACT),  # a Latin "a" typed in
        ("Иванов", "Иванова", MatchKind.VARIANT),  # the other gender
        ("Ивановой", "Иванов", MatchKind.VARIANT),  # declined, other gender
        ("Ивана", "Иван", MatchKind.VARIANT),  # declined
        ("Schewtschenko", "Шевченко", MatchKind.VARIANT),  # transliterated
        ("Szewczenko", "Schewtschenko", MatchKind.VARIANT),  # two transliterations
        ("Іоаннъ", "Иоанн", MatchKind.VARIANT),  # pre-1918 spelling
        ("Розин", "Розен", MatchKind.PHONETIC),
        ("Кремер", "Креммер", MatchKind.PHONETIC),
        ("Шевчеко", "Шевченко", MatchKind.TYPO),
        ("Поддубный", "Подлубный", MatchKind.TYPO),
    ],
)
def test_why_a_candidate_matched(query: str, candidate: str, kind: MatchKind) -> None:
    assert classify(query, candidate) == kind


@pytest.mark.parametrize(
    ("query", "candidate"), [("Иванов", "Смирнов"), ("Ли", "Ю"), ("Панова", "Шаргородская"), ("", "Иванов")]
)
def test_unrelated_names_do_not_match(query: str, candidate: str) -> None:
    assert classify(query, candidate) is None


def test_a_short_name_allows_only_one_typo() -> None:
    assert classify("Пак", "Пан") == MatchKind.TYPO
    assert classify("Пак", "Тан") is None


def test_similarity_is_one_for_spellings_of_one_name_and_ordered_by_closeness() -> None:
    assert name_similarity("Шевченко", "Schewtschenko") == 1.0
    assert name_similarity("Иванов Иван", "Иван Иванов") == 1.0
    assert name_similarity("Шевченко", "Шевчеко") > name_similarity("Шевченко", "Шевчук") > 0.5
    assert name_similarity("Иванов", "Смирнов") < 0.7
    assert 0.0 <= name_similarity("Ли", "Ю") <= 1.0
