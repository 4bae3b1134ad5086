"""The database schema: one set of tables for SQLite and PostgreSQL (SQLAlchemy 2).

Changes go through Alembic migrations in `store/migrations/` (docs/store.md); the tables
here and the latest migration must agree (a test checks it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class ArticleRow(Base):
    """One article as read. `key` is its URL when it has one, else its content hash:
    the same article read again is found by it."""

    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(512), unique=True)
    name: Mapped[str] = mapped_column(String(512))  # the article id of the pipeline
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    url: Mapped[str | None] = mapped_column(String(2048))
    source: Mapped[str | None] = mapped_column(String(256))
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(Date, index=True)
    published_origin: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    input: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    events: Mapped[list[EventRow]] = relationship(
        back_populates="article", cascade="all, delete-orphan"
    )


class EventRow(Base):
    """One event record; `record` keeps the whole record as printed by `extract`, the
    other columns are its fields made queryable."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # stable across re-ingests
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    event_type: Mapped[str] = mapped_column(String(16), index=True)
    mode: Mapped[str | None] = mapped_column(String(32))
    quad: Mapped[int | None] = mapped_column(Integer)
    cameo_root: Mapped[str | None] = mapped_column(String(2))
    acled_subtype: Mapped[str | None] = mapped_column(String(40))
    actor_name: Mapped[str | None] = mapped_column(String(256))
    actor_country: Mapped[str | None] = mapped_column(String(3), index=True)
    actor_sector: Mapped[str | None] = mapped_column(String(8))
    actor_org: Mapped[str | None] = mapped_column(String(32))
    recipient_name: Mapped[str | None] = mapped_column(String(256))
    recipient_country: Mapped[str | None] = mapped_column(String(3), index=True)
    recipient_sector: Mapped[str | None] = mapped_column(String(8))
    place_name: Mapped[str | None] = mapped_column(String(256))
    place_country: Mapped[str | None] = mapped_column(String(3), index=True)
    place_admin1: Mapped[str | None] = mapped_column(String(256))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    precision: Mapped[str | None] = mapped_column(String(16))
    date: Mapped[datetime | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    quantity: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str | None] = mapped_column(String(16))
    source: Mapped[str | None] = mapped_column(String(256))  # attribution
    modality: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float)
    sentence: Mapped[str] = mapped_column(Text)
    trigger: Mapped[str] = mapped_column(Text)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"), index=True
    )
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    article: Mapped[ArticleRow] = relationship(back_populates="events")
    # The story, for its key: the one story id of the API and the exports.
    story: Mapped[StoryRow | None] = relationship()


class MentionRow(Base):
    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class StoryRow(Base):
    """One real event told by one or more articles (see stories/)."""

    __tablename__ = "stories"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    event_type: Mapped[str] = mapped_column(String(16), index=True)
    num_events: Mapped[int] = mapped_column(Integer)
    num_articles: Mapped[int] = mapped_column(Integer)
    num_sources: Mapped[int] = mapped_column(Integer)
    first_seen: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    date: Mapped[datetime | None] = mapped_column(Date)
    figure: Mapped[float | None] = mapped_column(Float)
    figure_qualifier: Mapped[str | None] = mapped_column(String(16))
    figures: Mapped[list[Any]] = mapped_column(JSON)  # every figure with its source
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)


class TombstoneRow(Base):
    """What an incremental export must report as gone: an event removed because its
    article changed, or a story dissolved by re-clustering."""

    __tablename__ = "tombstones"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # event | story
    key: Mapped[str] = mapped_column(String(64))
    deleted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


Index("ix_events_article", EventRow.article_id)
