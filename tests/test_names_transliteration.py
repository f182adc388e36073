"""Transliteration schemes: the spellings a relative abroad types or a foreign book prints."""

from __future__ import annotations

import pytest

from imena.names import SCHEMES, to_latin


@pytest.mark.parametrize(
    ("cyrillic", "scheme", "latin"),
    [
        ("Шевченко", "german", "Schewtschenko"),
        ("Щербаков Юрий", "german", "Schtscherbakow Juri"),
        ("Елизавета Васильевна", "german", "Jelisaweta Wassiljewna"),
        ("Жуков", "german", "Schukow"),
        ("Щербаков", "gost_7.79_b", "Shherbakov"),
        ("Щербаков", "bgn_pcgn", "Shcherbakov"),
        ("Юрий", "icao", "Iurii"),
        ("Жуков", "french", "Joukov"),
    ],
)
def test_schemes_spell_names_as_their_readers_expect(cyrillic: str, scheme: str, latin: str) -> None:
    assert to_latin(cyrillic, scheme) == latin


def test_every_scheme_writes_only_latin_letters() -> None:
    for scheme in SCHEMES:
        latin = to_latin("Гуляев Ёсиф Щукин-Эльстон, Ян", scheme)
        assert not any("а" <= c.lower() <= "я" or c in "ёЁ" for c in latin), (scheme, latin)


def test_an_unknown_scheme_is_named() -> None:
    with pytest.raises(ValueError, match="unknown transliteration scheme 'klingon'"):
        to_latin("Иванов", "klingon")
