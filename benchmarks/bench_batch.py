"""Batch throughput: 1 vs N worker processes on the same articles (prints figures).

The corpus is the bundled demo reports and the test articles, repeated with new ids up
to --articles (default 1,000), so lengths vary from a paragraph to a full wire story.

    ../.venv/bin/python bench_batch.py --articles 1000 --workers 1 2
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from wirewatch.batch import run_batch
from wirewatch.cli import demo_dir
from wirewatch.config import load_config

HERE = Path(__file__).resolve().parent
ARTICLES = HERE.parent / "tests" / "data" / "articles"


def corpus(n: int, path: Path) -> int:
    base = [json.loads(x) for x in (demo_dir() / "tajik-border-reports.jsonl").open()]
    for txt in [*demo_dir().glob("*.txt"), *ARTICLES.glob("*.txt")]:
        base.append({"id": txt.stem, "text": txt.read_text(encoding="utf-8")})
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            rec = dict(base[i % len(base)])
            rec["id"] = f"{rec['id']}-{i}"
            rec.pop("url", None)
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return sum(len(json.loads(x)["text"]) for x in path.open())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--shard-size", type=int, default=50)
    args = ap.parse_args()
    cfg = load_config(env={})
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        chars = corpus(args.articles, src)
        print(f"corpus: {args.articles} articles, {chars / args.articles:,.0f} chars on average")
        rates = {}
        for w in args.workers:
            out = Path(tmp) / f"out-{w}"
            t0 = time.perf_counter()
            s = run_batch([str(src)], out, cfg, workers=w, shard_size=args.shard_size)
            dt = time.perf_counter() - t0
            rates[w] = s.articles / dt
            print(f"{w} worker(s): {s.articles} articles, {s.events} events in {dt:.1f} s "
                  f"= {rates[w]:.1f} articles/s")  # fmt: skip
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS: worker processes {rss:.0f} MB, this process {own:.0f} MB")
        if 1 in rates:
            for w, r in rates.items():
                if w != 1:
                    print(f"speed-up {w} vs 1 worker: {r / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
