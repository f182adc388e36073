"""Writing a command's result as a Rich table, JSON or CSV, the same way for every command."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table

from imena.operation.model import Categories


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


console = Console()
errors = Console(stderr=True, soft_wrap=True)  # an error line is never broken: scripts read it


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=_plain) + "\n")


def write_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in columns})


def count(value: int | None, at_least: int | None = None) -> str:
    """A count for people: thousands separated, unknown said as unknown (with what is known of it)."""
    if value is not None:
        return f"{value:,}"
    return f"unknown (≥ {at_least:,})" if at_least else "unknown"


def categories(value: Categories) -> list[str]:
    """First category, second category and total as table cells."""
    return [count(t.value, t.known) for t in (value.first, value.second, value.total)]


CATEGORY_HEADERS = ["first category", "second category", "total"]


def write_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]], caption: str = "") -> None:
    table = Table(title=title, caption=caption or None, caption_justify="left", show_lines=False)
    for column in columns:
        numeric = column.lower().startswith(("first", "second", "total", "value", "known", "share", "unexplained"))
        table.add_column(column, justify="right" if numeric else "left", overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)
