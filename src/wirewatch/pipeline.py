"""The whole job as plain functions: intake -> clean -> parse -> events.

The CLI, the API and the batch runners call these; none of them re-implements a stage.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .config import Config, load_config
from .errors import Err, WirewatchError
from .events import EventRecord
from .events.extract import extract_events
from .guard import ArticleTimeout, time_limit
from .ingest import Article, Skip, iter_articles
from .mentions import Mention, find_mentions
from .nlp import load_model, parse

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


@dataclass
class Result:
    article: Article
    doc: Doc
    events: list[EventRecord] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def run(
    inputs: Iterable[str],
    config: Config | None = None,
    *,
    published: date | None = None,
    fmt: str | None = None,
    with_mentions: bool = True,
) -> Iterator[Result | Skip]:
    """Process every input; yields a Result per article and a Skip per unusable input.

    Skips come out in input order, ahead of the batch they were found in.
    """
    config = config or load_config()
    yield from run_articles(
        iter_articles(inputs, config, published=published, fmt=fmt), config, with_mentions
    )


def run_articles(
    articles: Iterable[Article | Skip], config: Config, with_mentions: bool = True
) -> Iterator[Result | Skip]:
    """The stages after intake, for articles already read and prepared (batch workers
    read their own shards and call this)."""
    nlp = load_model(config["nlp.model"], config["intake.max_chars"])
    actor_files = tuple(config["mentions.actor_files"])
    place_files = tuple(config["mentions.place_files"])
    batch: list[Article] = []
    size = max(1, config["nlp.batch_size"])
    limit = float(config["intake.article_timeout"])
    floor = float(config["events.min_confidence"])
    floor = None if floor < 0 else floor  # negative: the calibrated threshold
    warm_up(actor_files, place_files)

    def extract(art: Article, doc: Doc) -> Result | Skip:
        if not with_mentions:
            return Result(art, doc)
        try:
            with time_limit(limit):
                mentions = find_mentions(art, doc, actor_files, place_files)
                events = extract_events(art, doc, mentions, floor)
        except ArticleTimeout:
            return _skip(art, Err.W019, seconds=limit, stage="extraction")
        except Exception as exc:
            return _failed(art, "extraction", exc)
        return Result(art, doc, events, mentions)

    def flush() -> Iterator[Result | Skip]:
        for art, doc in _parse_guarded(batch, nlp, size, limit):
            yield doc if isinstance(doc, Skip) else extract(art, doc)
        batch.clear()

    for rec in articles:
        if isinstance(rec, Skip):
            yield rec
            continue
        batch.append(rec)
        if len(batch) >= size:
            yield from flush()
    yield from flush()


def warm_up(actor_files: tuple[str, ...] = (), place_files: tuple[str, ...] = ()) -> None:
    """Load the gazetteer, dictionaries, rules and models now, so that the first article's
    time limit is not spent on them."""
    from .events.classify import load_models
    from .events.extract import load_rules
    from .mentions.gazetteer import gazetteer_with
    from .mentions.lexicon import load_lexicon

    gazetteer_with(place_files)
    load_lexicon(actor_files)
    load_rules()
    load_models()


def _skip(art: Article, code: Err, **fields: object) -> Skip:
    item = art.input or art.id
    skip = Skip.from_error(WirewatchError(code, item=item, **fields), item)
    log.warning(skip.line())
    return skip


def _failed(art: Article, stage: str, exc: BaseException) -> Skip:
    """An unexpected failure on one article: skipped with the reason (the traceback is
    logged at debug level, `-vv`), and the batch goes on."""
    log.debug("%s: %s failed", art.input or art.id, stage, exc_info=exc)
    return _skip(art, Err.W020, stage=stage, detail=f"{type(exc).__name__}: {exc}"[:300])


def _parse_guarded(
    batch: list[Article], nlp: Language, size: int, limit: float
) -> Iterator[tuple[Article, Doc | Skip]]:
    """Parse a batch at full speed; if it fails or runs out of time (the whole batch has
    `limit` seconds per article), parse its articles one by one, each with `limit`, so
    that only the article at fault is skipped."""
    try:
        with time_limit(limit * len(batch)):
            done = list(parse(batch, nlp, size))
    except (ArticleTimeout, Exception):
        done = []
        for art in batch:
            try:
                with time_limit(limit):
                    doc = nlp(art.text)
            except ArticleTimeout:
                done.append((art, _skip(art, Err.W019, seconds=limit, stage="parsing")))
            except Exception as exc:
                done.append((art, _failed(art, "parsing", exc)))
            else:
                done.append((art, doc))
    yield from done
