"""The web application's accounts: editors who may change the registry and admins who manage them.

Passwords are kept only as argon2id hashes (argon2-cffi); every change of an account goes to the audit log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, insert, select, update

from imena.registry import schema as t

ROLES = ("editor", "admin")
_hasher = PasswordHasher()


class UserError(ValueError):
    """An account cannot be made or changed as asked; the message says why."""


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    active: bool

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def add_user(engine: Engine, name: str, password: str, role: str, actor: str = "cli") -> User:
    """A new account; its name must be free and its password at least 8 characters."""
    if role not in ROLES:
        raise UserError(f"role {role!r} is not one of {', '.join(ROLES)}")
    if not name.strip():
        raise UserError("a user needs a name")
    if len(password) < 8:
        raise UserError("a password needs at least 8 characters")
    with engine.begin() as c:
        if c.execute(select(t.users.c.id).where(t.users.c.name == name)).first():
            raise UserError(f"there is already a user called {name!r}")
        row = {"name": name, "password_hash": _hasher.hash(password), "role": role, "active": True}
        user_id = c.execute(insert(t.users).values(**row, created_at=_now())).inserted_primary_key[0]  # type: ignore[index]
        c.execute(
            insert(t.audit_log).values(
                at=_now(), actor=actor, action="user.add", target=f"user:{name}", detail={"role": role}
            )
        )
    return User(int(user_id), name, role, True)


def set_active(engine: Engine, name: str, active: bool, actor: str) -> None:
    """Disable or enable an account; accounts are never deleted, so the audit log keeps its meaning."""
    with engine.begin() as c:
        changed = c.execute(update(t.users).where(t.users.c.name == name).values(active=active)).rowcount
        if not changed:
            raise UserError(f"no user called {name!r}")
        action = "user.enable" if active else "user.disable"
        c.execute(insert(t.audit_log).values(at=_now(), actor=actor, action=action, target=f"user:{name}"))


def list_users(engine: Engine) -> list[User]:
    with engine.connect() as c:
        rows = c.execute(select(t.users).order_by(t.users.c.name)).all()
    return [User(r.id, r.name, r.role, r.active) for r in rows]


def get_user(engine: Engine, user_id: int) -> User | None:
    """The active account with this id, if any: a disabled account's session stops working at once."""
    with engine.connect() as c:
        r = c.execute(select(t.users).where(t.users.c.id == user_id, t.users.c.active.is_(True))).first()
    return User(r.id, r.name, r.role, r.active) if r else None


def authenticate(engine: Engine, name: str, password: str) -> User | None:
    """The active account these credentials open, else None (a wrong name and a wrong password look alike)."""
    with engine.connect() as c:
        r = c.execute(select(t.users).where(t.users.c.name == name, t.users.c.active.is_(True))).first()
    if r is None:
        _hasher.hash(password)  # as slow as a real check, so a missing name cannot be told by timing
        return None
    try:
        _hasher.verify(r.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return User(r.id, r.name, r.role, r.active)
