"""`imena simulate ...`: the calibrated model of the operation and the synthetic corpus it writes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from imena.cli.output import Format, count, write_json, write_table
from imena.operation import load_ledger
from imena.simulate.calibration import aggregate_document, default_calibration, fit
from imena.simulate.corpus import write_corpus

app = typer.Typer(
    help="A model of the operation fitted to the NKVD's figures, and synthetic memorial books written from it.",
    no_args_is_help=True,
)


@app.command()
def aggregate(
    format: Annotated[Format, typer.Option("--format", "-f", help="Output as a table or JSON.")] = Format.TABLE,
    extra: Annotated[
        list[Path] | None, typer.Option("--extra", help="Folders of further ledger rows (see `imena operation`).")
    ] = None,
) -> None:
    """Arrests, sentences by category and executions per region and day, fitted to the NKVD's figures."""
    calibration = fit(load_ledger(tuple(extra))) if extra else default_calibration()
    if format is Format.CSV:
        raise typer.BadParameter("the model's output is nested: use --format json", param_hint="--format")
    if format is Format.JSON:
        write_json(aggregate_document(calibration))
        return
    checkpoints = [
        [c.day.isoformat(), c.measure, count(c.documented), count(round(calibration.modelled(c))), f"{e:+.1%}"]
        for c, e in zip(calibration.checkpoints, calibration.relative_errors(), strict=True)
    ]
    write_table(
        "The model against the NKVD's national figures",
        ["date", "measure", "documented", "modelled", "error"],
        checkpoints,
        caption="Modelled, not documented: a fit of the model's parameters to the dated national reports.",
    )
    run = calibration.run
    months = [n for n, day in enumerate(run.days) if day.day == 1 or n == len(run.days) - 1]
    rows = [
        [run.days[n].isoformat(), *(count(round(float(run.national(m)[n]))) for m in ("arrested", "sentenced", "shot"))]
        for n in months
    ]
    write_table("Cumulative national totals (modelled)", ["date", "arrested", "sentenced", "shot"], rows)
    parameters = [[name, f"{value:.4g}"] for name, value in calibration.parameters.as_dict().items()]
    write_table("Fitted parameters", ["parameter", "value"], parameters)
    modelled = ", ".join(calibration.allocation.modelled_units)
    typer.echo(f"Units whose limits are modelled (an equal share of their republic's unexplained total): {modelled}")


@app.command()
def corpus(
    out: Annotated[Path, typer.Option("--out", help="The folder to write (created if missing).", file_okay=False)],
    scale: Annotated[float, typer.Option(help="The share of the victims to invent, above 0, at most 1.")] = (0.01),
    seed: Annotated[int, typer.Option(help="The random seed: the same seed and scale give the same corpus.")] = 1,
) -> None:
    """Write synthetic memorial books: invented people and the overlapping, noisy lists that name them."""
    if not 0 < scale <= 1:
        raise typer.BadParameter("must be above 0 and at most 1", param_hint="--scale")
    people = round(scale * default_calibration().run.national("sentenced")[-1])
    with Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()
    ) as progress:
        task = progress.add_task("Writing people and their entries", total=people)
        summary = write_corpus(out, scale, seed, progress=lambda done: progress.update(task, completed=done))
        progress.update(task, completed=people)
    rows = [[source, count(entries)] for source, entries in summary.entries.items()]
    write_table(
        f"{count(summary.people)} synthetic people in {summary.folder}",
        ["source", "entries"],
        rows,
        caption="Every person and entry is synthetic and marked so (synthetic: true).",
    )


@app.command("link-truth")
def link_truth(ctx: typer.Context) -> None:
    """Link the registry's synthetic entries by the invented person each was written about (the perfect linkage,
    for trying the estimates end to end); real entries are never touched."""
    from imena.cli.registry import database
    from imena.registry.database import open_registry
    from imena.simulate.truthlink import link_by_truth

    moved = link_by_truth(open_registry(database(ctx)))
    typer.echo(f"{moved:,} synthetic entries joined the person of their first entry")


@app.command("registry")
def registry(
    ctx: typer.Context,
    corpus: Annotated[Path, typer.Option("--corpus", help="A corpus of `imena simulate corpus`.", file_okay=False)],
    records: Annotated[
        Path, typer.Option("--records", help="Where the parsed records of each source are written.", file_okay=False)
    ],
) -> None:
    """Parse every source of a synthetic corpus and import it into the registry (imena --db), in one process."""
    from imena.cli.registry import database
    from imena.registry.database import open_registry
    from imena.simulate.registry import import_corpus

    summaries = import_corpus(open_registry(database(ctx)), corpus, records)
    rows = [[s.source, count(s.added), count(s.quarantined)] for s in summaries]
    write_table("Synthetic sources parsed and imported", ["source", "entries added", "quarantined"], rows)
