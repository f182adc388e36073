"""`imena parse FILE`: memorial-book entries to records of the schema, one JSON line each."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any

import orjson
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from imena.cli.output import errors, write_table
from imena.parse import parse
from imena.parse.reader import read_entries


class ParseFormat(StrEnum):
    JSONL = "jsonl"
    TABLE = "table"


class InputFormat(StrEnum):
    AUTO = "auto"
    JSONL = "jsonl"
    TEXT = "text"


def command(
    file: Annotated[Path, typer.Argument(help="JSON Lines with id and text, or plain text entries.", exists=True)],
    format: Annotated[ParseFormat, typer.Option("--format", "-f", help="Records as JSON Lines or a table.")] = (
        ParseFormat.JSONL
    ),
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of the screen.")] = None,
    keep_going: Annotated[bool, typer.Option(help="Report bad input lines and go on instead of stopping.")] = False,
    input_format: Annotated[InputFormat, typer.Option("--input", help="How FILE is written.")] = InputFormat.AUTO,
) -> None:
    """Parse memorial-book entries into the record schema, one JSON line per entry, in input order."""
    handle: IO[bytes] = out.open("wb") if out else sys.stdout.buffer
    rows: list[dict[str, Any]] = []
    failed = 0
    try:
        with _progress(out is not None) as progress:
            task = progress.add_task("Parsing", total=None)
            for item in read_entries(file, input_format.value):
                if item.entry is None:
                    failed += 1
                    errors.print(f"{file}: {item.problem}", markup=False, highlight=False)
                    if not keep_going:
                        raise typer.Exit(1)
                    continue
                entry = dict(item.entry)
                text, identifier = entry.pop("text"), str(entry.pop("id"))
                record = parse(text, identifier, entry.pop("source", None), **entry)
                if format is ParseFormat.TABLE:
                    rows.append(record)
                else:
                    handle.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
                progress.advance(task)
    finally:
        if out:
            handle.close()
    if format is ParseFormat.TABLE:
        _table(rows)
    if failed:
        errors.print(f"{failed} line(s) of {file} could not be read and were left out (see above)")


def _progress(visible: bool) -> Progress:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    return Progress(*columns, console=errors, disable=not visible)


def _table(records: list[dict[str, Any]]) -> None:
    def name(record: dict[str, Any]) -> str:
        parts = record.get("name") or {}
        return " ".join(p for p in (parts.get("surname"), parts.get("given"), parts.get("patronymic")) if p)

    rows = []
    for r in records:
        sentence = r.get("sentence") or {}
        execution = r.get("execution") or {}
        birth = r.get("birth") or {}
        cells = [r["id"], name(r), birth.get("date"), sentence.get("date"), sentence.get("body")]
        cells += [sentence.get("penalty"), execution.get("date"), "; ".join(r.get("warnings", []))]
        rows.append([str(c or "") for c in cells])
    headers = ["id", "name", "born", "sentenced", "by", "penalty", "shot", "warnings"]
    synthetic = any(r.get("synthetic") for r in records)
    title = "Parsed entries (SYNTHETIC: invented people)" if synthetic else "Parsed entries"
    caption = "These entries are synthetic: no real person is named." if synthetic else ""
    write_table(title, headers, rows, caption)
