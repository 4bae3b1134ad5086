"""The Ray engine: the batch's shards on a Ray Data actor pool, one model per actor.

Ray is an optional extra (`pip install 'wirewatch[ray]'`). Without `address` a local Ray
is started with one CPU per worker and stopped afterwards; with it, the run joins an
existing cluster (KubeRay, Ray on Slurm; see docs/batch.md). Actors read their shard's
input themselves (so inputs must be on storage every node sees) and send the shard's rows
back; this process writes the Parquet files and the manifest exactly as the local engine
does, so both engines give the same output and a killed run resumes the same way.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import Err, WirewatchError


class ShardWorker:
    """A Ray actor: loads the model once, then runs whole shards."""

    def __init__(self, config: Config) -> None:
        from ..nlp import load_model

        self.config = config
        load_model(config["nlp.model"], config["intake.max_chars"])

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        from .shards import Shard, peak_rss_mb, shard_rows

        shards, rows, rss = [], [], []
        for spec in batch["shard"]:
            shard = Shard(**json.loads(str(spec)))
            shards.append(str(spec))
            rows.append(json.dumps(shard_rows(shard, self.config), ensure_ascii=False))
            rss.append(peak_rss_mb())
        return {"shard": shards, "rows": rows, "pid": [os.getpid()] * len(shards), "rss": rss}


def _reachable(address: str, timeout: float = 5.0) -> str | None:
    """Why a cluster address cannot be reached, or None. Ray itself retries an unreachable
    address for minutes; a plain TCP connection tells at once."""
    if address in ("auto", "local"):
        return None
    hostport = address.removeprefix("ray://").rsplit("/", 1)[0]
    host, sep, port = hostport.rpartition(":")
    if not sep or not port.isdigit():
        return "give it as host:port or ray://host:port"
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            return None
    except OSError as exc:
        return f"{exc.strerror or exc} within {timeout:.0f} s"


def _start(address: str | None, workers: int) -> bool:
    """Connect to (or start) Ray; True when this call started it (and should stop it)."""
    try:
        import ray
        import ray.data  # the extra installs ray[data]; fail early if it is missing
    except ImportError as exc:
        raise WirewatchError(Err.U005, detail=str(exc)) from exc
    if ray.is_initialized():
        return False
    common: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "logging_level": logging.WARNING,
        "configure_logging": False,
    }
    if address and (why := _reachable(address)):
        raise WirewatchError(Err.U006, address=address, detail=why)
    try:
        if address:
            ray.init(address=address, **common)
        else:
            # A small object store: shards are a few MB each, and the default (30% of RAM)
            # would reserve gigabytes of shared memory on a laptop.
            ray.init(num_cpus=workers, object_store_memory=512 * 1024**2, **common)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise WirewatchError(Err.U006, address=address or "local", detail=str(exc)) from exc
    return True


def run_on_ray(
    shards: list[Any],
    config: Config,
    out: Path,
    *,
    workers: int,
    address: str | None,
    done: Callable[[dict[str, Any], int, float], None],
) -> None:
    """Run `shards` on Ray; `done` gets each shard's manifest entry once its files are
    written, with the process id and peak memory (MB) of the actor that ran it."""
    from .shards import Shard, write_shard

    started = _start(address, workers)
    import ray

    try:
        # Our own progress bar counts articles; Ray's bars and per-run logging would
        # interleave with it.
        for name in ("ray", "ray.data"):
            logging.getLogger(name).setLevel(logging.ERROR)
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False
        items = [{"shard": json.dumps(asdict(s))} for s in shards]
        if not items:
            return
        ds = ray.data.from_items(items, override_num_blocks=len(items))
        ds = ds.map_batches(
            ShardWorker,
            fn_constructor_kwargs={"config": config},
            concurrency=workers,
            batch_size=1,
            num_cpus=1,
        )
        for row in ds.iter_rows():
            shard = Shard(**json.loads(row["shard"]))
            done(write_shard(shard, json.loads(row["rows"]), out), int(row["pid"]), row["rss"])
    finally:
        if started:
            ray.shutdown()
