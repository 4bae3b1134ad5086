"""What the HTTP API answers, as plain functions over a database session.

The FastAPI app (`api/app.py`) only parses parameters and shapes responses; everything a
request asks of the store is here, so that other front ends (and tests) can call it.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from ..errors import Err, WirewatchError
from ..store.schema import ArticleRow, EventRow, StoryRow
from ..stories import POINT_PRECISIONS
from .filters import EventFilter, _contains, parse_bbox, split_values  # noqa: F401

# How much article text the event view shows on each side of the evidence sentence.
CONTEXT_CHARS = 400
# Fields whose evidence spans an event can carry, in the order the page lists them.
SPAN_FIELDS = ("actor", "trigger", "recipient", "location", "date", "quantity", "attribution")


MAX_ID = 2**63 - 1


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"e{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not raw.startswith("e"):
            raise ValueError(raw)
        last = int(raw[1:])
        if not 0 <= last <= MAX_ID:  # a database integer holds no more
            raise ValueError(raw)
        return last
    except ValueError as exc:
        raise WirewatchError(
            Err.A002, name="cursor", detail="not a cursor this API gave; start without one"
        ) from exc


def map_shape(ev: EventRow) -> str | None:
    """How the map may draw the event: a pin only for a real point; a shaded region for a
    province; a shaded country; nothing when no place is known."""
    if ev.lat is not None and ev.lon is not None and ev.precision in POINT_PRECISIONS:
        return "point"
    if ev.lat is not None and ev.lon is not None and ev.precision == "admin1":
        return "region"
    if ev.place_country:
        return "country"
    return None


def event_summary(ev: EventRow, art: ArticleRow, story: StoryRow | None) -> dict[str, Any]:
    rec = ev.record
    return {
        "id": ev.key,
        "type": ev.event_type,
        "mode": ev.mode,
        "quad": ev.quad,
        "cameo_root": ev.cameo_root,
        "acled_subtype": ev.acled_subtype,
        "acled_event_type": rec.get("acled_event_type"),
        "actor": rec.get("actor"),
        "recipient": rec.get("recipient"),
        "location": rec.get("location"),
        "date": rec.get("date"),
        "quantity": rec.get("quantity"),
        "attribution": rec.get("attribution"),
        "modality": ev.modality,
        "confidence": ev.confidence,
        "sentence": ev.sentence,
        "trigger": ev.trigger,
        "map": map_shape(ev),
        "article": {
            "id": art.id,
            "title": art.title,
            "source": art.source,
            "outlet": outlet_name(art.source, art.url, art.title),
            "url": art.url,
            "published": art.published.isoformat() if art.published else None,
        },
        "story": None
        if story is None
        else {
            "id": story.key,
            "num_articles": story.num_articles,
            "num_sources": story.num_sources,
            "figure": story.figure,
            "figure_qualifier": story.figure_qualifier,
        },
    }


def _event_query() -> Select[Any]:
    return (
        select(EventRow, ArticleRow, StoryRow)
        .join(ArticleRow, EventRow.article_id == ArticleRow.id)
        .outerjoin(StoryRow, EventRow.story_id == StoryRow.id)
    )


# Orders GET /events can give: storage order (the default, stable as events arrive), by
# event date or by confidence, either way ("-" first: descending). Events with no date
# sort as the earliest.
SORTS = ("id", "date", "-date", "confidence", "-confidence")
_NO_DATE = date(1, 1, 1)


def _sort_key(sort: str) -> Any:
    if sort.lstrip("-") == "date":
        return func.coalesce(EventRow.date, _NO_DATE)
    return func.coalesce(EventRow.confidence, 0.0)


def _sort_value(ev: EventRow, sort: str) -> str:
    if sort.lstrip("-") == "date":
        return (ev.date or _NO_DATE).isoformat()
    return repr(float(ev.confidence or 0.0))


def _encode_sorted(sort: str, value: str, last_id: int) -> str:
    raw = f"s{sort}|{value}|{last_id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_sorted(cursor: str, sort: str) -> tuple[Any, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        given, value, last = raw[1:].split("|")
        if not raw.startswith("s") or given != sort:
            raise ValueError(raw)
        last_id = int(last)
        if not 0 <= last_id <= MAX_ID:
            raise ValueError(raw)
        key: Any = date.fromisoformat(value) if sort.lstrip("-") == "date" else float(value)
        return key, last_id
    except (ValueError, UnicodeDecodeError) as exc:
        raise WirewatchError(
            Err.A002,
            name="cursor",
            detail="not a cursor this API gave for this sort; start without one",
        ) from exc


def list_events(
    session: Session, flt: EventFilter, limit: int, cursor: str | None = None, sort: str = "id"
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of events in the order asked (storage order by default), and the cursor
    of the next page (None at the end). Sorted pages are keyset pages too: (key, id)."""
    if sort not in SORTS:
        raise WirewatchError(Err.A002, name="sort", detail=f"one of: {', '.join(SORTS)}")
    query = flt.apply(_event_query())
    if sort == "id":
        query = query.where(EventRow.id > decode_cursor(cursor)).order_by(EventRow.id)
    else:
        key = _sort_key(sort)
        desc = sort.startswith("-")
        if cursor:
            value, last = _decode_sorted(cursor, sort)
            if desc:
                query = query.where(or_(key < value, and_(key == value, EventRow.id < last)))
            else:
                query = query.where(or_(key > value, and_(key == value, EventRow.id > last)))
        if desc:
            query = query.order_by(key.desc(), EventRow.id.desc())
        else:
            query = query.order_by(key, EventRow.id)
    rows = session.execute(query.limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    page = [event_summary(ev, art, st) for ev, art, st in rows]
    if not (more and rows):
        return page, None
    last_ev = rows[-1][0]
    if sort == "id":
        return page, encode_cursor(last_ev.id)
    return page, _encode_sorted(sort, _sort_value(last_ev, sort), last_ev.id)


def as_geojson(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Only events with a real point become features; precision goes in the properties."""
    feats = []
    for e in events:
        loc = e.get("location") or {}
        if e["map"] != "point":
            continue
        props = {k: v for k, v in e.items() if k != "location"}
        props["place"] = loc.get("name")
        props["precision"] = loc.get("precision")
        feats.append(
            {
                "type": "Feature",
                "id": e["id"],
                "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": feats}


def _not_found(kind: str, ident: object) -> WirewatchError:
    return WirewatchError(Err.A001, kind=kind, id=ident)


def get_event(session: Session, key: str) -> dict[str, Any]:
    """One event with each field's evidence span, the article text around it and the
    other reports of its story."""
    row = session.execute(_event_query().where(EventRow.key == key)).one_or_none()
    if row is None:
        raise _not_found("event", key)
    ev, art, story = row
    out = event_summary(ev, art, story)
    text = art.text
    spans = ev.record.get("spans") or {}
    out["evidence"] = [
        {"field": name, "start": s, "end": e, "text": text[s:e]}
        for name in SPAN_FIELDS
        if name in spans
        for s, e in [spans[name]]
    ]
    ev_start = ev.record.get("evidence", {}).get("start", 0)
    ev_end = ev.record.get("evidence", {}).get("end", 0)
    lo, hi = max(0, ev_start - CONTEXT_CHARS), min(len(text), ev_end + CONTEXT_CHARS)
    out["sentence_span"] = [ev_start, ev_end]
    out["context"] = {"start": lo, "end": hi, "text": text[lo:hi]}
    out["reports"] = _story_members(session, story) if story is not None else []
    return out


def outlet_name(source: str | None, url: str | None, title: str | None) -> str:
    """A name to show for the outlet of a report: its source, else the domain of its
    address, else its title, else "unknown outlet"; never an internal key (the store keys
    an article without an address by "sha256:...", which is no outlet's name)."""
    if source and not source.startswith("sha256:"):
        return source
    if url and not url.startswith("sha256:"):
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    if title:
        return title
    return "unknown outlet"


def _story_members(session: Session, story: StoryRow) -> list[dict[str, Any]]:
    rows = session.execute(
        select(EventRow, ArticleRow)
        .join(ArticleRow, EventRow.article_id == ArticleRow.id)
        .where(EventRow.story_id == story.id)
        .order_by(ArticleRow.published, EventRow.id)
    ).all()
    return [
        {
            "event": ev.key,
            "article": art.id,
            "title": art.title,
            "source": art.source,
            "outlet": outlet_name(art.source, art.url, art.title),
            "url": art.url,
            "published": art.published.isoformat() if art.published else None,
            "date": ev.date.isoformat() if ev.date else None,
            "type": ev.event_type,
            "sentence": ev.sentence,
            "quantity": ev.quantity,
            "qualifier": ev.qualifier,
            "quantity_text": (ev.record.get("quantity") or {}).get("text"),
            "figure": figure_words(
                ev.quantity, ev.qualifier, (ev.record.get("quantity") or {}).get("text")
            ),
            "attribution": ev.source,
        }
        for ev, art in rows
    ]


def story_summary(st: StoryRow) -> dict[str, Any]:
    return {
        "id": st.key,
        "title": st.summary.get("title"),
        "type": st.event_type,
        "date": st.date.isoformat() if st.date else None,
        "first_date": st.summary.get("first_date"),
        "last_date": st.summary.get("last_date"),
        "actors": st.summary.get("actors") or [],
        "places": st.summary.get("places") or [],
        "num_events": st.num_events,
        "num_articles": st.num_articles,
        "num_sources": st.num_sources,
        "first_seen": st.first_seen.isoformat() if st.first_seen else None,
        "last_seen": st.last_seen.isoformat() if st.last_seen else None,
        "figure": None
        if st.figure is None
        else {"value": st.figure, "qualifier": st.figure_qualifier},
        "actor_country": st.summary.get("actor_country"),
        "recipient_country": st.summary.get("recipient_country"),
        "place_country": st.summary.get("place_country"),
        "lead_event": st.summary.get("event"),
    }


def list_stories(
    session: Session,
    types: Sequence[str],
    min_articles: int,
    date_from: date | None,
    date_to: date | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    after = decode_cursor(cursor)
    query = select(StoryRow).where(StoryRow.id > after, StoryRow.num_articles >= min_articles)
    if types:
        query = query.where(StoryRow.event_type.in_([t.upper() for t in types]))
    if date_from is not None:
        query = query.where(StoryRow.date >= date_from)
    if date_to is not None:
        query = query.where(StoryRow.date <= date_to)
    rows = list(session.scalars(query.order_by(StoryRow.id).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return [story_summary(s) for s in rows], (encode_cursor(rows[-1].id) if more else None)


QUALIFIER_WORDS = {
    "exact": "",
    "more_than": "more than ",
    "at_least": "at least ",
    "about": "about ",
    "less_than": "fewer than ",
    "vague": "an estimate of ",
}


def figure_words(value: float | None, qualifier: str | None, text: str | None = None) -> str:
    """1037, "exact" -> "1,037"; 1000, "more_than" -> "more than 1,000"; a vague word
    keeps the word: "hundreds (taken as 200)"."""
    if value is None:
        return ""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    if qualifier == "vague" and text:
        return f"{text.strip().lower()} (taken as {number})"
    return QUALIFIER_WORDS.get(qualifier or "exact", f"{qualifier} ") + number


_WHY = {
    "exact": "an exact figure beats an estimate",
    "at_least": "'at least' is the firmest figure given",
    "about": "no report gives an exact figure or a floor",
    "more_than": "no report gives an exact figure",
    "less_than": "the reports give only a ceiling or vaguer words",
    "vague": "the reports give only vague words",
}


def explain_figure(best: dict[str, Any] | None, figures: list[dict[str, Any]]) -> str | None:
    """The story's figure, who gave it and why it was chosen, in words."""
    if best is None:
        return None
    qual = best["qualifier"] or "exact"
    chosen = next(
        (f for f in figures if f["value"] == best["value"] and f["qualifier"] == qual), None
    )
    words = chosen["words"] if chosen else figure_words(best["value"], qual)
    out = words
    if chosen is not None:
        who = chosen.get("attribution")
        out += f", reported by {chosen['outlet']}" + (f" citing {who}" if who else "")
    others = [
        w
        for w in dict.fromkeys(f["words"] for f in sorted(figures, key=lambda f: -f["value"]))
        if w != words
    ]
    n = len(figures)
    if others:
        out += f". Chosen over {', '.join(others)} because {_WHY.get(qual, 'of the rule')}"
        out += " (then an attributed figure, the one more reports give, the latest)"
    return out + f"; {n} report{'s' if n != 1 else ''} gave a figure."


def get_story(session: Session, key: str) -> dict[str, Any]:
    st = session.scalars(select(StoryRow).where(StoryRow.key == key)).one_or_none()
    if st is None:
        raise _not_found("story", key)
    out = story_summary(st)
    out["reports"] = _story_members(session, st)
    by_event = {r["event"]: r for r in out["reports"]}
    figures = []
    for f in st.figures:  # every report's figure, with who gave it
        rep = by_event.get(f.get("event"))
        outlet = f.get("outlet")
        if rep is not None:
            outlet = rep["outlet"]
        elif not outlet or str(outlet).startswith("sha256:"):
            outlet = "unknown outlet"
        figures.append(
            {
                **f,
                "outlet": outlet,
                "published": rep["published"] if rep else None,
                "words": figure_words(f.get("value"), f.get("qualifier"), f.get("text")),
            }
        )
    out["figures"] = figures
    if out["figure"] is not None:
        best = out["figure"]
        text = next(
            (
                f["text"]
                for f in figures
                if f["value"] == best["value"] and f["qualifier"] == best["qualifier"]
            ),
            None,
        )
        best["words"] = figure_words(best["value"], best["qualifier"], text)
        best["explanation"] = explain_figure(best, figures)
    return out


def get_article(session: Session, ident: int) -> dict[str, Any]:
    art = session.get(ArticleRow, ident)
    if art is None:
        raise _not_found("article", ident)
    events = session.scalars(
        select(EventRow.key).where(EventRow.article_id == art.id).order_by(EventRow.id)
    )
    return {
        "id": art.id,
        "key": art.key,
        "name": art.name,
        "title": art.title,
        "source": art.source,
        "url": art.url,
        "published": art.published.isoformat() if art.published else None,
        "published_origin": art.published_origin,
        "ingested_at": art.ingested_at.isoformat() if art.ingested_at else None,
        "text": art.text,
        "events": list(events),
    }


def list_actors(
    session: Session, q: str | None, country: Sequence[str], limit: int, offset: int
) -> list[dict[str, Any]]:
    """Parties that act or are acted on, with how many events name them, most first."""
    counts: dict[tuple[Any, Any, Any], dict[str, int]] = {}
    for role, name, ctry, sector in (
        ("actor", EventRow.actor_name, EventRow.actor_country, EventRow.actor_sector),
        (
            "recipient",
            EventRow.recipient_name,
            EventRow.recipient_country,
            EventRow.recipient_sector,
        ),
    ):
        query = select(name, ctry, sector, func.count()).group_by(name, ctry, sector)
        query = query.where(or_(name.is_not(None), ctry.is_not(None)))
        if q:
            query = query.where(_contains(name, q))
        if country:
            query = query.where(ctry.in_([c.upper() for c in country]))
        for n, c, s, k in session.execute(query):
            counts.setdefault((n, c, s), {"actor": 0, "recipient": 0})[role] += k
    rows = [
        {
            "name": n,
            "country": c,
            "sector": s,
            "as_actor": v["actor"],
            "as_recipient": v["recipient"],
        }
        for (n, c, s), v in counts.items()
    ]
    rows.sort(
        key=lambda r: (-(r["as_actor"] + r["as_recipient"]), str(r["name"]), str(r["country"]))
    )
    return rows[offset : offset + limit]


def stats(session: Session, flt: EventFilter) -> dict[str, Any]:
    """Counts per day and type (the timeline), per type and per place country."""
    sub = flt.apply(select(EventRow)).subquery()
    per_day = session.execute(
        select(sub.c.date, sub.c.event_type, func.count())
        .where(sub.c.date.is_not(None))
        .group_by(sub.c.date, sub.c.event_type)
        .order_by(sub.c.date, sub.c.event_type)
    ).all()
    per_type = session.execute(
        select(sub.c.event_type, func.count()).group_by(sub.c.event_type)
    ).all()
    per_country = session.execute(
        select(sub.c.place_country, func.count())
        .where(sub.c.place_country.is_not(None))
        .group_by(sub.c.place_country)
    ).all()
    total = session.scalar(select(func.count()).select_from(sub)) or 0
    return {
        "events": total,
        "days": [{"date": d.isoformat(), "type": t, "count": n} for d, t, n in per_day],
        "types": dict(sorted(per_type, key=lambda r: (-r[1], r[0]))),
        "countries": dict(sorted(per_country, key=lambda r: (-r[1], r[0]))),
    }
