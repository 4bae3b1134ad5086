"""The country ranking's training (training/train_country.py): how a party is labelled
from the gold and what the fit learns, on small made-up rows (the real fit needs the dev
texts in ../shared)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if not (ROOT.parent / "shared" / "eval" / "score_events.py").exists():
    pytest.skip("the shared scorer is not beside the repository", allow_module_level=True)
sys.path.insert(0, str(ROOT))
train = pytest.importorskip("training.train_country")


def _row(ladder: str, others: dict[str, dict], right: list[str]) -> dict:
    cands = [{"country": ladder, "f": {"ladder": 1.0, "loc_clause": 1.0, "lone": 1.0}}]
    cands += [{"country": c, "f": f} for c, f in others.items()]
    return {
        "article": "a",
        "role": "actor",
        "preset": False,
        "ladder": ladder,
        "candidates": cands,
        "right": right,
    }


def test_fit_learns_that_a_lone_clause_place_loses_to_the_focus() -> None:
    """Where the clause's place is named once and the article's focus is another country,
    the focus is right three times in four; where the clause's place is named more than
    once it is right: the fit weighs `lone` against the ladder's place."""
    rows = [_row("LKA", {"USA": {"focus": 1.0}}, ["USA"]) for _ in range(3)]
    rows.append(_row("LKA", {"USA": {"focus": 1.0}}, ["LKA"]))
    rows += [
        {
            **_row("FRA", {"USA": {"focus": 1.0}}, ["FRA"]),
            "candidates": [
                {"country": "FRA", "f": {"ladder": 1.0, "loc_clause": 1.0}},
                {"country": "USA", "f": {"focus": 1.0}},
            ],
        }
        for _ in range(4)
    ]
    w = train.fit(rows, l2=0.1)
    assert w["lone"] < 0
    assert train.pick(rows[0], w, True) == "USA"
    assert train.pick(rows[-1], w, True) == "FRA"


def test_label_takes_the_countries_of_gold_events_the_evidence_hits(tmp_path: Path) -> None:
    text = "Police arrested a man in Greenwood. Protesters marched in Paris."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    gold = {
        "id": "a",
        "text_file": "a.txt",
        "events": [
            {
                "id": "E1",
                "type": "COERCE",
                "triggers": ["arrested"],
                "actor": {"country": ["USA", "CAN"]},
            },
            {"id": "E2", "type": "PROTEST", "triggers": ["marched"], "actor": {"country": "FRA"}},
        ],
    }
    (tmp_path / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    ev = {"start": 0, "end": 35, "sentence": "Police arrested a man in Greenwood."}
    rows = [
        {"article": "a", "type": "COERCE", "role": "actor", "evidence": ev, "candidates": [1]},
        {"article": "a", "type": "ASSAULT", "role": "actor", "evidence": ev, "candidates": [1]},
        {"article": "a", "type": "COERCE", "role": "recipient", "evidence": ev, "candidates": [1]},
    ]
    got = train.label(rows, tmp_path)
    # the typed match is `right`; a mistyped event learns only from `right_any`; the
    # recipient, which the gold does not name, is left out
    assert [(r["type"], r["right"], r["right_any"]) for r in got] == [
        ("COERCE", ["CAN", "USA"], ["CAN", "USA"]),
        ("ASSAULT", [], ["CAN", "USA"]),
    ]
