"""Shared fixtures: the built-in ledger, and the real dev corpora read from ../shared (never copied here)."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine

import imena.shared
from imena.operation import Ledger, load_ledger

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"


def shared_folder() -> Path:
    """The project's shared folder (see imena.shared)."""
    return imena.shared.shared_folder(ROOT)


@pytest.fixture(scope="session")
def ledger() -> Ledger:
    return load_ledger()


@pytest.fixture(scope="session")
def real_data() -> Path:
    folder = shared_folder() / "data" / "real"
    if not folder.is_dir():
        pytest.fail(f"the real dev corpora are not at {folder}; set IMENA_SHARED to the shared folder")
    return folder


def real_entries(path: Path, ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """The entries of a gzipped JSON Lines corpus with the given ids."""
    wanted = set(ids)
    found: dict[str, dict[str, str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            entry = json.loads(line)
            if entry["id"] in wanted:
                found[entry["id"]] = entry
    missing = wanted - found.keys()
    assert not missing, f"ids not in {path.name}: {sorted(missing)}"
    return found


# --- databases: SQLite files, and a PostgreSQL server of our own for the session --------------------------


def _postgres_binaries() -> Path | None:
    for initdb in sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True):
        return initdb.parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on a Unix socket, run as the postgres user (initdb refuses root)."""
    binaries = _postgres_binaries()
    if binaries is None:
        pytest.fail("PostgreSQL is not installed: `make test` installs it (apt-get install postgresql)")
    base = Path(tempfile.mkdtemp(prefix="imena-pg-"))
    data, socket = base / "data", base / "socket"
    socket.mkdir()
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(socket, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    port = str(54000 + os.getpid() % 1000)
    subprocess.run([*as_postgres, str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                    "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)  # fmt: skip
    options = f"-k {socket} -c listen_addresses='' -p {port} -F"
    subprocess.run([*as_postgres, str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l",
                    str(base / "log"), "start"], check=True, capture_output=True)  # fmt: skip
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={socket}&port={port}"
    finally:
        subprocess.run([*as_postgres, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, check=False)  # fmt: skip
        shutil.rmtree(base, ignore_errors=True)


_databases = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def registry_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty registry: a SQLite file, or a new database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'registry.db'}"
    server: str = request.getfixturevalue("postgres_server")
    name = f"registry_{next(_databases)}"
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    return server.replace("/postgres?", f"/{name}?")
