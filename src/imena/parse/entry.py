"""One memorial-book entry, in any of the main styles, to the record schema (shared/docs/record-schema.md).

Clauses are found by their labels wherever they stand, so the labelled lines of Memorial's database, the
running text of regional books, terse execution lists, execution acts with declined names and German
lists are read by one parser. The segments of the first block (birthplace, nationality, party, education,
occupation) are told apart by what they say.
"""

from __future__ import annotations

import re
from typing import Any

from imena.gazetteer import Gazetteer
from imena.parse import clauses as c
from imena.parse.dates import parse_date
from imena.parse.lexicon import education, is_nationality, party_status
from imena.parse.morphology import nominative_name, nominative_phrase, nominative_place
from imena.parse.sentence import articles, attribute, penalty, term_years
from imena.parse.text import Text

PARSER_VERSION = "imena-parse 0.1"
_LABELS = re.compile(r"^(?:Родил|Проживал|Арестова[нпи]|Приговор|Рас+трел|Реабил|Источник|Место|Умер|Погиб)", re.I)
# A label that follows the first block on the same line ("колхоз "Путь Ленина".. Проживал: ...").
_INLINE_LABEL = re.compile(r"(?<=[\s.;])(?:Проживал[аи]?\s*:|Арестова[нпи]|Приговорен[аы]?\s*:)")
_OTHER_CLAUSES = re.compile(r"[Пп]риговор|Рас+трел|Реабилит|Родил|г\.\s*р\.|род\.|уроженец|уроженка")
_NOT_NAMES = frozenset({"Родился", "Родилась", "Приговор", "Приговорен", "Приговорена", "Проживал", "Проживала"})


def empty_record(identifier: str | None, source: str | None, text: str) -> dict[str, Any]:
    return {
        "id": identifier,
        "source": source,
        "text": text,
        "name": None,
        "sex": None,
        "birth": None,
        "nationality": None,
        "party": None,
        "education": None,
        "occupation": None,
        "residence": None,
        "arrest": None,
        "sentence": None,
        "execution": None,
        "death": None,
        "burial": None,
        "rehabilitation": None,
        "unparsed": "",
        "warnings": [],
    }


def parse_entry(
    text: str, identifier: str | None = None, source: str | None = None, gazetteer: Gazetteer | None = None
) -> dict[str, Any]:
    """The record one entry states; what no field took is kept in `unparsed`, doubts in `warnings`."""
    record = empty_record(identifier, source, text)
    if not text.strip():
        record["warnings"].append("empty entry")
        return record
    t = Text.of(text)
    _name(t, record)
    _birth_and_first_block(t, record)
    _residence(t, record)
    _arrest(t, record)
    _sentence(t, record)
    _execution(t, record)
    _death(t, record)
    _burial(t, record)
    _rehabilitation(t, record)
    _sex(t, record)
    sentence = record["sentence"] or {}
    record["attribution"] = vars(attribute(sentence.get("body"), sentence.get("date"), gazetteer or Gazetteer.load()))
    _check(record)
    record["unparsed"] = t.unparsed()
    return record


def _date(t: Text, match: re.Match[str], group: str = "date") -> str | None:
    if match.group(group) is None:
        return None
    return parse_date(t.folded[match.start(group) : match.end(group)])


def _name(t: Text, record: dict[str, Any]) -> None:
    declined = c.DECLINED_NAME.search(t.folded)
    if declined:
        parts = t.value(declined, "name").split()
        surname, given, patronymic, sex = nominative_name(parts[0], parts[1], parts[2] if len(parts) > 2 else None)
        record["name"] = {"surname": surname, "given": given, "patronymic": patronymic}
        record["sex"] = sex
        t.take(declined, "name")
        return
    leading = c.LEADING_NAME.match(t.folded)
    if not leading or leading.group("name").split()[0] in _NOT_NAMES or _LABELS.match(leading.group("name")):
        return
    parts = t.value(leading, "name").split()
    if len(parts) < 2:
        return
    record["name"] = _split_name(parts)
    t.take(leading, "name")


def _split_name(parts: list[str]) -> dict[str, str | None]:
    """Surname first; a last word in -ич/-вна is the patronymic; two words between are one given name."""
    patronymic = parts[-1] if len(parts) > 2 and re.search(r"(?:ич|вна|чна|witsch|wna)ъ?$", parts[-1]) else None
    given = parts[1:-1] if patronymic else parts[1:]
    name = [p.capitalize() if p.isupper() and len(p) > 1 else p for p in parts]
    return {
        "surname": name[0],
        "given": " ".join(name[1 : 1 + len(given)]),
        "patronymic": name[-1] if patronymic else None,
    }


def _birth_and_first_block(t: Text, record: dict[str, Any]) -> None:
    for pattern in c.BIRTH:
        match = pattern.search(t.folded)
        if match:
            break
    else:
        return
    date = _date(t, match) if "date" in match.groupdict() else match.group("year")
    place = _strip_value(t.value(match, "place")) if match.groupdict().get("place") else None
    record["birth"] = {"date": date, "place": place}
    t.take(match)
    if pattern is c.BIRTH[0]:
        _labelled_segments(t, record, match.end())
    else:
        _comma_segments(t, record, match.end(), place_before_nationality=pattern is not c.BIRTH[1])


def _labelled_segments(t: Text, record: dict[str, Any], start: int) -> None:
    """The ";"-separated segments after the birth, up to the next labelled line."""
    end = len(t.folded)
    for line in re.finditer(r"\n", t.folded[start:]):
        rest = t.folded[start + line.end() :]
        if _LABELS.match(rest) or c.ARREST_BY_ORGAN.match(rest):
            end = start + line.start()
            break
    inline = _INLINE_LABEL.search(t.folded, start, end)
    if inline:
        end = inline.start()
    occupations = []
    for segment in re.finditer(r"[^;\n]+", t.folded[start:end]):
        span = re.search(r"\S(?:.*\S)?", segment.group())
        if span is None or not segment.group().strip(" .,"):
            continue
        match = _at(t, start + segment.start() + span.start(), start + segment.start() + span.end())
        if not _classify(t, match, record):
            occupations.append(_strip_value(t.value(match)))
            t.take(match)
    if occupations:
        record["occupation"] = "; ".join(occupations)


def _at(t: Text, start: int, end: int) -> re.Match[str]:
    """A match object for a span of the folded text, so spans and matches are handled alike."""
    match = re.compile(r"(?s).+").match(t.folded, start, end)
    assert match is not None
    return match


# Abbreviations whose dot belongs to the value when it ends one ("Воронежская обл.").
_ABBREVIATIONS = frozenset(
    [
        "обл",
        "губ",
        "у",
        "г",
        "гг",
        "д",
        "дер",
        "с",
        "сел",
        "ст",
        "кв",
        "пр",
        "пер",
        "ул",
        "им",
        "п",
        "пос",
        "х",
        "м",
        "кр",
        "окр",
        "ур",
        "род",
        "корп",
        "стр",
        "пл",
        "наб",
        "просп",
        "б-р",
        "ш",
        "тер",
        "р",
        "ж.д",
        "рай",
        "чл",
        "канд",
        "тов",
    ]
)


def _strip_value(value: str) -> str:
    """A value without trailing separators, keeping one final dot after an abbreviation ("обл.")."""
    value = value.strip().rstrip(",;:").rstrip()
    while value.endswith(".."):
        value = value[:-1]
    if value.endswith("."):
        last = re.split(r"[\s(]", value[:-1])[-1].lower().replace("ъ", "")
        if last not in _ABBREVIATIONS:
            value = value[:-1]
    return value.strip()


def _classify(t: Text, match: re.Match[str], record: dict[str, Any]) -> bool:
    """Put a segment into nationality, education or party if it is one; False if it is none of these."""
    segment = t.value(match).rstrip(".").strip()
    folded = match.group().rstrip(".").strip()
    if is_nationality(folded) and record["nationality"] is None:
        record["nationality"] = segment
    elif (level := education(folded)) is not None and record["education"] is None:
        record["education"] = segment[len(segment) - len(level) :] if folded.startswith("образование") else segment
    elif (status := party_status(folded)) is not None and record["party"] is None:
        record["party"] = {"status": status, "text": segment}
    else:
        return False
    t.take(match)
    return True


def _comma_segments(t: Text, record: dict[str, Any], start: int, *, place_before_nationality: bool) -> None:
    """The ","-separated segments of running text and lists, up to the residence or the next clause."""
    stop = re.compile(r"(?:проживал[аи]?|Адрес\s*:|осужденн)|\.\s+" + c.CLAUSE_START + r"|\.\s*$", re.IGNORECASE)
    end_match = stop.search(t.folded, start)
    end = end_match.start() if end_match else len(t.folded)
    native = c.NATIVE.search(t.folded, start, end)
    if native:
        record["birth"]["place"] = _strip_value(t.value(native, "place"))
        t.take(native)
    segments = [s for s in re.finditer(r"[^,]+", t.folded[start:end]) if s.group().strip(" .")]
    place, occupation, seen_identity = [], [], False
    for segment in segments:
        absolute = start + segment.start()
        span = re.search(r"\S(?:[\s\S]*\S)?", segment.group())
        if span is None or (native and native.start() <= absolute + span.start() < native.end()):
            continue
        match = _at(t, absolute + span.start(), absolute + span.end())
        if _classify(t, match, record):
            seen_identity = True
        elif place_before_nationality and not seen_identity and not native:
            place.append(match)
        else:
            occupation.append(match)
    if place and not record["birth"]["place"]:
        record["birth"]["place"] = _strip_value(t.printed[slice(*t.printed_span(place[0].start(), place[-1].end()))])
        for match in place:
            t.take(match)
    if occupation:
        record["occupation"] = _strip_value(
            t.printed[slice(*t.printed_span(occupation[0].start(), occupation[-1].end()))]
        )
        for match in occupation:
            t.take(match)


def _residence(t: Text, record: dict[str, Any]) -> None:
    for pattern in c.RESIDENCE:
        match = pattern.search(t.folded)
        if match and match.group("place").strip():
            record["residence"] = _strip_value(t.value(match, "place"))
            t.take(match)
            return


def _arrest(t: Text, record: dict[str, Any]) -> None:
    match = c.ARREST.search(t.folded) or c.ARREST_GERMAN.search(t.folded)
    if match:
        by = match.groupdict().get("by") or ""
        organ = _strip_value(t.value(match, "by")) if by.strip(" .") and _is_organ(by) else None
        record["arrest"] = {"date": _date(t, match), "by": organ or None}
        t.take(match if organ else _at(t, match.start(), match.end("date")))
        return
    for line in c.ARREST_BY_ORGAN.finditer(t.folded):
        if not _LABELS.match(line.group()) and len(line.group()) < 100 and not _OTHER_CLAUSES.search(line.group()):
            record["arrest"] = {"date": _date(t, line), "by": nominative_phrase(t.value(line, "by"))}
            t.take(line)
            return


def _is_organ(text: str) -> bool:
    """Whether what follows an arrest date names the arresting organ, not the next clause."""
    text = text.strip(" .")
    return not re.match(c.CLAUSE_START, text) and not re.search(c.DATE, text) and len(text) < 80


def _sentence(t: Text, record: dict[str, Any]) -> None:
    sentence: dict[str, Any] = {
        "date": None, "body": None, "charge": None, "articles": [], "penalty": None, "term_years": None, "text": None,
    }  # fmt: skip
    found = False
    labelled = c.SENTENCE_LABELLED.search(t.folded)
    if labelled:
        found = True
        t.take(labelled)
        rest_start = labelled.start("rest")
        rest = labelled.group("rest")
        charge_at = re.search(r",?\s*обв\.?\s*:", rest)
        head = rest[: charge_at.start()] if charge_at else rest
        if charge_at:
            charge = _at(t, rest_start + charge_at.end(), rest_start + len(rest))
            sentence["charge"] = _strip_value(t.value(charge)) or None
        date = re.search(c.DATE, head)
        body_end = date.start() if date else len(head)
        if date:
            sentence["date"] = parse_date(date.group())
        body = head[:body_end].strip(" ,")
        if body.strip(" ."):
            match = _at(t, rest_start + head.index(body), rest_start + head.index(body) + len(body))
            sentence["body"] = _body(t.value(match))
    running = None if labelled else c.SENTENCE_RUNNING.search(t.folded)
    if running:
        found = True
        t.take(running)
        sentence["date"] = _date(t, running)
        sentence["body"] = _body(t.value(running, "body"))
        if running.group("charge"):
            wording = _strip_value(t.value(running, "charge"))
            sentence["charge"] = wording[3:] if wording.startswith("по ст.") else wording
        sentence["text"] = t.value(running, "penalty")
    acts = None if labelled or running else c.SENTENCE_ACTS.search(t.folded)
    if acts:
        found = True
        t.take(acts)
        sentence["date"] = _date(t, acts)
        sentence["body"] = _body(t.value(acts, "body"))
        sentence["penalty"] = "death"
        if acts.group("exec"):
            record["execution"] = {"date": _date(t, acts, "exec"), "place": None}
    german = c.SENTENCE_GERMAN.search(t.folded)
    if german:
        found = True
        t.take(german)
        sentence["date"] = _date(t, german)
        sentence["text"] = t.value(german, "text")
    line = c.SENTENCE_TEXT.search(t.folded)
    if line:
        found = True
        t.take(line)
        text = re.split(r"\s+Рас+трел", line.group("text"), maxsplit=1)[0]
        if text.strip():
            sentence["text"] = _strip_value(t.value(_at(t, line.start("text"), line.start("text") + len(text))))
    if not found:
        return
    described = " ".join(v for v in (sentence["text"], sentence["charge"]) if v)
    sentence["articles"] = articles(described)
    sentence["penalty"] = sentence["penalty"] or (penalty(sentence["text"]) if sentence["text"] else None)
    if sentence["penalty"] in ("camp", "prison", "exile", "special_settlement") and sentence["text"]:
        sentence["term_years"] = term_years(sentence["text"])
    record["sentence"] = sentence


def _body(printed: str) -> str | None:
    body = re.sub(r"^(?:[Пп]остановлением|[Пп]о\s+постановлению|[Рр]ешени\w+|[Зз]аседани\w+)\s+", "", printed.strip())
    body = _strip_value(body)
    return nominative_phrase(body) if body else None


def _execution(t: Text, record: dict[str, Any]) -> None:
    for pattern in c.EXECUTION:
        match = pattern.search(t.folded)
        if match:
            place = match.groupdict().get("place")
            record["execution"] = {
                "date": _date(t, match),
                "place": _place(t, match) if place else None,
            }
            t.take(match)
            if record["sentence"] is None:
                record["sentence"] = {
                    "date": None, "body": None, "charge": None, "articles": [], "penalty": "death",
                    "term_years": None, "text": None,
                }  # fmt: skip
            elif record["sentence"]["penalty"] is None:
                record["sentence"]["penalty"] = "death"
            return


def _place(t: Text, match: re.Match[str]) -> str:
    """A place after "в" in the nominative; as printed when it already is (so old spellings stay)."""
    folded = match.group("place")
    nominative = nominative_place(folded)
    return t.value(match, "place") if nominative == folded else nominative


def _death(t: Text, record: dict[str, Any]) -> None:
    for pattern in c.DEATH:
        match = pattern.search(t.folded)
        if match:
            record["death"] = {"date": _date(t, match), "text": _strip_value(t.value(match, "text"))}
            t.take(match)
            return


def _burial(t: Text, record: dict[str, Any]) -> None:
    match = c.BURIAL.search(t.folded)
    if match:
        record["burial"] = {"place": _strip_value(t.value(match, "place"))}
        t.take(match)


def _rehabilitation(t: Text, record: dict[str, Any]) -> None:
    for pattern in c.REHABILITATION:
        match = pattern.search(t.folded)
        if match:
            by = match.groupdict().get("by")
            record["rehabilitation"] = {
                "date": _date(t, match),
                "by": _strip_value(t.value(match, "by")) if by else None,
            }
            t.take(match)
            return


def _sex(t: Text, record: dict[str, Any]) -> None:
    if record["sex"]:
        return
    patronymic = (record["name"] or {}).get("patronymic") or ""
    if re.search(r"(?:вна|чна|wna)ъ?$", patronymic):
        record["sex"] = "f"
    elif re.search(r"(?:ич|witsch)ъ?$", patronymic):
        record["sex"] = "m"
    else:
        for sex, pattern in c.SEX_WORDS:
            if pattern.search(t.folded):
                record["sex"] = sex
                return


def _check(record: dict[str, Any]) -> None:
    """Warnings for what cannot be right: impossible or out-of-order dates."""
    warnings = record["warnings"]
    birth = (record["birth"] or {}).get("date")
    arrest = (record["arrest"] or {}).get("date")
    sentenced = (record["sentence"] or {}).get("date")
    shot = (record["execution"] or {}).get("date")
    if birth and not "1840" <= birth[:4] <= "1925":
        warnings.append(f"birth year {birth[:4]} is unlikely for a victim of 1937-38")
    if arrest and sentenced and sentenced < arrest[: len(sentenced)]:
        warnings.append("sentenced before arrested")
    if sentenced and shot and shot < sentenced[: len(shot)]:
        warnings.append("shot before sentenced")
