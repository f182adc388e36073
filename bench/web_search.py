"""The search page under load (issue 8: p95 at most 100 ms with 20 concurrent clients on a registry of a million
entries, the load sent from a second process on loopback).

The registry is bench/search_scale.py's: synthetic corpora imported as their truth (`--db` of a registry that
already holds entries reuses it; building a million entries takes a few minutes). The server is `imena serve`
in a process of its own on 127.0.0.1; this process sends the load. Each client is a thread with its own
keep-alive connection that asks for the search page (`/search?q=...`, the whole HTML page, as a browser
would) for names of synthetic people as people type them (bench/search.py's spellings, typos, declension,
initials), waits for the answer, then reads it: it thinks for a random time, exponential with mean `--think`
seconds, before its next search. The same clients are then run without thinking (each asks again as soon as
it has its answer): the server's saturated throughput, and the latency when it is always busy.
Usage: .venv/bin/python bench/web_search.py [--db URL] [--entries N] [--clients 20] [--workers 1]
       [--think 1.0] [--seconds 60] [--api]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from statistics import quantiles

import httpx
from sqlalchemy import func, select

from imena.registry import schema as t
from imena.registry.database import open_registry

_spec = importlib.util.spec_from_file_location("search_scale", Path(__file__).with_name("search_scale.py"))
assert _spec and _spec.loader
search_scale = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(search_scale)
IMENA = Path(sys.executable).with_name("imena")


def registry(url: str, entries: int, folder: Path) -> None:
    """The registry at `url`, built from synthetic corpora of about `entries` entries unless it holds some."""
    engine = open_registry(url)
    with engine.connect() as connection:
        stored = connection.execute(select(func.count()).select_from(t.entries)).scalar() or 0
    if not stored:
        search_scale.build(engine, folder, entries)
    engine.dispose()


def queries(url: str, people: int, seed: int) -> list[str]:
    """Queries as people type them, for the names of entries drawn at random from the registry."""
    engine = open_registry(url)
    e = t.entries.c
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(t.entries)).scalar() or 0
        rows = connection.execute(
            select(e.surname, e.given, e.patronymic)
            .where(e.current.is_(True), e.surname.is_not(None), e.given.is_not(None))
            .order_by(func.random()).limit(people)
        ).all()  # fmt: skip
    engine.dispose()
    print(f"registry: {count:,} entries on {engine.dialect.name}")
    rng = random.Random(seed)
    found = [query for row in rows for _, query in search_scale.recall_bench.queries(*row, rng)]
    rng.shuffle(found)
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def server(url: str, workers: int) -> Iterator[str]:
    """`imena serve` in a process of its own, answering on a free loopback port."""
    port = free_port()
    command = [str(IMENA), "--db", url, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(command, env={**os.environ, "IMENA_SECRET": "bench"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/search", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start: {' '.join(command)}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(30)


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)


def client(base: str, path: str, pool: list[str], think: float, stop: float, tally: Tally, seed: int) -> None:
    """One visitor: asks, waits for the answer, reads it for an exponential time of mean `think` (or not at all)."""
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as http:
        while time.monotonic() < stop:
            query = rng.choice(pool)
            start = time.perf_counter()
            try:
                status = http.get(path, params={"q": query}).status_code
                error = None if status == 200 else f"HTTP {status}"
            except httpx.HTTPError as problem:
                error = type(problem).__name__
            elapsed = time.perf_counter() - start
            with tally.lock:
                if error is None:
                    tally.times.append(elapsed)
                else:
                    tally.errors[error] += 1
            if think:
                time.sleep(min(rng.expovariate(1 / think), max(0.0, stop - time.monotonic())))


def load(base: str, path: str, pool: list[str], clients: int, think: float, seconds: float) -> Tally:
    tally = Tally()
    stop = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client, args=(base, path, pool, think, stop, tally, seed)) for seed in range(clients)
    ]
    start = time.monotonic()
    for thread in threads:
        thread.start()
        time.sleep(think / clients if think else 0)  # thinking visitors arrive spread out, not all at once
    for thread in threads:
        thread.join()
    wall = time.monotonic() - start
    errors = ", ".join(f"{n} {kind}" for kind, n in tally.errors.items()) or "no errors"
    cuts = quantiles(tally.times, n=100) if len(tally.times) > 1 else [float("nan")] * 99
    print(
        f"  {len(tally.times):,} answers in {wall:.0f} s ({len(tally.times) / wall:.1f}/s), {errors}; "
        f"latency median {1000 * cuts[49]:.0f} ms, p95 {1000 * cuts[94]:.0f} ms, max {1000 * max(tally.times):.0f} ms",
        flush=True,
    )
    return tally


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--db", help="registry URL (default: a new SQLite file, removed afterwards)")
    options.add_argument("--entries", type=int, default=1_000_000, help="entries of a registry built here")
    options.add_argument("--clients", type=int, default=20)
    options.add_argument("--workers", type=int, default=1, help="server processes (imena serve --workers)")
    options.add_argument("--think", type=float, default=1.0, help="mean seconds a visitor reads the results")
    options.add_argument("--seconds", type=float, default=60, help="how long each load lasts")
    options.add_argument("--people", type=int, default=500, help="people whose names are searched")
    options.add_argument("--api", action="store_true", help="also load /api/search (JSON)")
    arguments = options.parse_args()
    print(f"load average before: {_load()}; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as name:
        url = arguments.db or f"sqlite:///{Path(name) / 'registry.db'}"
        registry(url, arguments.entries, Path(name))
        pool = queries(url, arguments.people, seed=3)
        print(f"{len(pool):,} queries for {arguments.people} people; {arguments.clients} clients on loopback")
        with server(url, arguments.workers) as base:
            print(f"server: imena serve --workers {arguments.workers} (uvicorn)")
            load(base, "/search", pool, arguments.clients, 0, 10)  # warms the caches; not counted
            paths = ["/search", "/api/search"] if arguments.api else ["/search"]
            for path in paths:
                print(
                    f"{path}: each client thinks for an exponential time of mean {arguments.think:g} s between searches"
                )
                load(base, path, pool, arguments.clients, arguments.think, arguments.seconds)
                print(f"{path}: saturated, each client asks again as soon as it has its answer")
                load(base, path, pool, arguments.clients, 0, arguments.seconds)
    print(f"load average afterwards: {_load()} (this benchmark's own processes count in it, and any other work)")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
