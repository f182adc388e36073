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

import numpy as np
import numpy.typing as npt

from imena.estimate.diagnostics import Diagnostics, diagnose
from imena.estimate.histories import CaptureHistories

ALPHA_SHAPE = 0.25
ALPHA_RATE = 0.25
Progress = Callable[[int], None]  # told how many iterations were run since it was last told


@dataclass(frozen=True)
class SamplerSettings:
    """How long the chains run: enough, by the bench, for stable 95% intervals within a few seconds."""

    classes: int = 10
    chains: int = 4
    burn_in: int = 2_000
    draws: int = 1_000  # kept per chain
    thinning: int = 10

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
    patterns = histories.patterns.astype(float)  # (m, J)
    counts = histories.counts
    observed = histories.observed
    classes, n_lists = settings.classes, patterns.shape[1]
    capture = rng.beta(1.0, 1.0, size=(classes, n_lists))
    alpha = 1.0
    sticks = rng.beta(1.0, alpha, size=classes)
    sticks[-1] = 1.0
    weights = _weights(sticks)
    kept = np.empty(settings.draws, dtype=np.int64)
    total = settings.burn_in + settings.draws * settings.thinning
    report_every = max(1, total // 100)
    for iteration in range(total):
        log_capture, log_miss = np.log(capture), np.log1p(-capture)
        # classes of the people seen: per pattern, a multinomial split of its count over the classes
        log_joint = patterns @ log_capture.T + (1.0 - patterns) @ log_miss.T + np.log(weights)
        log_joint -= log_joint.max(axis=1, keepdims=True)
        posterior = np.exp(log_joint)
        posterior /= posterior.sum(axis=1, keepdims=True)
        seen_in_class = rng.multinomial(counts, posterior)  # (m, K)
        # the people no list recorded: how many, then their classes
        missed_by_class = weights * np.exp(log_miss.sum(axis=1))
        p_missed = float(missed_by_class.sum())
        unseen = int(rng.negative_binomial(observed, 1.0 - p_missed)) if p_missed < 1.0 else 0
        unseen_in_class = rng.multinomial(unseen, missed_by_class / p_missed)
        # each class's capture chances, from the people (seen and unseen) in it
        size = seen_in_class.sum(axis=0) + unseen_in_class
        named = seen_in_class.T @ patterns  # (K, J)
        capture = rng.beta(1.0 + named, 1.0 + size[:, None] - named)
        capture = np.clip(capture, 1e-12, 1.0 - 1e-12)
        # the stick-breaking weights and the concentration alpha
        beyond = np.cumsum(size[::-1])[::-1] - size  # people in later classes
        sticks = rng.beta(1.0 + size, alpha + beyond)
        sticks[-1] = 1.0
        sticks[:-1] = np.minimum(sticks[:-1], 1.0 - 1e-12)
        weights = _weights(sticks)
        rate = ALPHA_RATE - float(np.log1p(-sticks[:-1]).sum())
        alpha = float(rng.gamma(ALPHA_SHAPE + classes - 1, 1.0 / rate))
        past_burn_in = iteration - settings.burn_in
        if past_burn_in >= 0 and past_burn_in % settings.thinning == settings.thinning - 1:
            kept[past_burn_in // settings.thinning] = observed + unseen
        if progress is not None and (iteration + 1) % report_every == 0:
            progress(report_every)
    if progress is not None:
        progress(total % report_every)
    return kept


def _weights(sticks: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    remaining = np.concatenate(([1.0], np.cumprod(1.0 - sticks[:-1])))
    weights = sticks * remaining
    return np.maximum(weights, 1e-300)
