"""Making an entry ready to store: its record checked, serialised, hashed and copied into columns.

This is most of an import's work and needs nothing of the database, so a large file's entries are prepared
in other processes, in chunks and in order, while this one writes; a small file is prepared here, as the
start of a process pool would cost more than it saves.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from imena.gazetteer import Gazetteer
from imena.parse import PARSER_VERSION
from imena.registry.inputs import Incoming, Item, incoming, json_blocks, json_items, json_spans, read_items
from imena.registry.keys import dictionary_rows
from imena.registry.records import COLUMNS, columns, problems, stored_record

CHUNK = 1000  # entries a worker prepares at a time: enough to make the hand-over cheap
PARALLEL_FROM = 4 * 1024 * 1024  # bytes of a file from which preparing in other processes pays


# the entries columns an entry's preparation fills, in the order of Prepared.values
FIELDS = ("page", "text", "parser_version", "synthetic", *COLUMNS)
UTF8 = frozenset({"record", "text"})  # columns whose values come as UTF-8 bytes (see Prepared.stored)


class Prepared(NamedTuple):
    """An entry ready to compare with the stored one and to write, or the reason it goes to the quarantine.
    A tuple of plain values: it crosses from process to process, where a record's nested dicts, or a
    dataclass, would cost twice as much to rebuild."""

    line: int
    entry_id: str | None
    problems: tuple[str, ...]
    raw: str = ""  # the line as read, kept for the quarantine
    # the stored record as sorted JSON, what the hash covers and the row holds; it and the text stay UTF-8
    # bytes on their way to SQLite, which stores them as they are (decoding and encoding them again cost the
    # importing process a fifth of its work)
    stored: bytes = b""
    digest: str = ""
    values: tuple[Any, ...] = ()  # the values of FIELDS

    @property
    def synthetic(self) -> bool:
        return bool(self.values[3])

    @property
    def names(self) -> tuple[str | None, str | None]:
        return self.values[4], self.values[5]  # surname and given name, as printed


def prepare(item: Incoming, gazetteer: Gazetteer) -> Prepared:
    record = item.record
    found = [item.problem] if item.problem else problems(record)
    entry_id = str(record.get("id")) if record is not None and record.get("id") not in (None, "") else None
    if found or record is None:
        return Prepared(item.line, entry_id, tuple(found) or ("not a record",), item.raw_text)
    stored = stored_record(record)
    serialized = orjson.dumps(stored, option=orjson.OPT_SORT_KEYS)
    # the same text and the same fields make the same content; a field added as null changes nothing
    text = record["text"].encode()
    digest = hashlib.sha256(serialized + b"\x00" + text).hexdigest()
    copied = columns(record, gazetteer)
    values = (
        record.get("page"), text, record.get("parser") or PARSER_VERSION, bool(record.get("synthetic")),
        *(copied[name] for name in COLUMNS),
    )  # fmt: skip
    return Prepared(item.line, entry_id, (), "", serialized, digest, values)


@dataclass(frozen=True, slots=True)
class Batch:
    """Entries prepared together, with the name-dictionary rows of their names (made where the entries
    were: phonetic codes are the costliest part of an entry's keys)."""

    entries: list[Prepared]
    forms: set[tuple[str, str, str]]


# The dictionary rows a worker process has handed over in this import: common names recur in every batch,
# and their rows, sent once, cost the importing process nothing more (a third of its work otherwise).
# Set only in a worker, which lives as long as one import's pool.
_handed_over: set[tuple[str, str, str]] | None = None


def _worker_start() -> None:
    global _handed_over
    gc.disable()  # preparing makes no reference cycles, and the collector's passes cost a sixth of the time
    _handed_over = set()


def _prepare_batch(items: list[Item]) -> Batch:
    gazetteer = Gazetteer.load()  # built once per process and kept by the gazetteer itself
    entries = [prepare(incoming(item), gazetteer) for item in items]
    names = {entry.names for entry in entries if entry.values}
    surnames, given = {surname for surname, _ in names}, {name for _, name in names}
    forms = {row for surname in surnames for row in dictionary_rows(surname, None)}
    forms |= {row for name in given for row in dictionary_rows(None, name)}
    if _handed_over is not None:
        forms -= _handed_over
        _handed_over.update(forms)
    return Batch(entries, forms)


def _prepare_lines(first: int, block: bytes) -> Batch:
    """A block of JSON lines prepared where it is read: the importing process only cuts the file in blocks."""
    return _prepare_batch(list(json_items(first, block)))


def _prepare_span(path: str, first: int, offset: int, length: int) -> Batch:
    """A block of JSON lines read and prepared by a worker, given where it lies in the file."""
    with open(path, "rb") as handle:
        handle.seek(offset)
        block = handle.read(length)
    return _prepare_lines(first, block.removesuffix(b"\n"))


def _chunks(items: Iterable[Item]) -> Iterator[tuple[list[Item]]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, CHUNK)):
        yield (chunk,)


def prepared(path: Path, format: str, mapping: dict[str, Any] | None, workers: int) -> Iterator[Batch]:
    """A file's entries prepared in their order, in batches, by `workers` other processes (none: here)."""
    units: Iterator[tuple[Any, ...]]
    work: Callable[..., Batch]
    if format == "jsonl" and workers >= 1:
        units, work = ((str(path), *span) for span in json_spans(path)), _prepare_span
    elif format == "jsonl":
        units, work = json_blocks(path), _prepare_lines
    else:
        units, work = _chunks(read_items(path, format, mapping)), _prepare_batch
    if workers < 1:
        for unit in units:
            yield work(*unit)
        return
    # fork: the workers start at once with the parent's modules loaded; the parent's open database
    # connection is never used in them
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start) as pool:
        waiting: deque[Future[Batch]] = deque()
        while True:
            while len(waiting) < 4 * workers and (more := next(units, ())):
                waiting.append(pool.submit(work, *more))  # a bounded queue: big files stay out of memory
            if not waiting:
                return
            yield waiting.popleft().result()
