"""Names brought to one form for comparing: what a typist, an OCR pass or a pre-1918 clerk varies is undone.

Written by hand: the look-alike letters, the pre-1918 letters and the hyphen rule are this corpus's quirks,
which no general text-normalisation library knows.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

Script = Literal["cyrillic", "latin", "mixed", "none"]

# Latin letters that OCR and typists put into Cyrillic words, and their Cyrillic twins.
_LATIN_TO_CYRILLIC = dict(
    zip(
        "AaBCcEeHKkMOoPpTXxYyiIëË",
        "АаВСсЕеНКкМОоРрТХхУуіІёЁ",
        strict=True,
    )
)
_CYRILLIC_TO_LATIN = {cyrillic: latin for latin, cyrillic in _LATIN_TO_CYRILLIC.items()}
_LOOK_ALIKES = frozenset(_LATIN_TO_CYRILLIC) | frozenset(_CYRILLIC_TO_LATIN)

# Pre-1918 letters and the letters of Ukrainian and Belarusian spellings of the same names.
_OLD_LETTERS = str.maketrans({"і": "и", "ѣ": "е", "ѳ": "ф", "ѵ": "и", "ї": "и", "є": "е", "ґ": "г", "ў": "в"})
_LATIN_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "ŀ": "l"})
_DASHES = re.compile(r"\s*[-‐‑‒–—―]+\s*")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_APOSTROPHES = re.compile("['’ʼ`´]")
_NOT_NAME = re.compile(r"[^\w\s]|_", re.UNICODE)
_HARD_SIGN_AT_END = re.compile(r"ъ\b")
# Stress marks that some books print over vowels: never part of the name.
_STRESS = str.maketrans("", "", "\u0301\u0300")


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _is_latin(char: str) -> bool:
    return char.isalpha() and (char.isascii() or "\u00c0" <= char <= "\u024f")


_ONLY_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_ONLY_ASCII_LETTERS = re.compile(r"[A-Za-z]+")


def _word_script(word: str) -> Script:
    """A word's script, judged by its letters that cannot be read in the other script."""
    if _ONLY_CYRILLIC.fullmatch(word):  # the common cases, without counting letter by letter
        return "cyrillic"
    if _ONLY_ASCII_LETTERS.fullmatch(word):
        return "latin"
    cyrillic = sum(1 for c in word if _is_cyrillic(c) and c not in _LOOK_ALIKES)
    latin = sum(1 for c in word if _is_latin(c) and c not in _LOOK_ALIKES)
    if cyrillic and not latin:
        return "cyrillic"
    if latin and not cyrillic:
        return "latin"
    if cyrillic and latin:
        return "mixed"
    look_alike_cyrillic = sum(1 for c in word if _is_cyrillic(c))
    look_alike_latin = sum(1 for c in word if _is_latin(c))
    if not look_alike_cyrillic and not look_alike_latin:
        return "none"
    return "cyrillic" if look_alike_cyrillic >= look_alike_latin else "latin"


def in_one_script(word: str) -> str:
    """The word with its look-alike letters written in the script of the rest of the word."""
    kind = _word_script(word)
    if kind == "cyrillic":
        return "".join(_LATIN_TO_CYRILLIC.get(c, c) for c in word)
    if kind == "latin":
        return "".join(_CYRILLIC_TO_LATIN.get(c, c) for c in word)
    return word


def _plain_latin(word: str) -> str:
    """Latin letters without diacritics ("Żukow" → "Zukow"): typists abroad often leave them out."""
    decomposed = unicodedata.normalize("NFD", word.translate(_LATIN_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def script(text: str) -> Script:
    """Which script a name is written in, look-alike letters read in their word's script ("Ивaнов" with a
    Latin "a" is Cyrillic); "none" when it has no Cyrillic or Latin letter."""
    kinds = {_word_script(word) for word in _WORD.findall(unicodedata.normalize("NFC", text))} - {"none"}
    if not kinds:
        return "none"
    if len(kinds) == 1:
        return kinds.pop()
    return "mixed"


@lru_cache(maxsize=200_000)
def normalise(text: str, *, modernise: bool = True) -> str:
    """The form two spellings of a name must share to count as the same: look-alike letters in their word's
    script, ё as е, pre-1918 letters modern (unless `modernise` is false), casefolded, without punctuation
    or diacritics on Latin letters, words separated by one space whether a hyphen or a space joined them."""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_STRESS))
    text = _DASHES.sub(" ", text)
    text = _WORD.sub(lambda m: in_one_script(m.group()), text)
    text = text.casefold().replace("ё", "е")
    if modernise:
        text = _HARD_SIGN_AT_END.sub("", text.translate(_OLD_LETTERS))
    text = _NOT_NAME.sub(" ", _APOSTROPHES.sub("", text))
    text = _WORD.sub(lambda m: _plain_latin(m.group()) if _word_script(m.group()) == "latin" else m.group(), text)
    return " ".join(text.split())
