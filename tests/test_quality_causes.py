"""The quality table's cause census (benchmarks/quality_causes.py) sorts every miss and
every false event of an article into the cause the shared scorer's matching implies."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from . import realnews
from .conftest import SHARED

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from quality_causes import FALSE_CAUSES, MISS_CAUSES, causes

TEXT = (
    "Police arrested three protesters in Tbilisi on Monday.\n"
    "The interior minister accused the opposition of planning riots.\n"
    "Troops shelled a village near the border.\n"
    "The army opened fire on a convoy.\n"
    "Rebels seized a town in the north.\n"
    "Thousands marched in the capital.\n"
)


def _gold(gid: str, kind: str, trigger: str, country: str | None = None, **extra) -> dict:
    return {
        "id": gid,
        "type": kind,
        "triggers": [trigger],
        "actor": {"country": country} if country else None,
        **extra,
    }


def _pred(kind: str, sentence: str, country: str | None = None) -> dict:
    start = TEXT.index(sentence)
    return {
        "article_id": "a1",
        "event_type": kind,
        "actor": {"country": country},
        "evidence": {"start": start, "end": start + len(sentence), "sentence": sentence},
    }


def _line(n: int) -> str:
    return TEXT.splitlines()[n]


@pytest.mark.skipif(
    not (SHARED / "eval" / "score_events.py").is_file(), reason="the shared scorer is absent"
)
def test_each_miss_and_false_event_gets_its_cause(tmp_path: Path) -> None:
    golds = [
        _gold("E1", "COERCE", "arrested three protesters", "GEO"),  # matched
        _gold("E2", "ACCUSE", "accused the opposition", "GEO"),  # printed with another country
        _gold("E3", "ASSAULT", "shelled a village"),  # printed as another type
        _gold("E4", "ASSAULT", "opened fire on a convoy"),  # found, not printed
        _gold("E5", "ASSAULT", "seized a town"),  # nothing found
        _gold("E6", "PROTEST", "marched in the capital", optional=True),  # never a miss
    ]
    (tmp_path / "a1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a1.json").write_text(
        json.dumps({"id": "a1", "text_file": "a1.txt", "events": golds}), encoding="utf-8"
    )
    printed = [
        _pred("COERCE", _line(0), "GEO"),
        _pred("COERCE", _line(0), "GEO"),  # a second record at a matched gold's words
        _pred("ACCUSE", _line(1), "RUS"),
        _pred("MOBILIZE", _line(2)),
        _pred("PROTEST", _line(5)),  # matches the optional gold: not false
    ]
    found = [*printed, _pred("ASSAULT", _line(3))]
    for name, rows in (("printed.jsonl", printed), ("found.jsonl", found)):
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in rows))
    got = causes(
        realnews.shared_scorer("score_events"),
        tmp_path,
        tmp_path / "printed.jsonl",
        tmp_path / "found.jsonl",
    )
    assert set(got["missed"]) == set(MISS_CAUSES)
    assert set(got["false"]) == set(FALSE_CAUSES)
    assert got["missed"] == {
        "actor_country": 1,
        "other_type": 1,
        "cut": 1,
        "cut_other_type": 0,
        "not_found": 1,
    }
    assert got["false"] == {
        "actor_country": 1,
        "other_type": 1,
        "at_matched_gold": 1,
        "no_gold_near": 0,
    }
