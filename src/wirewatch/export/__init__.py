"""Exports of the store: rows of a view (plover, gdelt, acled, or stories), streamed from
the database in batches and written by a format registered in `registry.exporters`
(jsonl, csv, geojson, parquet are built in, registered like a third party's)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, joinedload

from ..store.schema import ArticleRow, EventRow, StoryRow, TombstoneRow
from ..stories import POINT_PRECISIONS
from .views import ID_COLUMN, STORY_COLUMNS, VIEWS, story_row

BATCH = 1000


@dataclass
class Row:
    values: dict[str, Any]
    # (lat, lon, precision) when the event has a real point; None otherwise
    point: tuple[float, float, str] | None = None


def columns(view: str, stories: bool) -> tuple[tuple[str, str], ...]:
    return tuple(STORY_COLUMNS.items()) if stories else VIEWS[view].columns


def rows(
    engine: Engine, view: str = "plover", since: datetime | None = None, stories: bool = False
) -> Iterator[Row]:
    """Every row of the view (no cap), changed after `since` when given, followed by
    tombstones of what was deleted after it."""
    with Session(engine) as session:
        if stories:
            q = select(StoryRow).order_by(StoryRow.id)
            if since is not None:
                q = q.where(StoryRow.last_seen > since)
            for s in session.scalars(q.execution_options(yield_per=BATCH)):
                yield Row(story_row(s))
        else:
            v = VIEWS[view]
            q = (
                select(EventRow, ArticleRow)
                .join(ArticleRow, EventRow.article_id == ArticleRow.id)
                .options(joinedload(EventRow.story))
                .order_by(EventRow.id)
            )
            if since is not None:
                q = q.where(EventRow.updated_at > since)
            for ev, art in session.execute(q.execution_options(yield_per=BATCH)):
                values = v.event_row(ev, art)
                if values is None:
                    continue
                point = None
                if ev.lat is not None and ev.lon is not None and ev.precision in POINT_PRECISIONS:
                    point = (ev.lat, ev.lon, ev.precision)
                yield Row(values, point)
        if since is not None:
            kind = "story" if stories else "event"
            id_col = "story_key" if stories else ID_COLUMN[view]
            names = [c for c, _ in columns(view, stories)]
            q = select(TombstoneRow).where(
                TombstoneRow.kind == kind, TombstoneRow.deleted_at > since
            )
            for t in session.scalars(q.order_by(TombstoneRow.id)):
                values = dict.fromkeys(names)
                values[id_col] = t.key if id_col != "event_id_cnty" else f"XXX-{t.key}"
                values["deleted"] = True
                yield Row(values)


# -- formats -----------------------------------------------------------------
def write_jsonl(it: Iterator[Row], cols: tuple[tuple[str, str], ...], out: IO[bytes]) -> int:
    n = 0
    for r in it:
        out.write((json.dumps(r.values, ensure_ascii=False) + "\n").encode("utf-8"))
        n += 1
    return n


def write_csv(it: Iterator[Row], cols: tuple[tuple[str, str], ...], out: IO[bytes]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    w = csv.DictWriter(text, fieldnames=[c for c, _ in cols])
    w.writeheader()
    n = 0
    for r in it:
        w.writerow(r.values)
        n += 1
    text.detach()
    return n


def write_geojson(it: Iterator[Row], cols: tuple[tuple[str, str], ...], out: IO[bytes]) -> int:
    """A FeatureCollection of the events with a real point (point or district precision);
    events known only to a province or country are not drawn as a dot."""
    out.write(b'{"type": "FeatureCollection", "features": [\n')
    n = 0
    for r in it:
        if r.point is None:
            continue
        lat, lon, precision = r.point
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {**r.values, "precision": precision},
        }
        out.write((",\n" if n else "").encode() + json.dumps(feature, ensure_ascii=False).encode())
        n += 1
    out.write(b"\n]}\n")
    return n


def write_parquet(it: Iterator[Row], cols: tuple[tuple[str, str], ...], out: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    schema = pa.schema([(c, types[t]) for c, t in cols])
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for r in it:
            batch.append(r.values)
            if len(batch) >= BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch.clear()
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


FORMATS = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "geojson": write_geojson,
    "parquet": write_parquet,
}
