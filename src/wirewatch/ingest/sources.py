"""Built-in sources: plain text, HTML pages, JSON Lines of articles, RSS/Atom feeds.

A source turns one decoded input into articles (or skips, for records it cannot
use). Third-party sources register under the entry-point group `wirewatch.sources`
with the same interface: `name`, `suffixes`, `sniff(head)` and `read(text, item)`.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import PurePath
from typing import Any, ClassVar, Protocol

from ..errors import Err, WirewatchError
from .article import Article, Skip

log = logging.getLogger(__name__)

Record = Article | Skip
_SURROGATE = re.compile("[\ud800-\udfff]")
# The fields of an article record, in JSON Lines and Parquet inputs alike.
ARTICLE_FIELDS = ("id", "text", "html", "url", "source", "title", "published")


class Source(Protocol):
    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    @classmethod
    def sniff(cls, head: str) -> bool:
        """Does this text (its first few KB) look like this source's format?"""
        ...

    def read(self, text: str, item: str) -> Iterator[Record]: ...


def item_id(item: str) -> str:
    """An article id from an input name: the file name without its extension."""
    if item in ("-", "<stdin>"):
        return "stdin"
    return PurePath(item).stem or "article"


def slug(text: str, limit: int = 80) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:limit] or "article"


def parse_date(value: Any) -> date | None:
    """A date from an ISO string, a datetime or a date; None for anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        text = value.strip().replace("Z", "+00:00")
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            pass
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    return None


class TextSource:
    name: ClassVar[str] = "text"
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".text", ".md")

    @classmethod
    def sniff(cls, head: str) -> bool:
        return True

    def read(self, text: str, item: str) -> Iterator[Record]:
        yield Article(id=item_id(item), raw=text, input=item, format=self.name)


def _html_to_text(html: str, item: str) -> dict[str, Any]:
    """Main text and metadata of a page, through trafilatura."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
        )
    except (ValueError, RecursionError, TypeError) as exc:
        raise WirewatchError(Err.W016, item=item, detail=f"HTML: {exc}") from None
    if doc is None:
        raise WirewatchError(Err.W006, item=item)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    if not (data.get("text") or "").strip():
        raise WirewatchError(Err.W006, item=item)
    return data


class HtmlSource:
    name: ClassVar[str] = "html"
    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm", ".xhtml", ".shtml")

    @classmethod
    def sniff(cls, head: str) -> bool:
        return bool(re.match(r"\s*(?:<!doctype html|<html|<head|<body)", head, re.IGNORECASE))

    def read(self, text: str, item: str) -> Iterator[Record]:
        yield html_article(text, item, id=item_id(item))


def html_article(html: str, item: str, **fields: Any) -> Article:
    data = _html_to_text(html, item)
    published = parse_date(data.get("date"))
    return Article(
        raw=data["text"],
        url=fields.pop("url", None) or data.get("url"),
        source=fields.pop("source", None) or data.get("sitename") or data.get("hostname"),
        title=data.get("title"),
        author=data.get("author"),
        published=published,
        published_origin="metadata" if published else "none",
        input=item,
        format="html",
        extra={"html_chars": len(html)},
        **fields,
    )


class JsonLinesSource:
    """One article per line: {"id", "text" or "html", "url", "published", "source", "title"}."""

    name: ClassVar[str] = "jsonl"
    suffixes: ClassVar[tuple[str, ...]] = (".jsonl", ".ndjson", ".json")

    @classmethod
    def sniff(cls, head: str) -> bool:
        return head.lstrip().startswith("{")

    def read(self, text: str, item: str) -> Iterator[Record]:
        yield from self.read_lines(enumerate(text.split("\n"), start=1), item)

    def read_lines(self, lines: Iterable[tuple[int, str]], item: str) -> Iterator[Record]:
        """Records of (line number, line) pairs: batch shards read a range of lines."""

        def objects() -> Iterator[tuple[int, Any]]:
            for lineno, line in lines:
                if not line.strip():
                    continue
                try:
                    yield lineno, json.loads(line)
                except json.JSONDecodeError as exc:
                    yield lineno, WirewatchError(Err.W007, item=item, line=lineno, detail=exc.msg)

        yield from self.read_objects(objects(), item)

    def read_objects(self, objects: Iterable[tuple[int, Any]], item: str) -> Iterator[Record]:
        """Records of (line or row number, decoded object) pairs; an error in place of an
        object is passed on as that line's skip (Parquet rows come this way too)."""
        stem = item_id(item)
        for lineno, rec in objects:
            where = f"{item}:{lineno}"
            if isinstance(rec, WirewatchError):
                yield Skip.from_error(rec, where)
                continue
            try:
                yield self._article(rec, stem, lineno, where)
            except WirewatchError as err:
                yield Skip.from_error(err, where)

    def _article(self, rec: Any, stem: str, lineno: int, where: str) -> Article:
        if not isinstance(rec, dict):
            raise WirewatchError(Err.W015, item=where, field="(line)", detail="not a JSON object")
        for key in ARTICLE_FIELDS:
            value = rec.get(key)
            # Text and HTML must be strings; ids and dates may be numbers.
            allowed = str if key in ("text", "html", "url", "source", "title") else str | int
            if value is not None and (isinstance(value, bool) or not isinstance(value, allowed)):
                raise WirewatchError(
                    Err.W015, item=where, field=key, detail=f"a {type(value).__name__}"
                )
            if isinstance(value, str) and _SURROGATE.search(value):
                # JSON may escape half of a UTF-16 pair ("\ud800"): not a character, and
                # nothing downstream can encode it. Marked as unreadable, like bad bytes.
                rec[key] = _SURROGATE.sub("\ufffd", value)
                log.warning("%s: field %r had unpaired UTF-16 surrogates, now U+FFFD", where, key)
        art_id = slug(str(rec["id"])) if rec.get("id") not in (None, "") else f"{stem}-{lineno}"
        common: dict[str, Any] = {
            "id": art_id,
            "url": rec.get("url"),
            "source": rec.get("source"),
        }
        if isinstance(rec.get("text"), str) and rec["text"].strip():
            art = Article(
                raw=rec["text"], title=rec.get("title"), input=where, format=self.name, **common
            )
        elif isinstance(rec.get("html"), str) and rec["html"].strip():
            art = html_article(rec["html"], where, **common)
            art.format = self.name
        else:
            raise WirewatchError(Err.W008, item=where.rsplit(":", 1)[0], line=lineno)
        if rec.get("published") not in (None, ""):
            given = parse_date(str(rec["published"]))
            if given is None:
                art.warnings.append(
                    f"published {rec['published']!r} is not an ISO date; inferred instead"
                )
            else:
                art.published, art.published_origin = given, "given"
        return art


def parquet_rows(path: str, first: int, last: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows `first`..`last` (1-based, inclusive) of a Parquet file of articles, as the
    dicts a JSON Lines line would give (dates and timestamps as ISO strings). Only the
    record batches that overlap the range are decoded."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    columns = [c for c in ARTICLE_FIELDS if c in pf.schema_arrow.names]
    row = 0
    for batch in pf.iter_batches(batch_size=1024, columns=columns):
        if row + batch.num_rows < first:
            row += batch.num_rows
            continue
        for rec in batch.to_pylist():
            row += 1
            if row < first:
                continue
            if row > last:
                return
            if isinstance(rec.get("published"), date | datetime):
                rec["published"] = rec["published"].isoformat()
            yield row, {k: v for k, v in rec.items() if v is not None}


class FeedSource:
    """RSS/Atom entries as articles. Linked pages are never fetched (no network access)."""

    name: ClassVar[str] = "feed"
    suffixes: ClassVar[tuple[str, ...]] = (".rss", ".atom", ".xml", ".rdf")

    @classmethod
    def sniff(cls, head: str) -> bool:
        return bool(re.search(r"<(?:rss|feed|rdf:RDF)\b", head[:2000]))

    def read(self, text: str, item: str) -> Iterator[Record]:
        import feedparser

        parsed = feedparser.parse(text, resolve_relative_uris=False, sanitize_html=True)
        entries = parsed.get("entries") or []
        if not entries:
            detail = str(parsed.get("bozo_exception") or "no <item> or <entry> elements")
            yield Skip.from_error(WirewatchError(Err.W011, item=item, detail=detail[:200]))
            return
        outlet = (parsed.get("feed") or {}).get("title")
        stem = item_id(item)
        for n, entry in enumerate(entries, start=1):
            where = f"{item}#{n}"
            try:
                yield self._article(entry, outlet, stem, n, where)
            except WirewatchError as err:
                yield Skip.from_error(err, where)

    def _article(self, entry: Any, outlet: str | None, stem: str, n: int, where: str) -> Article:
        body = ""
        if entry.get("content"):
            body = entry["content"][0].get("value", "")
        body = body or entry.get("summary", "") or ""
        if "<" in body:
            body = _fragment_text(body)
        if not body.strip():
            raise WirewatchError(Err.W008, item=stem, line=f"entry {n}")
        title = entry.get("title")
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        ident = entry.get("id") or entry.get("link") or f"{stem}-{n}"
        return Article(
            id=slug(ident.rsplit("/", 1)[-1] if "/" in ident else ident) or f"{stem}-{n}",
            raw=body,
            url=entry.get("link"),
            source=outlet,
            title=title,
            author=entry.get("author"),
            published=published,
            published_origin="metadata" if published else "none",
            input=where,
            format=self.name,
        )


def _fragment_text(html: str) -> str:
    """Text of an HTML fragment, a paragraph a line."""
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{html}</div>")
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]+>", " ", html)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for block in root.xpath("//p|//br|//div|//li|//h1|//h2|//h3|//h4|//figcaption"):
        block.tail = "\n" + (block.tail or "")
    return re.sub(r"\n\s*\n+", "\n", root.text_content()).strip()
