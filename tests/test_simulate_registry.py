"""A synthetic corpus parsed and imported in one process (`imena simulate registry`, used by `make demo`): every
source with entries is in the registry, with its title, and every entry stays marked synthetic."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from imena.registry import schema as t
from imena.registry.database import open_registry
from imena.simulate.corpus import write_corpus
from imena.simulate.registry import import_corpus


def test_every_source_of_a_corpus_is_parsed_and_imported(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 0.0002, 5)
    sources = {s["id"]: s for s in json.loads((tmp_path / "corpus" / "sources.json").read_text("utf-8"))}
    written = {name: count for name, s in sources.items() if (count := s["entries"])}
    engine = open_registry(f"sqlite:///{tmp_path / 'demo.db'}")
    summaries = import_corpus(engine, tmp_path / "corpus", tmp_path / "records")
    assert {s.source: s.added for s in summaries} == written and len(written) > 3
    with engine.connect() as connection:
        titles = {row[0]: row[1] for row in connection.execute(select(t.sources.c.id, t.sources.c.title))}
        assert titles == {name: sources[name]["title"] for name in written}
        assert connection.execute(select(func.count()).where(t.sources.c.synthetic.is_(False))).scalar() == 0
        entries = t.entries.c
        real = connection.execute(select(func.count()).where(entries.current, entries.synthetic.is_(False)))
        assert real.scalar() == 0
    record = json.loads((tmp_path / "records" / f"{next(iter(written))}.jsonl").read_text("utf-8").splitlines()[0])
    assert record["name"]["surname"] and record["synthetic"] is True
