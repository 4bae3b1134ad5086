"""The `config` command: the settings in force and where each came from."""

from __future__ import annotations

import json

import click

from ..config import SECRET_SETTINGS, default_text
from .common import config_of


@click.command("config")
@click.option("--defaults", is_flag=True, help="Print the commented default file instead.")
@click.pass_context
def show_config(ctx: click.Context, defaults: bool) -> None:
    """Print the settings in force and where each came from."""
    if defaults:
        click.echo(default_text(), nl=False)
        return
    cfg = config_of(ctx)
    for key in sorted(cfg.values):
        value = cfg.values[key]
        shown = '"***"' if key in SECRET_SETTINGS and value else json.dumps(value)
        click.echo(f"{key} = {shown}  # {cfg.origins[key]}")
