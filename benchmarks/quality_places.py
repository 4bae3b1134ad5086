"""Places on GWN and LGL scored 5-fold by article: the honest figure for a learned ranker.

The shipped candidate ranker (data/places/ranking.json, training/train_places.py) is fitted
on GWN and LGL themselves, so scoring those corpora with it is in-sample. Here each corpus's
articles are cut into five folds (every fifth article, in corpus order); for each fold a
ranker is fitted on everything else (both corpora, without the scored fold and without the
real-news test split; its features collected out-of-fold, as train_places.py does) and the
pipeline resolves that fold's articles with it. The figures
are computed exactly as `score_places.py` computes them (its functions are imported), so the
rows compare with the shared scorer's output on held-out corpora.

    .venv/bin/python benchmarks/quality_places.py     # prints both corpora's cv rows
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = (("GWN", "GWN.xml"), ("LGL", "lgl.xml"))
FOLDS = 5


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader, path
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read(path: Path, corpus: str, scorer: ModuleType) -> list[dict]:
    """The articles the shared scorer scores (gold toponyms and some text), in its order,
    with ids that name the corpus document (to leave the real-news test split out)."""
    arts = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = scorer.gold_of(art)
        if gold and text.strip():
            doc = art.get("file") if corpus == "GWN" else art.get("docid")
            arts.append({
                "id": f"{corpus}-{doc}", "text": text, "gold": gold,
                "published": scorer.published(art.findtext("dltime")),
            })  # fmt: skip
    return arts


def resolve(arts: list[dict], ranker) -> dict[str, list[dict]]:
    """Place mentions with coordinates per article, resolved with `ranker`."""
    from wirewatch.config import load_config
    from wirewatch.mentions import places
    from wirewatch.pipeline import Result, run

    shipped = places.load_ranker
    places.load_ranker = lambda: ranker
    out: dict[str, list[dict]] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "fold.jsonl"
            rows = [{k: a[k] for k in ("id", "text", "published")} for a in arts]
            path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
            for res in run([str(path)], load_config(env={})):
                if not isinstance(res, Result):
                    continue
                for m in res.mentions:
                    d = m.to_dict(res.article.id)
                    if d["kind"] == "place" and isinstance(d.get("lat"), (int, float)):
                        out.setdefault(res.article.id, []).append(d)
    finally:
        places.load_ranker = shipped
    return out


def score(arts: list[dict], found: dict[str, list[dict]], km) -> tuple[int, int, int, float]:
    """(gold toponyms, found, within 161 km, summed error km): score_places.py's counting."""
    n = hit_n = ok = 0
    err = 0.0
    for a in arts:
        ps = found.get(a["id"], [])
        for s, e, lat, lon in a["gold"]:
            n += 1
            hit = [m for m in ps if m["start"] < e and s < m["end"]]
            if not hit:
                continue
            hit_n += 1
            d = min(km(lat, lon, m["lat"], m["lon"]) for m in hit)
            err += d
            ok += d <= 161
    return n, hit_n, ok, err


def places_cv(peer: Path = SHARED / "peer") -> dict[str, dict | None]:
    """The cv rows of the quality table's places part (None where a corpus is absent)."""
    scorer = _module(SHARED / "eval" / "score_places.py", "score_places")
    trainer = _module(ROOT / "training" / "train_places.py", "train_places")
    from wirewatch.mentions.ranking import FEATURES, Ranker

    corpora = {
        name: read(peer / "geo" / fn, name, scorer)
        for name, fn in CORPORA
        if (peer / "geo" / fn).is_file()
    }
    every = [a for arts in corpora.values() for a in arts]
    held = {f"{c}-{d}" for c, d in trainer.held_out()}
    groups = [g for g in trainer.collect(every) if g["x"] and g["article"] not in held]
    # As train_places.py does: each fold's training features collected again by a ranker
    # fitted without that fold (the shipped one saw it), so the fold rankers learn from
    # context as noisy as the scored fold's, which their own choices make.
    fold_of = {a["id"]: k % FOLDS for arts in corpora.values() for k, a in enumerate(arts)}
    train = [a for a in every if a["id"] not in held]
    groups = [g for g in trainer.collect_oof(train, groups, fold_of) if g["x"]]
    rows: dict[str, dict | None] = {name: None for name, _ in CORPORA}
    for name, arts in corpora.items():
        total = [0, 0, 0, 0.0]
        for k in range(FOLDS):
            fold = arts[k::FOLDS]
            ids = {a["id"] for a in fold}
            w = trainer.fit([g for g in groups if g["article"] not in ids])
            ranker = Ranker.from_dict({"features": list(FEATURES), **w})
            counts = score(fold, resolve(fold, ranker), scorer.km)
            total = [t + c for t, c in zip(total, counts, strict=True)]
        n, hit, ok, err = total
        rows[name] = {
            "toponyms": n,
            "recall": round(hit / n, 4) if n else 0.0,
            "acc161": round(ok / hit, 4) if hit else 0.0,
            "recall_x_acc": round(ok / n, 4) if n else 0.0,
            "mean_error_km": round(err / hit, 1) if hit else float("nan"),
        }
    return rows


if __name__ == "__main__":
    for corpus, r in places_cv().items():
        print(corpus, r)
    sys.exit(0)
