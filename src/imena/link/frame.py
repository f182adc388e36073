"""Records in the record schema to the linkage table: one row per entry, with the derived columns that
blocking and the comparisons read (neutral surname, civil given name, phonetic key, day numbers, region).

Everything name-like is brought to one normalised Cyrillic spelling first: a Latin name (a German book's
"Schewtschenko") is read back into Cyrillic, so that every comparison works across scripts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import pyarrow as pa

from imena.gazetteer import Gazetteer
from imena.names import normalise, phonetic_keys, script, to_cyrillic
from imena.names.equivalents import civil_form, civil_patronymic
from imena.registry.keys import neutral_of_normal

EPOCH = dt.date(1900, 1, 1)  # day numbers count from here, so that date distances are plain subtraction

# The columns of the linkage table, with their Arrow types; `unique_id` is "source/id".
COLUMNS: dict[str, pa.DataType] = {
    "unique_id": pa.string(),
    "source": pa.string(),
    "surname": pa.string(),
    "surname_neutral": pa.string(),
    "surname_sound": pa.string(),
    "given": pa.string(),
    "given_civil": pa.string(),
    "given_initial": pa.string(),
    "patronymic": pa.string(),
    "patronymic_civil": pa.string(),
    "patronymic_initial": pa.string(),
    "sex": pa.string(),
    "birth_year": pa.int32(),
    "birthplace": pa.string(),
    "region": pa.string(),
    "troika": pa.string(),
    "arrest_day": pa.int32(),
    "sentence_day": pa.int32(),
    "execution_day": pa.int32(),
    "death_day": pa.int32(),
}
SCHEMA = pa.schema(list(COLUMNS.items()))

_PLACE_MARK = re.compile(r"(?:^|[\s,(])(?:с|д|г|дер|пос|п|х|ст|м|аул|кишл)\.\s*([^\s,.;()]+)", re.IGNORECASE)
_PLACE_WORD = re.compile(r"[^\W\d_][^\s,.;()]*")
_ADMIN = re.compile(r"(?:губ|у|обл|р-н|район|уезд|губерния|волость|вол|кр|края|края|асср)\.?$", re.IGNORECASE)


def entry_key(record: Mapping[str, Any]) -> str:
    """An entry's key across sources: its source and its id in it."""
    return f"{record.get('source') or ''}/{record['id']}"


@lru_cache(maxsize=300_000)
def cyrillic(name: str) -> str:
    """A name in one normalised Cyrillic spelling: a Latin name's likeliest reading."""
    folded = normalise(name)
    if script(folded) in ("latin", "mixed"):
        readings = to_cyrillic(folded)
        return normalise(readings[0]) if readings else folded
    return folded


@lru_cache(maxsize=300_000)
def sound(name: str) -> str | None:
    """One Daitch–Mokotoff code of a surname (the smallest of its codes), so that blocking joins spellings."""
    codes = phonetic_keys(name, readings=False)
    return min(codes) if codes else None


def day_number(value: Any) -> int | None:
    """A full ISO date as days since EPOCH; a date known only to the month or year gives None."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return (dt.date.fromisoformat(value) - EPOCH).days
    except ValueError:
        return None


def birth_year(value: Any) -> int | None:
    if isinstance(value, str) and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None


@lru_cache(maxsize=100_000)
def birthplace(text: str) -> str | None:
    """The settlement a birthplace names ("с. Гнаденфельд" of "Самарская губ., ..., с. Гнаденфельд"), in
    Cyrillic: the word after a settlement's mark, else the first word that is no guberniya or uezd."""
    marked = _PLACE_MARK.search(text)
    if marked:
        return cyrillic(marked.group(1)) or None
    words = [w for w in _PLACE_WORD.findall(text) if not _ADMIN.search(w)]
    following = text.split()
    for word in words:
        after = following[following.index(word) + 1] if word in following[:-1] else ""
        if not _ADMIN.match(after):
            return cyrillic(word) or None
    return None


@lru_cache(maxsize=20_000)
def region_of_body(body: str) -> str | None:
    resolved = Gazetteer.load().resolve_body(body)
    return resolved.region.name if resolved and resolved.region else None


@lru_cache(maxsize=50_000)
def region_of_place(place: str) -> str | None:
    resolved = Gazetteer.load().resolve_place(place)
    return resolved.region.name if resolved and resolved.region else None


def _part(record: Mapping[str, Any], *path: str) -> Any:
    value: Any = record
    for step in path:
        value = value.get(step) if isinstance(value, Mapping) else None
    return value


def _initial(name: str | None) -> str | None:
    return name[0] if name else None


def entry_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """One record's row of the linkage table."""
    surname = cyrillic(_part(record, "name", "surname") or "") or None
    given = cyrillic(_part(record, "name", "given") or "").rstrip(".") or None
    patronymic = cyrillic(_part(record, "name", "patronymic") or "").rstrip(".") or None
    body = _part(record, "sentence", "body")
    region = region_of_body(body) if body else None
    if region is None and _part(record, "residence"):
        region = region_of_place(str(_part(record, "residence")))
    place = _part(record, "birth", "place")
    return {
        "unique_id": entry_key(record),
        "source": record.get("source"),
        "surname": surname,
        "surname_neutral": neutral_of_normal(surname) if surname else None,
        "surname_sound": sound(surname) if surname else None,
        "given": given,
        "given_civil": (civil_form(given) or given) if given and len(given) > 1 else None,
        "given_initial": _initial(given),
        "patronymic": patronymic,
        "patronymic_civil": (civil_patronymic(patronymic) or patronymic)
        if patronymic and len(patronymic) > 1
        else None,
        "patronymic_initial": _initial(patronymic),
        "sex": record.get("sex"),
        "birth_year": birth_year(_part(record, "birth", "date")),
        "birthplace": birthplace(place) if place else None,
        "region": region,
        "troika": normalise(body) if body else None,
        "arrest_day": day_number(_part(record, "arrest", "date")),
        "sentence_day": day_number(_part(record, "sentence", "date")),
        "execution_day": day_number(_part(record, "execution", "date")),
        "death_day": day_number(_part(record, "death", "date")),
    }


def linkage_table(records: Iterable[Mapping[str, Any]]) -> pa.Table:
    """The linkage table of records in the record schema (each with `id` and `source`)."""
    return pa.Table.from_pylist([entry_row(record) for record in records], schema=SCHEMA)
