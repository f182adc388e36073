"""Field accuracy of the parser against known values: hand-checked real entries, or a synthetic corpus's truth.

A field counts where the reference or the parse has a value (a field both leave empty is no evidence), and
is right when the two are exactly equal. Accuracy is micro-averaged over all counted fields.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

FIELDS = (
    "name.surname", "name.given", "name.patronymic", "sex", "birth.date", "birth.place", "nationality",
    "party.status", "party.text", "education", "occupation", "residence", "arrest.date", "arrest.by",
    "sentence.date", "sentence.body", "sentence.charge", "sentence.articles", "sentence.penalty",
    "sentence.term_years", "sentence.text", "execution.date", "execution.place", "death.date", "death.text",
    "burial.place", "rehabilitation.date", "rehabilitation.by",
)  # fmt: skip


def flatten(record: Mapping[str, Any], fields: Iterable[str] = FIELDS) -> dict[str, Any]:
    """The record's values under dotted names; an absent part is None."""
    flat: dict[str, Any] = {}
    for name in fields:
        value: Any = record
        for part in name.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        flat[name] = value if value not in ("", []) or name == "sentence.articles" else None
        if name == "sentence.articles" and not value:
            flat[name] = None
    return flat


def fingerprint(value: Any) -> str | None:
    """A field's value as the hand-checked gold keeps it: a hash, as the values come from real entries, which
    the repository must not hold (the entries themselves stay in ../shared); an empty value stays empty."""
    value = _empty_as_none(value)
    return None if value is None else "sha256:" + hashlib.sha256(orjson.dumps(value)).hexdigest()


def fingerprints(fields: Mapping[str, Any]) -> dict[str, str | None]:
    return {name: fingerprint(value) for name, value in fields.items()}


def _empty_as_none(value: Any) -> Any:
    return None if value in ("", []) else value


@dataclass
class Score:
    """Counts of right and counted fields, by field, with the first mistakes kept for reading."""

    right: Counter[str] = field(default_factory=Counter)
    counted: Counter[str] = field(default_factory=Counter)
    mistakes: list[tuple[str, str, Any, Any]] = field(default_factory=list)

    def add(self, identifier: str, expected: Mapping[str, Any], parsed: Mapping[str, Any]) -> None:
        for name, want in expected.items():
            want, got = _empty_as_none(want), _empty_as_none(parsed.get(name))
            if want is None and got is None:
                continue
            self.counted[name] += 1
            if want == got:
                self.right[name] += 1
            elif len(self.mistakes) < 2000:
                self.mistakes.append((identifier, name, want, got))

    @property
    def accuracy(self) -> float:
        counted = sum(self.counted.values())
        return sum(self.right.values()) / counted if counted else 1.0

    def by_field(self) -> dict[str, tuple[float, int]]:
        return {name: (self.right[name] / n, n) for name, n in sorted(self.counted.items())}
