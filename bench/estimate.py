"""Multiple systems estimation on 50 synthetic scenarios of known size (targets for the latent-class method:
95% intervals cover the truth in at least 90% of scenarios, median relative error at most 10%), and the time to
estimate a four-list stratum of 5,000 records (target: at most 30 seconds). Every population here is synthetic.

Usage: .venv/bin/python bench/estimate.py [SCENARIOS [METHOD ...]]   (default 50, both methods)
"""

from __future__ import annotations

import sys
import time

import numpy as np

from imena.estimate import Method, estimate_strata
from imena.estimate.scenarios import benchmark_scenarios, heterogeneous_scenario


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    methods = [Method(name) for name in sys.argv[2:]] or list(Method)
    rng = np.random.default_rng(2024)
    covered: dict[Method, list[bool]] = {m: [] for m in methods}
    errors: dict[Method, list[float]] = {m: [] for m in methods}
    seconds: dict[Method, float] = dict.fromkeys(methods, 0.0)
    warned = 0
    kinds = {"split R-hat": 0, "effective draws": 0, "Geweke": 0}
    for scenario in benchmark_scenarios(seed=1, count=count):
        line = [f"{scenario.name} lists {len(scenario.histories.lists)} true {scenario.total:>6}"]
        for method in methods:
            start = time.perf_counter()
            [estimate] = estimate_strata({scenario.name: scenario.histories}, method, rng).strata
            seconds[method] += time.perf_counter() - start
            assert estimate.estimate is not None and estimate.lower is not None and estimate.upper is not None
            covered[method].append(estimate.lower <= scenario.total <= estimate.upper)
            errors[method].append(abs(estimate.estimate - scenario.total) / scenario.total)
            warned += method is Method.LCMCR and bool(estimate.warnings)
            for kind, words in zip(kinds, ("R-hat", "independent draws", "Geweke"), strict=True):
                kinds[kind] += method is Method.LCMCR and any(words in warning for warning in estimate.warnings)
            line.append(f"{method.value} {estimate.estimate:>7.0f} [{estimate.lower:>6.0f}, {estimate.upper:>6.0f}]")
        print(" | ".join(line), flush=True)
    print(f"\n{count} synthetic scenarios (3-5 lists, 2-3 groups of unequal visibility, most with one list copying)")
    print(f"{'method':<10} {'coverage':>9} {'median rel. error':>18} {'mean seconds':>13}")
    for method in methods:
        print(
            f"{method.value:<10} {np.mean(covered[method]):>9.0%} {np.median(errors[method]):>18.1%} "
            f"{seconds[method] / count:>13.1f}"
        )
    if Method.LCMCR in methods:
        print(f"latent-class estimates with a convergence warning: {warned} of {count}", kinds)
    timed = heterogeneous_scenario(np.random.default_rng(5), 8_230, n_lists=4, n_groups=2)
    print(f"\nfour-list stratum of {timed.histories.observed:,} records (true size {timed.total:,}):")
    for method in methods:
        start = time.perf_counter()
        [estimate] = estimate_strata({"timed": timed.histories}, method, rng).strata
        print(f"  {method.value:<10} {estimate.estimate:>7.0f} in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
