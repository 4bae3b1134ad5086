"""Train the event detector shipped in `src/wirewatch/data/events/detector.json`.

Data: the real-news `dev` split (tests/realnews.py; texts from ../shared/peer/geo at
training time, never committed). Every candidate predicate of every dev article
(`events.detect.candidates`) is an example: positive, with the gold type, when it lies
inside a trigger phrase of a required gold event; left out when it lies only inside an
optional event's phrase; negative otherwise.

Honest figures: articles are split into 5 folds; each fold's articles are extracted
with a model trained on the other four, and the pooled out-of-fold predictions are
scored with the shared scorer's matching, for a grid of thresholds (add_at: emit an
event where no rule fired; drop_below: drop a lexicon event). The thresholds shipped
are the grid's best out-of-fold F1; the shipped weights are refitted on all of dev, so
only the out-of-fold figures printed here measure it.

    PYTHONPATH=src python training/train_detector.py [--write] [--oof-out DIR]

Measured (C=0.1; 6,138 candidates, 957 positive): out-of-fold candidate AUC .804; lexicon
alone P/R/F1 .577/.498/.534, with the detector .604/.488/.539 (drop merged events below
.15, no additions); per batch b1 .629 -> .629, b2 .432 -> .455, b3 .330 -> .315, b4 .466
-> .479. Near noise, and the model fitted on all of dev lowers the quality table's dev-b1
(.629 -> .626), so `--write` is not run for the package. Additions were measured with
add_at .5-.9 (commit ac7387c) and never paid, so ADD_GRID now holds only "none".
"""

from __future__ import annotations

import argparse
import hashlib
import json
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
ADD_GRID = (1.01,)  # no additions: see the docstring
DROP_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3)
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


def fold_of(gold: dict) -> int:
    return int(hashlib.sha256(gold["id"].encode()).hexdigest(), 16) % FOLDS


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


def oof_auc(data: list[tuple[dict, Result]], ex: list, c: float) -> float:
    """Out-of-fold AUC of p(event) over the candidates (positives: gold triggers)."""
    pe, pos = [], []
    for k in range(FOLDS):
        tr = [i for i, (g, _) in enumerate(data) if fold_of(g) != k]
        model = fit([x for i in tr for x, _ in ex[i]], [y for i in tr for _, y in ex[i]], c)
        for i, (g, _) in enumerate(data):
            if fold_of(g) == k:
                for x, y in ex[i]:
                    pe.append(detect.p_event(model.probs(list(x))))
                    pos.append(y != detect.NONE)
    return float(roc_auc_score(pos, pe))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true", help="write detector.json")
    ap.add_argument("--c", type=float, nargs="+", default=[0.3], help="several: AUC of each")
    ap.add_argument("--auc-only", action="store_true")
    ap.add_argument("--oof-out", type=Path, help="write out-of-fold predictions here")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        data = parse_dev(Path(tmp))
    ex = [examples(g, r) for g, r in data]
    n = Counter(y for e in ex for _, y in e)
    npos = sum(n.values()) - n[detect.NONE]
    print(f"{len(data)} dev articles, {sum(n.values())} candidates, {npos} positive")
    if a.auc_only:
        for c in a.c:
            print(f"C {c}: out-of-fold candidate AUC {oof_auc(data, ex, c):.3f}")
        return 0
    c = a.c[0]
    base = [(g, extract(g, r, None)) for g, r in data]
    print("lexicon alone:", prf(score(base)))
    keys = [(x, d) for x in ADD_GRID for d in DROP_GRID]
    grid: dict[tuple[float, float], list[tuple[dict, list[dict]]]] = {k: [] for k in keys}
    pe_all, pos_all = [], []
    for k in range(FOLDS):
        tr = [i for i, (g, _) in enumerate(data) if fold_of(g) != k]
        te = [i for i, (g, _) in enumerate(data) if fold_of(g) == k]
        model = fit([x for i in tr for x, _ in ex[i]], [y for i in tr for _, y in ex[i]], c)
        for i in te:
            for x, y in ex[i]:
                pe_all.append(detect.p_event(model.probs(list(x))))
                pos_all.append(y != detect.NONE)
        for add, drop in grid:
            m = detect.Detector(model.classes, model.weights, model.bias, add, drop)
            for i in te:
                grid[(add, drop)].append((data[i][0], extract(*data[i], m)))
    print(f"out-of-fold candidate AUC {roc_auc_score(pos_all, pe_all):.3f}")

    top = max(f1_of(score(items)) for items in grid.values())
    # Shipped: the fewest added events (highest add_at), then the best F1, among the
    # settings within SLACK of the best: an addition that does not clearly pay out of
    # fold is left out (the added events' types and parties are the weak part).
    near = [k for k in grid if f1_of(score(grid[k])) >= top - SLACK]
    best = max(near, key=lambda k: (k[0], f1_of(score(grid[k]))))
    for key, items in sorted(grid.items()):
        mark = "  <- shipped" if key == best else ""
        print(f"  add_at {key[0]:.2f} drop_below {key[1]:.2f}: {prf(score(items))}{mark}")
    for b in sorted({g.get("batch", 1) for g, _ in data}):
        sel_b = [it for it in base if it[0].get("batch", 1) == b]
        sel_d = [it for it in grid[best] if it[0].get("batch", 1) == b]
        print(f"  batch {b}: lexicon {prf(score(sel_b))}  detector {prf(score(sel_d))}")
    if a.oof_out:
        a.oof_out.mkdir(parents=True, exist_ok=True)
        for name, items in (("lexicon", base), ("detector", grid[best])):
            with (a.oof_out / f"{name}.jsonl").open("w") as fh:
                for _, preds in items:
                    for p in preds:
                        fh.write(json.dumps(p) + "\n")
    if a.write:
        model = fit([x for e in ex for x, _ in e], [y for e in ex for _, y in e], c)
        OUT.write_text(
            json.dumps(
                {
                    "about": "event detector: multinomial logistic regression over predicate "
                    "features, trained on the real-news dev gold by training/train_detector.py",
                    "classes": list(model.classes),
                    "bias": list(model.bias),
                    "add_at": best[0],
                    "drop_below": best[1],
                    "weights": model.weights,
                },
                separators=(",", ":"),
            )
        )
        print(f"wrote {OUT}")
    detect.use(None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
