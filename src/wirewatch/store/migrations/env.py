"""Alembic environment: run by `wirewatch.store.db.migrate` (or `alembic` by hand with
`-x url=...`). Online mode only: Wirewatch always has the database at hand."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from wirewatch.store.schema import Base

config = context.config


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    with create_engine(url).connect() as conn:
        run(conn)
