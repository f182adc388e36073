"""`imena operation ...`: the order's limits, their increases and the NKVD's figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from imena.cli.output import CATEGORY_HEADERS, Format, categories, count, write_csv, write_json, write_table
from imena.operation import (
    OPERATION_END,
    ORDER_DATE,
    USSR,
    Categories,
    FigureKind,
    Ledger,
    completeness,
    limits_in_force,
    load_ledger,
    national_in_force,
    timeline,
    units_in_force,
)
from imena.operation.documents import changes_document, gaps_document, limits_document, timeline_document

app = typer.Typer(
    help="The operation ledger: the order's limits by region, their dated increases, the NKVD's reports "
    "and scholars' estimates, each with its source.",
    no_args_is_help=True,
)

ExtraOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--extra",
        help="A folder of further rows (limits*.csv, limit-changes*.csv, figures*.csv, regions*.csv) in the "
        "same columns as the built-in tables; may be given more than once.",
        file_okay=False,
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")]


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date as YYYY-MM-DD") from None


DateOption = Annotated[
    dt.date | None,
    typer.Option(
        "--date", parser=_date, metavar="YYYY-MM-DD", help="The day the limits are in force on (default 1937-07-30)."
    ),
]


def _ledger(extra: list[Path] | None) -> Ledger:
    return load_ledger(tuple(extra or ()))


@app.command()
def limits(
    date: DateOption = None,
    unit: Annotated[str | None, typer.Option(help="One unit, by its Russian or English name or abbreviation.")] = None,
    format: FormatOption = Format.TABLE,
    extra: ExtraOption = None,
) -> None:
    """The limits in force on a date: the order's table plus the increases approved by then."""
    ledger = _ledger(extra)
    as_of = date or ORDER_DATE
    if unit is None:
        rows = units_in_force(ledger, as_of)
    else:
        region = ledger.gazetteer.find(unit)
        if region is None:
            raise typer.BadParameter(
                f"no unit called {unit!r}; `imena regions list` shows them all", param_hint="--unit"
            )
        rows = [limits_in_force(ledger, region.name, as_of)]
    document = limits_document(ledger, rows, as_of)
    if format is Format.JSON:
        write_json(document)
    elif format is Format.CSV:
        columns = ("unit", "unit_en", "level", "parent", "first_category", "second_category", "total", "source")
        write_csv(document["units"], columns)
    else:
        table = []
        for row in rows:
            c = row.categories
            cells = [count(t.value, t.known) for t in (c.first, c.second, c.total)]
            table.append([row.unit, row.level or "no row in the order", *cells, str(len(row.increases) or "")])
        totals = national_in_force(ledger, as_of)
        table.append(
            [
                "СССР (national total)",
                "",
                *[count(t.value, t.known) for t in (totals.first, totals.second, totals.total)],
                "",
            ]
        )
        write_table(
            f"Limits in force on {as_of}",
            ["unit", "level", "first category", "second category", "total", "increases"],
            table,
            caption="First category: shooting. Second: 8-10 years of camp. Sources: --format json.",
        )


@app.command()
def changes(format: FormatOption = Format.TABLE, extra: ExtraOption = None) -> None:
    """Every dated change of the limits: approved increases and regions' requests."""
    ledger = _ledger(extra)
    documents = changes_document(ledger)
    if format is Format.JSON:
        write_json(documents)
    elif format is Format.CSV:
        write_csv(
            documents,
            (
                "date",
                "decision",
                "unit",
                "unit_en",
                "first_category",
                "second_category",
                "total",
                "kind",
                "source",
                "note",
            ),
        )
    else:
        rows = [
            [
                d["date"],
                d["unit"],
                d["kind"],
                *(count(d[k]) for k in ("first_category", "second_category", "total")),
                "part of the national decision" if d["part_of"] else d["note"],
            ]
            for d in documents
        ]
        write_table("Changes of the limits", ["date", "unit", "kind", "first", "second", "total", "note"], rows)


@app.command("timeline")
def timeline_command(format: FormatOption = Format.TABLE, extra: ExtraOption = None) -> None:
    """The national plan over time beside the NKVD's reported figures and scholars' estimates."""
    rows = timeline(_ledger(extra))
    documents = timeline_document(rows)
    if format is Format.JSON:
        write_json(documents)
    elif format is Format.CSV:
        write_csv(documents, tuple(documents[0]) if documents else ())
    else:
        table = [[r.date.isoformat(), r.scope, r.measure, count(r.value, r.lower_bound), r.kind, r.note] for r in rows]
        write_table("The plan and the figures", ["date", "scope", "measure", "value", "kind", "note"], table)


@app.command()
def gaps(format: FormatOption = Format.TABLE, extra: ExtraOption = None) -> None:
    """What the ledger does not know: missing rows of the order's table and unpublished splits."""
    report = completeness(_ledger(extra))
    document = gaps_document(report)
    if format is Format.JSON:
        write_json(document)
        return
    if format is Format.CSV:
        flat = [
            {"unit": r["unit"], "status": status, "member": name}
            for r in document["republics"]
            for status, names in (("known", r["known_units"]), ("missing", r["missing_units"]))
            for name in names
        ]
        write_csv(flat, ("unit", "status", "member"))
        return
    for gap in report.republics:
        share = gap.explained.total.known / gap.total.total.known if gap.total.total.known else 0
        lines = (("order's total", gap.total), ("known rows", gap.explained), ("unexplained", gap.unexplained))
        caption = (
            f"Known rows explain {share:.1%} of the total. Missing rows: {', '.join(gap.missing_units) or 'none'}."
        )
        if gap.group_units:
            caption += " Known only as part of a group: " + ", ".join(f"{u} (in «{g}»)" for u, g in gap.group_units)
        _categories_table(f"{gap.republic} ({gap.republic_en})", lines, caption)
    for decision in report.decisions:
        d = decision.decision
        lines = (
            ("national increase", d.categories),
            ("known regional parts", decision.known_parts),
            ("regional split unknown", decision.unallocated),
        )
        parts = ", ".join(p.unit for p in decision.parts) or "none"
        _categories_table(f"{d.date}: {d.decision}", lines, f"Regions known: {parts}.")
    unsplit = [[c.date.isoformat(), c.unit, count(c.categories.total.value), c.note] for c in report.unsplit_changes]
    write_table("Increases whose category split is not known", ["date", "unit", "total", "note"], unsplit)


def _categories_table(title: str, lines: tuple[tuple[str, Categories], ...], caption: str) -> None:
    write_table(title, ["", *CATEGORY_HEADERS], [[label, *categories(c)] for label, c in lines], caption)


@app.command()
def summary(extra: ExtraOption = None) -> None:
    """What the ledger holds, and the plan against what the NKVD reported at the end."""
    ledger = _ledger(extra)
    start, end = national_in_force(ledger, ORDER_DATE), national_in_force(ledger, OPERATION_END)
    reported = {
        f.measure: f.value
        for f in ledger.figures
        if f.as_of == OPERATION_END and f.kind is FigureKind.REPORT and f.scope == USSR
    }
    sentenced, shot = reported.get("sentenced"), reported.get("shot")
    rows = [
        ["rows of the order's table of limits", str(len(ledger.limits))],
        ["limit changes (increases and requests)", str(len(ledger.changes))],
        ["figures (plan, reports, estimates)", str(len(ledger.figures))],
        ["units in the gazetteer", str(len(ledger.gazetteer.regions))],
        ["plan of 30 July 1937: total / first category", f"{count(start.total.value)} / {count(start.first.value)}"],
        [
            f"plan in force on {OPERATION_END}: total / first category",
            f"{count(end.total.value, end.total.known)} / {count(end.first.value, end.first.known)}",
        ],
        [f"reported on {OPERATION_END}: sentenced / shot", f"{count(sentenced)} / {count(shot)}"],
    ]
    if sentenced and start.total.value:
        rows.append(["sentenced as a multiple of the plan of 30 July 1937", f"{sentenced / start.total.value:.2f}×"])
    write_table("The ledger of Order No. 00447", ["", ""], rows)
