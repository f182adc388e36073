"""The Bayesian latent-class estimator of population size with a Dirichlet process mixture (LCMCR).

The model is that of D. Manrique-Vallier, "Bayesian population size estimation using Dirichlet process
mixtures", Biometrics 72(4):1246-1254 (2016). People fall into latent classes; within a class the lists are
independent, each with its own chance `lambda[k, j]` of naming a person of class k. Mixing classes makes the
lists dependent and people unequally visible, which is what real lists are. The class weights follow a
stick-breaking Dirichlet process truncated at K* classes: `V_k ~ Beta(1, alpha)`, `pi_k = V_k prod_{l<k}(1 -
V_l)`, `V_K* = 1`, with `alpha ~ Gamma(0.25, 0.25)` (shape, rate) and `lambda[k, j] ~ Beta(1, 1)`. The prior on the
population size is `p(N) ∝ 1/N`.

The Gibbs sampler (Manrique-Vallier 2016, section 3) augments the data with the people no list recorded: given
the other parameters their number is negative binomial, `n0 ~ NegBin(n, 1 - p0)` with `p0 = sum_k pi_k prod_j
(1 - lambda[k, j])` the chance to be missed by all lists, and their classes are multinomial. Every other step is
conjugate. People seen with the same pattern are exchangeable, so the sampler works on counts per pattern and
class, not per person: an iteration costs the same for 500 or 500,000 records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numba
import numpy as np
import numpy.typing as npt

from imena.estimate.diagnostics import Diagnostics, diagnose
from imena.estimate.histories import CaptureHistories

ALPHA_SHAPE = 0.25
ALPHA_RATE = 0.25
Progress = Callable[[int], None]  # told how many iterations were run since it was last told


@dataclass(frozen=True)
class SamplerSettings:
    """How long the chains run: by the bench, N's draws are correlated over 150 to 1,300 iterations on most
    strata, so 200,000 kept iterations a chain give most strata 400 effective draws within the 30 s budget."""

    classes: int = 10
    chains: int = 4
    burn_in: int = 20_000
    draws: int = 1_000  # kept per chain
    thinning: int = 200

    @property
    def iterations(self) -> int:
        return self.chains * (self.burn_in + self.draws * self.thinning)


@dataclass(frozen=True)
class LatentClassFit:
    """Posterior draws of the population size, one row per chain, with their convergence diagnostics."""

    observed: int
    draws: npt.NDArray[np.int64]
    settings: SamplerSettings
    diagnostics: Diagnostics

    def interval(self, level: float = 0.95) -> tuple[float, float]:
        tail = (1.0 - level) / 2.0
        lower, upper = np.quantile(self.draws, [tail, 1.0 - tail])
        return float(lower), float(upper)

    @property
    def estimate(self) -> float:
        """The posterior median: robust to the long right tail of N's posterior."""
        return float(np.median(self.draws))


def fit_latent_classes(
    histories: CaptureHistories,
    rng: np.random.Generator,
    settings: SamplerSettings | None = None,
    progress: Progress | None = None,
) -> LatentClassFit:
    """Run the chains one after another and return the kept draws of N."""
    settings = settings or SamplerSettings()
    chains = np.empty((settings.chains, settings.draws), dtype=np.int64)
    for chain in range(settings.chains):
        chains[chain] = _run_chain(histories, rng, settings, progress)
    return LatentClassFit(histories.observed, chains, settings, diagnose(chains.astype(float)))


def _run_chain(
    histories: CaptureHistories, rng: np.random.Generator, settings: SamplerSettings, progress: Progress | None
) -> npt.NDArray[np.int64]:
    patterns = histories.patterns.astype(np.float64)
    counts = histories.counts.astype(np.int64)
    capture = rng.beta(1.0, 1.0, size=(settings.classes, patterns.shape[1]))
    sticks = rng.beta(1.0, 1.0, size=settings.classes)
    sticks[-1] = 1.0
    alpha = np.ones(1)
    kept = np.zeros(settings.draws, dtype=np.int64)
    total = settings.burn_in + settings.draws * settings.thinning
    step = max(1, total // 100)
    for start in range(0, total, step):
        stop = min(total, start + step)
        _sweeps(patterns, counts, capture, sticks, alpha, settings.burn_in, settings.thinning, start, stop, kept, rng)
        if progress is not None:
            progress(stop - start)
    return kept


def _sweeps_python(
    patterns: npt.NDArray[np.float64],
    counts: npt.NDArray[np.int64],
    capture: npt.NDArray[np.float64],
    sticks: npt.NDArray[np.float64],
    alpha: npt.NDArray[np.float64],
    burn_in: int,
    thinning: int,
    start: int,
    stop: int,
    kept: npt.NDArray[np.int64],
    rng: np.random.Generator,
) -> None:
    """Gibbs iterations start..stop-1 of one chain, updating its state arrays in place (compiled by numba)."""
    n_patterns, n_lists = patterns.shape
    classes = capture.shape[0]
    observed = counts.sum()
    weights = np.empty(classes)
    log_capture = np.empty((classes, n_lists))
    log_miss = np.empty((classes, n_lists))
    chances = np.empty(classes)
    missed = np.empty(classes)
    size = np.zeros(classes, dtype=np.int64)
    named = np.zeros((classes, n_lists), dtype=np.int64)
    for iteration in range(start, stop):
        remaining_stick = 1.0
        for k in range(classes):
            weights[k] = max(sticks[k] * remaining_stick, 1e-300)
            remaining_stick *= 1.0 - sticks[k]
            for j in range(n_lists):
                log_capture[k, j] = np.log(capture[k, j])
                log_miss[k, j] = np.log1p(-capture[k, j])
        size[:] = 0
        named[:, :] = 0
        # the classes of the people seen: each pattern's count split over the classes by their posterior chances
        for i in range(n_patterns):
            top = -np.inf
            for k in range(classes):
                value = np.log(weights[k])
                for j in range(n_lists):
                    value += log_capture[k, j] if patterns[i, j] > 0.5 else log_miss[k, j]
                chances[k] = value
                top = max(top, value)
            for k in range(classes):
                chances[k] = np.exp(chances[k] - top)
            chances /= chances.sum()
            left, rest = counts[i], 1.0
            for k in range(classes):
                if left == 0:
                    break
                share = 1.0 if k == classes - 1 else min(1.0, max(0.0, chances[k] / rest)) if rest > 0 else 1.0
                drawn = rng.binomial(left, share)
                size[k] += drawn
                for j in range(n_lists):
                    if patterns[i, j] > 0.5:
                        named[k, j] += drawn
                left -= drawn
                rest -= chances[k]
        # the people no list recorded: how many (negative binomial), then their classes
        for k in range(classes):
            missed[k] = weights[k] * np.exp(log_miss[k].sum())
        p_missed = min(missed.sum(), 1.0 - 1e-12)
        unseen = rng.negative_binomial(observed, 1.0 - p_missed)
        left, rest = unseen, 1.0
        for k in range(classes):
            if left == 0:
                break
            chance = missed[k] / p_missed
            share = 1.0 if k == classes - 1 else min(1.0, max(0.0, chance / rest)) if rest > 0 else 1.0
            drawn = rng.binomial(left, share)
            size[k] += drawn
            left -= drawn
            rest -= chance
        # each class's chances to be named by each list: Beta(1, 1) updated by the class's people
        for k in range(classes):
            for j in range(n_lists):
                value = rng.beta(1.0 + named[k, j], 1.0 + size[k] - named[k, j])
                capture[k, j] = min(max(value, 1e-12), 1.0 - 1e-12)
        # the stick-breaking weights, then the concentration alpha
        beyond = 0
        log_rest = 0.0
        for k in range(classes - 1, -1, -1):
            if k < classes - 1:
                sticks[k] = min(rng.beta(1.0 + size[k], alpha[0] + beyond), 1.0 - 1e-12)
                log_rest += np.log1p(-sticks[k])
            beyond += size[k]
        sticks[classes - 1] = 1.0
        alpha[0] = rng.gamma(ALPHA_SHAPE + classes - 1, 1.0 / (ALPHA_RATE - log_rest))
        after = iteration - burn_in
        if after >= 0 and after % thinning == thinning - 1:
            kept[after // thinning] = observed + unseen


_sweeps: Callable[..., None] = numba.njit(cache=True)(_sweeps_python)
