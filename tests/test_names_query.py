"""Splitting a free name query: the words, the roles they may play, and whole readings best first."""

from __future__ import annotations

from imena.names import NameQuery, Role, split_query


def _best(query: NameQuery) -> tuple[str | None, str | None, str | None]:
    best = query.best
    assert best is not None
    return (
        best.surname.text if best.surname else None,
        best.given.text if best.given else None,
        best.patronymic.text if best.patronymic else None,
    )


def test_the_memorial_book_order() -> None:
    assert _best(split_query("Кузнецова Анна Ивановна")) == ("Кузнецова", "Анна", "Ивановна")


def test_the_natural_order_in_latin() -> None:
    query = split_query("Ivan Petrovich Ivanov")
    assert _best(query) == ("Ivanov", "Ivan", "Petrovich")
    assert query.words[2].cyrillic[0] == "Иванов"


def test_surname_and_initials() -> None:
    assert _best(split_query("Шевченко Иван П.")) == ("Шевченко", "Иван", "П.")
    assert _best(split_query("Иванов И.П.")) == ("Иванов", "И.", "П.")
    assert _best(split_query("И. П. Иванов")) == ("Иванов", "И.", "П.")


def test_a_latin_initial_stands_for_the_cyrillic_letters_it_may_spell() -> None:
    query = split_query("Shevchenko I.")
    assert _best(query) == ("Shevchenko", "I.", None)
    initial = query.words[1]
    assert initial.is_initial and initial.roles == {Role.INITIAL}
    assert initial.cyrillic[0] == "И"
    assert "Ю" in initial.cyrillic


def test_a_declined_name_carries_its_nominatives() -> None:
    query = split_query("Иванова Ивана")
    assert _best(query) == ("Иванова", "Ивана", None)
    surname, given = query.words
    assert set(surname.nominatives) == {"Иванов", "Иванова"}
    assert given.nominatives == ("Иван",)


def test_a_word_keeps_every_plausible_role() -> None:
    query = split_query("Павел")
    assert {Role.GIVEN, Role.SURNAME} <= query.words[0].roles
    assert query.best is not None and query.best.given is query.words[0]
    assert any(reading.surname is query.words[0] for reading in query.readings)


def test_a_patronymic_is_not_read_as_a_given_name_first() -> None:
    query = split_query("Иван Петрович")
    assert _best(query) == (None, "Иван", "Петрович")
    assert Role.PATRONYMIC in query.words[1].roles


def test_a_lone_unknown_word_is_a_surname_first() -> None:
    assert _best(split_query("Берзиньш")) == ("Берзиньш", None, None)


def test_german_spelling_given_name_and_surname() -> None:
    query = split_query("Schewtschenko Iwan")
    assert _best(query) == ("Schewtschenko", "Iwan", None)
    assert query.words[0].cyrillic[0] == "Шевченко"
    assert query.words[1].cyrillic[0] == "Иван"


def test_readings_are_sorted_and_account_for_every_word() -> None:
    query = split_query("Ли Ден Хва")
    scores = [reading.score for reading in query.readings]
    assert scores == sorted(scores, reverse=True)
    for reading in query.readings:
        used = [w for w in (reading.surname, reading.given, reading.patronymic) if w] + list(reading.other)
        assert sorted(w.text for w in used) == sorted(w.text for w in query.words)


def test_numbers_and_punctuation_are_no_words() -> None:
    query = split_query("Иванов, (Ivanov) 1899")
    assert [word.text for word in query.words] == ["Иванов", "Ivanov"]


def test_an_empty_query_has_no_reading() -> None:
    assert split_query("  ").readings == ()
    assert split_query("").best is None


def test_a_year_and_its_abbreviation_are_no_initials() -> None:
    query = split_query("Иванов Иван 1899 г.р.")
    assert [word.text for word in query.words] == ["Иванов", "Иван"]


def test_look_alike_letters_do_not_hide_a_known_name() -> None:
    query = split_query("Ивaнов Иван")  # a Latin "a" in the surname
    assert query.words[0].cyrillic == ("Иванов",)
    assert _best(query) == ("Ивaнов", "Иван", None)


def test_latin_abbreviations_stand_for_cyrillic_beginnings() -> None:
    query = split_query("Iv. Ivanov")
    assert query.words[0].cyrillic == ("Ив",)
    assert set(split_query("Sh. Ivanov").words[0].cyrillic) == {"Ш", "Щ"}
