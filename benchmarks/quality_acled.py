"""ACLED sub-event typing, scored for the quality table (`make quality` can add the part):

    .venv/bin/python benchmarks/quality_acled.py [--errors]

- acled-dev: the own dev snippets (tests/data/acled_dev/snippets.tsv, 10 per ACLED
  sub-event type, written for Wirewatch in CASE 2021's format). The mode lexicon was
  tuned while looking at them, so the figure is optimistic.
- case2021-sample: the five labelled sample snippets of the CASE 2021 task description
  (../shared/peer/case2021), never tuned on; too few to say much, shown as a check.

Each snippet is read as `wirewatch classify` reads a statement (PLOVER type, mode, the
sentence's lemmas) and its ACLED sub-event type compared with the label (weighted F1,
scikit-learn's "weighted" average; "no type" counts as a wrong label).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "acled_dev" / "snippets.tsv"
CASE_SAMPLE = ROOT.parent / "shared" / "peer" / "case2021"
sys.path.insert(0, str(ROOT / "src"))

from wirewatch.events.acled_score import (  # noqa: E402
    acled_subtypes_of_texts,
    score_acled_dev,
    weighted_f1,
)


def _case_sample() -> dict | None:
    src, gold = CASE_SAMPLE / "sample_input.txt", CASE_SAMPLE / "sample_output.txt"
    if not (src.is_file() and gold.is_file()):
        return None
    texts = dict(ln.split("\t", 1) for ln in src.read_text("utf-8").splitlines() if "\t" in ln)
    labels = dict(ln.split("\t", 1) for ln in gold.read_text("utf-8").splitlines() if "\t" in ln)
    ids = [i for i in texts if i in labels]
    pred = [p or "NONE" for p in acled_subtypes_of_texts([texts[i] for i in ids])]
    g = [labels[i].strip() for i in ids]
    return {"weighted_f1": round(weighted_f1(g, pred), 4), "n": len(ids)}


def acled_part(errors: bool = False) -> dict:
    dev = score_acled_dev(DEV)
    if not errors:
        dev.pop("errors")
    return {"acled-dev": dev, "case2021-sample": _case_sample()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", action="store_true", help="list the dev snippets read wrong")
    args = ap.parse_args()
    res = acled_part(args.errors)
    print("ACLED sub-event types   snippets  weighted_F1")
    for name, r in res.items():
        if r is None:
            print(f"  {name:<22} skipped (data not beside the repository)")
        else:
            print(f"  {name:<22}{r['n']:>8}{r['weighted_f1']:>13.3f}")
    if args.errors:
        print(json.dumps(res["acled-dev"]["errors"], indent=1))


if __name__ == "__main__":
    main()
