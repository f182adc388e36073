"""Field accuracy on real dev entries checked by hand, and on synthetic corpora against their truth."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from imena.parse import parse
from imena.parse.accuracy import FIELDS, Score, fingerprints, flatten
from imena.simulate.corpus import write_corpus

from .conftest import TEST_DATA, real_entries

GOLD = {"lists-memo-ru": "parse-gold-lists-memo.jsonl", "mos-memo-ru": "parse-gold-mos-memo.jsonl"}


def _gold(name: str) -> list[dict[str, Any]]:
    with (TEST_DATA / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


@pytest.fixture(scope="module", params=sorted(GOLD))
def real_score(request: pytest.FixtureRequest, real_data: Path) -> tuple[str, Score]:
    corpus = request.param
    gold = _gold(GOLD[corpus])
    texts = real_entries(real_data / f"{corpus}.dev.jsonl.gz", [g["id"] for g in gold])
    score = Score()
    for checked in gold:
        record = parse(texts[checked["id"]]["text"], checked["id"])
        score.add(checked["id"], checked["fields"], fingerprints(flatten(record, checked["fields"].keys())))
    return corpus, score


def test_the_gold_holds_no_names_and_every_field(real_data: Path) -> None:
    for name in GOLD.values():
        for checked in _gold(name):
            assert set(checked["fields"]) == set(FIELDS) - {"name.surname", "name.given", "name.patronymic"}
            # values of real entries are kept only as fingerprints: the entries stay in ../shared
            assert all(v is None or v.startswith("sha256:") for v in checked["fields"].values()), checked["id"]


def test_real_entries_reach_097_field_accuracy(real_score: tuple[str, Score]) -> None:
    corpus, score = real_score
    assert sum(score.counted.values()) > 1000
    assert score.accuracy >= 0.97, (corpus, score.mistakes[:20])


def test_every_field_is_mostly_right_on_real_entries(real_score: tuple[str, Score]) -> None:
    """Each field with at least five checked values is right at least 85% of the time."""
    corpus, score = real_score
    weak = {f: round(score.right[f] / n, 3) for f, n in score.counted.items() if n >= 5 and score.right[f] / n < 0.85}
    assert len([f for f, n in score.counted.items() if n >= 5]) >= 8
    assert not weak, (corpus, weak)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    write_corpus(folder, 0.002, 11)
    return folder


def test_synthetic_entries_parse_back_to_their_truth(synthetic: Path) -> None:
    """Every style of the synthetic corpus parses back to the truth it was written from (issue 3 and 4)."""
    sources = json.loads((synthetic / "sources.json").read_text("utf-8"))
    overall = Score()
    for source in sources:
        score = Score()
        with (synthetic / f"{source['id']}.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                entry = json.loads(line)
                record = parse(entry["text"], entry["id"], entry["source"])
                expected, got = flatten(entry["truth"]), flatten(record)
                score.add(entry["id"], expected, got)
                overall.add(entry["id"], expected, got)
        assert score.accuracy >= 0.98, (source["id"], score.mistakes[:10])
    assert overall.accuracy >= 0.99, overall.mistakes[:20]
