"""The administrative units of the USSR in 1937-38 at the level that had its own NKVD troika."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from imena.csvfile import Origin, Problem, ReferenceDataError, Row, read_rows

KINDS = frozenset({"country", "union_republic", "krai", "oblast", "assr", "autonomous_oblast", "region_group", "camps"})
COLUMNS = (
    "unit", "unit_en", "kind", "parent", "valid_from", "valid_to", "in_order_table", "earlier_names",
    "later_names", "aliases", "split_from", "successors", "centre", "centre_en", "centre_lat",
    "centre_lon", "source", "note",
)  # fmt: skip
OPTIONAL_COLUMNS = ("members",)
OPERATION_START = dt.date(1937, 8, 5)


@dataclass(frozen=True)
class Region:
    """A krai, oblast, ASSR, republic or other unit as it stood in 1937-38, with its other names."""

    name: str
    name_en: str
    kind: str
    parent: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    in_order_table: bool
    earlier_names: tuple[str, ...]
    later_names: tuple[str, ...]
    aliases: tuple[str, ...]
    split_from: tuple[str, ...]
    successors: tuple[str, ...]
    members: tuple[str, ...]
    centre: str
    centre_en: str
    centre_lat: float | None
    centre_lon: float | None
    source: str
    note: str
    origin: Origin

    def exists_on(self, day: dt.date) -> bool:
        """Whether the unit existed under this name on the day (it ceased to exist on valid_to)."""
        after_start = self.valid_from is None or self.valid_from <= day
        before_end = self.valid_to is None or day < self.valid_to
        return after_start and before_end


def _names(cell: str) -> tuple[str, ...]:
    """Split "A (1929–1936); B" into ("A", "B"): the years are for people, the names for matching."""
    return tuple(name for part in cell.split(";") if (name := part.split("(")[0].strip()))


def _units(cell: str) -> tuple[str, ...]:
    """Split a list of canonical unit names; unlike other names they may hold brackets."""
    return tuple(name for part in cell.split(";") if (name := part.strip()))


def _optional_date(row: Row, column: str) -> dt.date | None:
    return row.date(column) if row.text(column) else None


def _coordinate(row: Row, column: str, low: float, high: float) -> float | None:
    raw = row.text(column)
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        row.problem(f"'{column}' must be a decimal number, not {raw!r}")
        return None
    if not low <= value <= high:
        row.problem(f"'{column}' {value} lies outside the USSR ({low}..{high})")
    return value


def _region(row: Row) -> Region:
    row.text("source", required=True)
    in_table = row.text("in_order_table", required=True)
    if in_table not in ("yes", "no", ""):
        row.problem(f"'in_order_table' must be yes or no, not {in_table!r}")
    return Region(
        name=row.text("unit", required=True),
        name_en=row.text("unit_en", required=True),
        kind=row.choice("kind", KINDS),
        parent=row.text("parent") or None,
        valid_from=_optional_date(row, "valid_from"),
        valid_to=_optional_date(row, "valid_to"),
        in_order_table=in_table == "yes",
        earlier_names=_names(row.text("earlier_names")),
        later_names=_names(row.text("later_names")),
        aliases=_units(row.text("aliases")),
        split_from=_units(row.text("split_from")),
        successors=_units(row.text("successors")),
        members=_units(row.text("members")),
        centre=row.text("centre"),
        centre_en=row.text("centre_en"),
        centre_lat=_coordinate(row, "centre_lat", 35.0, 78.0),
        centre_lon=_coordinate(row, "centre_lon", 19.0, 180.0),
        source=row.text("source"),
        note=row.text("note"),
        origin=row.origin,
    )


def builtin_table() -> Path:
    return Path(str(resources.files("imena.gazetteer") / "data" / "regions-1937.csv"))


def load_regions(extra_files: Iterable[Path] = ()) -> dict[str, Region]:
    """Load the built-in table and any user tables; a unit named twice or a dangling reference is an error."""
    regions: dict[str, Region] = {}
    problems: list[Problem] = []
    for path in (builtin_table(), *extra_files):
        for row in read_rows(path, COLUMNS):
            region = _region(row)
            if region.name in regions:
                first = regions[region.name].origin
                row.problem(f"the unit {region.name!r} is already defined at {first}")
            problems.extend(row.problems)
            if not row.problems:
                regions[region.name] = region
    for region in regions.values():
        references = [region.parent] if region.parent else []
        references += [*region.split_from, *region.successors, *region.members]
        for name in references:
            if name not in regions:
                problems.append(Problem(region.origin, f"names the unknown unit {name!r}"))
    if problems:
        raise ReferenceDataError(problems)
    return regions
