"""The aggregate model: limits allocated by stated rules, and the national figures reproduced within 3%."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from imena.cli import app
from imena.operation import USSR, FigureKind, Ledger, national_in_force, republic_gap
from imena.simulate.aggregate import MEASURES, START
from imena.simulate.allocation import allocate

D = dt.date


@pytest.fixture(scope="module")
def aggregate() -> dict[str, Any]:
    result = CliRunner().invoke(app, ["simulate", "aggregate", "--format", "json"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_every_checkpoint_of_the_nkvd_is_reproduced_within_3_percent(ledger: Ledger, aggregate: dict[str, Any]) -> None:
    national = {row["date"]: row for row in aggregate["national"]}
    checkpoints = [
        f
        for f in ledger.figures
        if f.kind is FigureKind.REPORT and f.scope == USSR and f.measure in MEASURES and f.as_of >= START
    ]
    assert {c.as_of for c in checkpoints} == {D(1937, 8, 15), D(1937, 9, 30), D(1938, 1, 1), D(1938, 11, 17)}
    assert len(checkpoints) == 11
    for figure in checkpoints:
        modelled = national[figure.as_of.isoformat()][figure.measure]
        assert modelled == pytest.approx(figure.value, rel=0.03), (figure.as_of, figure.measure)


def test_the_output_has_the_documented_shape(aggregate: dict[str, Any], ledger: Ledger) -> None:
    national = aggregate["national"]
    assert national[0]["date"] == "1937-08-05" and national[-1]["date"] == "1938-11-17"
    assert all(set(row) == {"date", *MEASURES} for row in national)
    units = [r.name for r in ledger.gazetteer.regions.values() if r.in_order_table]
    assert sorted(aggregate["regions"]) == sorted(units)
    assert all(len(rows) == len(national) for rows in aggregate["regions"].values())
    assert set(aggregate["parameters"]) >= {"arrest_rate", "execution_rate", "first_priority"}


def test_counts_are_cumulative_and_add_up(aggregate: dict[str, Any]) -> None:
    for measure in MEASURES:
        series = np.array([row[measure] for row in aggregate["national"]])
        assert (np.diff(series) >= 0).all(), measure
        regional = sum(rows[-1][measure] for rows in aggregate["regions"].values())
        assert regional == pytest.approx(series[-1], abs=len(aggregate["regions"])), measure
    last = aggregate["national"][-1]
    assert last["sentenced"] == pytest.approx(
        last["sentenced_first_category"] + last["sentenced_second_category"], abs=2
    )
    assert last["shot"] <= last["sentenced_first_category"]


def test_modelled_units_are_the_ledgers_missing_rows(aggregate: dict[str, Any], ledger: Ledger) -> None:
    missing = {u for r in ("РСФСР", "Украинская ССР", "Казахская ССР") for u in republic_gap(ledger, r).missing_units}
    assert set(aggregate["modelled_units"]) == missing


def test_allocation_keeps_the_documented_totals(ledger: Ledger) -> None:
    allocation = allocate(ledger)
    assert allocation.initial.sum(axis=0) == pytest.approx([75950, 193000])
    sverdlovsk = allocation.initial[allocation.index("Свердловская область")]
    assert sverdlovsk == pytest.approx([5500 - 1500, 10500 - 4500])  # the Urals group less Chelyabinsk
    voronezh = allocation.initial[allocation.index("Воронежская область")]
    assert voronezh == pytest.approx([20700 / 21, 55700 / 21])  # an equal share of the RSFSR's unexplained part
    for day in (D(1937, 10, 15), D(1938, 1, 31), D(1938, 11, 17)):
        plan = national_in_force(ledger, day)
        assert allocation.limits_on(day).sum() == pytest.approx(plan.total.known), day
    kalinin = allocation.limits_on(D(1937, 9, 17))[allocation.index("Калининская область")]
    october = allocation.limits_on(D(1937, 10, 15))[allocation.index("Калининская область")]
    assert kalinin == pytest.approx([2500, 3000])
    assert (october > kalinin).all()  # a share of the national increase of 15 October
