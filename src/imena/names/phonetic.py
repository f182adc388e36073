"""Sound keys of a name that survive transliteration and spelling: Шевченко, Schewtschenko, Szewczenko,
Chevtchenko and Shevchenko share one, so search and record linkage can block on it.

Daitch–Mokotoff Soundex (abydos), made for Slavic and Yiddish names spelt the German, Polish and English
way, on one Latin form of a Cyrillic name written here for the algorithm (ч "tsh", щ "shtsh", я "ia": each
letter as Daitch–Mokotoff reads it best). A Latin name adds the keys of its own spelling to those of its
likeliest Cyrillic readings. A second form (the German one) was tried and dropped: it joined no more
spellings (98.5% of the transliterations of 300 Khabarovsk names share a key either way) at half the speed.
Beider–Morse, abydos's other algorithm for such names, was measured too slow (some 400 to 1,000 words a
second, against 20,000 needed) and is not used.
"""

from __future__ import annotations

from functools import lru_cache

from abydos.phonetic import DaitchMokotoff

from imena.names.cyrillic import plain_latin, to_cyrillic
from imena.names.normalise import normalise, script

_PLAIN = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufye", strict=True)),
        **{"ё": "e", "ж": "zh", "х": "kh", "ц": "ts", "ч": "tsh", "ш": "sh", "щ": "shtsh", "ъ": "", "ь": ""},
        **{"ю": "iu", "я": "ia"},
    }
)
_LATIN_READINGS = 3  # how many Cyrillic readings of a Latin word give keys
_ENCODER = DaitchMokotoff()


@lru_cache(maxsize=500_000)
def _codes(latin: str) -> frozenset[str]:
    letters = "".join(c for c in plain_latin(latin) if "a" <= c <= "z")
    if not letters:
        return frozenset()
    codes: set[str] = _ENCODER.encode(letters)
    return frozenset(codes)


def cyrillic_to_plain_latin(word: str) -> str:
    """The Latin form of a Cyrillic word that Daitch–Mokotoff reads closest to its sound."""
    return word.lower().translate(_PLAIN)


@lru_cache(maxsize=500_000)
def _cyrillic_keys(word: str) -> frozenset[str]:
    return _codes(cyrillic_to_plain_latin(word))


@lru_cache(maxsize=100_000)
def _word_keys(word: str, readings: bool) -> frozenset[str]:
    kind = script(word)
    if kind == "cyrillic":
        return _cyrillic_keys(word)
    if kind == "latin":
        keys = _codes(word)
        for reading in to_cyrillic(word)[:_LATIN_READINGS] if readings else ():
            keys |= _cyrillic_keys(reading.lower())
        return keys
    if kind == "mixed":  # a word of two scripts that look-alike letters do not explain
        return _cyrillic_keys(word) | _codes(word)
    return frozenset()


@lru_cache(maxsize=500_000)
def phonetic_keys(name: str, *, readings: bool = True) -> frozenset[str]:
    """The Daitch–Mokotoff codes of a name in any script; a name of several words ("Реккен-Кромида") has
    the keys of each, so a search for either part finds it. `readings=False` spares a Latin word its Cyrillic
    readings (some 10 ms a new word): for names being stored, whose searches arrive in Cyrillic spellings."""
    keys: frozenset[str] = frozenset()
    for word in normalise(name).split():
        keys |= _word_keys(word, readings)
    return keys
