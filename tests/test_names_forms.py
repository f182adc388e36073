"""Forms of one name: declined, the other gender's, a father's name inside a patronymic."""

from __future__ import annotations

import pytest

from imena.names import father_names, nominative_candidates, patronymics, surname_forms


@pytest.mark.parametrize(
    ("printed", "nominatives"),
    [
        ("Ивана", {"Иван"}),
        ("Ивановой", {"Иванова"}),
        ("Иванова", {"Иванов", "Иванова"}),  # a man's genitive or a woman's nominative
        ("Шевченко", {"Шевченко"}),
        ("Петровича", {"Петрович"}),
        ("Ковальского", {"Ковальский"}),
        ("Марии", {"Мария"}),
        ("Анны", {"Анна"}),
        ("ИВАНА", {"Иван"}),
    ],
)
def test_declined_names_lead_back_to_their_nominative(printed: str, nominatives: set[str]) -> None:
    assert nominative_candidates(printed) == nominatives


@pytest.mark.parametrize(
    ("printed", "nominative"),
    [
        ("Лайнена", "Лайнен"),  # a Finnish surname in the genitive
        ("Искака", "Искак"),  # a Kazakh given name in the genitive
        ("Кварацхелии", "Кварацхелия"),
        ("Мусия", "Мусий"),
        ("Берзиньша", "Берзиньш"),
    ],
)
def test_names_the_dictionary_does_not_know_are_read_by_rule(printed: str, nominative: str) -> None:
    candidates = nominative_candidates(printed)
    assert nominative in candidates
    assert printed in candidates  # it may be a nominative itself


def test_lower_case_stays_lower_case() -> None:
    assert nominative_candidates("ивана") == {"иван"}


@pytest.mark.parametrize(
    ("surname", "forms"),
    [
        ("Иванов", {"Иванов", "Иванова"}),
        ("Иванова", {"Иванов", "Иванова"}),
        ("Ковальский", {"Ковальский", "Ковальская"}),
        ("Ковальская", {"Ковальский", "Ковальская"}),
        ("Толстой", {"Толстой", "Толстая"}),
        ("Толстая", {"Толстой", "Толстая"}),
        ("Шевченко", {"Шевченко"}),
        ("Берзиньш", {"Берзиньш", "Берзиня"}),
        ("Поддубный", {"Поддубный", "Поддубная"}),
        ("Мамедов", {"Мамедов", "Мамедова"}),
        ("Кремер", {"Кремер"}),
        ("Лукашевич", {"Лукашевич"}),
        ("Озолс", {"Озолс", "Озола"}),
        ("Трубецкая", {"Трубецкой", "Трубецкая"}),
    ],
)
def test_surnames_come_in_both_genders(surname: str, forms: set[str]) -> None:
    assert surname_forms(surname) == forms


def test_an_unknown_adjectival_surname_gets_the_usual_masculine() -> None:
    assert surname_forms("Белоглазая") == {"Белоглазая", "Белоглазый"}
    assert surname_forms("Пупкинский") == {"Пупкинский", "Пупкинская"}


@pytest.mark.parametrize(
    ("patronymic", "fathers"),
    [
        ("Петрович", {"Петр"}),
        ("Ильич", {"Илья"}),
        ("Кузьминична", {"Кузьма"}),
        ("Яковлевна", {"Яков"}),
        ("Григорьевич", {"Григорий"}),
        ("Васильевна", {"Василий"}),
        ("Николаевич", {"Николай"}),
        ("Дмитриевич", {"Дмитрий"}),
        ("Игоревич", {"Игорь"}),
        ("Павлович", {"Павел"}),
        ("Львович", {"Лев"}),
        ("Михайлович", {"Михаил"}),
        ("Никитична", {"Никита"}),
        ("Фомич", {"Фома"}),
        ("Петровича", {"Петр"}),
        ("Сулейманович", {"Сулейман"}),
        ("Ахметовна", {"Ахмет"}),
    ],
)
def test_a_patronymic_names_the_father(patronymic: str, fathers: set[str]) -> None:
    assert father_names(patronymic) == fathers


def test_a_word_that_is_no_patronymic_names_no_father() -> None:
    assert father_names("Шевченко") == set()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Иван", ("Иванович", "Ивановна")),
        ("Илья", ("Ильич", "Ильинична")),
        ("Кузьма", ("Кузьмич", "Кузьминична")),
        ("Лев", ("Львович", "Львовна")),
        ("Павел", ("Павлович", "Павловна")),
        ("Яков", ("Яковлевич", "Яковлевна")),
        ("Николай", ("Николаевич", "Николаевна")),
        ("Прокопий", ("Прокопьевич", "Прокопьевна")),
        ("Игорь", ("Игоревич", "Игоревна")),
        ("Ирек", ("Ирекович", "Ирековна")),  # a Tatar name: by the rule
        ("Гиви", ("Гивиевич", "Гивиевна")),
    ],
)
def test_a_given_name_makes_a_sons_and_a_daughters_patronymic(given: str, expected: tuple[str, str]) -> None:
    assert patronymics(given) == expected


@pytest.mark.parametrize("given", ["Иван", "Григорий", "Никита", "Михаил", "Сергей", "Ирек"])
def test_the_father_of_a_patronymic_made_from_a_name_is_that_name(given: str) -> None:
    son, daughter = patronymics(given)
    assert given in father_names(son)
    assert given in father_names(daughter)


@pytest.mark.parametrize("surname", ["Иванов", "Толстой", "Ковальский", "Белоглазый", "Берзиньш", "Долгий", "Озолс"])
def test_every_form_of_a_surname_has_the_same_forms(surname: str) -> None:
    """Search keys a surname by its forms: a woman's form must lead to the same set as a man's."""
    forms = surname_forms(surname)
    for form in forms:
        assert surname_forms(form) == forms
