"""End-to-end extraction (parse + mentions + events) against bare spaCy parsing.

    .venv/bin/python benchmarks/bench_extract.py [--copies 20 | --news 480] [--rounds 3]

Prints both throughputs and the ratio (goal: full pipeline >= 0.75 of bare spaCy), by
wall-clock time and by this process's CPU time. Each round times bare parsing and the
full pipeline one after the other, alternating which goes first, and the median of the
rounds is the figure: on a shared machine other jobs stretch the two passes unequally
(single runs of one commit spread .67-.87 while other jobs ran). Under heavy load (load
average 7 on 2 cores) the CPU-time ratio was no steadier than the wall-clock one (rounds
.82/.70/.68 against .83/.82/.71), so quote figures from a quiet machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from bench_mentions import parser, prepare

from wirewatch.events.extract import extract_events
from wirewatch.mentions.finder import find_mentions


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call."""
    w0, c0 = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - w0, time.process_time() - c0


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds (median reported)")
    args = ap.parse_args()
    arts, nlp, texts = prepare(args)
    warm = list(nlp.pipe(texts[:1]))
    extract_events(arts[0], warm[0], find_mentions(arts[0], warm[0]))
    n_events = 0

    def bare() -> None:
        list(nlp.pipe(texts, batch_size=32))

    def full() -> None:
        nonlocal n_events
        n_events = 0
        for art, doc in zip(arts, nlp.pipe(texts, batch_size=32), strict=True):
            n_events += len(extract_events(art, doc, find_mentions(art, doc)))

    walls, cpus = [], []
    for r in range(max(1, args.rounds)):
        if r % 2 == 0:
            (bw, bc), (fw, fc) = timed(bare), timed(full)
        else:
            (fw, fc), (bw, bc) = timed(full), timed(bare)
        walls.append((bw, fw))
        cpus.append((bc, fc))
        print(
            f"round {r + 1}: bare {len(arts) / bw:.1f} art/s, full {len(arts) / fw:.1f} art/s;"
            f" ratio wall {bw / fw:.3f}, cpu {bc / fc:.3f}"
        )
    bw, fw = (statistics.median(x) for x in zip(*walls, strict=True))
    ratio_wall = statistics.median(b / f for b, f in walls)
    ratio_cpu = statistics.median(b / f for b, f in cpus)
    print(f"articles: {len(arts)}  events: {n_events}  rounds: {len(walls)}")
    print(f"bare spaCy:    {len(arts) / bw:.1f} articles/s")
    print(f"full pipeline: {len(arts) / fw:.1f} articles/s")
    print(f"ratio full/bare throughput: {ratio_wall:.3f} wall, {ratio_cpu:.3f} cpu  (goal >= 0.75)")


if __name__ == "__main__":
    main()
