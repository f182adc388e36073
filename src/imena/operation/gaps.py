"""What the ledger does not know: the order's rows that are missing, and splits that were not published.

A gap is reported as a gap: the part of a republic total that its known rows do not explain is given
as a number to be shared among named units, never spread over them as if it were known.
"""

from __future__ import annotations

from dataclasses import dataclass

from imena.operation.ledger import Ledger
from imena.operation.model import Categories, Level, LimitChange
from imena.operation.plan import national_decision


@dataclass(frozen=True)
class RepublicGap:
    """How much of a republic's total in the order its known regional rows explain."""

    republic: str
    republic_en: str
    total: Categories
    explained: Categories
    known_units: tuple[str, ...]  # with a row of their own
    group_units: tuple[tuple[str, str], ...]  # (unit, group): inside a group's row, not one of their own
    missing_units: tuple[str, ...]  # in the order's table, with no row known

    @property
    def unexplained(self) -> Categories:
        return self.total - self.explained

    @property
    def complete(self) -> bool:
        return not self.missing_units and self.unexplained.total.value == 0


@dataclass(frozen=True)
class DecisionGap:
    """A national increase and the part of it whose regional split is known."""

    decision: LimitChange
    parts: tuple[LimitChange, ...]

    @property
    def known_parts(self) -> Categories:
        return sum((p.categories for p in self.parts), Categories.zero())

    @property
    def unallocated(self) -> Categories:
        return self.decision.categories - self.known_parts


@dataclass(frozen=True)
class Completeness:
    republics: tuple[RepublicGap, ...]
    decisions: tuple[DecisionGap, ...]
    unsplit_changes: tuple[LimitChange, ...]  # increases whose category split is not known
    table_units: int  # units the order's table had a row for
    table_units_known: int


def republic_gap(ledger: Ledger, republic: str) -> RepublicGap:
    """The known rows inside a republic total, a group's members with rows of their own taken out once."""
    gazetteer = ledger.gazetteer
    total = ledger.limit_of(republic)
    if total is None or total.unit.level is not Level.REPUBLIC_TOTAL:
        raise ValueError(f"{republic!r} has no republic total in the order's table")
    rows = {limit.unit.name: limit for limit in ledger.limits if limit.unit.parent == republic}
    explained = Categories.zero()
    in_groups: list[tuple[str, str]] = []
    for name, limit in rows.items():
        explained += limit.categories
        if limit.unit.level is Level.REGION_GROUP:
            region = gazetteer.get(name)
            for member in region.members if region else ():
                if member in rows:
                    explained -= rows[member].categories
                else:
                    in_groups.append((member, name))
    grouped = {unit for unit, _ in in_groups}
    table = [r.name for r in gazetteer.children(republic) if r.in_order_table]
    return RepublicGap(
        republic=republic,
        republic_en=total.unit.name_en,
        total=total.categories,
        explained=explained,
        known_units=tuple(n for n in rows if rows[n].unit.level is Level.REGION),
        group_units=tuple(in_groups),
        missing_units=tuple(n for n in table if n not in rows and n not in grouped),
    )


def completeness(ledger: Ledger) -> Completeness:
    totals = [limit.unit.name for limit in ledger.limits if limit.unit.level is Level.REPUBLIC_TOTAL]
    republics = [republic_gap(ledger, name) for name in totals]
    decisions = [
        DecisionGap(change, tuple(c for c in ledger.changes if national_decision(ledger, c) is change))
        for change in ledger.changes
        if change.national
    ]
    unsplit = [c for c in ledger.changes if not (c.categories.first.complete and c.categories.second.complete)]
    table = [r.name for r in ledger.gazetteer.regions.values() if r.in_order_table]
    known = {limit.unit.name for limit in ledger.limits}
    grouped = {unit for gap in republics for unit, _ in gap.group_units}
    return Completeness(
        republics=tuple(republics),
        decisions=tuple(decisions),
        unsplit_changes=tuple(unsplit),
        table_units=len(table),
        table_units_known=sum(1 for name in table if name in known or name in grouped),
    )
