"""Fitting the model's free parameters to the NKVD's dated national figures.

The checkpoints are read from the ledger (reports for the whole Union), never written here, so a user who
adds a documented figure with `--extra` changes the fit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

import numpy as np
from scipy.optimize import least_squares

from imena.gazetteer import Gazetteer
from imena.operation import OPERATION_END, USSR, FigureKind, Ledger, load_ledger
from imena.simulate.aggregate import MEASURES, START, Parameters, Run, run
from imena.simulate.allocation import Allocation, allocate

# Bounds that keep every parameter meaningful (rates are shares of a day's stock).
BOUNDS = {
    "arrest_rate": (0.005, 0.5),
    "troika_start": (0.0, 15.0),
    "throughput_early": (100.0, 50000.0),
    "throughput_late": (100.0, 50000.0),
    "first_priority": (1.0, 5.0),
    "execution_rate": (0.05, 1.0),
    "unrecorded_first": (0.0, 5.0),
    "unrecorded_total": (0.0, 5.0),
    "surge_midpoint": (20.0, 300.0),
    "surge_width": (2.0, 60.0),
    "requests_days": (2.0, 300.0),
}


@dataclass(frozen=True)
class Checkpoint:
    day: dt.date
    measure: str
    documented: int
    source: str


@dataclass(frozen=True)
class Calibration:
    parameters: Parameters
    allocation: Allocation
    run: Run
    checkpoints: tuple[Checkpoint, ...]
    gazetteer: Gazetteer

    def modelled(self, checkpoint: Checkpoint) -> float:
        return self.run.national_on(checkpoint.day, checkpoint.measure)

    def relative_errors(self) -> list[float]:
        return [self.modelled(c) / c.documented - 1 for c in self.checkpoints]


def checkpoints(ledger: Ledger, end: dt.date = OPERATION_END) -> tuple[Checkpoint, ...]:
    """The NKVD's reported national totals during the operation, the figures the model must reproduce."""
    return tuple(
        Checkpoint(f.as_of, f.measure, f.value, f.source)
        for f in ledger.figures
        if f.kind is FigureKind.REPORT and f.scope == USSR and f.measure in MEASURES and START <= f.as_of <= end
    )


def fit(ledger: Ledger) -> Calibration:
    """Least squares on the log-ratios of modelled to documented totals, from the default parameters."""
    allocation = allocate(ledger)
    targets = checkpoints(ledger)
    if not targets:
        raise ValueError("the ledger has no national NKVD reports to fit the model to")
    names = [f.name for f in fields(Parameters)]
    start = np.array([getattr(Parameters(), name) for name in names])
    low, high = (np.array([BOUNDS[name][side] for name in names]) for side in (0, 1))
    measured = np.array([c.documented for c in targets], float)

    def residuals(values: np.ndarray) -> np.ndarray:
        simulated = run(allocation, Parameters(*values))
        modelled = np.array([simulated.national_on(c.day, c.measure) for c in targets])
        errors: np.ndarray = np.log(np.maximum(modelled, 1.0) / measured)
        return errors

    # The defaults lie near the optimum, so loose tolerances stop the search within a second.
    solution = least_squares(residuals, start, bounds=(low, high), x_scale="jac", ftol=1e-4, xtol=1e-4, max_nfev=600)
    parameters = Parameters(*(float(v) for v in solution.x))
    return Calibration(parameters, allocation, run(allocation, parameters), targets, ledger.gazetteer)


@cache
def default_calibration() -> Calibration:
    """The fit to the built-in ledger, made once per process."""
    return fit(load_ledger())


def aggregate_document(calibration: Calibration) -> dict[str, Any]:
    """The model's output as documented JSON: cumulative counts per day, nationally and by unit."""
    simulated = calibration.run

    def rows(column: int | None) -> list[dict[str, Any]]:
        values = {
            m: np.rint(simulated.national(m) if column is None else simulated.cumulative[m][:, column]).astype(int)
            for m in MEASURES
        }
        return [
            {"date": day.isoformat(), **{m: int(values[m][n]) for m in MEASURES}}
            for n, day in enumerate(simulated.days)
        ]

    return {
        "model": "imena.simulate: a model of the operation fitted to the NKVD's national figures; "
        "its regional and daily counts are modelled, not documented",
        "national": rows(None),
        "regions": {unit: rows(i) for i, unit in enumerate(simulated.units)},
        "parameters": calibration.parameters.as_dict(),
        "checkpoints": [
            {
                "date": c.day.isoformat(),
                "measure": c.measure,
                "documented": c.documented,
                "modelled": round(calibration.modelled(c)),
                "relative_error": round(error, 4),
                "source": c.source,
            }
            for c, error in zip(calibration.checkpoints, calibration.relative_errors(), strict=True)
        ],
        "modelled_units": calibration.allocation.modelled_units,
        "allocated_increases": [{"date": day.isoformat(), "rule": how} for day, _, how in calibration.allocation.steps],
    }
