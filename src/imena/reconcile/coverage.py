"""The documented persons of Order 00447 beside the ledger: limits in force, the NKVD's reports, coverage ratios.

By region: the 00447 persons of each 1937 region by category, against the region's limits in force when the
operation stopped (the order's row plus every approved increase) and the region's latest reported figures. By
month: the persons sentenced in each month, and their running total against the national limits in force at the
month's end and the latest national NKVD report by then. A limit or report the ledger lacks is a gap: shown as
unknown (with what is known of it as a lower bound), never as a number, and its coverage ratio is unknown too.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from imena.operation import (
    OPERATION_END,
    USSR,
    Categories,
    Figure,
    FigureKind,
    Ledger,
    Tally,
    limits_in_force,
    national_in_force,
)
from imena.reconcile.attribution import Operation
from imena.reconcile.documented import DocumentedPerson

UNKNOWN_REGION = "region unknown"
UNKNOWN_MONTH = "month unknown"
REPORTED = ("sentenced", "sentenced_first_category", "sentenced_second_category", "shot")


@dataclass
class Documented:
    """Counts of persons of one row: of Order 00447 by category, and of no known operation."""

    first: int = 0
    second: int = 0
    other_penalty: int = 0  # 00447 persons with another penalty, or none known
    unattributed: int = 0  # persons of no known operation: they may belong to 00447
    synthetic: int = 0

    @property
    def total(self) -> int:
        return self.first + self.second + self.other_penalty

    def add(self, person: DocumentedPerson) -> None:
        self.synthetic += person.synthetic
        if person.operation is Operation.UNKNOWN:
            self.unattributed += 1
        elif person.category == 1:
            self.first += 1
        elif person.category == 2:
            self.second += 1
        else:
            self.other_penalty += 1

    def as_dict(self) -> dict[str, int]:
        return {
            "first_category": self.first, "second_category": self.second, "other_or_unknown_penalty":
            self.other_penalty, "total": self.total, "unattributed": self.unattributed, "synthetic": self.synthetic,
        }  # fmt: skip


@dataclass(frozen=True)
class ReconciledRow:
    """One region or month: the documented, the limits in force, the reports, and coverage where both are known."""

    key: str
    documented: Documented
    limits: Categories | None  # None: the row has no limits to compare (unknown region, unknown month)
    limits_as_of: dt.date | None
    limits_source: tuple[str, ...]
    reported: tuple[Figure, ...]
    cumulative: int | None = None  # months: 00447 persons documented up to the month's end
    notes: tuple[str, ...] = field(default=())

    def coverage(self) -> dict[str, float | None]:
        """Documented over limit, per category: unknown where the limit is (a gap) or is zero."""
        if self.limits is None:
            return dict.fromkeys(("first_category", "second_category", "total"))
        base = self.cumulative if self.cumulative is not None else self.documented.total
        pairs: tuple[tuple[str, int, Tally], ...] = (
            ("first_category", self.documented.first, self.limits.first),
            ("second_category", self.documented.second, self.limits.second),
            ("total", base, self.limits.total),
        )
        if self.cumulative is not None:  # a month's own first and second category are not cumulative
            pairs = pairs[2:]
        return {name: _ratio(count, limit) for name, count, limit in pairs}

    def coverage_of_reported(self) -> float | None:
        """Documented over the latest report of people sentenced, where there is one."""
        sentenced = [f for f in self.reported if f.measure == "sentenced"]
        base = self.cumulative if self.cumulative is not None else self.documented.total
        return round(base / sentenced[-1].value, 6) if sentenced and sentenced[-1].value else None

    def as_dict(self) -> dict[str, Any]:
        limits = self.limits
        return {
            "key": self.key,
            "documented": self.documented.as_dict(),
            **({"documented_to_date": self.cumulative} if self.cumulative is not None else {}),
            "limits": limits.as_dict() if limits else None,
            "limits_at_least": limits.lower_bounds() if limits else None,
            "limits_as_of": self.limits_as_of,
            "limits_source": list(self.limits_source),
            "coverage_of_limits": self.coverage(),
            "reported": [_figure(f) for f in self.reported],
            "coverage_of_reported_sentenced": self.coverage_of_reported(),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Reconciliation:
    by: str  # region or month
    rows: tuple[ReconciledRow, ...]
    persons: int
    by_operation: dict[str, int]
    synthetic: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "synthetic": self.synthetic,
            "persons": self.persons,
            "persons_by_operation": self.by_operation,
            "rows": [row.as_dict() for row in self.rows],
        }


def _ratio(count: int, limit: Tally) -> float | None:
    value = limit.value
    return round(count / value, 6) if value else None


def _figure(figure: Figure) -> dict[str, Any]:
    return {"as_of": figure.as_of, "measure": figure.measure, "value": figure.value, "scope": figure.scope,
            "source": figure.source}  # fmt: skip


def latest_reports(figures: Iterable[Figure], unit: str, as_of: dt.date) -> tuple[Figure, ...]:
    """The latest NKVD report of each measure about a whole unit up to a day (figures are kept by date); a
    report about a part ("Москва (Бутово)") or a wider scope ("СССР, все политические дела") is not compared."""
    latest: dict[str, Figure] = {}
    for figure in figures:
        whole = figure.unit == unit and figure.scope == unit and figure.measure in REPORTED
        if whole and figure.kind is FigureKind.REPORT and figure.as_of <= as_of:
            latest[figure.measure] = figure
    return tuple(latest[m] for m in REPORTED if m in latest)


def _grouped(
    persons: Iterable[DocumentedPerson], key: Callable[[DocumentedPerson], str]
) -> tuple[dict[str, Documented], Counter[str]]:
    """The persons of 00447 or of no known operation grouped by a key, and every person counted by operation."""
    rows: dict[str, Documented] = defaultdict(Documented)
    operations: Counter[str] = Counter()
    for person in persons:
        operations[person.operation.value] += 1
        if person.operation in (Operation.ORDER_00447, Operation.UNKNOWN):
            rows[key(person)].add(person)
    return rows, operations


def reconcile_by_region(persons: Iterable[DocumentedPerson], ledger: Ledger) -> Reconciliation:
    """Every region with a documented person, against its limits at the operation's end and its reports."""
    rows, operations = _grouped(persons, lambda person: person.region or UNKNOWN_REGION)
    reconciled = []
    for region in sorted(rows, key=lambda r: (r == UNKNOWN_REGION, r)):
        if region == UNKNOWN_REGION:
            reconciled.append(ReconciledRow(region, rows[region], None, None, (), (), notes=("no 1937 region",)))
            continue
        limit = limits_in_force(ledger, region, OPERATION_END)
        notes = () if limit.initial else ("limits unknown: a gap in the ledger",)
        reported = latest_reports(ledger.figures, region, OPERATION_END)
        reconciled.append(
            ReconciledRow(region, rows[region], limit.categories, OPERATION_END, tuple(limit.sources), reported,
                          notes=notes)
        )  # fmt: skip
    return _result("region", reconciled, operations)


def reconcile_by_month(persons: Iterable[DocumentedPerson], ledger: Ledger) -> Reconciliation:
    """Every month with a documented person, with the running total against the national plan and reports."""
    rows, operations = _grouped(persons, lambda person: person.month or UNKNOWN_MONTH)
    reconciled, running = [], 0
    for month in sorted(rows, key=lambda m: (m == UNKNOWN_MONTH, m)):
        documented = rows[month]
        if month == UNKNOWN_MONTH:
            reconciled.append(ReconciledRow(month, documented, None, None, (), (), notes=("no date of sentence",)))
            continue
        running += documented.total
        year, number = int(month[:4]), int(month[5:7])
        end = dt.date(year, number, calendar.monthrange(year, number)[1])
        reported = latest_reports(ledger.figures, USSR, end)
        reconciled.append(
            ReconciledRow(month, documented, national_in_force(ledger, end), end, ("national limits in force",),
                          reported, cumulative=running)
        )  # fmt: skip
    return _result("month", reconciled, operations)


def _result(by: str, rows: list[ReconciledRow], operations: Counter[str]) -> Reconciliation:
    synthetic = any(row.documented.synthetic for row in rows)
    return Reconciliation(by, tuple(rows), sum(operations.values()), dict(sorted(operations.items())), synthetic)


CSV_COLUMNS = (
    "key", "first_category", "second_category", "other_or_unknown_penalty", "total", "documented_to_date",
    "unattributed", "limit_first_category", "limit_second_category", "limit_total", "coverage_first_category",
    "coverage_second_category", "coverage_total", "reported_sentenced", "reported_as_of",
    "coverage_of_reported_sentenced", "synthetic", "notes",
)  # fmt: skip


def flat_row(row: ReconciledRow, synthetic: bool) -> dict[str, Any]:
    """One row as the flat record of a CSV file (the columns of CSV_COLUMNS): the CLI's and the web's download."""
    document = row.as_dict()
    limits = document["limits"] or {}
    sentenced = [f for f in row.reported if f.measure == "sentenced"]
    return {
        "key": row.key,
        **document["documented"],
        "documented_to_date": row.cumulative,
        **{f"limit_{name}": value for name, value in limits.items()},
        **{f"coverage_{name}": value for name, value in document["coverage_of_limits"].items()},
        "reported_sentenced": sentenced[-1].value if sentenced else None,
        "reported_as_of": sentenced[-1].as_of if sentenced else None,
        "coverage_of_reported_sentenced": row.coverage_of_reported(),
        "synthetic": synthetic,
        "notes": "; ".join(row.notes),
    }
