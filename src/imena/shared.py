"""Where the project's shared folder is: the real dev corpora and the order's documentary tables, which the
tests and benchmarks read and the repository never holds.

Looked for, in order: $IMENA_SHARED; `shared` beside the checkout; and, for a checkout cloned from a local
repository (a fresh clone in a temporary folder, as CI and a newcomer make), `shared` beside that repository.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def shared_folder(checkout: Path) -> Path:
    named = os.environ.get("IMENA_SHARED")
    if named:
        return Path(named)
    beside = checkout.parent / "shared"
    origin = _local_origin(checkout)
    if not beside.is_dir() and origin is not None and (origin.parent / "shared").is_dir():
        return origin.parent / "shared"
    return beside


def _local_origin(checkout: Path) -> Path | None:
    """The repository this checkout was cloned from, if it was cloned from a folder on this machine."""
    try:
        found = subprocess.run(
            ["git", "-C", str(checkout), "config", "--get", "remote.origin.url"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    except OSError:
        return None
    url = found.stdout.strip()
    if not url or ("://" in url and not url.startswith("file://")) or ("@" in url and ":" in url):
        return None
    return Path(url.removeprefix("file://")).resolve()
