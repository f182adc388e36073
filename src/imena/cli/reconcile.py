"""`imena reconcile`: the registry's persons of Order 00447 against the ledger's limits and reports."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated

import typer

from imena.cli.output import Format, console, count, write_csv, write_json, write_table
from imena.cli.registry import database
from imena.operation import Tally, load_ledger
from imena.reconcile.coverage import (
    CSV_COLUMNS,
    Reconciliation,
    flat_row,
    reconcile_by_month,
    reconcile_by_region,
)
from imena.reconcile.documented import DocumentedPerson, documented_persons
from imena.registry.database import open_registry


class By(StrEnum):
    REGION = "region"
    MONTH = "month"
    PERSON = "person"


def command(
    ctx: typer.Context,
    by: Annotated[
        By, typer.Option("--by", help="Rows by 1937 region, by month of sentence, or each person with its reasons.")
    ] = By.REGION,
    format: Annotated[Format, typer.Option("--format", "-f", help="Table, JSON or CSV.")] = Format.TABLE,
) -> None:
    """Documented persons of Order 00447 by region or month and category, against the limits in force and the
    NKVD's reported figures (a gap in the ledger is shown as unknown); or each person's operation and why."""
    persons = documented_persons(open_registry(database(ctx)))
    if by is By.PERSON:
        _persons(persons, format)
        return
    ledger = load_ledger()
    report = reconcile_by_region(persons, ledger) if by is By.REGION else reconcile_by_month(persons, ledger)
    if format is Format.JSON:
        write_json(report.as_dict())
    elif format is Format.CSV:
        write_csv([flat_row(row, report.synthetic) for row in report.rows], CSV_COLUMNS)
    else:
        _table(report)


PERSON_COLUMNS = ("person", "operation", "region", "month", "category", "sources", "reasons", "disputed", "synthetic")


def _persons(persons: Iterable[DocumentedPerson], format: Format) -> None:
    """Each person's operation and why, with the region, month and category it is counted under."""
    documents = [person.as_dict() for person in persons]
    if format is Format.JSON:
        write_json(documents)
        return
    flat = [{**d, **{k: "; ".join(d[k]) for k in ("sources", "reasons", "disputed")}} for d in documents]
    if format is Format.CSV:
        write_csv(flat, PERSON_COLUMNS)
        return
    rows = [[str(d[c] if d[c] is not None else "") for c in PERSON_COLUMNS[:-1]] for d in flat]
    write_table("Persons and their operation", PERSON_COLUMNS[:-1], rows)


def _limit(tally: Tally | None) -> str:
    if tally is None:
        return ""
    return count(tally.value, tally.known)


def _share(value: float | None) -> str:
    return "" if value is None else f"{value:.2%}"


def _table(report: Reconciliation) -> None:
    monthly = report.by == "month"
    rows = []
    for row in report.rows:
        limits, coverage = row.limits, row.coverage()
        documented = row.documented
        reported = [f"{f.measure} {f.value:,} ({f.as_of})" for f in row.reported if f.measure in ("sentenced", "shot")]
        cells = [
            row.key, count(documented.first), count(documented.second), count(documented.total),
            *([count(row.cumulative)] if monthly else []), count(documented.unattributed),
            *([] if monthly else [_limit(limits.first if limits else None), _limit(limits.second if limits else None)]),
            _limit(limits.total if limits else None), _share(coverage["total"]), "; ".join(reported),
            "; ".join(row.notes),
        ]  # fmt: skip
        rows.append(cells)
    headers = ["month" if monthly else "region", "first category", "second category", "total documented"]
    headers += ["total to date"] if monthly else []
    headers += ["unattributed"]
    headers += ["limit in force, total (USSR)"] if monthly else ["limit first", "limit second", "limit total"]
    headers += ["share of the limit", "reported", "notes"]
    synthetic = " — synthetic data" if report.synthetic else ""
    write_table(f"Documented persons of Order 00447 by {report.by}{synthetic}", headers, rows)
    operations = ", ".join(f"{name} {n:,}" for name, n in report.by_operation.items())
    console.print(f"{report.persons:,} persons by operation: {operations}.", highlight=False)
    console.print(
        "Unattributed persons (no sentencing body in any entry) are counted apart: they may belong to 00447. "
        "Unknown limits are gaps in the ledger, shown with what is known of them as a lower bound.",
        highlight=False,
    )
