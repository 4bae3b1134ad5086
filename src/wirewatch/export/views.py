"""Column sets of an export: Wirewatch's own (`plover`), GDELT-style and ACLED-style.

Each view turns one stored event (or story) into a flat row with a fixed list of typed
columns, so every format (JSON Lines, CSV, Parquet, GeoJSON properties) carries the same
columns. Documented in docs/export.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..events.views import ACLED_SUBTYPES
from ..store.schema import ArticleRow, EventRow, StoryRow

# GDELT ActionGeo_Type: 1 country, 3 ADM1 (GDELT says "US state", 5 world ADM1), 4 city.
GDELT_GEO = {"country": 1, "admin1": 5, "district": 4, "point": 4}
# ACLED geo_precision: 1 the place itself, 2 near it / its district, 3 its province.
ACLED_GEO = {"point": 1, "district": 2, "admin1": 3, "country": 3}
ACLED_TIME = {"day": 1, "week": 2, "month": 3, "year": 3}


@dataclass(frozen=True)
class View:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, "str" | "int" | "float" | "bool")
    event_row: Callable[[EventRow, ArticleRow], dict[str, Any] | None]


def _iso(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


def plover_row(ev: EventRow, art: ArticleRow) -> dict[str, Any]:
    rec = ev.record
    e = rec["evidence"]
    return {
        "event_id": ev.key,
        "story_id": ev.story.key if ev.story is not None else None,
        "article": art.name,
        "url": art.url,
        "outlet": art.source,
        "published": _iso(art.published),
        "event_type": ev.event_type,
        "mode": ev.mode,
        "quad": ev.quad,
        "cameo_root": ev.cameo_root,
        "acled_subtype": ev.acled_subtype,
        "actor": ev.actor_name,
        "actor_country": ev.actor_country,
        "actor_sector": ev.actor_sector,
        "actor_org": ev.actor_org,
        "recipient": ev.recipient_name,
        "recipient_country": ev.recipient_country,
        "recipient_sector": ev.recipient_sector,
        "place": ev.place_name,
        "place_country": ev.place_country,
        "place_admin1": ev.place_admin1,
        "lat": ev.lat,
        "lon": ev.lon,
        "precision": ev.precision,
        "date": _iso(ev.date),
        "date_precision": ev.date_precision,
        "quantity": ev.quantity,
        "qualifier": ev.qualifier,
        "attribution": ev.source,
        "modality": ev.modality,
        "confidence": ev.confidence,
        "evidence_start": e["start"],
        "evidence_end": e["end"],
        "trigger": ev.trigger,
        "sentence": ev.sentence,
        "updated_at": _iso(ev.updated_at),
        "deleted": False,
    }


def gdelt_row(ev: EventRow, art: ArticleRow) -> dict[str, Any]:
    precise = ev.precision in ("point", "district")
    return {
        "GLOBALEVENTID": ev.key,
        "SQLDATE": ev.date.strftime("%Y%m%d") if ev.date else None,
        "Actor1Name": ev.actor_name,
        "Actor1CountryCode": ev.actor_country,
        "Actor1Type1Code": ev.actor_sector,
        "Actor2Name": ev.recipient_name,
        "Actor2CountryCode": ev.recipient_country,
        "Actor2Type1Code": ev.recipient_sector,
        "IsRootEvent": 1,
        "EventCode": ev.cameo_root,
        "EventBaseCode": ev.cameo_root,
        "EventRootCode": ev.cameo_root,
        "QuadClass": ev.quad,
        "NumMentions": 1,  # one stored event per article; reports are counted per story
        "NumSources": 1,
        "NumArticles": 1,
        "ActionGeo_Type": GDELT_GEO.get(ev.precision or ""),
        "ActionGeo_FullName": ev.place_name,
        "ActionGeo_CountryCode": ev.place_country,
        "ActionGeo_ADM1Code": ev.place_admin1,
        "ActionGeo_Lat": ev.lat if precise else None,
        "ActionGeo_Long": ev.lon if precise else None,
        "ActionGeo_FeatureID": (ev.record.get("location") or {}).get("geonameid"),
        "DATEADDED": ev.updated_at.strftime("%Y%m%d%H%M%S") if ev.updated_at else None,
        "SOURCEURL": art.url or art.name,
        "PLOVER": ev.event_type,
        "Confidence": ev.confidence,
        "Evidence": ev.sentence,
        "deleted": False,
    }


def acled_row(ev: EventRow, art: ArticleRow) -> dict[str, Any] | None:
    """Only events ACLED would record (those with an ACLED sub-event type)."""
    if ev.acled_subtype is None:
        return None
    return {
        "event_id_cnty": f"{ev.place_country or 'XXX'}-{ev.key}",
        "event_date": _iso(ev.date),
        "year": ev.date.year if ev.date else None,
        "time_precision": ACLED_TIME.get(ev.date_precision or "", 3),
        "event_type": ACLED_SUBTYPES.get(ev.acled_subtype),
        "sub_event_type": ev.acled_subtype,
        "actor1": ev.actor_name,
        "actor1_country": ev.actor_country,
        "actor1_sector": ev.actor_sector,
        "actor2": ev.recipient_name,
        "actor2_country": ev.recipient_country,
        "actor2_sector": ev.recipient_sector,
        "country": ev.place_country,
        "admin1": ev.place_admin1,
        "location": ev.place_name,
        "latitude": ev.lat,
        "longitude": ev.lon,
        "geo_precision": ACLED_GEO.get(ev.precision or "", 3),
        "source": art.source or art.url or art.name,
        "notes": ev.sentence,
        "fatalities": None,
        "deleted": False,
    }


S, N, F, B = "str", "int", "float", "bool"  # column types
PLOVER_COLUMNS = {
    "event_id": S, "story_id": S, "article": S, "url": S, "outlet": S, "published": S,
    "event_type": S, "mode": S, "quad": N, "cameo_root": S, "acled_subtype": S, "actor": S,
    "actor_country": S, "actor_sector": S, "actor_org": S, "recipient": S,
    "recipient_country": S, "recipient_sector": S, "place": S, "place_country": S,
    "place_admin1": S, "lat": F, "lon": F, "precision": S, "date": S, "date_precision": S,
    "quantity": F, "qualifier": S, "attribution": S, "modality": S, "confidence": F,
    "evidence_start": N, "evidence_end": N, "trigger": S, "sentence": S, "updated_at": S,
    "deleted": B,
}  # fmt: skip
GDELT_COLUMNS = {
    "GLOBALEVENTID": S, "SQLDATE": S, "Actor1Name": S, "Actor1CountryCode": S,
    "Actor1Type1Code": S, "Actor2Name": S, "Actor2CountryCode": S, "Actor2Type1Code": S,
    "IsRootEvent": N, "EventCode": S, "EventBaseCode": S, "EventRootCode": S, "QuadClass": N,
    "NumMentions": N, "NumSources": N, "NumArticles": N, "ActionGeo_Type": N,
    "ActionGeo_FullName": S, "ActionGeo_CountryCode": S, "ActionGeo_ADM1Code": S,
    "ActionGeo_Lat": F, "ActionGeo_Long": F, "ActionGeo_FeatureID": N, "DATEADDED": S,
    "SOURCEURL": S, "PLOVER": S, "Confidence": F, "Evidence": S, "deleted": B,
}  # fmt: skip
ACLED_COLUMNS = {
    "event_id_cnty": S, "event_date": S, "year": N, "time_precision": N, "event_type": S,
    "sub_event_type": S, "actor1": S, "actor1_country": S, "actor1_sector": S, "actor2": S,
    "actor2_country": S, "actor2_sector": S, "country": S, "admin1": S, "location": S,
    "latitude": F, "longitude": F, "geo_precision": N, "source": S, "notes": S,
    "fatalities": N, "deleted": B,
}  # fmt: skip
STORY_COLUMNS = {
    "story_id": S, "story_key": S, "title": S, "event_type": S, "date": S, "first_date": S,
    "last_date": S, "num_events": N, "num_articles": N, "num_sources": N, "first_seen": S,
    "last_seen": S, "figure": F, "figure_qualifier": S, "figures": S, "actors": S,
    "places": S, "actor_country": S, "recipient_country": S, "place_country": S,
    "reports": S, "deleted": B,
}  # fmt: skip

VIEWS = {
    "plover": View("plover", tuple(PLOVER_COLUMNS.items()), plover_row),
    "gdelt": View("gdelt", tuple(GDELT_COLUMNS.items()), gdelt_row),
    "acled": View("acled", tuple(ACLED_COLUMNS.items()), acled_row),
}
ID_COLUMN = {"plover": "event_id", "gdelt": "GLOBALEVENTID", "acled": "event_id_cnty"}


def story_row(s: StoryRow) -> dict[str, Any]:
    return {
        "story_id": s.key,  # the story's key, as in the API and the event rows
        "story_key": s.key,
        "title": s.summary.get("title"),
        "event_type": s.event_type,
        "date": _iso(s.date),
        "first_date": s.summary.get("first_date"),
        "last_date": s.summary.get("last_date"),
        "num_events": s.num_events,
        "num_articles": s.num_articles,
        "num_sources": s.num_sources,
        "first_seen": _iso(s.first_seen),
        "last_seen": _iso(s.last_seen),
        "figure": s.figure,
        "figure_qualifier": s.figure_qualifier,
        "figures": json.dumps(s.figures, ensure_ascii=False),
        "actors": "; ".join(s.summary.get("actors") or []),
        "places": "; ".join(s.summary.get("places") or []),
        "reports": json.dumps(s.summary.get("reports") or [], ensure_ascii=False),
        "actor_country": s.summary.get("actor_country"),
        "recipient_country": s.summary.get("recipient_country"),
        "place_country": s.summary.get("place_country"),
        "deleted": False,
    }
