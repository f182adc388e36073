"""Entries imported per second from JSON Lines into a SQLite registry (target, issue 5: 20,000).

The records are a synthetic corpus parsed by imena (without the corpus's `truth`, which real records lack).
Usage: .venv/bin/python bench/registry_import.py [SCALE]   (default 0.05, about 50,000 entries)
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from imena.parse import parse
from imena.registry.database import open_registry
from imena.registry.importer import SourceInfo, import_file
from imena.simulate.corpus import write_corpus


def main() -> None:
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 0.05
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write_corpus(folder / "corpus", scale, seed=4)
        records = folder / "records.jsonl"
        with records.open("w", encoding="utf-8") as out:
            for path in sorted((folder / "corpus").glob("syn-*.jsonl")):
                with path.open(encoding="utf-8") as lines:
                    for entry in map(json.loads, lines):
                        record = parse(entry["text"], entry["id"], entry["source"], synthetic=True)
                        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        engine = open_registry(f"sqlite:///{folder / 'registry.db'}")
        start = time.perf_counter()
        first = import_file(engine, records, SourceInfo("synthetic"), format="jsonl")
        seconds = time.perf_counter() - start
        start = time.perf_counter()
        again = import_file(engine, records, SourceInfo("synthetic"), format="jsonl")
        unchanged = time.perf_counter() - start
        size = (folder / "registry.db").stat().st_size
    print(f"{first.added:,} entries imported in {seconds:.1f} s: {first.added / seconds:,.0f} entries per second")
    print(f"the same file again, all {again.unchanged:,} unchanged: {again.unchanged / unchanged:,.0f} per second")
    print(f"registry size: {size / first.added / 1024:.1f} KiB an entry")


if __name__ == "__main__":
    main()
