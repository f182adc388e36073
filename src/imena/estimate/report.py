"""The result of an estimate: per stratum and in total, with its interval, its method and that method's assumptions.

An estimate of the people no document names is only honest with its interval and the assumptions it rests on,
so the words explaining both travel with the figures, in the table and in the JSON alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

LEVEL = 0.95


class Method(StrEnum):
    LOGLINEAR = "loglinear"
    LCMCR = "lcmcr"


EXPLANATIONS: dict[Method, tuple[str, ...]] = {
    Method.LOGLINEAR: (
        "Multiple systems estimation with log-linear models: the counts of people seen by each combination of "
        "lists are fitted by Poisson regression with a term per list and terms for pairs of lists that depend on "
        "each other; the fitted count of the combination 'no list' is the estimate of the people no list names.",
        "Every model with any set of two-list dependences, each with and without a term for people unequally "
        "visible to all lists (a common three-list interaction, after Darroch et al. 1993), is fitted and the "
        "models are averaged with Akaike weights; the interval (95%) averages the models' log-normal tails "
        "(Chao 1987; Turek and Fletcher 2012), so it widens towards models that disagree.",
        "Assumptions: the population of the stratum is closed (the same people could be on every list); people are "
        "matched correctly across lists; lists depend on each other only in pairs and through the "
        "common heterogeneity term; heterogeneity of other shapes is only partly "
        "captured, which tends to make the estimate too low.",
    ),
    Method.LCMCR: (
        "Multiple systems estimation with the Bayesian latent-class model of Manrique-Vallier (2016): people "
        "fall into unobserved classes, within which the lists act independently, each with its own chance to "
        "name a person of that class; mixing the classes lets lists depend on each other and people differ in "
        "how visible they are. The number of classes is learnt through a Dirichlet process.",
        "The estimate is the posterior median of the stratum's size; the interval is its 2.5% to 97.5% posterior "
        "quantiles, from several Markov chains whose agreement (split R-hat), effective number of draws and drift "
        "(Geweke) are checked and reported.",
        "Assumptions: the population of the stratum is closed; people are matched correctly across lists; a "
        "finite mixture of classes with independent lists describes how the lists overlap, including for the "
        "people none of them names (the model cannot see a group that every list misses entirely).",
    ),
}


@dataclass(frozen=True)
class StratumEstimate:
    """One stratum's estimate; `refused` says why there is none."""

    stratum: str
    method: Method
    observed: int
    lists: tuple[str, ...] = ()
    estimate: float | None = None
    lower: float | None = None
    upper: float | None = None
    warnings: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)
    refused: str | None = None
    # the refusal as data, for an interface in another language: a code ("too_few_lists", "too_few_records",
    # "diverged", "strata_refused") and its values
    refusal: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "stratum": self.stratum,
            "observed": self.observed,
            "estimate": _people(self.estimate),
            "lower": _people(self.lower),
            "upper": _people(self.upper),
            "method": self.method.value,
            "lists": list(self.lists),
            "warnings": list(self.warnings),
        }
        if self.refused is not None:
            document["refused"] = self.refused
            document["refusal"] = self.refusal or {"code": "other"}
        document.update(self.details)
        return document


@dataclass(frozen=True)
class EstimateReport:
    """Every stratum's estimate and their total, at a 95% level, with the method's explanation."""

    method: Method
    strata: tuple[StratumEstimate, ...]
    total: StratumEstimate
    total_rule: str
    level: float = LEVEL

    @property
    def explanation(self) -> tuple[str, ...]:
        return (*EXPLANATIONS[self.method], self.total_rule)

    def as_dict(self) -> dict[str, Any]:
        return {
            "method": self.method.value,
            "level": self.level,
            "strata": [s.as_dict() for s in self.strata],
            "total": self.total.as_dict(),
            "explanation": list(self.explanation),
        }


def _people(value: float | None) -> int | None:
    return None if value is None else round(value)
