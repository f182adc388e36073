"""Estimates and reconciliations for the web: computed on request in a worker thread, kept on `app.state` until
the registry changes, so that a slow latent-class run is paid once per state of the registry, not per visitor.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import numpy as np
from sqlalchemy import Engine, Table, func, select

from imena.estimate import Method, SamplerSettings, estimate_strata
from imena.estimate.persons import Strata, person_histories
from imena.operation import Ledger
from imena.reconcile.attribution import Operation
from imena.reconcile.coverage import Reconciliation, reconcile_by_month, reconcile_by_region
from imena.reconcile.documented import documented_persons
from imena.registry import schema as t

T = TypeVar("T")
Version = tuple[int, ...]  # ids of the last rows of the tables a result depends on

# The web's latent-class chains: a tenth of the CLI's iterations (about 2 s a stratum rather than 15 s on a shared
# core). The diagnostics say when that is too short; `imena estimate` runs the full chains for figures to cite.
WEB_SAMPLER = SamplerSettings(burn_in=5_000, draws=500, thinning=50)
SEED = 1  # the same registry, the same draws: a page reloaded shows the same figures


def last_ids(engine: Engine, *tables: Table) -> Version:
    """The id of each table's last row (0 if it has none): what changed since, a cached result must not hide."""
    with engine.connect() as connection:
        row = connection.execute(select(*(select(func.max(table.c.id)).scalar_subquery() for table in tables))).one()
    return tuple(value or 0 for value in row)


def registry_version(engine: Engine) -> Version:
    """What the persons depend on: the last import, the last link run (decisions re-cluster as runs too), and the
    last audited change (a merge, a split, a link by the synthetic truth)."""
    return last_ids(engine, t.imports, t.link_runs, t.audit_log)


class AnalysisCache:
    """Results by key for one version of the registry; a key being computed is computed once while other
    requests for it wait, and requests for other keys go on in their own threads."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._version: Version | None = None
        self._results: dict[Hashable, Any] = {}
        self._running: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, version: Version, compute: Callable[[], T]) -> T:
        with self._guard:
            if version != self._version:  # the registry changed: every result of the old state is stale
                self._version, self._results, self._running = version, {}, {}
            if key in self._results:
                found: T = self._results[key]
                return found
            running = self._running.setdefault(key, threading.Lock())
        with running:
            with self._guard:
                if version == self._version and key in self._results:
                    done: T = self._results[key]
                    return done
            value = compute()
            with self._guard:
                if version == self._version:
                    self._results[key] = value
            return value


def estimates_document(
    engine: Engine, by: Strata, method: Method, operation: Operation | None, settings: SamplerSettings
) -> dict[str, Any]:
    """`imena estimate`'s JSON over the registry's persons, with what it was computed from and how."""
    persons = list(documented_persons(engine))
    histories = person_histories(persons, by, None if operation is None else frozenset({operation}))
    base: dict[str, Any] = {
        "by": by.value,
        "operation": None if operation is None else operation.value,
        "synthetic": any(person.synthetic for person in persons),
        "persons": len(persons),
    }
    if method is Method.LCMCR:
        base["sampler"] = {"chains": settings.chains, "burn_in": settings.burn_in, "draws": settings.draws,
                           "thinning": settings.thinning, "seed": SEED}  # fmt: skip
    if not histories:
        return {**base, "method": method.value, "strata": [], "total": None, "explanation": []}
    report = estimate_strata(histories, method, np.random.default_rng(SEED), settings)
    return {**base, **report.as_dict()}


def cached_estimates(
    app_state: Any, by: Strata, method: Method, operation: Operation | None
) -> tuple[dict[str, Any], Version]:
    """The estimate for this state of the registry, from the cache or computed now (in the caller's thread)."""
    engine: Engine = app_state.engine
    settings: SamplerSettings = app_state.sampler
    version = registry_version(engine)
    cache: AnalysisCache = app_state.analyses
    document = cache.get(
        ("estimates", by, method, operation, settings),
        version,
        lambda: estimates_document(engine, by, method, operation, settings),
    )
    return document, version


def cached_reconciliation(app_state: Any, by: str) -> Reconciliation:
    """The documented persons by region or month against the ledger, for this state of the registry."""
    engine: Engine = app_state.engine
    ledger: Ledger = app_state.ledger
    cache: AnalysisCache = app_state.analyses

    def compute() -> Reconciliation:
        persons = list(documented_persons(engine))
        return reconcile_by_region(persons, ledger) if by == "region" else reconcile_by_month(persons, ledger)

    return cache.get(("reconcile", by), registry_version(engine), compute)
