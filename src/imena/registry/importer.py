"""Importing a file into the registry: one transaction, idempotent, versioned, with a quarantine.

A file goes in whole or not at all. An entry already stored with the same content is left alone; one whose
content changed becomes a new version beside the old, which is kept. An entry that fails validation goes to
the quarantine with its line and reason, and the rest of the file goes in.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, insert, select, update

from imena.registry import schema as t
from imena.registry.prepare import FIELDS, PARALLEL_FROM, UTF8, Prepared, prepared

BATCH = 500  # entries written at a time: few enough that the last batch, written after the others, is short
RESTATE_FROM = 10_000  # entries added or changed by one import from which the planner's statistics are refreshed
ENTRY_COLUMNS = (
    "source_id",
    "current",
    "import_id",
    "entry_id",
    "version",
    "content_sha256",
    "position",
    "record",
    *FIELDS,
)


@dataclass
class ImportSummary:
    source: str
    path: Path
    added: int = 0
    unchanged: int = 0
    versioned: int = 0
    quarantined: int = 0
    reasons: list[tuple[int, str]] = field(default_factory=list)  # (line, reason) of the first quarantined

    @property
    def read(self) -> int:
        return self.added + self.unchanged + self.versioned + self.quarantined


@dataclass
class SourceInfo:
    """What the importer knows of a source; only the id is required, the rest fills a new source's row."""

    id: str
    title: str | None = None
    editor: str | None = None
    year: int | None = None
    region: str | None = None
    kind: str | None = None
    citation: str | None = None
    reliability: float | None = None


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def import_file(
    engine: Engine,
    path: Path,
    source: SourceInfo,
    *,
    format: str,
    mapping: dict[str, Any] | None = None,
    actor: str = "imena import",
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> ImportSummary:
    """Import one file in one transaction; an error anywhere leaves the registry as it was before.
    `workers`: processes that prepare entries (by default one a core, for a large file)."""
    summary = ImportSummary(source.id, path)
    # the file's hash is made beside the import, in a thread (hashlib lets go of the GIL): made first, it held
    # up the start of a large import by a tenth of its time while the preparing processes waited
    hashing = ThreadPoolExecutor(1, thread_name_prefix="imena-hash")
    hashed = hashing.submit(_file_digest, path)
    hashing.shutdown(wait=False)
    if workers is None:
        # one a core: the writer waits on the database much of its time (on two cores, 20,000 entries a second
        # against 14,000 with one worker); none on one core, where handing entries over would only cost
        cores = os.cpu_count() or 1
        workers = cores if cores > 1 and path.stat().st_size >= PARALLEL_FROM else 0
    with _collector_paused(), engine.begin() as connection:
        _ensure_source(connection, source)
        import_id = connection.execute(
            insert(t.imports).values(
                source_id=source.id, path=str(path), file_sha256="", format=format, started_at=now()
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        writer = _Writer(connection, source.id, import_id)
        done = 0
        for batch in prepared(path, format, mapping, workers):
            writer.forms |= batch.forms
            for entry in batch.entries:
                writer.take(entry, summary)
            done += len(batch.entries)
            if progress:
                progress(done)
        writer.flush()
        if writer.synthetic:
            connection.execute(update(t.sources).where(t.sources.c.id == source.id).values(synthetic=True))
        counts = {k: getattr(summary, k) for k in ("added", "unchanged", "versioned", "quarantined")}
        digest = hashed.result()
        finished = {"finished_at": now(), "file_sha256": digest, **counts}
        connection.execute(update(t.imports).where(t.imports.c.id == import_id).values(**finished))
        connection.execute(
            insert(t.audit_log).values(
                at=now(),
                actor=actor,
                action="import",
                target=f"source {source.id}",
                detail={"path": str(path), "file_sha256": digest, "import": import_id, **counts},
            )
        )
    if summary.added + summary.versioned >= RESTATE_FROM:
        refresh_statistics(engine)
    return summary


def _file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def refresh_statistics(engine: Engine) -> None:
    """Let the database's planner see what a large import changed: a plan made for an empty table would
    read millions of rows where an index reads a few. PostgreSQL is also vacuumed, which marks the new rows
    visible to all and lets search choose entries from the name index alone."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in (t.entries, t.name_forms, t.person_entries, t.persons):
                connection.exec_driver_sql(f"VACUUM (ANALYZE) {table.name}")  # VACUUM runs outside a transaction
    else:
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA optimize")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a file is imported: its entries' objects would make it pass
    again and again (a sixth of the time), and an import makes no reference cycles to collect."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _ensure_source(connection: Connection, source: SourceInfo) -> None:
    exists = connection.execute(select(t.sources.c.id).where(t.sources.c.id == source.id)).first()
    if exists is None:
        values = {k: v for k, v in vars(source).items() if v is not None}
        values.setdefault("title", source.id)
        connection.execute(insert(t.sources).values(**values, synthetic=False, created_at=now()))


class _Writer:
    """Buffers rows and writes them in batches; knows the source's current entries to compare against."""

    def __init__(self, connection: Connection, source_id: str, import_id: int) -> None:
        self.connection = connection
        self.source_id = source_id
        self.import_id = import_id
        rows = connection.execute(
            select(t.entries.c.entry_id, t.entries.c.version, t.entries.c.content_sha256)
            .where(t.entries.c.source_id == source_id)
            .where(t.entries.c.current.is_(True))
        )
        self.current = {row.entry_id: (row.version, row.content_sha256) for row in rows}
        self.seen: set[str] = set()
        self.pending: list[Prepared] = []
        self.versions: list[int] = []  # the version each pending entry becomes
        self.superseded: list[str] = []
        self.quarantine: list[dict[str, Any]] = []
        self.new_persons: list[tuple[str, bool]] = []
        self.synthetic = False  # any record marked synthetic marks its source synthetic
        self.forms: set[tuple[str, str, str]] = set()  # name-dictionary rows of the entries read, to be added
        self.added_forms: set[tuple[str, str, str]] = set()  # those this import has added

    def take(self, entry: Prepared, summary: ImportSummary) -> None:
        found = list(entry.problems)
        if not found and entry.entry_id in self.seen:
            found = [f"the id {entry.entry_id!r} appears again in this file"]
        if found or entry.entry_id is None:
            summary.quarantined += 1
            reason = "; ".join(found)
            if len(summary.reasons) < 20:
                summary.reasons.append((entry.line, reason))
            self.quarantine.append(
                {"import_id": self.import_id, "source_id": self.source_id, "line": entry.line,
                 "entry_id": entry.entry_id, "raw": entry.raw, "reason": reason}
            )  # fmt: skip
            return
        entry_id = entry.entry_id
        self.seen.add(entry_id)
        self.synthetic = self.synthetic or entry.synthetic
        version, old = self.current.get(entry_id, (0, None))
        if old == entry.digest:
            summary.unchanged += 1
            return
        if old is None:
            summary.added += 1
            self.new_persons.append((entry_id, entry.synthetic))
        else:
            summary.versioned += 1
            self.superseded.append(entry_id)
        self.pending.append(entry)
        self.versions.append(version + 1)
        if len(self.pending) >= BATCH:
            self.flush()

    def _write_entries(self) -> None:
        """The pending entries as rows of the entries table, and their names' forms into the dictionary."""
        fixed = (self.source_id, True, self.import_id)
        rows = [
            (*fixed, entry.entry_id, version, entry.digest, entry.line, entry.stored, *entry.values)
            for entry, version in zip(self.pending, self.versions, strict=True)
        ]
        self._write(t.entries, ENTRY_COLUMNS, rows, UTF8)
        self._add_forms()

    def _write(
        self, table: Table, names: tuple[str, ...], rows: list[tuple[Any, ...]], utf8: frozenset[str] = frozenset()
    ) -> None:
        """Rows into a table the fastest way each database allows: SQLite's driver directly (SQLAlchemy's
        per-row work would halve the speed), PostgreSQL's COPY (a hundred times the speed of INSERTs).
        The `utf8` columns' values are UTF-8 bytes, which SQLite takes as text as they are."""
        if self.connection.dialect.name == "sqlite":
            values = ", ".join("CAST(? AS TEXT)" if name in utf8 else "?" for name in names)
            self.connection.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({values})", rows)
            return
        driver = self.connection.connection.driver_connection
        assert driver is not None
        decoded = [n for n, name in enumerate(names) if name in utf8]
        with driver.cursor() as cursor, cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
            for row in rows:
                if decoded:
                    row = tuple(value.decode() if n in decoded else value for n, value in enumerate(row))
                copy.write_row(row)

    def _new_ids(self, column: Any, count: int) -> list[int]:
        """Keys for new rows, taken before the rows are written (which spares a RETURNING row by row)."""
        if self.connection.dialect.name == "sqlite":
            # safe: SQLite lets one writer at a time, and the import holds the write lock from its first row
            highest = self.connection.execute(select(func.max(column))).scalar() or 0
            return list(range(highest + 1, highest + 1 + count))
        sequence = f"pg_get_serial_sequence('{column.table.name}', '{column.name}')"
        taken = self.connection.exec_driver_sql(f"SELECT nextval({sequence}) FROM generate_series(1, {int(count)})")
        return [row[0] for row in taken]

    def _add_forms(self) -> None:
        """Add the name forms of the entries read so far that this import has not yet added to the
        dictionary; a form there already from an earlier import is left as it is."""
        new = self.forms - self.added_forms
        if not new:
            return
        self.added_forms |= new
        ordered = sorted(new)  # in the tree's order: each page is visited once a batch
        if self.connection.dialect.name == "sqlite":
            self.connection.exec_driver_sql(
                "INSERT OR IGNORE INTO name_forms (key, part, form) VALUES (?, ?, ?)", ordered
            )
        else:
            keys, parts, forms = (list(column) for column in zip(*ordered, strict=True))
            self.connection.exec_driver_sql(
                "INSERT INTO name_forms (key, part, form) SELECT * FROM unnest(%s::text[], %s::text[], %s::text[])"
                " ON CONFLICT DO NOTHING",
                (keys, parts, forms),
            )
        self.forms = set()

    def flush(self) -> None:
        c = self.connection
        if self.superseded:
            for chunk in _chunks(self.superseded, 500):
                c.execute(
                    update(t.entries)
                    .where(t.entries.c.source_id == self.source_id)
                    .where(t.entries.c.entry_id.in_(chunk))
                    .where(t.entries.c.current.is_(True))
                    .values(current=False)
                )
        if self.pending:
            self._write_entries()
        if self.new_persons:
            created: Any = now()
            if self.connection.dialect.name == "sqlite":
                created = created.isoformat(sep=" ")  # as SQLAlchemy's DateTime reads it back
            ids = self._new_ids(t.persons.c.id, len(self.new_persons))
            persons = [(i, synthetic, created) for i, (_, synthetic) in zip(ids, self.new_persons, strict=True)]
            self._write(t.persons, ("id", "synthetic", "created_at"), persons)
            links = [(i, self.source_id, entry_id) for i, (entry_id, _) in zip(ids, self.new_persons, strict=True)]
            self._write(t.person_entries, ("person_id", "source_id", "entry_id"), links)
        if self.quarantine:
            c.execute(insert(t.quarantine), self.quarantine)
        self.pending, self.versions, self.superseded, self.quarantine, self.new_persons = [], [], [], [], []


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
