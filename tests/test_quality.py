"""Quality gate: event scores on pinned gold articles may not drop below recorded floors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from wirewatch.config import load_config
from wirewatch.pipeline import run

from .conftest import SHARED

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())
SCORER = SHARED / "eval" / "score_events.py"
GOLD = SHARED / "gold"


@pytest.mark.skipif(not SCORER.is_file(), reason="the shared scorer is not beside the repo")
@pytest.mark.parametrize("article_id", [k for k in FLOORS if not k.startswith("_")])
def test_seed_scores_hold_their_floors(tmp_path: Path, article_id: str) -> None:
    gold = json.loads((GOLD / f"{article_id}.json").read_text())
    text = GOLD / gold["text_file"]
    preds = tmp_path / "pred.jsonl"
    cfg = load_config(env={})
    with preds.open("w") as fh:
        for res in run([str(text)], cfg, published=date.fromisoformat(gold["published"])):
            for ev in res.events:
                fh.write(json.dumps(ev.to_dict()) + "\n")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / f"{article_id}.json").write_text(json.dumps(gold))
    (gold_dir / gold["text_file"]).write_text(text.read_text(encoding="utf-8"), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold_dir), "--pred", str(preds)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    summary = out.strip().splitlines()[-1]
    scores = {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", summary)}
    floor = FLOORS[article_id]
    assert scores["event_f1"] >= floor["event_f1"], summary
    assert scores["full_record_f1"] >= floor["full_record_f1"], summary
