"""`imena regions ...`: the gazetteer of 1937-38 and the resolution of sentencing bodies and places."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

import typer

from imena.cli.output import Format, write_csv, write_json, write_table
from imena.gazetteer import Gazetteer, Region, Resolution

app = typer.Typer(
    help="The regions of 1937-38 (krais, oblasts, ASSRs, republics) and what entries' strings say of them.",
    no_args_is_help=True,
)
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")]
COLUMNS = (
    "unit",
    "unit_en",
    "kind",
    "parent",
    "valid_from",
    "valid_to",
    "in_order_table",
    "centre",
    "centre_lat",
    "centre_lon",
    "source",
)


class Reading(StrEnum):
    BODY = "body"
    PLACE = "place"


def region_document(region: Region) -> dict[str, Any]:
    return {
        "unit": region.name,
        "unit_en": region.name_en,
        "kind": region.kind,
        "parent": region.parent,
        "valid_from": region.valid_from,
        "valid_to": region.valid_to,
        "in_order_table": region.in_order_table,
        "earlier_names": list(region.earlier_names),
        "later_names": list(region.later_names),
        "aliases": list(region.aliases),
        "centre": region.centre,
        "centre_en": region.centre_en,
        "centre_lat": region.centre_lat,
        "centre_lon": region.centre_lon,
        "source": region.source,
        "note": region.note,
    }


@app.command("list")
def list_regions(format: FormatOption = Format.TABLE) -> None:
    """Every unit of the gazetteer with its kind, dates, centre and source."""
    regions = list(Gazetteer.load().regions.values())
    documents = [region_document(r) for r in regions]
    if format is Format.JSON:
        write_json(documents)
    elif format is Format.CSV:
        write_csv(documents, COLUMNS)
    else:
        rows = [
            [r.name, r.name_en, r.kind, r.parent or "", _span(r), "yes" if r.in_order_table else "", r.centre]
            for r in regions
        ]
        write_table(
            "Regions of 1937-38", ["unit", "English", "kind", "parent", "existed", "in the order", "centre"], rows
        )


def _span(region: Region) -> str:
    if not region.valid_from and not region.valid_to:
        return ""
    return f"{region.valid_from or '…'} – {region.valid_to or '…'}"


def resolution_document(text: str, found: Resolution | None) -> dict[str, Any]:
    return {
        "text": text,
        "unit": found.region.name if found and found.region else None,
        "unit_en": found.region.name_en if found and found.region else None,
        "rule": found.rule if found else None,
        "matched": found.matched if found else None,
        "candidates": [r.name for r in found.candidates] if found else [],
    }


@app.command()
def resolve(
    texts: Annotated[list[str], typer.Argument(help="Sentencing bodies or place strings, as printed.")],
    reading: Annotated[
        Reading, typer.Option("--as", help="Read the strings as sentencing bodies or as places.")
    ] = Reading.BODY,
    date: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="The date of the sentence or residence.")
    ] = None,
    format: FormatOption = Format.TABLE,
) -> None:
    """The 1937 region a sentencing body ("тройка при УНКВД по ДВК") or a place string belongs to."""
    gazetteer = Gazetteer.load()
    on = dt.date.fromisoformat(date) if date else None
    resolver = gazetteer.resolve_body if reading is Reading.BODY else gazetteer.resolve_place
    documents = [resolution_document(text, resolver(text, on=on)) for text in texts]
    if format is Format.JSON:
        write_json(documents)
    elif format is Format.CSV:
        write_csv(documents, ("text", "unit", "unit_en", "rule", "matched"))
    else:
        rows = [
            [
                d["text"],
                d["unit"] or ("ambiguous: " + ", ".join(d["candidates"]) if d["candidates"] else "—"),
                d["rule"] or "not resolved",
                d["matched"] or "",
            ]
            for d in documents
        ]
        write_table("Resolved", ["text", "region", "rule", "matched words"], rows)


def _verdict(document: dict[str, Any]) -> str:
    if document["unit"]:
        return str(document["unit"])
    if document["candidates"]:
        return "ambiguous: " + ", ".join(document["candidates"])
    return "—"
