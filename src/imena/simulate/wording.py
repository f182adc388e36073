"""The Russian word forms synthetic entries need: region names after prepositions, names in the genitive.

Written by hand rather than with pymorphy3 because the corpus writer needs tens of thousands of forms a
second and only a few regular patterns: adjectives in region names, and surnames, given names and
patronymics as lists decline them ("на Иванова Ивана Петровича"). The parser, which must read any form,
uses the dictionary.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from imena.gazetteer import Region

MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip


def adjective(word: str, case: str) -> str:
    """An adjective of a region name in the genitive ("gen"), dative ("dat") or instrumental ("ins")."""
    if case == "nom":
        return word
    if word.endswith("ая"):  # feminine: область, АССР, ССР
        return word[:-2] + ("ей" if word[-3:-2] in "жшщчц" else "ой")
    if word.endswith(("ский", "цкий", "ской", "цкой")):  # Тверской у. → Тверского у.
        return word[:-2] + {"gen": "ого", "dat": "ому", "ins": "им"}[case]
    if word.endswith("ское") and case == "gen":  # Гиссарское бекство
        return word[:-2] + "ого"
    if word.endswith("ый"):
        return word[:-2] + {"gen": "ого", "dat": "ому", "ins": "ым"}[case]
    return word


def region_phrase(region: Region, case: str) -> str:
    """ "Воронежская область" → "Воронежской обл."; "Красноярский край" → "Красноярского края".

    The case "nom" gives the short nominative that residence strings print ("Воронежская обл.")."""
    words = region.name.split()
    if region.kind == "oblast" and words[-1] == "область":
        return f"{adjective(words[0], case)} обл."
    if region.kind == "krai" and words[-1] == "край":
        ending = {"nom": "край", "gen": "края", "dat": "краю", "ins": "краем"}[case]
        return f"{adjective(words[0], case)} {ending}"
    if len(words) == 2 and words[1] in ("АССР", "ССР"):
        return f"{adjective(words[0], case)} {words[1]}"
    return region.name


# Nouns of pre-revolutionary place names, in the genitive.
_PLACE_NOUNS = {"Область": "Области", "улус": "улуса", "эмират": "эмирата", "бекство": "бекства",
                "округ": "округа", "отдел": "отдела", "уезд": "уезда", "волость": "волости"}  # fmt: skip


@cache
def place_genitive(place: str) -> str:
    """ "Козловский у." → "Козловского у."; "Область Войска Донского" → "Области Войска Донского"."""
    words = place.split()
    if words and words[0] in _PLACE_NOUNS:
        return " ".join([_PLACE_NOUNS[words[0]], *words[1:]])
    return " ".join(_PLACE_NOUNS.get(w, adjective(w, "gen") if n == 0 else w) for n, w in enumerate(words))


def surname_genitive(surname: str, female: bool) -> str:
    if female:
        if surname.endswith(("ова", "ева", "ина", "ына")):
            return surname[:-1] + "ой"
        if surname.endswith("ая"):
            return surname[:-2] + ("ей" if surname[-3:-2] in "жшщчц" else "ой")
        return surname
    if surname.endswith(("ов", "ев", "ин", "ын")):
        return surname + "а"
    if surname.endswith(("ский", "цкий")):
        return surname[:-2] + "ого"
    if surname.endswith(("ой", "ый")):
        return surname[:-2] + "ого"
    if surname.endswith(("ко", "ых", "их", "аго", "о", "е", "и", "у", "ю")):
        return surname  # Шевченко, Черных, Дурново do not decline
    if surname.endswith("а"):
        return surname[:-1] + ("и" if surname[-2:-1] in "гкхжшщч" else "ы")
    if surname.endswith("я"):
        return surname[:-1] + "и"
    if surname.endswith("й"):
        return surname[:-1] + "я"
    if surname.endswith("ь"):
        return surname[:-1] + "я"
    return surname + "а"


def given_genitive(name: str, female: bool) -> str:
    if name.endswith("ия"):
        return name[:-1] + "и"
    if name.endswith("а"):
        return name[:-1] + ("и" if name[-2:-1] in "гкхжшщч" else "ы")
    if name.endswith("я"):
        return name[:-1] + "и"
    if female:
        return name  # Любовь, Рахиль: left as they are
    if name.endswith(("й", "ь")):
        return name[:-1] + "я"
    if name.endswith("ел"):  # Павел → Павла
        return name[:-2] + "ла"
    if name == "Лев":
        return "Льва"
    if name[-1:] in "оеиуюэы" or "-" in name:
        return name
    return name + "а"


def patronymic_genitive(patronymic: str) -> str:
    if patronymic.endswith("на"):
        return patronymic[:-1] + "ы"
    if patronymic.endswith(("ич", "ыч")):
        return patronymic + "а"
    return patronymic


@cache
def date_words(day: dt.date) -> str:
    """ "11 августа 1937 г.", as labelled and running-text entries print a date."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def date_numeric(day: dt.date) -> str:
    """ "14.12.1937", as execution lists print a date."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"
