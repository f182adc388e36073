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
observed count and is skewed upwards as such intervals should be. A stratum's interval averages the models' tails
rather than their variances (the model-averaged tail area interval of Turek and Fletcher, Computational
Statistics and Data Analysis 56, 2012); the Buckland variance is kept for totals over strata.

Pairwise terms cannot represent people unequally visible to all lists alike (heterogeneity), which leaves the
averaged estimate biased and its interval too narrow (60% coverage on the bench). So every model also comes in
a second form with one more term, `h * C(s, 3)` where s is the number of lists naming the person: a common
three-list interaction, the next term of the Rasch-type heterogeneity models of Darroch, Fienberg, Glonek and
Junker (JASA 88, 1993), whose quadratic term is already a common pairwise interaction. A model with as many
terms as observable patterns is left out (the unseen count would then be unidentified).

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
from scipy import optimize, stats

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
    heterogeneity: bool = False

    def name(self, lists: Sequence[str]) -> str:
        terms = [f"{lists[a]}×{lists[b]}" for a, b in self.interactions]
        terms += ["heterogeneity (common three-list term)"] if self.heterogeneity else []
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
        """The model-averaged tail-area interval (Turek and Fletcher 2012) over the models' log-normal intervals."""
        return averaged_tail_interval(self.observed, self.models, self.weights, level)

    def best(self) -> LogLinearModel:
        return self.models[int(np.argmax(self.weights))]


def lognormal_interval(observed: int, unseen: float, variance: float, level: float = 0.95) -> tuple[float, float]:
    """Chao's (1987) interval: the unseen count log-normal with the given mean and variance."""
    if unseen <= 0.0:
        return float(observed), float(observed)
    z = float(stats.norm.ppf(0.5 + level / 2.0))
    spread = np.exp(z * np.sqrt(np.log1p(variance / unseen**2)))
    return observed + unseen / spread, observed + unseen * spread


def averaged_tail_interval(
    observed: int, models: Sequence[LogLinearModel], weights: Sequence[float], level: float = 0.95
) -> tuple[float, float]:
    """Ends at which the models' log-normal distributions of the unseen count, weighted, leave (1 - level) / 2 in
    each tail: a model far from the others widens the interval on its side only, as it should."""
    unseen = np.array([m.unseen for m in models])
    if unseen.max() <= 0.0:
        return float(observed), float(observed)
    positive = unseen > 0.0
    centre = np.log(np.where(positive, unseen, 1.0))
    spread = np.sqrt(np.log1p(np.array([m.variance for m in models]) / np.where(positive, unseen, 1.0) ** 2))
    mass = np.asarray(weights, dtype=float)

    def below(x: float, tail: float) -> float:
        inside = stats.norm.cdf((np.log(x) - centre[positive]) / spread[positive])
        return float(mass[positive] @ inside + mass[~positive].sum()) - tail

    top = float(unseen.max()) * 1e3 + 1.0
    ends = [optimize.brentq(below, 1e-9, top, args=(tail,)) for tail in ((1 - level) / 2, (1 + level) / 2)]
    return observed + ends[0], observed + ends[1]


def cells(histories: CaptureHistories) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Every observable pattern (those with no people too) and its count."""
    n_lists = len(histories.lists)
    patterns = np.array(list(itertools.product((0, 1), repeat=n_lists))[1:], dtype=float)
    lookup = {tuple(int(v) for v in p): int(c) for p, c in zip(histories.patterns, histories.counts, strict=True)}
    counts = np.array([lookup.get(tuple(int(v) for v in p), 0) for p in patterns], dtype=float)
    return patterns, counts


def fit_model(
    patterns: npt.NDArray[np.float64],
    counts: npt.NDArray[np.float64],
    interactions: tuple[Pair, ...],
    heterogeneity: bool = False,
) -> LogLinearModel | None:
    """Fit one model by Poisson regression; None if it diverges, or if the heterogeneity term leaves it as many
    terms as patterns (pairwise models may be saturated: two lists under independence are Lincoln-Petersen)."""
    columns = [np.ones(len(patterns)), *patterns.T, *(patterns[:, a] * patterns[:, b] for a, b in interactions)]
    if heterogeneity:
        lists = patterns.sum(axis=1)
        columns.append(lists * (lists - 1) * (lists - 2) / 6.0)
    design = np.column_stack(columns)
    if heterogeneity and design.shape[1] >= len(patterns):
        return None
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
    return LogLinearModel(interactions, unseen, variance, float(result.aic), heterogeneity)


def fit_loglinear(histories: CaptureHistories) -> LogLinearFit:
    """Average the log-linear models of one stratum's table by their Akaike weights."""
    patterns, counts = cells(histories)
    n_lists = len(histories.lists)
    candidates = _all_models(n_lists) if n_lists <= EXHAUSTIVE_UP_TO else _forward_search(patterns, counts, n_lists)
    fitted, diverged = [], 0
    for interactions, heterogeneity in itertools.product(candidates, (False, True)):
        if heterogeneity and n_lists + len(interactions) + 2 >= len(patterns):
            continue  # as many terms as patterns: not a model of the unseen
        model = fit_model(patterns, counts, interactions, heterogeneity)
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
    """Every subset of the pairs (each then fitted with and without the heterogeneity term)."""
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
