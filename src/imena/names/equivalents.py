"""Other forms of the same given name: the church form of a baptismal register (Иоанн), the folk form of a
village clerk (Авдотья), the Ukrainian or Belarusian form of a local book (Микола), and the civil Russian
form a relative searches for (Иван, Евдокия, Николай).

Written by hand: no packaged library lists these equivalences for Russian. The table is deliberately narrow:
forms that records use for one and the same person's name, not names that merely share an origin (Юрий and
Георгий are two names to their bearers) and not diminutives (Ваня), which memorial books do not print.
"""

from __future__ import annotations

from functools import cache

from imena.names.forms import patronymics
from imena.names.normalise import normalise

# The civil Russian form, then the other forms records use for it; "м" or "ж" is the name's sex.
_FORMS = """
м иван: иоанн
м яков: иаков, яків
м федор: феодор, федір, хведор
м степан: стефан
м семен: симеон
м алексей: алексий, олексій, олекса
м сергей: сергий, сергій
м георгий: егор, егорий, ягор
м дмитрий: димитрий, дмитро
м ефим: евфимий, юхим
м осип: иосиф, йосип
м кузьма: косма, козьма
м пантелей: пантелеимон, пантелеймон
м илья: илия, ілля
м гавриил: гаврила, гаврило
м даниил: данила, данило
м михаил: михайло
м николай: микола, миколай
м петр: петро
м павел: павло
м василий: василь
м андрей: андрій
м александр: олександр
м афанасий: опанас, панас
м евстафий: остап, астафий
м игнатий: игнат, гнат
м фома: хома
м иларион: илларион, ларион
м захар: захария, захарий
м прокопий: прокоп
м влас: власий
м савва: савватий
м самуил: самойло
м иеремия: еремей, ярема
м исаак: исаакий
м григорий: григорій, грицько
м кирилл: кирило
м тимофей: тимофій, тимох
м антон: антоний, антоній
м онуфрий: ануфрий
ж мария: марья, марія
ж евдокия: авдотья, явдоха, евдокія
ж ксения: аксинья, оксана, аксения
ж ирина: арина, орина
ж прасковья: параскева, параскевия, параска
ж пелагея: палагея, пелагія
ж татьяна: татиана, тетяна
ж анастасия: настасья, анастасія
ж агафья: агафия, агафія, гафия
ж дарья: дария, дарія
ж ульяна: иулиания, улиана, уляна
ж федосья: феодосия, федосия, федосія
ж ефросинья: евфросиния, ефросиния, єфросинія
ж наталья: наталия, наталія
ж софья: софия, софія
ж анна: ганна
ж екатерина: катерина
ж елизавета: елисавета, єлизавета
ж акулина: акилина
ж матрена: матрона, мотря
ж елена: олена
ж евгения: евгенія, євгенія
"""


def _rows() -> list[tuple[str, str, list[str]]]:
    """The table's rows: the name's sex, its civil form, and its other forms, as written."""
    rows = []
    for line in _FORMS.strip().splitlines():
        head, others = line[2:].split(":")
        rows.append((line[0], head.strip(), [form.strip() for form in others.split(",")]))
    return rows


@cache
def _table() -> dict[str, str]:
    """Each form, normalised, and the civil form it stands for; the civil form stands for itself."""
    table: dict[str, str] = {}
    for _, head, others in _rows():
        for form in (head, *others):
            table[normalise(form)] = normalise(head)
    return table


@cache
def _patronymic_table() -> dict[str, str]:
    """The patronymics made from each form of a man's name, and those made from its civil form (which stand
    for themselves)."""
    table: dict[str, str] = {}
    for sex, head, others in _rows():
        if sex != "м":
            continue
        civil = patronymics(head)
        for made in civil:
            table[normalise(made)] = normalise(made)
        for form in others:
            for made, wanted in zip(patronymics(form), civil, strict=True):
                table.setdefault(normalise(made), normalise(wanted))
    return table


def civil_form(given: str) -> str | None:
    """The civil Russian form, normalised, of a given name in another form ("Иоанн" → "иван"), or None if
    the table does not know the name."""
    return _table().get(normalise(given))


def civil_patronymic(patronymic: str) -> str | None:
    """The patronymic made from the civil form of the father's name ("Иоаннович" → "иванович"), or None if
    the table does not know the name."""
    return _patronymic_table().get(normalise(patronymic))
