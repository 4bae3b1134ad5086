"""Docs are tested: every error code and every setting is documented."""

from __future__ import annotations

from pathlib import Path

from wirewatch.config import load_config
from wirewatch.errors import Err

DOCS = Path(__file__).parent.parent / "docs"
README = Path(__file__).parent.parent / "README.md"


def test_every_error_code_is_documented() -> None:
    text = (DOCS / "errors.md").read_text()
    missing = [e.name for e in Err if f"| {e.name} |" not in text]
    assert not missing, f"add these codes to docs/errors.md: {missing}"


def test_readme_names_the_two_commands_and_ci_runs_the_test_one() -> None:
    readme = README.read_text()
    assert "make demo" in readme and "make test" in readme
    ci = (README.parent / ".ci" / "run").read_text()
    assert "make test" in ci


def test_env_settings_are_documented(tmp_path: Path) -> None:
    from wirewatch.config import ENV_SETTINGS

    readme = README.read_text()
    assert all(var in readme for var in ENV_SETTINGS)
    assert load_config(env={}, cwd=tmp_path).values  # defaults parse
