"""What clustering needs of one stored event (its own module: the evidence features and
the clustering both use it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass
class Member:
    """What clustering needs of one stored event (the text fields are optional: without
    them only places, dates, sides and figures are evidence)."""

    key: str
    event_type: str
    article: str  # the article's key
    outlet: str  # the outlet (source), or the article when unknown
    actor_country: str | None = None
    actor_sector: str | None = None
    recipient_country: str | None = None
    place_country: str | None = None
    place_admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    date: date | None = None
    date_precision: str | None = None
    quantity: float | None = None
    qualifier: str | None = None
    quantity_text: str | None = None
    attribution: str | None = None
    seen: datetime | None = None
    published: date | None = None  # the publication date its source gave, if any
    confidence: float = 0.5
    actor_name: str | None = None
    recipient_name: str | None = None
    place_name: str | None = None
    # The date is told by the text itself (not taken from the publication date, not
    # counted from it as "on Sunday" is): two such dates can really disagree.
    date_told: bool = False
    position: int = 0  # where the event's sentence starts in its article
    sentence: str = ""
    lead: str = ""  # the article's title and first sentences
    body: str = ""  # the article's text
    names: frozenset[str] = frozenset()  # keys of participants named around the event
    doc_names: frozenset[str] = frozenset()  # keys of every named participant of the article
    extra: dict[str, Any] = field(default_factory=dict)
