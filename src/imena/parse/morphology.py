"""Russian word forms back to the nominative, with pymorphy3: declined names, sentencing bodies, places.

Results are cached: a corpus repeats the same bodies and places thousands of times, and pymorphy3 takes
some 50 microseconds a word.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pymorphy3

_PREPOSITIONS = frozenset({"при", "по", "в", "во", "и", "на", "с", "для", "от"})


@cache
def _analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def _parse(word: str) -> tuple[pymorphy3.analyzer.Parse, ...]:
    """pymorphy3's readings of a word, remembered: names and patronymics repeat across millions of entries."""
    return tuple(_analyzer().parse(word))


def _like(word: str, model: str) -> str:
    """`word` with the capitalisation of `model` ("тройка" like "ТРОЙКОЙ" → "ТРОЙКА"), and with "е" where the
    model printed "е" for "ё" (pymorphy3 restores the "ё" that books mostly leave out)."""
    if "ё" not in model.lower():
        word = word.replace("ё", "е")
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@cache
def nominative_phrase(phrase: str, genitive: bool = False) -> str:
    """The leading adjectives and noun of a body in the nominative: "Особой тройкой УНКВД ЛО" → "Особая тройка
    УНКВД ЛО", "Особым совещанием" → "Особое совещание"; the rest is kept as printed. A head noun that can be
    read as a nominative is left alone ("Актанышская райтройка"), unless `genitive` says it followed a word
    that governs the genitive ("Постановлением Тройки")."""
    words = phrase.split(" ")
    adjectives: list[tuple[int, pymorphy3.analyzer.Parse]] = []
    for n, word in enumerate(words):
        bare = word.strip('"«»')
        if bare.isupper() and len(bare) > 1 and adjectives:  # "Охотским МП НКВД": adjectives before an acronym
            gender = "femn" if bare.endswith("ЧК") else "masc"  # a ЧК is a комиссия; ОО, РО, МП are masculine
            return " ".join(_agreed(words, adjectives, gender))
        if not bare or bare.lower() in _PREPOSITIONS or (bare.isupper() and len(bare) > 1) or not bare.isalpha():
            return phrase
        readings = [p for p in _parse(bare) if p.tag.POS in ("ADJF", "NOUN")]
        if not readings:
            return phrase
        nouns = [p for p in readings if p.tag.POS == "NOUN"]
        if not nouns or (readings[0].tag.POS == "ADJF" and n + 1 < len(words)):
            adjectives.append((n, _oblique(readings, genitive)))
            continue
        if not genitive and any(p.tag.case == "nomn" for p in nouns):
            return phrase
        reading = _oblique(nouns, genitive)
        noun = reading.inflect({"nomn"}) if reading.tag.case != "nomn" else reading
        if noun is None:
            return phrase
        words[n] = word.replace(bare, _like(noun.word, bare))
        return " ".join(_agreed(words, adjectives, noun.tag.gender or "masc"))
    return phrase


def _agreed(words: list[str], adjectives: list[tuple[int, pymorphy3.analyzer.Parse]], gender: str) -> list[str]:
    """The words with the adjectives in the nominative, agreeing with their noun's gender."""
    words = list(words)
    for i, adjective in adjectives:
        agreed = adjective.inflect({"nomn", gender, "sing"})
        if agreed:
            bare = words[i].strip('"«»')
            words[i] = words[i].replace(bare, _like(agreed.word, bare))
    return words


def _oblique(readings: list[pymorphy3.analyzer.Parse], genitive: bool) -> pymorphy3.analyzer.Parse:
    """The reading in the case the phrase is likeliest in: instrumental after a verb of sentencing, or genitive."""
    for case in ("gent", "ablt", "datv", "loct", "nomn") if genitive else ("ablt", "gent", "datv", "loct", "nomn"):
        for reading in readings:
            if reading.tag.case == case:
                return reading
    return readings[0]


def _pick(word: str, parts: tuple[str, ...]) -> pymorphy3.analyzer.Parse | None:
    """The likeliest reading of a word as one of the parts of speech, preferring an oblique case."""
    readings = [p for p in _parse(word) if p.tag.POS in parts]
    if not readings:
        return None
    for case in ("ablt", "gent", "datv", "loct", "nomn"):
        for reading in readings:
            if reading.tag.case == case:
                return reading
    return readings[0]


@cache
def nominative_place(word: str) -> str:
    """A place named after "в" in the nominative: "Ленинграде" → "Ленинград"; a name already in the
    nominative or unknown to the dictionary stays as printed."""
    if word[-1:] not in ("е", "и", "у"):
        return word  # "в г. Киев", "в Саратов": already the nominative, whatever the dictionary guesses
    readings = [p for p in _parse(word) if "Geox" in p.tag or p.tag.POS == "NOUN"]
    for reading in readings:
        if reading.tag.case in ("loct", "gent", "datv", "ablt"):
            form = reading.inflect({"nomn"})
            if form:
                return _like(form.word, word)
    return word


@cache
def nominative_name(surname: str, given: str, patronymic: str | None) -> tuple[str, str, str | None, str | None]:
    """A name printed in the genitive ("Иванова Ивана Петровича") in the nominative, with the sex it shows."""
    sex = None
    if patronymic:
        for reading in _parse(patronymic):
            if "Patr" in reading.tag:
                sex = "f" if reading.tag.gender == "femn" else "m"
                break
    gender = {"f": "femn", "m": "masc"}.get(sex or "")

    def back(word: str, kind: str) -> str:
        for reading in _parse(word):
            common = "ms-f" in reading.tag
            agrees = not gender or common or gender in reading.tag
            if kind in reading.tag and reading.tag.case in ("gent", "accs") and agrees:
                form = reading.inflect({"nomn", gender} if gender and not common else {"nomn"})
                if form:
                    return _like(form.word, word)
        return word

    nominative_surname = back(surname, "Surn")
    if nominative_surname == surname:
        nominative_surname = _surname_by_rule(surname, sex)
    given_name = back(given, "Name")
    if given_name == given and sex == "m":  # an unknown man's name in the genitive
        if re.search(r"[бвгджзклмнпрстфхцчшщ]а$", given):
            given_name = given[:-1]  # "Искака" → "Искак"
        elif given.endswith("ия"):
            given_name = given[:-2] + "ий"  # "Мусия" → "Мусий"
        elif given.endswith("ы"):
            given_name = given[:-1] + "а"  # "Джуры" → "Джура"
    elif given_name == given and sex == "f":  # an unknown woman's name in the genitive: "Соны" → "Сона"
        if given.endswith("ы"):
            given_name = given[:-1] + "а"
        elif given.endswith("и"):
            given_name = given[:-1] + ("а" if given[-2:-1] in "гкхжшщч" else "я")
    return nominative_surname, given_name, back(patronymic, "Patr") if patronymic else None, sex


def _surname_by_rule(surname: str, sex: str | None) -> str:
    """The nominative of a genitive surname the dictionary does not know, by the regular declensions."""
    if sex == "f":
        for genitive, nominative in (("ской", "ская"), ("цкой", "цкая"), ("ой", "а")):
            if surname.endswith(genitive):
                return surname[: -len(genitive)] + nominative
        return surname
    for genitive, nominative in (("ского", "ский"), ("цкого", "цкий"), ("ого", "ой")):
        if surname.endswith(genitive):
            return surname[: -len(genitive)] + nominative
    if re.search(r"[бвгджзклмнпрстфхцчшщ]а$", surname):
        return surname[:-1]  # Лайнена → Лайнен
    if surname.endswith("ии"):
        return surname[:-1] + "я"  # Кварацхелии → Кварацхелия
    if surname.endswith("я"):
        return surname[:-1] + "й"  # Щукия → Щукий
    return surname


@cache
def is_known_word(word: str) -> bool:
    """Whether the dictionary knows the word (an unknown lowercase fragment is likely an abbreviation)."""
    known: bool = _analyzer().word_is_known(word)
    return known
