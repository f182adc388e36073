"""How well a clustering of entries into persons agrees with the truth: pairwise precision and recall (of
the pairs put together), and B-cubed precision, recall and F1 (per entry, so a big wrong cluster is not
drowned by many right singletons, nor weighted by its square)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Scores:
    pairwise_precision: float
    pairwise_recall: float
    bcubed_precision: float
    bcubed_recall: float

    @property
    def pairwise_f1(self) -> float:
        return _f1(self.pairwise_precision, self.pairwise_recall)

    @property
    def bcubed_f1(self) -> float:
        return _f1(self.bcubed_precision, self.bcubed_recall)

    def as_dict(self) -> dict[str, float]:
        return {
            "pairwise_precision": self.pairwise_precision,
            "pairwise_recall": self.pairwise_recall,
            "pairwise_f1": self.pairwise_f1,
            "bcubed_precision": self.bcubed_precision,
            "bcubed_recall": self.bcubed_recall,
            "bcubed_f1": self.bcubed_f1,
        }


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _pairs(sizes: Counter[Any]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def score(found: Mapping[str, Hashable], truth: Mapping[str, Hashable]) -> Scores:
    """Scores of `found` (entry → person) against `truth` (entry → true person), over the entries of truth."""
    entries = list(truth)
    both = Counter((found[e], truth[e]) for e in entries)
    found_sizes = Counter(found[e] for e in entries)
    true_sizes = Counter(truth[e] for e in entries)
    together = _pairs(both)
    found_pairs, true_pairs = _pairs(found_sizes), _pairs(true_sizes)
    precision_sum = recall_sum = 0.0
    for (cluster, person), n in both.items():
        precision_sum += n * n / found_sizes[cluster]
        recall_sum += n * n / true_sizes[person]
    return Scores(
        pairwise_precision=together / found_pairs if found_pairs else 1.0,
        pairwise_recall=together / true_pairs if true_pairs else 1.0,
        bcubed_precision=precision_sum / len(entries) if entries else 1.0,
        bcubed_recall=recall_sum / len(entries) if entries else 1.0,
    )


def pairs_recall(pairs: list[tuple[str, str]], truth: Mapping[str, Hashable]) -> float:
    """The share of true pairs among `pairs` (say, those blocking lets through): the ceiling of recall."""
    members: defaultdict[Hashable, int] = defaultdict(int)
    for person in truth.values():
        members[person] += 1
    true_pairs = sum(n * (n - 1) // 2 for n in members.values())
    hits = len({tuple(sorted(p)) for p in pairs if p[0] in truth and p[1] in truth and truth[p[0]] == truth[p[1]]})
    return hits / true_pairs if true_pairs else 1.0
