"""`imena estimate`: how many people no list names, from the registry's persons or a table of capture histories."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import numpy as np
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from imena.cli.output import Format, console, count, errors, write_json, write_table
from imena.cli.registry import database
from imena.estimate import (
    CaptureHistories,
    CaptureHistoriesError,
    EstimateReport,
    Method,
    SamplerSettings,
    StratumEstimate,
    estimate_strata,
    read_counts,
)
from imena.estimate.persons import Strata, person_histories
from imena.reconcile.attribution import Operation
from imena.reconcile.documented import documented_persons
from imena.registry.database import open_registry


def command(
    ctx: typer.Context,
    counts: Annotated[
        Path | None,
        typer.Option(
            "--counts",
            help="A CSV of capture histories: one 0/1 column per list, Freq (people seen so), optionally stratum. "
            "Without it, the registry's persons and their sources (imena --db).",
            dir_okay=False,
        ),
    ] = None,
    by: Annotated[Strata, typer.Option("--by", help="Registry: strata by 1937 region or by period.")] = Strata.WHOLE,
    operation: Annotated[
        Operation | None, typer.Option("--operation", help="Registry: only persons attributed to this operation.")
    ] = None,
    method: Annotated[Method, typer.Option("--method", "-m", help="Log-linear models or the latent-class model.")] = (
        Method.LCMCR
    ),
    format: Annotated[Format, typer.Option("--format", "-f", help="Output as a table or JSON.")] = Format.TABLE,
    seed: Annotated[int, typer.Option(help="Seed of the latent-class sampler: the same seed, the same draws.")] = 1,
    burn_in: Annotated[int, typer.Option(help="Latent-class iterations dropped per chain.", min=0)] = (
        SamplerSettings.burn_in
    ),
    draws: Annotated[int, typer.Option(help="Latent-class draws kept per chain.", min=10)] = SamplerSettings.draws,
    thinning: Annotated[int, typer.Option(help="Latent-class iterations per kept draw.", min=1)] = (
        SamplerSettings.thinning
    ),
) -> None:
    """Estimate the people no list names, per stratum and in total, with a 95% interval (multiple systems
    estimation)."""
    if format is Format.CSV:
        raise typer.BadParameter("the estimate is nested: use --format json", param_hint="--format")
    synthetic = False
    if counts is None:
        persons = list(documented_persons(open_registry(database(ctx))))
        synthetic = any(person.synthetic for person in persons)
        histories = person_histories(persons, by, None if operation is None else frozenset({operation}))
        if not histories:
            errors.print("[bold red]The registry has no persons to estimate from.[/]")
            raise SystemExit(2)
    else:
        if by is not Strata.WHOLE or operation is not None:
            raise typer.BadParameter("a table of counts has its own strata", param_hint="--by/--operation")
        histories = _read(counts)
    settings = SamplerSettings(burn_in=burn_in, draws=draws, thinning=thinning)
    rng = np.random.default_rng(seed)
    if method is Method.LCMCR:
        columns = (TextColumn("sampling"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=errors, transient=True) as bar:
            task = bar.add_task("sampling", total=settings.iterations * len(histories))
            report = estimate_strata(histories, method, rng, settings, lambda n: bar.advance(task, n))
    else:
        report = estimate_strata(histories, method, rng, settings)
    if format is Format.JSON:
        write_json({**report.as_dict(), **({"synthetic": True} if synthetic else {})})
    else:
        _table(report, synthetic)
    if all(s.refused is not None for s in report.strata):
        raise SystemExit(2)


def _read(counts: Path) -> dict[str, CaptureHistories]:
    try:
        return read_counts(counts)
    except CaptureHistoriesError as error:
        errors.print("[bold red]The capture histories cannot be read:[/]")
        for problem in error.problems:
            errors.print(f"  {problem}", markup=False, highlight=False)
        raise SystemExit(2) from None


def _table(report: EstimateReport, synthetic: bool) -> None:
    rows = [_row(s) for s in (*report.strata, report.total)] if len(report.strata) > 1 else [_row(report.strata[0])]
    marked = " — synthetic data" if synthetic else ""
    write_table(
        f"People no list names, estimated ({report.method.value}, {report.level:.0%} interval){marked}",
        ["stratum", "lists", "observed", "estimate", "lower", "upper", "notes"],
        rows,
    )
    for paragraph in report.explanation:
        console.print(paragraph, highlight=False)
        console.print()


def _row(estimate: StratumEstimate) -> list[str]:
    notes = estimate.refused or "; ".join(estimate.warnings)
    figures = (estimate.estimate, estimate.lower, estimate.upper)
    cells = [count(None) if f is None else count(round(f)) for f in figures]
    return [estimate.stratum, str(len(estimate.lists) or ""), count(estimate.observed), *cells, notes]
