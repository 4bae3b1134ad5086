"""Opening the database: where it is by default, connection settings per dialect, and
bringing its schema up to date with the Alembic migrations shipped in the package."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError

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
        event.listen(engine, "begin", _sqlite_begin)
    migrate(engine)
    return engine


WRITE = "wirewatch_write"


def writer(engine: Engine) -> Engine:
    """The engine for transactions that read and then write (storing an article,
    rebuilding stories).

    SQLite: they start with BEGIN IMMEDIATE, taking the write lock first. A plain BEGIN
    reads, then fails at once with "database is locked" if another process wrote in the
    meantime (WAL mode does not wait there); IMMEDIATE waits its turn (busy_timeout)."""
    return engine.execution_options(**{WRITE: True})


@contextmanager
def reachable(engine: Engine) -> Iterator[None]:
    """Turn the database going away mid-run into error S001 (what happened, and that a
    re-run picks up where this one stopped: every stored article is committed)."""
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
        raise WirewatchError(Err.S001, url=_shown(str(engine.url)), detail=detail) from None


def _sqlite_begin(conn) -> None:  # type: ignore[no-untyped-def]
    immediate = conn.get_execution_options().get(WRITE)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets readers (the web page) work while an ingest writes; a writer waits up to
    # 30 s for another instead of failing with "database is locked".
    # SQLAlchemy, not the driver, begins transactions (see _sqlite_begin).
    dbapi_conn.isolation_level = None
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
