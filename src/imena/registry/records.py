"""Checking a record before it is stored, and the columns search and statistics read from it."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import orjson

from imena.gazetteer import Gazetteer
from imena.registry.keys import given_form, surname_form

_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
PENALTIES = {"death", "camp", "prison", "exile", "special_settlement", "disenfranchisement", "other"}
PARTY = {"non_party", "member", "candidate", "expelled", "komsomol", "other_party"}
_DATED = ("birth", "arrest", "sentence", "execution", "death", "rehabilitation")
_OBJECTS = (*_DATED, "name", "party", "burial")
_PENALTY_VALUES = {None, *PENALTIES}
_PARTY_VALUES = {None, *PARTY}


def problems(record: Any) -> list[str]:
    """What makes a record unfit to store, in words a person can act on; empty if it is fit."""
    if not isinstance(record, dict):
        return [f"a record must be a JSON object, not {type(record).__name__}"]
    found = []
    if record.get("id") in (None, ""):
        found.append('no "id"')
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        found.append('no "text": the entry as printed is required')
    for key in _OBJECTS:
        value = record.get(key)
        if value is None:
            continue
        if type(value) is not dict:
            found.append(f'"{key}" must be an object or null')
            continue
        date = value.get("date")
        if date is not None and not _real_date(date):
            found.append(f'"{key}.date" must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {date!r}')
    if record.get("sex") not in (None, "m", "f"):
        found.append(f'"sex" must be "m", "f" or null, not {record["sex"]!r}')
    sentence = _object(record, "sentence")
    if sentence:
        if sentence.get("penalty") not in _PENALTY_VALUES:
            found.append(f'"sentence.penalty" {sentence["penalty"]!r} is not one of {", ".join(sorted(PENALTIES))}')
        if not isinstance(sentence.get("articles", []), list):
            found.append('"sentence.articles" must be a list')
    party = _object(record, "party")
    if party and party.get("status") not in _PARTY_VALUES:
        found.append(f'"party.status" {party["status"]!r} is not one of {", ".join(sorted(PARTY))}')
    return found


def _real_date(value: Any) -> bool:
    return isinstance(value, str) and _real_date_text(value)


@lru_cache(maxsize=100_000)
def _real_date_text(value: str) -> bool:
    """An ISO date at any precision that exists: "1937", "1937-10", "1937-10-03", not "1890-13-45"."""
    if not _DATE.match(value):
        return False
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
    return len(value) != 7 or 1 <= int(value[5:]) <= 12


def _object(record: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = record.get(key)
    return value if type(value) is dict else {}


def content_hash(record: Mapping[str, Any]) -> str:
    """The identity of an entry's content: the same record imported again is the same, any change is not."""
    return hashlib.sha256(orjson.dumps(record, option=orjson.OPT_SORT_KEYS)).hexdigest()


def columns(record: Mapping[str, Any], gazetteer: Gazetteer) -> dict[str, Any]:
    """The copies of a record's fields that search and statistics read, as the entries table holds them."""
    name = record.get("name") or {}
    birth = record.get("birth") or {}
    sentence = record.get("sentence") or {}
    execution = record.get("execution") or {}
    attribution = record.get("attribution") or {}
    year = (birth.get("date") or "")[:4]
    region = attribution.get("region")
    if not region and record.get("residence"):
        found = gazetteer.resolve_place(record["residence"])
        region = found.region.name if found and found.region else None
    return {
        "surname": name.get("surname"),
        "given": name.get("given"),
        "patronymic": name.get("patronymic"),
        "surname_form": surname_form(name.get("surname")),
        "given_form": given_form(name.get("given")),
        "patronymic_form": given_form(name.get("patronymic")),
        "sex": record.get("sex"),
        "birth_year": int(year) if year.isdigit() else None,
        "region": region,
        "penalty": sentence.get("penalty"),
        "sentence_date": sentence.get("date"),
        "execution_date": execution.get("date"),
        "operation": attribution.get("operation"),
    }


COLUMNS = (
    "surname", "given", "patronymic", "surname_form", "given_form", "patronymic_form", "sex", "birth_year", "region",
    "penalty", "sentence_date", "execution_date", "operation",
)  # fmt: skip


def stored_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record as the entries table keeps it: without its text, which has a column of its own, and without
    empty fields (an absent field and a null one say the same)."""
    return {key: value for key, value in record.items() if key != "text" and value is not None}


def full_record(stored: Mapping[str, Any], text: str) -> dict[str, Any]:
    """The record as it was imported (empty fields as null), from the stored record and the text column."""
    return {**dict.fromkeys(RECORD_KEYS), **stored, "text": text}


RECORD_KEYS = (
    "id", "source", "name", "sex", "birth", "nationality", "party", "education", "occupation", "residence",
    "arrest", "sentence", "execution", "death", "burial", "rehabilitation", "unparsed", "warnings",
)  # fmt: skip
