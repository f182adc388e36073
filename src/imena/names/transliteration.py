"""Cyrillic to Latin in the schemes found in records about victims: standards, passports, foreign books.

The standard and passport schemes come from iuliia. German books about Soviet Germans spell Russian
names the German way (Duden: "Schtscherbakow", "Genrichowitsch"), Polish lists the Polish way (PWN:
"Szczerbakow", "Jelizawieta"); iuliia has neither, so they are written here as tables with the few context
rules they need.
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
SCHEMES = (*_IUULIA, "german", "polish")

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
    "ий"/"ый" at the end of a word are "i"/"y", "ё" after a hushing consonant is "o", "ьи" is "ji"."""
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
        elif lower == "ё" and before and before in "жчшщ":
            latin = "o"  # Chruschtschow
        elif lower == "и" and before == "ь":
            latin = "ji"  # Iljitsch
        if char.isupper() and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


_POLISH = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "ż", "з": "z", "к": "k", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "cz",
    "ш": "sz", "щ": "szcz", "ъ": "", "ы": "y", "э": "e", "й": "j",
}  # fmt: skip
_POLISH_IOTATED = {"е": "e", "ё": "o", "ю": "u", "я": "a"}
_POLISH_SOFT = {"н": "ń", "с": "ś", "з": "ź", "ц": "ć", "т": "ć", "д": "dź"}  # before "ь" not before a vowel
_POLISH_HARD = set("жшчщц")  # after them "е", "ю", "я" are plain vowels and "и" is "y" (but "и" after "ч", "щ")
# Adjectival surname endings as Polish lists print them: "Kowalski", "Trubiecka", not "Kowalskij".
_POLISH_ENDINGS = {"ский": "ski", "цкий": "cki", "ская": "ska", "цкая": "cka", "ий": "ij", "ый": "yj"}
_CYRILLIC_WORD = re.compile("[А-Яа-яЁё]+")


def _polish_word(word: str) -> str:
    """PWN's rules: "л" is "l" before a soft vowel or "ь" and "ł" elsewhere; "е", "ё", "ю", "я" are "je",
    "jo", "ju", "ja" at the start, after a vowel or a sign, plain after "л" and hard consonants, "ie", "io",
    "iu", "ia" after the others; "ь" before a consonant softens "н", "с", "з", "ц", "т", "д" to "ń", "ś"..."""
    lower = word.lower()
    out: list[str] = []
    i = 0
    while i < len(lower):
        char, before = lower[i], lower[i - 1] if i else " "
        after = lower[i + 1] if i + 1 < len(lower) else " "
        ending = next((e for e in _POLISH_ENDINGS if lower.endswith(e) and i == len(lower) - len(e)), None)
        if ending and i:
            latin = _POLISH_ENDINGS[ending]
            i = len(lower)
        else:
            i += 1
            if char in _POLISH_IOTATED:
                vowel = _POLISH_IOTATED[char]
                if before == " " or before in _VOWELS:
                    latin = "j" + vowel
                elif before == "л" or before in _POLISH_HARD:
                    latin = vowel
                else:
                    latin = "i" + vowel
            elif char == "и":
                latin = "ji" if before == "ь" else "y" if before in "жшц" else "i"
            elif char == "л":
                latin = "l" if after in "еёюяиь" else "ł"
            elif char == "ь":
                latin = "" if after in "еёюяи" or before not in _POLISH_SOFT else _POLISH_SOFT[before]
                if latin:
                    out[-1] = out[-1][: -len(_POLISH[before])]
            else:
                latin = _POLISH.get(char, char)
        out.append(latin)
    polish = "".join(out)
    if word.isupper() and len(word) > 1:
        return polish.upper()
    return polish[:1].upper() + polish[1:] if word[:1].isupper() else polish


def _polish(text: str) -> str:
    return _CYRILLIC_WORD.sub(lambda m: _polish_word(m.group()), text)


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
    if scheme == "polish":
        return _polish
    if scheme in _IUULIA:
        return _completed(_IUULIA[scheme].translate, _MISSING.get(scheme, {}))
    raise ValueError(f"unknown transliteration scheme {scheme!r}; known: {', '.join(SCHEMES)}")


def to_latin(text: str, scheme: str) -> str:
    return transliterator(scheme)(text)
