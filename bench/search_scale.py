"""Name search latency, and recall, on a registry of millions of synthetic entries (issue 5: p95 50 ms at
three million entries, on SQLite and on PostgreSQL).

The registry is a synthetic corpus imported as its known truth (the parser is measured elsewhere), so that
every entry's person is known; the queries are the kinds of bench/search.py (other spellings, typos,
declension, initials) for synthetic people drawn at random. A registry already holding entries (the `--db`
of an earlier run) is searched as it is; building three million entries takes some ten minutes.
Usage: .venv/bin/python bench/search_scale.py [--entries N] [--people N] [--db URL]
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import tempfile
import time
from pathlib import Path
from statistics import quantiles

import orjson
from sqlalchemy import Engine, func, select

from imena.registry import schema as t
from imena.registry.database import open_registry
from imena.registry.importer import SourceInfo, import_file
from imena.registry.search import search
from imena.simulate.corpus import write_corpus

ENTRIES_AT_SCALE_ONE = 1_004_000  # about as many entries as the corpus writes at scale 1; the count is printed
_spec = importlib.util.spec_from_file_location("recall_bench", Path(__file__).with_name("search.py"))
assert _spec and _spec.loader
recall_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recall_bench)


def build(engine: Engine, folder: Path, entries: int) -> dict[str, str]:
    """Write corpora of about `entries` entries in all, import their truth, and return each entry's person.
    The model writes at most the operation's own size (scale 1), so a larger registry holds several corpora
    of other seeds, as if of other operations: their sources and people are told apart by a suffix."""
    rounds = -(-entries // ENTRIES_AT_SCALE_ONE)
    person_of: dict[str, str] = {}
    for round in range(1, rounds + 1):
        summary = write_corpus(folder / "corpus", entries / rounds / ENTRIES_AT_SCALE_ONE, seed=10 + round)
        print(f"corpus {round}: {sum(summary.entries.values()):,} entries of {summary.people:,} synthetic people")
        start = time.perf_counter()
        for path in sorted((folder / "corpus").glob("syn-*.jsonl")):
            source = f"{path.stem}-{round}" if rounds > 1 else path.stem
            records = folder / f"{source}.records.jsonl"
            with path.open("rb") as lines, records.open("wb") as out:
                for line in lines:
                    entry = orjson.loads(line)
                    truth = entry.pop("truth")  # its person_id is kept in the record, for a later run to read
                    truth["person_id"] = f"{truth['person_id']}-{round}"
                    person_of[f"{source}:{entry['id']}"] = truth["person_id"]
                    out.write(orjson.dumps({**entry, **truth, "source": source}, option=orjson.OPT_APPEND_NEWLINE))
            import_file(engine, records, SourceInfo(source), format="jsonl")
            records.unlink()
        print(f"imported in {time.perf_counter() - start:,.0f} s")
    return person_of


def people_of(engine: Engine) -> dict[str, str]:
    """Each entry's synthetic person, read back from a registry built by an earlier run."""
    e = t.entries.c
    with engine.connect() as connection:
        rows = connection.execute(select(e.source_id, e.entry_id, e.record).where(e.current.is_(True)))
        return {f"{row.source_id}:{row.entry_id}": row.record["person_id"] for row in rows}


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--entries", type=int, default=3_000_000)
    options.add_argument("--people", type=int, default=300, help="people whose names are searched")
    options.add_argument("--db", help="registry URL (default: a new SQLite file, removed afterwards)")
    arguments = options.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        engine = open_registry(arguments.db or f"sqlite:///{folder / 'registry.db'}")
        with engine.connect() as connection:
            stored = connection.execute(select(func.count()).select_from(t.entries)).scalar() or 0
        person_of = people_of(engine) if stored else build(engine, folder, arguments.entries)
        entries_of: dict[str, list[str]] = {}
        for entry, person in person_of.items():
            entries_of.setdefault(person, []).append(entry)
        names = {entry: _name(engine, entry) for entry in random.Random(2).sample(sorted(person_of), arguments.people)}
        rng = random.Random(3)
        times, found, namesake, total = [], 0, 0, 0
        search(engine, "Иванов Иван")  # the first search opens connections and warms the caches
        for entry, (surname, given, patronymic) in names.items():
            if not surname or not given:
                continue
            wanted = set(entries_of[person_of[entry]])
            namesakes = f"{surname} {given} "
            for _, query in recall_bench.queries(surname, given, patronymic, rng):
                start = time.perf_counter()
                hits = search(engine, query, limit=10)
                times.append(time.perf_counter() - start)
                right = any(wanted & set(hit.entry_ids) for hit in hits)
                found += right
                namesake += right or any(f"{hit.name} ".startswith(namesakes) for hit in hits)
                total += 1
    cuts = quantiles(times, n=100)
    print(f"registry: {len(person_of):,} entries on {engine.dialect.name}; {total:,} queries")
    print(f"latency: median {1000 * cuts[49]:.1f} ms, p95 {1000 * cuts[94]:.1f} ms, max {1000 * max(times):.0f} ms")
    # among millions, a surname and a given name alone cannot tell namesakes apart (nor, before linkage, one
    # person's entries in several books): the second figure also counts a top 10 holding such a namesake
    print(
        f"the searched person in the top 10: {found / total:.1%}; "
        f"or a namesake (the same surname and given name): {namesake / total:.1%}"
    )


def _name(engine: Engine, entry: str) -> tuple[str | None, str | None, str | None]:
    source, entry_id = entry.split(":", 1)
    e = t.entries.c
    with engine.connect() as connection:
        row = connection.execute(
            select(e.surname, e.given, e.patronymic)
            .where(e.source_id == source, e.entry_id == entry_id, e.current.is_(True))
        ).one()  # fmt: skip
    return row.surname, row.given, row.patronymic


if __name__ == "__main__":
    main()
