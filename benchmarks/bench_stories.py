"""How long story clustering takes as a store grows (prints figures; not a timed test).

Synthetic members spread over two years, 16 event types and 20 countries, each with a
sentence of words and a few names drawn from pools: only reports sharing a name or a
salient word are compared, each with its nearest in date under each key, so the number of
scored pairs grows with the store, not with its square.

    ../.venv/bin/python bench_stories.py --events 5000 20000 50000
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from wirewatch.stories import Member, cluster

TYPES = ["ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "CONSULT", "AID", "AGREE", "ACCUSE",
         "REJECT", "REQUEST", "THREATEN", "PROTEST", "SANCTION", "SUPPORT", "COOPERATE",
         "CONCEDE"]  # fmt: skip
COUNTRIES = [f"C{i:02d}" for i in range(20)]


WORDS = [f"word{i}" for i in range(3000)]
NAMES = [f"n:person {i}" for i in range(2000)]


def members(n: int, seed: int = 7) -> list[Member]:
    rnd = random.Random(seed)
    start = date(2020, 1, 1)
    out = []
    for i in range(n):
        sentence = " ".join(rnd.choices(WORDS, k=12))
        names = frozenset(rnd.sample(NAMES, 2))
        out.append(Member(
            key=f"e{i}",
            event_type=rnd.choice(TYPES),
            article=f"a{i // 3}",
            outlet=f"o{rnd.randrange(30)}",
            actor_country=rnd.choice(COUNTRIES),
            actor_sector=rnd.choice(["GOV", "MIL", "INS", "CVL"]),
            date=start + timedelta(days=rnd.randrange(730)),
            date_precision=rnd.choice(["day"] * 8 + ["week", "month"]),
            position=0,
            sentence=sentence,
            lead=sentence,
            body=sentence + " " + " ".join(rnd.choices(WORDS, k=60)),
            names=names,
            doc_names=names,
        ))  # fmt: skip
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--events", type=int, nargs="+", default=[5000, 20000])
    args = ap.parse_args()
    for n in args.events:
        ms = members(n)
        t0 = time.perf_counter()
        stories = cluster(ms)
        dt = time.perf_counter() - t0
        print(f"{n:>7} events -> {len(stories):>7} stories in {dt:6.2f} s ({n / dt:,.0f} events/s)")


if __name__ == "__main__":
    main()
