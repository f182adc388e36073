"""Who is asking and what they may do: a signed session cookie names the account, writes need an editor or
an admin, and every write carries the session's CSRF token (a form field or the X-CSRF-Token header).
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import HTTPException, Request

from imena.registry.users import User, get_user


def current_user(request: Request) -> User | None:
    """The logged-in account, if its session is valid and the account still active."""
    user_id = request.session.get("user_id")
    if not isinstance(user_id, int):
        return None
    return get_user(request.app.state.engine, user_id)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use: a page's forms carry it back."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def check_csrf(request: Request) -> None:
    """A write must carry the token of its own session: another site's form cannot post as the visitor."""
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value: Any = form.get("csrf")
        sent = value if isinstance(value, str) else None
    expected = request.session.get("csrf")
    if not sent or not isinstance(expected, str) or not secrets.compare_digest(sent, expected):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token")


def require(request: Request, role: str) -> User:
    """The account allowed to do this, else 401 for a visitor and 403 for an account without the role."""
    user = current_user(request)
    if user is None:
        raise HTTPException(status_code=401, detail="log in as an editor to change the registry")
    if role == "admin" and not user.is_admin:
        raise HTTPException(status_code=403, detail="only an admin may do this")
    return user


async def editor(request: Request) -> User:
    """A dependency for a write endpoint open to editors and admins."""
    user = require(request, "editor")
    await check_csrf(request)
    return user


async def admin(request: Request) -> User:
    """A dependency for a write endpoint open to admins only."""
    user = require(request, "admin")
    await check_csrf(request)
    return user
