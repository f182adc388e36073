"""A synthetic corpus into a registry in one process: every source parsed from its printed text and imported with
its title and kind, as `imena parse` and `imena import` would, without starting the parser once a source.
"""

from __future__ import annotations

import json
from pathlib import Path

import orjson
from sqlalchemy import Engine

from imena.parse import parse
from imena.parse.reader import read_entries
from imena.registry.importer import ImportSummary, SourceInfo, import_file


def import_corpus(engine: Engine, corpus: Path, records: Path) -> list[ImportSummary]:
    """Parse every source of a corpus written by `imena simulate corpus` into `records/<source>.jsonl` and
    import it; the entries keep their `synthetic` mark, so the sources are marked synthetic too."""
    records.mkdir(parents=True, exist_ok=True)
    summaries = []
    for source in json.loads((corpus / "sources.json").read_text("utf-8")):
        printed = corpus / f"{source['id']}.jsonl"
        if not source.get("entries") or not printed.exists():
            continue
        parsed = records / printed.name
        with parsed.open("wb") as out:
            for item in read_entries(printed, "jsonl"):
                if item.entry is None:
                    raise ValueError(f"{printed}: {item.problem}")
                entry = dict(item.entry)
                text, identifier = entry.pop("text"), str(entry.pop("id"))
                record = parse(text, identifier, entry.pop("source", None), **entry)
                out.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
        info = SourceInfo(source["id"], source["title"], kind=source.get("kind"))
        summaries.append(import_file(engine, parsed, info, format="jsonl", actor="imena simulate registry"))
    return summaries
