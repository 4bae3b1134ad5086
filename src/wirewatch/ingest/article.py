"""The `Article` record every later stage reads, and `Skip`, the record of an input
that could not be used and why."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from ..clean import Cleaned
from ..errors import WirewatchError

# Where the publication date came from: given by the caller or the input record,
# read from page metadata, or inferred from the text (dateline, "Published" line,
# the latest full date in the text); "none" when unknown.
PublishedOrigin = Literal["given", "metadata", "text", "none"]


@dataclass
class Article:
    id: str
    raw: str  # the article text exactly as given (decoded, line ends as "\n")
    url: str | None = None
    source: str | None = None  # outlet or site
    title: str | None = None
    author: str | None = None
    published: date | None = None
    published_origin: PublishedOrigin = "none"
    language: str | None = None
    language_score: float | None = None
    encoding: str | None = None
    input: str | None = None  # the file (and line or entry) it came from
    format: str | None = None  # text | html | jsonl | feed
    cleaned: Cleaned | None = None
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The cleaned text handed to the parser."""
        return self.cleaned.text if self.cleaned is not None else self.raw

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.raw.encode("utf-8")).hexdigest()

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "source": self.source,
            "title": self.title,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
            "published_origin": self.published_origin,
            "language": self.language,
            "language_score": self.language_score,
            "encoding": self.encoding,
            "input": self.input,
            "format": self.format,
            "chars_raw": len(self.raw),
            "chars_clean": len(self.text),
            "warnings": self.warnings,
        }


@dataclass(frozen=True)
class Skip:
    """An input, or one record of it, that was not processed, with the reason."""

    item: str
    code: str
    message: str
    hint: str

    @classmethod
    def from_error(cls, err: WirewatchError, item: str | None = None) -> Skip:
        return cls(
            item=item or str(err.fields.get("item", "?")),
            code=err.code,
            message=err.message,
            hint=err.hint,
        )

    def line(self) -> str:
        return f"skipped [{self.code}] {self.message}; {self.hint}"
