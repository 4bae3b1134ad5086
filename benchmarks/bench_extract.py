"""End-to-end extraction (parse + mentions + events) against bare spaCy parsing.

    .venv/bin/python benchmarks/bench_extract.py [--copies 20 | --news 480]

Prints both throughputs and the ratio (goal: full pipeline >= 0.75 of bare spaCy).
"""

from __future__ import annotations

import time

from bench_mentions import setup

from wirewatch.events.extract import extract_events
from wirewatch.mentions.finder import find_mentions


def main() -> None:
    arts, nlp, texts = setup(__doc__)
    warm = list(nlp.pipe(texts[:1]))
    extract_events(arts[0], warm[0], find_mentions(arts[0], warm[0]))

    t0 = time.perf_counter()
    list(nlp.pipe(texts, batch_size=32))
    bare = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_events = 0
    for art, doc in zip(arts, nlp.pipe(texts, batch_size=32), strict=True):
        n_events += len(extract_events(art, doc, find_mentions(art, doc)))
    full = time.perf_counter() - t0

    print(f"articles: {len(arts)}  events: {n_events}")
    print(f"bare spaCy:    {len(arts) / bare:.1f} articles/s")
    print(f"full pipeline: {len(arts) / full:.1f} articles/s")
    print(f"ratio full/bare throughput: {bare / full:.3f}  (goal >= 0.75)")


if __name__ == "__main__":
    main()
