"""The `wirewatch` command: thin wrappers over the plain functions of each stage."""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .config import SECRET_SETTINGS, Config, default_text, load_config
from .errors import Err, WirewatchError
from .ingest import Skip

if TYPE_CHECKING:
    from .pipeline import Result

log = logging.getLogger("wirewatch")
EXIT_NOTHING = 1
EXIT_USAGE = 2


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = (
        logging.ERROR
        if quiet
        else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("wirewatch: %(message)s"))
    root = logging.getLogger("wirewatch")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        err = WirewatchError(Err.U001, text=value)
        raise click.BadParameter(f"{err.message}; {err.hint}") from None


class _Group(click.Group):
    """Shows WirewatchErrors as one line with their hint, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WirewatchError as err:
            click.echo(f"wirewatch: error [{err.code}] {err.message}\n  {err.hint}", err=True)
            ctx.exit(EXIT_USAGE if err.code.startswith(("C", "U")) else EXIT_NOTHING)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wirewatch")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="A TOML file whose settings override the defaults.",
)
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="KEY=VALUE",
    help="Override one setting, e.g. --set nlp.model=en_core_web_md.",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debugging).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.pass_context
def cli(
    ctx: click.Context,
    config_path: str | None,
    overrides: tuple[str, ...],
    verbose: int,
    quiet: bool,
) -> None:
    """Wirewatch: news reports in, an evidence-backed event record out."""
    _setup_logging(verbose, quiet)
    ctx.obj = {"config_path": config_path, "overrides": overrides}


def _config(ctx: click.Context) -> Config:
    obj = ctx.find_root().obj or {}
    return load_config(obj.get("config_path"), obj.get("overrides", ()))


published_option = click.option(
    "--published",
    callback=_date,
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


def _results(
    ctx: click.Context,
    articles: tuple[str, ...],
    published: date | None,
    fmt: str | None,
    tally: dict[str, int] | None = None,
    with_mentions: bool = True,
) -> Iterator[Result]:
    """Processed articles of the inputs (skips are logged where they happen); exits 1
    with [U002] when no article at all could be processed."""
    from .pipeline import run

    tally = tally if tally is not None else {}
    tally.setdefault("done", 0)
    tally.setdefault("skipped", 0)
    for res in run(
        articles, _config(ctx), published=published, fmt=fmt, with_mentions=with_mentions
    ):
        if isinstance(res, Skip):
            tally["skipped"] += 1
            continue
        tally["done"] += 1
        yield res
    if not tally["done"]:
        click.echo(f"wirewatch: error [U002] {WirewatchError(Err.U002).message}", err=True)
        ctx.exit(EXIT_NOTHING)


@cli.command()
@article_inputs
@click.option(
    "--format", "out_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def inspect(
    ctx: click.Context,
    articles: tuple[str, ...],
    published: date | None,
    fmt: str | None,
    out_format: str,
) -> None:
    """Show how ARTICLES are read: cleaned sentences, what was set aside, entities."""
    from .nlp import sentences

    for res in _results(ctx, articles, published, fmt, with_mentions=False):
        art, doc = res.article, res.doc
        view = {
            "article": art.summary(),
            "sentences": sentences(art, doc),
            "set_aside": [
                {"kind": b.kind, "rule": b.rule, "start": b.start, "end": b.end, "text": b.text}
                for b in (art.cleaned.blocks if art.cleaned else [])
            ],
            "entities": [
                dict(
                    zip(
                        ("text", "label", "start", "end"),
                        (e.text, e.label_, *art.cleaned.raw_span(e.start_char, e.end_char)),
                        strict=True,
                    )
                )
                for e in doc.ents
            ]
            if art.cleaned
            else [],
        }
        if out_format == "json":
            click.echo(json.dumps(view, ensure_ascii=False))
        else:
            click.echo(_inspect_text(view))


def _inspect_text(view: dict[str, Any]) -> str:
    art = view["article"]
    lines = [
        f"== {art['id']}  ({art['format']}, {art['language']}, "
        f"published {art['published'] or '?'} [{art['published_origin']}])"
    ]
    if art["title"]:
        lines.append(f"title: {art['title']}")
    lines.extend(f"warning: {w}" for w in art["warnings"])
    lines.append(f"-- {len(view['sentences'])} sentences")
    lines.extend(f"[{s['start']}:{s['end']}] {s['text']}" for s in view["sentences"])
    lines.append(f"-- set aside: {len(view['set_aside'])}")
    lines.extend(
        f"{b['kind']} ({b['rule']}) [{b['start']}:{b['end']}] {b['text']}"
        for b in view["set_aside"]
    )
    lines.append(f"-- entities: {len(view['entities'])}")
    lines.append("; ".join(f"{e['text']}/{e['label']}" for e in view["entities"]))
    return "\n".join(lines)


def _event_row(ev: dict[str, Any]) -> str:
    def party(p: dict[str, Any] | None) -> str:
        if not p:
            return "-"
        who = p.get("country") or p.get("org") or "?"
        return f"{p.get('name') or p['text']} ({who} {p.get('sector') or ''})".replace(" )", ")")

    return "\t".join(
        [
            ev["article_id"],
            ev["event_type"],
            ev.get("mode") or "-",
            party(ev.get("actor")),
            party(ev.get("recipient")),
            (ev.get("location") or {}).get("name") or "-",
            (ev.get("date") or {}).get("value") or "-",
            ev["modality"],
            ev["evidence"]["trigger"],
        ]
    )


@cli.command()
@article_inputs
@records_format_option
@click.pass_context
def extract(
    ctx: click.Context,
    articles: tuple[str, ...],
    published: date | None,
    fmt: str | None,
    out_format: str,
) -> None:
    """Print the event records of ARTICLES (files, directories, '-' for stdin)."""
    tally: dict[str, int] = {}
    events = 0
    if out_format == "table":
        click.echo(
            "\t".join(
                [
                    "article",
                    "type",
                    "mode",
                    "actor",
                    "recipient",
                    "place",
                    "date",
                    "modality",
                    "trigger",
                ]
            )
        )
    for res in _results(ctx, articles, published, fmt, tally):
        for ev in res.events:
            events += 1
            row = ev.to_dict()
            click.echo(
                json.dumps(row, ensure_ascii=False) if out_format == "jsonl" else _event_row(row)
            )
    log.info("%d articles, %d events, %d skipped", tally["done"], events, tally["skipped"])


@cli.command()
@click.argument("statements", type=click.Path(dir_okay=False, allow_dash=True))
@click.pass_context
def classify(ctx: click.Context, statements: str) -> None:
    """Type each statement of a JSON Lines file ('-' for stdin): lines of
    {"id", "text"} with optional "source" and "target" (the two parties' words).
    Prints {"id", "plover", "mode", "quad", "cameo_root", "acled_subtype", "confidence"}."""
    from .events.classify import classify_lines
    from .nlp import load_model

    nlp = load_model(_config(ctx)["nlp.model"])
    try:
        with click.open_file(statements, encoding="utf-8", errors="replace") as fh:
            for row in classify_lines(fh, nlp, name=statements):
                click.echo(json.dumps(row, ensure_ascii=False))
    except FileNotFoundError:
        raise WirewatchError(Err.W012, item=statements) from None


def _mention_row(m: dict[str, Any]) -> str:
    detail = {k: v for k, v in m.items() if k not in ("article_id", "kind", "text", "start", "end")}
    keys = {
        "actor": ("name", "country", "sector", "org", "entity"),
        "place": ("name", "country", "admin1", "lat", "lon", "precision", "role"),
        "date": ("value", "precision", "relative"),
        "quantity": ("value", "qualifier", "unit", "of"),
        "attribution": ("source", "verb"),
    }[m["kind"]]
    parts = []
    for k in keys:
        v = detail.get(k)
        if isinstance(v, dict):
            v = v.get("name") or v.get("text")
        if v is not None:
            parts.append(f"{k}={v}")
    return "\t".join(
        [
            m["article_id"],
            m["kind"],
            f"{m['start']}:{m['end']}",
            " ".join(m["text"].split()),
            " ".join(parts),
        ]
    )


@cli.command()
@article_inputs
@records_format_option
@click.pass_context
def mentions(
    ctx: click.Context,
    articles: tuple[str, ...],
    published: date | None,
    fmt: str | None,
    out_format: str,
) -> None:
    """Print the actors, places, dates, figures and attributions found in ARTICLES."""
    for res in _results(ctx, articles, published, fmt):
        for m in res.mentions:
            row = m.to_dict(res.article.id)
            click.echo(
                json.dumps(row, ensure_ascii=False) if out_format == "jsonl" else _mention_row(row)
            )


@cli.command("config")
@click.option("--defaults", is_flag=True, help="Print the commented default file instead.")
@click.pass_context
def show_config(ctx: click.Context, defaults: bool) -> None:
    """Print the settings in force and where each came from."""
    if defaults:
        click.echo(default_text(), nl=False)
        return
    cfg = _config(ctx)
    for key in sorted(cfg.values):
        value = cfg.values[key]
        shown = '"***"' if key in SECRET_SETTINGS and value else json.dumps(value)
        click.echo(f"{key} = {shown}  # {cfg.origins[key]}")


def demo_dir() -> Path:
    return Path(str(resources.files("wirewatch").joinpath("data/demo")))


db_option = click.option(
    "--db",
    "db_url",
    metavar="URL",
    help="Database URL (sqlite:///file.db, postgresql://user@host/db); "
    "default: store.url, else a SQLite file in the user's data directory.",
)


def _engine(ctx: click.Context, db_url: str | None):  # type: ignore[no-untyped-def]
    from .store import connect

    return connect(db_url or _config(ctx)["store.url"] or None)


@cli.command()
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
    again on the same articles changes nothing."""
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

    from .store.ingest import ingest as store_ingest

    engine = _engine(ctx, db_url)
    t0 = time.perf_counter()
    with tqdm(unit=" articles", disable=no_progress or None, file=sys.stderr, leave=False) as bar:
        summary = store_ingest(
            articles, _config(ctx), engine, published=published, fmt=fmt, progress=bar.update
        )
    for line in summary.lines():
        click.echo(line)
    click.echo(f"database: {engine.url.render_as_string(hide_password=True)}")
    click.echo(f"time: {time.perf_counter() - t0:.1f} s")
    return summary


@cli.command()
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
    out_path: str,
) -> None:
    """Write the stored events (or stories) in an open format, streamed, without a cap."""
    from datetime import UTC, datetime

    from . import export as ex
    from .registry import exporters

    when = None
    if since:
        try:
            when = datetime.fromisoformat(since)
        except ValueError:
            raise WirewatchError(Err.U003, text=since) from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
    if out_format == "parquet" and out_path == "-":
        raise WirewatchError(Err.U004)
    writer = exporters.get(out_format)
    engine = _engine(ctx, db_url)
    it = ex.rows(engine, view, when, stories)
    cols = ex.columns(view, stories)
    if out_path == "-":
        n = writer(it, cols, sys.stdout.buffer)
        sys.stdout.flush()
    else:
        with open(out_path, "wb") as fh:
            n = writer(it, cols, fh)
    log.info("%d rows written", n)


@cli.command()
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


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the Parquet shards and the manifest.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Worker processes (one model each).",
)
@click.option(
    "--shard-size",
    type=click.IntRange(1),
    default=200,
    show_default=True,
    help="Lines (or Parquet rows) of input per shard.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Local worker processes, or a Ray Data actor pool (needs wirewatch[ray]).",
)
@click.option(
    "--address",
    default=None,
    metavar="ADDR",
    help="With --engine ray: an existing Ray cluster (e.g. ray://head:10001); "
    "default: start a local Ray.",
)
@click.option(
    "--load",
    is_flag=True,
    help="Afterwards, load every finished shard into the database (--db) and rebuild stories.",
)
@db_option
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@click.pass_context
def batch(
    ctx: click.Context,
    inputs: tuple[str, ...],
    out_dir: str,
    workers: int,
    shard_size: int,
    engine: str,
    address: str | None,
    load: bool,
    db_url: str | None,
    no_progress: bool,
) -> None:
    """Run the whole pipeline over JSON Lines or Parquet INPUTS on worker processes (or
    Ray) and write Parquet shards of articles, mentions, events and skips to --out. Run it
    again after an interruption: finished shards are kept, the rest are redone."""
    from tqdm import tqdm

    from .batch import run_batch

    if address and engine != "ray":
        raise click.UsageError("--address needs --engine ray")
    config = _config(ctx)
    # Open the database first: a wrong URL should fail now, not after hours of work.
    store = _engine(ctx, db_url) if load else None
    t0 = time.perf_counter()
    with tqdm(unit=" articles", disable=no_progress or None, file=sys.stderr, leave=False) as bar:
        summary = run_batch(
            list(inputs),
            Path(out_dir),
            config,
            workers=workers,
            shard_size=shard_size,
            engine=engine,
            address=address,
            progress=bar.update,
        )
    dt = time.perf_counter() - t0
    click.echo(
        f"shards: {summary.shards} ({summary.already_done} already done); "
        f"articles: {summary.articles}; events: {summary.events}; skipped: {summary.skipped}"
    )
    rate = summary.articles / dt if dt > 0 else 0.0
    click.echo(
        f"time: {dt:.1f} s ({rate:.1f} articles/s, {workers} worker(s), {engine} engine); "
        f"output: {out_dir}"
    )
    if store is not None:
        from .store.ingest import load_batch

        click.echo("loading the shards into the database:")
        for line in load_batch(Path(out_dir), store).lines():
            click.echo("  " + line)
        click.echo(f"  database: {store.url.render_as_string(hide_password=True)}")


@cli.command()
@db_option
@click.option("--host", default=None, help="Address to listen on (default: api.host, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: api.port, 8765).")
@click.pass_context
def serve(ctx: click.Context, db_url: str | None, host: str | None, port: int | None) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the web page over the database."""
    import uvicorn

    from .api import create_app
    from .web import missing_assets

    cfg = _config(ctx)
    engine = _engine(ctx, db_url)
    host = host or cfg["api.host"]
    port = port or cfg["api.port"]
    missing = missing_assets()
    if missing:
        err = WirewatchError(Err.A006, detail=", ".join(missing))
        click.echo(f"wirewatch: warning [{err.code}] {err.message}; {err.hint}", err=True)
    click.echo(f"database: {engine.url.render_as_string(hide_password=True)}")
    click.echo(f"Open http://{host}:{port}/ for the map, timeline and events; API docs at /docs")
    uvicorn.run(create_app(cfg, engine), host=host, port=port, log_level="warning")


def main() -> None:
    cli(prog_name="wirewatch")
