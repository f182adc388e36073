"""Writing one source's entry about one person: first what it states (its truth), then its text.

The truth is what a perfect parser would extract, in the record schema (shared/docs/record-schema.md):
a source's own errors (a typo in a name, a birth year off by one, a falsified date of death) are part of its
statement, while OCR slips in words that carry no value ("Рассстрелян") are not.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from imena.gazetteer import Gazetteer
from imena.names import transliterator
from imena.simulate.people import Person
from imena.simulate.reference import pick
from imena.simulate.sources import Source
from imena.simulate.wording import (
    date_numeric,
    date_words,
    given_genitive,
    patronymic_genitive,
    place_genitive,
    surname_genitive,
)

_VERBS = {
    "m": {"born": "Родился", "lived": "Проживал", "arrested": "Арестован", "sentenced": "Приговорен",
          "shot": "Расстрелян", "rehabilitated": "Реабилитирован", "native": "уроженец", "died": "умер"},
    "f": {"born": "Родилась", "lived": "Проживала", "arrested": "Арестована", "sentenced": "Приговорена",
          "shot": "Расстреляна", "rehabilitated": "Реабилитирована", "native": "уроженка", "died": "умерла"},
}  # fmt: skip
# Misreadings of scanned books in words that carry no value.
_OCR = {"Расстрелян": "Рассстрелян", "Реабилитирован": "Реабилитнрован", "Арестован": "Арестовап"}
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщыэюя"


@dataclass(slots=True)
class Statement:
    """What one entry says of a person; None where it says nothing."""

    surname: str
    given: str
    patronymic: str | None
    birth_year: int
    birth_place: str | None
    nationality: str | None
    education: str | None
    party: tuple[str, str] | None
    occupation: str | None
    residence: str | None
    arrest: dt.date | None
    body: str
    sentence_date: dt.date
    charge: str | None
    execution: dt.date | None
    execution_place: str | None
    burial: str | None
    death: tuple[dt.date, str] | None
    rehabilitation: tuple[dt.date, str] | None


class EntryWriter:
    """Writes the entries of one source, with its own random stream."""

    def __init__(self, source: Source, gazetteer: Gazetteer, seed: int) -> None:
        self.source = source
        self.gazetteer = gazetteer
        self.rng = random.Random(seed)

    def entry(self, number: int, person: Person) -> dict[str, Any]:
        statement = self.state(person)
        verbs = _VERBS[person.sex]
        style = self.source.style
        if style == "german":
            statement = _in_german(statement)
        text = {"labelled": _labelled, "running": _running, "terse": _terse, "acts": _acts, "german": _german}[style](
            statement, person, verbs
        )
        if self.rng.random() < self.source.noise:
            for word, slip in _OCR.items():
                text = text.replace(word, slip, 1)
        truth = _truth(statement, person, style)
        if self.source.old_spelling:
            text, truth = old_spelling(text), _old_spelling_truth(truth)
        identifier = f"{self.source.id}-{number:06d}"
        truth["person_id"] = person.person_id
        return {"id": identifier, "source": self.source.id, "text": text, "synthetic": True, "truth": truth}

    def state(self, person: Person) -> Statement:
        """Choose what this entry says, with the source's omissions and errors."""
        rng, source = self.rng, self.source

        def keep(value: Any) -> Any:
            return value if rng.random() >= source.missing else None

        surname = person.surname
        if rng.random() < source.noise:
            surname = _typo(surname, rng)
        birth_year = person.birth_date.year
        if rng.random() < source.noise:
            birth_year += pick(rng, (-2, -1, 1, 2))
        death: tuple[dt.date, str] | None = None
        if person.false_death_date and person.false_death_cause and rng.random() < source.false_death:
            died = _VERBS[person.sex]["died"]
            text = f"по справке ЗАГС {died} {date_numeric(person.false_death_date)} {person.false_death_cause}"
            death = (person.false_death_date, text)
        elif person.camp_death:
            death = (person.camp_death, "Умер в лагере" if person.sex == "m" else "Умерла в лагере")
        return Statement(
            surname=surname,
            given=person.given,
            patronymic=person.patronymic,
            birth_year=birth_year,
            birth_place=keep(f"{person.guberniya}, {person.uezd}, {_settlement(person.village)}"),
            nationality=keep(person.nationality),
            education=keep(person.education),
            party=keep((person.party_status, person.party_text)),
            occupation=keep(person.occupation),
            residence=keep(person.residence),
            arrest=keep(person.arrest_date),
            body=person.troika,
            sentence_date=person.sentence_date,
            charge=keep(person.charge),
            execution=person.execution_date,
            execution_place=person.execution_place,
            burial=keep(person.burial_place),
            death=death,
            rehabilitation=keep((person.rehabilitation_date, person.rehabilitation_by))
            if person.rehabilitation_date and person.rehabilitation_by
            else None,
        )


def _settlement(village: str) -> str:
    return village if village.startswith(("аул", "кишлак")) else f"с. {village}"


def _typo(word: str, rng: random.Random) -> str:
    """One slip of a typist: a letter dropped, doubled, swapped with the next, or replaced."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    if kind == 2:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + pick(rng, _RUSSIAN) + word[i + 1 :]


def _full_name(s: Statement) -> str:
    return " ".join(part for part in (s.surname, s.given, s.patronymic) if part)


def _penalty(person: Person, running: bool) -> str:
    if person.category == 1:
        return "к ВМН" if running else "ВМН"
    years = person.term_years or 10
    return f"к {years} годам ИТЛ" if running else f"{years} лет ИТЛ"


def _labelled(s: Statement, person: Person, verbs: dict[str, str]) -> str:
    born = f"{verbs['born']} в {s.birth_year} г."
    details = [born + (f", {s.birth_place}" if s.birth_place else "")]
    details += [v for v in (s.nationality, f"образование {s.education}" if s.education else None) if v]
    details += [v for v in (s.party[1] if s.party else None, s.occupation) if v]
    lines = [_full_name(s), "; ".join(details) + "."]
    if s.residence:
        lines.append(f"{verbs['lived']}: {s.residence}.")
    if s.arrest:
        lines.append(f"{verbs['arrested']} {date_words(s.arrest)}")
    charge = f", обв.: {s.charge}" if s.charge else ""
    lines.append(f"{verbs['sentenced']}: {s.body} {date_words(s.sentence_date)}{charge}.")
    lines.append(f"Приговор: {_penalty(person, running=False)}")
    if s.execution:
        lines.append(f"{verbs['shot']} {date_words(s.execution)}")
    if s.burial:
        lines.append(f"Место захоронения - {s.burial}.")
    if s.death:
        lines.append(_printed_death(s) or "")
    if s.rehabilitation:
        lines.append(f"{verbs['rehabilitated']} {date_words(s.rehabilitation[0])} {s.rehabilitation[1]}")
    return "\n".join(lines)


@cache
def _genitive_place(place: str) -> str:
    """ "Тамбовская губ., Козловский у., с. Ивановка" → "с. Ивановка Козловского у. Тамбовской губ."."""
    parts = [p.strip() for p in place.split(",")]
    return " ".join([parts[-1], *reversed([place_genitive(p) for p in parts[:-1]])])


def _running(s: Statement, person: Person, verbs: dict[str, str]) -> str:
    head = [f"{_full_name(s)}, {s.birth_year} г. р."]
    if s.birth_place:
        head.append(f"{verbs['native']} {_genitive_place(s.birth_place)}")
    head += [v for v in (s.nationality, s.party[1] if s.party else None, s.occupation) if v]
    if s.residence:
        head.append(f"{verbs['lived'].lower()}: {s.residence}")
    sentences = [", ".join(head) + "."]
    if s.arrest:
        sentences.append(f"{verbs['arrested']} {date_words(s.arrest)}")
    body = _instrumental(s.body)
    charge = ""
    if s.charge:
        charge = f" по {s.charge}" if s.charge.startswith("ст. ") else f" {s.charge}"
    sentences.append(
        f"{body[0].upper()}{body[1:]} {date_words(s.sentence_date)} {verbs['sentenced'].lower()}{charge} "
        f"{_penalty(person, running=True)}."
    )
    if s.execution:
        place = f" в г. {s.execution_place}" if s.execution_place else ""
        sentences.append(f"{verbs['shot']}{place} {date_words(s.execution)}")
    if s.death:
        sentences.append(_printed_death(s) or "")
    if s.rehabilitation:
        sentences.append(f"{verbs['rehabilitated']} {date_words(s.rehabilitation[0])}")
    return " ".join(sentence if sentence.endswith(".") else sentence + "." for sentence in sentences)


def _instrumental(body: str) -> str:
    """ "Особая тройка УНКВД ЛО" → "Особой тройкой УНКВД ЛО"."""
    return re.sub(r"^(Особая |особая )?тройка", lambda m: ("Особой " if m.group(1) else "") + "тройкой", body)


def _terse(s: Statement, person: Person, verbs: dict[str, str]) -> str:
    parts = [_full_name(s), f"род. {s.birth_year}"]
    parts += [v for v in (s.birth_place, s.nationality, s.party[1] if s.party else None, s.occupation) if v]
    text = ", ".join(parts) + "."
    if s.residence:
        text += f" Адрес: {s.residence}."
    if s.execution:
        text += f" {verbs['shot']} {date_numeric(s.execution)}."
    if s.burial:
        text += f" Место захоронения: {s.burial}."
    return text


def _acts(s: Statement, person: Person, verbs: dict[str, str]) -> str:
    female = person.sex == "f"
    name = " ".join(
        part
        for part in (
            surname_genitive(s.surname, female),
            given_genitive(s.given, female),
            patronymic_genitive(s.patronymic) if s.patronymic else None,
        )
        if part
    )
    condemned = "осужденной" if female else "осужденного"
    text = f"Приговор в отношении {name}, {s.birth_year} г. р., {condemned} {_instrumental(s.body)}"
    text += f" {date_numeric(s.sentence_date)},"
    when = date_numeric(s.execution) if s.execution else ""
    return f"{text} приведен в исполнение {when}."


def _in_german(s: Statement) -> Statement:
    """The statement as a German book prints it: names and places in German spelling."""
    latin = transliterator("german")
    place = s.birth_place.rsplit(", ", 1)[-1].removeprefix("с. ") if s.birth_place else None
    return replace(
        s,
        surname=latin(s.surname),
        given=latin(s.given),
        patronymic=latin(s.patronymic) if s.patronymic else None,
        birth_place=latin(place) if place else None,
    )


def _german(s: Statement, person: Person, verbs: dict[str, str]) -> str:
    female = person.sex == "f"
    head = f"{_full_name(s)}, geb. {s.birth_year}" + (f" in {s.birth_place}" if s.birth_place else "")
    parts = [head + (", Deutsche." if female else ", Deutscher.")]
    if s.arrest:
        parts.append(f"Verhaftet am {date_numeric(s.arrest)}.")
    parts.append(f"Am {date_numeric(s.sentence_date)} {_german_penalty(person)}.")
    if s.execution:
        parts.append(f"Erschossen am {date_numeric(s.execution)}.")
    if s.death:
        parts.append(f"Im Lager gestorben am {date_numeric(s.death[0])}.")
    if s.rehabilitation:
        parts.append(f"Rehabilitiert am {date_numeric(s.rehabilitation[0])}.")
    return " ".join(parts)


def _german_penalty(person: Person) -> str:
    if person.category == 1:
        return "zum Tode verurteilt"
    return f"zu {person.term_years or 10} Jahren Lagerhaft verurteilt"


def _german_truth(s: Statement, person: Person) -> dict[str, Any]:
    return {
        "name": {"surname": s.surname, "given": s.given, "patronymic": s.patronymic},
        "sex": person.sex,
        "birth": {"date": str(s.birth_year), "place": s.birth_place},
        "nationality": "Deutsche" if person.sex == "f" else "Deutscher",
        "party": None,
        "education": None,
        "occupation": None,
        "residence": None,
        "arrest": {"date": _iso(s.arrest), "by": None} if s.arrest else None,
        "sentence": {
            "date": _iso(s.sentence_date),
            "body": None,
            "charge": None,
            "articles": [],
            "penalty": "death" if person.category == 1 else "camp",
            "term_years": person.term_years,
            "text": _german_penalty(person),
        },
        "execution": {"date": _iso(s.execution), "place": None} if s.execution else None,
        "death": {"date": _iso(s.death[0]), "text": f"Im Lager gestorben am {date_numeric(s.death[0])}"}
        if s.death
        else None,
        "burial": None,
        "rehabilitation": {"date": _iso(s.rehabilitation[0]), "by": None} if s.rehabilitation else None,
    }


def _truth(s: Statement, person: Person, style: str) -> dict[str, Any]:
    """The statement in the record schema: what a perfect parser would extract from the text."""
    if style == "german":
        return _german_truth(s, person)
    penalty = "death" if person.category == 1 else "camp"
    shows_sentence_text = style in ("labelled", "running")
    return {
        "name": {"surname": s.surname, "given": s.given, "patronymic": s.patronymic},
        "sex": person.sex,
        "birth": {"date": str(s.birth_year), "place": _printed_birth_place(s.birth_place, style)},
        "nationality": s.nationality if style != "acts" else None,
        "party": {"status": s.party[0], "text": s.party[1]} if s.party and style != "acts" else None,
        "education": s.education if style == "labelled" else None,
        "occupation": s.occupation if style != "acts" else None,
        "residence": s.residence if style != "acts" else None,
        "arrest": {"date": _iso(s.arrest), "by": None} if s.arrest and style in ("labelled", "running") else None,
        "sentence": {
            "date": _iso(s.sentence_date) if style != "terse" else None,
            "body": _printed_body(s.body, style),
            "charge": s.charge if shows_sentence_text else None,
            "articles": list(person.articles) if s.charge and shows_sentence_text else [],
            "penalty": penalty if style != "terse" else ("death" if s.execution else None),
            "term_years": person.term_years if shows_sentence_text else None,
            "text": _penalty(person, running=style == "running") if shows_sentence_text else None,
        },
        "execution": {"date": _iso(s.execution), "place": s.execution_place if style == "running" else None}
        if s.execution
        else None,
        "death": {"date": _iso(s.death[0]), "text": _printed_death(s)} if s.death and shows_sentence_text else None,
        "burial": {"place": s.burial} if s.burial and style in ("labelled", "terse") else None,
        "rehabilitation": {
            "date": _iso(s.rehabilitation[0]),
            "by": s.rehabilitation[1] if style == "labelled" else None,
        }
        if s.rehabilitation and shows_sentence_text
        else None,
    }


def _printed_death(s: Statement) -> str | None:
    """The death clause as printed, its date included ("Умер в лагере 12.03.1942")."""
    if s.death is None:
        return None
    wording, day = s.death[1], s.death[0]
    return f"{wording} {date_numeric(day)}" if wording.startswith("Ум") else wording


def _printed_body(body: str, style: str) -> str | None:
    """The body as the entry prints it, in the nominative: running text starts a sentence with it."""
    if style == "terse":
        return None
    return body[0].upper() + body[1:] if style == "running" else body


def _printed_birth_place(place: str | None, style: str) -> str | None:
    if place is None or style == "acts":
        return None
    return _genitive_place(place) if style == "running" else place


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# A hard sign after a word's final consonant, but not after an abbreviation ("ст.", "губ.") or capitals ("УК").
_CONSONANT_END = re.compile(r"\b([а-яё]*[бвгджзклмнпрстфхцчшщ])\b(\.?)", re.IGNORECASE)
_ABBREVIATED = frozenset({"ст", "губ", "обл", "г", "гг", "д", "с", "у", "кв", "пер", "ул", "пр", "им", "р", "б", "п"})
_I_BEFORE_VOWEL = re.compile(r"и(?=[аеёиоуыэюяй])")


def old_spelling(text: str) -> str:
    """Pre-1918 orthography as emigré books kept it: a hard sign after a final consonant, "і" before a vowel."""
    text = _I_BEFORE_VOWEL.sub("і", text)

    def harden(match: re.Match[str]) -> str:
        word, dot = match.group(1), match.group(2)
        beside = match.string[match.start() - 1 : match.start()] + match.string[match.end() : match.end() + 1]
        if word.isupper() or (dot and word.lower() in _ABBREVIATED) or not word[-1].islower() or "/" in beside:
            return match.group()
        return word + "ъ" + dot

    return _CONSONANT_END.sub(harden, text)


def _old_spelling_truth(truth: dict[str, Any]) -> dict[str, Any]:
    """The truth of an old-spelling entry: its strings as printed, dates and codes unchanged."""
    keep = {"sex", "date", "status", "penalty", "term_years", "articles", "person_id"}

    def convert(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: convert(v, k) for k, v in value.items()}
        if isinstance(value, str) and key not in keep:
            return old_spelling(value)
        return value

    converted: dict[str, Any] = convert(truth)
    return converted
