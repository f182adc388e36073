"""Finding the 1937 region named in a sentencing body or a place string.

Written by hand rather than with pymorphy3: region names in entries are abbreviated ("Оренб. обл.",
"ДВК", "Запсибкраю"), joined ("облсуд", "крайсуд") or pre-reform, which a dictionary lemmatiser does not
know; stripping case endings from both the names and the text and comparing the stems handles every
declined form the same way, and an index on the first stem keeps it fast enough for millions of entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from imena.gazetteer.regions import Region

# Longest first, so that "ого" is stripped before "о".
_CASE_ENDINGS = (
    "ого его ому ему ими ыми ая яя ой ей ою ею ую юю ое ее ые ие ых их ым им ом ем ый ий ия ии ию ью "
    "а я у ю е о и ы й ь"
)
_ENDINGS = sorted(_CASE_ENDINGS.split(" "), key=len, reverse=True)
_VOWELS = frozenset("аеиоуыэюяй")
_TOKEN = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+(?:[-–][0-9A-Za-zА-Яа-яЁё]+)*")
OBLAST, KRAI = "обл", "кра"
_KRAI_STEMS = frozenset({"кра", "кр", "краев", "крайсуд", "крайком", "крайисполк", "крайисполком"})
# Words after an adjective that make it a district, uezd or guberniya rather than a 1937 region.
_LOWER_UNITS = frozenset({"губ", "губерн", "у", "уезд", "рн", "район", "волост", "окр", "округ", "рик", "сс"})


class Priority:
    """How strongly a kind of evidence names a region; lower wins."""

    NAME, ABBREVIATION, OTHER_NAME, CENTRE, ADJECTIVE = range(5)
    RULES = ("name", "abbreviation", "earlier or later name", "administrative centre", "adjective only")


def stem(word: str) -> str:
    """Lower-case a word, fold ё, drop hyphens and strip one case ending, keeping at least three letters."""
    word = word.lower().replace("ё", "е").replace("-", "").replace("–", "")
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    if word[-1:] in _VOWELS and len(word) > 3:
        word = word[:-1]  # "Дальстрой" loses "ой" but "Дальстроя" only "я": both become "дальстр"
    if word.startswith(OBLAST):
        return OBLAST
    if word in _KRAI_STEMS:
        return KRAI
    return word


@dataclass(frozen=True)
class Token:
    text: str
    stem: str
    start: int
    end: int


_SPLIT_ASSR = re.compile(r"\b([А-Я]{2})\s(А?ССР)\b")


def tokens(text: str) -> list[Token]:
    """The words of a text with their stems; "КБ АССР" is read as "КБАССР" (same length, so spans hold)."""
    text = _SPLIT_ASSR.sub(lambda m: m.group(1) + m.group(2) + " ", text)
    return [Token(_letters(m.group()), stem(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _letters(word: str) -> str:
    """The form an abbreviation is compared in: two-letter ones as written ("ЛО", not "ло"), longer ones
    in capitals, since books print "ДВК" and "Двк" alike."""
    return word if len(word) <= 2 else word.upper()


def _is_abbreviation(name: str) -> bool:
    """An all-capital short form such as "ЛО", "ДВК" or "АССР НП": matched letter for letter."""
    letters = name.replace(" ", "")
    return letters.isupper() and len(letters) <= 8


@dataclass(frozen=True)
class _Key:
    words: tuple[str, ...]  # stems, or exact tokens for an abbreviation
    exact: bool
    region: Region
    priority: int


@dataclass(frozen=True)
class Match:
    region: Region
    priority: int
    start: int
    end: int
    length: int

    @property
    def rule(self) -> str:
        return Priority.RULES[self.priority]


class RegionIndex:
    """Every way the gazetteer's units are written, indexed by first word."""

    def __init__(self, regions: Iterable[Region]) -> None:
        self._keys: dict[str, list[_Key]] = {}
        self._seen: dict[tuple[str, bool], list[Match]] = {}
        for region in regions:
            if region.kind == "country":
                continue  # "СССР" in a body marks a national body, not a region
            for key in self._keys_of(region):
                self._keys.setdefault(key.words[0], []).append(key)

    def _keys_of(self, region: Region) -> list[_Key]:
        keys: list[_Key] = []

        def add(name: str, priority: int) -> None:
            exact = _is_abbreviation(name)
            words = tuple(t.text if exact else t.stem for t in tokens(name))
            if words:
                keys.append(_Key(words, exact, region, priority))

        for alias in region.aliases:
            add(alias, Priority.ABBREVIATION if _is_abbreviation(alias) else Priority.NAME)
        if region.kind == "region_group":
            return keys  # a grouping of a source is named only by its aliases
        add(region.name, Priority.NAME)
        for other in (*region.earlier_names, *region.later_names):
            add(other, Priority.OTHER_NAME)
        if region.centre and region.kind != "camps":
            add(region.centre, Priority.CENTRE)
        name_words = tuple(t.stem for t in tokens(region.name))
        if len(name_words) == 2 and name_words[1] in (OBLAST, KRAI, "асср", "сср"):
            keys.append(_Key(name_words[:1], False, region, Priority.ADJECTIVE))
        return keys

    def matches(self, text: str, *, adjectives: bool) -> list[Match]:
        """All places in the text where a unit is named, strongest first (remembered: bodies repeat)."""
        key = (text, adjectives)
        found = self._seen.get(key)
        if found is None:
            if len(self._seen) > 100_000:
                self._seen.clear()
            found = self._seen[key] = self._matches(text, adjectives=adjectives)
        return found

    def _matches(self, text: str, *, adjectives: bool) -> list[Match]:
        words = tokens(text)
        found: list[Match] = []
        for i, word in enumerate(words):
            for first in {word.stem, word.text}:
                for key in self._keys.get(first, ()):
                    if key.priority == Priority.ADJECTIVE and not adjectives:
                        continue
                    span = words[i : i + len(key.words)]
                    seen = tuple(t.text if key.exact else t.stem for t in span)
                    if seen != key.words:
                        continue
                    if key.priority == Priority.ADJECTIVE and _names_lower_unit(words, i + 1):
                        continue
                    found.append(Match(key.region, key.priority, span[0].start, span[-1].end, len(key.words)))
        found.sort(key=lambda m: (m.priority, -m.length, m.start))
        return found


def _names_lower_unit(words: list[Token], position: int) -> bool:
    return position < len(words) and words[position].stem in _LOWER_UNITS
