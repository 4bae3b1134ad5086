"""Exports of the store: rows of a view (plover, gdelt, acled, or stories), streamed from
the database in batches and written by a format registered in `registry.exporters`
(jsonl, csv, geojson, parquet are built in, registered like a third party's)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import Engine, Select, select
from sqlalchemy.orm import Session

from ..store.schema import ArticleRow, EventRow, StoryRow, TombstoneRow
from ..stories import POINT_PRECISIONS
from .views import ID_COLUMN, REPORTED_ONLY, STORY_COLUMNS, VIEWS, Options, reported, story_row

if TYPE_CHECKING:
    from ..api.queries import EventFilter

BATCH = 1000


@dataclass
class Row:
    values: dict[str, Any]
    # (lat, lon, precision) when the event has a real point; None otherwise
    point: tuple[float, float, str] | None = None


def columns(view: str, stories: bool, opts: Options | None = None) -> tuple[tuple[str, str], ...]:
    if stories:
        return tuple(STORY_COLUMNS.items())
    return VIEWS[view].columns_for(opts or Options())


def rows(
    engine: Engine,
    view: str = "plover",
    since: datetime | None = None,
    stories: bool = False,
    filters: EventFilter | None = None,
    min_confidence: float | None = None,
    include_unasserted: bool = False,
    narrow: Callable[[Select[Any]], Select[Any]] | None = None,
) -> Iterator[Row]:
    """Every row of the view (no cap), changed after `since` when given, followed by
    tombstones of what was deleted after it. `filters` (the API's event filters) and
    `min_confidence` select events, `narrow` adds any other conditions to the events'
    query (the page's download of what it shows); the ACLED and GDELT views keep only
    asserted, non-background events unless `include_unasserted`."""
    opts = Options(unasserted=include_unasserted)
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
                select(EventRow, ArticleRow, StoryRow)
                .join(ArticleRow, EventRow.article_id == ArticleRow.id)
                .outerjoin(StoryRow, EventRow.story_id == StoryRow.id)
                .order_by(EventRow.id)
            )
            if since is not None:
                q = q.where(EventRow.updated_at > since)
            if narrow is not None:
                q = narrow(q)
            if filters is not None:
                q = filters.apply(q)
            if min_confidence is not None:
                q = q.where(EventRow.confidence >= min_confidence)
            reported_only = view in REPORTED_ONLY and not include_unasserted
            if reported_only:
                q = q.where(EventRow.modality == "asserted")
            for ev, art, story in session.execute(q.execution_options(yield_per=BATCH)):
                if reported_only and not reported(ev, art):
                    continue
                values = v.event_row(ev, art, story, opts)
                if values is None:
                    continue
                point = None
                if ev.lat is not None and ev.lon is not None and ev.precision in POINT_PRECISIONS:
                    point = (ev.lat, ev.lon, ev.precision)
                yield Row(values, point)
        if since is not None:
            kind = "story" if stories else "event"
            id_col = "story_key" if stories else ID_COLUMN[view]
            names = [c for c, _ in columns(view, stories, opts)]
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
