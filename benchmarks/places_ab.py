"""Two settings of the places stage compared with the same fold rankers.

The 5-fold figures of `quality_places.py` refit every fold's ranker, and a refit alone
moves 20-35 of the 6,863 GWN and LGL toponyms either way (the boosted trees subsample, and
the out-of-fold features feed each other), so a change of a few toponyms cannot be read
from two such runs. Here the fold rankers are fitted once, as `quality_places.places_cv`
fits them, and each fold is resolved twice: with a module-level setting of
`wirewatch.mentions.places` at its first value, then at its second. Only the inference
differs, so the rows show what the setting does (`REFINE_PASSES 1 2` with stop 12's shipped
ranker, whose passes collect the first features: LGL acc@161 .9034 -> .9041, GWN .9614
both). About ten minutes.

    .venv/bin/python benchmarks/places_ab.py REFINE_PASSES 1 2
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import quality_places as qp  # noqa: E402

from wirewatch.mentions import places  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("setting", help="a module-level name of wirewatch.mentions.places")
    ap.add_argument("a", help="the first value (JSON: 1, true, 0.12)")
    ap.add_argument("b", help="the second value")
    args = ap.parse_args()
    if not hasattr(places, args.setting):
        ap.error(f"wirewatch.mentions.places has no {args.setting}; name a module-level setting")
    values = [json.loads(v) for v in (args.a, args.b)]
    scorer = qp._module(qp.SHARED / "eval" / "score_places.py", "score_places")
    totals: dict[tuple[str, int], list[float]] = {}
    resolve = qp.resolve

    def both(arts: list[dict], ranker) -> dict[str, list[dict]]:
        found: dict[str, list[dict]] = {}
        for k, value in enumerate(values):
            setattr(places, args.setting, value)
            found = resolve(arts, ranker)
            counts = qp.score(arts, found, scorer.km)
            row = totals.setdefault((arts[0]["id"].split("-")[0], k), [0, 0, 0, 0.0])
            for i, c in enumerate(counts):
                row[i] += c
        setattr(places, args.setting, values[0])
        return found

    setattr(places, args.setting, values[0])  # the fold rankers' features: the first value
    qp.resolve = both
    try:
        qp.places_cv()
    finally:
        qp.resolve = resolve
    print(f"{'corpus':8} {args.setting:>16}  toponyms  found  within161  acc@161  mean_km")
    for (corpus, k), (n, hit, ok, err) in sorted(totals.items()):
        acc = ok / hit if hit else 0.0
        mean = err / hit if hit else float("nan")
        print(f"{corpus:8} {values[k]!s:>16}  {n:8}  {hit:5}  {ok:9}  {acc:7.4f}  {mean:7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
