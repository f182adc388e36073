"""Exports of the registry: the current version of every entry, or persons with their entries.

Every row carries `synthetic`, so an invented person stays marked invented outside imena too.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import orjson
from sqlalchemy import Engine, select

from imena.registry import schema as t
from imena.registry.records import full_record

FLAT = (
    "source", "entry_id", "version", "person_id", "synthetic", "surname", "given", "patronymic", "sex", "birth_year",
    "region", "penalty", "sentence_date", "execution_date", "operation", "text",
)  # fmt: skip


def _entries(engine: Engine) -> Iterator[dict[str, Any]]:
    query = (
        select(t.entries, t.person_entries.c.person_id)
        .join(
            t.person_entries,
            (t.person_entries.c.source_id == t.entries.c.source_id)
            & (t.person_entries.c.entry_id == t.entries.c.entry_id),
        )
        .where(t.entries.c.current.is_(True))
        .order_by(t.entries.c.source_id, t.entries.c.position, t.entries.c.entry_id)
    )
    with engine.connect() as connection:
        for row in connection.execute(query).mappings():
            yield {
                "source": row["source_id"], "entry_id": row["entry_id"], "version": row["version"],
                "person_id": row["person_id"], "synthetic": row["synthetic"],
                **{key: row[key] for key in FLAT[5:]},
                "record": full_record(row["record"], row["text"]),
            }  # fmt: skip


def _persons(engine: Engine) -> Iterator[dict[str, Any]]:
    person: dict[str, Any] | None = None
    for entry in sorted(_entries(engine), key=lambda e: (e["person_id"], e["source"], e["entry_id"])):
        if person is None or person["person_id"] != entry["person_id"]:
            if person is not None:
                yield person
            person = {"person_id": entry["person_id"], "synthetic": entry["synthetic"], "entries": []}
        person["synthetic"] = person["synthetic"] or entry["synthetic"]
        person["entries"].append(entry)
    if person is not None:
        yield person


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    return {
        key: orjson.dumps(value).decode() if isinstance(value, dict | list) else value for key, value in row.items()
    }


def _write(rows: Iterator[dict[str, Any]], format: str, out: Path | None, columns: tuple[str, ...]) -> int:
    if format == "parquet":
        import pyarrow as pa  # imported here: only Parquet exports need it
        import pyarrow.parquet as pq

        table = [_flat(row) for row in rows]
        assert out is not None
        pq.write_table(pa.Table.from_pylist(table), out)
        return len(table)
    handle: IO[str] = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    count = 0
    try:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore") if format == "csv" else None
        if writer:
            writer.writeheader()
        for row in rows:
            count += 1
            if writer:
                writer.writerow(row)
            else:
                handle.write(orjson.dumps(row).decode() + "\n")
    finally:
        if out:
            handle.close()
    return count


def export_entries(engine: Engine, format: str, out: Path | None) -> int:
    return _write(_entries(engine), format, out, FLAT)


def export_persons(engine: Engine, format: str, out: Path | None) -> int:
    rows = _persons(engine)
    if format == "csv":  # one line per person and entry: CSV has no nesting
        rows = ({**e, "person_id": p["person_id"]} for p in rows for e in p["entries"])
    return _write(rows, format, out, FLAT)
