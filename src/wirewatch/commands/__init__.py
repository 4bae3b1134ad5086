"""The `wirewatch` subcommands by group; `wirewatch.cli` parses options and dispatches."""

from .articles import classify, extract, inspect, mentions
from .batch import batch
from .settings import show_config
from .store import demo, export, ingest, serve

COMMANDS = (inspect, extract, classify, mentions, show_config, ingest, export, demo, batch, serve)

__all__ = ["COMMANDS"]
