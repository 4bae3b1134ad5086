"""Intake: paths (files, directories, `-` for stdin) in; cleaned, language-checked
`Article`s out, with a `Skip` for each input or record that could not be used.

One bad input never stops the others: every failure becomes a `Skip` with a coded
reason, and the caller decides how to report it.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from .. import registry
from ..clean import clean_text
from ..clean.patterns import FULL_DATE
from ..config import Config, load_config
from ..errors import Err, WirewatchError
from .article import Article, Skip
from .decode import decode_bytes
from .language import identify
from .sources import Source

__all__ = ["Article", "Skip", "iter_articles", "prepare", "read_input", "source_for"]

log = logging.getLogger(__name__)

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}


def source_for(item: str, head: str, fmt: str | None = None) -> Source:
    """The source that reads this input: by --format, then by suffix, then by content."""
    sources = registry.sources.all()
    if fmt:
        return sources[fmt]()
    suffix = Path(item).suffix.lower()
    for cls in sources.values():
        if suffix and suffix in cls.suffixes:
            # An .xml that is not a feed, or a .json that is not JSON Lines, falls through.
            if suffix in (".xml", ".json") and not cls.sniff(head):
                continue
            return cls()
    for name in ("feed", "html", "jsonl"):
        if name in sources and sources[name].sniff(head):
            return sources[name]()
    return sources["text"]()


def _input_files(inputs: Iterable[str]) -> Iterator[str]:
    for item in inputs:
        path = Path(item)
        if item != "-" and path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in child.parts):
                    yield str(child)
        else:
            yield item


def _read_bytes(item: str, max_bytes: int) -> bytes:
    if item == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        path = Path(item)
        if not path.is_file():
            raise WirewatchError(Err.W012, item=item)
        size = path.stat().st_size
        if size > max_bytes:
            raise WirewatchError(
                Err.W004, item=item, size=f"{size / 1e6:.1f}", limit=f"{max_bytes / 1e6:.1f}"
            )
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise WirewatchError(
            Err.W004, item=item, size=f">{max_bytes / 1e6:.1f}", limit=f"{max_bytes / 1e6:.1f}"
        )
    return data


def read_input(item: str, config: Config, fmt: str | None = None) -> Iterator[Article | Skip]:
    """Raw records of one input, not yet cleaned."""
    data = _read_bytes(item, config["intake.max_bytes"])
    text, encoding = decode_bytes(data, item)
    source = source_for(item, text[:4096], fmt)
    for rec in source.read(text, item):
        if isinstance(rec, Article):
            rec.encoding = encoding
            if encoding != "utf-8":
                rec.warnings.append(f"decoded as {encoding}")
        yield rec


def _dates_in(text: str) -> list[date]:
    found = []
    for m in re.finditer(FULL_DATE, text):
        words = re.findall(r"[A-Za-z]+|\d+", m.group())
        month = next((_MONTHS[w[:3].lower()] for w in words if w[:3].lower() in _MONTHS), None)
        nums = [int(w) for w in words if w.isdigit()]
        if month is None or len(nums) != 2:
            continue
        day, year = (nums[0], nums[1]) if nums[0] < 32 else (nums[1], nums[0])
        try:
            found.append(date(year, month, day))
        except ValueError:
            continue
    return found


def _dateline_date(dateline: str, context: list[date]) -> list[date]:
    """'BRUSSELS, May 24 (Wire) -' has no year: take the one that puts it nearest the
    full dates elsewhere in the article."""
    m = re.search(
        r"\b([A-Z][a-z]{2})[a-z]*\.?\s+(\d{1,2})\b|\b(\d{1,2})\s+([A-Z][a-z]{2})", dateline
    )
    if not m or not context:
        return []
    mon, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    month = _MONTHS.get(mon.lower())
    if month is None:
        return []
    best: date | None = None
    for year in sorted({d.year for d in context} | {d.year + 1 for d in context}):
        try:
            cand = date(year, month, int(day))
        except ValueError:
            continue
        if best is None or min(abs((cand - d).days) for d in context) < min(
            abs((best - d).days) for d in context
        ):
            best = cand
    return [best] if best else []


def infer_published(article: Article) -> None:
    """Fill a missing publication date from the text, and say so.

    Order of trust: a "Published/Updated" line, then photo captions (dated the day
    the picture ran), then the latest full date in the body.
    """
    if article.published is not None or article.cleaned is None:
        return
    cleaned = article.cleaned
    all_dates = _dates_in(article.raw)
    candidates = [
        ("published line", [d for b in cleaned.blocks_of("dateinfo") for d in _dates_in(b.text)]),
        ("dateline", _dateline_date(cleaned.dateline.text, all_dates) if cleaned.dateline else []),
        ("caption date", [d for b in cleaned.blocks_of("caption") for d in _dates_in(b.text)]),
        ("latest date in text", _dates_in(cleaned.text)),
    ]
    for how, dates in candidates:
        if dates:
            article.published = max(dates)
            article.published_origin = "text"
            article.warnings.append(
                f"publication date {article.published.isoformat()} inferred from {how}"
            )
            return


def prepare(article: Article, config: Config, published: date | None = None) -> Article:
    """Clean, check the size and language, and settle the publication date."""
    item = article.input or article.id
    if len(article.raw) > config["intake.max_chars"]:
        raise WirewatchError(
            Err.W014, item=item, chars=len(article.raw), limit=config["intake.max_chars"]
        )
    article.cleaned = clean_text(
        article.raw,
        captions=config["clean.captions"],
        boilerplate=config["clean.boilerplate"],
        normalize_chars=config["clean.normalize"],
    )
    if not article.cleaned.text.strip():
        raise WirewatchError(Err.W010, item=item)
    guess = identify(article.cleaned.text)
    article.language, article.language_score = guess.lang, round(guess.score, 3)
    accepted = config["intake.languages"]
    if guess.lang not in accepted and guess.lang != "und":
        if guess.score >= config["intake.language_min_confidence"] or guess.latin_share < 0.5:
            raise WirewatchError(Err.W009, item=item, lang=guess.lang, score=guess.score)
        article.warnings.append(
            f"language uncertain ({guess.lang}, {guess.score:.2f}); processed as English"
        )
    if published is not None:
        article.published, article.published_origin = published, "given"
    infer_published(article)
    return article


def prepared(
    records: Iterable[Article | Skip], config: Config, item: str
) -> Iterator[Article | Skip]:
    """Records already read (from a batch shard, an API body) prepared, or skipped with
    the reason; `item` names where they came from."""
    for rec in records:
        if isinstance(rec, Skip):
            yield rec
            continue
        try:
            yield prepare(rec, config)
        except WirewatchError as err:
            yield Skip.from_error(err, rec.input or item)


def iter_articles(
    inputs: Iterable[str],
    config: Config | None = None,
    *,
    published: date | None = None,
    fmt: str | None = None,
) -> Iterator[Article | Skip]:
    """Every article of every input, prepared; a `Skip` for each that could not be."""
    config = config or load_config()
    seen_ids: dict[str, int] = {}
    for item in _input_files(inputs):
        try:
            for rec in read_input(item, config, fmt):
                if isinstance(rec, Skip):
                    log.warning(rec.line())
                    yield rec
                    continue
                try:
                    art = prepare(rec, config, published)
                except WirewatchError as err:
                    skip = Skip.from_error(err, rec.input or item)
                    log.warning(skip.line())
                    yield skip
                    continue
                # Two inputs named alike (a.txt, a.html) must not share an id.
                n = seen_ids.get(art.id, 0)
                seen_ids[art.id] = n + 1
                if n:
                    art.id = f"{art.id}-{n + 1}"
                yield art
        except WirewatchError as err:
            skip = Skip.from_error(err, item)
            log.warning(skip.line())
            yield skip
        except Exception as exc:  # a bug or a library failure on one input: report, go on
            log.debug("unexpected failure on %s", item, exc_info=True)
            skip = Skip.from_error(
                WirewatchError(Err.W016, item=item, detail=f"{type(exc).__name__}: {exc}"), item
            )
            log.warning(skip.line())
            yield skip
