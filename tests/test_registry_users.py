"""Editors' accounts: hashed passwords, unique names, roles, disabling, and every change in the audit log."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from imena.registry import schema as t
from imena.registry.database import open_registry
from imena.registry.users import UserError, add_user, authenticate, list_users, set_active


def test_accounts_are_hashed_checked_and_audited(tmp_path: Path) -> None:
    engine = open_registry(f"sqlite:///{tmp_path / 'r.db'}")
    add_user(engine, "anna", "correct horse", "editor")
    with engine.connect() as c:
        stored = c.execute(select(t.users.c.password_hash)).scalar_one()
        actions = c.execute(select(t.audit_log.c.action)).scalars().all()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert actions == ["user.add"]
    user = authenticate(engine, "anna", "correct horse")
    assert user is not None and user.role == "editor" and not user.is_admin
    assert authenticate(engine, "anna", "wrong horse") is None
    assert authenticate(engine, "boris", "correct horse") is None
    with pytest.raises(UserError, match="already"):
        add_user(engine, "anna", "another password", "admin")
    with pytest.raises(UserError, match="role"):
        add_user(engine, "vera", "long enough", "owner")
    with pytest.raises(UserError, match="8 characters"):
        add_user(engine, "vera", "short", "editor")
    set_active(engine, "anna", False, actor="test")
    assert authenticate(engine, "anna", "correct horse") is None
    assert [(u.name, u.active) for u in list_users(engine)] == [("anna", False)]


def test_the_users_command_adds_lists_and_disables(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from imena.cli import app

    db = ["--db", f"sqlite:///{tmp_path / 'r.db'}"]
    runner = CliRunner()
    added = runner.invoke(
        app, [*db, "users", "add", "anna", "--role", "admin", "--password-stdin"], input="long secret\n"
    )
    assert added.exit_code == 0, added.output
    refused = runner.invoke(app, [*db, "users", "add", "boris", "--password-stdin"], input="short\n")
    assert refused.exit_code == 2 and "8 characters" in refused.output
    assert runner.invoke(app, [*db, "users", "disable", "anna"]).exit_code == 0
    listed = runner.invoke(app, [*db, "users", "list"]).output
    assert "anna" in listed and "disabled" in listed and "boris" not in listed
    assert authenticate(open_registry(db[1]), "anna", "long secret") is None
