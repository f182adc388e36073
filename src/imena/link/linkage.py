"""Linkage from end to end: train (or reuse) a model, score pairs, apply decisions, cluster, keep ids, and
list the doubtful pairs for review. `link` links everything; `link_new` links a new source's entries
against all others with a saved model, without scoring again the pairs already scored.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from imena.link.clusters import Decision, Pair, Verdict, cluster, pair_of
from imena.link.engine import PAIR_COLUMNS, Model, duckdb_engine, predict, train


@dataclass(frozen=True)
class Thresholds:
    """Match probabilities: pairs at `match` or above are one person; pairs from `review` up to `match`
    go to the review list; pairs below `keep` are not kept at all."""

    match: float = 0.9
    review: float = 0.2
    keep: float = 0.01


@dataclass(frozen=True)
class Review:
    """A doubtful pair for a person to decide."""

    pair: Pair
    match_probability: float
    match_weight: float
    same_person: bool  # whether the clustering put them together (through other entries, perhaps)


@dataclass(frozen=True)
class Linkage:
    model: Model
    links: pa.Table  # unique_id_l, unique_id_r, match_weight, match_probability: every pair at or above `keep`
    persons: dict[str, str]  # entry key -> person id
    review: list[Review] = field(default_factory=list)
    conflicts: list[Pair] = field(default_factory=list)  # "different" decisions that "same" ones overrule


def _slim(links: pa.Table) -> pa.Table:
    return links.select(list(PAIR_COLUMNS))


def review_list(
    links: pa.Table, persons: Mapping[str, str], decisions: Iterable[Decision], thresholds: Thresholds
) -> list[Review]:
    """Pairs in the doubtful band that nobody has decided yet ("unsure" ones stay), most doubtful first."""
    decided = {d.pair for d in decisions if d.verdict != Verdict.UNSURE}
    probability = links.column("match_probability")
    band = links.filter(
        pc.and_(pc.greater_equal(probability, thresholds.review), pc.less(probability, thresholds.match))
    )
    found = []
    for row in band.to_pylist():
        pair = pair_of(row["unique_id_l"], row["unique_id_r"])
        if pair not in decided:
            same = persons.get(pair[0]) == persons.get(pair[1])
            found.append(Review(pair, row["match_probability"], row["match_weight"], same))
    return sorted(found, key=lambda r: (abs(r.match_probability - 0.5), r.pair))


def _finish(
    entries: pa.Table,
    model: Model,
    links: pa.Table,
    decisions: Iterable[Decision],
    previous: Mapping[str, str] | None,
    thresholds: Thresholds,
) -> Linkage:
    decisions = list(decisions)
    keys = entries.column("unique_id").to_pylist()
    clustering = cluster(keys, links, threshold=thresholds.match, decisions=decisions, previous=previous)
    review = review_list(links, clustering.persons, decisions, thresholds)
    return Linkage(model, links, clustering.persons, review, clustering.conflicts)


def link(
    entries: pa.Table,
    *,
    engine: Any = None,
    model: Model | None = None,
    decisions: Iterable[Decision] = (),
    previous: Mapping[str, str] | None = None,
    thresholds: Thresholds = Thresholds(),
    seed: int = 42,
) -> Linkage:
    """Persons of the linkage table `entries` (see `frame.linkage_table`); trains a model unless given one.
    `previous` (entry key → person id) are the persons of the last run, whose ids are kept."""
    engine = engine if engine is not None else duckdb_engine()
    model = model or train(entries, engine, seed=seed)
    links = _slim(predict(entries, model, engine, threshold=thresholds.keep))
    return _finish(entries, model, links, decisions, previous, thresholds)


def link_new(
    entries: pa.Table,
    new: Collection[str],
    links: pa.Table,
    model: Model,
    *,
    engine: Any = None,
    decisions: Iterable[Decision] = (),
    previous: Mapping[str, str] | None = None,
    thresholds: Thresholds = Thresholds(),
) -> Linkage:
    """Link the `new` entries of `entries` (all entries, stored and new) with the saved `model`: only pairs
    with a new entry are scored; they join the stored `links`, and the clustering runs again over all links.
    Clustering is linear in the links, and persons that no new pair touches come out as they were, ids and
    all; the costly step, scoring, is what is spared."""
    engine = engine if engine is not None else duckdb_engine()
    new = set(new)
    scored = _slim(predict(entries, model, engine, threshold=thresholds.keep, new=new))
    stale = pc.or_(
        pc.is_in(links["unique_id_l"], pa.array(list(new))), pc.is_in(links["unique_id_r"], pa.array(list(new)))
    )
    kept = links.filter(pc.invert(stale)) if len(new) else links  # a new entry's old pairs are scored again
    merged = pa.concat_tables([_slim(kept).cast(scored.schema), scored])
    return _finish(entries, model, merged, decisions, previous, thresholds)
