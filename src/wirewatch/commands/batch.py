"""The `batch` command: the whole pipeline over many articles on worker processes or Ray."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from .common import config_of, db_option, open_engine


@click.command()
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

    from ..batch import run_batch

    if address and engine != "ray":
        raise click.UsageError("--address needs --engine ray")
    config = config_of(ctx)
    # Open the database first: a wrong URL should fail now, not after hours of work.
    store = open_engine(ctx, db_url) if load else None
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
        from ..store.ingest import load_batch

        click.echo("loading the shards into the database:")
        for line in load_batch(Path(out_dir), store).lines():
            click.echo("  " + line)
        click.echo(f"  database: {store.url.render_as_string(hide_password=True)}")
