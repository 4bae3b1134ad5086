"""Fit the story score on the ECB+ development topics and write
`src/wirewatch/data/stories/model.json`.

Input: a store into which the ECB+ documents (topics 1-35, ../shared/peer/ecbplus) were
ingested, e.g. the SQLite file the shared scorer leaves in its working folder:

    python3 ../shared/eval/score_stories.py WIREWATCH ../shared/peer/ecbplus --dates fixed \\
        --work /tmp/ecb
    python training/fit_stories.py --db /tmp/ecb/ecb_fixed.db

(`make fit-stories` does both.) Each pair of report units
(`wirewatch.stories.evidence.Unit`) of one type group from two different documents with
any positive evidence is a row of `evidence.FEATURES`. Two logistic regressions:
  report head, every feature: 1 when both documents tell the same gold sub-topic;
  act head, the event-level features (`ACT_FEATURES`): on pairs whose units both hold an
    event whose trigger is an ECB+ action mention of a cross-document chain (found as the
    scorer finds it), 1 when they share a gold event instance.
A pair's score is the higher of the two. The merge threshold of average linkage is chosen
by cross-validation over topics (5 folds: a fold's topics are scored by heads that never
saw them, while every other document is still clustered with them as a distractor): the
best sum of pair and document F1 among thresholds whose cross-validated pair precision is
at least --min-precision (0.9). Printed and stored figures are those cross-validated ones.
ECB+ documents that are also real-news gold `test` articles (tests/data/realnews) are
clustered with the rest but no pair holding one is learned from.
Needs the `train` extra (scikit-learn) and ../shared beside the repository; the package
itself never imports scikit-learn.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from wirewatch.store.ingest import members_of
from wirewatch.store.schema import ArticleRow, EventRow
from wirewatch.stories import CANNOT_LINK, TYPE_GROUP, _candidates, _prepare, average_linkage
from wirewatch.stories.evidence import (
    ACT_FEATURES,
    FEATURES,
    MODEL_FILE,
    Model,
    apart_in_time,
    features,
    positive,
    published_apart,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests import realnews

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FOLDS = 5
THRESHOLDS = [round(x, 2) for x in np.arange(0.05, 0.85, 0.05)]


class Group:
    """One type group: its units, the features of every cross-document pair, labels."""

    def __init__(self, members, sub_of, instances_of, held=frozenset()) -> None:
        self.units, ctx = _prepare(members)
        self.cand = _candidates(self.units, ctx)
        self.pairs, rows, labels, self.is_cand, self.link = [], [], [], [], []
        self.act: list[int] = []  # 1/0: the units share/do not share a gold event; -1 unknown
        for i, u in enumerate(self.units):
            for v in self.units[i + 1 :]:
                if u.article == v.article:
                    continue
                x = features(u, v, ctx)
                if not positive(x):
                    continue
                self.pairs.append((u.idx, v.idx))
                rows.append(x)
                labels.append(sub_of[u.article] == sub_of[v.article])
                iu, iv = instances_of(u), instances_of(v)
                self.act.append(-1 if not (iu and iv) else int(bool(iu & iv)))
                self.is_cand.append((u.idx, v.idx) in self.cand)
                # 1 scored, 0 apart by the reports' own dates, -1 published far apart
                self.link.append(-1 if published_apart(u, v) else int(not apart_in_time(u, v)))
        self.x = np.array(rows, dtype=float).reshape(-1, len(FEATURES))
        self.y = np.array(labels, dtype=int)
        self.is_cand = np.array(self.is_cand, dtype=bool)
        self.act = np.array(self.act, dtype=int)
        topic = {a: s.split("_")[0] for a, s in sub_of.items()}
        self.topics = [(topic[self.units[i].article], topic[self.units[j].article])
                       for i, j in self.pairs]  # fmt: skip
        # Pairs with a document of the real-news test split: clustered, never learned from.
        self.held = np.array([self.units[i].article in held or self.units[j].article in held
                              for i, j in self.pairs], dtype=bool)  # fmt: skip

    def clusters(self, model: Model, threshold: float) -> list[list[int]]:
        """As `cluster` does it: candidate edges, exact average scores over all pairs."""
        scores = {}
        if len(self.pairs):
            z = self.x @ np.array(model.weights) + model.bias
            p = 1 / (1 + np.exp(-z))
            if model.act_weights:
                za = self.x @ np.array(model.act_weights) + model.act_bias
                p = np.maximum(p, 1 / (1 + np.exp(-za)))
            both = zip(self.pairs, p, self.link, strict=True)
            scores = {pair: float(v) * ok if ok >= 0 else CANNOT_LINK for pair, v, ok in both}
        edges = [pair for pair, c in zip(self.pairs, self.is_cand, strict=True) if c]
        return average_linkage(len(self.units), edges, lambda i, j: scores.get((i, j), 0.0),
                               threshold)  # fmt: skip


ACT_COLS = [FEATURES.index(f) for f in ACT_FEATURES]


def fit(x: np.ndarray, y: np.ndarray, act: np.ndarray) -> Model:
    """The report head on every pair; the act head on pairs whose units both hold an
    event that is a gold ECB+ event mention, over the act features only."""
    lr = LogisticRegression(C=1.0, max_iter=2000)
    lr.fit(x, y)
    known = act >= 0
    la = LogisticRegression(C=1.0, max_iter=2000)
    la.fit(x[known][:, ACT_COLS], act[known])
    act_w = [0.0] * len(FEATURES)
    for c, w in zip(ACT_COLS, la.coef_[0], strict=True):
        act_w[c] = float(w)
    return Model(tuple(float(w) for w in lr.coef_[0]), float(lr.intercept_[0]), 0.5, {},
                 tuple(act_w), float(la.intercept_[0]))  # fmt: skip


def evaluate(sc, groups, models, threshold, docs, name_of, test_topics) -> dict[str, float]:
    """Scores of the documents and events of `test_topics` (all documents clustered)."""
    gold = {d["id"]: d["sub"] for d in docs}
    events = []
    for g, grp in groups.items():
        for c, idxs in enumerate(grp.clusters(models[g], threshold)):
            for i in idxs:
                for m in grp.units[i].members:
                    doc = name_of[m.article]
                    events.append({"article": doc, "event_type": m.event_type,
                                   "story_id": f"{g}/{c}", "sub": gold[doc]})  # fmt: skip
    rest = [e for e in events if e["sub"].split("_")[0] not in test_topics]

    def pairs(evs):
        return sc.pair_scores(evs, lambda e: e["story_id"], lambda e: (e["sub"], e["event_type"]))

    a, r = pairs(events), pairs(rest)
    tp, pred, gd = a[3] - r[3], a[4] - r[4], a[5] - r[5]
    pp, pr = (tp / pred if pred else 0.0), (tp / gd if gd else 0.0)
    by_doc = collections.defaultdict(list)
    for e in events:
        by_doc[e["article"]].append(e["story_id"])
    size = collections.Counter(e["story_id"] for e in events)
    main = {}
    for d in docs:
        c = collections.Counter(by_doc.get(d["id"], []))
        main[d["id"]] = min(c, key=lambda s: (-c[s], -size[s], s)) if c else "doc:" + d["id"]
    members = collections.defaultdict(list)
    for doc, s in main.items():
        members[s].append(doc)
    n_gold = collections.Counter(gold.values())
    bp = br = 0.0
    tdocs = [d["id"] for d in docs if d["topic"] in test_topics]
    for doc in tdocs:
        same = sum(1 for o in members[main[doc]] if gold[o] == gold[doc])
        bp += same / len(members[main[doc]])
        br += same / n_gold[gold[doc]]
    bp, br = bp / len(tdocs), br / len(tdocs)
    # the same over the documents with events only (what clustering can change)
    with_ev = {d for d in tdocs if d in by_doc}
    n_ev = collections.Counter(gold[d] for d in by_doc)
    ep = er = 0.0
    for doc in with_ev:
        mates = [o for o in members[main[doc]] if o in by_doc]
        same = sum(1 for o in mates if gold[o] == gold[doc])
        ep += same / len(mates)
        er += same / n_ev[gold[doc]]
    ep, er = ep / max(1, len(with_ev)), er / max(1, len(with_ev))
    f = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0  # noqa: E731
    return {"doc_p": bp, "doc_r": br, "doc_f1": f(bp, br), "ev_p": ep, "ev_r": er,
            "ev_f1": f(ep, er), "pair_p": pp, "pair_r": pr, "pair_f1": f(pp, pr), "tp": tp,
            "pred": pred, "gold": gd}  # fmt: skip


def gold_instances(by_id, name_of):
    """The gold ECB+ event instance of a member whose trigger is an annotated action
    mention in a cross-document chain (as the scorer finds it), else None."""

    def instance(m) -> str | None:
        d = by_id[name_of[m.article]]
        trig = (m.extra.get("trigger") or "").split()
        if not trig:
            return None
        at = d["text"].find(trig[0], m.position, m.extra.get("end", len(d["text"])) + 1)
        if at < 0:
            return None
        for a, b, tid in d["tokens"]:
            if a <= at < b:
                return d["instance_of"].get(tid)
        return None

    return instance


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="SQLite file holding the ingested ECB+ documents")
    ap.add_argument("--ecb", default=str(SHARED / "peer" / "ecbplus"))
    ap.add_argument("--out", default=str(ROOT / "src" / "wirewatch" / MODEL_FILE))
    ap.add_argument("--min-precision", type=float, default=0.9)
    args = ap.parse_args()
    sc = realnews.shared_scorer("score_stories")
    docs = sc.load_corpus(Path(args.ecb))
    by_id = {d["id"]: d for d in docs}
    engine = create_engine(f"sqlite:///{args.db}")
    with Session(engine) as session:
        query = select(EventRow, ArticleRow).join(ArticleRow, EventRow.article_id == ArticleRow.id)
        rows = [r for r in session.execute(query).all() if r[1].name in by_id]
        members = members_of(session, rows)
        name_of = {art.key: art.name for _, art in rows}
    sub_of = {k: by_id[n]["sub"] for k, n in name_of.items()}
    split = collections.defaultdict(list)
    for m in members:
        split[TYPE_GROUP.get(m.event_type, m.event_type)].append(m)
    instance = gold_instances(by_id, name_of)

    def instances_of(u) -> set[str]:
        return {i for m in u.members if (i := instance(m))}

    # ECB+ documents of the real-news gold's test split (events read them only through the
    # quality table): they stay in the clustering as documents, but no pair with one of
    # them is a training row.
    test_docs = {g["doc"] for g in realnews.gold_files()
                 if g.get("split") == "test" and g.get("corpus") == "ECB"}  # fmt: skip
    held = frozenset(k for k, n in name_of.items() if by_id[n]["name"] in test_docs)
    groups = {g: Group(ms, sub_of, instances_of, held) for g, ms in sorted(split.items())}
    x = np.vstack([g.x for g in groups.values()])
    y = np.concatenate([g.y for g in groups.values()])
    act = np.concatenate([g.act for g in groups.values()])
    tp_all = [t for g in groups.values() for t in g.topics]
    learn = ~np.concatenate([g.held for g in groups.values()])
    print(f"{len(held)} documents of the real-news test split: {int((~learn).sum())} pairs "
          "not learned from", file=sys.stderr)  # fmt: skip
    print(f"{len(members)} events, {sum(len(g.units) for g in groups.values())} units, "
          f"{len(y)} pairs with evidence, {int(y.sum())} positive", file=sys.stderr)  # fmt: skip
    topics = sorted({d["topic"] for d in docs}, key=int)
    folds = [set(topics[k::FOLDS]) for k in range(FOLDS)]
    results = {t: [] for t in THRESHOLDS}
    for test in folds:
        keep = learn & np.array([a not in test and b not in test for a, b in tp_all])
        model = fit(x[keep], y[keep], act[keep])
        models = dict.fromkeys(groups, model)
        for t in THRESHOLDS:
            results[t].append(evaluate(sc, groups, models, t, docs, name_of, test))
    print("threshold  doc P  doc R  doc F1 | docs with events P R F1 | pair P pair R pair F1"
          " (cross-validated by topic)")  # fmt: skip
    mean = {}
    for t in THRESHOLDS:
        tot = collections.Counter()
        for r in results[t]:
            tot.update({k: r[k] for k in ("tp", "pred", "gold")})
        doc_keys = ("doc_p", "doc_r", "doc_f1", "ev_p", "ev_r", "ev_f1")
        m = {k: float(np.mean([r[k] for r in results[t]])) for k in doc_keys}
        m["pair_p"] = tot["tp"] / tot["pred"] if tot["pred"] else 0.0
        m["pair_r"] = tot["tp"] / tot["gold"] if tot["gold"] else 0.0
        s = m["pair_p"] + m["pair_r"]
        m["pair_f1"] = 2 * m["pair_p"] * m["pair_r"] / s if s else 0.0
        mean[t] = m
        print(f"  {t:.2f}     {m['doc_p']:.3f}  {m['doc_r']:.3f}  {m['doc_f1']:.3f} | "
              f"{m['ev_p']:.3f} {m['ev_r']:.3f} {m['ev_f1']:.3f} | "
              f"{m['pair_p']:.3f}  {m['pair_r']:.3f}  {m['pair_f1']:.3f}")  # fmt: skip
    ok = [t for t in THRESHOLDS if mean[t]["pair_p"] >= args.min_precision] or THRESHOLDS
    best = max(ok, key=lambda t: (round(mean[t]["pair_f1"] + mean[t]["doc_f1"], 4), -t))
    final = fit(x[learn], y[learn], act[learn])
    out = {
        "weights": dict(zip(FEATURES, (round(w, 4) for w in final.weights), strict=True)),
        "bias": round(final.bias, 4),
        "act_weights": {f: round(final.act_weights[FEATURES.index(f)], 4) for f in ACT_FEATURES},
        "act_bias": round(final.act_bias, 4),
        "threshold": best,
        "info": {
            "fitted_on": "ECB+ topics 1-35 (development), one publication date for every document",
            "pairs": len(y),
            "positive": int(y.sum()),
            "act_pairs": int((act >= 0).sum()),
            "act_positive": int((act == 1).sum()),
            "cross_validated": {k: round(v, 3) for k, v in mean[best].items()},
            "folds": f"{FOLDS} by topic",
        },
    }
    Path(args.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"threshold {best}: {json.dumps(out['info']['cross_validated'])}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
