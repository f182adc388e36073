"""The patterns of an entry's clauses, on the folded text (see `text`): one per way books print a field.

Each pattern matches the clause with its label ("Арестован 7 марта 1932 г.") so that the whole span is taken
from `unparsed`; named groups hold the values.
"""

from __future__ import annotations

import re

from imena.parse.dates import ANY

DATE = f"(?:{ANY.pattern})"
_I = re.IGNORECASE | re.MULTILINE

# Words that start a clause in running text: a value before them ends at the preceding full stop.
CLAUSE_START = (
    r"(?:Арестова[нпи]|Расстрелян|Рас+трелян|Осужден|Приговорен|Реабилит[иі]рован|Умер|Погиб|Место|Источник|"
    r"(?:[А-ЯЁ]\w+\s+)?(?:[Тт]ройкой|[Кк]омиссией|[Оо]собым|[Вв]оенной|[Вв]оенным|ОСО|ВКВС|Постановлением)|"
    r"Verhaftet|Am\s|Erschossen|Rehabilitiert|Im\s+Lager)"
)
END_OF_VALUE = rf"(?=\.\s+{CLAUSE_START}|\.?\s*$|\n)"
CLAUSE_START_RE = re.compile(CLAUSE_START)
DATE_RE = re.compile(DATE, re.IGNORECASE)

LEADING_NAME = re.compile(
    r"^\s*(?P<name>(?:[A-ZА-ЯЁ][\w'’\-]*)(?:\s+[A-ZА-ЯЁ][\w'’\-]*){0,3})\s*(?:,|\n|$|(?=\s+(?:род\.\s*)?\d{4}\b))"
)
DECLINED_NAME = re.compile(r"в\s+отношении\s+(?P<name>[А-ЯЁ][\w\-]*(?:\s+[А-ЯЁ][\w\-]*){1,3})\s*,", _I)

BIRTH = (
    # labelled: "Родился в 1894 г., PLACE;" and its variants ("Родился 1884 (1891), PLACE", no place, no comma)
    re.compile(
        rf"Родил(?:ся|ась)\s+(?P<date>{DATE})(?:\s*\([^)\n]*\))?(?:\s*,\s*(?P<place>[^;\n]+?)(?=\s*(?:;|\n|$)))?", _I
    ),
    # labelled without a year: "Родился  в Татарстан;"
    re.compile(r"Родил(?:ся|ась)\s+в\s+(?P<place>[^;\n\d]+?)(?=\s*(?:;|\n|$))", _I),
    re.compile(r"(?P<year>\d{4})\s*г\.\s*р\.", _I),
    re.compile(rf"^(?:Род\.|р\.)\s*(?P<date>{DATE})", re.MULTILINE),
    re.compile(rf"\bрод\.\s*(?P<date>{DATE})", _I),
    re.compile(r"\bgeb\.\s*(?P<year>\d{4})(?:\s+in\s+(?P<place>[^,.]+))?", _I),
    re.compile(r"(?P<year>\d{4})\s+года\s+рождения", _I),
    re.compile(r"^[^\d\n,]{3,60}?\s(?P<year>1[89]\d\d)(?=,)"),  # "Фамилия Имя Отчество 1914, Германия, ..."
)
# Prose after "Родился в 1927 г.": " в г. Бордуки ... области."
BIRTH_PLACE_PROSE = re.compile(r"\s+в\s+(?P<place>[^.\n]+?(?:\.\S[^.\n]*?)*)\.(?=\s|$)")
NATIVE = re.compile(r"уро(?:женец|женка|ж\.)\s+(?P<place>[^,]+?)(?=,)", _I)

RESIDENCE = (
    re.compile(r"(?:Проживал[аи]?|Прож\.)\s*:\s*(?P<place>[^\n]*?)\s*$", re.MULTILINE),
    re.compile(r"Проживал[аи]?\s+в\s+(?P<place>[^.\n]+?(?:\.\S[^.\n]*?)*)\.(?=\s|$)"),
    re.compile(rf"проживал[аи]?\s*:?\s*(?P<place>.+?){END_OF_VALUE}", re.IGNORECASE),
    re.compile(r"Адрес\s*:\s*(?P<place>.+?)(?=\.\s+(?:Рас+трелян|Место|Умер|Осужден)|\.?\s*$)", re.IGNORECASE),
)

ARREST = re.compile(rf"Арестова[нпи][аы]?\s+(?P<date>{DATE})(?P<by>[^\n]*)", _I)
ARREST_BY_ORGAN = re.compile(
    rf"^(?:Арест\.\s*)?(?P<by>[^\n:]*?(?:РО|ГО|ОО|МП|райотдел\w*|[Оо]кротдел\w*|отдел\w*|НКВД|ОГПУ|ГПУ|УГБ|"
    rf"КГБ|МГБ|в/ч|милици\w*)[^\n:]*?)\s+(?P<date>{DATE})\.?\s*$",
    re.MULTILINE,
)
ARREST_GERMAN = re.compile(rf"Verhaftet\s+am\s+(?P<date>{DATE})", _I)

SENTENCE_LABELLED = re.compile(r"^Приговорен[аы]?\s*:\s*(?P<rest>[^\n]*)$", re.MULTILINE)
SENTENCE_TEXT = re.compile(r"^Приговор\s*:\s*(?P<text>[^\n]*)$", re.MULTILINE)
# Prose: "Осужден 16.04.1951 г. по ст. 58-10 ч.І УК РСФСР к 10 ГЛС и 5 ГПП."
SENTENCE_PROSE = re.compile(
    rf"Осужден[аы]?\s+(?P<date>{DATE})\s+(?:(?P<body>(?!по\s)(?!к\s)[^\n]*?)\s+)?(?P<charge>по\s+ст\.[^\n]*?)?"
    r"\s*(?P<penalty>(?<!\w)к\s+[^.\n]+)\.",
    _I,
)
BODY_WORDS = (
    r"(?:(?:Особ\w+|особ\w+|Спец\w*|спец\w*)\s+)?(?:[Тт]ройк\w+|[Сс]пецтройк\w+|[Дд]войк\w+)|"
    r"[Кк]омисси\w+|[Оо]соб\w+\s+[Сс]овещани\w+|ОСО|ОС|ВКВС|[Вв]оенн\w+\s+(?:[Кк]оллеги|[Тт]рибунал)\w*|"
    r"(?:[А-ЯЁ][\w\-]*\s+)?(?:обл|окр|край|губ|гор|нар)?суд\w*|[Вв]ерховн\w+\s+[Сс]уд\w*"
)
SENTENCE_RUNNING = re.compile(
    rf"(?P<body>(?:[А-ЯЁ][\w\-]*\s+)?(?:{BODY_WORDS})[^\n]*?)\s+(?P<date>{DATE})\s+"
    r"(?:приговорен|осужден)[аы]?(?P<charge>\s+(?:по\s+ст\.\s*[^\n]*?|как\s+[^\n]*?))?"
    r"\s+(?P<penalty>к\s+(?:ВМН|высшей\s+мере[^.\n]*|расстрелу|\d+\s+годам[^.\n]*|[а-я]+\s+годам[^.\n]*))\.",
)
SENTENCE_ACTS = re.compile(
    rf"осужденн\w+\s+(?P<body>.+?)\s+(?P<date>{DATE})\s*,\s*приведен\w*\s+в\s+исполнение(?:\s+(?P<exec>{DATE}))?", _I
)
SENTENCE_GERMAN = re.compile(
    rf"Am\s+(?P<date>{DATE})\s+(?P<text>zum\s+Tode\s+verurteilt|zu\s+\d+\s+Jahren\s+Lagerhaft\s+verurteilt)", _I
)

EXECUTION = (
    re.compile(
        rf"Рас+трел(?:ян|яна|яны|ен|ена)\b(?:\s+в\s+(?:г\.\s*)?(?P<place>[А-ЯЁ][\w\-]+))?\s+(?P<date>{DATE})", _I
    ),
    re.compile(rf"приговор\w*\s+приведен\w*\s+в\s+исполнение\s+(?P<date>{DATE})", _I),
    re.compile(rf"Erschossen\s+am\s+(?P<date>{DATE})", _I),
)
# A death clause runs to its line's end in labelled entries, to its sentence's end in running text.
_DEATH_WORDS = (
    r"по\s+справке\s+ЗАГС|(?:Умер|Умерла|Погиб|Погибла)\b|\bум\.|дело\s+прекращено\s+в\s+связи\s+со\s+смертью|"
    r"Im\s+Lager\s+gestorben"
)
DEATH = re.compile(rf"(?P<text>(?:{_DEATH_WORDS})[^\n]*?)(?=\.\s+{CLAUSE_START}|\.?\s*(?:\n|$))", re.IGNORECASE)
BURIAL = re.compile(r"Место\s+захоронения\s*[-–:]\s*(?P<place>[^\n]+?)\.?\s*$", re.MULTILINE)
REHABILITATION = (
    re.compile(rf"Реабилит[ин]рован[аы]?\s+(?P<date>{DATE})(?:\s+(?P<by>[^\n]+))?\s*$", re.MULTILINE),
    re.compile(rf"Реабилит[ин]рован[аы]?\s+(?P<date>{DATE})", re.IGNORECASE),
    re.compile(r"^Реабилит[ин]рован[аы]?\s+(?P<by>[А-ЯЁ][^\n\d]+?)\s*$", re.MULTILINE),
    re.compile(rf"Rehabilitiert\s+am\s+(?P<date>{DATE})", _I),
)
SOURCE_LINE = re.compile(r"^Источник\s*:\s*(?P<source>[^\n]+)$", re.MULTILINE)
SEX_WORDS = (
    ("f", re.compile(r"\b(?:Родилась|Проживала|Арестована|Приговорена|Рас+треляна|Реабилитирована|уроженка|"
                     r"Умерла|Погибла|осужденной|Deutsche)\b")),
    ("m", re.compile(r"\b(?:Родился|Проживал|Арестован|Приговорен|Расстрелян|Рас+трелян|Реабилитирован|уроженец|"
                     r"Умер|Погиб|осужденного|Deutscher)\b")),
)  # fmt: skip
