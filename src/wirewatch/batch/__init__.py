"""Batch runs: JSON Lines or Parquet inputs cut into shards, processed on worker processes
or on Ray (the model loaded once per worker), written as Parquet shards of articles,
mentions, events and skips, with a manifest that makes a run resumable.

A shard is a fixed range of lines (rows) of one input file, so the same inputs always give
the same shards. A shard's files are written under temporary names and renamed into place;
only then is the shard appended to `manifest.jsonl` (flushed and synced). A run killed
at any point and started again skips the shards in the manifest and rewrites the others
from scratch: nothing is lost and nothing is doubled. See docs/batch.md.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..config import Config
from ..errors import Err, WirewatchError
from ..ingest import _input_files
from ..ingest.sources import JsonLinesSource, item_id
from .shards import (
    PARQUET_SUFFIXES,
    SCHEMAS,
    TABLES,
    Shard,
    peak_rss_mb,
    shard_rows,
    write_shard,
)

log = logging.getLogger(__name__)

MANIFEST = "manifest.jsonl"
ENGINES = ("local", "ray")


def plan(inputs: list[str], shard_size: int) -> list[Shard]:
    """The shards of these inputs, in input order; the same inputs give the same shards."""
    shards = []
    for item in _input_files(inputs):
        path = Path(item)
        suffix = path.suffix.lower()
        if suffix in PARQUET_SUFFIXES:
            try:
                lines = pq.ParquetFile(path).metadata.num_rows
            except (OSError, pa.ArrowException) as exc:
                raise WirewatchError(Err.W018, item=item, detail=str(exc)) from exc
        elif suffix in JsonLinesSource.suffixes:
            with path.open("rb") as fh:
                lines = sum(1 for _ in fh)
        else:
            raise WirewatchError(Err.W013, item=item, suffix=path.suffix or "(none)")
        tag = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:8]
        for k, start in enumerate(range(1, lines + 1, shard_size)):
            end = min(lines, start + shard_size - 1)
            shards.append(Shard(f"{item_id(item)}-{tag}-{k:05d}", str(path), start, end))
    return shards


def done_shards(out: Path) -> dict[str, dict[str, Any]]:
    """Shards the manifest records as finished (a torn last line is ignored)."""
    path = out / MANIFEST
    done: dict[str, dict[str, Any]] = {}
    if not path.is_file():
        return done
    for line in path.read_text("utf-8").splitlines():
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue  # killed while writing this line: the shard is redone
        if all((out / t / f"{rec['shard']}.parquet").is_file() for t in TABLES):
            done[rec["shard"]] = rec
    return done


def process_shard(shard: Shard, config: Config, out: Path) -> dict[str, Any]:
    """Run the pipeline on one shard and write its files (what a local worker does)."""
    return write_shard(shard, shard_rows(shard, config), out)


_WORKER: dict[str, Any] = {}


def _init_worker(config: Config, out: str) -> None:
    """Each worker loads the model once, before its first shard."""
    from ..nlp import load_model

    _WORKER["config"], _WORKER["out"] = config, Path(out)
    load_model(config["nlp.model"], config["intake.max_chars"])


def _work(shard: Shard) -> tuple[dict[str, Any], int, float]:
    entry = process_shard(shard, _WORKER["config"], _WORKER["out"])
    return entry, os.getpid(), peak_rss_mb()


def _repair(out: Path) -> None:
    """End a manifest line torn by a kill, so the next entry starts on its own line, and
    remove temporary files a killed writer left."""
    path = out / MANIFEST
    if path.is_file() and path.stat().st_size:
        with path.open("rb+") as fh:
            fh.seek(-1, os.SEEK_END)
            if fh.read(1) != b"\n":
                fh.write(b"\n")
    for table in TABLES:
        for tmp in (out / table).glob(".*.parquet.tmp"):
            tmp.unlink()


def _record_done(out: Path, entry: dict[str, Any]) -> None:
    with (out / MANIFEST).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, sort_keys=True) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


@dataclass
class BatchSummary:
    shards: int = 0
    already_done: int = 0
    articles: int = 0
    events: int = 0
    skipped: int = 0
    # The worker processes that ran shards (to see that the work was spread), and the
    # highest peak resident memory of any of them, in MB.
    worker_pids: set[int] = field(default_factory=set)
    worker_peak_rss_mb: float = 0.0

    def saw_worker(self, pid: int, rss_mb: float) -> None:
        self.worker_pids.add(pid)
        self.worker_peak_rss_mb = max(self.worker_peak_rss_mb, rss_mb)


def run_batch(
    inputs: list[str],
    out: Path,
    config: Config,
    *,
    workers: int = 1,
    shard_size: int = 200,
    engine: str = "local",
    address: str | None = None,
    progress: Callable[[int], None] | None = None,
    stop_after: int | None = None,
) -> BatchSummary:
    """Process every shard not yet in the manifest, on local processes or on Ray
    (`engine`, `address`). `stop_after` ends the run after that many shards (to test
    resuming; a killed run behaves the same)."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    out.mkdir(parents=True, exist_ok=True)
    _repair(out)
    shards = plan(inputs, shard_size)
    done = done_shards(out)
    todo = [s for s in shards if s.id not in done]
    summary = BatchSummary(shards=len(shards), already_done=len(shards) - len(todo))
    if stop_after is not None:
        todo = todo[:stop_after]

    def count(entry: dict[str, Any], pid: int, rss_mb: float) -> None:
        # Which process finished the shard, and when: for operators and benchmarks.
        entry = {**entry, "worker": f"{socket.gethostname()}:{pid}", "finished": time.time()}
        summary.saw_worker(pid, rss_mb)
        _record_done(out, entry)
        summary.articles += entry["articles"]
        summary.events += entry["events"]
        summary.skipped += entry["skipped"]
        if progress is not None:
            progress(entry["articles"] + entry["skipped"])

    if engine == "ray":
        from .ray_engine import run_on_ray

        run_on_ray(todo, config, out, workers=workers, address=address, done=count)
        return summary
    if workers <= 1:
        for shard in todo:
            count(process_shard(shard, config, out), os.getpid(), peak_rss_mb())
        return summary
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(config, str(out))
    ) as pool:
        futures = [pool.submit(_work, s) for s in todo]
        for fut in as_completed(futures):
            count(*fut.result())
    return summary


def read_table(out: Path, table: str) -> pa.Table:
    """One output table over every finished shard, in shard order."""
    done = done_shards(out)
    files = [out / table / f"{sid}.parquet" for sid in sorted(done)]
    if not files:
        return SCHEMAS[table].empty_table()
    return pa.concat_tables(pq.read_table(f) for f in files)
