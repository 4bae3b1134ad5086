"""Gazetteer build and load: time and memory.

    .venv/bin/python benchmarks/bench_gazetteer.py

Builds the gazetteer into a fresh cache directory (the first run after an upgrade), then
loads it from that cache in a new process (every later run), and prints the wall time and
the peak resident memory of each, with the number of places and names.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time

CHILD = """
import json, resource, sys, time
from pathlib import Path
from wirewatch.mentions import gazetteer as g
t = time.perf_counter()
gaz = g.load_gazetteer(Path(sys.argv[1]))
took = time.perf_counter() - t
gaz.lookup("Springfield")
print(json.dumps({"seconds": took, "places": len(gaz.places), "names": len(gaz.index),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as tmp:
        for what in ("build (no cache)", "load (cached)"):
            t0 = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", CHILD, tmp], capture_output=True,
                                 text=True, check=True).stdout  # fmt: skip
            d = json.loads(out.strip().splitlines()[-1])
            print(f"{what:17s} {d['seconds']:6.1f} s  peak {d['peak_mb']:6.0f} MB  "
                  f"process {time.perf_counter() - t0:5.1f} s  "
                  f"{d['places']} places, {d['names']} names")  # fmt: skip
    del base


if __name__ == "__main__":
    main()
