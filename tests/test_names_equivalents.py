"""Other forms of one given name: church, folk, Ukrainian and Belarusian forms and the civil Russian one."""

from __future__ import annotations

import pytest

from imena.names.equivalents import civil_form, civil_patronymic


@pytest.mark.parametrize(
    ("form", "civil"),
    [("Иоанн", "иван"), ("Іоаннъ", "иван"), ("Феодор", "федор"), ("Микола", "николай"), ("Авдотья", "евдокия"),
     ("Параскева", "прасковья"), ("Оксана", "ксения"), ("Егор", "георгий"), ("Иван", "иван")],
)  # fmt: skip
def test_forms_of_a_name_lead_to_its_civil_form(form: str, civil: str) -> None:
    assert civil_form(form) == civil


def test_names_of_one_origin_but_two_bearers_are_not_merged() -> None:
    assert civil_form("Юрий") != civil_form("Георгий")
    assert civil_form("Ваня") is None  # diminutives are not printed in memorial books
    assert civil_form("Шевченко") is None


@pytest.mark.parametrize(
    ("form", "civil"),
    [("Иоаннович", "иванович"), ("Иоанновна", "ивановна"), ("Феодоровна", "федоровна"), ("Стефанович", "степанович"),
     ("Миколаевич", "николаевич"), ("Иванович", "иванович")],
)  # fmt: skip
def test_patronymics_made_from_other_forms_lead_to_the_civil_patronymic(form: str, civil: str) -> None:
    assert civil_patronymic(form) == civil


def test_an_unknown_patronymic_has_no_civil_form() -> None:
    assert civil_patronymic("Тихонович") is None
    assert civil_patronymic("Илиич") == civil_patronymic("Ильич") == "ильич"
