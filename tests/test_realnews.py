"""The real-news gold corpus holds to its format, its exact phrases and its split rule."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

from . import realnews

PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
MODALITIES = {
    "asserted", "negated", "planned", "intended", "conditional", "considered", "promised",
    "hypothetical",
}  # fmt: skip
GOLDS = realnews.gold_files()
needs_texts = pytest.mark.skipif(
    not realnews.available(), reason="../shared/peer/geo is not beside the repository"
)


def _list(v):
    return [] if v is None else v if isinstance(v, list) else [v]


def test_corpus_is_large_enough_and_spread() -> None:
    required = [e for g in GOLDS for e in g["events"] if not e.get("optional")]
    assert len(GOLDS) >= 60
    assert len(required) >= 400
    assert {g["corpus"] for g in GOLDS} == set(realnews.CORPORA)
    kinds = Counter((g["kind"], g["split"]) for g in GOLDS)
    for kind in {g["kind"] for g in GOLDS}:
        assert kinds[(kind, "dev")] and kinds[(kind, "test")], kind
    types = {t for e in required for t in _list(e["type"])}
    assert types >= {"ASSAULT", "PROTEST", "COERCE", "ACCUSE", "REJECT", "REQUEST", "CONSULT"}


def test_no_ecb_sub_topic_is_told_twice() -> None:
    """ECB+ documents of one sub-topic report one real event: two of them in the corpus
    could put the same event in dev and in test."""
    subs = Counter(
        re.sub(r"^(\d+)_\d+(ecb(?:plus)?)$", r"\1\2", g["doc"])
        for g in GOLDS
        if g["corpus"] == "ECB"
    )
    assert subs and all(n == 1 for n in subs.values()), subs


def test_split_follows_the_written_rule() -> None:
    rule = realnews.split_of(GOLDS)
    wrong = [g["id"] for g in GOLDS if g["split"] != rule[g["id"]]]
    assert not wrong, f"split differs from the rule in tests/data/realnews/README.md: {wrong}"
    share = sum(g["split"] == "test" for g in GOLDS) / len(GOLDS)
    # About a third; a little more since batches 5-8, whose (batch, kind) groups are small
    # and each begins with a test article (98 of 241).
    assert 0.28 <= share <= 0.42


@pytest.mark.parametrize("gold", GOLDS, ids=[g["id"] for g in GOLDS])
def test_gold_file_is_well_formed(gold: dict) -> None:
    assert gold["corpus"] in realnews.CORPORA and gold["split"] in realnews.SPLITS
    assert isinstance(gold.get("batch", 1), int) and gold.get("batch", 1) >= 1
    assert gold["text_file"] == f"{gold['id']}.txt"
    date.fromisoformat(gold["published"])
    ids = [e["id"] for e in gold["events"]]
    assert len(ids) == len(set(ids))
    for e in gold["events"]:
        assert set(_list(e["type"])) <= PLOVER, e["id"]
        assert set(_list(e.get("modality"))) <= MODALITIES, e["id"]
        for d in _list(e.get("date")):
            date.fromisoformat(d)
        for role in ("actor", "recipient", "location"):
            for c in _list((e.get(role) or {}).get("country")):
                assert re.fullmatch(r"[A-Z]{3}", c), (e["id"], role, c)


@needs_texts
@pytest.mark.parametrize("gold", GOLDS, ids=[g["id"] for g in GOLDS])
def test_every_trigger_is_an_exact_phrase_of_the_article(gold: dict) -> None:
    text = realnews.text_of(gold)
    missing = [(e["id"], t) for e in gold["events"] for t in e["triggers"] if t not in text]
    assert not missing
