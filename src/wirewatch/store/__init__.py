"""The event store: articles, mentions, events, stories and tombstones in SQLite (the
default) or PostgreSQL, through one SQLAlchemy schema migrated with Alembic."""

from .db import connect, default_url, migrate, writer

__all__ = ["connect", "default_url", "migrate", "writer"]
