"""The forms one name takes in the records: declined ("Ивана"), the other gender's ("Иванова"), a father's
name inside a patronymic ("Петрович"), so a search for one form finds the others.

pymorphy3 decides for the names its dictionary knows; the rules here cover the rest (Lithuanian, Latvian,
Tatar, German names it has never seen), which is why they are written by hand. The project's table of
given names (imena.simulate's names.csv) supplies the irregular patronymics ("Ильич", "Кузьминична").
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache, lru_cache

from imena.names import morph
from imena.names.tables import given_names, surname_pairs

# Oblique endings of names pymorphy3 does not know, and the nominative endings they may come from, the most
# specific first. The word itself always stays a candidate: an unknown name may be a nominative already.
_OBLIQUE: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"(ов|ев|ёв|ин|ын)(а|у|ым|е)", ("{0}", "{0}а")),  # Лайнена → Лайнен; Петрову may be Петрова's
    (r"(ов|ев|ёв|ин|ын)(ой|ою)", ("{0}а",)),
    (r"(ск|цк)(ого|ому|им|ом)", ("{0}ий",)),
    (r"(ск|цк)(ую)", ("{0}ая",)),
    (r"(ск|цк)(ой)", ("{0}ая",)),
    (r"([гкхжшчщ])(ого|ому|им|ом)", ("{0}ий", "{0}ой")),
    (r"(.)(ого|ому|ым|ом)", ("{0}ый", "{0}ой")),
    (r"(.)(его|ему|им|ем)", ("{0}ий",)),
    (r"(ич)(а|у|ем|е)", ("{0}",)),  # patronymics: Петровича → Петрович
    (r"(и)(я|ю|ем|и)", ("{0}й", "{0}я")),  # Мусия → Мусий, Марии → Мария
    (r"(.)(ой|ою|ую)", ("{0}а", "{0}ая")),
    (r"([бвгджзклмнпрстфхцчшщ])(а|у|ом|е)", ("{0}",)),  # Искака → Искак
    (r"([гкхжшчщ])(и)", ("{0}а",)),  # Ольги → Ольга
    (r"([бвдзлмнпрстфц])(ы)", ("{0}а",)),  # Джуры → Джура
    (r"(.)(и|ю|ей|ею)", ("{0}я",)),  # Софьи → Софья
)
_SURNAME_PAIRS: tuple[tuple[str, str], ...] = (  # masculine ending ↔ feminine ending, for unknown surnames
    ("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина"), ("ын", "ына"), ("ский", "ская"),
    ("цкий", "цкая"), ("ской", "ская"), ("цкой", "цкая"), ("ый", "ая"), ("ой", "ая"), ("ний", "няя"),
    ("ий", "ая"), ("иньш", "иня"), ("ньш", "ня"),
)  # fmt: skip


def like(word: str, model: str) -> str:
    """`word` capitalised as `model` is ("ивана" like "ИВАНОВА" → "Ивана", names are printed capitalised),
    with "е" for the "ё" pymorphy3 restores unless the model had it."""
    if "ё" not in model.lower():
        word = word.replace("ё", "е")
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


@lru_cache(maxsize=100_000)
def _nominatives(word: str) -> frozenset[str]:
    readings = morph.name_readings(word)
    if not readings:
        found = {word}
        for pattern, endings in _OBLIQUE:
            match = re.search(f"{pattern}$", word)
            if match and match.start() > 0:
                stem = word[: match.start()]
                found |= {stem + ending.format(match.group(1)) for ending in endings}
                break
        return frozenset(found)
    found = set()
    for reading in readings:
        if reading.tag.case == "nomn":
            found.add(reading.word)
            continue
        gender = reading.tag.gender if reading.tag.gender in ("masc", "femn") else None
        form = reading.inflect({"nomn", gender} if gender else {"nomn"}) or reading.inflect({"nomn"})
        if form:
            found.add(form.word)
    return frozenset(found)


def nominative_candidates(word: str) -> set[str]:
    """The nominatives a printed name may be a form of: "Ивана" → {"Иван"}, "Иванова" → {"Иванов",
    "Иванова"}; a name the dictionary does not know keeps itself among them."""
    return {like(form, word) for form in _nominatives(word.lower().replace("ё", "е"))}


def _surname_readings(word: str) -> list[tuple[str, str]]:
    """(masculine, feminine) nominatives of a surname the dictionary knows."""
    pairs = []
    for reading in morph.name_readings(word):
        if "Surn" in reading.tag and reading.tag.case == "nomn":
            masculine, feminine = reading.inflect({"masc", "nomn"}), reading.inflect({"femn", "nomn"})
            pairs.append((masculine.word if masculine else word, feminine.word if feminine else word))
    return pairs


@cache
def _surname_table() -> dict[str, frozenset[str]]:
    """The table's surnames with their other gender's form, for those no rule knows (Озолс ↔ Озола)."""
    pairs: dict[str, set[str]] = defaultdict(set)
    for masculine, feminine in surname_pairs():
        pairs[masculine.lower()].add(feminine.lower())
        pairs[feminine.lower()].add(masculine.lower())
    return {surname: frozenset(others) for surname, others in pairs.items()}


@lru_cache(maxsize=100_000)
def _surname_forms(word: str) -> frozenset[str]:
    found = {word} | _surname_table().get(word, frozenset())
    for masculine, feminine in _surname_readings(word):
        found |= {masculine, feminine}
    if len(found) > 1:
        return frozenset(found)
    for masculine, feminine in _SURNAME_PAIRS:
        if word.endswith(masculine) and len(word) > len(masculine) + 1:
            found.add(word[: -len(masculine)] + feminine)
            break
    for masculine, feminine in _SURNAME_PAIRS:
        if word.endswith(feminine) and len(word) > len(feminine) + 1:
            stem = word[: -len(feminine)]
            if masculine in ("ой", "ской", "цкой") and not morph.kinds(stem + masculine) & {"Surn"}:
                continue  # "-ая" is far more often "-ый"/"-ий"; "Толстой" and "Трубецкой" are in the dictionary
            if masculine == "ий" and stem[-1:] not in "гкхжшчщ":
                continue
            if masculine == "ый" and stem[-1:] in "гкхжшчщ":
                continue
            found.add(stem + masculine)
    return frozenset(found)


def surname_forms(surname: str) -> set[str]:
    """A surname in both genders, itself included: Иванов ↔ Иванова, Толстой ↔ Толстая, Берзиньш ↔ Берзиня;
    Шевченко and other surnames that do not change stay alone."""
    return {like(form, surname) for form in _surname_forms(surname.lower().replace("ё", "е"))}


@cache
def _patronymic_table() -> tuple[dict[str, tuple[str, str]], dict[str, set[str]]]:
    """The table's patronymics by given name, and its given names by patronymic, in lower case."""
    by_name: dict[str, tuple[str, str]] = {}
    by_patronymic: dict[str, set[str]] = defaultdict(set)
    for given in given_names():
        if given.male and given.patronymic_m:
            by_name.setdefault(given.name.lower(), (given.patronymic_m.lower(), given.patronymic_f.lower()))
            for patronymic in (given.patronymic_m, given.patronymic_f):
                by_patronymic[patronymic.lower()].add(given.name.lower())
    return by_name, dict(by_patronymic)


# Patronymic endings, the longest first, and how the father's name ends for each.
_PATRONYMIC_ENDINGS = ("ьевич", "ьевна", "инична", "ович", "овна", "евич", "евна", "ична", "ич")
_CONSONANTS = "бвгджзклмнпрстфхцчшщ"


def _fathers_by_rule(patronymic: str) -> set[str]:
    ending = next((e for e in _PATRONYMIC_ENDINGS if patronymic.endswith(e)), None)
    if ending is None or len(patronymic) <= len(ending) + 1:
        return set()
    stem = patronymic[: -len(ending)]
    if ending in ("ьевич", "ьевна"):
        return {stem + "ий"}  # Васильевич → Василий
    if ending in ("ич", "ична", "инична"):
        return {stem[:-1] + "ья"} if stem.endswith("ь") else {stem + "а"}  # Ильич → Илья, Фомич → Фома
    if ending in ("евич", "евна"):
        if stem[-1] in _CONSONANTS:
            return {stem[:-1]} if stem.endswith("вл") else {stem + "ь"}  # Яковлевич → Яков, Игоревич → Игорь
        return {stem + "й"}  # Андреевич → Андрей, Дмитриевич → Дмитрий
    found = {stem, stem + "о"}  # Петрович → Петр; Ukrainian Михайлович → Михайло
    if stem.endswith("йл"):
        found.add(stem[:-2] + "ил")  # Михайлович → Михаил
    if len(stem) > 2 and stem[-1] in _CONSONANTS and stem[-2] in _CONSONANTS + "ь":
        found.add(stem[:-2] + (stem[-2] if stem[-2] != "ь" else "") + "е" + stem[-1])  # Павлович → Павел
    return found


def _is_male_name(word: str) -> bool:
    return any("Name" in reading.tag and reading.tag.gender == "masc" for reading in morph.name_readings(word))


@lru_cache(maxsize=20_000)
def _father_names(patronymic: str) -> frozenset[str]:
    nominatives = [p for p in _nominatives(patronymic) if p.endswith(_PATRONYMIC_ENDINGS)] or [patronymic]
    found: set[str] = set()
    for nominative in nominatives:
        table = _patronymic_table()[1].get(nominative)
        if table:
            found |= table
            continue
        candidates = _fathers_by_rule(nominative)
        known = {name for name in candidates if _is_male_name(name)}
        found |= known or candidates
    return frozenset(found)


def father_names(patronymic: str) -> set[str]:
    """The names the father of someone with this patronymic may have borne: Петрович → {"Петр"},
    Ильич → {"Илья"}, Яковлевна → {"Яков"}; a declined patronymic ("Петровича") is read first."""
    return {like(name, patronymic) for name in _father_names(patronymic.lower().replace("ё", "е"))}


def patronymics(given: str) -> tuple[str, str]:
    """The patronymics of a man's children, a son's and a daughter's: Иван → ("Иванович", "Ивановна")."""
    name = given.lower().replace("ё", "е")
    table = _patronymic_table()[0].get(name)
    if table:
        son, daughter = table
    elif name.endswith("ий") and len(name) > 3 and name[-3] in _CONSONANTS:
        son, daughter = name[:-2] + "ьевич", name[:-2] + "ьевна"  # Прокопий → Прокопьевич
    elif name.endswith("й"):
        son, daughter = name[:-1] + "евич", name[:-1] + "евна"  # Николай → Николаевич
    elif name.endswith("ь"):
        son, daughter = name[:-1] + "евич", name[:-1] + "евна"  # Игорь → Игоревич
    elif name.endswith(("а", "я")):
        stem = name[:-1] if not name.endswith("ья") else name[:-2] + "ь"
        son, daughter = stem + "ич", stem + "ична"  # Никита → Никитич
    elif name.endswith("о"):
        son, daughter = name[:-1] + "ович", name[:-1] + "овна"  # Михайло → Михайлович
    elif name[-1:] in _CONSONANTS:
        son, daughter = name + "ович", name + "овна"
    else:
        son, daughter = name + "евич", name + "евна"  # Гиви → Гивиевич
    return like(son, given), like(daughter, given)
