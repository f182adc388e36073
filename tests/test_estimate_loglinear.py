"""Log-linear models: the closed form of the independence model, coverage when lists are independent, divergence."""

from __future__ import annotations

import numpy as np
import pytest

from imena.estimate import from_patterns
from imena.estimate.loglinear import (
    LogLinearDiverged,
    LogLinearModel,
    averaged_tail_interval,
    cells,
    fit_loglinear,
    fit_model,
    lognormal_interval,
)
from imena.estimate.scenarios import independent_scenario, simulate_population


def test_two_lists_under_independence_give_lincoln_petersen() -> None:
    # n10 = 300, n01 = 200, n11 = 100: the unseen count is n10 * n01 / n11 = 600 (Lincoln-Petersen)
    patterns, counts = cells(from_patterns(["A", "B"], [[1, 0], [0, 1], [1, 1]], [300, 200, 100]))
    model = fit_model(patterns, counts, ())
    assert model is not None
    assert model.unseen == pytest.approx(600.0, rel=1e-6)


def test_three_lists_independent_of_a_third_collapse_to_lincoln_petersen() -> None:
    # list C is independent of A and B and names half of everyone: the A-B margin carries the same answer
    ab = {(1, 0): 300, (0, 1): 200, (1, 1): 100, (0, 0): 600}
    patterns, counts = [], []
    for (a, b), n in ab.items():
        for c in (0, 1):
            if a or b or c:
                patterns.append([a, b, c])
                counts.append(n // 2)
    fit = fit_loglinear(from_patterns(["A", "B", "C"], patterns, counts))
    independence = next(m for m in fit.models if not m.interactions)
    assert fit.observed + independence.unseen == pytest.approx(1200.0, rel=1e-6)


def test_independent_homogeneous_lists_are_covered() -> None:
    for seed in (1, 2, 3):
        scenario = independent_scenario(np.random.default_rng(seed), 3000, [0.3, 0.2, 0.25, 0.35])
        lower, upper = fit_loglinear(scenario.histories).interval()
        assert lower <= scenario.total <= upper


def test_lognormal_interval_is_above_the_observed_and_skewed_upwards() -> None:
    lower, upper = lognormal_interval(1000, 500.0, 100.0**2)
    assert 1000 < lower < 1500 < upper
    assert upper - 1500 > 1500 - lower


def test_a_table_without_overlaps_is_refused_as_divergent() -> None:
    disjoint = from_patterns(["A", "B", "C"], np.eye(3, dtype=int), [100, 80, 90])
    with pytest.raises(LogLinearDiverged, match="diverge"):
        fit_loglinear(disjoint)


def test_models_whose_interaction_has_no_people_are_left_out() -> None:
    # nobody is on both A and B: every model with an A×B term runs to the boundary
    patterns = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1], [0, 1, 1]]
    fit = fit_loglinear(from_patterns(["A", "B", "C"], patterns, [400, 300, 200, 60, 50]))
    assert fit.diverged > 0
    assert all((0, 1) not in m.interactions for m in fit.models)
    assert np.isfinite(fit.estimate)


def test_the_tail_area_interval_of_one_model_is_chaos_interval() -> None:
    model = LogLinearModel((), 400.0, 2_500.0, 0.0)
    assert averaged_tail_interval(1_000, [model], [1.0]) == pytest.approx(lognormal_interval(1_000, 400.0, 2_500.0))


def test_the_tail_area_interval_reaches_towards_a_distant_model() -> None:
    near, far = LogLinearModel((), 400.0, 400.0, 0.0), LogLinearModel(((0, 1),), 900.0, 900.0, 0.0)
    lower, upper = averaged_tail_interval(1_000, [near, far], [0.5, 0.5])
    alone = lognormal_interval(1_000, 400.0, 400.0)
    assert lower == pytest.approx(alone[0], rel=0.02) and upper > 1_000 + 900.0


def test_people_unequally_visible_to_every_list_favour_the_heterogeneity_term() -> None:
    # a fifth of the people are seen by each list with chance 0.1, the rest with 0.6: no pairwise dependence
    histories = simulate_population(np.random.default_rng(4), 20_000, [0.2, 0.8], [[0.1] * 4, [0.6] * 4])
    fit = fit_loglinear(histories)
    weight = sum(w for w, m in zip(fit.weights, fit.models, strict=True) if m.heterogeneity)
    assert weight > 0.5
    assert fit.best().name(histories.lists).endswith("heterogeneity (common three-list term)")
