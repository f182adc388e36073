"""`imena estimate` and `imena reconcile` over a registry of synthetic lists of known size, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from typer.testing import CliRunner

from imena.cli import app
from imena.registry.database import open_registry
from imena.registry.importer import SourceInfo, import_file

LISTS = ("book", "archive", "database", "execution-list")
CHANCES = (0.5, 0.35, 0.3, 0.45)
PEOPLE = {"1937-09-15": 600, "1938-03-10": 40}  # the second period holds too few to estimate


def synthetic_lists(seed: int) -> tuple[dict[str, list[dict[str, Any]]], dict[str, npt.NDArray[np.bool_]]]:
    """Four independent lists naming invented people of two periods, and who is on which list, by period."""
    rng = np.random.default_rng(seed)
    files: dict[str, list[dict[str, Any]]] = {name: [] for name in LISTS}
    seen: dict[str, npt.NDArray[np.bool_]] = {}
    number = 0
    for date, people in PEOPLE.items():
        on = rng.random((people, len(LISTS))) < np.array(CHANCES)
        seen[date] = on
        for row in on:
            number += 1
            for name, present in zip(LISTS, row, strict=True):
                if present:
                    files[name].append(record(name, number, date))
    return files, seen


def record(source: str, number: int, date: str) -> dict[str, Any]:
    return {
        "id": f"{source}-{number}",
        "text": f"Синтетов{number} Иван Петрович. Тройка при УНКВД по Калининской обл. {date}. ВМН.",
        "synthetic": True,
        "truth": {"person_id": f"p{number}"},
        "name": {"surname": f"Синтетов{number}", "given": "Иван", "patronymic": "Петрович"},
        "sentence": {"date": date, "body": "тройка при УНКВД по Калининской обл.", "penalty": "death"},
        "attribution": {"operation": "order_00447", "rule": "a regional troika", "region": "Калининская область"},
    }


@pytest.fixture
def linked(registry_url: str, tmp_path: Path) -> tuple[str, dict[str, npt.NDArray[np.bool_]]]:
    files, seen = synthetic_lists(seed=7)
    engine = open_registry(registry_url)
    for name, records in files.items():
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        import_file(engine, path, SourceInfo(name, f"Synthetic {name}"), format="jsonl")
    engine.dispose()
    linked = CliRunner().invoke(app, ["--db", registry_url, "simulate", "link-truth"])
    assert linked.exit_code == 0, linked.output
    entries = sum(int(on.sum()) for on in seen.values())
    people = sum(int(on.any(axis=1).sum()) for on in seen.values())
    assert linked.stdout.startswith(f"{entries - people:,} synthetic entries")
    return registry_url, seen


def run(url: str, *arguments: str) -> Any:
    result = CliRunner().invoke(app, ["--db", url, *arguments, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_log_linear_estimate_by_period_covers_the_true_size(
    linked: tuple[str, dict[str, npt.NDArray[np.bool_]]],
) -> None:
    url, seen = linked
    report = run(url, "estimate", "--by", "period", "--method", "loglinear")
    strata = {s["stratum"]: s for s in report["strata"]}
    autumn, spring = strata["1937-08..1937-12"], strata["1938-01..1938-06"]
    assert autumn["observed"] == int(seen["1937-09-15"].any(axis=1).sum())
    assert autumn["lists"] == sorted(LISTS)
    assert autumn["lower"] <= PEOPLE["1937-09-15"] <= autumn["upper"]
    assert spring["estimate"] is None and "at least 50" in spring["refused"]
    assert report["total"]["estimate"] is None  # a refused stratum leaves the total unknown
    assert report["synthetic"] is True


def test_the_latent_class_estimate_runs_over_the_registry(linked: tuple[str, dict[str, npt.NDArray[np.bool_]]]) -> None:
    url, seen = linked
    short = ("--burn-in", "500", "--draws", "100", "--thinning", "5", "--seed", "3")
    report = run(url, "estimate", "--operation", "00447", *short)
    [whole] = report["strata"]
    assert whole["observed"] == sum(int(on.any(axis=1).sum()) for on in seen.values())
    assert abs(whole["estimate"] - sum(PEOPLE.values())) < 0.1 * sum(PEOPLE.values())
    national = CliRunner().invoke(app, ["--db", url, "estimate", "--operation", "national", "--format", "json"])
    assert national.exit_code == 2  # nobody of that operation: nothing to estimate from


def test_reconcile_counts_the_linked_persons_once(linked: tuple[str, dict[str, npt.NDArray[np.bool_]]]) -> None:
    url, seen = linked
    observed = sum(int(on.any(axis=1).sum()) for on in seen.values())
    by_region = run(url, "reconcile")
    [kalinin] = by_region["rows"]
    assert kalinin["key"] == "Калининская область" and kalinin["documented"]["first_category"] == observed
    assert by_region["persons_by_operation"] == {"00447": observed} and by_region["synthetic"] is True
    by_month = run(url, "reconcile", "--by", "month")
    assert [row["key"] for row in by_month["rows"]] == ["1937-09", "1938-03"]
    assert by_month["rows"][-1]["documented_to_date"] == observed


def test_each_person_is_listed_with_its_operation_and_the_reasons(
    linked: tuple[str, dict[str, npt.NDArray[np.bool_]]],
) -> None:
    url, seen = linked
    persons = run(url, "reconcile", "--by", "person")
    assert len(persons) == sum(int(on.any(axis=1).sum()) for on in seen.values())
    widest = max(persons, key=lambda p: len(p["sources"]))
    assert widest["operation"] == "00447" and len(widest["reasons"]) == len(widest["sources"]) > 1
    assert all("regional troika" in reason for reason in widest["reasons"])
