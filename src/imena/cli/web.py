"""`imena serve` and `imena users`: the web application and its editors' accounts, from the command line."""

from __future__ import annotations

import os
import secrets
import sys
from typing import Annotated

import typer

from imena.cli.output import errors, write_table
from imena.cli.registry import database
from imena.registry.database import open_registry
from imena.registry.users import ROLES, UserError, add_user, list_users, set_active

users = typer.Typer(help="The web application's editors and admins.", no_args_is_help=True)


def serve_command(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes; one is enough for a few visitors, see docs/web.md.")
    ] = 1,
) -> None:
    """Serve the web application (search, persons, sources, the operation, the JSON API at /docs)."""
    import uvicorn  # imported here: only serving needs it

    from imena.registry.database import database_url
    from imena.web.app import served_app

    errors.print(f"imena is served at http://{host}:{port}/ (Ctrl+C stops it)")
    if workers == 1:
        uvicorn.run(served_app(database(ctx)), host=host, port=port, log_level="warning")
        return
    # each process makes its own app from the environment; they must share the secret that signs sessions
    os.environ["IMENA_DB"] = database_url(database(ctx))
    os.environ.setdefault("IMENA_SECRET", secrets.token_urlsafe(32))
    open_registry(os.environ["IMENA_DB"]).dispose()  # migrated once here, not by every process at once
    uvicorn.run("imena.web.app:served_app", factory=True, host=host, port=port, workers=workers, log_level="warning")


@users.command("add")
def add_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The account's name.")],
    role: Annotated[str, typer.Option(help=f"One of {', '.join(ROLES)}.")] = "editor",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input (for scripts).")
    ] = False,
) -> None:
    """Add an editor or an admin; the password is asked for (or read from standard input) and stored hashed."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = add_user(open_registry(database(ctx)), name, password, role)
    except UserError as error:
        errors.print(f"[bold red]No account was added:[/] {error}")
        raise typer.Exit(2) from None
    errors.print(f"{user.role} {user.name} added")


@users.command("list")
def list_command(ctx: typer.Context) -> None:
    """The accounts, their roles and whether they are active."""
    rows = [[u.name, u.role, "active" if u.active else "disabled"] for u in list_users(open_registry(database(ctx)))]
    write_table("Accounts", ["name", "role", ""], rows)


@users.command("disable")
def disable_command(ctx: typer.Context, name: Annotated[str, typer.Argument(help="The account's name.")]) -> None:
    """Disable an account at once (its sessions stop working); accounts are never deleted."""
    try:
        set_active(open_registry(database(ctx)), name, False, actor="cli")
    except UserError as error:
        errors.print(f"[bold red]Nothing changed:[/] {error}")
        raise typer.Exit(2) from None
