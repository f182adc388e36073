"""One memorial-book entry, in any of the main styles, to the record schema (shared/docs/record-schema.md).

Clauses are found by their labels wherever they stand, so the labelled lines of Memorial's database, the
running text of regional books, terse execution lists, execution acts with declined names, prose and German
lists are read by one parser. The first block's segments are left to `segments`.
"""

from __future__ import annotations

import re
from typing import Any

from imena.gazetteer import Gazetteer
from imena.parse import clauses as c
from imena.parse import segments
from imena.parse.dates import parse_date
from imena.parse.morphology import nominative_name, nominative_phrase, nominative_place
from imena.parse.segments import strip_value
from imena.parse.sentence import articles, attribute, penalty, term_years
from imena.parse.text import Text

PARSER_VERSION = "imena-parse 0.2"
_LABELS = re.compile(
    r"^(?:Родил|Проживал|Прож\.|Арестова[нпи]|Арест\.|Приговор|Рас+трел|Реабил|Источник|Место|Умер|Погиб)"
)
# A label after the first block on the same line ("колхоз "Путь Ленина".. Проживал: ...").
_INLINE_LABEL = re.compile(r"(?<=[\s.;])(?:Проживал[аи]?\s*:|Арестова[нпи]|Приговорен[аы]?\s*:)")
_OTHER_CLAUSES = re.compile(r"[Пп]риговор|Рас+трел|Реабилит|Родил|г\.\s*р\.|род\.|уроженец|уроженка")
_NOT_NAMES = frozenset({"Родился", "Родилась", "Приговор", "Приговорен", "Приговорена", "Проживал", "Проживала"})
# Words of a sentencing organ: a "body" without any of them is some other note ("Следствие закончено").
_ORGAN = re.compile(
    r"тройк|двойк|суд|совещ|коллеги|комисси|НКВД|ОГПУ|ГПУ|ЧК|трибунал|\bОСО\b|\bОС\b|\bВТ\b|ВКВС|УНКВД|отдел|РИК|КИК|исполком|"
    r"сельсовет|с/с|собрани|ВЦИК|ЦИК|СНК|прокур|УМГБ|МГБ|КГБ|ОО\b",
    re.IGNORECASE,
)
_REHABILITATION_TAIL = re.compile(
    r"\s+(?:за\s+отсутствием|по\s+указу|по\s+закону|на\s+основании|указ\b|закон\b).*$", re.IGNORECASE
)
_REHABILITATION_HEAD = re.compile(r"^(?:По\s+заключению|по\s+заключению|Заключением|заключением|ЗАКЛЮЧЕНИЕМ)\s+")


def empty_record(identifier: str | None, source: str | None, text: str) -> dict[str, Any]:
    keys = (
        "name", "sex", "birth", "nationality", "party", "education", "occupation", "residence", "arrest",
        "sentence", "execution", "death", "burial", "rehabilitation",
    )  # fmt: skip
    return {"id": identifier, "source": source, "text": text} | dict.fromkeys(keys) | {"unparsed": "", "warnings": []}


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
    for step in (_residence, _arrest, _sentence, _execution, _death, _burial, _rehabilitation, _sex):
        step(t, record)
    sentence = record["sentence"] or {}
    record["attribution"] = vars(attribute(sentence.get("body"), sentence.get("date"), gazetteer or Gazetteer.load()))
    _check(record)
    record["unparsed"] = t.unparsed()
    return record


def _date(t: Text, match: re.Match[str], group: str = "date") -> str | None:
    if match.group(group) is None:
        return None
    return parse_date(t.folded[match.start(group) : match.end(group)])


def _value(t: Text, start: int, end: int) -> str:
    return strip_value(t.printed[slice(*t.printed_span(start, end))])


def _name(t: Text, record: dict[str, Any]) -> None:
    declined = c.DECLINED_NAME.search(t.folded) if "отношении" in t.folded else None
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
    if len(parts) >= 2:
        record["name"] = _split_name(parts)
        t.take(leading, "name")


def _split_name(parts: list[str]) -> dict[str, str | None]:
    """Surname first; a last word in -ич/-вна is the patronymic; words between are the given name."""
    patronymic = len(parts) > 2 and re.search(r"(?:ич|вна|чна|witsch|wna)ъ?$", parts[-1]) is not None
    name = [p.capitalize() if p.isupper() and len(p) > 1 else p for p in parts]
    given = name[1:-1] if patronymic else name[1:]
    return {"surname": name[0], "given": " ".join(given), "patronymic": name[-1] if patronymic else None}


def _birth_and_first_block(t: Text, record: dict[str, Any]) -> None:
    for pattern in c.BIRTH:
        match = pattern.search(t.folded)
        if match:
            break
    else:
        return
    groups = match.groupdict()
    date = _date(t, match) if "date" in groups else groups.get("year")
    place = _value(t, *match.span("place")) if groups.get("place") else None
    record["birth"] = {"date": date, "place": place}
    t.take(match)
    end = match.end()
    if pattern in (c.BIRTH[0], c.BIRTH[3]) and not place and (prose := c.BIRTH_PLACE_PROSE.match(t.folded, end)):
        place_end = _sentence_end(t.folded, prose.start("place"))
        record["birth"]["place"] = _value(t, prose.start("place"), place_end)
        t.taken.append((prose.start(), place_end))
        return
    if pattern in (c.BIRTH[0], c.BIRTH[1]):
        segments.labelled(t, record, end, _first_block_end(t, end))
        return
    native = c.NATIVE.search(t.folded, end)
    stop = re.compile(
        r"(?:проживал[аи]?|Адрес\s*:|осужденн)|\.\s+" + c.CLAUSE_START + r"|\.\s*$|\n(?=" + _LABELS.pattern[1:] + ")",
        re.IGNORECASE,
    )
    block_end = (stop.search(t.folded, end) or re.search(r"$", t.folded)).start()  # type: ignore[union-attr]
    skip = (0, 0)
    if native and native.start() < block_end:
        record["birth"]["place"] = _value(t, *native.span("place"))
        t.take(native)
        skip = native.span()
    first = pattern is not c.BIRTH[2] and not record["birth"]["place"]
    segments.listed(t, record, end, block_end, place_first=first, skip=skip)


def _sentence_end(text: str, start: int) -> int:
    """The end of a prose sentence: the first ". " before a capital that does not follow an abbreviation."""
    for stop in re.finditer(r"\.(?=\s+[А-ЯЁA-Z]|\s*$)", text[start:]):
        before = re.split(r"[\s.(]", text[start : start + stop.start()])[-1]
        if before.lower() not in segments.ABBREVIATIONS:
            return start + stop.start()
    return len(text)


def _first_block_end(t: Text, start: int) -> int:
    """Where the labelled first block ends: at the next labelled line, or a label later on the same line."""
    end = len(t.folded)
    for line in re.finditer(r"\n", t.folded[start:]):
        rest = t.folded[start + line.end() :]
        if _LABELS.match(rest) or c.ARREST_BY_ORGAN.match(rest):
            end = start + line.start()
            break
    inline = _INLINE_LABEL.search(t.folded, start, end)
    return inline.start() if inline else end


def _residence(t: Text, record: dict[str, Any]) -> None:
    for pattern in c.RESIDENCE:
        match = pattern.search(t.folded)
        if match and match.group("place").strip(" .,"):
            end = match.end("place")
            if pattern is c.RESIDENCE[1]:  # prose: "Проживал в п. Эхаби ... области."
                end = _sentence_end(t.folded, match.start("place"))
            record["residence"] = _value(t, match.start("place"), end)
            t.taken.append((match.start(), end))
            return


def _is_organ(text: str) -> bool:
    """Whether what follows an arrest date names the arresting organ, not the next clause."""
    text = text.strip(" .")
    return bool(text) and not c.CLAUSE_START_RE.match(text) and not c.DATE_RE.search(text) and len(text) < 80


def _arrest(t: Text, record: dict[str, Any]) -> None:
    match = c.ARREST.search(t.folded) or c.ARREST_GERMAN.search(t.folded)
    if match:
        by = match.groupdict().get("by") or ""
        organ = _value(t, *match.span("by")) if _is_organ(by) else None
        record["arrest"] = {"date": _date(t, match), "by": organ or None}
        t.take(match) if organ else t.taken.append((match.start(), match.end("date")))
        return
    for line in c.ARREST_BY_ORGAN.finditer(t.folded):
        text = line.group()
        labelled = _LABELS.match(text) and not text.startswith("Арест.")
        if not labelled and len(text) < 100 and not _OTHER_CLAUSES.search(text):
            record["arrest"] = {"date": _date(t, line), "by": nominative_phrase(_value(t, *line.span("by")))}
            t.take(line)
            return


def _new_sentence() -> dict[str, Any]:
    return {
        "date": None,
        "body": None,
        "charge": None,
        "articles": [],
        "penalty": None,
        "term_years": None,
        "text": None,
    }


def _sentence(t: Text, record: dict[str, Any]) -> None:
    sentence = _new_sentence()
    found = _labelled_sentence(t, sentence)
    prose = not found and ("риговорен" in t.folded or "сужден" in t.folded)
    for pattern in (c.SENTENCE_RUNNING, c.SENTENCE_PROSE) if prose else ():
        match = pattern.search(t.folded)
        if match:
            found = True
            t.take(match)
            sentence["date"] = _date(t, match)
            if "body" in match.groupdict():
                sentence["body"] = _body(_value(t, *match.span("body")))
            if match.group("charge"):
                wording = _value(t, *match.span("charge"))
                sentence["charge"] = (
                    wording[3:] if pattern is c.SENTENCE_RUNNING and wording.startswith("по ст.") else wording
                )
            sentence["text"] = _value(t, *match.span("penalty"))
            break
    acts = None if found or "исполнение" not in t.folded else c.SENTENCE_ACTS.search(t.folded)
    if acts:
        found = True
        t.take(acts)
        sentence.update(date=_date(t, acts), body=_body(_value(t, *acts.span("body"))), penalty="death")
        if acts.group("exec"):
            record["execution"] = {"date": _date(t, acts, "exec"), "place": None}
    german = c.SENTENCE_GERMAN.search(t.folded) if "verurteilt" in t.folded else None
    if german:
        found = True
        t.take(german)
        sentence.update(date=_date(t, german), text=t.value(german, "text"))
    if not found:
        return
    sentence["articles"] = articles(sentence["charge"] or "", sentence["text"] or "")
    sentence["penalty"] = sentence["penalty"] or (penalty(sentence["text"]) if sentence["text"] else None)
    if sentence["penalty"] in ("camp", "prison", "exile", "other") and sentence["text"]:
        sentence["term_years"] = term_years(sentence["text"])
    record["sentence"] = sentence


def _labelled_sentence(t: Text, sentence: dict[str, Any]) -> bool:
    """The "Приговорен:" and "Приговор:" lines of Memorial's database."""
    found = False
    for line in (c.SENTENCE_LABELLED.search(t.folded), *c.SENTENCE_TEXT.finditer(t.folded)):
        if line is None:
            continue
        found = True
        t.take(line)
        start, rest = line.start(1), line.group(1)
        charge_at = re.search(r",?\s*обв\.?\s*:", rest)
        head = rest[: charge_at.start()] if charge_at else rest
        date = c.DATE_RE.search(head)
        is_verdict = line.re is c.SENTENCE_TEXT and not charge_at and not (date and date.start() == 0)
        if is_verdict:  # "Приговор: ВМН Расстрелян ...": the wording, without the execution that follows
            text = re.split(r"\s+Рас+трел(?:ян|яна|ен|ена)\b", rest, maxsplit=1)[0]
            sentence["text"] = sentence["text"] or _value(t, start, start + len(text)) or None
            continue
        if charge_at and sentence["charge"] is None:
            sentence["charge"] = _value(t, start + charge_at.end(), start + len(rest)) or None
        if date and sentence["date"] is None:
            sentence["date"] = parse_date(date.group())
        body_end = date.start() if date else len(head)
        body = head[:body_end]
        if body.strip(" ,.") and sentence["body"] is None:
            left = len(body) - len(body.lstrip())
            sentence["body"] = _body(_value(t, start + left, start + body_end))
    return found


def _body(printed: str) -> str | None:
    """The sentencing body in the nominative ("Постановлением Тройки НКВД КБАССР" → "Тройка НКВД КБАССР")."""
    body = re.sub(r"^(?:[Пп]остановлением|[Пп]о\s+постановлению|[Рр]ешени\w+|[Зз]аседани\w+)\s+", "", printed.strip())
    body = strip_value(body)
    if not body or not _ORGAN.search(body):
        return None
    return nominative_phrase(body, genitive=body != printed.strip() and not body.startswith('"'))


def _execution(t: Text, record: dict[str, Any]) -> None:
    for pattern in c.EXECUTION:
        match = pattern.search(t.folded)
        if match:
            place = match.groupdict().get("place")
            record["execution"] = {"date": _date(t, match), "place": _place(t, match) if place else None}
            t.take(match)
            record["sentence"] = record["sentence"] or _new_sentence()
            record["sentence"]["penalty"] = record["sentence"]["penalty"] or "death"
            return


def _place(t: Text, match: re.Match[str]) -> str:
    """A place after "в" in the nominative; as printed when it already is (so old spellings stay)."""
    folded = match.group("place")
    nominative = nominative_place(folded)
    return t.value(match, "place") if nominative == folded else nominative


_DEATH_HINTS = ("Ум", "ум", "Погиб", "погиб", "ЗАГС", "смертью", "gestorben", "УМ")


def _death(t: Text, record: dict[str, Any]) -> None:
    if not any(hint in t.folded for hint in _DEATH_HINTS):
        return
    match = c.DEATH.search(t.folded)
    if match:
        wording = _value(t, *match.span("text"))
        record["death"] = {"date": parse_date(match.group("text")), "text": wording}
        t.take(match)


def _burial(t: Text, record: dict[str, Any]) -> None:
    match = c.BURIAL.search(t.folded)
    if match:
        place = re.sub(r"^[Мм]есто\s+захоронения\s*[-–:]\s*", "", _value(t, *match.span("place")))
        record["burial"] = {"place": place}
        t.take(match)


def _rehabilitation(t: Text, record: dict[str, Any]) -> None:
    for pattern in c.REHABILITATION:
        match = pattern.search(t.folded)
        if match:
            by = _value(t, *match.span("by")) if match.groupdict().get("by") else ""
            by = _REHABILITATION_HEAD.sub("", _REHABILITATION_TAIL.sub("", by))
            if re.match(r"реабилит", by, re.IGNORECASE):  # the word again, not a body
                by = ""
            date = _date(t, match) if "date" in match.groupdict() else None
            record["rehabilitation"] = {"date": date, "by": strip_value(by) or None}
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
    if birth and not "1840" <= birth[:4] <= "1945":
        warnings.append(f"birth year {birth[:4]} is unlikely")
    if arrest and sentenced and sentenced < arrest[: len(sentenced)]:
        warnings.append("sentenced before arrested")
    if sentenced and shot and shot < sentenced[: len(shot)]:
        warnings.append("shot before sentenced")
