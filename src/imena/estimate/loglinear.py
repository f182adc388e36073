"""Log-linear models of the capture-history table (Fienberg 1972), averaged over their two-way interactions.

The counts of the 2^J - 1 observable patterns are Poisson with `log mu(x) = b0 + sum_j b_j x_j + sum_{a<b}
g_ab x_a x_b`; the people no list recorded are the pattern x = 0, so their expected number is `exp(b0)`. An
interaction `g_ab` lets lists a and b be dependent (one copies the other, or both favour the same people);
every three-way and higher interaction is assumed absent, which is the untestable assumption of the method.

Which interactions are present is not known, and different choices give different totals. Rather than pick one
model and hide that uncertainty, we average every model (all subsets of the two-way terms; a forward search
from independence when there are more than five lists) with Akaike weights, and take the unconditional variance
of Buckland, Burnham and Augustin, "Model selection: an integral part of inference", Biometrics 53 (1997):
`var = (sum_i w_i sqrt(var_i + (m_i - m)^2))^2`. AIC rather than BIC because it is the weight Buckland et al.
derive the variance for, and because BIC, with thousands of records, drops weak dependences that still bias
the total. Each model's variance of the unseen count is `mu0^2 var(b0) + mu0`: the delta method for the
intercept plus the Poisson scatter of the unseen count around its mean. The interval is Chao's log-normal one
(Chao, Biometrics 43, 1987): the unseen count is taken as log-normal, so the interval never falls below the
observed count and is skewed upwards as such intervals should be.

A model diverges when a pattern it needs has no people (its interaction then runs to infinity and the total
with it); such models are left out, and if all are, the stratum is refused.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import statsmodels.api as sm
from scipy import stats

from imena.estimate.histories import CaptureHistories

EXHAUSTIVE_UP_TO = 5  # lists; 2^10 = 1,024 models for five, too many beyond
DIVERGED_COEFFICIENT = 12.0  # |g| this large is exp(12) ≈ 160,000-fold: a boundary solution, not an estimate
DIVERGED_MULTIPLE = 50.0  # an unseen count fifty times the seen is a model running away, not a finding

Pair = tuple[int, int]


class LogLinearDiverged(ValueError):
    """No log-linear model of the table has a finite, believable estimate."""


@dataclass(frozen=True)
class LogLinearModel:
    """One fitted model: its interactions, its expected unseen count, that count's variance, and its AIC."""

    interactions: tuple[Pair, ...]
    unseen: float
    variance: float
    aic: float

    def name(self, lists: Sequence[str]) -> str:
        terms = [f"{lists[a]}×{lists[b]}" for a, b in self.interactions]
        return "independence" if not terms else " + ".join(terms)


@dataclass(frozen=True)
class LogLinearFit:
    """The model-averaged estimate of one stratum and the models it was averaged over."""

    observed: int
    unseen: float
    variance: float
    models: tuple[LogLinearModel, ...]
    weights: tuple[float, ...]
    diverged: int  # models left out

    @property
    def estimate(self) -> float:
        return self.observed + self.unseen

    def interval(self, level: float = 0.95) -> tuple[float, float]:
        return lognormal_interval(self.observed, self.unseen, self.variance, level)

    def best(self) -> LogLinearModel:
        return self.models[int(np.argmax(self.weights))]


def lognormal_interval(observed: int, unseen: float, variance: float, level: float = 0.95) -> tuple[float, float]:
    """Chao's (1987) interval: the unseen count log-normal with the given mean and variance."""
    if unseen <= 0.0:
        return float(observed), float(observed)
    z = float(stats.norm.ppf(0.5 + level / 2.0))
    spread = np.exp(z * np.sqrt(np.log1p(variance / unseen**2)))
    return observed + unseen / spread, observed + unseen * spread


def cells(histories: CaptureHistories) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Every observable pattern (those with no people too) and its count."""
    n_lists = len(histories.lists)
    patterns = np.array(list(itertools.product((0, 1), repeat=n_lists))[1:], dtype=float)
    lookup = {tuple(int(v) for v in p): int(c) for p, c in zip(histories.patterns, histories.counts, strict=True)}
    counts = np.array([lookup.get(tuple(int(v) for v in p), 0) for p in patterns], dtype=float)
    return patterns, counts


def fit_model(
    patterns: npt.NDArray[np.float64], counts: npt.NDArray[np.float64], interactions: tuple[Pair, ...]
) -> LogLinearModel | None:
    """Fit one model by Poisson regression; None if it diverges."""
    columns = [np.ones(len(patterns)), *patterns.T, *(patterns[:, a] * patterns[:, b] for a, b in interactions)]
    design = np.column_stack(columns)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = sm.GLM(counts, design, family=sm.families.Poisson()).fit()
        except (ValueError, np.linalg.LinAlgError, OverflowError):
            return None
    params = np.asarray(result.params, dtype=float)
    covariance = np.asarray(result.cov_params(), dtype=float)
    if not result.converged or not np.all(np.isfinite(params)) or np.abs(params[1:]).max() > DIVERGED_COEFFICIENT:
        return None
    unseen = float(np.exp(params[0]))
    variance = unseen**2 * float(covariance[0, 0]) + unseen
    if not np.isfinite(variance) or unseen > DIVERGED_MULTIPLE * counts.sum():
        return None
    return LogLinearModel(interactions, unseen, variance, float(result.aic))


def fit_loglinear(histories: CaptureHistories) -> LogLinearFit:
    """Average the log-linear models of one stratum's table by their Akaike weights."""
    patterns, counts = cells(histories)
    n_lists = len(histories.lists)
    candidates = _all_models(n_lists) if n_lists <= EXHAUSTIVE_UP_TO else _forward_search(patterns, counts, n_lists)
    fitted, diverged = [], 0
    for interactions in candidates:
        model = fit_model(patterns, counts, interactions)
        if model is None:
            diverged += 1
        else:
            fitted.append(model)
    if not fitted:
        raise LogLinearDiverged(
            "every log-linear model diverges on this table (patterns that an interaction needs have no people); "
            "merge lists or strata, or use the latent-class method"
        )
    aic = np.array([m.aic for m in fitted])
    weights = np.exp(-(aic - aic.min()) / 2.0)
    weights /= weights.sum()
    means = np.array([m.unseen for m in fitted])
    unseen = float(weights @ means)
    spread = np.sqrt(np.array([m.variance for m in fitted]) + (means - unseen) ** 2)
    variance = float((weights @ spread) ** 2)
    return LogLinearFit(histories.observed, unseen, variance, tuple(fitted), tuple(weights.tolist()), diverged)


def _pairs(n_lists: int) -> list[Pair]:
    return list(itertools.combinations(range(n_lists), 2))


def _all_models(n_lists: int) -> Iterator[tuple[Pair, ...]]:
    pairs = _pairs(n_lists)
    for size in range(len(pairs) + 1):
        yield from itertools.combinations(pairs, size)


def _forward_search(
    patterns: npt.NDArray[np.float64], counts: npt.NDArray[np.float64], n_lists: int
) -> list[tuple[Pair, ...]]:
    """Models met on the way from independence, adding the interaction that lowers AIC most while any does."""
    chosen: tuple[Pair, ...] = ()
    current = fit_model(patterns, counts, chosen)
    visited = [chosen]
    while current is not None:
        trials = [
            (pair, fit_model(patterns, counts, (*chosen, pair))) for pair in _pairs(n_lists) if pair not in chosen
        ]
        visited.extend((*chosen, pair) for pair, _ in trials)
        better = [(m.aic, pair, m) for pair, m in trials if m is not None and m.aic < current.aic]
        if not better:
            break
        _, pair, current = min(better, key=lambda t: t[0])
        chosen = (*chosen, pair)
    return visited
