"""Why an entry went to the quarantine, in the page's language.

The importer words its reasons in English (the CLI prints them, the registry keeps them); the Russian upload
page reads each back by its fixed words (a test makes every kind with the importer's own code) and says it in
Russian. A reason this module has no words for is shown as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# (the English reason's pattern, its Russian wording with the pattern's groups)
_REASONS_RU = (
    (r"a record must be a JSON object, not (\S+)", "запись должна быть объектом JSON, а не {0}"),
    (r'no "id"', "нет «id»"),
    (r'no "text": the entry as printed is required', "нет «text»: нужен текст статьи, как он напечатан"),
    (r'"([\w.]+)" must be an object or null', "«{0}» должно быть объектом или null"),
    (
        r'"([\w.]+)\.date" must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not (.+)',
        "«{0}.date» должно быть датой вида ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД, а не {1}",
    ),
    (r'"sex" must be "m", "f" or null, not (.+)', "«sex» должно быть «m», «f» или null, а не {0}"),
    (r'"([\w.]+)" (.+) is not one of (.+)', "«{0}» {1} — не одно из: {2}"),
    (r'"sentence\.articles" must be a list', "«sentence.articles» должно быть списком"),
    (r"not JSON \((.+), column (\d+)\)", "не JSON ({0}, столбец {1})"),
    (r"the id (.+) appears again in this file", "id {0} уже встречался в этом файле"),
    (r"line (\d+): not UTF-8 text \((.+) at byte (\d+)\)", "строка {0}: текст не в UTF-8 ({1}, байт {2})"),
)
_COMPILED = tuple((re.compile(pattern), russian) for pattern, russian in _REASONS_RU)


def reword(text: str, table: Iterable[tuple[re.Pattern[str], str]]) -> str:
    """English words of the project's own making in the table's other language, by the first pattern that
    matches the whole text; a text no pattern matches stays as it is."""
    for pattern, wording in table:
        if match := pattern.fullmatch(text):
            return wording.format(*match.groups())
    return text


def reason(text: str, lang: str) -> str:
    """A quarantine reason (one or several joined by "; ") in the page's language."""
    if lang != "ru":
        return text
    return "; ".join(reword(part, _COMPILED) for part in text.split("; "))
