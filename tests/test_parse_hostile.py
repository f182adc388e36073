"""Malformed and hostile input: a clear error or warning, never a crash or a silent loss."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from imena.parse import MAX_ENTRY, parse


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from imena.cli import main; main()", "parse", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_empty_and_blank_entries_are_warned_about() -> None:
    for text in ("", "   \n\t"):
        record = parse(text, "x")
        assert record["warnings"] == ["empty entry"] and record["text"] == text


def test_a_huge_entry_is_kept_whole_with_a_warning() -> None:
    text = "Родился в 1890 г. " * (MAX_ENTRY // 10)
    record = parse(text, "huge")
    assert record["unparsed"] == text
    assert "too long" in record["warnings"][0]


def test_random_and_mixed_script_text_never_crashes() -> None:
    rng = random.Random(5)
    alphabet = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗ abcdefXYZ ѣіѳ 0123456789.,;:-()"\n№/\x00\ufffd'
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400)))
        record = parse(text, "r")
        assert record["text"] == text
    record = parse("Ivanov Иван Petrovich, род. 1890, русский. Расстрелян 01.02.1938.\x00", "m")
    assert record["execution"]["date"] == "1938-02-01"
    assert "control or replacement" in record["warnings"][-1]


def test_brackets_that_never_close_do_not_stall() -> None:
    text = "Родился в 1890 г., " + "(" * 5000 + "; русский"
    assert parse(text, "p")["birth"]["date"] == "1890"


def test_a_malformed_line_is_named_and_stops_the_run(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "text": "Родился в 1890 г."}\n{broken\n{"id": 3, "text": "x"}\n', "utf-8")
    result = _run(str(path))
    assert result.returncode == 1
    assert "line 2: not a JSON object" in result.stderr
    assert result.stdout.count("\n") == 1  # the entry before it, nothing after
    kept = _run(str(path), "--keep-going")
    assert kept.returncode == 0 and kept.stdout.count("\n") == 2
    assert "1 line(s)" in kept.stderr


def test_binary_input_is_reported_by_line(tmp_path: Path) -> None:
    path = tmp_path / "in.bin"
    path.write_bytes(b"\xff\xfe\x00garbage\n\x80\x81\n")
    result = _run(str(path), "--keep-going")
    assert result.returncode == 0
    assert "line 1: not UTF-8 text" in result.stderr


def test_plain_text_entries_keep_their_order_and_ordinals(tmp_path: Path) -> None:
    path = tmp_path / "book.txt"
    path.write_text("Родился в 1890 г.\n\n---\nРодилась в 1891 г.\n\nРодился в 1892 г.\n", "utf-8")
    out = tmp_path / "out.jsonl"
    assert _run(str(path), "--out", str(out)).returncode == 0
    import json

    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [(r["id"], r["birth"]["date"], r["sex"]) for r in records] == [
        ("1", "1890", "m"),
        ("2", "1891", "f"),
        ("3", "1892", "m"),
    ]


def test_synthetic_entries_are_marked_in_the_table(tmp_path: Path) -> None:
    path = tmp_path / "syn.jsonl"
    path.write_text('{"id": "s1", "text": "Родился в 1890 г.", "synthetic": true}\n', "utf-8")
    result = _run(str(path), "--format", "table")
    assert result.returncode == 0 and "SYNTHETIC" in result.stdout
    record = _run(str(path)).stdout
    assert '"synthetic":true' in record
