"""Linkage on a small synthetic corpus parsed from its text: accuracy, explanations, decisions, stable ids and
incremental linkage. Floors, not exact weights: EM's estimates move with the corpus."""

from __future__ import annotations

import json
from collections import defaultdict

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from imena.link.clusters import Decision, Verdict, pair_of
from imena.link.engine import Model, duckdb_engine, predict
from imena.link.evaluate import score
from imena.link.explain import explain
from imena.link.linkage import Linkage, Thresholds, link, link_new
from tests.link_corpus import entries, model, records, truth

NEW_SOURCE = "syn-camp"


@pytest.fixture(scope="module")
def linked() -> Linkage:
    return link(entries(), model=model())


def members(persons: dict[str, str]) -> dict[str, list[str]]:
    found: defaultdict[str, list[str]] = defaultdict(list)
    for entry, person in sorted(persons.items()):
        found[person].append(entry)
    return found


def test_persons_are_found_with_high_precision_and_recall(linked: Linkage) -> None:
    scores = score(linked.persons, truth())
    assert len(records()) > 1000
    assert scores.pairwise_precision >= 0.97 and scores.pairwise_recall >= 0.95, scores
    assert scores.bcubed_f1 >= 0.97, scores


def test_the_trained_model_weighs_agreement_up_and_disagreement_down() -> None:
    comparisons = {c["output_column_name"]: c["comparison_levels"] for c in model().settings["comparisons"]}
    for name in ("surname", "given", "patronymic", "birth_year"):
        levels = comparisons[name]
        exact, other = levels[1], levels[-1]
        assert exact["m_probability"] > exact["u_probability"], name
        assert other["m_probability"] < other["u_probability"], name


def test_a_saved_model_predicts_the_same() -> None:
    again = Model.from_json(model().to_json())
    table = entries().slice(0, 400)
    one, other = (predict(table, m, duckdb_engine()) for m in (model(), again))
    assert one.num_rows > 0
    assert one.sort_by("match_weight").column("match_weight").to_pylist() == pytest.approx(
        other.sort_by("match_weight").column("match_weight").to_pylist()
    )


def test_explanations_add_up_to_the_match_weight(linked: Linkage) -> None:
    ordered = linked.links.sort_by("match_probability")
    for row in (ordered.slice(0, 1).to_pylist()[0], ordered.slice(ordered.num_rows - 1).to_pylist()[0]):
        found = explain((row["unique_id_r"], row["unique_id_l"]), entries(), model(), duckdb_engine())
        assert found.pair == pair_of(row["unique_id_l"], row["unique_id_r"])
        assert found.factors[0].comparison == "prior"
        assert sum(f.weight for f in found.factors) == pytest.approx(found.match_weight)
        assert found.match_weight == pytest.approx(row["match_weight"])
        assert {"surname", "given", "fate"} <= {f.comparison for f in found.factors}
        json.dumps(found.as_dict(), ensure_ascii=False)


def test_a_different_decision_splits_a_person_the_model_joined(linked: Linkage) -> None:
    person, entries_of = next((p, e) for p, e in members(linked.persons).items() if len(e) >= 3)
    a, b = entries_of[0], entries_of[1]
    again = link(entries(), model=model(), previous=linked.persons, decisions=[Decision.of(a, b, Verdict.DIFFERENT)])
    assert again.persons[a] != again.persons[b]
    assert person in (again.persons[a], again.persons[b])  # the larger part keeps the id
    untouched = [e for e in linked.persons if linked.persons[e] != person]
    assert all(again.persons[e] == linked.persons[e] for e in untouched)


def test_a_same_decision_joins_entries_the_model_kept_apart(linked: Linkage) -> None:
    a, b = sorted(linked.persons)[0], sorted(linked.persons)[-1]
    assert linked.persons[a] != linked.persons[b]
    again = link(entries(), model=model(), previous=linked.persons, decisions=[Decision.of(a, b, Verdict.SAME)])
    assert again.persons[a] == again.persons[b]
    assert again.persons[a] in (linked.persons[a], linked.persons[b])


def test_ids_are_stable_across_runs(linked: Linkage) -> None:
    again = link(entries(), model=model(), previous=linked.persons)
    assert again.persons == linked.persons
    fresh = link(entries(), model=model())  # no previous run: ids are made from the entries, the same again
    assert fresh.persons == linked.persons


def test_review_list_is_the_doubtful_band(linked: Linkage) -> None:
    wide = link(entries(), model=model(), thresholds=Thresholds(match=0.99, review=0.01))
    assert all(0.01 <= r.match_probability < 0.99 for r in wide.review)
    in_band = pc.and_(
        pc.greater_equal(wide.links["match_probability"], 0.01), pc.less(wide.links["match_probability"], 0.99)
    )
    assert len(wide.review) == pc.sum(in_band.cast(pa.int64())).as_py()


def test_a_new_source_is_linked_without_relinking_the_rest(linked: Linkage) -> None:
    table = entries()
    is_new = pc.equal(table["source"], NEW_SOURCE)
    old = table.filter(pc.invert(is_new))
    new = set(table.filter(is_new).column("unique_id").to_pylist())
    assert new
    before = link(old, model=model())
    after = link_new(table, new, before.links, model(), previous=before.persons)
    # only pairs with a new entry were scored: the old links are carried over as they were
    old_pairs = after.links.filter(
        pc.invert(
            pc.or_(
                pc.is_in(after.links["unique_id_l"], pa.array(list(new))),
                pc.is_in(after.links["unique_id_r"], pa.array(list(new))),
            )
        )
    )
    assert old_pairs.num_rows == before.links.num_rows
    # the same persons as linking everything at once, and the old persons keep their ids
    assert sorted(map(sorted, members(after.persons).values())) == sorted(map(sorted, members(linked.persons).values()))
    kept = sum(after.persons[e] == before.persons[e] for e in before.persons)
    assert kept == len(before.persons)
    assert score(after.persons, truth()).bcubed_f1 >= 0.97
