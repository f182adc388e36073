"""`imena import`, `imena stats`, `imena export`: the registry of entries, from the command line."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from imena.cli.output import Format, errors, write_json, write_table
from imena.registry.database import open_registry
from imena.registry.export import export_entries, export_persons
from imena.registry.importer import SourceInfo, import_file
from imena.registry.inputs import MappingError, guess_format, load_mapping
from imena.registry.stats import registry_stats


class ImportFormat(StrEnum):
    AUTO = "auto"
    TEXT = "text"
    JSONL = "jsonl"
    CSV = "csv"


class ExportWhat(StrEnum):
    ENTRIES = "entries"
    PERSONS = "persons"


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    PARQUET = "parquet"


def database(ctx: typer.Context) -> str | None:
    """The registry URL given to `imena --db`, if any (else $IMENA_DB, else imena.db)."""
    url: str | None = (ctx.obj or {}).get("db")
    return url


def import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The file to import.", exists=True, dir_okay=False)],
    source: Annotated[str, typer.Option("--source", help="The source's short id, e.g. memo-db or book-tambov.")],
    title: Annotated[str | None, typer.Option(help="The source's title, for a new source.")] = None,
    format: Annotated[ImportFormat, typer.Option("--format", help="How the file is written.")] = ImportFormat.AUTO,
    mapping: Annotated[Path | None, typer.Option("--map", help="CSV: a JSON mapping of fields to columns.")] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Processes preparing entries (default: one a core, for 4 MiB or more; 0: none)."),
    ] = None,
) -> None:
    """Import a file of entries into the registry: in one transaction, idempotent, with a quarantine."""
    chosen = guess_format(path) if format is ImportFormat.AUTO else format.value
    try:
        columns = load_mapping(mapping) if mapping else None
    except MappingError as error:
        raise typer.BadParameter(str(error), param_hint="--map") from None
    engine = open_registry(database(ctx))
    columns_shown = (SpinnerColumn(), TextColumn("{task.description}: {task.completed:,} entries"), TimeElapsedColumn())
    with Progress(*columns_shown, console=errors) as progress:
        task = progress.add_task(f"Importing {path.name}", total=None)
        try:
            summary = import_file(
                engine, path, SourceInfo(source, title), format=chosen, mapping=columns,
                progress=lambda done: progress.update(task, completed=done), workers=workers,
            )  # fmt: skip
        except MappingError as error:
            errors.print(f"[bold red]Nothing was imported:[/] {error}")
            raise typer.Exit(2) from None
        progress.update(task, completed=summary.read)
    rows = [[label, f"{getattr(summary, key):,}"] for key, label in _SUMMARY]
    write_table(f"{path.name} → {source}", ["", "entries"], rows)
    for line, reason in summary.reasons:
        errors.print(f"{path}, line {line}: quarantined: {reason}", markup=False, highlight=False)


_SUMMARY = (
    ("added", "added"),
    ("versioned", "changed (new version)"),
    ("unchanged", "unchanged"),
    ("quarantined", "quarantined"),
)


def stats_command(
    ctx: typer.Context, format: Annotated[Format, typer.Option("--format", "-f", help="Table or JSON.")] = Format.TABLE
) -> None:
    """What the registry holds: sources, entries, persons, and the entries by penalty and operation."""
    report = registry_stats(open_registry(database(ctx)))
    if format is Format.JSON:
        write_json(report)
        return
    totals = [[key, f"{value:,}"] for key, value in report["totals"].items()]
    write_table("The registry", ["", "count"], totals)
    sources = [
        [s["id"], s["title"], f"{s['entries']:,}", "synthetic" if s["synthetic"] else ""] for s in report["sources"]
    ]
    write_table("Sources", ["id", "title", "entries", ""], sources)


def export_command(
    ctx: typer.Context,
    what: Annotated[ExportWhat, typer.Option("--what", help="Entries, or persons with their entries.")] = (
        ExportWhat.ENTRIES
    ),
    format: Annotated[ExportFormat, typer.Option("--format", help="JSON Lines, CSV or Parquet.")] = ExportFormat.JSONL,
    out: Annotated[Path | None, typer.Option("--out", help="The file to write (standard output if omitted).")] = None,
) -> None:
    """Export the registry's current entries or its persons; synthetic ones stay marked synthetic."""
    if format is ExportFormat.PARQUET and out is None:
        raise typer.BadParameter("Parquet needs a file: give --out", param_hint="--out")
    engine = open_registry(database(ctx))
    written = (export_entries if what is ExportWhat.ENTRIES else export_persons)(engine, format.value, out)
    errors.print(f"{written:,} {what.value} written" + (f" to {out}" if out else ""))


def _years(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    try:
        low, _, high = value.partition("..")
        return int(low), int(high or low)
    except ValueError:
        raise typer.BadParameter(f"{value!r}: give a year or a range such as 1890..1895", param_hint="--born") from None


def search_command(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='A name in any order and script: "Шевченко Иван П.", "Schewtschenko".')],
    born: Annotated[str | None, typer.Option(help="Birth year or range, e.g. 1890..1895.")] = None,
    region: Annotated[str | None, typer.Option(help="The 1937 region, by any of its names.")] = None,
    penalty: Annotated[str | None, typer.Option(help="death, camp, exile, ...")] = None,
    source: Annotated[str | None, typer.Option(help="Only this source's entries.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="How many persons at most.")] = 10,
    format: Annotated[Format, typer.Option("--format", "-f", help="Table or JSON.")] = Format.TABLE,
) -> None:
    """Find persons by name across scripts, spellings, declension and typos, saying why each matched."""
    from imena.gazetteer import Gazetteer
    from imena.registry.search import Filters, search

    unit = None
    if region:
        found = Gazetteer.load().find(region)
        if found is None:
            raise typer.BadParameter(f"no region called {region!r}", param_hint="--region")
        unit = found.name
    filters = Filters(_years(born), unit, penalty, source)
    hits = search(open_registry(database(ctx)), query, filters, limit)
    if format is Format.JSON:
        write_json([hit.as_dict() for hit in hits])
        return
    rows = [
        [str(h.person_id), h.name + (" (synthetic)" if h.synthetic else ""), h.birth or "", f"{h.score:.2f}",
         "; ".join(h.why), ", ".join(h.entry_ids[:3]) + (" …" if len(h.entry_ids) > 3 else "")]
        for h in hits
    ]  # fmt: skip
    write_table(f"«{query}»", ["person", "name", "born", "score", "why", "entries"], rows)
