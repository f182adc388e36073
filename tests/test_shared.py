"""Finding the shared folder from a checkout, including a fresh clone made in a temporary folder."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from imena.shared import shared_folder


def _repository(folder: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    subprocess.run(["git", "-C", str(folder), "commit", "-q", "--allow-empty", "-m", "start"], check=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin"})  # fmt: skip
    return folder


def test_a_clone_finds_the_folder_beside_its_origin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IMENA_SHARED", raising=False)
    project = tmp_path / "work"
    origin = _repository(project / "main")
    (project / "shared").mkdir()
    clone = tmp_path / "elsewhere" / "p"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
    assert shared_folder(clone) == (project / "shared").resolve()
    assert shared_folder(origin) == project / "shared"  # beside the checkout itself


def test_the_environment_names_it_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMENA_SHARED", str(tmp_path / "mine"))
    assert shared_folder(tmp_path / "anything") == tmp_path / "mine"


def test_without_one_the_folder_beside_the_checkout_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IMENA_SHARED", raising=False)
    checkout = _repository(tmp_path / "p")
    assert shared_folder(checkout) == tmp_path / "shared"  # the error message then says where it looked
