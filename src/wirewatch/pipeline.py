"""The whole job as plain functions: intake -> clean -> parse -> events.

The CLI, the API and the batch runners call these; none of them re-implements a stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .config import Config, load_config
from .events import EventRecord
from .events.extract import extract_events
from .ingest import Article, Skip, iter_articles
from .mentions import Mention, find_mentions
from .nlp import load_model, parse

if TYPE_CHECKING:
    from spacy.tokens import Doc


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
    batch: list[Article] = []
    size = max(1, config["nlp.batch_size"])

    def flush() -> Iterator[Result]:
        for art, doc in parse(batch, nlp, size):
            mentions = find_mentions(art, doc, actor_files) if with_mentions else []
            events = extract_events(art, doc, mentions) if with_mentions else []
            yield Result(art, doc, events, mentions)
        batch.clear()

    for rec in articles:
        if isinstance(rec, Skip):
            yield rec
            continue
        batch.append(rec)
        if len(batch) >= size:
            yield from flush()
    yield from flush()
