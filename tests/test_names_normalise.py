"""Normalisation: the spellings a typist, an OCR pass or a pre-1918 clerk varies must compare equal."""

from __future__ import annotations

import pytest

from imena.names import normalise, script


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Бурят-Монгольская", "Бурят - Монгольская"),
        ("Бурят-Монгольская", "бурят монгольская"),
        ("ИВАНОВ", "Иванов"),
        ("Ивaнoв", "Иванов"),  # Latin "a" and "o" typed into a Cyrillic word
        ("CЕMЁНОВ", "Семенов"),  # Latin C and M, and ё
        ("Іоаннъ", "Иоанн"),  # pre-1918 і and the hard sign at the end
        ("Ѳедоръ", "Федор"),
        ("Алексѣй", "Алексей"),
        ("Иванов,  Иван", "иванов иван"),
        ("О'Нил", "ОНил"),
        ("Żukow", "Zukow"),
        ("Ivanоv", "Ivanov"),  # a Cyrillic "о" typed into a Latin word
    ],
)
def test_spellings_of_one_name_normalise_alike(one: str, other: str) -> None:
    assert normalise(one) == normalise(other)


def test_the_result_is_lower_case_words_separated_by_single_spaces() -> None:
    assert normalise("  Шевченко-Тарасова  (Ивановна). ") == "шевченко тарасова ивановна"


def test_a_hard_sign_inside_a_word_stays() -> None:
    assert normalise("Объедковъ") == "объедков"


def test_old_letters_can_be_kept_to_tell_an_exact_match_from_a_variant() -> None:
    assert normalise("Іоаннъ", modernise=False) == "іоаннъ"
    assert normalise("Семён", modernise=False) == "семен"


def test_different_names_stay_different() -> None:
    assert normalise("Иванов") != normalise("Иванова")
    assert normalise("Шевченко") != normalise("Шевчеко")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Шевченко", "cyrillic"),
        ("Ивaнoв", "cyrillic"),
        ("Schewtschenko", "latin"),
        ("Żukow", "latin"),
        ("Шевченко Ivan", "mixed"),
        ("12.03.1937", "none"),
        ("", "none"),
    ],
)
def test_script(text: str, expected: str) -> None:
    assert script(text) == expected
