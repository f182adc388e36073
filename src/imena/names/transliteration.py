"""Cyrillic to Latin in the schemes found in records about victims: standards, passports, foreign books.

The standard and passport schemes come from iuliia. German books about Soviet Germans spell Russian
names the German way (Duden: "Schtscherbakow", "Genrichowitsch"); iuliia has no such scheme, so it is
written here as a table with the few context rules it needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import iuliia

_IUULIA = {
    "gost_7.79_b": iuliia.GOST_779_ALT,  # GOST 7.79-2000 system B
    "iso_9": iuliia.GOST_779,  # ISO 9:1995 = GOST 7.79-2000 system A
    "bgn_pcgn": iuliia.BGN_PCGN,
    "ala_lc": iuliia.ALA_LC,
    "icao": iuliia.ICAO_DOC_9303,  # passports since 2013
    "wikipedia": iuliia.WIKIPEDIA,
    "french": iuliia.MVD_310_FR,  # Soviet passports in French
}
SCHEMES = (*_IUULIA, "german")

_GERMAN = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch", "з": "s", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "ju", "я": "ja",
}  # fmt: skip
_VOWELS = set("аеёиоуыэюяъь")
_CYRILLIC = re.compile("[А-Яа-яЁё]")


def _german(text: str) -> str:
    """Duden's rules: "е" is "je" at the start of a word and after a vowel, "с" between vowels is "ss",
    "ий"/"ый" at the end of a word are "i"/"y"."""
    out = []
    for i, char in enumerate(text):
        lower = char.lower()
        before = text[i - 1].lower() if i else ""
        after = text[i + 1].lower() if i + 1 < len(text) else ""
        if lower not in _GERMAN:
            out.append(char)
            continue
        latin = _GERMAN[lower]
        if lower == "е" and (not before.isalpha() or before in _VOWELS):
            latin = "je"
        elif lower == "с" and before in _VOWELS and after in _VOWELS and before not in "ъь":
            latin = "ss"
        elif lower == "й" and before in "иы" and not after.isalpha():
            latin = ""
        if char.isupper() and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


# Letters iuliia's tables lack, by scheme: its ISO 9 has no "ё", which the standard writes "ë".
_MISSING = {"iso_9": {"ё": "ë"}}


def _completed(translate: Callable[[str], str], missing: dict[str, str]) -> Callable[[str], str]:
    """iuliia's scheme, with the letters it leaves in Cyrillic written from `missing` (or as "е")."""

    def letter(char: str) -> str:
        latin = missing.get(char.lower()) or translate("е" if char.lower() == "ё" else char.lower())
        return latin.capitalize() if char.isupper() else latin

    def complete(text: str) -> str:
        latin = translate(text)
        return _CYRILLIC.sub(lambda m: letter(m.group()), latin) if _CYRILLIC.search(latin) else latin

    return complete


@cache
def transliterator(scheme: str) -> Callable[[str], str]:
    """The function that writes Cyrillic text in Latin letters by a scheme of SCHEMES."""
    if scheme == "german":
        return _german
    if scheme in _IUULIA:
        return _completed(_IUULIA[scheme].translate, _MISSING.get(scheme, {}))
    raise ValueError(f"unknown transliteration scheme {scheme!r}; known: {', '.join(SCHEMES)}")


def to_latin(text: str, scheme: str) -> str:
    return transliterator(scheme)(text)
