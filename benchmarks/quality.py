"""The quality table: every stage scored on every development and held-out set, in one run.

    .venv/bin/python benchmarks/quality.py [--only events,roles,places,stories] [--json FILE]

(`make quality` runs it.) Needs ../shared beside the repository; a part whose data is absent
is reported as skipped. What each row means:

- events: the shared scorer (`score_events.py`) on the seed, the own gold articles and the
  real-news gold corpus (tests/data/realnews: `dev` is what rules and models are developed
  on, `test` is read only here and by the quality gate). Precision, recall, event F1,
  full-record F1 and each field's accuracy over matched required events. `typed_F1` is the
  event F1 with the actor's country left unchecked (right type at the right words: how much
  of the gap is actor countries). The scored events are the printed ones (confidence at
  least `min_confidence`, data/events/confidence.json). `conf AUC` is the area under the
  ROC curve of `confidence` for every event the rules find (the printing threshold's own
  ranking: before it cuts) that matches a gold event against those that match none
  (predictions matched to optional gold are left out); the JSON also holds
  `conf_auc_printed`, the same over the printed events only. `placed` is the share of
  printed events with a location. The real-news split rows also count their misses and
  false events by cause (benchmarks/quality_causes.py: not found, cut, other type, actor
  country, a second record, no gold near). The confidence fit learns from dev (trigger rates and
  words), so on dev rows its AUC is in-sample; the table prints beside it the fit's own
  leave-one-article-out AUC (`measured` in confidence.json), the honest dev figure.
- roles: PLV_train sentences (real news with marked source and target): share of sentences
  whose event has the gold type AND an actor span overlapping `<s>` AND a recipient span
  overlapping `<t>` (the definition of `score_roles.py`). The typing model is trained on
  PLV_train, so the honest figure is 5-fold: for each fold a model is trained without it
  (training/train_types.py's features and fit) and the pipeline types that fold's sentences
  with it. `shipped` runs `score_roles.py` on the shipped model (trained on all of PLV_train:
  optimistic, shown for comparison with held-out PLV test scores). The pipeline takes an
  event's type from the trigger lexicon unless the typing model is sure of another
  (`decide.OVERRIDE_P`), so the `shipped` row overstates typed and triple; `cv` is the
  figure to quote. The recipient attachment scorer (`events/attach.py`) is trained on
  PLV_train too, so in `cv` each fold's recipients come from a scorer fitted without it
  (training/train_recipients.py), at the shipped threshold.
- places: toponym recall, accuracy within 161 km and mean error on GeoWebNews and LGL. The
  candidate ranker is trained on these corpora, so the rows to quote (`GWN`, `LGL`) are
  5-fold by article (benchmarks/quality_places.py: each fold resolved by a ranker fitted
  without it, counted as `score_places.py` counts); `-shipped` rows run `score_places.py`
  with the shipped ranker (in-sample, optimistic; what the floors test checks).
- stories: `score_stories.py` on ECB+ topics 1-35 with every document dated 2012-01-01:
  document B-cubed F1 and same-story event-pair precision/recall.
- acled: ACLED sub-event types (weighted F1) on the own snippets of tests/data/acled_dev
  (optimistic: the mode table was written while reading them) and CASE 2021's five
  sample snippets (benchmarks/quality_acled.py).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from importlib import resources
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
PEER = SHARED / "peer"
WIREWATCH = str(Path(sys.executable).with_name("wirewatch"))
sys.path.insert(0, str(ROOT))

from quality_causes import FALSE_CAUSES, MISS_CAUSES, by_article, causes  # noqa: E402
from tests import realnews  # noqa: E402

from wirewatch.config import load_config  # noqa: E402
from wirewatch.events.confidence import min_confidence  # noqa: E402
from wirewatch.pipeline import Result, run  # noqa: E402

PARTS = ("events", "roles", "places", "stories", "acled")


# -- events -------------------------------------------------------------------------------
def extract_gold(gold_dir: Path, out: Path, every: Path | None = None) -> None:
    """Predictions for every gold article of a folder, as JSON Lines with article_id:
    the printed ones (at least `min_confidence`) in `out`, and with `every`, all the
    rules find there too (what the confidence AUC ranks)."""
    if every is not None:
        _extract(gold_dir, every, load_config(overrides=["events.min_confidence=0"], env={}))
        floor = min_confidence()
        with out.open("w") as fh:
            for line in every.read_text().splitlines():
                if float(json.loads(line).get("confidence") or 0.0) >= floor:
                    fh.write(line + "\n")
        return
    _extract(gold_dir, out, load_config(env={}))


def _extract(gold_dir: Path, out: Path, cfg) -> None:
    with out.open("w") as fh:
        for gf in sorted(gold_dir.glob("*.json")):
            gold = json.loads(gf.read_text("utf-8"))
            text = gf.parent / gold["text_file"]
            published = date.fromisoformat(gold["published"])
            for res in run([str(text)], cfg, published=published):
                if isinstance(res, Result):
                    for ev in res.events:
                        rec = {**ev.to_dict(), "article_id": gold["id"]}
                        fh.write(json.dumps(rec) + "\n")


def auc(pos: list[float], neg: list[float]) -> float | None:
    """Probability that a right prediction has higher confidence than a wrong one."""
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def score_events(gold_dir: Path, preds: Path, every: Path | None = None) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            str(EVAL / "score_events.py"),
            "--gold",
            str(gold_dir),
            "--pred",
            str(preds),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    m = re.search(r"tp=(\d+) fp=(\d+) fn=(\d+) precision=([\d.]+) recall=([\d.]+) f1=([\d.]+)", out)
    row = {
        "tp": int(m[1]),
        "fp": int(m[2]),
        "fn": int(m[3]),
        "precision": float(m[4]),
        "recall": float(m[5]),
        "event_f1": float(m[6]),
    }
    row["full_record_f1"] = float(re.search(r"full_record_f1=([\d.]+)", out)[1])
    row["typed_f1"] = _typed_f1(gold_dir, preds)
    row["fields"] = {
        k: float(v) for k, v in re.findall(r"^\s+(\S+)\s+\d+/\d+ = ([\d.]+)", out, re.M)
    }
    placed = total = 0
    for line in preds.read_text().splitlines():
        total += 1
        placed += bool(json.loads(line).get("location"))
    judged = judged_confidences(gold_dir, every or preds)
    row["conf_auc"] = auc(*judged)
    if every is not None:
        row["conf_auc_printed"] = conf_auc(gold_dir, preds)
        row["reliability"] = reliability(*judged)
    row["placed"] = placed / total if total else None
    row["predicted"] = total
    return row


def conf_auc(gold_dir: Path, preds: Path) -> float | None:
    """Confidence AUC: right (matched a required or optional gold event) vs wrong
    (matched none); optional-matched predictions are left out."""
    return auc(*judged_confidences(gold_dir, preds))


RELIABILITY_BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


def reliability(right: list[float], wrong: list[float]) -> list[dict]:
    """Reliability of the confidence: per confidence bin, how many predictions fall in it
    and what share of them is right (issue 17 asks for it on the test split). A calibrated
    score has each bin's share near its middle."""
    out = []
    for lo, hi in pairwise(RELIABILITY_BINS):
        n_right = sum(lo <= c < hi or c == hi == 1.0 for c in right)
        n = n_right + sum(lo <= c < hi or c == hi == 1.0 for c in wrong)
        out.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": n, "right": n_right / n if n else None})
    return out


def judged_confidences(gold_dir: Path, preds: Path) -> tuple[list[float], list[float]]:
    """The confidences of right and of wrong predictions (see `conf_auc`)."""
    sc = realnews.shared_scorer("score_events")
    predicted = by_article(preds)
    right, wrong = [], []
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text("utf-8"))
        text = (gf.parent / gold["text_file"]).read_text("utf-8")
        ps = predicted.get(gold["id"], [])
        pairs = sc.match_article(text, gold["events"], ps)
        matched = {pi: gi for gi, pi, _ in pairs}
        for pi, p in enumerate(ps):
            conf = float(p.get("confidence") or 0.0)
            if pi not in matched:
                wrong.append(conf)
            elif not gold["events"][matched[pi]].get("optional"):
                right.append(conf)
    return right, wrong


def _typed_f1(gold_dir: Path, preds: Path) -> float:
    """Event F1 when the actor's country is not required to match: how many events are
    found with the right type at the right words (a diagnostic beside the real F1)."""
    loose = Path(tempfile.mkdtemp(prefix="ww_typed_"))
    for gf in gold_dir.glob("*.json"):
        gold = json.loads(gf.read_text("utf-8"))
        for e in gold["events"]:
            if isinstance(e.get("actor"), dict):
                e["actor"] = {**e["actor"], "country": None}
        text = (gf.parent / gold["text_file"]).read_text("utf-8")
        gold["text_file"] = f"{gf.stem}.txt"
        (loose / gold["text_file"]).write_text(text, encoding="utf-8")
        (loose / gf.name).write_text(json.dumps(gold), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(EVAL / "score_events.py"), "--gold", str(loose), "--pred", str(preds)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(re.search(r" f1=([\d.]+)", out)[1])


def events_part() -> dict:
    sets: dict[str, Path | None] = {
        "seed": SHARED / "gold" if (SHARED / "gold").is_dir() else None,
        "own": ROOT / "tests" / "data" / "gold",
    }
    tmp = Path(tempfile.mkdtemp(prefix="ww_quality_"))
    for split in realnews.SPLITS:
        sets[f"realnews-{split}"] = (
            realnews.materialize(split, tmp / split) if realnews.available() else None
        )
    rows = {}
    for name, gold_dir in sets.items():
        if gold_dir is None:
            rows[name] = None
            continue
        t0 = time.time()
        preds, every = tmp / f"{name}.jsonl", tmp / f"{name}-all.jsonl"
        extract_gold(gold_dir, preds, every)
        rows[name] = score_events(gold_dir, preds, every)
        rows[name]["articles"] = len(list(gold_dir.glob("*.json")))
        rows[name]["gold_required"] = sum(
            1
            for gf in gold_dir.glob("*.json")
            for e in json.loads(gf.read_text("utf-8"))["events"]
            if not e.get("optional")
        )
        if name.startswith("realnews-"):
            scorer = realnews.shared_scorer("score_events")
            rows[name]["causes"] = causes(scorer, gold_dir, preds, every)
        rows[name]["seconds"] = round(time.time() - t0, 1)
    if realnews.available() and len(realnews.batches()) > 1:
        rows.update(_batch_rows(tmp))
    return rows


def _batch_rows(tmp: Path) -> dict:
    """Each annotation batch of the real-news splits scored on its own, from the
    predictions already made for the whole split: a batch added after the rules were
    written is a fresh check of how they carry to unseen text."""
    rows = {}
    for split in realnews.SPLITS:
        preds = [
            json.loads(line)
            for line in (tmp / f"realnews-{split}-all.jsonl").read_text().splitlines()
        ]
        for batch in realnews.batches():
            name = f"realnews-{split}-b{batch}"
            gold_dir = realnews.materialize(split, tmp / name, batch)
            ids = {gf.stem for gf in gold_dir.glob("*.json")}
            every, printed = tmp / f"{name}-all.jsonl", tmp / f"{name}.jsonl"
            floor = min_confidence()
            with every.open("w") as fa, printed.open("w") as fp:
                for rec in preds:
                    if rec["article_id"] in ids:
                        fa.write(json.dumps(rec) + "\n")
                        if float(rec.get("confidence") or 0.0) >= floor:
                            fp.write(json.dumps(rec) + "\n")
            rows[name] = score_events(gold_dir, printed, every)
            rows[name]["articles"] = len(ids)
            rows[name]["gold_required"] = sum(
                1
                for gf in gold_dir.glob("*.json")
                for e in json.loads(gf.read_text("utf-8"))["events"]
                if not e.get("optional")
            )
    return rows


# -- roles ----------------------------------------------------------------------------------
def _trc():
    """training/train_recipients.py: PLV_train's sentences and spans (`plv_sentences`,
    `hit`, as score_roles.py reads them) and the recipient scorer's per-fold fit."""
    sys.path.insert(0, str(ROOT / "training"))
    import train_recipients

    return train_recipients


def _roles_of(events: list[dict], g: dict) -> tuple[bool, bool, bool]:
    hit = _trc().hit
    cands = [e for e in events if e.get("event_type") in g["types"]]
    if not cands:
        return False, False, False
    best = max(
        cands,
        key=lambda e: (
            hit((e.get("spans") or {}).get("actor"), g["s"])
            + hit((e.get("spans") or {}).get("recipient"), g["t"]),
            e.get("confidence") or 0,
        ),
    )
    sp = best.get("spans") or {}
    return True, hit(sp.get("actor"), g["s"]), hit(sp.get("recipient"), g["t"])


def _swap_type_model(models) -> None:
    """Point every module that imported `load_models` at a fold's models."""
    from wirewatch.events import classify

    original = getattr(classify, "_quality_original_load_models", classify.load_models)
    classify._quality_original_load_models = original

    def fold_models():
        return models

    for mod in list(sys.modules.values()):
        if getattr(mod, "__name__", "").startswith("wirewatch") and getattr(
            mod, "load_models", None
        ) in (original, getattr(classify, "_quality_current", None)):
            mod.load_models = fold_models
    classify._quality_current = fold_models


def roles_cv(folds: int = 5) -> dict:
    """5-fold PLV_train roles: each fold typed by a model trained without it."""
    import numpy as np
    from sklearn.model_selection import KFold

    trc = _trc()
    import train_types as tt

    from wirewatch.events import attach
    from wirewatch.events.classify import TypeModels, load_models

    shipped = load_models()
    texts, golds = trc.plv_sentences()
    plv = tt.read_plv()

    # Training rows grouped by sentence so no sentence is in both parts of a fold.
    def key(t: str) -> str:
        return " ".join(t.split())

    f_plv = tt.featurize(plv)
    # The other sources as training weighs them (real-news dev tellings included)
    f_extra, y_extra, w_extra, _ = tt.extra_rows()
    cfg = load_config(env={})
    n = typed = actor = recip = triple = 0
    original_rec, original_doer = attach.load_model, attach.load_actor_model
    shipped_rec, shipped_doer = original_rec(), original_doer()
    rec_records, rec_cands = trc.collect(texts)
    kf = KFold(n_splits=folds, shuffle=True, random_state=0)
    for tr, te in kf.split(texts):
        if shipped_rec is not None:
            w, b = trc.fit(*trc.rows(tr, golds, rec_records, rec_cands))
            fold_rec = attach.RecipientModel(w, b, shipped_rec.threshold)
            attach.load_model = lambda m=fold_rec: m
        if shipped_doer is not None:
            w, b = trc.fit(*trc.rows(tr, golds, rec_records, rec_cands, "doers", "s"))
            fold_doer = attach.RecipientModel(w, b, shipped_doer.threshold)
            attach.load_actor_model = lambda m=fold_doer: m
        held = {key(texts[i]) for i in te}
        keep = [i for i, r in enumerate(plv) if key(r["text"]) not in held]
        model = tt.fit(
            [f_plv[i] for i in keep] + f_extra,
            [plv[i]["label"] for i in keep] + y_extra,
            np.concatenate([np.ones(len(keep)), w_extra]),
            tt.C,
        )
        _swap_type_model(TypeModels(model, shipped.yield_split, shipped.modes, shipped.meta))
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
            for i in te:
                fh.write(
                    json.dumps({"id": f"p{i}", "text": texts[i], "published": "2019-01-01"}) + "\n"
                )
        preds: dict[str, list[dict]] = defaultdict(list)
        for res in run([fh.name], cfg, with_mentions=True):
            if isinstance(res, Result):
                preds[res.article.id] = [e.to_dict() for e in res.events]
        for i in te:
            t, a, r = _roles_of(preds.get(f"p{i}", []), golds[i])
            n += 1
            typed += t
            actor += t and a
            recip += t and r
            triple += t and a and r
    _swap_type_model(shipped)
    attach.load_model, attach.load_actor_model = original_rec, original_doer
    return {
        "sentences": n,
        "typed": typed / n,
        "actor": actor / max(typed, 1),
        "recipient": recip / max(typed, 1),
        "triple": triple / n,
    }


def roles_shipped() -> dict:
    out = subprocess.run(
        [
            sys.executable,
            str(EVAL / "score_roles.py"),
            WIREWATCH,
            str(PEER / "plv" / "PLV_train.tsv"),
        ],
        capture_output=True,
        text=True,
    ).stdout
    m = re.search(r"typed ([\d.]+), actor ([\d.]+), recipient ([\d.]+), triple ([\d.]+)", out)
    return {
        "typed": float(m[1]),
        "actor": float(m[2]),
        "recipient": float(m[3]),
        "triple": float(m[4]),
    }


def roles_part() -> dict:
    if not (PEER / "plv" / "PLV_train.tsv").is_file():
        return {"cv": None, "shipped": None}
    return {"cv": roles_cv(), "shipped": roles_shipped()}


# -- places and stories --------------------------------------------------------------------
def places_part() -> dict:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from quality_places import places_cv

    rows = places_cv(PEER)
    for name, fn in (("GWN", "GWN.xml"), ("LGL", "lgl.xml")):
        path = PEER / "geo" / fn
        name = f"{name}-shipped"
        if not path.is_file():
            rows[name] = None
            continue
        out = subprocess.run(
            [sys.executable, str(EVAL / "score_places.py"), WIREWATCH, str(path)],
            capture_output=True,
            text=True,
        ).stdout
        m = re.search(
            r"gold toponyms (\d+), found (\d+) \(recall ([\d.]+)\), acc@161 ([\d.]+), "
            r"recall x acc ([\d.]+), mean error (\S+) km",
            out,
        )
        rows[name] = {
            "toponyms": int(m[1]),
            "recall": float(m[3]),
            "acc161": float(m[4]),
            "recall_x_acc": float(m[5]),
            "mean_error_km": float(m[6]),
        }
    return rows


def stories_part() -> dict:
    if not (PEER / "ecbplus").is_dir():
        return {"ECB+": None}
    out = subprocess.run(
        [
            sys.executable,
            str(EVAL / "score_stories.py"),
            WIREWATCH,
            str(PEER / "ecbplus"),
            "--dates",
            "fixed",
            "--examples",
            "0",
        ],
        capture_output=True,
        text=True,
    ).stdout
    m = re.search(
        r"docs (\d+), doc B3 P ([\d.]+) R ([\d.]+) F1 ([\d.]+), pair P (\S+) R (\S+) F1 ([\d.]+)",
        out,
    )
    if not m:
        return {"ECB+": {"error": out[-500:]}}

    def num(s: str) -> float | None:
        try:
            return float(s)
        except ValueError:
            return None

    return {
        "ECB+": {
            "docs": int(m[1]),
            "doc_b3_p": float(m[2]),
            "doc_b3_r": float(m[3]),
            "doc_b3_f1": float(m[4]),
            "pair_p": num(m[5]),
            "pair_r": num(m[6]),
            "pair_f1": float(m[7]),
        }
    }


def acled_part() -> dict:
    """ACLED sub-event types on the own snippets (benchmarks/quality_acled.py)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from quality_acled import acled_part as score

    return score()


# -- the table --------------------------------------------------------------------------------
def fmt(v, digits: int = 3) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


CONFIDENCE_FILE = "data/events/confidence.json"


def _conf_oof() -> float | None:
    """The confidence fit's own leave-one-article-out AUC on dev, as calibration wrote it:
    the honest dev figure, since the table's dev rows score events the fit learned from."""
    fit = json.loads(resources.files("wirewatch").joinpath(CONFIDENCE_FILE).read_text("utf-8"))
    return fit.get("measured", {}).get("auc_leave_one_article_out")


DETECTOR_FILE = "data/events/detector.json"


def _det_oof() -> str | None:
    """The event detector's out-of-fold dev figures as training wrote them (None when no
    detector is shipped): fitted on every dev article, it makes the dev rows in-sample."""
    path = resources.files("wirewatch").joinpath(DETECTOR_FILE)
    if not path.is_file():
        return None
    m = json.loads(path.read_text("utf-8")).get("measured_out_of_fold", {})
    deals = "/".join(fmt(v) for v in m.get("event_f1_out_of_fold_by_deal", []))
    return f"lexicon alone {fmt(m.get('event_f1_lexicon'))}, with the detector {deals}"


def print_table(res: dict) -> None:
    if "events" in res:
        head = (
            "articles  gold  pred  precision  recall  event_F1  full_F1  typed_F1  conf_AUC  placed"
        )
        print(f"{'EVENTS':<16}{head}")
        for name, r in res["events"].items():
            if r is None:
                print(f"  {name:<18} skipped (data not beside the repository)")
                continue
            print(
                f"  {name:<18}{r['articles']:>4}{r['gold_required']:>6}{r['predicted']:>6}"
                f"{fmt(r['precision']):>11}{fmt(r['recall']):>8}{fmt(r['event_f1']):>10}"
                f"{fmt(r['full_record_f1']):>9}{fmt(r.get('typed_f1')):>10}{fmt(r['conf_auc']):>10}"
                f"{fmt(r['placed']):>8}"
            )
        print(
            "  conf_AUC on dev rows is in-sample (the fit learns trigger rates and words from dev);"
            f" out of fold (leave one article out) it is {fmt(_conf_oof())}"
        )
        det = _det_oof()
        if det is not None:
            print(f"  dev event_F1 is in-sample for the event detector; out of fold: {det}")
        fields = sorted({k for r in res["events"].values() if r for k in r["fields"]})
        print("  fields (accuracy on matched required events)")
        print("  " + " " * 18 + "".join(f"{f[:12]:>13}" for f in fields))
        for name, r in res["events"].items():
            if r:
                print(f"  {name:<18}" + "".join(f"{fmt(r['fields'].get(f)):>13}" for f in fields))
        _print_causes(res["events"])
        print("  confidence reliability (every prediction, printed or not): n / share right")
        bins = [f"{lo:.1f}-{hi:.1f}" for lo, hi in pairwise(RELIABILITY_BINS)]
        print("  " + " " * 18 + "".join(f"{b:>13}" for b in bins))
        for name, r in res["events"].items():
            if r and r.get("reliability"):
                cells = [
                    f"{b['n']} / {fmt(b['right'], 2)}" if b["n"] else "-" for b in r["reliability"]
                ]
                print(f"  {name:<18}" + "".join(f"{c:>13}" for c in cells))
    if "roles" in res:
        print("ROLES (PLV_train)   sentences  typed  actor  recipient  triple")
        for name, r in res["roles"].items():
            if r:
                print(
                    f"  {name:<18}{r.get('sentences', '-'):>10}{fmt(r['typed']):>7}"
                    f"{fmt(r['actor']):>7}"
                    f"{fmt(r['recipient']):>11}{fmt(r['triple']):>8}"
                )
            else:
                print(f"  {name:<18} skipped")
    if "places" in res:
        print("PLACES (GWN, LGL: 5-fold)  toponyms  recall  acc@161  recall*acc  mean_error_km")
        for name, r in res["places"].items():
            if r:
                print(
                    f"  {name:<25}{r['toponyms']:>9}{fmt(r['recall']):>8}{fmt(r['acc161']):>9}"
                    f"{fmt(r['recall_x_acc']):>12}{r['mean_error_km']:>15.0f}"
                )
            else:
                print(f"  {name:<25} skipped")
    if "stories" in res:
        print("STORIES      docs  doc_B3_P  doc_B3_R  doc_B3_F1  pair_P  pair_R  pair_F1")
        for name, r in res["stories"].items():
            if r and "error" not in r:
                print(
                    f"  {name:<9}{r['docs']:>6}{fmt(r['doc_b3_p']):>10}{fmt(r['doc_b3_r']):>10}"
                    f"{fmt(r['doc_b3_f1']):>11}{fmt(r['pair_p']):>8}{fmt(r['pair_r']):>8}"
                    f"{fmt(r['pair_f1']):>9}"
                )
            else:
                print(f"  {name:<9} {'skipped' if r is None else r['error']}")


def _print_causes(rows: dict) -> None:
    """Misses and false events by cause (benchmarks/quality_causes.py says what each is)."""
    named = [(n, r["causes"]) for n, r in rows.items() if r and r.get("causes")]
    if not named:
        return
    for part, kinds in (("missed", MISS_CAUSES), ("false", FALSE_CAUSES)):
        print(f"  {part} events by cause (benchmarks/quality_causes.py)")
        print("  " + " " * 18 + "".join(f"{k[:15]:>16}" for k in kinds))
        for name, c in named:
            print(f"  {name:<18}" + "".join(f"{c[part].get(k, 0):>16}" for k in kinds))


def print_acled(res: dict) -> None:
    print("ACLED SUB-EVENTS     snippets  weighted_F1")
    for name, r in res.items():
        if r:
            print(f"  {name:<18}{r.get('n', '-'):>9}{fmt(r.get('weighted_f1')):>13}")
        else:
            print(f"  {name:<18} skipped")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--only", default=",".join(PARTS), help="comma-separated parts: " + ",".join(PARTS)
    )
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    a = ap.parse_args()
    parts = [p.strip() for p in a.only.split(",") if p.strip()]
    res: dict = {}
    for part in parts:
        t0 = time.time()
        res[part] = globals()[f"{part}_part"]()
        print(f"[{part}: {time.time() - t0:.0f} s]", file=sys.stderr)
    print_table(res)
    if "acled" in res:
        print_acled(res["acled"])
    if a.json:
        a.json.write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
