"""`imena estimate --counts`: the documented JSON, and clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from imena.cli import app

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "synthetic-capture-histories.csv"
QUICK = ["--burn-in", "300", "--draws", "100", "--thinning", "3"]


def test_json_has_the_documented_shape_for_both_methods() -> None:
    for method in ("loglinear", "lcmcr"):
        result = runner.invoke(app, ["estimate", "--counts", str(EXAMPLE), "-m", method, "-f", "json", *QUICK])
        assert result.exit_code == 0, result.output
        document = json.loads(result.stdout)
        keys = {"stratum", "observed", "estimate", "lower", "upper", "method"}
        assert [s["stratum"] for s in document["strata"]] == ["synthetic-A", "synthetic-B"]
        for row in (*document["strata"], document["total"]):
            assert keys <= row.keys() and row["method"] == method
            assert row["observed"] <= row["lower"] <= row["estimate"] <= row["upper"]
        assert document["total"]["observed"] == sum(s["observed"] for s in document["strata"])
        assert any("Assumptions" in paragraph for paragraph in document["explanation"])


def test_the_table_explains_the_method() -> None:
    result = runner.invoke(app, ["estimate", "--counts", str(EXAMPLE), "-m", "loglinear"])
    assert result.exit_code == 0, result.output
    assert "Assumptions" in result.stdout and "log-linear" in result.stdout


def test_a_bad_file_is_reported_by_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("A,B,C,Freq\n1,0,0,5\n0,1,yes,2\n", encoding="utf-8")
    result = runner.invoke(app, ["estimate", "--counts", str(path)])
    assert result.exit_code == 2
    assert "bad.csv, line 3: 'C' must be 0 or 1" in result.stderr


def test_two_lists_are_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    path.write_text("A,B,Freq\n1,0,300\n0,1,200\n1,1,100\n", encoding="utf-8")
    result = runner.invoke(app, ["estimate", "--counts", str(path), "-m", "loglinear", "-f", "json"])
    assert result.exit_code == 2
    [stratum] = json.loads(result.stdout)["strata"]
    assert stratum["estimate"] is None and "at least 3" in stratum["refused"]
