"""The registry's schema: created by the migrations exactly as the code declares it, on both databases."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from imena.registry.database import RegistryError, database_url, open_registry
from imena.registry.schema import metadata


def test_the_migrations_build_the_declared_schema(registry_url: str) -> None:
    engine = open_registry(registry_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_a_registry_from_a_newer_imena_is_refused(registry_url: str) -> None:
    engine = open_registry(registry_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(RegistryError, match="newer imena"):
        open_registry(registry_url)


def test_urls() -> None:
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("my.db") == "sqlite:///my.db"
    with pytest.raises(RegistryError, match="SQLite or PostgreSQL"):
        open_registry("mysql://u@h/db")


def test_sqlite_registries_use_write_ahead_logging(tmp_path: object) -> None:
    engine = open_registry(f"sqlite:///{tmp_path}/wal.db")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    create_engine("sqlite://").dispose()
