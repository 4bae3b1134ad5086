"""The HTTP API and the web page (`wirewatch serve`); see docs/api.md."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
