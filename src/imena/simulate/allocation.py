"""The limits of every unit of the order's table over time, with what the ledger lacks filled by stated rules.

The ledger shows gaps as gaps; a model cannot run on them. Here each gap is filled by a rule, and every
filled value is marked as modelled so that no output passes it off as documented:

- a unit with no row in the order's table gets an equal share of the part of its republic's total that the
  known rows leave unexplained (the ledger has no population figures to weigh the shares by);
- a member of a region group gets the group's row less the members that have rows of their own;
- an increase for a republic, or the part of a national increase whose regional split is unknown, is shared
  among units in proportion to their limits in force that day, category by category;
- an increase without a category split is split like the unit's limits in force that day;
- an increase for a unit made after the order (Irkutsk, from East Siberia) goes to the unit it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from imena.operation import (
    OPERATION_END,
    ORDER_DATE,
    ChangeKind,
    Ledger,
    Level,
    LimitChange,
    national_decision,
    republic_gap,
)
from imena.operation.gaps import DecisionGap

FIRST, SECOND = 0, 1


@dataclass
class Allocation:
    """Limits by unit and category at the order's date and at each later step; `modelled` marks what a
    rule supplied."""

    units: list[str]
    initial: np.ndarray  # shape (units, 2)
    initial_modelled: list[bool]
    steps: list[tuple[dt.date, np.ndarray, str]] = field(default_factory=list)  # (day, additions, how)

    def index(self, unit: str) -> int:
        return self.units.index(unit)

    def limits_on(self, day: dt.date) -> np.ndarray:
        """Limits in force (units × categories) on a day, modelled parts included."""
        limits = self.initial.copy()
        for step_day, added, _ in self.steps:
            if step_day <= day:
                limits += added
        return limits

    @property
    def modelled_units(self) -> list[str]:
        return [u for u, modelled in zip(self.units, self.initial_modelled, strict=True) if modelled]


def model_units(ledger: Ledger) -> list[str]:
    """The units of the order's table: the regions whose troikas the operation's figures add up."""
    return [r.name for r in ledger.gazetteer.regions.values() if r.in_order_table]


def allocate(ledger: Ledger, end: dt.date = OPERATION_END) -> Allocation:
    units = model_units(ledger)
    initial = np.zeros((len(units), 2))
    modelled = [False] * len(units)
    for i, unit in enumerate(units):
        limit = ledger.limit_of(unit)
        if limit is not None:
            initial[i] = (limit.categories.first.known, limit.categories.second.known)
    for limit in ledger.limits:
        if limit.unit.level is not Level.REPUBLIC_TOTAL:
            continue
        gap = republic_gap(ledger, limit.unit.name)
        for member, group in gap.group_units:
            group_limit = ledger.limit_of(group)
            assert group_limit is not None
            derived = np.array([group_limit.categories.first.known, group_limit.categories.second.known], float)
            for other in ledger.gazetteer.regions[group].members:
                if other != member and (own := ledger.limit_of(other)) is not None:
                    derived -= (own.categories.first.known, own.categories.second.known)
            initial[units.index(member)] = derived
        if gap.missing_units:
            rest = np.array([gap.unexplained.first.known, gap.unexplained.second.known], float)
            for member in gap.missing_units:
                initial[units.index(member)] = rest / len(gap.missing_units)
                modelled[units.index(member)] = True
    allocation = Allocation(units, initial, modelled)
    _add_changes(ledger, allocation, end)
    return allocation


def _add_changes(ledger: Ledger, allocation: Allocation, end: dt.date) -> None:
    for change in ledger.changes:
        if change.kind is not ChangeKind.INCREASE or change.date > end or not change.date >= ORDER_DATE:
            continue
        if change.national:
            parts = tuple(c for c in ledger.changes if national_decision(ledger, c) is change)
            rest = DecisionGap(change, parts).unallocated
            amount = np.array([rest.first.known, rest.second.known], float)
            shares = _proportional(allocation, change.date, list(range(len(allocation.units))))
            allocation.steps.append((change.date, shares * amount, f"national {change.date}: unallocated part"))
            continue
        targets = _targets(ledger, allocation, change)
        amount = _split(allocation, change, targets)
        how = "as decided" if len(targets) == 1 and change.categories.first.complete else "shared by rule"
        additions = _proportional(allocation, change.date, targets) * amount
        allocation.steps.append((change.date, additions, f"{change.unit} {change.date}: {how}"))


def _targets(ledger: Ledger, allocation: Allocation, change: LimitChange) -> list[int]:
    """The model units an increase goes to: the unit, its predecessor, or a republic's units."""
    if change.unit in allocation.units:
        return [allocation.index(change.unit)]
    region = ledger.gazetteer.regions[change.unit]
    predecessors = [u for u in region.split_from if u in allocation.units]
    if predecessors:
        return [allocation.index(predecessors[0])]
    members = [i for i, u in enumerate(allocation.units) if ledger.gazetteer.regions[u].parent == change.unit]
    if not members:
        raise ValueError(f"{change.origin}: no unit of the order's table takes the increase for {change.unit}")
    return members


def _split(allocation: Allocation, change: LimitChange, targets: list[int]) -> np.ndarray:
    categories = change.categories
    if categories.first.complete and categories.second.complete:
        return np.array([categories.first.known, categories.second.known], float)
    in_force = allocation.limits_on(change.date)[targets].sum(axis=0)
    share_first = in_force[FIRST] / in_force.sum()
    total = categories.total.known
    return np.array([total * share_first, total * (1 - share_first)])


def _proportional(allocation: Allocation, day: dt.date, targets: list[int]) -> np.ndarray:
    """Shares (units × categories) of an amount, by each unit's limits in force per category."""
    in_force = allocation.limits_on(day)
    shares = np.zeros_like(in_force)
    for category in (FIRST, SECOND):
        weights = in_force[targets, category]
        if weights.sum() == 0:
            weights = in_force[targets].sum(axis=1)
        shares[targets, category] = weights / weights.sum()
    return shares
