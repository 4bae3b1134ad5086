"""Batch runs: shards on worker processes, Parquet output, resuming after an interruption."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from wirewatch.batch import MANIFEST, TABLES, read_table, run_batch
from wirewatch.cli import demo_dir
from wirewatch.config import load_config
from wirewatch.pipeline import Result, run

DEMO = demo_dir() / "tajik-border-reports.jsonl"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The demo reports plus a broken line and a French one, to see skips kept."""
    path = tmp_path_factory.mktemp("in") / "reports.jsonl"
    lines = DEMO.read_text(encoding="utf-8").splitlines()
    lines.insert(4, '{"id": "broken", "text": "trunc')
    french = "Les talibans ont pris le poste frontière hier soir, selon les autorités locales."
    lines.insert(9, json.dumps({"id": "fr", "text": french}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _tables(out: Path) -> dict[str, list[dict]]:
    return {t: read_table(out, t).to_pylist() for t in TABLES}


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory) -> dict[str, list[dict]]:
    out = tmp_path_factory.mktemp("ref")
    run_batch([str(corpus)], out, load_config(env={}), workers=1, shard_size=4)
    return _tables(out)


def test_batch_output_equals_the_pipeline(corpus: Path, reference) -> None:
    expected = [
        json.dumps(ev.to_dict(), ensure_ascii=False, sort_keys=True)
        for res in run([str(corpus)], load_config(env={}))
        if isinstance(res, Result)
        for ev in res.events
    ]
    assert [r["record"] for r in reference["events"]] == expected
    codes = sorted(r["code"] for r in reference["skips"])
    assert codes == ["W007", "W009"]
    assert len(reference["articles"]) == len(DEMO.read_text().splitlines())


def test_two_workers_give_the_same_output(corpus: Path, reference, tmp_path: Path) -> None:
    run_batch([str(corpus)], tmp_path, load_config(env={}), workers=2, shard_size=4)
    assert _tables(tmp_path) == reference


def test_interrupted_run_resumes_without_loss_or_doubling(
    corpus: Path, reference, tmp_path: Path
) -> None:
    cfg = load_config(env={})
    first = run_batch([str(corpus)], tmp_path, cfg, shard_size=4, stop_after=3)
    assert first.already_done == 0
    # A kill while writing: a torn manifest line, a half-written temporary file, and a
    # shard whose Parquet files were renamed but not yet recorded.
    with (tmp_path / MANIFEST).open("a", encoding="utf-8") as fh:
        fh.write('{"shard": "reports-')
    (tmp_path / "events" / ".x.parquet.tmp").write_bytes(b"PAR1 half")
    victim = sorted((tmp_path / "events").glob("*.parquet"))[0]
    shutil.copy(victim, tmp_path / "events" / "reports-zzzzzzzz-99999.parquet.tmp")
    second = run_batch([str(corpus)], tmp_path, cfg, shard_size=4)
    assert second.already_done == 3
    assert _tables(tmp_path) == reference
    third = run_batch([str(corpus)], tmp_path, cfg, shard_size=4)
    assert third.already_done == third.shards and third.articles == 0


@pytest.mark.slow
def test_sigkilled_batch_finishes_with_the_same_output(corpus: Path, reference, tmp_path) -> None:
    import signal
    import subprocess
    import sys
    import time

    cmd = [sys.executable, "-m", "wirewatch", "batch", str(corpus), "--out", str(tmp_path),
           "--shard-size", "4", "--workers", "2", "--no-progress"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = tmp_path / MANIFEST
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.is_file() and manifest.read_text().count("\n") >= 2:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    subprocess.run(["pkill", "-9", "-f", str(tmp_path)], check=False)  # orphaned workers
    done = run_batch([str(corpus)], tmp_path, load_config(env={}), shard_size=4)
    assert done.already_done < done.shards  # it really was cut short
    assert _tables(tmp_path) == reference
