"""The documentary record of Order No. 00447: limits, their changes and the reported figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from imena.csvfile import Origin

USSR = "СССР"
ORDER_DATE = dt.date(1937, 7, 30)


class Level(StrEnum):
    """What a row of the limits table stands for (not the kind of unit: RSFSR is a republic total)."""

    UNION_REPUBLIC = "union_republic"
    REGION = "region"
    REGION_GROUP = "region_group"
    REPUBLIC_TOTAL = "republic_total"
    CAMPS = "camps"


class ChangeKind(StrEnum):
    INCREASE = "increase"  # approved by the Politburo: it counts
    REQUEST = "request"  # asked for by a region: it does not


class FigureKind(StrEnum):
    PLAN = "plan"
    REPORT = "report"
    ESTIMATE = "estimate"


MEASURES = frozenset(
    {
        "arrested",
        "sentenced",
        "sentenced_first_category",
        "sentenced_second_category",
        "shot",
        "shot_low",
        "shot_high",
        "limit_first_category",
        "limit_second_category",
        "limit_total",
    }
)


@dataclass(frozen=True)
class Tally:
    """A count that may be only partly known: `known` is what the sources give, `complete` whether
    that is all of it. An incomplete tally is shown as unknown with a lower bound, never as a number."""

    known: int = 0
    complete: bool = True

    @property
    def value(self) -> int | None:
        return self.known if self.complete else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.known + other.known, self.complete and other.complete)

    def __sub__(self, other: Tally) -> Tally:
        """The rest of a whole once a part is taken out; unknown unless both are known."""
        return Tally(self.known - other.known, self.complete and other.complete)

    @classmethod
    def of(cls, count: int | None) -> Tally:
        return cls(count or 0, count is not None)


UNKNOWN = Tally(0, False)


@dataclass(frozen=True)
class Categories:
    """First category (shooting), second category (camp) and their total, each possibly unknown."""

    first: Tally
    second: Tally
    total: Tally

    def __add__(self, other: Categories) -> Categories:
        return Categories(self.first + other.first, self.second + other.second, self.total + other.total)

    def __sub__(self, other: Categories) -> Categories:
        return Categories(self.first - other.first, self.second - other.second, self.total - other.total)

    @classmethod
    def zero(cls) -> Categories:
        return cls(Tally(), Tally(), Tally())

    def as_dict(self) -> dict[str, int | None]:
        return {"first_category": self.first.value, "second_category": self.second.value, "total": self.total.value}

    def lower_bounds(self) -> dict[str, int]:
        return {"first_category": self.first.known, "second_category": self.second.known, "total": self.total.known}


@dataclass(frozen=True)
class Unit:
    """A unit as the limits table names it: its row's level and the republic it belongs to."""

    name: str
    name_en: str
    level: Level
    parent: str


@dataclass(frozen=True)
class Limit:
    """A row of the order's table of 30 July 1937. A blank cell was not printed: it is unknown."""

    unit: Unit
    categories: Categories
    source: str
    note: str
    origin: Origin


@dataclass(frozen=True)
class LimitChange:
    """A dated increase approved for a unit, or a region's request for one."""

    date: dt.date
    decision: str
    unit: str
    unit_en: str
    categories: Categories
    kind: ChangeKind
    source: str
    note: str
    origin: Origin

    @property
    def national(self) -> bool:
        return self.unit == USSR


@dataclass(frozen=True)
class Figure:
    """A dated number: the plan, an NKVD report, or a scholar's estimate."""

    as_of: dt.date
    scope: str
    unit: str | None  # the gazetteer unit the scope resolves to, where it does
    measure: str
    value: int
    kind: FigureKind
    source: str
    note: str
    origin: Origin
