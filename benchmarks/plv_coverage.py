"""Trigger coverage on PLV_train, per PLOVER root: a second, independent set to vet triggers on.

    .venv/bin/python benchmarks/plv_coverage.py [--misses ROOT]

PLV_train (../shared/peer/plv/PLV_train.tsv) is real news from other sources than the
real-news gold corpus, each distinct sentence with a gold PLOVER root. For each root this
prints how many sentences give any printed event and how many give one of the root's type
(YIELD = CONCEDE or RETREAT). A trigger class is worth a lexicon line when it is missed here
and in the real-news `dev` split alike: rules read off dev alone have not carried to `test`
(the quality table's `not_found` misses). With `--misses ROOT` it lists that root's
sentences without an event of its type, with the types that were printed instead.

The shipped typing model is trained on PLV_train, so the "typed" share is in-sample where
the model decides a type; the quality table's 5-fold roles row is the honest figure.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLV = ROOT.parent / "shared" / "peer" / "plv" / "PLV_train.tsv"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))

from train_recipients import plv_sentences  # noqa: E402

from wirewatch.config import load_config  # noqa: E402
from wirewatch.pipeline import Result, run  # noqa: E402

PUBLISHED = date(2019, 1, 1)


def root_of(types: set[str]) -> str:
    """The gold root a sentence's accepted types stand for (YIELD accepts three)."""
    return "YIELD" if "YIELD" in types else min(types)


def printed_types(texts: list[str]) -> list[set[str]]:
    """The types of the events printed for each text, one JSON Lines article a sentence."""
    path = Path(tempfile.mkdtemp(prefix="ww_plv_")) / "plv.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": f"p{i:04d}", "text": t, "published": PUBLISHED.isoformat()}) + "\n"
            for i, t in enumerate(texts)
        ),
        encoding="utf-8",
    )
    found: dict[str, set[str]] = defaultdict(set)
    for res in run([str(path)], load_config(env={}), published=PUBLISHED):
        if isinstance(res, Result):
            found[res.article.id] |= {e.event_type for e in res.events}
    return [found.get(f"p{i:04d}", set()) for i in range(len(texts))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", metavar="ROOT", help="list this root's sentences not typed so")
    a = ap.parse_args()
    if not PLV.is_file():
        print(f"{PLV} is absent: put ../shared beside the repository")
        return 2
    texts, gold = plv_sentences()
    types = printed_types(texts)
    by: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for text, g, got in zip(texts, gold, types, strict=True):
        want = g["types"]
        root = root_of(want)
        row = by[root]
        row[0] += 1
        row[1] += bool(got)
        row[2] += bool(got & want)
        if a.misses == root and not got & want:
            print(f"[{'/'.join(sorted(got)) or 'none'}] {text}")
    n, anyev, typed = (sum(r[i] for r in by.values()) for i in range(3))
    print(f"{'root':<10}{'sentences':>10}{'any event':>11}{'typed':>8}")
    print(f"{'all':<10}{n:>10}{anyev / n:>11.3f}{typed / n:>8.3f}")
    for root, (k, e, t) in sorted(by.items(), key=lambda kv: -kv[1][0]):
        print(f"{root:<10}{k:>10}{e / k:>11.3f}{t / k:>8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
