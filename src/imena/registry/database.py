"""Opening a registry: SQLite by default (a file with write-ahead logging), PostgreSQL by URL, always migrated.

Migrations are Alembic's, run from the package on every open: a registry made by an older imena is brought
up to date, and one made by a newer imena is refused rather than misread.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

import orjson
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

DEFAULT_URL = "sqlite:///imena.db"


class RegistryError(RuntimeError):
    """The registry cannot be opened as asked; the message says why and what to do."""


def database_url(url: str | None = None) -> str:
    """The URL asked for, else $IMENA_DB, else imena.db here; "postgresql://" is read with psycopg 3."""
    url = url or os.environ.get("IMENA_DB") or DEFAULT_URL
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    elif "://" not in url:
        url = f"sqlite:///{url}"  # a bare path is a SQLite file
    return url


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()


def _sqlite_pragmas(connection: Any, _: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA page_size=16384")  # entries of 1-3 KB fit a page; takes effect on a new registry only
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB of page cache: imports and searches over millions
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(str(resources.files("imena.registry") / "migrations"))))
    config.attributes["engine"] = engine
    return config


def open_registry(url: str | None = None, *, migrate: bool = True) -> Engine:
    """An engine on the registry at `url`, with its schema at the newest revision."""
    full = database_url(url)
    if not full.startswith(("sqlite", "postgresql")):
        raise RegistryError(f"{full}: imena keeps its registry in SQLite or PostgreSQL only")
    engine = create_engine(full, json_serializer=_json, json_deserializer=orjson.loads)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        upgrade(engine)
    return engine


def upgrade(engine: Engine) -> None:
    config = _alembic_config(engine)
    newest = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    known = {s.revision for s in ScriptDirectory.from_config(config).walk_revisions()}
    if current is not None and current not in known:
        raise RegistryError(f"the registry is at revision {current}, made by a newer imena; upgrade imena to open it")
    if current != newest:
        command.upgrade(config, "head")
