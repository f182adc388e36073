"""The synthetic corpus: its size, reproducibility, overlap of sources, namesakes, and text against truth."""

from __future__ import annotations

import collections
import csv
import datetime as dt
import gzip
import json
import math
import random
import re
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from imena.cli import app
from imena.gazetteer import Gazetteer
from imena.operation import OPERATION_END, USSR, FigureKind, Ledger
from imena.simulate.corpus import write_corpus
from imena.simulate.sources import Source

MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    result = CliRunner().invoke(app, ["simulate", "corpus", "--scale", "0.01", "--seed", "1", "--out", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def entries(folder: Path) -> list[dict[str, Any]]:
    sources = json.loads((folder / "sources.json").read_text("utf-8"))
    return [entry for source in sources for entry in read_jsonl(folder / f"{source['id']}.jsonl")]


def test_a_corpus_at_scale_001_holds_one_percent_of_the_victims(corpus: Path, ledger: Ledger) -> None:
    documented = next(
        f.value
        for f in ledger.figures
        if f.scope == USSR and f.kind is FigureKind.REPORT and f.measure == "sentenced" and f.as_of == OPERATION_END
    )
    people = read_jsonl(corpus / "persons.jsonl")
    assert len(people) == pytest.approx(0.01 * documented, rel=0.03)
    assert all(p["synthetic"] is True for p in people)
    shot = sum(p["category"] == 1 for p in people) / len(people)
    assert 0.4 < shot < 0.6  # about half were shot (387,000 of 767,000)


def test_every_entry_is_marked_synthetic_and_carries_its_truth(corpus: Path) -> None:
    all_entries = entries(corpus)
    assert len({e["id"] for e in all_entries}) == len(all_entries)
    people = {p["person_id"] for p in read_jsonl(corpus / "persons.jsonl")}
    for entry in all_entries:
        assert entry["synthetic"] is True and entry["text"] and entry["source"]
        assert entry["truth"]["person_id"] in people
    meta = json.loads((corpus / "corpus.json").read_text("utf-8"))
    assert meta["synthetic"] is True and meta["seed"] == 1


def test_the_same_seed_writes_the_same_corpus(tmp_path: Path) -> None:
    first, second, other = (tmp_path / name for name in ("a", "b", "c"))
    write_corpus(first, 0.001, 7)
    write_corpus(second, 0.001, 7)
    write_corpus(other, 0.001, 8)
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name
    assert (first / "persons.jsonl").read_bytes() != (other / "persons.jsonl").read_bytes()


def _sources(folder: Path) -> list[tuple[Source, dict[str, Any]]]:
    """The sources as the corpus describes them, rebuilt to recompute each person's chance."""
    names = {f.name for f in fields(Source) if f.init}
    rebuilt = []
    for document in json.loads((folder / "sources.json").read_text("utf-8")):
        arguments: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in document.items() if k in names
        }
        rebuilt.append((Source(**arguments), document))
    return rebuilt


class _Person:
    """Just what Source.chance reads, rebuilt from persons.jsonl."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.unit = document["unit"]
        self.category = document["category"]
        self.social = document["social"]
        self.name_group = document["name_group"]
        self.sentence_date = document["sentence_date"]
        self.rehabilitation_date = document["rehabilitation_date"]
        self.visibility = document["visibility"]


def test_sources_overlap_as_their_parameters_say(corpus: Path) -> None:
    people = [_Person(p) for p in read_jsonl(corpus / "persons.jsonl")]
    ids = [p["person_id"] for p in read_jsonl(corpus / "persons.jsonl")]
    sources = _sources(corpus)
    chances = {s.id: [s.chance(p) for p in people] for s, _ in sources}  # type: ignore[arg-type]
    named = {s.id: {e["truth"]["person_id"] for e in read_jsonl(corpus / f"{s.id}.jsonl")} for s, _ in sources}
    for source, _ in sources:
        expected = sum(chances[source.id])
        assert abs(len(named[source.id]) - expected) <= 4 * math.sqrt(expected) + 2, source.id
    pairs = [(a, b) for a, _ in sources for b, _ in sources if a.id < b.id]
    dependent = 0
    for a, b in pairs:
        expected = sum(p * q for p, q in zip(chances[a.id], chances[b.id], strict=True))
        observed = len(named[a.id] & named[b.id])
        assert abs(observed - expected) <= 4 * math.sqrt(expected) + 2, (a.id, b.id)
        independent = len(named[a.id]) * len(named[b.id]) / len(ids)
        dependent += observed > independent
    assert dependent > len(pairs) // 2  # a shared latent visibility makes lists overlap more than by chance


def test_sources_cover_only_what_they_say(corpus: Path) -> None:
    people = {p["person_id"]: p for p in read_jsonl(corpus / "persons.jsonl")}
    for source, _ in _sources(corpus):
        named = [people[e["truth"]["person_id"]] for e in read_jsonl(corpus / f"{source.id}.jsonl")]
        assert named, source.id
        assert all(p["category"] in source.categories for p in named), source.id
        if source.period:
            assert all(source.period[0] <= p["sentence_date"] <= source.period[1] for p in named), source.id
        if source.name_groups:
            assert all(p["name_group"] in source.name_groups for p in named), source.id
        if source.units:
            assert all(p["unit"] in source.units for p in named), source.id


def _pairs_rate(names: list[str]) -> float:
    counts = collections.Counter(names)
    return sum(n for n in counts.values() if n > 1) / len(names)


@pytest.mark.parametrize("parts", [1, 2, 3], ids=["surname", "surname and given name", "full name"])
def test_the_namesake_rate_is_within_a_factor_of_two_of_the_real_lists(
    corpus: Path, real_data: Path, parts: int
) -> None:
    """The share of people who share their name with someone else, among 5,000 of the Moscow lists and
    5,000 synthetic people."""
    with gzip.open(real_data / "mos-memo-ru.dev.jsonl.gz", "rt", encoding="utf-8") as lines:
        real = [" ".join(json.loads(line)["name_as_printed"].split()[:parts]) for line in lines]
    people = read_jsonl(corpus / "persons.jsonl")
    synthetic = [" ".join(p[k] or "" for k in ("surname", "given", "patronymic")[:parts]) for p in people]
    sample = random.Random(0)
    real_rate = _pairs_rate(sample.sample(real, 5000))
    synthetic_rate = _pairs_rate(sample.sample(synthetic, 5000))
    assert 0.5 <= synthetic_rate / real_rate <= 2, (synthetic_rate, real_rate)


def _dates(iso: str) -> tuple[str, ...]:
    day = dt.date.fromisoformat(iso)
    return (f"{day.day} {MONTHS[day.month - 1]} {day.year}", f"{day.day:02d}.{day.month:02d}.{day.year}")


def _in(text: str, value: str | None) -> bool:
    return value is None or _modern(value) in text


def _modern(text: str) -> str:
    """Undo the pre-1918 letters, so that one comparison serves entries in either spelling."""
    return text.replace("і", "и").replace("ъ", "")


def test_every_entry_text_agrees_with_its_truth(corpus: Path) -> None:
    problems = []
    for entry in entries(corpus):
        text, truth = _modern(entry["text"]), entry["truth"]
        name = truth["name"]
        stem = name["surname"][:-2] if entry["id"].startswith("syn-acts") else name["surname"]
        checks = {
            "surname": _modern(stem) in text,
            "given": _modern(name["given"])[:-2] in text,
            "birth year": truth["birth"]["date"] in text,
            "birth place": _in(text, truth["birth"]["place"]),
            "nationality": _in(text, truth["nationality"]),
            "occupation": _in(text, truth["occupation"]),
            "residence": _in(text, truth["residence"]),
            "charge": _in(text.replace("по ст.", "ст."), truth["sentence"]["charge"]),
        }
        for key in ("arrest", "execution", "rehabilitation", "death"):
            if truth[key] and truth[key]["date"]:
                checks[key] = any(form in text for form in _dates(truth[key]["date"]))
        if truth["sentence"]["date"]:
            checks["sentence date"] = any(form in text for form in _dates(truth["sentence"]["date"]))
        if truth["sentence"]["body"]:
            checks["body"] = re.split("тройка", _modern(truth["sentence"]["body"]), flags=re.IGNORECASE)[-1] in text
        problems += [f"{entry['id']}: {check}" for check, ok in checks.items() if not ok]
    assert not problems, problems[:20]


def test_troikas_and_residences_resolve_to_the_persons_regions(corpus: Path) -> None:
    gazetteer = Gazetteer.load()
    wrong = []
    for person in read_jsonl(corpus / "persons.jsonl"):
        unit = gazetteer.regions[person["unit"]]
        day = dt.date.fromisoformat(person["sentence_date"])
        found = gazetteer.resolve_body(person["troika"], on=day)
        allowed = {unit.name, *unit.successors, *(r.name for r in gazetteer.children(unit.name))}
        if found is None or found.region is None or found.region.name not in allowed:
            wrong.append((person["troika"], person["unit"]))
        home = gazetteer.resolve_place(person["residence"], on=day)
        lived = gazetteer.regions[person["residence_region"]]
        later = {lived.name, *lived.successors, *(r.name for r in gazetteer.children(lived.name))}
        if home is None or home.region is None or home.region.name not in later:
            wrong.append((person["residence"], person["residence_region"]))
    assert not wrong, wrong[:10]


def test_generated_names_are_not_copied_from_the_real_data(real_data: Path) -> None:
    """The name pools are general knowledge: no pool may hold a real list's rare surnames wholesale."""
    pool = Path(__file__).resolve().parents[1] / "src" / "imena" / "simulate" / "data" / "names.csv"
    with pool.open(encoding="utf-8") as handle:
        surnames = {row["name"] for row in csv.DictReader(handle) if row["part"] == "surname"}
    with gzip.open(real_data / "mos-memo-ru.dev.jsonl.gz", "rt", encoding="utf-8") as lines:
        real = collections.Counter(json.loads(line)["name_as_printed"].split()[0] for line in lines)
    rare = {name for name, n in real.items() if n == 1}
    assert len(surnames & rare) / len(surnames) < 0.25
