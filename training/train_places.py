"""Train the place-candidate ranking model (mentions/ranking.py) on GWN and LGL.

usage: python training/train_places.py GWN.xml lgl.xml
       [--out src/wirewatch/data/places/ranking.json]

Runs the mention finder over every article, collects each found name's gazetteer
candidates with their features (twice: the second time each fifth of the articles by a
ranker fitted on the rest, so the context features are as noisy as on unseen text), and
labels a candidate positive when it lies within 161 km of the gold toponym its name
overlaps. Articles of the real-news `test` split (tests/data/realnews/*.json) are left out
entirely. Prints 5-fold (by article) figures: the share of overlapped gold toponyms whose
top candidate is within 161 km, against the hand weights; then fits on all training
articles and writes the weights as JSON.
Needs scikit-learn (the `train` extra); the package never imports it.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def km(a, b, c, d):
    p1, p2 = math.radians(a), math.radians(c)
    x = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(d - b) / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1, x)))


def held_out() -> set[tuple[str, str]]:
    out = set()
    for f in (ROOT / "tests" / "data" / "realnews").glob("*.json"):
        d = json.loads(f.read_text("utf-8"))
        if d.get("split") == "test":
            out.add((d["corpus"], str(d["doc"])))
    return out


def read_corpus(path: Path, name: str, skip: set) -> list[dict]:
    arts = []
    for art in ET.parse(path).getroot().iter("article"):
        doc = art.get("file") if name == "GWN" else art.get("docid")
        if (name, str(doc)) in skip:
            continue
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            gz = t.find("gaztag")
            if gz is not None:
                if gz.findtext("lat") is None:
                    continue
                lat, lon = float(gz.findtext("lat")), float(gz.findtext("lon"))
            else:
                if not (t.findtext("geonamesID") or "").strip() or not t.findtext("latitude"):
                    continue
                lat, lon = float(t.findtext("latitude")), float(t.findtext("longitude"))
            gold.append((int(t.findtext("start")), int(t.findtext("end")), lat, lon))
        if gold and text.strip():
            arts.append({"id": f"{name}-{doc}", "text": text, "gold": gold})
    return arts


def collect(arts: list[dict]) -> list[dict]:
    """One group per (found name, overlapped gold toponym): candidate features and labels."""
    from wirewatch.config import load_config
    from wirewatch.mentions import places
    from wirewatch.pipeline import run

    sink: list = []
    places.FEATURE_SINK = sink
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        lines = [
            json.dumps({"id": a["id"], "text": a["text"], "published": "2017-01-01"}) for a in arts
        ]
        path.write_text("\n".join(lines) + "\n", "utf-8")
        for _ in run([str(path)], load_config(env={})):
            pass
    places.FEATURE_SINK = None
    gold = {a["id"]: a["gold"] for a in arts}
    groups = []
    for aid, s, e, rows in sink:
        for gs, ge, lat, lon in gold.get(aid, []):
            if s < ge and gs < e:
                groups.append({
                    "article": aid,
                    "x": [x for _, x in rows],
                    "y": [int(km(lat, lon, p.lat, p.lon) <= 161) for p, _ in rows],
                })  # fmt: skip
    return groups


def collect_oof(arts: list[dict], groups: list[dict], fold_of: dict[str, int]) -> list[dict]:
    """The groups again, each article's features collected by a ranker fitted without its
    fold (`fold_of`: article id -> fold). The context features (the other names' first
    choices, same-state and nearby support) come from the ranker itself; collected with one
    fitted on the same article they are cleaner than on unseen text, and a model fitted on
    them over-trusts them ("Huntsville" with "Walker County": the in-sample context says
    Texas, a ranker that never saw the article reads Walker County, Alabama first)."""
    from wirewatch.mentions import places
    from wirewatch.mentions.ranking import FEATURES, Ranker

    shipped = places.load_ranker
    out: list[dict] = []
    try:
        for k in sorted(set(fold_of.values())):
            ids = {i for i, f in fold_of.items() if f == k}
            w = fit([g for g in groups if g["article"] not in ids])
            r = Ranker.from_dict({"features": list(FEATURES), **w})
            places.load_ranker = lambda r=r: r
            out += collect([a for a in arts if a["id"] in ids])
    finally:
        places.load_ranker = shipped
    return out


# The top-1 figures here are of the collected groups, whose context features came from
# other rankers' passes; the pipeline's 5-fold figure (benchmarks/quality_places.py) lets
# the ranker's own passes make the context, and it is the one that decides. Two changes
# that raised 3x5-fold top-1 here lowered it there (stop 10): an `alt_beaten` feature (an
# alternate-name candidate while a place as big has the name as its own; LGL top-1 .8751
# -> .8785, pipeline LGL acc@161 .887 -> .879) and 400 trees of depth 4 at rate .05 (top-1
# .8850 with it; pipeline .871). Whole articles of a local paper flip state together.
# Stop 18: an `english_unplaced` feature (the candidate's country speaks English and the
# article names no country of the name's candidates: not in its focus, other names,
# dateline, money or qualifier) raised top-1 on the same collected groups (GWN .9539 ->
# .9556, LGL .8992 -> .9007; a plain `english_country` lowered GWN to .9505) and put the
# Los Angeles San Pedro back (3 dev events), but the refit moved other names (Paris by
# Henry County, Berea to Lesotho): dev 356/139/230 F1 .659 either way, full .379 -> .377,
# location .883 -> .874, test aggregate F1 .451 -> .448, full .192 -> .187; pipeline 5-fold
# acc@161 GWN .961 -> .959, LGL .906 -> .904 (quality_places). Not kept.
def top1(groups, score) -> float:
    ok = sum(g["y"][max(range(len(g["x"])), key=lambda i: score(g["x"][i]))] for g in groups)
    return ok / len(groups) if groups else 0.0


def fit(groups, seed: int = 0):
    """Weights that rank each name's right candidate above its wrong ones: a logistic
    model over pairwise differences (right minus wrong, standardised features), which
    scores top-1 better than one fitted on single candidates (5-fold 0.837 vs 0.826);
    then a one-feature logistic fit on its score makes it a probability again, for the
    MIN_SCORE cut."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    X = np.array([x for g in groups for x in g["x"]], float)
    y = np.array([v for g in groups for v in g["y"]], int)
    scaler = StandardScaler().fit(X)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    diffs, labels = [], []
    for g in groups:
        xs = (np.array(g["x"], float) - scaler.mean_) / scale
        pos = [i for i, v in enumerate(g["y"]) if v]
        neg = [i for i, v in enumerate(g["y"]) if not v]
        for i in pos:
            for j in neg:
                diffs += [xs[i] - xs[j], xs[j] - xs[i]]
                labels += [1, 0]
    pair = LogisticRegression(C=1.0, max_iter=3000, fit_intercept=False)
    w = pair.fit(np.array(diffs), np.array(labels)).coef_[0]
    s = ((X - scaler.mean_) / scale) @ w
    cal = LogisticRegression(max_iter=1000, class_weight="balanced").fit(s.reshape(-1, 1), y)
    a = float(cal.coef_[0][0])
    return {"mean": scaler.mean_.tolist(), "scale": scale.tolist(),
            "coef": (w * a).tolist(), "intercept": float(cal.intercept_[0]),
            **fit_trees(X, y, seed)}  # fmt: skip


def fit_trees(X, y, seed: int = 0) -> dict:
    """Boosted trees (200 of depth 3) on single candidates, which pick a name's candidate
    better than the pairwise linear model (5-fold top-1 0.877 -> 0.895 on GWN + LGL): the
    linear model cannot let a US local paper's other names outweigh a capital's size.
    Exported as plain arrays (no pickle), leaf values times the learning rate."""
    from sklearn.ensemble import GradientBoostingClassifier

    m = GradientBoostingClassifier(
        n_estimators=200, max_depth=3, learning_rate=0.1, subsample=0.8, random_state=seed
    ).fit(X, y)
    trees = []
    for est in m.estimators_[:, 0]:
        t = est.tree_
        leafs = t.children_left < 0
        trees.append({
            "f": [-1 if leaf else int(f) for f, leaf in zip(t.feature, leafs, strict=True)],
            "t": [round(float(v), 6) for v in t.threshold],
            "l": t.children_left.tolist(),
            "r": t.children_right.tolist(),
            "v": [round(float(v) * m.learning_rate, 6) for v in t.value[:, 0, 0]],
        })  # fmt: skip
    leaf = sum(est.predict(X[:1])[0] for est in m.estimators_[:, 0]) * m.learning_rate
    bias = float(m.decision_function(X[:1])[0] - leaf)
    return {"trees": trees, "tree_bias": round(bias, 6)}


def repeated(groups: list[dict], repeats: int, folds: int = 5) -> dict[str, list[float]]:
    """Top-1 per corpus over `repeats` 5-fold runs, each with its own shuffle of the
    articles into folds and its own seed for the trees' subsampling; prints each corpus's
    mean and spread. One 5-fold run moves by about as much as a change gains (LGL .871 to
    .874 by the seed alone), so a change counts only when it clears that spread."""
    import random
    import statistics

    from wirewatch.mentions.ranking import FEATURES, Ranker

    arts = sorted({g["article"] for g in groups})
    runs: dict[str, list[float]] = {}
    for r in range(repeats):
        order = arts[:]
        random.Random(r).shuffle(order)
        fold = {art: i % folds for i, art in enumerate(order)}
        hits: dict[str, list[int]] = {}
        for k in range(folds):
            w = fit([g for g in groups if fold[g["article"]] != k], seed=r)
            ranker = Ranker.from_dict({"features": list(FEATURES), **w})
            for g in groups:
                if fold[g["article"]] == k:
                    best = max(range(len(g["x"])), key=lambda i: ranker.choice(g["x"][i]))
                    h = hits.setdefault(g["article"].split("-")[0], [0, 0])
                    h[0] += g["y"][best]
                    h[1] += 1
        for corpus, (ok, n) in hits.items():
            runs.setdefault(corpus, []).append(ok / n)
    for corpus, accs in sorted(runs.items()):
        sd = statistics.pstdev(accs)
        each = ", ".join(f"{x:.4f}" for x in accs)
        print(f"{corpus}: {repeats}x5-fold top-1 {statistics.mean(accs):.4f} sd {sd:.4f} ({each})")
    return runs


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from wirewatch.mentions.ranking import _HAND as HAND
    from wirewatch.mentions.ranking import FEATURES, Ranker

    ap = argparse.ArgumentParser()
    ap.add_argument("gwn")
    ap.add_argument("lgl")
    ap.add_argument("--out", default=str(ROOT / "src/wirewatch/data/places/ranking.json"))
    ap.add_argument("--groups", help="reuse (or write) the collected features here")
    ap.add_argument(
        "--repeats", type=int, default=1, help="also print N-times repeated 5-fold top-1 (noise)"
    )
    a = ap.parse_args()
    if a.groups and Path(a.groups).is_file():
        groups = json.loads(Path(a.groups).read_text("utf-8"))
    else:
        skip = held_out()
        arts = read_corpus(Path(a.gwn), "GWN", skip) + read_corpus(Path(a.lgl), "LGL", skip)
        print(f"{len(arts)} articles ({len(skip)} held-out test articles left out)")
        groups = [g for g in collect(arts) if g["x"]]
        # Second pass: each fold's features collected by a ranker fitted on the others.
        ids = sorted({a["id"] for a in arts})
        fold_of = {i: n % 5 for n, i in enumerate(ids)}
        groups = collect_oof(arts, groups, fold_of)
        if a.groups:
            Path(a.groups).write_text(json.dumps(groups), "utf-8")
    groups = [g for g in groups if g["x"]]
    reachable = [g for g in groups if any(g["y"])]
    print(f"{len(groups)} found toponyms; {len(reachable)} with a right candidate")
    arts = sorted({g["article"] for g in groups})
    folds = 5
    accs, hand_accs = [], []
    n = len(FEATURES)
    hand_r = Ranker(tuple(HAND.get(f, 0.0) for f in FEATURES), -6.0, (0.0,) * n, (1.0,) * n)
    for k in range(folds):
        test_ids = set(arts[k::folds])
        train = [g for g in groups if g["article"] not in test_ids]
        test = [g for g in groups if g["article"] in test_ids]
        w = fit(train)
        r = Ranker.from_dict({"features": list(FEATURES), **w})
        accs.append(top1(test, r.choice))
        hand_accs.append(top1(test, hand_r.score))
    each = ", ".join(f"{x:.3f}" for x in accs)
    print(
        f"5-fold top-1 within 161 km of found toponyms: learned {sum(accs) / folds:.3f} "
        f"({each}), hand weights {sum(hand_accs) / folds:.3f}"
    )
    if a.repeats > 1:
        repeated(groups, a.repeats)
    w = fit(groups)
    out = {"features": list(FEATURES), **w,
           "trained_on": "GWN + LGL without the real-news test split",
           "cv_top1": round(sum(accs) / folds, 4)}  # fmt: skip
    Path(a.out).write_text(json.dumps(out, indent=1) + "\n", "utf-8")
    print(f"{len(w['trees'])} trees; linear weights:")
    for f, c in zip(FEATURES, w["coef"], strict=True):
        print(f"  {f:18s} {c:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
