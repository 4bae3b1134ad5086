"""The mention record and the small helpers every pass shares: raw offsets, sentence
numbers. What a mention says is its payload (`payloads`)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from .gazetteer import Place
from .payloads import (
    ActorPayload,
    AttributionPayload,
    DatePayload,
    Payload,
    PlacePayload,
    QuantityPayload,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ..ingest.article import Article

    # A party found but not yet a mention: its span and what is known of it.
    Party = tuple[Span, ActorPayload]

# One of the payload types.
P = TypeVar("P")
# What a per-parse cache holds (`per_parse`).
T = TypeVar("T")


@dataclass
class Mention:
    kind: str  # actor | place | date | quantity | attribution
    text: str
    start: int  # raw offsets
    end: int
    sent: int  # sentence number in the parse (-1 for text outside it, e.g. the dateline)
    i: int  # token span in the parse
    j: int
    payload: Payload  # what it says; a later pass may give it a new one

    def to_dict(self, article_id: str) -> dict[str, Any]:
        return {
            "article_id": article_id,
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            **self.payload.to_dict(),
        }

    @property
    def as_actor(self) -> ActorPayload:
        return _expect(self.payload, ActorPayload)

    @property
    def as_place(self) -> PlacePayload:
        return _expect(self.payload, PlacePayload)

    @property
    def as_date(self) -> DatePayload:
        return _expect(self.payload, DatePayload)

    @property
    def as_quantity(self) -> QuantityPayload:
        return _expect(self.payload, QuantityPayload)

    @property
    def as_attribution(self) -> AttributionPayload:
        return _expect(self.payload, AttributionPayload)


def _expect(payload: Payload, cls: type[P]) -> P:
    if not isinstance(payload, cls):
        raise TypeError(f"a {type(payload).__name__}, not a {cls.__name__}")
    return payload


def curated(place: Place) -> bool:
    """Listed by hand, in Wirewatch's supplement or a user's place file."""
    return place.source == "wirewatch" or place.source.startswith("file:")


def raw_span(article: Article, start: int, end: int) -> tuple[int, int]:
    """Offsets in the cleaned text mapped back to the raw text."""
    return article.cleaned.raw_span(start, end) if article.cleaned else (start, end)


def mention(article: Article, doc: Doc, span: Span, payload: Payload) -> Mention:
    """A mention over a span of the parse, of the payload's kind, with raw offsets and
    text."""
    s, e = raw_span(article, span.start_char, span.end_char)
    sent = sentence_index(doc, span.start)
    return Mention(payload.KIND, article.raw[s:e], s, e, sent, span.start, span.end, payload)


def per_parse(doc: Doc, key: str, compute: Callable[[Doc], T]) -> T:
    """`compute(doc)`, computed once per parse and kept in `doc.user_data` under `key`
    (the doc is read-only once parsed). spaCy rebuilds `doc.text` (a join over every
    token) and `doc.ents` (a scan of every token, a new Span each) on every read, and the
    passes asked for them per candidate and per event: on 480 news articles the rebuilds
    were a third of the time beyond parsing."""
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = compute(doc)
    return found


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per parse."""
    return per_parse(doc, "_ww_text", lambda d: d.text)


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, built once per parse (each read of `doc.ents` scans every token and
    makes a new Span per entity; the mention and event passes read it about twenty times
    per article: on 480 news articles the two stages took 9.9 -> 9.2 s CPU,
    `bench_extract.py --news 480 --stages`)."""
    return per_parse(doc, "_ww_ents", lambda d: tuple(d.ents))


def entity_at(doc: Doc, i: int) -> Span | None:
    """The named entity holding token `i`, if any (entities never overlap), from an index
    of `doc.ents` built once per parse."""
    index = per_parse(
        doc, "_ww_entity_at", lambda d: {k: e for e in doc_ents(d) for k in range(e.start, e.end)}
    )
    return index.get(i)


def sentence_index(doc: Doc, i: int) -> int:
    starts = per_parse(doc, "_ww_sent_starts", lambda d: [s.start for s in d.sents])
    return bisect_right(starts, i) - 1
