"""The latent-class sampler and its diagnostics, on populations whose size is known."""

from __future__ import annotations

import numpy as np

from imena.estimate import Method, SamplerSettings, estimate_strata
from imena.estimate.diagnostics import diagnose, effective_sample_size, geweke, split_rhat
from imena.estimate.lcmcr import fit_latent_classes
from imena.estimate.scenarios import heterogeneous_scenario, independent_scenario

QUICK = SamplerSettings(chains=2, burn_in=500, draws=300, thinning=5)


def test_independent_homogeneous_lists_are_covered() -> None:
    rng = np.random.default_rng(5)
    scenario = independent_scenario(rng, 3000, [0.3, 0.2, 0.25, 0.35])
    fit = fit_latent_classes(scenario.histories, rng, QUICK)
    lower, upper = fit.interval()
    assert lower <= scenario.total <= upper
    assert fit.observed < lower


def test_the_same_seed_gives_the_same_draws() -> None:
    scenario = independent_scenario(np.random.default_rng(1), 1000, [0.3, 0.4, 0.3])
    first = fit_latent_classes(scenario.histories, np.random.default_rng(9), QUICK)
    second = fit_latent_classes(scenario.histories, np.random.default_rng(9), QUICK)
    assert np.array_equal(first.draws, second.draws)


def test_the_total_of_strata_covers_the_sum_of_their_sizes() -> None:
    rng = np.random.default_rng(11)
    scenarios = {
        name: heterogeneous_scenario(rng, total, 4, copying=False) for name, total in (("a", 3000), ("b", 2000))
    }
    report = estimate_strata({k: s.histories for k, s in scenarios.items()}, Method.LCMCR, rng, QUICK)
    total = report.total
    assert total.lower is not None and total.upper is not None and total.estimate is not None
    assert total.lower <= 5000 <= total.upper
    parts = [s.estimate for s in report.strata if s.estimate is not None]
    assert abs(total.estimate - sum(parts)) < 0.05 * total.estimate


def test_refused_strata_leave_the_total_unknown() -> None:
    rng = np.random.default_rng(3)
    good = independent_scenario(rng, 2000, [0.3, 0.4, 0.3]).histories
    two_lists = independent_scenario(rng, 2000, [0.3, 0.4, 0.0]).histories
    report = estimate_strata({"good": good, "poor": two_lists}, Method.LOGLINEAR, rng)
    poor = report.strata[1]
    assert poor.estimate is None and poor.refused is not None and "at least 3" in poor.refused
    assert report.total.estimate is None and report.total.refused is not None and "poor" in report.total.refused


def test_rhat_and_geweke_see_chains_that_disagree_or_drift() -> None:
    rng = np.random.default_rng(2)
    agreeing = rng.normal(size=(4, 1000))
    assert split_rhat(agreeing) < 1.01
    assert split_rhat(agreeing + np.array([[0.0], [0.0], [0.0], [3.0]])) > 1.1
    drifting = np.linspace(0.0, 10.0, 1000)[None, :] + rng.normal(size=(1, 1000))
    assert abs(geweke(drifting)[0]) > 3.0
    assert diagnose(drifting).warnings


def test_effective_sample_size_of_independent_and_correlated_draws() -> None:
    rng = np.random.default_rng(4)
    independent = rng.normal(size=(4, 1000))
    assert 3000 < effective_sample_size(independent) < 5000
    correlated = np.empty((4, 1000))
    correlated[:, 0] = rng.normal(size=4)
    for t in range(1, 1000):  # AR(1) with rho 0.9: about (1 - 0.9) / (1 + 0.9) of the draws are effective
        correlated[:, t] = 0.9 * correlated[:, t - 1] + rng.normal(size=4)
    assert 100 < effective_sample_size(correlated) < 400


def test_geweke_flags_a_stationary_slowly_mixing_chain_less_often_than_batch_means_did() -> None:
    # AR(1) chains with phi = 0.98 are stationary from the start, so any |z| > 3 is a false alarm; batch means of
    # ten draws raised one on 30% of such chains. The effective-size variance still misses some correlation on
    # a hundred draws: a rate under 23% is what it is held to.
    rng = np.random.default_rng(11)
    chains = np.empty((200, 1_000))
    chains[:, 0] = rng.normal(size=200) / np.sqrt(1 - 0.98**2)
    for i in range(1, chains.shape[1]):
        chains[:, i] = 0.98 * chains[:, i - 1] + rng.normal(size=200)
    flagged = np.mean([abs(z) > 3.0 for z in geweke(chains)])
    assert flagged < 0.23
