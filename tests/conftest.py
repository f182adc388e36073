"""Shared fixtures: the built-in ledger, and the real dev corpora read from ../shared (never copied here)."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from imena.operation import Ledger, load_ledger

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"


def shared_folder() -> Path:
    """The project's shared folder: beside the checkout, or where IMENA_SHARED points."""
    return Path(os.environ.get("IMENA_SHARED", ROOT.parent / "shared"))


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
