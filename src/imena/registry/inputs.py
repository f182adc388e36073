"""What an import reads: records from JSON Lines, entries of text through the parser, or CSV rows by a mapping."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from imena.parse import parse
from imena.parse.reader import read_entries


@dataclass(frozen=True)
class Incoming:
    """One entry of a file: its record, or the reason it cannot be one, with its line and text as read."""

    line: int
    raw: str | bytes  # a JSON line's bytes are decoded only if the entry goes to the quarantine
    record: dict[str, Any] | None
    problem: str | None = None

    @property
    def raw_text(self) -> str:
        return self.raw.decode("utf-8", errors="replace").rstrip("\n") if isinstance(self.raw, bytes) else self.raw


class MappingError(ValueError):
    """A CSV column mapping that cannot be used; the message names the file and what is wrong."""


def guess_format(path: Path) -> str:
    suffix = path.suffix.lower()
    return {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}.get(suffix, "text")


@dataclass(frozen=True, slots=True)
class Item:
    """One entry as read, before the work of making it a record (decoding its JSON, parsing its text),
    which an import may hand to other processes."""

    line: int
    kind: str  # "json": the line's bytes; "text": (id, text) of an entry; "ready": an Incoming made already
    payload: Any


BLOCK = 1 << 20  # bytes of JSON lines read at a time (some 600 entries): an import's workers take a block each
FIRST_BLOCK = 1 << 16  # the first blocks are smaller, growing to BLOCK: the writer need not wait for a whole one


def _cut(path: Path) -> Iterator[tuple[int, int, bytes]]:
    """A JSON Lines file cut in blocks of whole lines: (number of the first line, offset, the block)."""
    first, offset, size = 1, 0, min(FIRST_BLOCK, BLOCK)
    with path.open("rb") as handle:
        while block := handle.read(size):
            if not block.endswith(b"\n"):
                block += handle.readline()
            yield first, offset, block
            first, offset, size = first + block.count(b"\n"), offset + len(block), min(2 * size, BLOCK)


def json_blocks(path: Path) -> Iterator[tuple[int, bytes]]:
    """A JSON Lines file in blocks of whole lines, each with the number of its first line."""
    for first, _, block in _cut(path):
        yield first, block.removesuffix(b"\n")


def json_spans(path: Path) -> Iterator[tuple[int, int, int]]:
    """Where a JSON Lines file's blocks lie (number of the first line, offset, length), for processes that read
    them themselves: handing them the bytes through a pipe cost more than their reading them again."""
    for first, offset, block in _cut(path):
        yield first, offset, len(block)


def json_items(first: int, block: bytes) -> Iterator[Item]:
    """The entries of a block of JSON lines; a blank line is none, yet counts as a line."""
    for n, raw in enumerate(block.split(b"\n")):
        if raw.strip():
            yield Item(first + n, "json", raw)


def read_items(path: Path, format: str, mapping: dict[str, Any] | None = None) -> Iterator[Item]:
    if format == "jsonl":
        for first, block in json_blocks(path):
            yield from json_items(first, block)
    elif format == "csv":
        yield from (Item(entry.line, "ready", entry) for entry in _csv(path, mapping))
    else:
        for item in read_entries(path, "text"):
            if item.entry is None:
                yield Item(item.line, "ready", Incoming(item.line, "", None, item.problem))
            else:
                yield Item(item.line, "text", (item.entry["id"], item.entry["text"]))


def incoming(item: Item) -> Incoming:
    """The record an item stands for, or the reason it is none."""
    if item.kind == "ready":
        return item.payload  # type: ignore[no-any-return]
    if item.kind == "text":
        identifier, text = item.payload
        return Incoming(item.line, text, parse(text, identifier))
    try:
        record = orjson.loads(item.payload)
    except orjson.JSONDecodeError as error:
        return Incoming(item.line, item.payload, None, f"not JSON ({error.msg}, column {error.colno})")
    if not isinstance(record, dict):
        return Incoming(item.line, item.payload, None, f"a record must be a JSON object, not {type(record).__name__}")
    return Incoming(item.line, item.payload, record)


def load_mapping(path: Path) -> dict[str, Any]:
    """A mapping of record fields to CSV columns: {"id": "№", "text": "Текст", "fields": {"name.surname": ...}}."""
    try:
        mapping = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MappingError(f"{path}: not a readable JSON mapping ({error})") from None
    if not isinstance(mapping, dict) or "id" not in mapping:
        raise MappingError(f'{path}: the mapping must be an object naming at least the "id" column')
    if not isinstance(mapping.get("fields", {}), dict):
        raise MappingError(f'{path}: "fields" must map record fields ("name.surname") to column names')
    return mapping


def _csv(path: Path, mapping: dict[str, Any] | None) -> Iterator[Incoming]:
    text = path.read_text("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    mapping = mapping or {"id": "id", "text": "text", "fields": {}}
    wanted = [mapping["id"], *([mapping["text"]] if mapping.get("text") else []), *mapping.get("fields", {}).values()]
    missing = [column for column in wanted if column not in header]
    if missing:
        raise MappingError(f"{path}: no column(s) {', '.join(missing)} (the file has {', '.join(header)})")
    for row in reader:
        raw = ",".join(value or "" for value in row.values() if isinstance(value, str))
        record: dict[str, Any] = {"id": row[mapping["id"]]}
        record["text"] = (
            row[mapping["text"]]
            if mapping.get("text")
            else "; ".join(f"{column}: {value}" for column, value in row.items() if value)
        )
        for field, column in mapping.get("fields", {}).items():
            value = (row.get(column) or "").strip() or None
            target = record
            *parents, last = field.split(".")
            for part in parents:
                target = target.setdefault(part, {})
            target[last] = value
        yield Incoming(reader.line_num, raw, record)
