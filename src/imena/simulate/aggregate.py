"""The operation as a day-by-day model of every region: arrests, troika sentences by category, executions.

Each region arrests towards its effective limit (the limits in force plus the increases the ledger does not
record); its troika decides the waiting cases as fast as its throughput allows, spending the first-category
allowance faster than the second; first-category sentences are carried out after a short lag.

The escalation of the autumn of 1937 is a logistic "surge" that raises the troikas' throughput and brings the
increases of the total that the ledger does not record. The unrecorded first-category increases follow the
regions' requests from late August, moving cases from the second category to the first. The parameters are
fitted in `imena.simulate.calibration` to the NKVD's dated national figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import numpy as np

from imena.operation import OPERATION_END
from imena.simulate.allocation import FIRST, SECOND, Allocation

START = dt.date(1937, 8, 5)
# Regions asked for more, mostly in the first category, from the end of August 1937 (Werth 2010).
REQUESTS_BEGIN = dt.date(1937, 8, 25)
# A troika decides at most half its waiting cases in a day: a case waits at least a day or two.
MAX_DECIDED_SHARE = 0.5
MEASURES = ("arrested", "sentenced", "sentenced_first_category", "sentenced_second_category", "shot")


@dataclass(frozen=True)
class Parameters:
    """The free parameters of the model; `calibration.fit` sets them from the NKVD's figures."""

    # Defaults are the last fit to the built-in ledger, so that fitting again starts next to the optimum.
    arrest_rate: float = 0.0419  # share of the not-yet-arrested part of the effective limit arrested a day
    troika_start: float = 4.0  # days from 5 August 1937 to the troikas' first sessions
    throughput_early: float = 2384.0  # cases all troikas together decided a day, before the surge
    throughput_late: float = 49742.0  # ... and after it
    first_priority: float = 2.769  # how much faster the first-category allowance is spent than its share
    execution_rate: float = 0.184  # share of the condemned to death shot a day
    unrecorded_first: float = 0.815  # first-category increases the ledger lacks, a multiple of the limits
    unrecorded_total: float = 0.498  # increases of the total the ledger lacks, a multiple of the limits
    surge_midpoint: float = 59.5  # days from 5 August 1937 to the middle of the surge
    surge_width: float = 2.0  # days over which the surge rises (logistic scale)
    requests_days: float = 14.85  # first-category increases asked for from late August: days to 63% of them

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class Run:
    """Cumulative counts by day (rows), unit (columns) and measure, from START to the end."""

    days: list[dt.date]
    units: list[str]
    cumulative: dict[str, np.ndarray]  # measure -> array (days, units)

    def national(self, measure: str) -> np.ndarray:
        total: np.ndarray = self.cumulative[measure].sum(axis=1)
        return total

    def national_on(self, day: dt.date, measure: str) -> float:
        return float(self.national(measure)[self.days.index(day)])


def run(allocation: Allocation, parameters: Parameters, end: dt.date = OPERATION_END) -> Run:
    """Simulate every region from the start of the operation to the directive that stopped it."""
    p = parameters
    days = [START + dt.timedelta(days=n) for n in range((end - START).days + 1)]
    limits_by_day = _limits_by_day(allocation, days)
    units = len(allocation.units)
    arrested, waiting, pending_execution = np.zeros(units), np.zeros(units), np.zeros(units)
    sentenced = np.zeros((units, 2))
    shot = np.zeros(units)
    history = {measure: np.zeros((len(days), units)) for measure in MEASURES}
    for n, day in enumerate(days):
        surge = 1 / (1 + np.exp(-(n - p.surge_midpoint) / p.surge_width))
        asked = 1 - np.exp(-max(0, (day - REQUESTS_BEGIN).days) / p.requests_days)
        limits = limits_by_day[n]
        total = limits.sum(axis=1) * (1 + surge * p.unrecorded_total)
        first = np.minimum(limits[:, FIRST] * (1 + asked * p.unrecorded_first), total)
        effective = np.stack([first, total - first], axis=1)
        new_arrests = p.arrest_rate * np.maximum(effective.sum(axis=1) - arrested, 0)
        arrested += new_arrests
        waiting += new_arrests
        throughput = p.throughput_early + surge * (p.throughput_late - p.throughput_early)
        capacity = throughput * effective.sum(axis=1) / effective.sum()  # each troika by its region's size
        decided = np.minimum(waiting * MAX_DECIDED_SHARE, capacity) if n >= p.troika_start else np.zeros(units)
        waiting -= decided
        remaining = np.maximum(effective - sentenced, 0)
        total_remaining = remaining.sum(axis=1)
        share = np.where(total_remaining > 0, remaining[:, FIRST] / np.maximum(total_remaining, 1e-9), 0.5)
        first = decided * np.clip(p.first_priority * share, 0, 1)
        sentenced[:, FIRST] += first
        sentenced[:, SECOND] += decided - first
        pending_execution += first
        executed = p.execution_rate * pending_execution
        pending_execution -= executed
        shot += executed
        history["arrested"][n] = arrested
        history["sentenced_first_category"][n] = sentenced[:, FIRST]
        history["sentenced_second_category"][n] = sentenced[:, SECOND]
        history["sentenced"][n] = sentenced.sum(axis=1)
        history["shot"][n] = shot
    return Run(days, allocation.units, history)


def _limits_by_day(allocation: Allocation, days: list[dt.date]) -> np.ndarray:
    """Limits in force (days × units × categories), built once from the allocation's steps."""
    limits = np.repeat(allocation.initial[None, :, :], len(days), axis=0)
    first_day = days[0]
    for step_day, added, _ in allocation.steps:
        offset = max(0, (step_day - first_day).days)
        if offset < len(days):
            limits[offset:] += added
    return limits
