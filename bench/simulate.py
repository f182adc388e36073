"""Synthetic entries written per second on one core (target: at least 20,000), and the model's fitting time.

Usage: .venv/bin/python bench/simulate.py [SCALE]   (default 0.05, about 38,000 people)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from imena.simulate.calibration import default_calibration
from imena.simulate.corpus import write_corpus


def main() -> None:
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 0.05
    start = time.perf_counter()
    default_calibration()
    fitted = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        summary = write_corpus(Path(folder), scale, seed=1)
        seconds = time.perf_counter() - start
    entries = sum(summary.entries.values())
    print(f"model fitted in {fitted:.2f} s")
    print(f"scale {scale}: {summary.people:,} people, {entries:,} entries in {seconds:.2f} s")
    print(f"entries per second: {entries / seconds:,.0f}")
    print(f"people per second: {summary.people / seconds:,.0f}")


if __name__ == "__main__":
    main()
