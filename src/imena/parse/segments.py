"""The first block of an entry: birthplace, nationality, party, education and occupation, told apart by content.

Labelled entries separate them by ";" ("Родился в 1894 г., Тамбовская губ., ...; русский; б/п; колхозник"),
running text and lists by "," ("1899 г. р., уроженка ..., русская, беспартийная, уборщица"). Commas inside
brackets do not separate ("член ВКП(б) (бывший член Бунда, ...)").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from imena.parse.lexicon import education, is_nationality, party_status
from imena.parse.morphology import is_known_word
from imena.parse.text import Text

# Abbreviations whose dot belongs to the value when it ends one ("Воронежская обл.").
ABBREVIATIONS = frozenset(
    """обл губ у г гг д дер с сел ст кв пр пер ул им п пос х м кр окр ур род корп стр пл наб просп б-р ш тер р
    ж.д рай чл канд тов км бывш ф""".split()
)


_TRAILING = re.compile(r"[\s,;:.]+$")
_WORD_BREAK = re.compile(r"[\s(.,]")


@cache
def _abbreviation(word: str) -> bool:
    """Whether a word before a final dot is cut short: a known abbreviation, or a lowercase fragment the
    dictionary does not know ("призн", "опр")."""
    word = word.replace("ъ", "")
    if word.lower() in ABBREVIATIONS:
        return True
    return word.isalpha() and word.islower() and (len(word) <= 2 or (len(word) <= 5 and not is_known_word(word)))


def strip_value(value: str) -> str:
    """A value without trailing separators; one final dot stays where it ends an abbreviation ("обл.")."""
    value = value.strip()
    trailing = _TRAILING.search(value)
    if not trailing:
        return value
    body = value[: trailing.start()]
    if trailing.group().startswith(".") and body:
        last = _WORD_BREAK.split(body)[-1]
        if last and _abbreviation(last) and not body[-1].isdigit():
            return body + "."
    return body


def pieces(text: str, separator: str) -> Iterator[tuple[int, int]]:
    """Spans of `text` between separators that are not inside brackets, without surrounding space."""
    depth, start = 0, 0
    for i, char in enumerate(text + separator):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char in separator and (depth == 0 or i == len(text)):
            chunk = text[start:i]
            stripped = chunk.strip()
            if stripped.strip(" ."):
                left = start + len(chunk) - len(chunk.lstrip())
                yield left, left + len(stripped)
            start = i + 1


def classify(t: Text, span: tuple[int, int], record: dict[str, Any], previous: str | None) -> str | None:
    """Put a segment into nationality, education or party, and say which; None if it is none of these.
    A party segment right after another extends it ("б/п, член ВКП(б) 1918-1921")."""
    start, end = span
    folded = t.folded[start:end].rstrip(".").strip()
    printed = strip_value(t.printed[slice(*t.printed_span(start, end))])
    if is_nationality(folded) and record["nationality"] is None:
        record["nationality"] = printed.split("(")[0].strip()
        kind = "nationality"
    elif (level := education(folded)) is not None and record["education"] is None:
        record["education"] = printed[len(printed) - len(level) :] if folded.lower().startswith("образов") else printed
        kind = "education"
    elif (status := party_status(folded)) is not None and (record["party"] is None or previous == "party"):
        if record["party"] is None:
            record["party"] = {"status": status, "text": printed}
        else:
            record["party"]["text"] += ", " + printed
        kind = "party"
    else:
        return None
    t.taken.append(span)
    return kind


def joined(t: Text, spans: list[tuple[int, int]]) -> str:
    """The printed text from the first span's start to the last span's end."""
    return strip_value(t.printed[slice(*t.printed_span(spans[0][0], spans[-1][1]))])


def labelled(t: Text, record: dict[str, Any], start: int, end: int) -> None:
    """The ";"- and line-separated segments after the birth, up to the next label."""
    occupations: list[tuple[int, int]] = []
    previous = None
    for left, right in pieces(t.folded[start:end], ";\n"):
        span = (start + left, start + right)
        previous = classify(t, span, record, previous)
        if previous is None:
            occupations.append(span)
    if occupations:
        record["occupation"] = "; ".join(joined(t, [span]) for span in occupations)
        t.taken.extend(occupations)


def listed(t: Text, record: dict[str, Any], start: int, end: int, *, place_first: bool, skip: tuple[int, int]) -> None:
    """The ","-separated segments of running text and lists; before the first identity segment comes the
    birthplace where `place_first`, after the last come the occupation's words."""
    place: list[tuple[int, int]] = []
    occupation: list[tuple[int, int]] = []
    seen, previous = False, None
    for left, right in pieces(t.folded[start:end], ","):
        span = (start + left, start + right)
        if skip[0] <= span[0] < skip[1]:
            continue
        previous = classify(t, span, record, previous)
        if previous is not None:
            seen = True
        elif place_first and not seen:
            place.append(span)
        else:
            occupation.append(span)
    if place and record["birth"] is not None and not record["birth"].get("place"):
        record["birth"]["place"] = joined(t, place)
        t.taken.extend(place)
    if occupation:
        record["occupation"] = joined(t, occupation)
        t.taken.extend(occupation)
