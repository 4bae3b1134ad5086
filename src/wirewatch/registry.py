"""Registries for the pluggable parts: sources, and later geocoders, ontologies, exporters.

Built-in parts are registered through package entry points, exactly as a third
party's are (group `wirewatch.<kind>` in its pyproject.toml), and code can also
register directly with `registry.sources.register("name")(cls)`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """Name -> object, filled from entry points on first look-up and by `register`."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.group = f"wirewatch.{kind}"
        self._items: dict[str, T] = {}
        self._loaded = False

    def register(self, name: str) -> Callable[[T], T]:
        def add(obj: T) -> T:
            self._items[name] = obj
            return obj

        return add

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        for ep in entry_points(group=self.group):
            self._items.setdefault(ep.name, ep.load())

    def get(self, name: str) -> T:
        self._load()
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise KeyError(f"no {self.kind} named '{name}' (known: {known})") from None

    def all(self) -> dict[str, T]:
        self._load()
        return dict(self._items)


sources: Registry[type] = Registry("sources")
exporters: Registry[object] = Registry("exporters")
