"""One shard of a batch run: its rows through the pipeline, and its Parquet files.

Both the local worker processes and the Ray actors (`ray_engine`) run shards with this
module, which needs nothing else of the batch package.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..config import Config
from ..ingest import Skip, prepared
from ..ingest.sources import JsonLinesSource, parquet_rows

TABLES = ("articles", "mentions", "events", "skips")
PARQUET_SUFFIXES = (".parquet", ".pq")


@dataclass(frozen=True)
class Shard:
    id: str
    input: str
    start: int  # first line (1-based)
    end: int  # last line, inclusive


def _records(shard: Shard, config: Config) -> Iterator[Any]:
    """The shard's lines as articles (prepared) or skips, with their real line numbers."""
    if Path(shard.input).suffix.lower() in PARQUET_SUFFIXES:
        rows = parquet_rows(shard.input, shard.start, shard.end)
        records = JsonLinesSource().read_objects(rows, shard.input)
        yield from prepared(records, config, shard.input)
        return

    def lines() -> Iterator[tuple[int, str]]:
        with open(shard.input, encoding="utf-8", errors="replace") as fh:
            for lineno, line in enumerate(fh, start=1):
                if lineno > shard.end:
                    return
                if lineno >= shard.start:
                    yield lineno, line.rstrip("\n")

    yield from prepared(JsonLinesSource().read_lines(lines(), shard.input), config, shard.input)


def shard_rows(shard: Shard, config: Config) -> dict[str, list[dict[str, Any]]]:
    """Run the pipeline on one shard: the rows of its four tables."""
    from ..pipeline import run_articles

    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for res in run_articles(_records(shard, config), config):
        if isinstance(res, Skip):
            rows["skips"].append(
                {"item": res.item, "code": res.code, "message": res.message, "hint": res.hint}
            )
            continue
        art = res.article
        rows["articles"].append(
            {
                "article_id": art.id,
                "url": art.url,
                "source": art.source,
                "title": art.title,
                "published": art.published.isoformat() if art.published else None,
                "published_origin": art.published_origin,
                "content_hash": art.content_hash,
                "input": art.input,
                "text": art.raw,
            }
        )
        for m in res.mentions:
            d = m.to_dict(art.id)
            rows["mentions"].append(
                {
                    "article_id": art.id,
                    "kind": d.pop("kind"),
                    "text": d.pop("text"),
                    "start": d.pop("start"),
                    "end": d.pop("end"),
                    "data": json.dumps(
                        {k: v for k, v in d.items() if k != "article_id"}, ensure_ascii=False
                    ),
                }
            )
        for ev in res.events:
            rec = ev.to_dict()
            rows["events"].append(
                {
                    "article_id": art.id,
                    "event_type": rec["event_type"],
                    "record": json.dumps(rec, ensure_ascii=False, sort_keys=True),
                }
            )
    return rows


def write_shard(shard: Shard, rows: dict[str, list[dict[str, Any]]], out: Path) -> dict[str, Any]:
    """Write a shard's four Parquet files atomically; returns its manifest entry."""
    for table in TABLES:
        folder = out / table
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"{shard.id}.parquet"
        tmp = folder / f".{shard.id}.parquet.tmp"
        pq.write_table(pa.Table.from_pylist(rows[table], schema=SCHEMAS[table]), tmp)
        os.replace(tmp, final)
    return {
        "shard": shard.id,
        **{k: v for k, v in asdict(shard).items() if k != "id"},
        "articles": len(rows["articles"]),
        "events": len(rows["events"]),
        "skipped": len(rows["skips"]),
    }


S = pa.string()
SCHEMAS = {
    "articles": pa.schema(
        [
            (c, S)
            for c in (
                "article_id",
                "url",
                "source",
                "title",
                "published",
                "published_origin",
                "content_hash",
                "input",
                "text",
            )
        ]
    ),
    "mentions": pa.schema(
        [
            ("article_id", S),
            ("kind", S),
            ("text", S),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("data", S),
        ]
    ),
    "events": pa.schema([("article_id", S), ("event_type", S), ("record", S)]),
    "skips": pa.schema([(c, S) for c in ("item", "code", "message", "hint")]),
}


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux reports kilobytes)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
