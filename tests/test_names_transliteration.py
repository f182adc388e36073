"""Transliteration schemes: the spellings a relative abroad types or a foreign book prints."""

from __future__ import annotations

import pytest

from imena.names import SCHEMES, cyrillic_initials, to_cyrillic, to_latin


@pytest.mark.parametrize(
    ("cyrillic", "scheme", "latin"),
    [
        ("Шевченко", "german", "Schewtschenko"),
        ("Щербаков Юрий", "german", "Schtscherbakow Juri"),
        ("Елизавета Васильевна", "german", "Jelisaweta Wassiljewna"),
        ("Жуков", "german", "Schukow"),
        ("Щербаков", "gost_7.79_b", "Shherbakov"),
        ("Щербаков", "bgn_pcgn", "Shcherbakov"),
        ("Юрий", "icao", "Iurii"),
        ("Жуков", "french", "Joukov"),
        ("Хрущёв", "german", "Chruschtschow"),
        ("Ильич", "german", "Iljitsch"),
        ("Ёсиф Семёнович", "german", "Jossif Semjonowitsch"),  # "с" between vowels is "ss"
        ("Шевченко", "polish", "Szewczenko"),
        ("Щербаков", "polish", "Szczerbakow"),
        ("Жуков", "polish", "Żukow"),
        ("Юрий", "polish", "Jurij"),
        ("Елизавета", "polish", "Jelizawieta"),
        ("Ковальский", "polish", "Kowalski"),
        ("Ковальская", "polish", "Kowalska"),
        ("Лев", "polish", "Lew"),
        ("Павел", "polish", "Pawieł"),
        ("Михаил", "polish", "Michaił"),
        ("Николай Васильевич", "polish", "Nikołaj Wasiljewicz"),
        ("Ильич", "polish", "Iljicz"),
        ("Хрущёв", "polish", "Chruszczow"),
        ("Жилин", "polish", "Żylin"),
        ("Игнатьевна", "polish", "Ignatjewna"),
        ("Гоголь", "polish", "Gogol"),
        ("Ярославль", "polish", "Jarosławl"),
        ("Казань", "polish", "Kazań"),
        ("Лысенко", "polish", "Łysienko"),
    ],
)
def test_schemes_spell_names_as_their_readers_expect(cyrillic: str, scheme: str, latin: str) -> None:
    assert to_latin(cyrillic, scheme) == latin


def test_every_scheme_writes_only_latin_letters() -> None:
    for scheme in SCHEMES:
        latin = to_latin("Гуляев Ёсиф Щукин-Эльстон, Ян", scheme)
        assert not any("а" <= c.lower() <= "я" or c in "ёЁ" for c in latin), (scheme, latin)


def test_an_unknown_scheme_is_named() -> None:
    with pytest.raises(ValueError, match="unknown transliteration scheme 'klingon'"):
        to_latin("Иванов", "klingon")


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Schewtschenko", "Шевченко"),
        ("Szewczenko", "Шевченко"),
        ("Chevtchenko", "Шевченко"),
        ("Shevchenko", "Шевченко"),
        ("Ševčenko", "Шевченко"),
        ("Iwanow", "Иванов"),
        ("Ivanov", "Иванов"),
        ("Iwanoff", "Иванов"),
        ("Jurij", "Юрий"),
        ("Yuri", "Юрий"),
        ("Iouri", "Юрий"),
        ("Iurii", "Юрий"),
        ("Schtscherbakow", "Щербаков"),
        ("Szczerbakow", "Щербаков"),
        ("Shcherbakov", "Щербаков"),
        ("Żukow", "Жуков"),
        ("Zukow", "Жуков"),
        ("Joukov", "Жуков"),
        ("Schukow", "Жуков"),
        ("Jelizawieta", "Елизавета"),
        ("Yelizaveta", "Елизавета"),
        ("Kowalski", "Ковальский"),
        ("Lew", "Лев"),
        ("Il'ich", "Ильич"),
        ("Wassiljew", "Васильев"),
        ("Sergueevitch", "Сергеевич"),
        ("Khrouchtchev", "Хрущев"),
        ("Tschaikowski", "Чайковский"),
    ],
)
def test_a_latin_spelling_in_any_scheme_reads_back_first_as_its_name(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin)[0] == cyrillic


def test_readings_are_few_distinct_and_cyrillic() -> None:
    readings = to_cyrillic("Szewczenko")
    assert 1 <= len(readings) <= 8
    assert len(set(readings)) == len(readings)
    assert all(reading.isalpha() and not reading.isascii() for reading in readings)


def test_a_phrase_reads_back_word_by_word_keeping_its_separators() -> None:
    assert to_cyrillic("Ivan Petrovich")[0] == "Иван Петрович"
    assert to_cyrillic("Shevchenko-Tarasova")[0] == "Шевченко-Тарасова"


def test_case_follows_the_input_and_cyrillic_is_kept() -> None:
    assert to_cyrillic("ivanov")[0] == "иванов"
    assert to_cyrillic("Иванов") == ["Иванов"]


def test_every_scheme_spelling_of_common_names_reads_back_among_the_candidates() -> None:
    for name in ("Шевченко", "Иванов", "Кузнецов", "Михаил", "Григорьевич", "Елизавета", "Жуков"):
        for scheme in SCHEMES:
            assert name in to_cyrillic(to_latin(name, scheme)), (name, scheme, to_latin(name, scheme))


def test_latin_initials_stand_for_the_letters_whose_spellings_they_begin() -> None:
    assert cyrillic_initials("I")[0] == "И"
    assert {"Ю", "Я", "Е"} <= set(cyrillic_initials("J"))
    assert set(cyrillic_initials("Sh")) == {"Ш", "Щ"}
    assert cyrillic_initials("W") == ("В",)


def test_a_cyrillic_look_alike_inside_a_latin_word_does_not_stop_the_reading() -> None:
    assert to_cyrillic("Ivanоv")[0] == "Иванов"  # the "о" is Cyrillic
