"""Reading the project's reference CSV files with errors that name the file and the line.

Shared by the ledger and the gazetteer: both are hand-kept CSV tables that users extend with rows of
their own, so every problem must point at the row to fix.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Origin:
    """Where a row came from, so that any figure can be traced to its line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}" if self.line else self.file


@dataclass(frozen=True)
class Problem:
    origin: Origin
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


class ReferenceDataError(ValueError):
    """One or more rows of a reference table are invalid; each problem names its file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Row:
    """One CSV row with its origin; accessors record problems instead of raising at the first one."""

    values: dict[str, str]
    origin: Origin
    problems: list[Problem] = field(default_factory=list)

    def text(self, column: str, *, required: bool = False) -> str:
        value = (self.values.get(column) or "").strip()
        if required and not value:
            self.problem(f"'{column}' is empty")
        return value

    def count(self, column: str) -> int | None:
        """A non-negative whole number, or None where the cell is blank (not printed in the source)."""
        raw = self.text(column)
        if not raw:
            return None
        if not raw.isdigit():
            self.problem(f"'{column}' must be a non-negative whole number, not {raw!r}")
            return None
        return int(raw)

    def date(self, column: str) -> dt.date | None:
        raw = self.text(column, required=True)
        if not raw:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            self.problem(f"'{column}' must be a date as YYYY-MM-DD, not {raw!r}")
            return None

    def choice(self, column: str, allowed: frozenset[str]) -> str:
        value = self.text(column, required=True)
        if value and value not in allowed:
            self.problem(f"'{column}' is {value!r}; expected one of {', '.join(sorted(allowed))}")
        return value

    def problem(self, message: str) -> None:
        self.problems.append(Problem(self.origin, message))


def read_rows(path: Path, required_columns: tuple[str, ...]) -> Iterator[Row]:
    """Yield the rows of a CSV file; a missing column or unreadable file is an error naming the file."""
    name = path.name
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise ReferenceDataError([Problem(Origin(name, 0), f"cannot be read: {error.strerror}")]) from None
    with handle:
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames or []
        except (UnicodeDecodeError, csv.Error) as error:
            problem = Problem(Origin(name, 1), f"is not a UTF-8 CSV file ({error})")
            raise ReferenceDataError([problem]) from None
        missing = [c for c in required_columns if c not in header]
        if missing:
            raise ReferenceDataError([Problem(Origin(name, 1), f"the header lacks the column(s) {', '.join(missing)}")])
        try:
            for values in reader:
                origin = Origin(name, reader.line_num)
                if None in values:
                    yield _broken(values, origin, "has more cells than the header has columns")
                elif any(values[c] is None for c in required_columns):
                    yield _broken(values, origin, "has fewer cells than the header has columns")
                else:
                    yield Row(values, origin)
        except (UnicodeDecodeError, csv.Error) as error:
            line = reader.line_num + 1
            raise ReferenceDataError([Problem(Origin(name, line), f"cannot be parsed ({error})")]) from None


def _broken(values: dict[str, str], origin: Origin, message: str) -> Row:
    row = Row({k: v for k, v in values.items() if isinstance(k, str) and isinstance(v, str)}, origin)
    row.problem(message)
    return row
