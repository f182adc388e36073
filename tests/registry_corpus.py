"""A registry holding part of the small synthetic linkage corpus (tests/link_corpus.py), imported source by
source as real books would be, with the corpus's model stored so that runs need not train."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from imena.registry.database import open_registry
from imena.registry.importer import SourceInfo, import_file
from imena.registry.linking import save_model
from tests.link_corpus import model, records

PERSONS = 200  # the true persons kept: their entries in every source


def chosen() -> list[dict[str, Any]]:
    people = sorted({r["person_id"] for r in records()})[:PERSONS]
    wanted = set(people)
    return [r for r in records() if r["person_id"] in wanted]


def truth() -> dict[str, str]:
    return {f"{r['source']}/{r['id']}": r["person_id"] for r in chosen()}


def import_sources(engine: Engine, folder: Path, sources: Iterable[str]) -> None:
    """Import the chosen entries of these sources, each from a JSON Lines file, as `imena import` would."""
    for source in sources:
        lines = [
            json.dumps({k: v for k, v in r.items() if k != "person_id"} | {"synthetic": True}, ensure_ascii=False)
            for r in chosen()
            if r["source"] == source
        ]
        path = folder / f"{source}.jsonl"
        path.write_text("\n".join(lines) + "\n", "utf-8")
        import_file(engine, path, SourceInfo(source, f"Synthetic {source}"), format="jsonl", workers=0)


def all_sources() -> list[str]:
    return sorted({r["source"] for r in chosen()})


def build(url: str, folder: Path, sources: Iterable[str] | None = None, *, with_model: bool = True) -> Engine:
    engine = open_registry(url)
    import_sources(engine, folder, all_sources() if sources is None else sources)
    if with_model:
        with engine.begin() as connection:
            save_model(connection, model(), len(records()))
    return engine
