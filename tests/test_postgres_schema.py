"""The Alembic migrations build exactly the schema the models describe, on SQLite and on
PostgreSQL (a model change without its migration fails here)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.models import Base
from bot.store import open_database


def test_the_migrated_database_matches_the_models(database_url: str) -> None:
    engine = open_database(database_url).kw["bind"]
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_migrating_twice_is_harmless(database_url: str) -> None:
    open_database(database_url).kw["bind"].dispose()
    open_database(database_url).kw["bind"].dispose()
