"""The event store, against SQLite and a real PostgreSQL server (tests/pg.py)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from wirewatch import export as ex
from wirewatch.cli import demo_dir
from wirewatch.config import Config, load_config
from wirewatch.errors import WirewatchError
from wirewatch.store import connect
from wirewatch.store.ingest import ingest, recluster
from wirewatch.store.schema import (
    ArticleRow,
    Base,
    EventRow,
    MentionRow,
    StoryRow,
    TombstoneRow,
)

from . import pg

TABLES = (ArticleRow, EventRow, MentionRow, StoryRow, TombstoneRow)


@pytest.fixture(scope="session")
def pg_url() -> str:
    try:
        with pg.cluster() as url:
            yield url
    except pg.Unavailable as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no PostgreSQL here: {exc}")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'wirewatch.db'}"
    return request.getfixturevalue("pg_url")


def fresh(url: str) -> Engine:
    """An empty, migrated database at url."""
    engine = connect(url)
    Base.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    return connect(url)


def counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as s:
        return {t.__tablename__: s.scalar(select(func.count()).select_from(t)) for t in TABLES}


@pytest.fixture(scope="module")
def demo_db(backend: str):
    engine = fresh(backend)
    summary = ingest([str(demo_dir())], load_config(env={}), engine)
    return engine, summary


def test_demo_is_stored(demo_db) -> None:
    engine, summary = demo_db
    assert summary.read == summary.new >= 8
    assert not summary.skipped
    n = counts(engine)
    assert n["articles"] == summary.read
    assert n["events"] == summary.events > 30
    assert n["mentions"] > n["events"]
    assert 0 < n["stories"] < n["events"]


def test_reingesting_the_demo_adds_nothing(demo_db) -> None:
    engine, _ = demo_db
    before = counts(engine)
    again = ingest([str(demo_dir())], load_config(env={}), engine)
    assert again.unchanged == again.read and again.new == again.replaced == 0
    assert counts(engine) == before


def test_troops_flight_is_one_story_with_the_exact_figure(demo_db) -> None:
    engine, _ = demo_db
    with Session(engine) as s:
        flights = [
            st
            for st in s.scalars(select(StoryRow).where(StoryRow.event_type == "RETREAT"))
            if st.summary.get("actor_country") == "AFG" and st.num_articles >= 3
        ]
        assert len(flights) == 1
        story = flights[0]
        assert story.figure == 1037 and story.figure_qualifier == "exact"
        values = {(f["value"], f["qualifier"]) for f in story.figures}
        assert (1000, "more_than") in values and (1037, "exact") in values
        assert story.num_sources >= 3 and story.num_articles >= 5
        assert str(story.date) == "2021-07-04"


def test_recluster_is_deterministic(demo_db) -> None:
    engine, _ = demo_db

    def snapshot() -> dict[str, list[str]]:
        with Session(engine) as s:
            return {st.key: sorted(st.summary["members"]) for st in s.scalars(select(StoryRow))}

    before = snapshot()
    recluster(engine)
    assert snapshot() == before


def stories_of(engine: Engine) -> dict[str, list[str]]:
    with Session(engine) as s:
        return {st.key: sorted(st.summary["members"]) for st in s.scalars(select(StoryRow))}


def test_ingest_in_two_batches_gives_the_stories_of_one(demo_db, tmp_path: Path) -> None:
    """Only the event types an ingest touches are re-clustered; that must change nothing."""
    engine, _ = demo_db
    lines = (demo_dir() / "tajik-border-reports.jsonl").read_text(encoding="utf-8").splitlines()
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    for p in demo_dir().glob("*.txt"):
        (first / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    half = len(lines) // 2
    (first / "a.jsonl").write_text("\n".join(lines[:half]) + "\n", encoding="utf-8")
    (second / "b.jsonl").write_text("\n".join(lines[half:]) + "\n", encoding="utf-8")
    split = fresh(f"sqlite:///{tmp_path / 'split.db'}")
    ingest([str(first)], load_config(env={}), split)
    later = ingest([str(second)], load_config(env={}), split)
    assert later.touched  # the second batch re-clustered some types, not necessarily all
    incremental = stories_of(split)
    assert incremental == stories_of(engine)
    recluster(split)
    assert stories_of(split) == incremental


@pytest.mark.parametrize("view", ["plover", "gdelt", "acled"])
def test_parquet_export_reads_back_equal_to_jsonl(demo_db, tmp_path: Path, view: str) -> None:
    import pyarrow.parquet as pq

    engine, _ = demo_db
    cols = ex.columns(view, False)
    with (tmp_path / "out.jsonl").open("wb") as fh:
        n_json = ex.write_jsonl(ex.rows(engine, view), cols, fh)
    with (tmp_path / "out.parquet").open("wb") as fh:
        n_parquet = ex.write_parquet(ex.rows(engine, view), cols, fh)
    lines = (tmp_path / "out.jsonl").read_text().splitlines()
    assert n_json == n_parquet == len(lines) > 0
    table = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert table == [json.loads(ln) for ln in lines]
    assert list(table[0]) == [c for c, _ in cols]


def test_geojson_has_only_real_points(demo_db, tmp_path: Path) -> None:
    engine, _ = demo_db
    out = tmp_path / "events.geojson"
    with out.open("wb") as fh:
        n = ex.write_geojson(ex.rows(engine), ex.columns("plover", False), fh)
    doc = json.loads(out.read_text())
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == n > 0
    for f in doc["features"]:
        assert f["properties"]["precision"] in ("point", "district")
    with Session(engine) as s:
        coarse = s.scalar(select(func.count()).where(EventRow.precision.in_(["country", "admin1"])))
    assert coarse > 0  # they exist, and were left out


def one_article(backend: str, tmp_path: Path, text: str) -> tuple[Engine, Config, Path, dict]:
    """An empty database, the settings, and a JSON Lines file holding one article with
    `text` (the record is returned so a test can change it and write it again)."""
    path = tmp_path / "article.jsonl"
    rec = {
        "id": "a1",
        "url": "https://example.invalid/a1",
        "source": "Test Wire",
        "published": "2021-07-05",
        "text": text,
    }
    path.write_text(json.dumps(rec) + "\n")
    return fresh(backend), load_config(env={}), path, rec


def test_changed_article_replaces_its_events_and_leaves_tombstones(
    backend: str, tmp_path: Path
) -> None:
    engine, cfg, path, rec = one_article(
        backend,
        tmp_path,
        "Tajik President Emomali Rakhmon ordered the mobilization of 20,000 reservists on Monday.",
    )
    first = ingest([str(path)], cfg, engine)
    assert first.new == 1 and first.events == 1
    t0 = datetime.now(UTC)
    rec["text"] = "Police in Dushanbe arrested two journalists on Monday."
    path.write_text(json.dumps(rec) + "\n")
    second = ingest([str(path)], cfg, engine)
    assert second.replaced == 1
    n = counts(engine)
    assert n["articles"] == 1 and n["events"] == 1 and n["tombstones"] >= 1
    rows = [r.values for r in ex.rows(engine, "plover", since=t0)]
    assert [r["event_type"] for r in rows if not r["deleted"]] == ["COERCE"]
    assert len([r for r in rows if r["deleted"]]) == 1


def test_an_article_coded_by_an_older_extractor_is_coded_again(
    backend: str, tmp_path: Path
) -> None:
    """Same text, other events stored (as an older extractor left them): reading it again
    replaces them with this extractor's, and reports no deletion of a key coded again."""
    engine, cfg, path, _ = one_article(
        backend, tmp_path, "Police in Dushanbe arrested two journalists on Monday."
    )
    first = ingest([str(path)], cfg, engine)
    assert first.new == 1 and first.events == 1
    with Session(engine) as s, s.begin():
        ev = s.scalars(select(EventRow)).one()
        ev.record = {**ev.record, "event_type": "CONSULT"}  # what an older coding said
        ev.event_type = "CONSULT"
    t0 = datetime.now(UTC)
    again = ingest([str(path)], cfg, engine)
    assert (again.recoded, again.unchanged, again.replaced, again.new) == (1, 0, 0, 0)
    with Session(engine) as s:
        ev = s.scalars(select(EventRow)).one()
        assert ev.event_type == ev.record["event_type"] == "COERCE"
    rows = [r.values for r in ex.rows(engine, "plover", since=t0)]
    assert [r["event_type"] for r in rows] == ["COERCE"]  # no deletion of its key
    third = ingest([str(path)], cfg, engine)
    assert third.unchanged == 1 and third.recoded == 0


def test_migrations_match_the_schema(backend: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = connect(backend)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_unreachable_database_is_a_clear_error() -> None:
    with pytest.raises(WirewatchError) as err:
        connect("postgresql://nobody@127.0.0.1:9/nothing")
    assert err.value.code == "S001"
    assert "nobody:***" in err.value.message or "127.0.0.1:9" in err.value.message


# Faults: a killed ingest, two ingests at once, the database going away (issue 8).

ARTICLES = Path(__file__).parent / "data" / "articles"


def _database(backend: str, name: str, tmp_path: Path) -> str:
    """A new empty database beside the backend's (its own file, or its own PostgreSQL db)."""
    if backend.startswith("sqlite"):
        return f"sqlite:///{tmp_path / (name + '.db')}"
    from sqlalchemy import create_engine

    admin = create_engine(backend, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return backend.rsplit("/", 1)[0] + "/" + name


def contents(engine: Engine) -> tuple:
    """What an ingest leaves, without row ids and times."""
    with Session(engine) as s:
        articles = sorted(s.scalars(select(ArticleRow.key)))
        events = sorted((e.key, e.event_type, json.dumps(e.record, sort_keys=True))
                        for e in s.scalars(select(EventRow)))  # fmt: skip
        unclustered = s.scalar(select(func.count()).where(EventRow.story_id.is_(None)))
        stories = sorted((st.key, st.event_type, st.num_events, st.num_articles, st.figure,
                          json.dumps(st.summary, sort_keys=True))
                         for st in s.scalars(select(StoryRow)))  # fmt: skip
    return articles, events, unclustered, stories


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple:
    """The demo and the test articles, ingested in one uninterrupted run."""
    engine = connect(f"sqlite:///{tmp_path_factory.mktemp('ref') / 'ref.db'}")
    ingest([str(demo_dir()), str(ARTICLES)], load_config(env={}), engine)
    return contents(engine)


def _ingest_cmd(url: str, *inputs: object) -> list[str]:
    import sys

    return [sys.executable, "-m", "wirewatch", "ingest", *map(str, inputs), "--db", url,
            "--no-progress"]  # fmt: skip


@pytest.mark.slow
def test_two_ingests_at_once_neither_fail_nor_double(backend: str, reference, tmp_path) -> None:
    import subprocess

    url = _database(backend, "two_writers", tmp_path)
    connect(url).dispose()  # migrated once, as a deployment would
    a = subprocess.Popen(_ingest_cmd(url, demo_dir()), stderr=subprocess.PIPE, text=True,
                         stdout=subprocess.DEVNULL)  # fmt: skip
    b = subprocess.Popen(_ingest_cmd(url, demo_dir() / "tajik-border-reports.jsonl", ARTICLES),
                         stderr=subprocess.PIPE, text=True, stdout=subprocess.DEVNULL)  # fmt: skip
    errs = [a.communicate(timeout=300)[1], b.communicate(timeout=300)[1]]
    assert (a.returncode, b.returncode) == (0, 0), errs
    assert not any("locked" in e or "Traceback" in e for e in errs), errs
    assert contents(connect(url)) == reference


@pytest.mark.slow
def test_sigkilled_ingest_run_again_gives_the_uninterrupted_database(reference, tmp_path) -> None:
    import signal
    import sqlite3
    import subprocess
    import time

    path = tmp_path / "killed.db"
    url = f"sqlite:///{path}"
    connect(url).dispose()
    proc = subprocess.Popen(_ingest_cmd(url, demo_dir(), ARTICLES), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None and stored < 12:
        time.sleep(0.05)
        with sqlite3.connect(path, timeout=30) as db:
            stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    engine = connect(url)
    assert contents(engine) != reference  # it really was cut short
    ingest([str(demo_dir()), str(ARTICLES)], load_config(env={}), engine)
    assert contents(engine) == reference


@pytest.mark.slow
def test_database_gone_mid_run_is_a_clear_error_and_a_rerun_completes(
    pg_url: str, reference, tmp_path
) -> None:
    if "stop" not in pg.CONTROL:
        pytest.skip("needs a PostgreSQL server of the tests' own, which they may stop")
    engine = connect(_database(pg_url, "gone_mid_run", tmp_path))
    seen = []

    def stop_after_five(n: int) -> None:
        seen.append(n)
        if len(seen) == 5:
            pg.CONTROL["stop"]()

    try:
        with pytest.raises(WirewatchError) as err:
            ingest([str(demo_dir()), str(ARTICLES)], load_config(env={}), engine,
                   progress=stop_after_five)  # fmt: skip
    finally:
        pg.CONTROL["start"]()
    assert err.value.code == "S001" and "run the same command again" in err.value.hint
    ingest([str(demo_dir()), str(ARTICLES)], load_config(env={}), engine)
    assert contents(engine) == reference
