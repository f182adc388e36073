"""A small synthetic corpus for the linkage tests, parsed from its text as real entries would be, and a model
trained on it; made once per test run (every person in it is invented and marked synthetic)."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from imena.link.engine import Model, duckdb_engine, train
from imena.link.frame import entry_key, linkage_table
from imena.parse import parse
from imena.simulate.corpus import write_corpus

SCALE, SEED = 0.002, 7


@cache
def records() -> tuple[dict[str, Any], ...]:
    """Each entry parsed from its text, with its true person as `person_id`."""
    with tempfile.TemporaryDirectory() as folder:
        write_corpus(Path(folder), SCALE, SEED)
        found = []
        for path in sorted(Path(folder).glob("syn-*.jsonl")):
            for line in path.open("rb"):
                entry = orjson.loads(line)
                assert entry["synthetic"] is True
                record = parse(entry["text"], entry["id"], entry["source"])
                record["person_id"] = entry["truth"]["person_id"]
                found.append(record)
    return tuple(found)


def truth() -> dict[str, str]:
    return {entry_key(record): record["person_id"] for record in records()}


@cache
def entries() -> pa.Table:
    return linkage_table(records())


@cache
def model() -> Model:
    return train(entries(), duckdb_engine(), seed=1)
