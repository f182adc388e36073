"""The regions of 1937-38 and the resolution of sentencing bodies and places to them.

>>> from imena.gazetteer import Gazetteer
>>> gazetteer = Gazetteer.load()
>>> gazetteer.resolve_body("Особая тройка УНКВД ЛО").region.name
'Ленинградская область'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from imena.gazetteer.matching import Match, Priority, RegionIndex, stem
from imena.gazetteer.regions import OPERATION_START, Region, load_regions

__all__ = ["Gazetteer", "Region", "Resolution"]

# Bodies that sentenced for the whole Union: they say nothing of the region.
_NATIONAL_BODY = re.compile(
    r"\bОСО\b|\bОС\s+(?:при|НКВД|МГБ|ОГПУ)|особ\w*\s+совещан|комисси\w*\s+НКВД|\bдвойк|"
    r"ВКВС|ВК\s+ВС|военн\w*\s+коллеги|коллеги\w*\s+ОГПУ(?!\s+\w*АССР)|верховн\w*\s+суд\w*\s+СССР",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Resolution:
    """What a string says of its region: one region, several candidates, a national body, or nothing."""

    region: Region | None
    candidates: tuple[Region, ...]
    rule: str
    matched: str

    @property
    def ambiguous(self) -> bool:
        return self.region is None and len(self.candidates) > 1


class Gazetteer:
    """The units of 1937-38 by name, with resolvers for the strings memorial books print."""

    def __init__(self, regions: dict[str, Region]) -> None:
        self.regions = regions
        self._index = RegionIndex(regions.values())
        self._by_folded = {_fold(name): region for region in regions.values() for name in _all_names(region)}

    @classmethod
    def load(cls, extra_files: Iterable[Path] = ()) -> Gazetteer:
        extra = tuple(extra_files)
        return _builtin() if not extra else cls(load_regions(extra))

    def __contains__(self, name: str) -> bool:
        return name in self.regions

    def get(self, name: str) -> Region | None:
        """The unit under its canonical name, an alias, an earlier name or its English name."""
        return self.regions.get(name) or self._by_folded.get(_fold(name))

    def find(self, name: str) -> Region | None:
        """A unit a person typed: any of its names, or a part that names one unit ("Тульская", "ДВК")."""
        found = self.get(name)
        if found is None:
            resolved = self.resolve_body(name)
            found = resolved.region if resolved else None
        return found

    def children(self, parent: str) -> list[Region]:
        return [r for r in self.regions.values() if r.parent == parent]

    def resolve_body(self, text: str, *, on: dt.date | None = None, hint: Region | None = None) -> Resolution | None:
        """The region whose troika, court or NKVD office a sentencing-body string names.

        `on` (the sentence date) and `hint` (say, the region of residence) settle abbreviations that
        several units share. National bodies (Special Board, Military Collegium, the "dvoika") resolve
        to no region, with the rule "national body".
        """
        matches = self._index.matches(text, adjectives=True)
        if matches and matches[0].priority <= Priority.OTHER_NAME:
            return self._choose(text, matches, on, hint)
        national = _NATIONAL_BODY.search(text)
        if national:
            return Resolution(None, (), "national body", national.group())
        return self._choose(text, matches, on, hint) if matches else None

    def resolve_place(self, text: str, *, on: dt.date | None = None, hint: Region | None = None) -> Resolution | None:
        """The 1937 region a residence or place string lies in, where it names one or its centre.

        Guberniyas, uezds and districts are not resolved: their borders are not those of 1937.
        """
        matches = self._index.matches(text, adjectives=False)
        return self._choose(text, matches, on, hint) if matches else None

    def _choose(self, text: str, matches: Sequence[Match], on: dt.date | None, hint: Region | None) -> Resolution:
        """Keep the strongest, longest matches; settle a tie by date, then hint, then level of unit."""
        best = [m for m in matches if (m.priority, m.length) == (matches[0].priority, matches[0].length)]
        candidates = list(dict.fromkeys(m.region for m in best))
        day = on or OPERATION_START
        for keep in (lambda r: r.exists_on(day), lambda r: _related(r, hint), self._first_order):
            if len(candidates) > 1:
                candidates = [r for r in candidates if keep(r)] or candidates
        region = candidates[0] if len(candidates) == 1 else None
        deciding = next(m for m in best if region is None or m.region == region)
        return Resolution(region, tuple(candidates), deciding.rule, text[deciding.start : deciding.end])

    def _first_order(self, region: Region) -> bool:
        """A unit with a troika of its own: a krai, oblast or ASSR directly under a union republic."""
        parent = self.regions.get(region.parent or "")
        under_republic = parent is not None and parent.kind == "union_republic"
        return region.kind in ("krai", "oblast", "assr") and under_republic


def _related(region: Region, hint: Region | None) -> bool:
    """Whether a candidate is the hinted region, its parent or its child."""
    if hint is None:
        return False
    return hint.name in (region.name, region.parent) or region.name == hint.parent


def _fold(name: str) -> str:
    return " ".join(stem(word) for word in re.split(r"[\s.,]+", name) if word)


def _all_names(region: Region) -> tuple[str, ...]:
    return (region.name, region.name_en, *region.aliases, *region.earlier_names)


@cache
def _builtin() -> Gazetteer:
    return Gazetteer(load_regions())
