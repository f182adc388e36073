"""Loading the ledger's tables, from the package and from a user's folders of further rows.

Every row is checked (a source, non-negative counts, categories that add up, units the gazetteer
knows) and every problem is reported with its file and line, all at once, so a user fixes a file in one go.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import TypeVar

from imena.csvfile import Origin, Problem, ReferenceDataError, Row, read_rows
from imena.gazetteer import Gazetteer
from imena.operation.model import (
    MEASURES,
    Categories,
    ChangeKind,
    Figure,
    FigureKind,
    Level,
    Limit,
    LimitChange,
    Tally,
    Unit,
)

CATEGORY_COLUMNS = ("first_category", "second_category", "total")
LIMITS_COLUMNS = ("unit", "unit_en", "level", "parent", *CATEGORY_COLUMNS, "source")
CHANGES_COLUMNS = ("date", "decision", "unit", "unit_en", *CATEGORY_COLUMNS, "kind", "source")
FIGURES_COLUMNS = ("as_of", "scope", "measure", "value", "kind", "source")
# Files of a folder are told apart by the start of their names; the longest prefix wins.
TABLES = {"limit-changes": "changes", "limits": "limits", "figures": "figures", "regions": "regions"}
T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)
# Stands in for a date that did not parse: such a row has a problem and is never stored.
_NO_DATE = dt.date.min


@dataclass(frozen=True)
class Ledger:
    """The limits, their changes and the figures of the operation, with the gazetteer they refer to."""

    limits: tuple[Limit, ...]
    changes: tuple[LimitChange, ...]  # by date
    figures: tuple[Figure, ...]  # by date
    gazetteer: Gazetteer

    def limit_of(self, unit: str) -> Limit | None:
        return next((limit for limit in self.limits if limit.unit.name == unit), None)


def builtin_folder() -> Path:
    return Path(str(resources.files("imena.operation") / "data"))


def table_files(folder: Path) -> dict[str, list[Path]]:
    """The CSV files of a folder by table; a CSV file that belongs to no table is an error."""
    if not folder.is_dir():
        raise ReferenceDataError([Problem(Origin(str(folder), 0), "is not a folder")])
    tables: dict[str, list[Path]] = {table: [] for table in TABLES.values()}
    for path in sorted(folder.glob("*.csv")):
        prefix = next((p for p in TABLES if path.name.startswith(p)), None)
        if prefix is None:
            expected = ", ".join(f"{p}*.csv" for p in TABLES)
            problem = Problem(Origin(str(path), 0), f"is not one of the ledger's tables ({expected})")
            raise ReferenceDataError([problem])
        tables[TABLES[prefix]].append(path)
    return tables


def load_ledger(extra: tuple[Path, ...] = ()) -> Ledger:
    """The built-in ledger plus the rows of each extra folder, validated together."""
    files = table_files(builtin_folder())
    for folder in extra:
        for table, paths in table_files(folder).items():
            files[table].extend(paths)
    gazetteer = Gazetteer.load(files["regions"])
    problems: list[Problem] = []
    limits = _load(files["limits"], LIMITS_COLUMNS, lambda row: _limit(row, gazetteer), problems)
    changes = _load(files["changes"], CHANGES_COLUMNS, lambda row: _change(row, gazetteer), problems)
    figures = _load(files["figures"], FIGURES_COLUMNS, lambda row: _figure(row, gazetteer), problems)
    first_row: dict[str, Origin] = {}
    for limit in limits:
        name = limit.unit.name
        if name in first_row:
            problems.append(Problem(limit.origin, f"{name!r} already has a limit at {first_row[name]}"))
        first_row.setdefault(name, limit.origin)
    if problems:
        raise ReferenceDataError(problems)
    changes.sort(key=lambda change: change.date)
    figures.sort(key=lambda figure: figure.as_of)
    return Ledger(tuple(limits), tuple(changes), tuple(figures), gazetteer)


def _load(paths: list[Path], columns: tuple[str, ...], build: Callable[[Row], T], problems: list[Problem]) -> list[T]:
    items = []
    for path in paths:
        for row in read_rows(path, columns):
            row.text("source", required=True)
            item = build(row)
            problems.extend(row.problems)
            if not row.problems:
                items.append(item)
    return items


def _enum(row: Row, column: str, kind: type[E]) -> E:
    """The cell as a member of the enumeration; an unknown value is a problem and yields the first member."""
    value = row.choice(column, frozenset(kind))
    return kind(value) if value in set(kind) else next(iter(kind))


def _known_unit(row: Row, column: str, gazetteer: Gazetteer) -> str:
    name = row.text(column, required=True)
    if name and name not in gazetteer:
        near = gazetteer.get(name)
        hint = f" (the gazetteer calls it {near.name!r})" if near else " (add it to a regions*.csv file)"
        row.problem(f"'{column}' names the unknown unit {name!r}{hint}")
    return name


def _categories(row: Row, *, blank_beside_printed_is_zero: bool) -> Categories:
    """The three counts of a row, completing what the printed ones imply.

    A missing category is derived from the total and the other category. In the table of limits a
    blank cell was not printed and stays unknown; in a change, a blank category beside a printed one
    was not raised (decisions named the categories they raised), while a bare total leaves its split unknown.
    """
    first, second, total = (row.count(c) for c in CATEGORY_COLUMNS)
    if first is None and second is None and total is None:
        row.problem("gives no number: first_category, second_category and total are all blank")
    if first is not None and second is not None:
        if total is not None and first + second != total:
            row.problem(f"first_category + second_category = {first + second}, but total is {total}")
        total = first + second
    elif total is not None and (first is not None or second is not None):
        given = first if first is not None else second
        assert given is not None
        if given > total:
            row.problem(f"a category ({given}) exceeds the total ({total})")
        elif first is None:
            first = total - given
        else:
            second = total - given
    elif total is None and blank_beside_printed_is_zero:
        first, second = first or 0, second or 0
        total = first + second
    return Categories(Tally.of(first), Tally.of(second), Tally.of(total))


def _limit(row: Row, gazetteer: Gazetteer) -> Limit:
    unit = Unit(
        name=_known_unit(row, "unit", gazetteer),
        name_en=row.text("unit_en"),
        level=_enum(row, "level", Level),
        parent=_known_unit(row, "parent", gazetteer),
    )
    categories = _categories(row, blank_beside_printed_is_zero=False)
    return Limit(unit, categories, row.text("source"), row.text("note"), row.origin)


def _change(row: Row, gazetteer: Gazetteer) -> LimitChange:
    return LimitChange(
        date=row.date("date") or _NO_DATE,
        decision=row.text("decision"),
        unit=_known_unit(row, "unit", gazetteer),
        unit_en=row.text("unit_en"),
        categories=_categories(row, blank_beside_printed_is_zero=True),
        kind=_enum(row, "kind", ChangeKind),
        source=row.text("source"),
        note=row.text("note"),
        origin=row.origin,
    )


def _figure(row: Row, gazetteer: Gazetteer) -> Figure:
    scope = row.text("scope", required=True)
    value = row.count("value")
    if value is None and not row.problems:
        row.problem("'value' is empty")
    return Figure(
        as_of=row.date("as_of") or _NO_DATE,
        scope=scope,
        unit=_scope_unit(row, scope, gazetteer),
        measure=row.choice("measure", MEASURES),
        value=value or 0,
        kind=_enum(row, "kind", FigureKind),
        source=row.text("source"),
        note=row.text("note"),
        origin=row.origin,
    )


def _scope_unit(row: Row, scope: str, gazetteer: Gazetteer) -> str | None:
    """The unit a figure's scope is about: "СССР, все политические дела" is about the USSR,
    "Москва (Бутово)" about Moscow oblast (the city's executions were the oblast NKVD's)."""
    base = re.split(r"[(,]", scope, maxsplit=1)[0].strip()
    region = gazetteer.get(base)
    if region is None:
        found = gazetteer.resolve_place(base)
        region = found.region if found else None
    if scope and region is None:
        row.problem(f"'scope' names the unknown unit {base!r} (add it to a regions*.csv file)")
    return region.name if region else None
