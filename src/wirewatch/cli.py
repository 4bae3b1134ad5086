"""The `wirewatch` command: global options and dispatch. The subcommands, thin wrappers
over the plain functions of each stage, are in `wirewatch.commands` by group."""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from . import __version__
from .commands import COMMANDS
from .commands.common import EXIT_NOTHING, EXIT_USAGE, demo_dir, log
from .errors import WirewatchError

__all__ = ["EXIT_NOTHING", "EXIT_USAGE", "cli", "demo_dir", "log", "main"]


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


for _command in COMMANDS:
    cli.add_command(_command)


def main() -> None:
    cli(prog_name="wirewatch")
