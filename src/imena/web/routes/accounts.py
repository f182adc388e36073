"""Logging in and out, and the admin's page of editors, each write behind a role and CSRF (the review queue's
writes, in `review.py`, use the same `security.editor` dependency)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from imena.registry.users import ROLES, User, UserError, add_user, authenticate, list_users
from imena.web import security
from imena.web.rendering import engine_of, render

router = APIRouter()


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", {"failed": False})


@router.post("/login", response_class=HTMLResponse, include_in_schema=False, response_model=None)
async def login(
    request: Request, name: Annotated[str, Form()], password: Annotated[str, Form()]
) -> HTMLResponse | RedirectResponse:
    await security.check_csrf(request)
    user = authenticate(engine_of(request), name, password)
    if user is None:
        return render(request, "login.html", {"failed": True}, status_code=401)
    request.session.clear()  # a new session on log in: a token planted before it is worth nothing after
    request.session["user_id"] = user.id
    return RedirectResponse("/", status_code=303)


@router.post("/logout", include_in_schema=False)
async def logout(request: Request) -> RedirectResponse:
    await security.check_csrf(request)
    request.session.clear()
    return RedirectResponse("/", status_code=303)


@router.get("/admin/users", response_class=HTMLResponse, include_in_schema=False)
def users_page(request: Request) -> HTMLResponse:
    security.require(request, "admin")
    return render(request, "users.html", {"users": list_users(engine_of(request)), "roles": ROLES, "error": None})


@router.post("/admin/users", response_class=HTMLResponse, include_in_schema=False)
def users_add(
    request: Request,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    role: Annotated[str, Form()],
    admin: Annotated[User, Depends(security.admin)],
) -> HTMLResponse:
    error = None
    try:
        add_user(engine_of(request), name, password, role, actor=f"user:{admin.name}")
    except UserError as problem:
        error = str(problem)
    context = {"users": list_users(engine_of(request)), "roles": ROLES, "error": error}
    return render(request, "users.html", context, status_code=422 if error else 200)


class NewUser(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=8)
    role: str = Field(pattern="^(editor|admin)$")


@router.get("/api/me", tags=["accounts"])
def me(request: Request) -> dict[str, Any]:
    """The logged-in account (null for a visitor) and the CSRF token its writes must send as X-CSRF-Token."""
    user = security.current_user(request)
    account = {"name": user.name, "role": user.role} if user else None
    return {"user": account, "csrf": security.csrf_token(request)}


@router.post("/api/users", tags=["accounts"], status_code=201)
def add_user_api(request: Request, new: NewUser, admin: Annotated[User, Depends(security.admin)]) -> dict[str, Any]:
    """Add an editor or an admin (admins only; send the session's X-CSRF-Token)."""
    try:
        user = add_user(engine_of(request), new.name, new.password, new.role, actor=f"user:{admin.name}")
    except UserError as problem:
        raise HTTPException(status_code=422, detail=str(problem)) from None
    return {"name": user.name, "role": user.role}
