"""The `imena operation` commands and their documented JSON (docs/operation.md)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from imena.cli import app

runner = CliRunner()


def run_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_limits_json_has_the_documented_shape_and_national_totals() -> None:
    document = run_json("operation", "limits")
    assert document["as_of"] == "1937-07-30"
    assert document["totals"] == {"first_category": 75950, "second_category": 193000, "total": 268950}
    required = {"unit", "unit_en", "level", "parent", "first_category", "second_category", "total", "source"}
    assert all(required <= unit.keys() for unit in document["units"])
    moscow = next(u for u in document["units"] if u["unit"] == "Московская область")
    assert (moscow["unit_en"], moscow["level"], moscow["parent"]) == ("Moscow oblast", "region", "РСФСР")
    assert "Werth" in moscow["source"]


def test_limits_for_one_unit_on_a_date_by_its_english_name() -> None:
    document = run_json("operation", "limits", "--date", "1937-09-17", "--unit", "Kalinin oblast")
    [kalinin] = document["units"]
    assert kalinin["unit"] == "Калининская область"
    assert (kalinin["first_category"], kalinin["second_category"], kalinin["total"]) == (2500, 3000, 5500)
    assert [i["date"] for i in kalinin["increases"]] == ["1937-09-16"]


def test_unknown_limits_are_null_never_zero() -> None:
    document = run_json("operation", "limits", "--date", "1938-11-17", "--unit", "Иркутская область")
    [irkutsk] = document["units"]
    assert irkutsk["first_category"] is None and irkutsk["total"] is None
    assert irkutsk["at_least"]["total"] == 3500 + 4000 + 5000
    assert irkutsk["complete"] is False


def test_limits_csv_and_table() -> None:
    result = runner.invoke(app, ["operation", "limits", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0].keys() >= {"unit", "first_category", "source"}
    assert {r["unit"] for r in rows} >= {"Московская область", "Лагеря НКВД"}
    table = runner.invoke(app, ["operation", "limits", "--date", "1938-03-01"])
    assert table.exit_code == 0 and "unknown" in table.stdout


def test_bad_options_are_refused_clearly() -> None:
    result = runner.invoke(app, ["operation", "limits", "--date", "1937-02-30"])
    assert result.exit_code == 2 and "is not a date" in result.output
    result = runner.invoke(app, ["operation", "limits", "--unit", "Атлантида"])
    assert result.exit_code == 2 and "no unit called 'Атлантида'" in result.output


def test_timeline_json_rows_are_sorted_and_hold_the_plan() -> None:
    rows = run_json("operation", "timeline")
    assert all({"date", "scope", "measure", "value", "kind", "source"} <= row.keys() for row in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    plans = [r for r in rows if r["kind"] == "plan" and r["measure"] == "limit_total"]
    assert plans[0] == {**plans[0], "date": "1937-07-30", "value": 268950}
    assert any(r["date"] == "1938-01-31" and r["value"] == 450350 for r in plans)
    reports = {(r["date"], r["measure"]): r["value"] for r in rows if r["kind"] == "report" and r["scope"] == "СССР"}
    assert reports[("1938-11-17", "shot")] == 387000


def test_gaps_json() -> None:
    document = run_json("operation", "gaps")
    ukraine = next(r for r in document["republics"] if r["unit"] == "Украинская ССР")
    assert sorted(ukraine["missing_units"]) == ["Винницкая область", "Днепропетровская область", "Киевская область"]
    assert ukraine["share_explained"]["total"] == round(16300 / 28800, 4)
    assert document["table_units"] == 65


def test_every_command_explains_itself() -> None:
    for command in (["--help"], ["operation", "--help"], ["regions", "--help"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0
    help_text = runner.invoke(app, ["operation", "--help"]).stdout
    for name in ("limits", "changes", "timeline", "gaps", "summary"):
        assert name in help_text


def test_summary_and_gaps_tables_run() -> None:
    for command in ("summary", "gaps", "changes", "timeline"):
        result = runner.invoke(app, ["operation", command])
        assert result.exit_code == 0, result.output
    assert "2.85×" in runner.invoke(app, ["operation", "summary"]).stdout  # 767,000 of a plan of 268,950


def test_bad_extra_data_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "figures-extra.csv").write_text(
        "as_of,scope,measure,value,kind,source\n1938-01-01,СССР,shot,-1,report,test\n", "utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-c", "from imena.cli import main; main()", "operation", "limits", "--extra", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "figures-extra.csv, line 2: 'value' must be a non-negative whole number" in result.stderr
