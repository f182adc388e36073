"""Whether a sampler's chains can be trusted: split R-hat, effective sample size and Geweke's test.

Split R-hat compares the spread between half-chains with the spread within them (Gelman et al., Bayesian Data
Analysis, 3rd ed., 2013, section 11.4); values above 1.05 mean the chains have not met. The effective sample
size uses the chains' autocorrelations summed over Geyer's initial positive sequence (Geyer, "Practical Markov
chain Monte Carlo", Statistical Science 7(4), 1992), combined across chains as in BDA3 section 11.5. Geweke's z
compares the mean of each chain's first tenth with that of its last half (Geweke 1992); each part's variance of
the mean is its variance over its own effective sample size, which batch means of a few draws underestimate
when the draws are correlated over more than a batch (false alarms).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

RHAT_LIMIT = 1.05
ESS_LIMIT = 400.0
GEWEKE_LIMIT = 3.0  # |z| above this in any chain; with a few chains a 2 is crossed by chance too often

Chains = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Diagnostics:
    """The convergence figures of one parameter's chains, and what in them looks bad, in words."""

    rhat: float
    ess: float
    geweke: tuple[float, ...]
    draws: int

    @property
    def warnings(self) -> list[str]:
        found = []
        if not np.isfinite(self.rhat) or self.rhat > RHAT_LIMIT:
            found.append(
                f"the chains disagree (split R-hat {self.rhat:.3f} > {RHAT_LIMIT}): run longer or check the data"
            )
        if self.ess < ESS_LIMIT:
            found.append(
                f"few effectively independent draws ({self.ess:.0f} < {ESS_LIMIT:.0f}): the interval's ends are "
                "uncertain; run longer"
            )
        worst = max((abs(z) for z in self.geweke), default=0.0)
        if worst > GEWEKE_LIMIT:
            found.append(f"a chain still drifts (Geweke |z| = {worst:.1f} > {GEWEKE_LIMIT}): lengthen the burn-in")
        return found

    def as_dict(self) -> dict[str, object]:
        return {
            "rhat": round(self.rhat, 4),
            "ess": round(self.ess, 1),
            "geweke_z": [round(z, 2) for z in self.geweke],
            "draws": self.draws,
            "warnings": self.warnings,
        }


def diagnose(chains: Chains) -> Diagnostics:
    """All diagnostics of one parameter's draws, shaped (chains, draws)."""
    chains = np.atleast_2d(np.asarray(chains, dtype=float))
    return Diagnostics(split_rhat(chains), effective_sample_size(chains), geweke(chains), int(chains.size))


def split_rhat(chains: Chains) -> float:
    """Potential scale reduction over the chains cut in halves; 1 when they agree."""
    half = chains.shape[1] // 2
    if half < 2:
        return float("nan")
    halves = np.concatenate([chains[:, :half], chains[:, -half:]])
    within = halves.var(axis=1, ddof=1).mean()
    between = half * halves.mean(axis=1).var(ddof=1)
    if within == 0.0:
        return 1.0 if between == 0.0 else float("inf")
    pooled = (half - 1) / half * within + between / half
    return float(np.sqrt(pooled / within))


def effective_sample_size(chains: Chains) -> float:
    """How many independent draws the correlated ones are worth."""
    n_chains, length = chains.shape
    if length < 4:
        return float(chains.size)
    centred = chains - chains.mean(axis=1, keepdims=True)
    spectrum = np.fft.rfft(centred, n=2 * length, axis=1)
    autocovariance = np.fft.irfft(spectrum * np.conj(spectrum), axis=1)[:, :length] / length
    within = autocovariance[:, 0].mean() * length / (length - 1)
    between = length * chains.mean(axis=1).var(ddof=1) if n_chains > 1 else 0.0
    variance = (length - 1) / length * within + between / length
    if variance == 0.0:
        return float(chains.size)
    rho = 1.0 - (within - autocovariance.mean(axis=0)) / variance
    rho[0] = 1.0
    total = 0.0
    previous = np.inf
    for lag in range(0, length - 1, 2):
        pair = rho[lag] + rho[lag + 1]  # Geyer: sums of adjacent pairs stay positive and decreasing
        if pair <= 0.0:
            break
        pair = min(pair, previous)
        total += pair
        previous = pair
    tau = max(2.0 * total - 1.0, 1.0 / np.log10(max(chains.size, 10)))
    return float(chains.size / tau)


def geweke(chains: Chains, first: float = 0.1, last: float = 0.5) -> tuple[float, ...]:
    """Geweke's z per chain: the start's mean against the end's, in standard errors."""
    scores = []
    for chain in chains:
        start = chain[: max(2, int(first * len(chain)))]
        end = chain[int((1.0 - last) * len(chain)) :]
        error = np.sqrt(_variance_of_mean(start) + _variance_of_mean(end))
        scores.append(float((start.mean() - end.mean()) / error) if error > 0 else 0.0)
    return tuple(scores)


def _variance_of_mean(draws: npt.NDArray[np.float64]) -> float:
    """The variance of the mean of correlated draws: their variance over their effective number."""
    if len(draws) < 2:
        return 0.0
    return float(draws.var(ddof=1) / effective_sample_size(draws[np.newaxis, :]))
