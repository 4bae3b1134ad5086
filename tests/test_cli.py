from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wirewatch.cli import cli

from .conftest import ARTICLES


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_extract_seed_runs_and_prints_jsonl(seed_path: Path) -> None:
    res = _run("extract", str(seed_path), "--published", "2021-07-05", "--format", "jsonl")
    assert res.exit_code == 0, res.output
    for line in res.stdout.splitlines():
        rec = json.loads(line)
        assert rec["article_id"] == "seed-tajik-border"


def test_extract_table_has_a_header(seed_path: Path) -> None:
    res = _run("extract", str(seed_path), "--format", "table")
    assert res.exit_code == 0
    assert res.stdout.splitlines()[0].split("\t")[:3] == ["article", "type", "mode"]


def test_extract_bad_date_is_a_usage_error(seed_path: Path) -> None:
    res = _run("extract", str(seed_path), "--published", "5 July")
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.stderr


def test_nothing_processed_exits_non_zero_with_one_line_reasons(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    res = _run("extract", str(empty), str(pdf))
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert any("[W001]" in line and "empty.txt" in line for line in lines)
    assert any("[W003]" in line and "PDF" in line for line in lines)
    assert lines[-1].startswith("wirewatch: error [U002]")


def test_batch_goes_on_past_a_bad_article(tmp_path: Path, seed_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    res = _run("extract", str(bad), str(seed_path), str(ARTICLES / "batch.jsonl"))
    assert res.exit_code == 0
    assert res.stderr.count("skipped [") == 4  # binary, broken JSON, no text, French


def test_stdin_dash(seed_raw: str) -> None:
    res = _run("inspect", "-", "--format", "json", input=seed_raw)
    assert res.exit_code == 0
    view = json.loads(res.stdout)
    assert view["article"]["id"] == "stdin"


def test_inspect_json_shows_sentences_captions_entities(seed_path: Path, seed_raw: str) -> None:
    res = _run("inspect", str(seed_path), "--format", "json")
    assert res.exit_code == 0, res.output
    view = json.loads(res.stdout)
    assert len([b for b in view["set_aside"] if b["kind"] == "caption"]) == 3
    assert view["sentences"][0]["text"].startswith("Tajikistan's president on Monday")
    ents = {(e["text"], e["label"]) for e in view["entities"]}
    assert ("Emomali Rakhmon", "PERSON") in ents
    for e in view["entities"]:
        assert seed_raw[e["start"] : e["end"]].replace("’", "'") == e["text"]


def test_inspect_text_view(seed_path: Path) -> None:
    res = _run("inspect", str(seed_path))
    assert res.exit_code == 0
    assert "caption (caption marker)" in res.stdout and "-- entities:" in res.stdout


def test_config_command_and_bad_override() -> None:
    res = _run("--set", "nlp.batch_size=8", "config")
    assert res.exit_code == 0 and "nlp.batch_size = 8  # --set" in res.stdout
    res = _run("config", "--defaults")
    assert res.stdout.startswith("# Wirewatch default configuration.")
    res = _run("--set", "nlp.bogus=1", "config")
    assert res.exit_code == 2 and "[C003]" in res.stderr


def test_missing_model_is_a_clear_error(seed_path: Path) -> None:
    res = _run("--set", "nlp.model=en_core_web_xx_missing", "extract", str(seed_path))
    assert res.exit_code == 1
    assert "[N001]" in res.stderr and "pip install" in res.stderr


def test_demo_summary(tmp_path: Path) -> None:
    res = _run("demo", "--db", f"sqlite:///{tmp_path / 'demo.db'}")
    assert res.exit_code == 0, res.output
    assert "articles read:" in res.stdout and "wirewatch inspect" in res.stdout
    assert "stories:" in res.stdout


def test_ingest_twice_then_export(tmp_path: Path, seed_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    first = _run("ingest", str(seed_path), "--published", "2021-07-05", "--db", db)
    assert first.exit_code == 0, first.output
    assert "new 1, unchanged 0" in first.stdout
    again = _run("ingest", str(seed_path), "--published", "2021-07-05", "--db", db)
    assert "new 0, unchanged 1" in again.stdout
    csv_out = _run("export", "--db", db, "--format", "csv", "--view", "acled")
    assert csv_out.exit_code == 0, csv_out.output
    header, *rows = csv_out.stdout.splitlines()
    assert header.startswith(
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type"
    )
    assert any(",Change to group/activity," in r for r in rows)  # the mobilisation
    stories = _run("export", "--db", db, "--story")
    assert all(json.loads(ln)["num_articles"] == 1 for ln in stories.stdout.splitlines())


def test_export_refuses_parquet_to_terminal_and_bad_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    res = _run("export", "--db", db, "--format", "parquet")
    assert res.exit_code == 0 and res.stdout_bytes.startswith(b"PAR1")  # a redirected stdout
    monkeypatch.setattr("wirewatch.commands.store._stdout_is_terminal", lambda: True)
    res = _run("export", "--db", db, "--format", "parquet")
    assert res.exit_code == 2 and "[U004]" in res.output
    res = _run("export", "--db", db, "--since", "last tuesday")
    assert res.exit_code == 2 and "[U003]" in res.output


def test_config_never_prints_the_api_token() -> None:
    res = CliRunner().invoke(cli, ["config"], env={"WIREWATCH_API_TOKEN": "s3cret-value"})
    assert res.exit_code == 0
    assert "s3cret-value" not in res.output
    assert 'api.token = "***"  # $WIREWATCH_API_TOKEN' in res.output
