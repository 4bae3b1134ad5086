"""Train the event detector shipped in `src/wirewatch/data/events/detector.json`.

Data: the real-news `dev` split (tests/realnews.py; texts from ../shared/peer/geo at
training time, never committed). Every candidate predicate of every dev article
(`events.detect.candidates`) is an example: positive, with the gold type, when it lies
inside a trigger phrase of a required gold event; left out when it lies only inside an
optional event's phrase; negative otherwise.

Honest figures: articles are split into 5 folds, in several deals (`--seeds`); each
fold's articles are extracted with a model trained on the other four, and the pooled
out-of-fold predictions are scored with the shared scorer's matching for a grid of
drop thresholds (drop a merged lexicon event whose every telling is below it). The
threshold written is the lowest within SLACK of the best mean over the deals; a
bootstrap over articles gives the gain's spread. The written weights are refitted on
all of dev, so only the out-of-fold figures printed here (and written into the file's
`measured_out_of_fold`, which the quality table prints beside its in-sample dev rows)
measure it. By default the model is binary over the lexicon's candidates (the drop is
only decided there); `--all-candidates` fits the multinomial over every candidate.

    PYTHONPATH=src python training/train_detector.py [--write] [--seeds 0 1 2]

Measured (C=0.3; 143 dev articles, 8,362 candidates, 1,133 positive; three deals):
AUC over the lexicon's candidates .806/.800/.814 (the sentence, article and
neighbourhood features of `detect.candidates` raise it in each of five deals: mean
.789 -> .802 at C=0.3, .792 -> .807 at C=0.1, whose event F1 is no better); lexicon
alone P/R/F1 .539/.528/.534;
drop below .10: F1 .538/.539/.536, below .15: .537/.541/.541, below .20: .541/.539/.543,
below .30: .533/.520/.528. Per batch (deal 0, below .10) b1 .635 -> .634, b2 .507 ->
.529, b3 .419 -> .400, b4 .519 -> .514, b5-b8 up (.303 -> .312, .471 -> .500, .474 ->
.500, .246 -> .264). Bootstrap over articles: gain 2.5th percentile -.007, median
+.005, 80% of resamples gain. Not clear of noise, so `--write` is not run for the
package (see `events/detect.py`). Additions were measured with add_at .5-.9 (commit
ac7387c) and never paid, so the model written adds none.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from wirewatch.config import load_config
from wirewatch.events import detect
from wirewatch.events.context import Context
from wirewatch.events.extract import EventExtractor
from wirewatch.pipeline import Result, run

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import realnews  # noqa: E402

OUT = ROOT / "src" / "wirewatch" / "data" / "events" / "detector.json"
DROP_GRID = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3)
EVENT = "EVENT"
FOLDS = 5
SLACK = 0.005


def as_list(v: object) -> list:
    return v if isinstance(v, list) else [] if v is None else [v]


def parse_dev(dest: Path) -> list[tuple[dict, Result]]:
    """Every dev article parsed once, with its gold (the detector off)."""
    realnews.materialize("dev", dest)
    cfg = load_config(env={})
    detect.use(None)
    out = []
    for gf in sorted(dest.glob("*.json")):
        gold = json.loads(gf.read_text("utf-8"))
        text = gf.parent / gold["text_file"]
        for res in run([str(text)], cfg, published=date.fromisoformat(gold["published"])):
            if isinstance(res, Result):
                gold["_text"] = text.read_text("utf-8")
                out.append((gold, res))
    return out


def examples(gold: dict, res: Result) -> list[tuple[dict[str, float], str]]:
    """The article's candidates as (features, label); optional-only ones left out."""
    text = gold["_text"]
    req: list[tuple[int, int, str]] = []
    opt: list[tuple[int, int]] = []
    for e in gold["events"]:
        for t in e["triggers"]:
            start = text.find(t)
            while start >= 0:
                span = (start, start + len(t))
                if e.get("optional"):
                    opt.append(span)
                else:
                    req.append((*span, as_list(e["type"])[0]))
                start = text.find(t, start + 1)
    ctx = Context(res.article, res.doc, res.mentions)
    cands = list(detect.candidates(ctx))
    # A phrase's event is at its top candidate (fewest steps to the root); the other
    # candidates inside it ("said", "to invade" under "vowed") are neither label.
    top: dict[int, str] = {}
    inside: set[int] = set()
    for s, e, ty in req:
        within = [tok for tok, _, _ in cands if s <= tok.idx < e]
        if within:
            best = min(within, key=lambda t: (len(list(t.ancestors)), t.i))
            top.setdefault(best.i, ty)
            inside.update(t.i for t in within)
    out = []
    for tok, _rule, feats in cands:
        c = tok.idx
        label = top.get(tok.i)
        if label is None and (tok.i in inside or any(s <= c < e for s, e in opt)):
            continue
        out.append(({f: 1.0 for f in feats}, label or detect.NONE))
    return out


def fit(xs: list[dict[str, float]], ys: list[str], c: float) -> detect.Detector:
    """A multinomial logistic regression over the candidates' features, as a Detector."""
    vec = DictVectorizer()
    x = vec.fit_transform(xs)
    lr = LogisticRegression(C=c, max_iter=3000, class_weight=None)
    lr.fit(x, ys)
    classes = list(lr.classes_)
    coef = lr.coef_ if len(classes) > 2 else np.vstack([-lr.coef_[0] / 2, lr.coef_[0] / 2])
    b0 = lr.intercept_[0] / 2
    bias = lr.intercept_ if len(classes) > 2 else np.array([-b0, b0])
    weights = {}
    for j, name in enumerate(vec.feature_names_):
        w = coef[:, j]
        if np.abs(w).max() >= 0.01:
            weights[name] = tuple(round(float(v), 4) for v in w)
    rounded = tuple(round(float(b), 4) for b in bias)
    return detect.Detector(tuple(classes), weights, rounded, 1.01, 0.0)


def fold_of(gold: dict, seed: int = 0) -> int:
    """The article's fold; another seed deals the articles into other folds (the spread
    of the out-of-fold figures over seeds says how much of a gain is the deal's luck)."""
    key = gold["id"] if seed == 0 else f"{seed}:{gold['id']}"
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % FOLDS


def score(items: list[tuple[dict, list[dict]]]) -> tuple[int, int, int]:
    """tp, fp, fn over articles by the shared scorer's matching."""
    se = realnews.shared_scorer("score_events")
    tp = fp = fn = 0
    for gold, preds in items:
        golds = gold["events"]
        pairs = se.match_article(gold["_text"], golds, preds)
        mg = {g for g, _, _ in pairs}
        mp = {p for _, p, _ in pairs}
        tp += sum(1 for g, _, _ in pairs if not golds[g].get("optional"))
        fn += sum(1 for i, e in enumerate(golds) if not e.get("optional") and i not in mg)
        fp += sum(1 for i in range(len(preds)) if i not in mp)
    return tp, fp, fn


def prf(t: tuple[int, int, int]) -> str:
    tp, fp, fn = t
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P/R/F1 {p:.3f}/{r:.3f}/{f:.3f} (tp {tp} fp {fp} fn {fn})"


def f1_of(t: tuple[int, int, int]) -> float:
    tp, fp, fn = t
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def extract(gold: dict, res: Result, det: detect.Detector | None) -> list[dict]:
    detect.use(det)
    ex = EventExtractor()
    recs = ex.extract(res.article, res.doc, res.mentions)
    return [{**r.to_dict(), "article_id": gold["id"]} for r in recs]


def oof_auc(data: list[tuple[dict, Result]], ex: list, c: float, every: bool) -> float:
    """Out-of-fold AUC of p(event) (positives: gold triggers), over every candidate with
    the multinomial model (`every`), else over the lexicon's with the binary one."""
    pe, pos = [], []
    for k in range(FOLDS):
        tr = [i for i, (g, _) in enumerate(data) if fold_of(g) != k]
        xs, ys = [x for i in tr for x, _ in ex[i]], [y for i in tr for _, y in ex[i]]
        model = fit(xs, ys, c) if every else fit(*lexicon_only(xs, ys), c)
        for i, (g, _) in enumerate(data):
            if fold_of(g) == k:
                for x, y in ex[i]:
                    if every or "lex=-" not in x:
                        pe.append(detect.p_event(model.probs(list(x))))
                        pos.append(y != detect.NONE)
    return float(roc_auc_score(pos, pe))


def lexicon_only(xs: list[dict[str, float]], ys: list[str]) -> tuple[list, list[str]]:
    """The candidates a rule fires on, labelled EVENT or NONE: the drop decision is only
    ever taken on these, and a model fitted to them alone does not spend itself on
    telling apart the types of the predicates no rule knows."""
    keep = [(x, y) for x, y in zip(xs, ys, strict=True) if "lex=-" not in x]
    return [x for x, _ in keep], [detect.NONE if y == detect.NONE else EVENT for _, y in keep]


def bootstrap(
    base: list[tuple[dict, list[dict]]], det: list[tuple[dict, list[dict]]], n: int = 1000
) -> tuple[float, float, float]:
    """The detector's F1 gain over the lexicon, resampling articles: 2.5th percentile,
    median, and the share of resamples with a gain."""
    one = {g["id"]: score([(g, p)]) for g, p in base}
    two = {g["id"]: score([(g, p)]) for g, p in det}
    ids = sorted(one)
    rnd = random.Random(0)
    gains = []
    for _ in range(n):
        pick = [rnd.choice(ids) for _ in ids]
        a = tuple(sum(one[i][k] for i in pick) for k in range(3))
        b = tuple(sum(two[i][k] for i in pick) for k in range(3))
        gains.append(f1_of(b) - f1_of(a))  # type: ignore[arg-type]
    gains.sort()
    return gains[n // 40], gains[n // 2], sum(g > 0 for g in gains) / n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true", help="write detector.json")
    ap.add_argument("--c", type=float, nargs="+", default=[0.3], help="several: AUC of each")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2], help="fold deals")
    ap.add_argument("--all-candidates", action="store_true", help="multinomial over all")
    ap.add_argument("--auc-only", action="store_true")
    ap.add_argument("--oof-out", type=Path, help="write out-of-fold predictions here")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        data = parse_dev(Path(tmp))
    ex = [examples(g, r) for g, r in data]
    n = Counter(y for e in ex for _, y in e)
    npos = sum(n.values()) - n[detect.NONE]
    print(f"{len(data)} dev articles, {sum(n.values())} candidates, {npos} positive")

    def train(idx: list[int], c: float) -> detect.Detector:
        xs, ys = [x for i in idx for x, _ in ex[i]], [y for i in idx for _, y in ex[i]]
        return fit(xs, ys, c) if a.all_candidates else fit(*lexicon_only(xs, ys), c)

    if a.auc_only:
        for c in a.c:
            print(f"C {c}: out-of-fold candidate AUC {oof_auc(data, ex, c, a.all_candidates):.3f}")
        return 0
    c = a.c[0]
    base = [(g, extract(g, r, None)) for g, r in data]
    print("lexicon alone:", prf(score(base)))
    grid: dict[tuple[int, float], list[tuple[dict, list[dict]]]] = {}
    aucs = []
    for seed in a.seeds:
        pe_all, pos_all = [], []
        for k in range(FOLDS):
            tr = [i for i, (g, _) in enumerate(data) if fold_of(g, seed) != k]
            te = [i for i, (g, _) in enumerate(data) if fold_of(g, seed) == k]
            model = train(tr, c)
            for i in te:
                for x, y in ex[i]:
                    if a.all_candidates or "lex=-" not in x:
                        pe_all.append(detect.p_event(model.probs(list(x))))
                        pos_all.append(y != detect.NONE)
            for drop in DROP_GRID:
                m = detect.Detector(model.classes, model.weights, model.bias, 1.01, drop)
                got = grid.setdefault((seed, drop), [])
                got += [(data[i][0], extract(*data[i], m)) for i in te]
        aucs.append(float(roc_auc_score(pos_all, pe_all)))
        print(f"fold deal {seed}: out-of-fold AUC over lexicon candidates {aucs[-1]:.3f}")

    def mean_f1(drop: float) -> float:
        return sum(f1_of(score(grid[(s, drop)])) for s in a.seeds) / len(a.seeds)

    top = max(mean_f1(d) for d in DROP_GRID)
    # Shipped: the lowest threshold (fewest events dropped) within SLACK of the best
    # mean over the fold deals.
    best = min(d for d in DROP_GRID if mean_f1(d) >= top - SLACK)
    for drop in DROP_GRID:
        mark = "  <- shipped" if drop == best else ""
        runs = "  ".join(prf(score(grid[(s, drop)])) for s in a.seeds)
        print(f"  drop_below {drop:.2f}: mean F1 {mean_f1(drop):.3f}  {runs}{mark}")
    chosen = grid[(a.seeds[0], best)]
    lo, mid, share = bootstrap(base, chosen)
    print(f"  F1 gain over articles (fold deal {a.seeds[0]}): 2.5% {lo:+.3f}, median {mid:+.3f}")
    print(f"  share of resamples with a gain {share:.2f}")
    batches = {}
    for b in sorted({g.get("batch", 1) for g, _ in data}):
        sel_b = [it for it in base if it[0].get("batch", 1) == b]
        sel_d = [it for it in chosen if it[0].get("batch", 1) == b]
        batches[f"b{b}"] = [round(f1_of(score(sel_b)), 3), round(f1_of(score(sel_d)), 3)]
        print(f"  batch {b}: lexicon {prf(score(sel_b))}  detector {prf(score(sel_d))}")
    if a.oof_out:
        a.oof_out.mkdir(parents=True, exist_ok=True)
        for name, items in (("lexicon", base), ("detector", chosen)):
            with (a.oof_out / f"{name}.jsonl").open("w") as fh:
                for _, preds in items:
                    for p in preds:
                        fh.write(json.dumps(p) + "\n")
    if a.write:
        model = train(list(range(len(data))), c)
        measured = {
            "articles": len(data),
            "c": c,
            "auc_lexicon_candidates_by_deal": [round(v, 3) for v in aucs],
            "event_f1_lexicon": round(f1_of(score(base)), 4),
            "event_f1_out_of_fold_by_deal": [
                round(f1_of(score(grid[(s, best)])), 4) for s in a.seeds
            ],
            "event_prf_out_of_fold": [round(v, 4) for v in prf3(score(chosen))],
            "gain_bootstrap_2_5pct_median": [round(lo, 4), round(mid, 4)],
            "gain_share_of_resamples": round(share, 3),
            "by_batch_lexicon_detector": batches,
        }
        OUT.write_text(
            json.dumps(
                {
                    "about": "event detector: logistic regression over predicate features, "
                    "trained on the real-news dev gold by training/train_detector.py",
                    "fitted": date.today().isoformat(),
                    "measured_out_of_fold": measured,
                    "classes": list(model.classes),
                    "bias": list(model.bias),
                    "add_at": 1.01,
                    "drop_below": best,
                    "weights": model.weights,
                },
                separators=(",", ":"),
            )
        )
        print(f"wrote {OUT}")
    detect.use(None)
    return 0


def prf3(t: tuple[int, int, int]) -> tuple[float, float, float]:
    tp, fp, fn = t
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, f1_of(t)


if __name__ == "__main__":
    raise SystemExit(main())
