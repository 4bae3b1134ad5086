"""One configuration: package defaults, overridden key by key by a user file,
environment variables and `--set` overrides, in that order.

The defaults live in `default_config.toml` beside this module, commented, so the
documentation of every setting is the file itself.
"""

from __future__ import annotations

import contextlib
import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import Err, WirewatchError

ENV_CONFIG = "WIREWATCH_CONFIG"
# Environment variables that override single settings.
ENV_SETTINGS = {
    "WIREWATCH_DB_URL": "store.url",
    "WIREWATCH_MODEL": "nlp.model",
    "WIREWATCH_API_TOKEN": "api.token",
}
# Settings whose values are never printed (`wirewatch config` shows them as ***).
SECRET_SETTINGS = {"api.token"}
USER_FILE = "wirewatch.toml"


def default_text() -> str:
    return resources.files("wirewatch").joinpath("default_config.toml").read_text("utf-8")


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def _coerce(key: str, value: Any, default: Any, where: str) -> Any:
    """Check a value against the default's type; strings from env/--set are parsed."""
    expected = type(default)
    if isinstance(value, str) and expected is not str:
        with contextlib.suppress(tomllib.TOMLDecodeError):
            value = tomllib.loads(f"v = {value}")["v"]
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if expected is list and isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise WirewatchError(Err.C004, key=key, expected=expected.__name__, got=value, where=where)
    return value


@dataclass(frozen=True)
class Config:
    """Settings in force, by dotted key, with where each came from."""

    values: dict[str, Any]
    origins: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def replace(self, **overrides: Any) -> Config:
        """A copy with dotted keys (written with `__` for `.`) changed; for tests and API use."""
        values = dict(self.values)
        origins = dict(self.origins)
        for name, value in overrides.items():
            key = name.replace("__", ".")
            if key not in values:
                raise WirewatchError(Err.C003, key=key, where="code")
            values[key] = _coerce(key, value, self.values[key], "code")
            origins[key] = "code"
        return Config(values, origins)


def _read_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise WirewatchError(Err.C001, path=path)
    try:
        return _flatten(tomllib.loads(path.read_text("utf-8")))
    except tomllib.TOMLDecodeError as exc:
        raise WirewatchError(Err.C002, path=path, detail=exc) from None


def load_config(
    path: str | Path | None = None,
    overrides: list[str] | tuple[str, ...] = (),
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Config:
    """Defaults < user file < environment < overrides ("section.key=value")."""
    env = dict(os.environ) if env is None else env
    defaults = _flatten(tomllib.loads(default_text()))
    values = dict(defaults)
    origins = dict.fromkeys(defaults, "default")

    def apply(key: str, value: Any, where: str) -> None:
        if key not in defaults:
            raise WirewatchError(Err.C003, key=key, where=where)
        values[key] = _coerce(key, value, defaults[key], where)
        origins[key] = where

    if path is None and env.get(ENV_CONFIG):
        path = env[ENV_CONFIG]
    if path is None:
        candidate = (cwd or Path.cwd()) / USER_FILE
        path = candidate if candidate.is_file() else None
    if path is not None:
        for key, value in _read_file(Path(path)).items():
            apply(key, value, str(path))
    for var, key in ENV_SETTINGS.items():
        if env.get(var):
            apply(key, env[var], f"${var}")
    for text in overrides:
        key, sep, value = text.partition("=")
        if not sep or not key.strip():
            raise WirewatchError(Err.C005, text=text)
        apply(key.strip(), value.strip(), "--set")
    return Config(values, origins)
