"""Writing a synthetic corpus: people drawn from the model, and the overlapping, noisy lists that name them.

The output folder holds one JSON Lines file per source (`id`, `source`, `text`, `synthetic: true`, `truth`),
`sources.json` describing each source, `persons.jsonl` with the true people, and `corpus.json` with the
seed, the scale and the counts. The same seed and scale give the same files, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from imena import __version__
from imena.gazetteer import Gazetteer
from imena.simulate.aggregate import START
from imena.simulate.calibration import Calibration, default_calibration
from imena.simulate.people import Person, PersonMaker, sample_sentences
from imena.simulate.reference import cached_reference
from imena.simulate.render import EntryWriter
from imena.simulate.sources import Source, chances, plan_sources

# Calibrated so that the share of people who share a surname and a given name with someone else is near
# that of the real Moscow execution lists (see tests/test_simulate_corpus.py): name weights are raised to
# NAME_SKEW, and a share POOL_SHARE of surnames comes from the pool, the rest from the invented tail.
NAME_SKEW = 1.0
POOL_SHARE = 0.2


@dataclass(frozen=True)
class CorpusSummary:
    folder: Path
    people: int
    entries: dict[str, int]


def make_people(
    scale: float, seed: int, calibration: Calibration | None = None, gazetteer: Gazetteer | None = None
) -> list[Person]:
    """A share `scale` of the operation's victims, drawn from the model's sentences by region, day and category."""
    if not 0 < scale <= 1:
        raise ValueError(f"the scale must be above 0 and at most 1, not {scale}")
    calibration = calibration or default_calibration()
    gazetteer = gazetteer or calibration.gazetteer
    run = calibration.run
    count = round(scale * float(run.national("sentenced")[-1]))
    units, days, categories = sample_sentences(run, count, np.random.default_rng(seed))
    maker = PersonMaker(cached_reference(NAME_SKEW), gazetteer, calibration.parameters, seed, POOL_SHARE)
    return [
        maker.make(n + 1, run.units[u], START + dt.timedelta(days=int(d)), int(c))
        for n, (u, d, c) in enumerate(zip(units, days, categories, strict=True))
    ]


def write_corpus(folder: Path, scale: float, seed: int, progress: Callable[[int], None] | None = None) -> CorpusSummary:
    """Write the corpus; `progress` is told how many people have been written, now and then."""
    calibration = default_calibration()
    gazetteer = calibration.gazetteer
    people = make_people(scale, seed, calibration, gazetteer)
    sources = plan_sources(people)
    folder.mkdir(parents=True, exist_ok=True)
    table = chances(sources, people)
    chosen = np.random.default_rng(seed + 1).random(table.shape) < table
    writers = [EntryWriter(source, gazetteer, seed * 100 + n) for n, source in enumerate(sources)]
    files = [(folder / f"{source.id}.jsonl").open("wb") for source in sources]
    counts = [0] * len(sources)
    line = orjson.OPT_APPEND_NEWLINE
    try:
        with (folder / "persons.jsonl").open("wb") as persons:
            for n, person in enumerate(people):
                persons.write(orjson.dumps(person_document(person), option=line))
                for k in np.flatnonzero(chosen[n]):
                    counts[k] += 1
                    files[k].write(orjson.dumps(writers[k].entry(counts[k], person), option=line))
                if progress and n % 1000 == 999:
                    progress(n + 1)
    finally:
        for handle in files:
            handle.close()
    described = zip(sources, counts, table.sum(axis=0), strict=True)
    _write_json(folder / "sources.json", [_source_document(s, c, float(e)) for s, c, e in described])
    summary = CorpusSummary(folder, len(people), {s.id: c for s, c in zip(sources, counts, strict=True)})
    _write_json(
        folder / "corpus.json",
        {
            "synthetic": True,
            "description": "A synthetic corpus written by imena's model of Order No. 00447: every person is "
            "invented; no entry is about a real person.",
            "generator": f"imena {__version__}",
            "seed": seed,
            "scale": scale,
            "people": summary.people,
            "entries": summary.entries,
            "parameters": calibration.parameters.as_dict(),
        },
    )
    return summary


PERSON_FIELDS = tuple(f.name for f in fields(Person))


def person_document(person: Person) -> dict[str, Any]:
    """The true person, ready for JSON (orjson writes its dates as YYYY-MM-DD); a shallow copy, since
    `dataclasses.asdict` deep-copies and was the bottleneck."""
    return {**{name: getattr(person, name) for name in PERSON_FIELDS}, "synthetic": True}


def _source_document(source: Source, entries: int, expected: float) -> dict[str, Any]:
    return {**source.description(), "entries": entries, "expected_entries": round(expected, 1)}


def _write_json(path: Path, document: Any) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
