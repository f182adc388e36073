"""Capture histories: who each list recorded, as counts per pattern of lists, and whether a stratum can be estimated.

A capture history is a 0/1 pattern over the lists (1: the list names the person); the table counts the people
seen with each pattern. The all-zero pattern is the people no list recorded, the count every estimator seeks,
so it can never be given. Multiple systems estimation needs at least three lists: with two, the dependence
between them cannot be told apart from the size of the population.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from imena.csvfile import Origin, Problem, ReferenceDataError, read_rows

FREQ = "Freq"
STRATUM = "stratum"
WHOLE = "all"  # the stratum of a table without a stratum column
MIN_LISTS = 3
MIN_RECORDS = 50  # below this the unobserved count is a guess, whatever the model says

Patterns = npt.NDArray[np.uint8]
Counts = npt.NDArray[np.int64]


class CaptureHistoriesError(ReferenceDataError):
    """A capture-history table cannot be read; each problem names the file and the line."""


class StratumRefused(ValueError):
    """A stratum lacks the lists or the records an estimate needs; the message says which, and `code` and
    `values` say it again for an interface that words it in another language."""

    def __init__(self, stratum: str, reason: str, code: str = "", values: dict[str, Any] | None = None) -> None:
        self.stratum = stratum
        self.reason = reason
        self.code = code
        self.values = values or {}
        super().__init__(f"stratum {stratum!r} is not estimated: {reason}")


@dataclass(frozen=True)
class CaptureHistories:
    """The people seen by one stratum's lists, as distinct patterns (rows, 0/1 per list) and their counts."""

    lists: tuple[str, ...]
    patterns: Patterns
    counts: Counts

    def __post_init__(self) -> None:
        if self.patterns.shape != (len(self.counts), len(self.lists)):
            raise ValueError("one pattern per count and one column per list are needed")
        if (self.counts < 0).any():
            raise ValueError("counts cannot be negative")
        if len(self.counts) and (self.patterns.sum(axis=1) == 0).any():
            raise ValueError("the all-zero pattern (no list) cannot be observed")

    @property
    def observed(self) -> int:
        return int(self.counts.sum())

    def per_list(self) -> dict[str, int]:
        """How many people each list names."""
        return {name: int(self.counts @ self.patterns[:, j]) for j, name in enumerate(self.lists)}

    def without_empty_lists(self) -> CaptureHistories:
        """The same people over only the lists that name someone: an empty list carries no information."""
        keep = [j for j, n in enumerate(self.per_list().values()) if n > 0]
        return from_patterns([self.lists[j] for j in keep], self.patterns[:, keep], self.counts)


def from_patterns(
    lists: Sequence[str], patterns: npt.ArrayLike, counts: npt.ArrayLike | None = None
) -> CaptureHistories:
    """Capture histories from one 0/1 row per person (or per pattern, with counts); equal patterns are merged."""
    rows = np.asarray(patterns, dtype=np.uint8).reshape(-1, len(lists))
    weights = np.ones(len(rows), dtype=np.int64) if counts is None else np.asarray(counts, dtype=np.int64)
    seen = rows.sum(axis=1) > 0
    rows, weights = rows[seen & (weights > 0)], weights[seen & (weights > 0)]
    unique, index = np.unique(rows, axis=0, return_inverse=True)
    merged = np.bincount(index.reshape(-1), weights=weights, minlength=len(unique)).astype(np.int64)
    return CaptureHistories(tuple(lists), unique.astype(np.uint8).reshape(-1, len(lists)), merged)


def check_estimable(
    stratum: str, histories: CaptureHistories, min_lists: int = MIN_LISTS, min_records: int = MIN_RECORDS
) -> CaptureHistories:
    """The stratum's histories over its non-empty lists, or StratumRefused saying what is lacking."""
    used = histories.without_empty_lists()
    if len(used.lists) < min_lists:
        empty = [name for name, n in histories.per_list().items() if n == 0]
        detail = f" ({', '.join(empty)} name no one here)" if empty else ""
        raise StratumRefused(
            stratum,
            f"{len(used.lists)} list(s) name people in it{detail}; at least {min_lists} are needed, because with "
            "fewer the dependence between lists cannot be told apart from the number of people none recorded",
            "too_few_lists",
            {"lists": len(used.lists), "needed": min_lists, "empty": empty},
        )
    if used.observed < min_records:
        raise StratumRefused(
            stratum,
            f"only {used.observed} people are recorded in it; at least {min_records} are needed",
            "too_few_records",
            {"observed": used.observed, "needed": min_records},
        )
    return used


def read_counts(path: Path) -> dict[str, CaptureHistories]:
    """Read a capture-history CSV (one 0/1 column per list, Freq, optional stratum) into histories per stratum."""
    try:
        rows = list(read_rows(path, (FREQ,)))
    except ReferenceDataError as error:
        raise CaptureHistoriesError(error.problems) from None
    header = list(rows[0].values) if rows else _header(path)
    lists = tuple(c for c in header if c not in (FREQ, STRATUM))
    problems: list[Problem] = []
    if not lists:
        problems.append(Problem(Origin(path.name, 1), "the header names no list: one 0/1 column per list is needed"))
    if len(set(header)) != len(header):
        problems.append(Problem(Origin(path.name, 1), "the header repeats a column"))
    if problems:
        raise CaptureHistoriesError(problems)
    patterns: dict[str, list[list[int]]] = {}
    counts: dict[str, list[int]] = {}
    for row in rows:
        cells = []
        for name in lists:
            raw = row.text(name)
            if raw not in ("0", "1"):
                row.problem(f"'{name}' must be 0 or 1, not {raw!r}")
            cells.append(1 if raw == "1" else 0)
        raw_freq = row.text(FREQ)
        if not raw_freq:
            row.problem(f"'{FREQ}' is empty: the number of people seen with this pattern is needed")
        elif raw_freq.lstrip("-").isdigit() and raw_freq.startswith("-"):
            row.problem(f"'{FREQ}' is negative ({raw_freq}): a count of people cannot be")
        elif not raw_freq.isdigit():
            row.problem(f"'{FREQ}' must be a whole number of people, not {raw_freq!r}")
        freq = int(raw_freq) if raw_freq.isdigit() else 0
        if not any(cells) and freq > 0 and not row.problems:
            row.problem(
                "no list is marked: the people no list recorded are what is estimated, so their count cannot be given"
            )
        stratum = row.text(STRATUM) or WHOLE if STRATUM in header else WHOLE
        problems.extend(row.problems)
        if not row.problems:
            patterns.setdefault(stratum, []).append(cells)
            counts.setdefault(stratum, []).append(freq)
    if problems:
        raise CaptureHistoriesError(problems)
    if not patterns:
        raise CaptureHistoriesError([Problem(Origin(path.name, 1), "holds no rows of capture histories")])
    return {s: from_patterns(lists, patterns[s], counts[s]) for s in patterns}


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        first = handle.readline().strip()
    return [c.strip() for c in first.split(",")] if first else []


def write_counts(path: Path, histories: Mapping[str, CaptureHistories]) -> None:
    """Write histories per stratum as a capture-history CSV that `read_counts` reads back."""
    lists = _common_lists(histories.values())
    with_stratum = len(histories) > 1 or WHOLE not in histories
    lines = [",".join([*([STRATUM] if with_stratum else []), *lists, FREQ])]
    for stratum, table in histories.items():
        for pattern, count in zip(table.patterns, table.counts, strict=True):
            cells = [str(int(v)) for v in pattern]
            lines.append(",".join([*([stratum] if with_stratum else []), *cells, str(int(count))]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _common_lists(tables: Iterable[CaptureHistories]) -> tuple[str, ...]:
    names = {t.lists for t in tables}
    if len(names) != 1:
        raise ValueError("every stratum written to one table must have the same lists")
    return names.pop()
