"""Multiple systems estimation: how many people no list names, per stratum, by log-linear or latent-class models."""

from imena.estimate.histories import (
    CaptureHistories,
    CaptureHistoriesError,
    StratumRefused,
    check_estimable,
    from_patterns,
    read_counts,
)
from imena.estimate.lcmcr import SamplerSettings
from imena.estimate.report import EstimateReport, Method, StratumEstimate
from imena.estimate.strata import estimate_strata

__all__ = [
    "CaptureHistories",
    "CaptureHistoriesError",
    "EstimateReport",
    "Method",
    "SamplerSettings",
    "StratumEstimate",
    "StratumRefused",
    "check_estimable",
    "estimate_strata",
    "from_patterns",
    "read_counts",
]
