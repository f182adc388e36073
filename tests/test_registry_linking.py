"""Linkage in the registry, on SQLite and PostgreSQL: persons written back with stable ids, merges and splits
audited, decisions that hold and can be withdrawn, explanations, and a new source linked incrementally."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from imena.link.evaluate import score
from imena.registry import schema as t
from imena.registry.assign import changes
from imena.registry.linking import current_persons, run_link
from imena.registry.review import Explainer, decide, review_queue, withdraw
from tests.registry_corpus import all_sources, build, import_sources, truth

NEW_SOURCE = "syn-camp"


def members(persons: dict[str, int]) -> dict[int, list[str]]:
    found: defaultdict[int, list[str]] = defaultdict(list)
    for key, person in sorted(persons.items()):
        found[person].append(key)
    return dict(found)


def persons_of(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return current_persons(connection)


@pytest.fixture
def linked(registry_url: str, tmp_path: Path) -> Engine:
    engine = build(registry_url, tmp_path)
    run_link(engine)
    return engine


def test_linking_merges_the_entries_of_one_person(registry_url: str, tmp_path: Path) -> None:
    engine = build(registry_url, tmp_path)
    before = persons_of(engine)
    assert len(set(before.values())) == len(before)  # one person per entry after import
    summary = run_link(engine)
    after = persons_of(engine)
    assert summary.entries == len(before) and summary.pairs > 0 and summary.trained is False
    assert summary.persons_after == len(set(after.values())) < summary.persons_before
    scores = score(after, truth())
    assert scores.pairwise_precision >= 0.95 and scores.pairwise_recall >= 0.9, scores
    assert set(after.values()) <= set(before.values())  # merged persons keep one of their ids
    with engine.connect() as c:
        merges = c.execute(select(func.count()).where(t.audit_log.c.action == "link.merge")).scalar_one()
        stored = c.execute(select(func.count()).select_from(t.links)).scalar_one()
        emptied = c.execute(select(func.count()).where(t.persons.c.merged_into.is_not(None))).scalar_one()
    assert merges == summary.merged > 0 and stored == summary.pairs
    assert emptied == summary.persons_before - summary.persons_after  # empty rows stay, pointing on


def test_ids_are_stable_across_runs(linked: Engine) -> None:
    first = persons_of(linked)
    again = run_link(linked, full=True)
    assert persons_of(linked) == first
    assert again.merged == again.split == again.moved == 0


def test_a_different_decision_splits_holds_and_can_be_withdrawn(linked: Engine) -> None:
    first = persons_of(linked)
    person, keys = next((p, k) for p, k in members(first).items() if len(k) >= 3)
    a, b = keys[0], keys[1]
    decision, summary = decide(linked, a, b, "different", "tester")
    split = persons_of(linked)
    assert split[a] != split[b] and summary.split == 1
    assert person in (split[a], split[b])
    assert all(split[k] == first[k] for k in first if first[k] != person)  # nobody else moves
    run_link(linked, full=True)  # the decision overrides the model on every later run
    assert persons_of(linked) == split
    withdraw(linked, decision, "tester", "a slip")
    assert persons_of(linked)[a] == persons_of(linked)[b]  # the model's view again
    with linked.connect() as c:
        row = c.execute(select(t.decisions).where(t.decisions.c.id == decision)).one()
        actions = {r.action for r in c.execute(select(t.audit_log.c.action))}
    assert row.withdrawn_by is not None and row.kind == "different"  # kept, marked withdrawn
    assert {"link.split", "link.merge", "decision", "decision.withdraw"} <= actions


def test_a_same_decision_joins(linked: Engine) -> None:
    first = persons_of(linked)
    a, b = sorted(first)[0], sorted(first)[-1]
    assert first[a] != first[b]
    decide(linked, a, b, "same", "tester")
    after = persons_of(linked)
    assert after[a] == after[b] and after[a] in (first[a], first[b])


def test_explanations_add_up_and_the_review_queue_lists_doubts(linked: Engine) -> None:
    with linked.connect() as c:
        best = c.execute(select(t.links).order_by(t.links.c.match_probability.desc())).first()
    assert best is not None
    found = Explainer(linked)(best.entry_r, best.entry_l)
    assert found.pair == (best.entry_l, best.entry_r)
    assert sum(f.weight for f in found.factors) == pytest.approx(found.match_weight)
    assert found.match_weight == pytest.approx(best.match_weight)
    for doubt in review_queue(linked):
        assert 0.2 <= doubt.match_probability < 0.9


def test_a_new_source_is_linked_incrementally_and_decisions_hold(registry_url: str, tmp_path: Path) -> None:
    old = [s for s in all_sources() if s != NEW_SOURCE]
    engine = build(registry_url, tmp_path, old)
    run_link(engine)
    first = persons_of(engine)
    keys = next(k for k in members(first).values() if len(k) >= 3)
    decide(engine, keys[0], keys[1], "different", "tester")
    split = persons_of(engine)
    with engine.connect() as c:
        old_pairs = {(r.entry_l, r.entry_r) for r in c.execute(select(t.links))}
    import_sources(engine, tmp_path, [NEW_SOURCE])
    summary = run_link(engine)
    after = persons_of(engine)
    assert summary.kind == "incremental" and summary.new_entries == len(after) - len(first) > 0
    assert after[keys[0]] != after[keys[1]]  # the decision holds
    with engine.connect() as c:
        pairs = {(r.entry_l, r.entry_r): r.run_id for r in c.execute(select(t.links))}
    assert old_pairs <= pairs.keys()
    new_pairs = set(pairs) - old_pairs
    assert new_pairs and all(NEW_SOURCE in a + b for a, b in new_pairs)
    assert all(after[k] == split[k] for k in split if not any(NEW_SOURCE in x for x in members(after)[after[k]]))
    assert score(after, truth()).pairwise_recall >= 0.9


def test_changes_name_merges_splits_and_emptied_persons() -> None:
    before = {"s/1": 1, "s/2": 2, "s/3": 3, "s/4": 3}
    after = {"s/1": 1, "s/2": 1, "s/3": 3, "s/4": 9}
    found = changes(before, after)
    assert found.moved == {"s/2": 1, "s/4": 9}
    assert found.merges == [{"person": 1, "from": [2], "entries": {"s/2": 2}}]
    assert found.splits == [{"person": 3, "into": [9], "entries": {"s/4": 9}}]
    assert found.emptied == {2: 1}
    assert changes(after, after).moved == {}
