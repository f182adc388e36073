"""The estimates and reconciliation pages and their API on a linked synthetic registry: intervals with their
method, refused strata with their reasons, gaps in the ledger as gaps, downloads, and results cached until the
registry changes."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from imena.estimate import SamplerSettings, estimate_strata
from imena.estimate.diagnostics import Diagnostics
from imena.estimate.strata import _loglinear_warnings
from imena.operation import Ledger
from imena.registry.database import open_registry
from imena.registry.linking import recluster, run_link
from imena.web import analyses, create_app
from imena.web.estimate_words import warnings
from tests.registry_corpus import build

TINY = SamplerSettings(chains=2, burn_in=100, draws=40, thinning=2)  # the cache is tested, not the sampler


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("analyses")
    engine = build(f"sqlite:///{folder / 'linked.db'}", folder)
    run_link(engine)
    return engine


@pytest.fixture
def client(linked: Engine, ledger: Ledger) -> Iterator[TestClient]:
    app = create_app(linked, secret="test", ledger=ledger)
    app.state.sampler = TINY
    yield TestClient(app)


def test_estimates_by_period_carry_method_interval_and_refusals(client: TestClient) -> None:
    document = client.get("/api/estimates", params={"by": "period", "method": "loglinear"}).json()
    assert document["method"] == "loglinear" and document["by"] == "period" and document["synthetic"] is True
    strata = {s["stratum"]: s for s in document["strata"]}
    first = strata["1937-08..1937-12"]
    assert first["method"] == "loglinear" and first["lists"]
    assert first["observed"] <= first["lower"] <= first["estimate"] <= first["upper"]
    refused = [s for s in document["strata"] if s["estimate"] is None]
    assert refused and all("at least" in s["refused"] and s["lower"] is None for s in refused)
    assert document["total"]["estimate"] is None and "refused" in document["total"]["refused"]
    assert any("Assumptions" in paragraph for paragraph in document["explanation"])
    assert "sampler" not in document  # log-linear models sample nothing


def test_the_estimates_page_draws_intervals_and_shows_the_reasons(client: TestClient) -> None:
    page = client.get("/estimates", params={"by": "period", "method": "loglinear", "lang": "en"}).text
    assert 'data-chart="estimates"' in page and 'class="interval"' in page
    assert "refused: only 42 people are recorded in it; at least 50 are needed" in page
    assert "Assumptions: the population of the stratum is closed" in page
    assert "not estimated" in page and "synthetic" in page
    assert 'href="/api/estimates?by=period&amp;method=loglinear&amp;format=csv"' in page


def test_the_russian_estimates_page_words_its_method_and_refusals_in_russian(client: TestClient) -> None:
    document = client.get("/api/estimates", params={"by": "period", "method": "loglinear"}).json()
    refused = next(s for s in document["strata"] if s["estimate"] is None)
    assert refused["refusal"] == {"code": "too_few_records", "observed": 42, "needed": 50}
    assert document["total"]["refusal"]["code"] == "strata_refused"
    page = client.get("/estimates", params={"by": "period", "method": "loglinear", "lang": "ru"}).text
    assert "не оценивается: в нём записано людей: лишь 42; нужно не меньше 50" in page
    assert f"не оценены слои: {refused['stratum']}" in page
    assert "Допущения: население слоя замкнуто" in page
    for english in ("Assumptions", "not estimated", "at least", "refused:", "people are recorded"):
        assert english not in page


def test_every_kind_of_estimate_warning_is_worded_in_russian() -> None:
    """The warnings are made by the estimate itself, so that a change of its English words shows here."""
    chains = Diagnostics(rhat=1.31, ess=87.0, geweke=(0.4, 5.2), draws=1000).warnings
    fit = SimpleNamespace(diverged=3, models=(1, 2), weights=(0.4, 0.3), unseen=900.0, observed=100)
    fits = _loglinear_warnings(fit, ("a", "b", "c"))  # type: ignore[arg-type]
    assert len(chains) == 3 and len(fits) == 3
    russian = warnings({"warnings": [*chains, *fits]}, "ru")
    latin = [w for w in russian if re.search("[A-Za-z]{4,}", w.replace("split R-hat", "").replace("Geweke", ""))]
    assert len(russian) == 6 and not latin
    assert "split R-hat 1.310 > 1.05" in russian[0] and "моделей разошлось и не учтено: 3 из 5" in russian
    assert warnings({"warnings": chains}, "en") == chains


def test_estimates_download_as_csv_with_the_total_and_the_synthetic_mark(client: TestClient) -> None:
    answer = client.get("/api/estimates", params={"by": "all", "method": "loglinear", "format": "csv"})
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["stratum"] for r in rows] == ["all", "total"]
    assert all(r["synthetic"] == "True" and r["method"] == "loglinear" for r in rows)
    assert int(rows[0]["lower"]) <= int(rows[0]["estimate"]) <= int(rows[0]["upper"])
    assert client.get("/api/estimates", params={"by": "county"}).status_code == 422
    assert client.get("/api/estimates", params={"operation": "purge"}).status_code == 422
    chosen = client.get("/api/estimates", params={"by": "all", "method": "loglinear", "operation": "00447"}).json()
    assert chosen["operation"] == "00447" and chosen["strata"][0]["observed"] < int(rows[0]["observed"])
    everyone = client.get("/api/estimates", params={"by": "all", "method": "loglinear", "operation": ""}).json()
    assert everyone["operation"] is None and everyone["strata"][0]["observed"] == int(rows[0]["observed"])  # a form


def test_reconciliation_shows_gaps_as_gaps(client: TestClient) -> None:
    document = client.get("/api/reconcile").json()
    assert document["by"] == "region" and document["synthetic"] is True
    rows = {r["key"]: r for r in document["rows"]}
    volga = rows["АССР Немцев Поволжья"]  # no row of the order's table: its limit is unknown, not zero
    assert volga["limits"]["total"] is None and volga["coverage_of_limits"]["total"] is None
    assert "limits unknown: a gap in the ledger" in volga["notes"]
    known = rows["Азербайджанская ССР"]
    share = known["documented"]["total"] / known["limits"]["total"]
    assert known["limits"]["total"] > 0 and known["coverage_of_limits"]["total"] == pytest.approx(share, abs=1e-6)
    months = list(csv.DictReader(io.StringIO(client.get("/api/reconcile?by=month&format=csv").text)))
    assert months[0]["key"] == "1937-08" and months[0]["limit_total"] == "268950"
    totals = [int(m["documented_to_date"]) for m in months if m["documented_to_date"]]
    assert totals == sorted(totals)
    page = client.get("/reconcile?lang=en").text
    assert page.count('data-chart="coverage"') == 2 and 'class="bar gap"' in page
    assert '<tr data-key="АССР Немцев Поволжья">' in page and "unknown gap" in page
    assert client.get("/api/reconcile", params={"by": "person"}).status_code == 422


def test_navigation_links_both_pages_in_both_languages(client: TestClient) -> None:
    assert 'href="/estimates">Оценки<' in client.get("/").text
    english = client.get("/?lang=en").text
    assert 'href="/estimates">Estimates<' in english and 'href="/reconcile">Reconciliation<' in english


def test_an_empty_registry_has_nothing_to_estimate(tmp_path: Path) -> None:
    client = TestClient(create_app(open_registry(f"sqlite:///{tmp_path / 'empty.db'}"), secret="test"))
    assert client.get("/api/estimates", params={"method": "loglinear"}).json()["strata"] == []
    assert "no persons to estimate" in client.get("/estimates?method=loglinear&lang=en").text
    assert client.get("/api/reconcile").json()["rows"] == []


def test_latent_classes_are_computed_once_per_state_of_the_registry(
    client: TestClient, linked: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[Any] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        runs.append(args[1])
        return estimate_strata(*args, **kwargs)

    monkeypatch.setattr(analyses, "estimate_strata", counted)
    first = client.get("/api/estimates", params={"by": "all", "method": "lcmcr"}).json()
    assert first["sampler"] == {"chains": 2, "burn_in": 100, "draws": 40, "thinning": 2, "seed": analyses.SEED}
    assert first["strata"][0]["method"] == "lcmcr" and "diagnostics" in first["strata"][0]
    again = client.get("/estimates", params={"by": "all", "method": "lcmcr"})
    assert again.status_code == 200 and len(runs) == 1  # the page reused the API's result
    with linked.begin() as connection:
        recluster(connection, actor="test")  # a new link run: the persons may have changed
    changed = client.get("/api/estimates", params={"by": "all", "method": "lcmcr"}).json()
    assert len(runs) == 2 and changed["registry_version"][1] == first["registry_version"][1] + 1
