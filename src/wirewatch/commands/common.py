"""What the commands share: settings, article inputs and their options, the database."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..config import Config, load_config
from ..errors import Err, WirewatchError
from ..ingest import Skip

if TYPE_CHECKING:
    from ..pipeline import Result

log = logging.getLogger("wirewatch")
EXIT_NOTHING = 1
EXIT_USAGE = 2


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        err = WirewatchError(Err.U001, text=value)
        raise click.BadParameter(f"{err.message}; {err.hint}") from None


def config_of(ctx: click.Context) -> Config:
    obj = ctx.find_root().obj or {}
    return load_config(obj.get("config_path"), obj.get("overrides", ()))


published_option = click.option(
    "--published",
    callback=iso_date,
    metavar="YYYY-MM-DD",
    help="Publication date, for resolving 'on Monday' (else read from the input or text).",
)
records_format_option = click.option(
    "--format",
    "out_format",
    type=click.Choice(["jsonl", "table"]),
    default="jsonl",
    show_default=True,
    help="JSON Lines (one record a line) or a tab-separated table for reading.",
)
input_format_option = click.option(
    "--input-format",
    "fmt",
    type=click.Choice(["text", "html", "jsonl", "feed"]),
    help="Read inputs as this format instead of guessing from name and content.",
)


def article_inputs(func: Any) -> Any:
    """The arguments every article command takes: inputs, --published, --input-format."""
    func = input_format_option(func)
    func = published_option(func)
    return click.argument("articles", nargs=-1, required=True)(func)


def article_results(
    ctx: click.Context,
    articles: tuple[str, ...],
    published: date | None,
    fmt: str | None,
    tally: dict[str, int] | None = None,
    with_mentions: bool = True,
) -> Iterator[Result]:
    """Processed articles of the inputs (skips are logged where they happen); exits 1
    with [U002] when no article at all could be processed."""
    from ..pipeline import run

    tally = tally if tally is not None else {}
    tally.setdefault("done", 0)
    tally.setdefault("skipped", 0)
    for res in run(
        articles, config_of(ctx), published=published, fmt=fmt, with_mentions=with_mentions
    ):
        if isinstance(res, Skip):
            tally["skipped"] += 1
            continue
        tally["done"] += 1
        yield res
    if not tally["done"]:
        click.echo(f"wirewatch: error [U002] {WirewatchError(Err.U002).message}", err=True)
        ctx.exit(EXIT_NOTHING)


def demo_dir() -> Path:
    return Path(str(resources.files("wirewatch").joinpath("data/demo")))


db_option = click.option(
    "--db",
    "db_url",
    metavar="URL",
    help="Database URL (sqlite:///file.db, postgresql://user@host/db); "
    "default: store.url, else a SQLite file in the user's data directory.",
)


def open_engine(ctx: click.Context, db_url: str | None):  # type: ignore[no-untyped-def]
    from ..store import connect

    return connect(db_url or config_of(ctx)["store.url"] or None)
