"""Name search recall on real people, and search latency.

Recall: a registry of the real dev corpora's named people (mos.memo.ru entries and the Khabarovsk book's main
spellings), and for a sample of them queries as people type them: the name in German, Polish, English and
French spellings, with one or two typos (in words long enough to stay recognisable), declined, with
initials. A query succeeds when the person is in the
top 10. The same queries through an exact-match search (surname and given name equal, what memorial
databases offer) are printed beside it. Target (issue 5): 95%.
Usage: .venv/bin/python bench/search.py [PEOPLE]   (default 300 people, about 2,400 queries)
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from statistics import quantiles

from sqlalchemy import Engine, select

from imena.names import to_latin
from imena.registry import schema as t
from imena.registry.database import open_registry
from imena.registry.importer import SourceInfo, import_file
from imena.registry.search import search
from imena.shared import shared_folder
from imena.simulate.wording import given_genitive, patronymic_genitive, surname_genitive

ROOT = Path(__file__).resolve().parents[1]
REAL = shared_folder(ROOT) / "data" / "real"
RUSSIAN = "абвгдежзиклмнопрстуфхцчшщыэюя"


def real_people() -> list[tuple[str, str, str, str | None]]:
    """(id, surname, given, patronymic) of the named people of the dev corpora."""
    people = []
    with gzip.open(REAL / "mos-memo-ru.dev.jsonl.gz", "rt", encoding="utf-8") as lines:
        for entry in map(json.loads, lines):
            parts = entry["name_as_printed"].split()
            if len(parts) >= 2:
                people.append((entry["id"], parts[0], parts[1], parts[2] if len(parts) > 2 else None))
    with (REAL / "khabarovsk-names.dev.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["основное"] == "True" and row["фамилия"] and row["имя"]:
                people.append((f"khab-{row['id']}", row["фамилия"], row["имя"], row["отчество"] or None))
    return people


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, max(2, len(word) - 1))
    return word[:i] + rng.choice(RUSSIAN) + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i + 1 :]


def queries(surname: str, given: str, patronymic: str | None, rng: random.Random) -> list[tuple[str, str]]:
    female = bool(patronymic and patronymic.endswith("на"))
    found = [(f"{scheme} spelling", f"{to_latin(surname, scheme)} {to_latin(given, scheme)}")
             for scheme in ("german", "polish", "bgn_pcgn", "french")]  # fmt: skip
    # only words long enough to stay recognisable are misspelt: two slips in "Ли" leave nothing to find
    if len(surname) >= 4:
        found.append(("one typo", f"{typo(surname, rng)} {given}"))
    if len(surname) >= 6:
        found.append(("two typos", f"{typo(typo(surname, rng), rng)} {given}"))
    if len(surname) >= 5 and len(given) >= 4:
        found.append(("two typos, two words", f"{typo(surname, rng)} {typo(given, rng)}"))
    declined = f"{surname_genitive(surname, female)} {given_genitive(given, female)}"
    if patronymic:
        declined += f" {patronymic_genitive(patronymic)}"
    found.append(("declined", declined))
    initials = f"{surname} {given[0]}." + (f" {patronymic[0]}." if patronymic else "")
    found.append(("initials", initials))
    found.append(("Latin with an initial", f"{to_latin(surname, 'bgn_pcgn')} {to_latin(given, 'bgn_pcgn')[0]}."))
    return found


def build(folder: Path, people: list[tuple[str, str, str, str | None]]) -> Engine:
    path = folder / "people.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for entry_id, surname, given, patronymic in people:
            record = {"id": entry_id, "text": " ".join(p for p in (surname, given, patronymic) if p),
                      "name": {"surname": surname, "given": given, "patronymic": patronymic}}  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    engine = open_registry(f"sqlite:///{folder / 'bench.db'}")
    import_file(engine, path, SourceInfo("real-dev", "dev corpora"), format="jsonl")
    return engine


def exact_search(engine: Engine, query: str) -> set[str]:
    words = query.replace(".", "").split()
    if len(words) < 2:
        return set()
    e = t.entries.c
    with engine.connect() as connection:
        rows = connection.execute(select(e.entry_id).where(e.surname == words[0], e.given == words[1]).limit(10))
        return {row.entry_id for row in rows}


def main() -> None:
    sample_size = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    people = real_people()
    rng = random.Random(1)
    sample = rng.sample(people, sample_size)
    with tempfile.TemporaryDirectory() as folder:
        engine = build(Path(folder), people)
        found = exact = total = 0
        by_kind: dict[str, list[int]] = {}
        times = []
        for entry_id, surname, given, patronymic in sample:
            for kind, query in queries(surname, given, patronymic, rng):
                start = time.perf_counter()
                hits = search(engine, query, limit=10)
                times.append(time.perf_counter() - start)
                ok = int(any(e.endswith(f":{entry_id}") for hit in hits for e in hit.entry_ids))
                found += ok
                exact += entry_id in exact_search(engine, query)
                total += 1
                by_kind.setdefault(kind, [0, 0])
                by_kind[kind][0] += ok
                by_kind[kind][1] += 1
    print(f"registry: {len(people):,} real named people; {total:,} queries for {sample_size} of them")
    print(f"recall in the top 10: {found / total:.1%}   (exact-match search: {exact / total:.1%})")
    for kind, (right, n) in by_kind.items():
        print(f"  {kind:24} {right / n:.1%}")
    cuts = quantiles(times, n=100)
    print(f"latency: median {1000 * cuts[49]:.1f} ms, p95 {1000 * cuts[94]:.1f} ms")


if __name__ == "__main__":
    main()
