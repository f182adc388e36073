"""Why two entries are, or are not, one person: the match weight of each comparison for the pair.

The weights are Splink's (its waterfall chart's records): the prior, then each comparison's level and its
log2 Bayes factor, with a term-frequency adjustment where a name is common or rare. They add up to the
pair's match weight, and the match probability is 2^w / (1 + 2^w).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from splink.internals.waterfall_chart import records_to_waterfall_data

from imena.link.clusters import Pair, pair_of
from imena.link.engine import Model, linker_for


@dataclass(frozen=True)
class Factor:
    """One comparison's part in a pair's match weight: which level the pair fell in, and its weight."""

    comparison: str
    level: str
    weight: float
    left: str
    right: str


@dataclass(frozen=True)
class Explanation:
    pair: Pair
    match_weight: float
    match_probability: float
    factors: list[Factor]  # the prior first; their weights add up to match_weight

    def as_dict(self) -> dict[str, Any]:
        """The explanation as JSON-ready data, for `imena explain A B` and the review queue."""
        return {
            "pair": list(self.pair),
            "match_weight": self.match_weight,
            "match_probability": self.match_probability,
            "factors": [asdict(factor) for factor in self.factors],
        }


def explain(pair: tuple[str, str], entries: pa.Table, model: Model, engine: Any) -> Explanation:
    """The explanation of a pair of entries of the linkage table `entries` (the whole table, or a large
    part of it: common and rare names are told apart by their frequency in it)."""
    a, b = pair_of(*pair)
    linker = linker_for(entries, model, engine, detailed=True)
    rows = {
        row["unique_id"]: row for row in entries.filter(pc.is_in(entries["unique_id"], pa.array([a, b]))).to_pylist()
    }
    missing = {a, b} - rows.keys()
    if missing:
        raise KeyError(f"no such entry in the linkage table: {', '.join(sorted(missing))}")
    scored = linker.inference.score_pair(rows[a], rows[b]).as_record_list()[0]
    factors = []
    waterfall = records_to_waterfall_data([scored], linker._settings_obj, False)  # type: ignore[no-untyped-call]
    for record in waterfall:
        if record["column_name"] == "Final score":
            continue
        if record["term_frequency_adjustment"] and not record["log2_bayes_factor"]:
            continue  # a name without term-frequency adjustment at this level
        factors.append(
            Factor(
                comparison=str(record["column_name"]).lower(),
                level=str(record["label_for_charts"]),
                weight=float(record["log2_bayes_factor"]),
                left=str(record["value_l"]),
                right=str(record["value_r"]),
            )
        )
    return Explanation((a, b), float(scored["match_weight"]), float(scored["match_probability"]), factors)
