"""Commands over the database: ingest, export, demo, serve."""

from __future__ import annotations

import sys
import time
from datetime import date

import click

from ..errors import Err, WirewatchError
from .common import (
    EXIT_NOTHING,
    article_inputs,
    config_of,
    db_option,
    demo_dir,
    log,
    open_engine,
)


@click.command()
@article_inputs
@db_option
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@click.pass_context
def ingest(
    ctx: click.Context,
    articles: tuple[str, ...],
    published: date | None,
    fmt: str | None,
    db_url: str | None,
    no_progress: bool,
) -> None:
    """Extract ARTICLES and store articles, mentions, events and stories. Running it
    again on the same articles changes nothing, unless this version of Wirewatch codes
    them otherwise: then they are coded again ("recoded")."""
    summary = _ingest(ctx, articles, published, fmt, db_url, no_progress)
    if not summary.read:
        click.echo(f"wirewatch: error [U002] {WirewatchError(Err.U002).message}", err=True)
        ctx.exit(EXIT_NOTHING)


def _ingest(
    ctx: click.Context,
    articles: tuple[str, ...],
    published: date | None,
    fmt: str | None,
    db_url: str | None,
    no_progress: bool,
):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    from ..store.ingest import ingest as store_ingest

    engine = open_engine(ctx, db_url)
    t0 = time.perf_counter()
    with tqdm(unit=" articles", disable=no_progress or None, file=sys.stderr, leave=False) as bar:
        summary = store_ingest(
            articles, config_of(ctx), engine, published=published, fmt=fmt, progress=bar.update
        )
    for line in summary.lines():
        click.echo(line)
    click.echo(f"database: {engine.url.render_as_string(hide_password=True)}")
    click.echo(f"time: {time.perf_counter() - t0:.1f} s")
    return summary


@click.command()
@db_option
@click.option(
    "--format",
    "out_format",
    type=click.Choice(["jsonl", "csv", "geojson", "parquet"]),
    default="jsonl",
    show_default=True,
)
@click.option(
    "--view",
    type=click.Choice(["plover", "gdelt", "acled"]),
    default="plover",
    show_default=True,
    help="Column set: Wirewatch's own, GDELT-style or ACLED-style (docs/export.md).",
)
@click.option(
    "--since",
    metavar="TIMESTAMP",
    help="Only what changed after this ISO time, plus tombstones of what was deleted.",
)
@click.option("--story", "stories", is_flag=True, help="One row per story instead of per event.")
@click.option(
    "--type",
    "types",
    multiple=True,
    metavar="TYPE[,TYPE]",
    help="Only these PLOVER types (ASSAULT, PROTEST, ...); repeatable.",
)
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="ISO3|NAME",
    help="Only events placed in these countries (ISO alpha-3 or name); repeatable.",
)
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Only events on or after.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Only events on or before.")
@click.option(
    "--bbox", metavar="W,S,E,N", help="Only events with a point in min_lon,min_lat,max_lon,max_lat."
)
@click.option(
    "--min-confidence", type=click.FloatRange(0, 1), help="Only events at least this confident."
)
@click.option(
    "--include-unasserted",
    is_flag=True,
    help="acled/gdelt views: also negated, planned, intended and background events, "
    "with a modality column.",
)
@click.option(
    "--out", "out_path", default="-", show_default=True, help="Output file ('-': stdout)."
)
@click.pass_context
def export(
    ctx: click.Context,
    db_url: str | None,
    out_format: str,
    view: str,
    since: str | None,
    stories: bool,
    types: tuple[str, ...],
    countries: tuple[str, ...],
    date_from: str | None,
    date_to: str | None,
    bbox: str | None,
    min_confidence: float | None,
    include_unasserted: bool,
    out_path: str,
) -> None:
    """Write the stored events (or stories) in an open format, streamed, without a cap.
    Filters are those of the API's GET /events (docs/export.md)."""
    from datetime import UTC, datetime

    from .. import export as ex
    from ..api.queries import EventFilter, parse_bbox, split_values
    from ..export.views import Options
    from ..registry import exporters

    when = None
    if since:
        try:
            when = datetime.fromisoformat(since)
        except ValueError:
            raise WirewatchError(Err.U003, text=since) from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
    if out_format == "parquet" and out_path == "-" and _stdout_is_terminal():
        raise WirewatchError(Err.U004)
    filters = EventFilter(
        types=split_values(types),
        place_country=[_country_code(c) for c in split_values(countries)],
        bbox=parse_bbox(bbox),
        date_from=_day(date_from),
        date_to=_day(date_to),
    )
    writer = exporters.get(out_format)
    engine = open_engine(ctx, db_url)
    it = ex.rows(engine, view, when, stories, filters, min_confidence, include_unasserted)
    cols = ex.columns(view, stories, Options(unasserted=include_unasserted))
    if out_path == "-":
        n = writer(it, cols, sys.stdout.buffer)
        sys.stdout.flush()
    else:
        with open(out_path, "wb") as fh:
            n = writer(it, cols, fh)
    log.info("%d rows written", n)


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise WirewatchError(Err.U001, text=text) from None


def _country_code(text: str) -> str:
    """An ISO alpha-3 code as given, or the code of a country's name (ACLED's spelling)."""
    from ..export.tables import countries

    if len(text) == 3 and text.upper() in countries():
        return text.upper()
    for c in countries().values():
        if c.name.lower() == text.lower():
            return c.iso3
    return text.upper()


@click.command()
@db_option
@click.pass_context
def demo(ctx: click.Context, db_url: str | None) -> None:
    """Ingest the bundled demo articles into the database and print a summary."""
    click.echo(f"Wirewatch demo: the bundled articles in {demo_dir()}")
    summary = _ingest(ctx, (str(demo_dir()),), None, None, db_url, False)
    if not summary.read:
        ctx.exit(EXIT_NOTHING)
    click.echo("Next:")
    click.echo(
        "  .venv/bin/wirewatch export --format csv --view acled      # the events as a table"
    )
    click.echo("  .venv/bin/wirewatch export --story                        # one row per story")
    click.echo(
        f"  .venv/bin/wirewatch inspect {demo_dir() / 'seed-tajik-border.txt'}   # one article"
    )
    click.echo("  .venv/bin/wirewatch serve    # then open http://127.0.0.1:8765/ (map, events)")


@click.command()
@db_option
@click.option("--host", default=None, help="Address to listen on (default: api.host, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: api.port, 8765).")
@click.pass_context
def serve(ctx: click.Context, db_url: str | None, host: str | None, port: int | None) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the web page over the database."""
    import uvicorn

    from ..api import create_app
    from ..web import missing_assets

    cfg = config_of(ctx)
    engine = open_engine(ctx, db_url)
    host = host or cfg["api.host"]
    port = port or cfg["api.port"]
    missing = missing_assets()
    if missing:
        err = WirewatchError(Err.A006, detail=", ".join(missing))
        click.echo(f"wirewatch: warning [{err.code}] {err.message}; {err.hint}", err=True)
    click.echo(f"database: {engine.url.render_as_string(hide_password=True)}")
    click.echo(f"Open http://{host}:{port}/ for the map, timeline and events; API docs at /docs")
    uvicorn.run(create_app(cfg, engine), host=host, port=port, log_level="warning")
