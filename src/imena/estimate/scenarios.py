"""Synthetic populations of known size seen by dependent, heterogeneous lists: the truth the estimators are tried on.

Everything here is invented. A population is split into groups that differ in how visible they are (people in
a remote district are missed by every list alike: heterogeneity), and one list may copy another (a memorial
book drawing on an archive's register: direct dependence). Both make naive two-list estimates too low.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from imena.estimate.histories import CaptureHistories, from_patterns


@dataclass(frozen=True)
class Scenario:
    """A synthetic stratum: its capture histories and the number of people it really holds."""

    name: str
    total: int
    histories: CaptureHistories
    description: str
    synthetic: bool = True


def list_names(n_lists: int) -> tuple[str, ...]:
    return tuple(f"list{j + 1}" for j in range(n_lists))


def simulate_population(
    rng: np.random.Generator,
    total: int,
    group_shares: Sequence[float],
    probabilities: npt.ArrayLike,
    copying: tuple[int, int, float] | None = None,
) -> CaptureHistories:
    """Capture histories of `total` people; `probabilities[h, j]` is list j's chance to name a person of group h.

    With `copying = (a, b, ratio)`, a person named by list a is `ratio` times as likely to be named by list b.
    """
    chances = np.atleast_2d(np.asarray(probabilities, dtype=float))
    groups = rng.choice(len(group_shares), size=total, p=np.asarray(group_shares) / np.sum(group_shares))
    person_chances = chances[groups].copy()
    seen = rng.random(person_chances.shape) < person_chances
    if copying is not None:
        a, b, ratio = copying
        boosted = np.clip(person_chances[:, b] * ratio, 0.0, 0.95)
        seen[:, b] = np.where(seen[:, a], rng.random(total) < boosted, seen[:, b])
    return from_patterns(list_names(chances.shape[1]), seen.astype(np.uint8))


def independent_scenario(rng: np.random.Generator, total: int, chances: Sequence[float]) -> Scenario:
    """Every person equally visible, lists independent: the case every method should get right."""
    histories = simulate_population(rng, total, [1.0], [list(chances)])
    return Scenario("independent", total, histories, f"{total} people, independent lists with chances {chances}")


def heterogeneous_scenario(
    rng: np.random.Generator, total: int, n_lists: int, n_groups: int = 2, copying: bool = True
) -> Scenario:
    """A random population of visible and hard-to-see groups, with one list possibly copying another."""
    shares = rng.dirichlet(np.full(n_groups, 2.0))
    visibility = np.sort(rng.uniform(0.08, 0.55, size=n_groups))
    spread = rng.lognormal(0.0, 0.35, size=(n_groups, n_lists))
    chances = np.clip(visibility[:, None] * spread, 0.03, 0.9)
    pair: tuple[int, int, float] | None = None
    if copying:
        a, b = rng.choice(n_lists, size=2, replace=False)
        pair = (int(a), int(b), float(rng.uniform(1.0, 1.8)))
    histories = simulate_population(rng, total, shares.tolist(), chances, pair)
    described = (
        f"{total} people in {n_groups} groups (shares {np.round(shares, 2).tolist()}), {n_lists} lists, "
        f"chances {np.round(chances, 2).tolist()}"
    )
    if pair is not None:
        described += f", list{pair[1] + 1} {pair[2]:.2f}× as likely to name whom list{pair[0] + 1} names"
    return Scenario("heterogeneous", total, histories, described)


def benchmark_scenarios(seed: int, count: int = 50) -> list[Scenario]:
    """The bench's scenarios: 3 to 5 lists, 2 or 3 groups, 2,000 to 20,000 people, most with one list copying."""
    rng = np.random.default_rng(seed)
    scenarios = []
    for n in range(count):
        total = int(rng.integers(2_000, 20_001))
        n_lists = int(rng.integers(3, 6))
        n_groups = int(rng.integers(2, 4))
        scenario = heterogeneous_scenario(rng, total, n_lists, n_groups, copying=rng.random() < 0.8)
        scenarios.append(Scenario(f"scenario-{n + 1:02d}", total, scenario.histories, scenario.description))
    return scenarios


def example_strata(seed: int = 1) -> dict[str, Scenario]:
    """The documentation's example: two invented regions, four lists, a few thousand people each."""
    rng = np.random.default_rng(seed)
    return {
        name: heterogeneous_scenario(rng, total, n_lists=4, n_groups=2)
        for name, total in (("synthetic-A", 4_000), ("synthetic-B", 2_500))
    }
