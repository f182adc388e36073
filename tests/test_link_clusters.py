"""Clustering with decisions, stable person ids, and the scores of a clustering against the truth."""

from __future__ import annotations

import pyarrow as pa
import pytest

from imena.link.clusters import Decision, Verdict, cluster, new_person_id, pair_of, stable_ids
from imena.link.evaluate import pairs_recall, score
from imena.link.linkage import Thresholds, review_list


def links(*rows: tuple[str, str, float]) -> pa.Table:
    return pa.table(
        {
            "unique_id_l": [a for a, _, _ in rows],
            "unique_id_r": [b for _, b, _ in rows],
            "match_weight": [0.0] * len(rows),
            "match_probability": [p for _, _, p in rows],
        }
    )


CHAIN = links(("a", "b", 0.99), ("b", "c", 0.95), ("c", "d", 0.999), ("a", "e", 0.3))
ENTRIES = ["a", "b", "c", "d", "e"]


def groups(persons: dict[str, str]) -> set[frozenset[str]]:
    found: dict[str, set[str]] = {}
    for entry, person in persons.items():
        found.setdefault(person, set()).add(entry)
    return {frozenset(members) for members in found.values()}


def test_components_at_the_threshold() -> None:
    assert groups(cluster(ENTRIES, CHAIN, threshold=0.9).persons) == {frozenset("abcd"), frozenset("e")}
    assert groups(cluster(ENTRIES, CHAIN, threshold=0.97).persons) == {frozenset("ab"), frozenset("cd"), frozenset("e")}


def test_different_splits_at_the_weakest_link_of_the_strongest_path() -> None:
    decisions = [Decision.of("d", "a", Verdict.DIFFERENT)]
    found = cluster(ENTRIES, CHAIN, threshold=0.9, decisions=decisions)
    assert groups(found.persons) == {frozenset("ab"), frozenset("cd"), frozenset("e")}  # b-c, 0.95, is cut
    assert found.conflicts == []


def test_different_on_a_direct_link_removes_it_and_transitivity_cannot_rejoin() -> None:
    triangle = links(("a", "b", 0.99), ("b", "c", 0.98), ("a", "c", 0.97))
    found = cluster(["a", "b", "c"], triangle, threshold=0.9, decisions=[Decision.of("a", "c", "different")])
    assert found.persons["a"] != found.persons["c"]
    assert found.persons["b"] == found.persons["a"]  # a-b is stronger than b-c


def test_same_joins_what_the_model_keeps_apart_and_wins_over_the_model() -> None:
    decisions = [Decision.of("e", "d", Verdict.SAME), Decision.of("a", "b", Verdict.UNSURE)]
    assert groups(cluster(ENTRIES, CHAIN, threshold=0.9, decisions=decisions).persons) == {frozenset("abcde")}
    against = [Decision.of("d", "e", "same"), Decision.of("c", "d", "same"), Decision.of("c", "e", "different")]
    found = cluster(ENTRIES, CHAIN, threshold=0.9, decisions=against)
    assert found.conflicts == [("c", "e")]  # only forced edges join them: reported, not cut


def test_person_ids_follow_the_largest_overlap_and_new_clusters_get_new_ids() -> None:
    previous = {"a": "p1", "b": "p1", "c": "p1", "d": "p2", "e": "p3"}
    persons = stable_ids([["a", "b"], ["c", "d", "f"], ["e"], ["g"]], previous)
    assert persons["a"] == "p1" and persons["c"] == "p2" and persons["e"] == "p3"
    assert persons["g"] == new_person_id(["g"]) and persons["g"] not in previous.values()
    split = stable_ids([["a"], ["b", "c"]], {"a": "p1", "b": "p1", "c": "p1"})
    assert split["b"] == "p1" and split["a"] not in ("p1",)  # the larger part keeps the id


def test_ids_are_the_same_on_a_second_run() -> None:
    first = cluster(ENTRIES, CHAIN, threshold=0.9).persons
    assert cluster(list(reversed(ENTRIES)), CHAIN, threshold=0.9).persons == first
    assert cluster(ENTRIES, CHAIN, threshold=0.9, previous=first).persons == first


def test_review_list_holds_the_undecided_doubtful_band() -> None:
    table = links(("a", "b", 0.5), ("c", "d", 0.95), ("d", "e", 0.25), ("a", "c", 0.1))
    persons = cluster(ENTRIES, table, threshold=0.9).persons
    review = review_list(table, persons, [Decision.of("e", "d", "different")], Thresholds(match=0.9, review=0.2))
    assert [r.pair for r in review] == [pair_of("a", "b")]
    assert review[0].same_person is False


def test_scores() -> None:
    truth = {"a": 1, "b": 1, "c": 1, "d": 2}
    perfect = score({"a": "x", "b": "x", "c": "x", "d": "y"}, truth)
    assert perfect.pairwise_f1 == perfect.bcubed_f1 == 1.0
    lumped = score({"a": "x", "b": "x", "c": "x", "d": "x"}, truth)
    assert lumped.pairwise_precision == pytest.approx(3 / 6) and lumped.pairwise_recall == 1.0
    assert lumped.bcubed_precision == pytest.approx((3 * 3 / 4 + 1 / 4) / 4)
    split = score({"a": "x", "b": "x", "c": "z", "d": "y"}, truth)
    assert split.pairwise_recall == pytest.approx(1 / 3) and split.bcubed_recall == pytest.approx(
        (2 / 3 * 2 + 1 / 3 + 1) / 4
    )
    assert pairs_recall([("b", "a"), ("a", "d")], truth) == pytest.approx(1 / 3)
