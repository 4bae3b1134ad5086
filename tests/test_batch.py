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


def test_parquet_inputs_give_the_output_of_the_same_json_lines(tmp_path: Path) -> None:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()][:9]
    jsonl = tmp_path / "reports.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    # Parquet writers store dates as dates, not strings: that must read the same.
    for r in records:
        if r.get("published"):
            r["published"] = dt.date.fromisoformat(r["published"][:10])
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "reports.parquet", row_group_size=4)
    cfg = load_config(env={})
    run_batch([str(jsonl)], tmp_path / "a", cfg, shard_size=4)
    s = run_batch([str(tmp_path / "reports.parquet")], tmp_path / "b", cfg, shard_size=4)
    assert s.shards == 3 and s.articles == 9
    a, b = _tables(tmp_path / "a"), _tables(tmp_path / "b")
    assert [r["record"] for r in a["events"]] == [r["record"] for r in b["events"]]
    assert [r["input"].replace(".jsonl", ".parquet") for r in a["articles"]] == [
        r["input"] for r in b["articles"]
    ]


def test_a_file_that_is_not_parquet_is_a_clear_error(tmp_path: Path) -> None:
    from wirewatch.errors import WirewatchError

    bad = tmp_path / "cut.parquet"
    bad.write_bytes(b"PAR1 this copy was cut short")
    with pytest.raises(WirewatchError) as err:
        run_batch([str(bad)], tmp_path / "out", load_config(env={}))
    assert err.value.code == "W018" and "cut.parquet" in err.value.message


def test_loading_shards_gives_the_database_of_ingest(corpus: Path, reference, tmp_path) -> None:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from wirewatch.store import connect
    from wirewatch.store.ingest import ingest, load_batch
    from wirewatch.store.schema import EventRow, MentionRow, StoryRow

    cfg = load_config(env={})
    out = tmp_path / "out"
    run_batch([str(corpus)], out, cfg, shard_size=4)
    loaded = connect(f"sqlite:///{tmp_path / 'loaded.db'}")
    first = load_batch(out, loaded)
    direct = connect(f"sqlite:///{tmp_path / 'direct.db'}")
    ingested = ingest([str(corpus)], cfg, direct)
    assert (first.read, first.events, first.stories) == (
        ingested.read,
        ingested.events,
        ingested.stories,
    )
    assert first.skipped == ingested.skipped

    def contents(engine) -> tuple:
        with Session(engine) as s:
            events = sorted((e.key, e.event_type, json.dumps(e.record, sort_keys=True))
                            for e in s.scalars(select(EventRow)))  # fmt: skip
            mentions = sorted((m.kind, m.text, m.start, json.dumps(m.data, sort_keys=True))
                              for m in s.scalars(select(MentionRow)))  # fmt: skip
            stories = sorted((st.key, st.num_events, st.num_articles, st.figure)
                             for st in s.scalars(select(StoryRow)))  # fmt: skip
        return events, mentions, stories

    assert contents(loaded) == contents(direct)
    again = load_batch(out, loaded)
    assert again.new == 0 and again.unchanged == first.read
    assert contents(loaded) == contents(direct)


def test_ray_engine_gives_the_output_of_the_local_engine(corpus: Path, reference, tmp_path) -> None:
    import os

    if os.environ.get("CI"):
        import ray.data  # noqa: F401  (`make test` installs the extra: never skip in CI)
    else:
        pytest.importorskip("ray.data", reason="the [ray] extra is not installed")
    s = run_batch([str(corpus)], tmp_path, load_config(env={}), workers=2, shard_size=4,
                  engine="ray")  # fmt: skip
    assert _tables(tmp_path) == reference
    assert s.articles == len(reference["articles"]) and s.already_done == 0
    assert len(s.worker_pids) == 2  # both actors of the pool took shards
    again = run_batch([str(corpus)], tmp_path, load_config(env={}), shard_size=4, engine="ray")
    assert again.already_done == again.shards and again.articles == 0


def test_ray_engine_missing_is_a_clear_error(monkeypatch, corpus: Path, tmp_path) -> None:
    import sys

    from wirewatch.errors import WirewatchError

    monkeypatch.setitem(sys.modules, "ray", None)  # as if the extra were not installed
    with pytest.raises(WirewatchError) as err:
        run_batch([str(corpus)], tmp_path, load_config(env={}), shard_size=4, engine="ray")
    assert err.value.code == "U005" and "wirewatch[ray]" in err.value.hint


def test_unreachable_ray_cluster_fails_at_once(corpus: Path, tmp_path: Path) -> None:
    import time

    from wirewatch.errors import WirewatchError

    pytest.importorskip("ray.data", reason="the [ray] extra is not installed")
    t0 = time.monotonic()
    with pytest.raises(WirewatchError) as err:
        run_batch([str(corpus)], tmp_path, load_config(env={}), engine="ray",
                  address="127.0.0.1:1")  # fmt: skip
    assert err.value.code == "U006" and "127.0.0.1:1" in err.value.message
    assert time.monotonic() - t0 < 30  # Ray alone would retry for minutes
    assert not (tmp_path / MANIFEST).exists()


def test_cli_address_needs_the_ray_engine(corpus: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from wirewatch.cli import cli

    res = CliRunner().invoke(cli, ["batch", str(corpus), "--out", str(tmp_path / "o"),
                                   "--address", "head:6379"])  # fmt: skip
    assert res.exit_code == 2 and "--address needs --engine ray" in res.output
