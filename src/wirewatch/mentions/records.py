"""The mention record and the small helpers every pass shares: raw offsets, sentence
numbers, the packing of a gazetteer place into a record."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .gazetteer import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ..ingest.article import Article

    # A party found but not yet a mention: its span and what is known of it.
    Party = tuple[Span, dict[str, Any]]


@dataclass
class Mention:
    kind: str  # actor | place | date | quantity | attribution
    text: str
    start: int  # raw offsets
    end: int
    sent: int  # sentence number in the parse (-1 for text outside it, e.g. the dateline)
    i: int  # token span in the parse
    j: int
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, article_id: str) -> dict[str, Any]:
        return {
            "article_id": article_id,
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            **self.data,
        }


def place_dict(p: Place) -> dict[str, Any]:
    point = p.precision in ("point", "district")
    return {
        "name": p.name,
        "country": p.country,
        "admin1": p.admin1,
        "lat": p.lat if p.lat is not None and p.precision != "country" else None,
        "lon": p.lon if p.lon is not None and p.precision != "country" else None,
        "geonameid": p.geonameid,
        "feature": p.feature,
        "precision": p.precision,
        "point": point,
    }


def curated(place: Place) -> bool:
    """Listed by hand, in Wirewatch's supplement or a user's place file."""
    return place.source == "wirewatch" or place.source.startswith("file:")


def raw_span(article: Article, start: int, end: int) -> tuple[int, int]:
    """Offsets in the cleaned text mapped back to the raw text."""
    return article.cleaned.raw_span(start, end) if article.cleaned else (start, end)


def mention(article: Article, doc: Doc, kind: str, span: Span, **data: Any) -> Mention:
    """A mention of `kind` over a span of the parse, with raw offsets and text."""
    s, e = raw_span(article, span.start_char, span.end_char)
    sent = sentence_index(doc, span.start)
    return Mention(kind, article.raw[s:e], s, e, sent, span.start, span.end, data)


def sentence_index(doc: Doc, i: int) -> int:
    starts = doc.user_data.get("_ww_sent_starts")
    if starts is None:
        starts = [s.start for s in doc.sents]
        doc.user_data["_ww_sent_starts"] = starts
    return bisect_right(starts, i) - 1
