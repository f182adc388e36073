"""The plan in force on a date: a unit's limits, the national totals, and the plan beside the figures."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import reduce

from imena.operation.ledger import Ledger
from imena.operation.model import (
    ORDER_DATE,
    UNKNOWN,
    USSR,
    Categories,
    ChangeKind,
    FigureKind,
    Limit,
    LimitChange,
)

OPERATION_END = dt.date(1938, 11, 17)
_PROTOCOL = re.compile(r"(\d+)\s*/\s*(\d+)")


@dataclass(frozen=True)
class LimitInForce:
    """A unit's limits on a date: its row of the order's table plus the increases approved by then."""

    unit: str
    unit_en: str
    level: str | None  # None for a unit with no row in the order's table
    parent: str | None
    as_of: dt.date
    initial: Limit | None
    increases: tuple[LimitChange, ...]
    categories: Categories

    @property
    def sources(self) -> list[str]:
        initial = [f"limit of {ORDER_DATE}: {self.initial.source}"] if self.initial else []
        return initial + [f"increase of {c.date}: {c.source}" for c in self.increases]


def approved_increases(ledger: Ledger, as_of: dt.date) -> Iterator[LimitChange]:
    """Increases approved up to and including the day; regional requests never count."""
    return (c for c in ledger.changes if c.kind is ChangeKind.INCREASE and c.date <= as_of)


def limits_in_force(ledger: Ledger, unit: str, as_of: dt.date = ORDER_DATE) -> LimitInForce:
    """A unit's limits on a day; where its row of the order's table is missing they are unknown,
    with the increases known for it as a lower bound."""
    initial = ledger.limit_of(unit)
    increases = tuple(c for c in approved_increases(ledger, as_of) if c.unit == unit)
    start = initial.categories if initial else Categories(UNKNOWN, UNKNOWN, UNKNOWN)
    region = ledger.gazetteer.get(unit)
    return LimitInForce(
        unit=unit,
        unit_en=initial.unit.name_en if initial else (region.name_en if region else ""),
        level=initial.unit.level.value if initial else None,
        parent=initial.unit.parent if initial else (region.parent if region else None),
        as_of=as_of,
        initial=initial,
        increases=increases,
        categories=reduce(lambda total, change: total + change.categories, increases, start),
    )


def units_in_force(ledger: Ledger, as_of: dt.date = ORDER_DATE) -> list[LimitInForce]:
    """Every unit with a row in the order's table, then every other unit that had an increase by the day."""
    names = [limit.unit.name for limit in ledger.limits]
    names += [c.unit for c in approved_increases(ledger, as_of) if not c.national and c.unit not in names]
    return [limits_in_force(ledger, name, as_of) for name in dict.fromkeys(names)]


def national_decision(ledger: Ledger, change: LimitChange) -> LimitChange | None:
    """The national decision a regional increase is a part of: one of the same day whose protocol
    number, where both name one, is the same. Such an increase is inside the national total."""
    if change.national:
        return None
    for national in ledger.changes:
        if national.national and national.kind is change.kind and national.date == change.date:
            own, theirs = _PROTOCOL.search(change.decision), _PROTOCOL.search(national.decision)
            if own is None or theirs is None or own.groups() == theirs.groups():
                return national
    return None


def national_in_force(ledger: Ledger, as_of: dt.date = ORDER_DATE) -> Categories:
    """The national limits on a day: the order's top-level rows (union republics, republic totals and
    camps) plus every approved increase that is not already part of a national decision."""
    total = Categories.zero()
    for limit in ledger.limits:
        if limit.unit.parent == USSR:
            total += limit.categories
    for change in approved_increases(ledger, as_of):
        if national_decision(ledger, change) is None:
            total += change.categories
    return total


@dataclass(frozen=True)
class TimelineRow:
    """A dated number: a figure from the sources, or the national plan the ledger computes."""

    date: dt.date
    scope: str
    measure: str
    value: int | None
    kind: str
    source: str
    note: str
    lower_bound: int | None = None  # for a computed plan whose split is partly unknown
    derived: bool = False


_PLAN_MEASURES = ("limit_first_category", "limit_second_category", "limit_total")


def timeline(ledger: Ledger) -> list[TimelineRow]:
    """Every figure by date, and the national limits in force after each approved change."""
    rows = [TimelineRow(f.as_of, f.scope, f.measure, f.value, f.kind.value, f.source, f.note) for f in ledger.figures]
    printed = {(f.as_of, f.measure) for f in ledger.figures if f.kind is FigureKind.PLAN and f.scope == USSR}
    days = [ORDER_DATE, *dict.fromkeys(c.date for c in approved_increases(ledger, dt.date.max))]
    for day in days:
        plan = national_in_force(ledger, day)
        changes = [c for c in ledger.changes if c.date == day and c.kind is ChangeKind.INCREASE]
        note = "; ".join(_describe(ledger, c) for c in changes)
        source = "computed by imena: the order's table of limits plus the increases approved up to this day"
        for measure, tally in zip(_PLAN_MEASURES, (plan.first, plan.second, plan.total), strict=True):
            if (day, measure) in printed:
                continue
            unknown = "" if tally.complete else f"unknown: at least {tally.known:,}, a split is not known; "
            rows.append(
                TimelineRow(day, USSR, measure, tally.value, "plan", source, unknown + note, tally.known, derived=True)
            )
    rows.sort(key=lambda row: (row.date, row.derived))
    return rows


def _describe(ledger: Ledger, change: LimitChange) -> str:
    counts = "/".join("?" if v is None else f"+{v:,}" for v in change.categories.as_dict().values())
    part = " (part of the national decision)" if national_decision(ledger, change) else ""
    return f"{change.unit} {counts}{part}"
