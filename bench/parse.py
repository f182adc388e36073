"""Field accuracy of the parser per corpus and field, and entries parsed per second on one core.

Targets (issue 4): at least 0.97 on the hand-checked real entries of both dev corpora, at least 0.99 on a
synthetic corpus against its truth, and at least 3,000 entries a second.
Usage: .venv/bin/python bench/parse.py
"""

from __future__ import annotations

import gzip
import json
import tempfile
import time
from pathlib import Path

from imena.parse import parse
from imena.parse.accuracy import Score, fingerprints, flatten
from imena.shared import shared_folder
from imena.simulate.corpus import write_corpus

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_folder(ROOT)
REAL = SHARED / "data" / "real"
GOLD = {"lists-memo-ru": "parse-gold-lists-memo.jsonl", "mos-memo-ru": "parse-gold-mos-memo.jsonl"}


def real_texts(corpus: str) -> dict[str, str]:
    with gzip.open(REAL / f"{corpus}.dev.jsonl.gz", "rt", encoding="utf-8") as lines:
        return {entry["id"]: entry["text"] for entry in map(json.loads, lines)}


def report(name: str, score: Score) -> None:
    print(f"\n{name}: field accuracy {score.accuracy:.4f} over {sum(score.counted.values()):,} values")
    for field, (accuracy, count) in score.by_field().items():
        print(f"  {field:24} {accuracy:.3f}  ({count})")


def main() -> None:
    all_texts: list[str] = []
    for corpus, gold_file in GOLD.items():
        texts = real_texts(corpus)
        all_texts += list(texts.values())
        score = Score()
        with (ROOT / "tests" / "data" / gold_file).open(encoding="utf-8") as lines:
            for checked in map(json.loads, lines):
                record = parse(texts[checked["id"]], checked["id"])
                score.add(checked["id"], checked["fields"], fingerprints(flatten(record, checked["fields"].keys())))
        report(f"{corpus} (hand-checked sample)", score)
    with tempfile.TemporaryDirectory() as folder:
        write_corpus(Path(folder), 0.005, seed=2)
        score = Score()
        for path in sorted(Path(folder).glob("syn-*.jsonl")):
            with path.open(encoding="utf-8") as lines:
                for entry in map(json.loads, lines):
                    record = parse(entry["text"], entry["id"], entry["source"])
                    score.add(entry["id"], flatten(entry["truth"]), flatten(record))
        report("synthetic corpus (scale 0.005, seed 2)", score)
    parse(all_texts[0])  # load the dictionaries before timing
    start = time.perf_counter()
    for n, text in enumerate(all_texts):
        parse(text, str(n))
    seconds = time.perf_counter() - start
    rate = len(all_texts) / seconds
    print(f"\nspeed: {len(all_texts):,} real entries in {seconds:.1f} s = {rate:,.0f} entries per second")


if __name__ == "__main__":
    main()
