"""Batch throughput, all figures of one run on the same articles (issue 7):

- bare spaCy parsing vs the full pipeline (intake, parse, mentions, events, Parquet):
  articles/s, tokens/s and the ratio (goal: full >= 0.75 of bare);
- where the time of the full pipeline goes, stage by stage;
- 1 vs 2 worker processes on the local engine and on Ray (goal: >= 1.8x on 2 cores);
- peak resident memory of a worker (goal: <= 1.5 GB).

The corpus is the bundled demo reports, the demo articles and the test articles, repeated
with new ids up to --articles (default 1,000), so lengths vary from a paragraph to a full
wire story.

    ../.venv/bin/python bench_batch.py [--articles 1000] [--no-ray]

Worker runs are timed from the call to the last shard written, so process start-up and
each worker's model load are included (Ray itself is started once, before, and its
start-up printed apart). The single-process figures are taken with the model loaded.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from wirewatch.batch import MANIFEST, SCHEMAS, TABLES, peak_rss_mb, run_batch, shard_rows
from wirewatch.batch import Shard as BatchShard
from wirewatch.cli import demo_dir
from wirewatch.config import load_config
from wirewatch.events.extract import extract_events
from wirewatch.ingest import prepared
from wirewatch.ingest.sources import JsonLinesSource
from wirewatch.mentions.finder import find_mentions
from wirewatch.nlp import load_model, parse

HERE = Path(__file__).resolve().parent
ARTICLES = HERE.parent / "tests" / "data" / "articles"


def corpus(n: int, path: Path) -> list[dict]:
    base = [json.loads(x) for x in (demo_dir() / "tajik-border-reports.jsonl").open()]
    for txt in sorted([*demo_dir().glob("*.txt"), *ARTICLES.glob("*.txt")]):
        base.append({"id": txt.stem, "text": txt.read_text(encoding="utf-8")})
    recs = []
    for i in range(n):
        rec = dict(base[i % len(base)])
        rec["id"] = f"{rec['id']}-{i}"
        rec.pop("url", None)
        recs.append(rec)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), "utf-8")
    return recs


def stage_profile(src: Path, cfg, n: int) -> tuple[dict[str, float], int]:  # type: ignore[no-untyped-def]
    """The full pipeline in this process, each stage timed apart (same work as a shard)."""
    import pyarrow as pa

    nlp = load_model(cfg["nlp.model"], cfg["intake.max_chars"])
    t: dict[str, float] = defaultdict(float)
    t0 = time.perf_counter()
    lines = list(enumerate(src.read_text("utf-8").splitlines(), start=1))
    records = list(JsonLinesSource().read_lines(lines, str(src)))
    t["read JSON Lines"] += time.perf_counter() - t0
    t0 = time.perf_counter()
    arts = list(prepared(records, cfg, str(src)))
    t["intake (clean, language, dates)"] += time.perf_counter() - t0
    size = cfg["nlp.batch_size"]
    tokens = 0
    docs = []
    t0 = time.perf_counter()
    for art, doc in parse(arts, nlp, size):
        docs.append((art, doc))
        tokens += len(doc)
    t["spaCy parse"] += time.perf_counter() - t0
    rows = 0
    for art, doc in docs:
        t0 = time.perf_counter()
        mentions = find_mentions(art, doc, tuple(cfg["mentions.actor_files"]))
        t1 = time.perf_counter()
        events = extract_events(art, doc, mentions)
        t2 = time.perf_counter()
        rows += len([e.to_dict() for e in events]) + len([m.to_dict(art.id) for m in mentions])
        t["mentions (actors, places, dates, numbers)"] += t1 - t0
        t["events (triggers, roles, typing)"] += t2 - t1
        t["records to dicts"] += time.perf_counter() - t2
    # Parquet writing, on one shard of the same articles.
    shard = BatchShard("profile", str(src), 1, min(n, 200))
    table_rows = shard_rows(shard, cfg)
    t0 = time.perf_counter()
    for table in TABLES:
        pa.Table.from_pylist(table_rows[table], schema=SCHEMAS[table])
    t["Parquet tables"] += (time.perf_counter() - t0) * n / max(1, shard.end)
    return dict(t), tokens


def steady_rate(out: Path, workers: int) -> float:
    """Articles/s from the moment every worker had finished its first shard (start-up and
    model loading excluded), from the times the manifest records."""
    entries = sorted((json.loads(x) for x in (out / MANIFEST).open()), key=lambda e: e["finished"])
    firsts: dict[str, float] = {}
    for e in entries:
        firsts.setdefault(e["worker"], e["finished"])
    up = max(firsts.values()) if len(firsts) >= workers else entries[0]["finished"]
    after = [e for e in entries if e["finished"] > up]
    if not after:
        return float("nan")
    return sum(e["articles"] for e in after) / (after[-1]["finished"] - up)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--shard-size", type=int, default=50)
    ap.add_argument("--no-ray", action="store_true", help="skip the Ray engine")
    args = ap.parse_args()
    cfg = load_config(env={})
    n = args.articles
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        recs = corpus(n, src)
        chars = sum(len(r["text"]) for r in recs)
        lengths = [len(r["text"]) for r in recs]
        print(f"corpus: {n} articles, {chars / n:,.0f} characters on average "
              f"({min(lengths):,}–{max(lengths):,})")  # fmt: skip

        # Bare spaCy: the same model, the same texts, nothing else.
        import spacy

        bare_nlp = spacy.load(cfg["nlp.model"])
        texts = [r["text"] for r in recs]
        list(bare_nlp.pipe(texts[:8]))
        t0 = time.perf_counter()
        tokens = sum(len(d) for d in bare_nlp.pipe(texts, batch_size=cfg["nlp.batch_size"]))
        bare = time.perf_counter() - t0
        del bare_nlp
        print(f"\nbare spaCy ({cfg['nlp.model']}, all components): {n / bare:.1f} articles/s, "
              f"{tokens / bare:,.0f} tokens/s")  # fmt: skip

        # The full pipeline in this process, warmed up (model, gazetteer and dictionaries
        # loaded) on a few articles, then timed as a batch of 1 worker.
        warm = Path(tmp) / "warm.jsonl"
        warm.write_text("".join(src.read_text("utf-8").splitlines(True)[:40]), "utf-8")
        run_batch([str(warm)], Path(tmp) / "warm", cfg, workers=1)
        t0 = time.perf_counter()
        s = run_batch([str(src)], Path(tmp) / "full", cfg, workers=1, shard_size=args.shard_size)
        full = time.perf_counter() - t0
        print(f"full pipeline, 1 process: {s.articles / full:.1f} articles/s, "
              f"{tokens / full:,.0f} tokens/s, {s.events} events")  # fmt: skip
        print(f"ratio full / bare: {bare / full:.3f}  (goal >= 0.75)")

        prof, ptokens = stage_profile(src, cfg, n)
        total = sum(prof.values())
        print(f"\nwhere the time goes ({n} articles, {ptokens:,} tokens, one process):")
        for name, sec in sorted(prof.items(), key=lambda kv: -kv[1]):
            print(f"  {name:44s} {sec:7.2f} s  {100 * sec / total:5.1f} %")
        slowest = max(prof, key=lambda k: prof[k])
        print(f"  slowest stage: {slowest}")

        rates: dict[str, dict[int, float]] = {}
        steady: dict[str, dict[int, float]] = {}
        rss: dict[str, float] = {}
        for engine in ("local", "ray"):
            if engine == "ray":
                if args.no_ray:
                    continue
                import ray

                t0 = time.perf_counter()
                ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
                         object_store_memory=512 * 1024**2)  # fmt: skip
                print(f"\nRay started in {time.perf_counter() - t0:.1f} s (not in the figures)")
            for w in (1, 2):
                out = Path(tmp) / f"{engine}-{w}"
                t0 = time.perf_counter()
                s = run_batch([str(src)], out, cfg, workers=w, shard_size=args.shard_size,
                              engine=engine)  # fmt: skip
                dt = time.perf_counter() - t0
                rates.setdefault(engine, {})[w] = s.articles / dt
                steady.setdefault(engine, {})[w] = steady_rate(out, w)
                if w > 1 or engine == "ray":
                    rss[engine] = max(rss.get(engine, 0.0), s.worker_peak_rss_mb)
                print(f"{engine} engine, {w} worker(s): {s.articles} articles in {dt:.1f} s = "
                      f"{s.articles / dt:.1f} articles/s, {steady[engine][w]:.1f} once every "
                      f"worker is up ({len(s.worker_pids)} process(es) "
                      f"took shards; peak RSS of a worker "
                      f"{s.worker_peak_rss_mb:.0f} MB)")  # fmt: skip
            if engine == "ray":
                ray.shutdown()

        print("\nsummary")
        print(f"  ratio full pipeline / bare spaCy: {bare / full:.3f} (goal >= 0.75)")
        print(f"  tokens/s: bare {tokens / bare:,.0f}, full {tokens / full:,.0f}")
        for engine, r in rates.items():
            st = steady[engine]
            print(f"  {engine}: 2 vs 1 worker {r[2] / r[1]:.2f}x wall clock, {st[2] / st[1]:.2f}x "
                  f"once workers are up (goal >= 1.8x); peak RSS per worker {rss[engine]:.0f} MB "
                  "(goal <= 1,536 MB)")  # fmt: skip
        print(f"  this process: peak RSS {peak_rss_mb():.0f} MB")
        print(f"  slowest stage: {slowest} ({100 * prof[slowest] / total:.0f} %)")


if __name__ == "__main__":
    main()
