"""The `imena` command: a thin layer over the package's functions."""

from __future__ import annotations

from typing import Annotated

import typer

from imena import __version__
from imena.cli import estimate as estimate_command
from imena.cli import link as link_commands
from imena.cli import operation, reconcile, regions, simulate
from imena.cli import parse as parse_command
from imena.cli import registry as registry_commands
from imena.cli import web as web_commands
from imena.cli.output import errors
from imena.csvfile import ReferenceDataError
from imena.registry.database import RegistryError

app = typer.Typer(
    name="imena",
    help="imena documents the NKVD mass operation under Order No. 00447 (1937-38) and returns the names of its "
    "victims.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(operation.app, name="operation")
app.add_typer(regions.app, name="regions")
app.add_typer(simulate.app, name="simulate")
app.command("parse")(parse_command.command)
app.command("import")(registry_commands.import_command)
app.command("stats")(registry_commands.stats_command)
app.command("export")(registry_commands.export_command)
app.command("search")(registry_commands.search_command)
app.command("link")(link_commands.link_command)
app.command("explain")(link_commands.explain_command)
app.command("review")(link_commands.review_command)
app.command("person")(link_commands.person_command)
app.command("estimate")(estimate_command.command)
app.command("serve")(web_commands.serve_command)
app.add_typer(web_commands.users, name="users")
app.command("reconcile")(reconcile.command)


def _version(show: bool) -> None:
    if show:
        typer.echo(f"imena {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", metavar="URL", help="The registry: a SQLite file or a postgresql:// URL (imena.db)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and stop.")
    ] = False,
) -> None:
    """imena: the operation, its memorial books and the names of its victims."""
    ctx.obj = {"db": db}


def main() -> None:
    """Run the command; bad reference data is reported by file and line, with exit status 2."""
    try:
        app()
    except RegistryError as error:
        errors.print(f"[bold red]The registry cannot be opened:[/] {error}")
        raise SystemExit(2) from None
    except ReferenceDataError as error:
        errors.print("[bold red]The reference data has errors:[/]")
        for problem in error.problems:
            errors.print(f"  {problem}", markup=False, highlight=False)
        raise SystemExit(2) from None
