"""Opening the database: where it is by default, connection settings per dialect, and
bringing its schema up to date with the Alembic migrations shipped in the package."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..errors import Err, WirewatchError


def default_url() -> str:
    """A SQLite file in the user's data directory: $WIREWATCH_DATA, else
    $XDG_DATA_HOME/wirewatch, else ~/.local/share/wirewatch."""
    base = os.environ.get("WIREWATCH_DATA") or os.path.join(
        os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"), "wirewatch"
    )
    return f"sqlite:///{Path(base) / 'wirewatch.db'}"


def _shown(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}:***@{host}"
    return url


def connect(url: str | None = None) -> Engine:
    """An engine for `url` (default: `default_url()`), with the schema migrated."""
    url = url or default_url()
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///") :]).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, future=True, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise WirewatchError(Err.S001, url=_shown(url), detail=str(exc)[:200]) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    migrate(engine)
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets readers (the web page) work while an ingest writes; a writer waits up to
    # 30 s for another instead of failing with "database is locked".
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest migration (a no-op when it is current)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    location = resources.files("wirewatch").joinpath("store/migrations")
    cfg.set_main_option("script_location", str(location))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except OperationalError as exc:
        raise WirewatchError(
            Err.S001, url=_shown(str(engine.url)), detail=str(exc.orig)[:200]
        ) from None
