"""Estimating each stratum (region, period) separately and combining them into a total.

The entry point for the CLI's `--counts` and for the registry, which builds capture histories per stratum from
linked persons. A stratum that cannot be estimated is reported as refused, with the reason, and the total then
stays unknown rather than silently leaving that stratum out.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from imena.estimate.histories import MIN_RECORDS, CaptureHistories, StratumRefused, check_estimable
from imena.estimate.lcmcr import LatentClassFit, Progress, SamplerSettings, fit_latent_classes
from imena.estimate.loglinear import LogLinearDiverged, LogLinearFit, fit_loglinear, lognormal_interval
from imena.estimate.report import LEVEL, EstimateReport, Method, StratumEstimate

TOTAL = "total"
TOTAL_RULES = {
    Method.LOGLINEAR: "The total adds the strata's estimates; as strata are estimated independently their "
    "variances add, and its interval is log-normal in the total unseen count.",
    Method.LCMCR: "The total's estimate and interval come from the sums of the strata's posterior draws, "
    "draw by draw, as the strata are estimated independently.",
}


def estimate_strata(
    histories: Mapping[str, CaptureHistories],
    method: Method,
    rng: np.random.Generator,
    settings: SamplerSettings | None = None,
    progress: Progress | None = None,
    min_records: int = MIN_RECORDS,
) -> EstimateReport:
    """Estimate every stratum with one method and combine them; refused strata are reported, never dropped."""
    settings = settings or SamplerSettings()
    estimates: list[StratumEstimate] = []
    fits: list[LogLinearFit | LatentClassFit] = []
    for stratum, table in histories.items():
        try:
            usable = check_estimable(stratum, table, min_records=min_records)
            fit = (
                fit_loglinear(usable)
                if method is Method.LOGLINEAR
                else fit_latent_classes(usable, rng, settings, progress)
            )
        except (StratumRefused, LogLinearDiverged) as error:
            if isinstance(error, StratumRefused):
                reason, refusal = error.reason, {"code": error.code, **error.values}
            else:
                reason, refusal = str(error), {"code": "diverged"}
            estimates.append(
                StratumEstimate(stratum, method, table.observed, table.lists, refused=reason, refusal=refusal)
            )
            if progress is not None and method is Method.LCMCR:
                progress(settings.iterations)
            continue
        fits.append(fit)
        estimates.append(_stratum(stratum, usable.lists, fit, method))
    observed = sum(table.observed for table in histories.values())
    refused = [e.stratum for e in estimates if e.refused is not None]
    if refused or not fits:
        total = StratumEstimate(
            TOTAL, method, observed, refused=f"not estimated: {', '.join(refused)} refused",
            refusal={"code": "strata_refused", "strata": refused},
        )  # fmt: skip
    else:
        total = _total(fits, observed, method)
    return EstimateReport(method, tuple(estimates), total, TOTAL_RULES[method])


def _stratum(
    stratum: str, lists: tuple[str, ...], fit: LogLinearFit | LatentClassFit, method: Method
) -> StratumEstimate:
    lower, upper = fit.interval(LEVEL)
    if isinstance(fit, LogLinearFit):
        ranked = sorted(zip(fit.weights, fit.models, strict=True), key=lambda pair: -pair[0])[:5]
        details = {
            "models": [
                {
                    "interactions": model.name(lists),
                    "weight": round(weight, 4),
                    "estimate": round(fit.observed + model.unseen),
                }
                for weight, model in ranked
            ],
            "models_diverged": fit.diverged,
        }
        warnings = _loglinear_warnings(fit, lists)
    else:
        details = {"diagnostics": fit.diagnostics.as_dict()}
        warnings = tuple(fit.diagnostics.warnings)
    return StratumEstimate(stratum, method, fit.observed, lists, fit.estimate, lower, upper, warnings, details)


def _loglinear_warnings(fit: LogLinearFit, lists: tuple[str, ...]) -> tuple[str, ...]:
    found = []
    if fit.diverged:
        found.append(f"{fit.diverged} of {fit.diverged + len(fit.models)} models diverged and were left out")
    if max(fit.weights) < 0.5:
        found.append("no model dominates: the interval's width comes largely from disagreement between models")
    if fit.unseen > 2 * fit.observed:
        found.append("most of the estimate is people no list names: it rests heavily on the model's assumptions")
    return tuple(found)


def _total(fits: list[LogLinearFit | LatentClassFit], observed: int, method: Method) -> StratumEstimate:
    if method is Method.LOGLINEAR:
        loglinear = [f for f in fits if isinstance(f, LogLinearFit)]
        unseen = sum(f.unseen for f in loglinear)
        variance = sum(f.variance for f in loglinear)
        lower, upper = lognormal_interval(observed, unseen, variance, LEVEL)
        return StratumEstimate(TOTAL, method, observed, (), observed + unseen, lower, upper)
    chains = [f.draws for f in fits if isinstance(f, LatentClassFit)]
    draws = np.sum(chains, axis=0)
    tail = (1.0 - LEVEL) / 2.0
    lower, upper = np.quantile(draws, [tail, 1.0 - tail])
    return StratumEstimate(TOTAL, method, observed, (), float(np.median(draws)), float(lower), float(upper))
