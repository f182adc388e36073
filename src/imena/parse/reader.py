"""Reading entries to parse: JSON Lines with `id` and `text`, or plain text separated by blank or `---` lines.

A line that cannot be read is reported with its number, never skipped in silence; the caller decides whether
to stop or keep going.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Item:
    """An entry to parse with the keys that pass through, or the problem with the line it came from."""

    line: int
    entry: dict[str, Any] | None
    problem: str | None = None


def detect_format(path: Path) -> str:
    """ "jsonl" if the first non-blank line is a JSON object, else "text"."""
    with path.open("rb") as handle:
        for raw in handle:
            stripped = raw.strip()
            if stripped:
                return "jsonl" if stripped.startswith(b"{") else "text"
    return "text"


def read_entries(path: Path, format: str = "auto") -> Iterator[Item]:
    chosen = detect_format(path) if format == "auto" else format
    yield from (_jsonl(path) if chosen == "jsonl" else _text(path))


def _jsonl(path: Path) -> Iterator[Item]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as error:
                yield Item(number, None, f"line {number}: not UTF-8 text ({error.reason} at byte {error.start})")
                continue
            except json.JSONDecodeError as error:
                yield Item(number, None, f"line {number}: not a JSON object ({error.msg}, column {error.colno})")
                continue
            if not isinstance(entry, dict):
                yield Item(number, None, f"line {number}: a JSON {type(entry).__name__}, not an object")
            elif not isinstance(entry.get("text"), str):
                yield Item(number, None, f'line {number}: no "text" string')
            elif "id" not in entry:
                yield Item(number, None, f'line {number}: no "id"')
            else:
                yield Item(number, entry)


def _text(path: Path) -> Iterator[Item]:
    """Entries of plain text, separated by blank lines or lines of "---"; ids are their ordinals from 1."""
    lines: list[str] = []
    first = 0
    ordinal = 0
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError as error:
                yield Item(number, None, f"line {number}: not UTF-8 text ({error.reason} at byte {error.start})")
                continue
            if line.strip() in ("", "---"):
                if lines:
                    ordinal += 1
                    yield Item(first, {"id": str(ordinal), "text": "\n".join(lines)})
                    lines = []
                continue
            if not lines:
                first = number
            lines.append(line)
    if lines:
        yield Item(first, {"id": str(ordinal + 1), "text": "\n".join(lines)})
