"""The event filters the API, the page's downloads and `wirewatch export` share: what a
user may ask of the stored events (type, countries, actor, dates, box, words …) as one
typed value that adds its conditions to a query."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, func, or_, select

from ..errors import Err, WirewatchError
from ..events.views import ACLED_EVENT_TYPES
from ..store.schema import EventRow, StoryRow
from ..stories import POINT_PRECISIONS


def _contains(column: Any, typed: str) -> Any:
    """Case-insensitive substring match on what the user typed: "%" and "_" are
    characters, not wildcards, and NUL (which SQLite would take as the end of the
    pattern, matching everything) is dropped."""
    return func.lower(column).contains(typed.replace("\x00", "").lower(), autoescape=True)


def split_values(values: Sequence[str] | None) -> list[str]:
    """`ASSAULT,COERCE` and `ASSAULT`, `COERCE` (repeated) both give two values."""
    return [v.strip() for raw in values or [] for v in raw.split(",") if v.strip()]


def parse_bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    """ "min_lon,min_lat,max_lon,max_lat" as numbers, checked (the API's and export's)."""
    if not raw:
        return None
    try:
        w, s, e, n = (float(x) for x in raw.split(","))
    except ValueError as exc:
        raise WirewatchError(
            Err.A002, name="bbox", detail="give min_lon,min_lat,max_lon,max_lat"
        ) from exc
    if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
        raise WirewatchError(Err.A002, name="bbox", detail="corners out of range or swapped")
    return (w, s, e, n)


@dataclass
class EventFilter:
    """Filters of GET /events (and /stats); every one optional, all must hold."""

    types: Sequence[str] = ()
    mode: str | None = None
    quad: int | None = None
    cameo_root: str | None = None
    acled_subtype: str | None = None
    acled_event_type: str | None = None
    actor_country: Sequence[str] = ()
    actor_sector: Sequence[str] = ()
    actor: str | None = None  # a name, in actor or recipient
    recipient_country: Sequence[str] = ()
    place_country: Sequence[str] = ()
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    date_from: date | None = None
    date_to: date | None = None
    modality: str | None = None
    story: str | None = None
    q: str | None = None
    min_confidence: float | None = None

    def apply(self, query: Select[Any]) -> Select[Any]:
        conds = []
        if self.types:
            conds.append(EventRow.event_type.in_([t.upper() for t in self.types]))
        if self.mode:
            conds.append(EventRow.mode == self.mode)
        if self.quad is not None:
            conds.append(EventRow.quad == self.quad)
        if self.cameo_root:
            conds.append(EventRow.cameo_root == self.cameo_root.zfill(2))
        if self.acled_subtype:
            conds.append(EventRow.acled_subtype == self.acled_subtype)
        if self.acled_event_type:
            subs = next(
                (
                    s
                    for t, s in ACLED_EVENT_TYPES.items()
                    if t.lower() == self.acled_event_type.lower()
                ),
                None,
            )
            if subs is None:
                known = ", ".join(ACLED_EVENT_TYPES)
                raise WirewatchError(Err.A002, name="acled_event_type", detail=f"one of: {known}")
            conds.append(EventRow.acled_subtype.in_(list(subs)))
        for col, values in (
            (EventRow.actor_country, self.actor_country),
            (EventRow.actor_sector, self.actor_sector),
            (EventRow.recipient_country, self.recipient_country),
            (EventRow.place_country, self.place_country),
        ):
            if values:
                conds.append(col.in_([v.upper() for v in values]))
        if self.actor:
            conds.append(
                or_(
                    _contains(EventRow.actor_name, self.actor),
                    _contains(EventRow.recipient_name, self.actor),
                )
            )
        if self.bbox is not None:
            w, s, e, n = self.bbox
            conds += [
                EventRow.lon >= w,
                EventRow.lon <= e,
                EventRow.lat >= s,
                EventRow.lat <= n,
                EventRow.precision.in_(POINT_PRECISIONS),
            ]
        if self.date_from is not None:
            conds.append(EventRow.date >= self.date_from)
        if self.date_to is not None:
            conds.append(EventRow.date <= self.date_to)
        if self.modality:
            conds.append(EventRow.modality == self.modality)
        if self.min_confidence is not None:
            conds.append(EventRow.confidence >= self.min_confidence)
        if self.story:
            conds.append(
                EventRow.story_id.in_(select(StoryRow.id).where(StoryRow.key == self.story))
            )
        if self.q:
            conds.append(
                or_(
                    _contains(EventRow.sentence, self.q),
                    _contains(EventRow.actor_name, self.q),
                    _contains(EventRow.recipient_name, self.q),
                    _contains(EventRow.place_name, self.q),
                )
            )
        return query.where(and_(*conds)) if conds else query


# The largest row id a database integer holds (SQLite and PostgreSQL BIGINT).
