"""Storing what the pipeline found, idempotently, and rebuilding stories.

An article is known by its URL, or by the hash of its text when it has none. The same
article again changes nothing; a changed article (same URL, new text) has its events
replaced, each removed event leaving a tombstone for incremental exports.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..config import Config
from ..events.record import EventRecord
from ..ingest import Skip
from ..pipeline import Result, run
from ..stories import TYPE_GROUP, Member, cluster
from ..stories.evidence import entity_keys, name_keys
from .db import reachable, writer
from .schema import ArticleRow, EventRow, MentionRow, StoryRow, TombstoneRow

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    recoded: int = 0  # same text, coded differently (an extractor upgrade): coded again
    skipped: Counter[str] = field(default_factory=Counter)
    events: int = 0
    stories: int = 0
    # Keys of the articles read, in input order (the API answers with them).
    keys: list[str] = field(default_factory=list)
    # Event types whose stories may have changed: only those are re-clustered.
    touched: set[str] = field(default_factory=set)

    def lines(self) -> list[str]:
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{code} x{n}" for code, n in sorted(self.skipped.items()))
        return [
            f"articles read: {self.read} (new {self.new}, unchanged {self.unchanged}, "
            f"replaced {self.replaced}, recoded {self.recoded})",
            f"skipped: {skipped}" + (f" ({reasons})" if reasons else ""),
            f"events stored: {self.events}",
            f"stories: {self.stories}",
        ]


def now() -> datetime:
    return datetime.now(UTC)


def article_key(url: str | None, content_hash: str) -> str:
    """An article is known by its URL, or by the hash of its text when it has none."""
    return url or f"sha256:{content_hash}"


def event_key(akey: str, rec: dict[str, Any]) -> str:
    ev = rec["evidence"]
    raw = f"{akey}|{rec['event_type']}|{ev['start']}|{ev['end']}|{ev['trigger']}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:24]


def _event_row(akey: str, rec: dict[str, Any], when: datetime) -> EventRow:
    actor, recip, place = rec.get("actor") or {}, rec.get("recipient") or {}, rec.get("location")
    place = place or {}
    d, q, att = rec.get("date") or {}, rec.get("quantity") or {}, rec.get("attribution") or {}
    return EventRow(
        key=event_key(akey, rec),
        event_type=rec["event_type"],
        mode=rec.get("mode"),
        quad=rec.get("quad"),
        cameo_root=rec.get("cameo_root"),
        acled_subtype=rec.get("acled_subtype"),
        actor_name=actor.get("name") or actor.get("text"),
        actor_country=actor.get("country"),
        actor_sector=actor.get("sector"),
        actor_org=actor.get("org"),
        recipient_name=recip.get("name") or recip.get("text"),
        recipient_country=recip.get("country"),
        recipient_sector=recip.get("sector"),
        place_name=place.get("name"),
        place_country=place.get("country"),
        place_admin1=place.get("admin1"),
        lat=place.get("lat"),
        lon=place.get("lon"),
        precision=place.get("precision"),
        date=date.fromisoformat(d["value"]) if d.get("value") else None,
        date_precision=d.get("precision"),
        quantity=q.get("value"),
        qualifier=q.get("qualifier"),
        source=att.get("source"),
        modality=rec.get("modality", "asserted"),
        confidence=rec.get("confidence", 0.5),
        sentence=rec["evidence"]["sentence"],
        trigger=rec["evidence"]["trigger"],
        record=rec,
        updated_at=when,
    )


@dataclass
class Stored:
    """One processed article as the store keeps it, from a pipeline result or from the
    rows of a batch shard (so both are stored by the same code)."""

    key: str
    name: str
    content_hash: str
    url: str | None
    source: str | None
    title: str | None
    published: date | None
    published_origin: str | None
    text: str
    input: str | None
    # (kind, text, start, end, the rest of the mention)
    mentions: list[tuple[str, str, int, int, dict[str, Any]]]
    events: list[EventRecord]  # typed until the row is written

    @classmethod
    def from_result(cls, res: Result) -> Stored:
        art = res.article
        mentions = []
        for m in res.mentions:
            d = m.to_dict(art.id)
            rest = {k: v for k, v in d.items() if k not in ("article_id", "kind", "text")}
            mentions.append((m.kind, m.text, m.start, m.end, rest))
        return cls(
            key=article_key(art.url, art.content_hash),
            name=art.id,
            content_hash=art.content_hash,
            url=art.url,
            source=art.source,
            title=art.title,
            published=art.published,
            published_origin=art.published_origin,
            text=art.raw,
            input=art.input,
            mentions=mentions,
            events=list(res.events),
        )


def store_result(session: Session, res: Result | Stored, summary: IngestSummary) -> None:
    """Store one processed article (the caller commits)."""
    art = res if isinstance(res, Stored) else Stored.from_result(res)
    key = art.key
    summary.keys.append(key)
    when = now()
    row = session.scalars(select(ArticleRow).where(ArticleRow.key == key)).one_or_none()
    records = _records(key, art)
    if row is not None and row.content_hash == art.content_hash:
        if _same_coding(session, row, art, records):
            summary.unchanged += 1
            return
        summary.recoded += 1  # same text, coded otherwise: an upgraded extractor
    elif row is not None:
        summary.replaced += 1
    if row is not None:
        for ev in row.events:
            if ev.key not in records:  # a key coded again stays: no deletion to report
                session.add(TombstoneRow(kind="event", key=ev.key, deleted_at=when))
            summary.touched.add(ev.event_type)
        session.execute(delete(EventRow).where(EventRow.article_id == row.id))
        session.execute(delete(MentionRow).where(MentionRow.article_id == row.id))
    else:
        row = ArticleRow(key=key)
        session.add(row)
        summary.new += 1
    row.name = art.name
    row.content_hash = art.content_hash
    row.url = art.url
    row.source = art.source
    row.title = art.title
    row.published = art.published
    row.published_origin = art.published_origin
    row.text = art.text
    row.input = art.input
    row.ingested_at = when
    session.flush()
    for kind, said, start, end, data in art.mentions:
        session.add(
            MentionRow(article_id=row.id, kind=kind, text=said, start=start, end=end, data=data)
        )
    for rec in records.values():
        erow = _event_row(key, rec, when)
        erow.article_id = row.id
        session.add(erow)
        summary.events += 1
        summary.touched.add(erow.event_type)


def _records(key: str, art: Stored) -> dict[str, dict[str, Any]]:
    """The article's event records by event key; the first of two with one key is kept."""
    out: dict[str, dict[str, Any]] = {}
    for record in art.events:
        rec = record.to_dict()
        out.setdefault(event_key(key, rec), rec)
    return out


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _same_coding(
    session: Session, row: ArticleRow, art: Stored, records: dict[str, dict[str, Any]]
) -> bool:
    """Whether a stored article with the same text holds the same events and mentions as
    this coding of it. Reading an article again after an extractor upgrade must re-code
    it: comparing the text alone kept the old events for ever."""
    stored = {ev.key: _canon(ev.record) for ev in row.events}
    if stored != {k: _canon(r) for k, r in records.items()}:
        return False
    had = session.execute(
        select(
            MentionRow.kind, MentionRow.text, MentionRow.start, MentionRow.end, MentionRow.data
        ).where(MentionRow.article_id == row.id)
    )
    return _mention_rows(had) == _mention_rows(art.mentions)


def _mention_rows(rows: Iterable[Any]) -> list[tuple[str, str, int, int, str]]:
    """Mention rows (kind, text, start, end, data) in one comparable order."""
    return sorted((k, t, s, e, _canon(d)) for k, t, s, e, d in rows)


def ingest(
    inputs: Iterable[str],
    config: Config,
    engine: Engine,
    *,
    published: date | None = None,
    fmt: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Extract and store every input, then rebuild the stories."""
    summary = IngestSummary()
    with reachable(engine):
        for res in run(inputs, config, published=published, fmt=fmt):
            if isinstance(res, Skip):
                summary.skipped[res.code] += 1
                continue
            summary.read += 1
            store_with_retry(engine, res, summary)
            if progress is not None:
                progress(1)
        _rebuild_stories(engine, summary)
    return summary


def _rebuild_stories(engine: Engine, summary: IngestSummary) -> None:
    """After storing: rebuild the stories of the types touched, and of any a killed run
    left unclustered, and count them."""
    recluster(engine, types=summary.touched | pending_types(engine))
    with Session(engine) as session:
        summary.stories = session.scalar(select(func.count()).select_from(StoryRow)) or 0


# Named participants: the kinds of actor mention that name someone.
NAMED = ("person", "organisation", "group")
LEAD_CHARS = 400


def _lead(art: ArticleRow) -> str:
    """The title and the first sentences of an article."""
    text = art.text or ""
    cut = len(text)
    if len(text) > LEAD_CHARS:
        stop = [text.find(p, LEAD_CHARS // 2) for p in (". ", ".\n", "\n")]
        stop = [x for x in stop if 0 <= x <= 2 * LEAD_CHARS]
        cut = min(stop) + 1 if stop else LEAD_CHARS
    return ((art.title or "") + "\n" + text[:cut]).strip()


@dataclass
class _ArticleFacts:
    """What stories need of an article's mentions."""

    named: list[tuple[int, int, frozenset[str]]]  # (start, end, keys) of each named actor
    relative: set[int]  # starts of dates counted from the publication date

    @property
    def names(self) -> frozenset[str]:
        return frozenset(k for _, _, ks in self.named for k in ks)


def _article_facts(session: Session, article_ids: Iterable[int]) -> dict[int, _ArticleFacts]:
    ids = sorted(set(article_ids))
    out = {i: _ArticleFacts([], set()) for i in ids}
    for lo in range(0, len(ids), 500):
        chunk = ids[lo : lo + 500]
        query = select(MentionRow).where(
            MentionRow.article_id.in_(chunk), MentionRow.kind.in_(("actor", "date"))
        )
        for mr in session.scalars(query):
            facts, data = out[mr.article_id], mr.data or {}
            if mr.kind == "date":
                if data.get("relative"):
                    facts.relative.add(mr.start)
            elif data.get("type") in NAMED:
                keys = entity_keys(data.get("entity"), data.get("name") or mr.text, data["type"])
                if keys:
                    facts.named.append((mr.start, mr.end, frozenset(keys)))
    return out


# Publication dates a source gave (not guessed from the text, which may pick up any full
# date it holds): only these tell for sure that two reports are apart in time.
SURE_PUBLISHED = ("given", "metadata")


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _member(ev: EventRow, art: ArticleRow, facts: _ArticleFacts | None = None) -> Member:
    rec = ev.record or {}
    q = rec.get("quantity") or {}
    evidence = rec.get("evidence") or {}
    start, end = evidence.get("start", 0), evidence.get("end", 0)
    actor, recip = rec.get("actor") or {}, rec.get("recipient") or {}
    names = name_keys(actor.get("name")) | name_keys(recip.get("name"))
    date_span = (rec.get("spans") or {}).get("date")
    told = rec.get("date_from") not in (None, "published", "lead") and bool(date_span)
    if facts is not None:
        names |= {k for s, e, ks in facts.named if start <= s < end for k in ks}
        if told and date_span and date_span[0] in facts.relative:
            told = False
    return Member(
        key=ev.key,
        event_type=ev.event_type,
        article=art.key,
        outlet=art.source or art.key,
        actor_country=ev.actor_country,
        actor_sector=ev.actor_sector,
        recipient_country=ev.recipient_country,
        place_country=ev.place_country,
        place_admin1=ev.place_admin1,
        lat=ev.lat,
        lon=ev.lon,
        precision=ev.precision,
        date=ev.date,
        date_precision=ev.date_precision,
        quantity=ev.quantity,
        qualifier=ev.qualifier,
        quantity_text=q.get("text"),
        attribution=ev.source,
        seen=art.ingested_at,
        published=_day(art.published) if art.published_origin in SURE_PUBLISHED else None,
        confidence=ev.confidence,
        actor_name=actor.get("name") or actor.get("text"),
        recipient_name=recip.get("name") or recip.get("text"),
        place_name=ev.place_name,
        date_told=told,
        position=start,
        sentence=ev.sentence or "",
        lead=_lead(art),
        body=art.text or "",
        names=frozenset(names),
        doc_names=facts.names if facts is not None else frozenset(),
        extra={"trigger": ev.trigger, "end": end},
    )


def members_of(session: Session, rows: list[Any]) -> list[Member]:
    """The clustering members of stored (event, article) rows, with their articles'
    named participants and relative dates."""
    facts = _article_facts(session, (art.id for _, art in rows))
    return [_member(ev, art, facts.get(art.id)) for ev, art in rows]


def store_with_retry(engine: Engine, res: Result | Stored, summary: IngestSummary) -> None:
    """Store one article in its own transaction, looking again if another writer stored
    the same article between our look-up and our insert."""
    for attempt in (1, 2):
        counted = (
            summary.new,
            summary.unchanged,
            summary.replaced,
            summary.recoded,
            summary.events,
        )
        touched = set(summary.touched)
        keys = list(summary.keys)
        try:
            with Session(writer(engine)) as session, session.begin():
                store_result(session, res, summary)
            return
        except IntegrityError:
            # It is now "unchanged" or "replaced": count it again as that.
            summary.new, summary.unchanged, summary.replaced, summary.recoded, summary.events = (
                counted
            )
            summary.touched, summary.keys = touched, keys
            if attempt == 2:
                raise


def _group_types(types: Iterable[str]) -> set[str]:
    """Every event type clustered together with any of these (CONCEDE with RETREAT)."""
    groups = {TYPE_GROUP.get(t, t) for t in types}
    return {t for t, g in TYPE_GROUP.items() if g in groups} | groups


# An arbitrary constant naming Wirewatch's story rebuild among PostgreSQL advisory locks.
RECLUSTER_LOCK = 0x5757_0001


def pending_types(engine: Engine) -> set[str]:
    """Types with events in no story: an ingest killed before its rebuild left them."""
    with Session(engine) as session:
        query = select(EventRow.event_type).where(EventRow.story_id.is_(None)).distinct()
        return set(session.scalars(query))


def recluster(engine: Engine, types: Iterable[str] | None = None) -> int:
    """Rebuild stories from the stored events (deterministic); stories that no longer
    exist leave tombstones. Returns the number of stories rebuilt.

    Types cluster apart, so after an ingest only the types it touched are rebuilt
    (`types`); the result is the same as rebuilding everything (`types=None`).
    """
    when = now()
    wanted = None if types is None else _group_types(types)
    if wanted is not None and not wanted:
        return 0
    with Session(writer(engine)) as session, session.begin():
        if engine.dialect.name == "postgresql":
            # One rebuild at a time: two writers rebuilding the same stories at once would
            # both insert them. Waits for the other to commit, then sees its work.
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": RECLUSTER_LOCK})
        query = select(EventRow, ArticleRow).join(ArticleRow, EventRow.article_id == ArticleRow.id)
        story_query = select(StoryRow)
        if wanted is not None:
            query = query.where(EventRow.event_type.in_(sorted(wanted)))
            story_query = story_query.where(StoryRow.event_type.in_(sorted(wanted)))
        rows = session.execute(query).all()
        by_key = {ev.key: ev for ev, _ in rows}
        stories = cluster(members_of(session, rows))
        old = {s.key: s for s in session.scalars(story_query)}
        for story in stories:
            srow = old.pop(story.key, None)
            if srow is None:
                srow = StoryRow(key=story.key)
                session.add(srow)
            srow.event_type = story.event_type
            srow.num_events = len(story.members)
            srow.num_articles = story.num_articles
            srow.num_sources = story.num_sources
            srow.first_seen = story.first_seen
            srow.last_seen = story.last_seen
            srow.date = story.date
            srow.figure = story.figure["value"] if story.figure else None
            srow.figure_qualifier = story.figure["qualifier"] if story.figure else None
            srow.figures = story.figures
            best = max(story.members, key=lambda m: (m.confidence, m.key))
            srow.summary = {
                "event": best.key,
                "actor_country": best.actor_country,
                "recipient_country": best.recipient_country,
                "place_country": best.place_country,
                "title": story.title,
                "actors": story.actors[:5],
                "recipients": story.recipients[:5],
                "places": story.places[:5],
                "first_date": story.first_date.isoformat() if story.first_date else None,
                "last_date": story.last_date.isoformat() if story.last_date else None,
                "reports": story.reports,
                "members": [m.key for m in story.members],
            }
            session.flush()
            for m in story.members:
                ev = by_key[m.key]
                if ev.story_id != srow.id:
                    ev.story_id = srow.id
                    ev.updated_at = when
        for gone in old.values():
            session.add(TombstoneRow(kind="story", key=gone.key, deleted_at=when))
            session.delete(gone)
    return len(stories)


def _stored_from_shard(out: Path, shard: str) -> Iterator[Stored]:
    """The articles of one finished batch shard, with their mentions and events."""
    import json

    import pyarrow.parquet as pq

    def rows(table: str) -> list[dict[str, Any]]:
        return pq.read_table(out / table / f"{shard}.parquet").to_pylist()

    mentions: dict[str, list[dict[str, Any]]] = {}
    for m in rows("mentions"):
        mentions.setdefault(m["article_id"], []).append(m)
    events: dict[str, list[EventRecord]] = {}
    for e in rows("events"):
        record = EventRecord.from_dict(json.loads(e["record"]))
        events.setdefault(e["article_id"], []).append(record)
    for a in rows("articles"):
        aid = a["article_id"]
        yield Stored(
            key=article_key(a["url"], a["content_hash"]),
            name=aid,
            content_hash=a["content_hash"],
            url=a["url"],
            source=a["source"],
            title=a["title"],
            published=date.fromisoformat(a["published"]) if a["published"] else None,
            published_origin=a["published_origin"],
            text=a["text"],
            input=a["input"],
            mentions=[
                (
                    m["kind"],
                    m["text"],
                    m["start"],
                    m["end"],
                    {"start": m["start"], "end": m["end"], **json.loads(m["data"])},
                )
                for m in mentions.get(aid, [])
            ],
            events=events.get(aid, []),
        )


def load_batch(out: Path | str, engine: Engine) -> IngestSummary:
    """Store every finished shard of a batch run (see wirewatch.batch), then rebuild the
    touched stories. Loading is idempotent like `ingest`: loading again, or after a kill,
    changes nothing that is already stored and adds what is missing."""
    import pyarrow.parquet as pq

    from ..batch import done_shards

    out = Path(out)
    summary = IngestSummary()
    with reachable(engine):
        for shard in sorted(done_shards(out)):
            for skip in pq.read_table(out / "skips" / f"{shard}.parquet").to_pylist():
                summary.skipped[skip["code"]] += 1
            for art in _stored_from_shard(out, shard):
                summary.read += 1
                store_with_retry(engine, art, summary)
        _rebuild_stories(engine, summary)
    return summary
