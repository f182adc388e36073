"""Sentencing bodies and residences resolved per second, over every entry of the real lists.memo.ru corpus.

The parser will resolve the body of each of millions of entries, so this has to stay far above the
parser's own target of 3,000 entries a second.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from pathlib import Path

from imena.gazetteer import Gazetteer
from imena.shared import shared_folder

SHARED = shared_folder(Path(__file__).resolve().parents[1])
CORPUS = SHARED / "data" / "real" / "lists-memo-ru.dev.jsonl.gz"
BODY = re.compile(r"Приговорен[аы]?:\s*([^\n,]*)")
RESIDENCE = re.compile(r"Проживал[аи]?:\s*([^\n]*)")


def main() -> None:
    gazetteer = Gazetteer.load()
    bodies, places = [], []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            if body := BODY.search(text):
                bodies.append(body.group(1))
            if place := RESIDENCE.search(text):
                places.append(place.group(1))
    for name, strings, resolve in (
        ("sentencing bodies", bodies, gazetteer.resolve_body),
        ("residences", places, gazetteer.resolve_place),
    ):
        start = time.perf_counter()
        resolved = sum(1 for s in strings if (found := resolve(s)) is not None and found.region is not None)
        seconds = time.perf_counter() - start
        print(
            f"{name}: {len(strings):,} strings, {resolved / len(strings):.1%} resolved to a region, "
            f"{len(strings) / seconds:,.0f} per second"
        )


if __name__ == "__main__":
    main()
