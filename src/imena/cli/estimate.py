"""`imena estimate`: how many people no list names, from a table of capture histories."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import numpy as np
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from imena.cli.output import Format, console, count, errors, write_json, write_table
from imena.estimate import (
    CaptureHistoriesError,
    EstimateReport,
    Method,
    SamplerSettings,
    StratumEstimate,
    estimate_strata,
    read_counts,
)


def command(
    counts: Annotated[
        Path,
        typer.Option(
            "--counts",
            help="A CSV of capture histories: one 0/1 column per list, Freq (people seen so), optionally stratum.",
            dir_okay=False,
        ),
    ],
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
    try:
        histories = read_counts(counts)
    except CaptureHistoriesError as error:
        errors.print("[bold red]The capture histories cannot be read:[/]")
        for problem in error.problems:
            errors.print(f"  {problem}", markup=False, highlight=False)
        raise SystemExit(2) from None
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
        write_json(report.as_dict())
    else:
        _table(report)
    if all(s.refused is not None for s in report.strata):
        raise SystemExit(2)


def _table(report: EstimateReport) -> None:
    rows = [_row(s) for s in (*report.strata, report.total)] if len(report.strata) > 1 else [_row(report.strata[0])]
    write_table(
        f"People no list names, estimated ({report.method.value}, {report.level:.0%} interval)",
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
