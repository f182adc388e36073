"""Dates as memorial books print them, to ISO 8601 with the precision printed.

"14 июня 1989 г." → "1989-06-14"; "в июле 1998 г." → "1998-07"; "14.12.1937" → "1937-12-14"; "в 1931 г." →
"1931". Written by hand: dateparser and its kin guess missing parts (a day, a century), and a memorial record
must never carry a precision the text does not give.
"""

from __future__ import annotations

import datetime as dt
import re

# Genitive ("14 июня") and nominative or prepositional after "в" ("в июле", "в июнь"), and German months.
_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8, "сентябр": 9,
    "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_MONTH_WORD = (
    r"(?:январ[яье]|феврал[яье]|марта?е?|апрел[яье]|ма[яйе]|июн[яье]|июл[яье]|августа?е?|сентябр[яье]|"
    r"октябр[яье]|ноябр[яье]|декабр[яье])"
)
WORDS = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_WORD})\s+(\d{{4}})(?:\s*г(?:ода|\.)?)?", re.IGNORECASE)
MONTH_YEAR = re.compile(rf"\b({_MONTH_WORD})\s+(\d{{4}})(?:\s*г(?:ода|\.)?)?", re.IGNORECASE)
NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b")  # "17.08.42" is 1942
YEAR = re.compile(r"\b(1[89]\d\d|20[0-2]\d)(?:\s*г(?:ода|\.)?)?")
# Any one date, the longest forms first: used after a label ("Арестован ...").
ANY = re.compile(
    rf"(?:{WORDS.pattern})|(?:{NUMERIC.pattern})|(?:в\s+{MONTH_YEAR.pattern})|(?:в\s+{YEAR.pattern})|(?:{YEAR.pattern})",
    re.IGNORECASE,
)


def _month(word: str) -> int | None:
    word = word.lower()
    for stem in sorted(_MONTHS, key=len, reverse=True):
        if word.startswith(stem):
            return _MONTHS[stem]
    return None


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """The date at the precision given, or None if it does not exist (31 June, month 13)."""
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The first date in the text as ISO, or None. An impossible date is None (the caller warns)."""
    match = ANY.search(text)
    return date_of(match) if match else None


def date_of(match: re.Match[str]) -> str | None:
    """The ISO date of a match of ANY."""
    groups = match.groups()
    words, numeric, month_year, year_in, bare_year = groups[0:3], groups[3:6], groups[6:8], groups[8], groups[9]
    if words[0]:
        return _iso(int(words[2]), _month(words[1]), int(words[0]))
    if numeric[0]:
        year = int(numeric[2]) + (1900 if len(numeric[2]) == 2 else 0)
        return _iso(year, int(numeric[1]), int(numeric[0]))
    if month_year[0]:
        return _iso(int(month_year[1]), _month(month_year[0]))
    return _iso(int(year_in or bare_year))
