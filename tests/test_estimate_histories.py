"""Reading capture-history tables: errors name the file and the line, and strata without enough lists are refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from imena.estimate import CaptureHistoriesError, StratumRefused, check_estimable, from_patterns, read_counts

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "synthetic-capture-histories.csv"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "counts.csv"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> str:
    with pytest.raises(CaptureHistoriesError) as caught:
        read_counts(path)
    return str(caught.value)


def test_the_example_has_two_strata_of_four_lists() -> None:
    strata = read_counts(EXAMPLE)
    assert set(strata) == {"synthetic-A", "synthetic-B"}
    assert all(t.lists == ("list1", "list2", "list3", "list4") for t in strata.values())
    assert all(t.observed > 1000 for t in strata.values())


def test_equal_patterns_are_added_and_a_table_without_stratum_is_one_stratum(tmp_path: Path) -> None:
    path = write(tmp_path, "A,B,C,Freq\n1,0,0,5\n0,1,1,2\n1,0,0,3\n")
    [(name, table)] = read_counts(path).items()
    assert name == "all" and table.observed == 10
    assert table.per_list() == {"A": 8, "B": 2, "C": 2}


def test_a_value_other_than_0_or_1_names_its_line_and_column(tmp_path: Path) -> None:
    message = problems(write(tmp_path, "A,B,C,Freq\n1,0,0,5\n0,2,1,2\n"))
    assert "counts.csv, line 3" in message and "'B' must be 0 or 1" in message


def test_a_missing_freq_column_is_named(tmp_path: Path) -> None:
    message = problems(write(tmp_path, "A,B,C,count\n1,0,0,5\n"))
    assert "line 1" in message and "Freq" in message


def test_negative_and_empty_counts_name_their_lines(tmp_path: Path) -> None:
    message = problems(write(tmp_path, "A,B,C,Freq\n1,0,0,-4\n0,1,0,\n0,0,1,x\n"))
    assert "line 2: 'Freq' is negative" in message
    assert "line 3: 'Freq' is empty" in message
    assert "line 4: 'Freq' must be a whole number" in message


def test_the_all_zero_row_is_refused_because_it_is_what_is_estimated(tmp_path: Path) -> None:
    message = problems(write(tmp_path, "A,B,C,Freq\n1,0,0,5\n0,0,0,7\n"))
    assert "line 3" in message and "no list is marked" in message


def test_fewer_than_three_lists_are_refused() -> None:
    two = from_patterns(["A", "B"], [[1, 0], [0, 1], [1, 1]], [300, 200, 100])
    with pytest.raises(StratumRefused, match="at least 3"):
        check_estimable("north", two)


def test_a_list_naming_no_one_in_the_stratum_does_not_count() -> None:
    table = from_patterns(["A", "B", "C"], [[1, 0, 0], [0, 1, 0], [1, 1, 0]], [300, 200, 100])
    with pytest.raises(StratumRefused, match="C name no one"):
        check_estimable("north", table)


def test_too_few_records_are_refused() -> None:
    table = from_patterns(["A", "B", "C"], np.eye(3, dtype=int), [5, 5, 5])
    with pytest.raises(StratumRefused, match="only 15 people"):
        check_estimable("north", table)
