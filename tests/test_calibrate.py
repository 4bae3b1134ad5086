"""The confidence fit's own rules (training/calibrate_confidence.py): how the printing
threshold is chosen and how the AUC's interval is drawn. The fit itself needs the dev
texts in ../shared; these rules are checked on small made-up score tables."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
cal = pytest.importorskip("training.calibrate_confidence")


def test_threshold_is_the_lowest_near_the_best_f1() -> None:
    """Two wrong events at 0.12 and 0.22 among four right ones: 0.15 drops the first,
    0.25 both. With so few events each wrong one is worth 0.11 of F1, far beyond the
    tolerance, so 0.25 is chosen; 0 (printing everything) is never a choice."""
    p = np.array([0.12, 0.22, 0.6, 0.7, 0.8, 0.9])
    y = np.array([0, 0, 1, 1, 1, 1], dtype=float)
    assert cal.choose_threshold(p, y, required=4) == 0.25


def test_threshold_takes_the_lowest_within_tolerance() -> None:
    """Two hundred right events, twenty wrong ones at 0.12 and one at 0.22: dropping the
    last wrong event gains less than the tolerance over dropping the twenty, so the lower
    threshold (which keeps more of the gold that a higher one may lose elsewhere) is
    chosen."""
    p = np.array([0.12] * 20 + [0.22] + [0.5 + 0.002 * i for i in range(200)])
    y = np.array([0] * 21 + [1] * 200, dtype=float)
    assert cal.choose_threshold(p, y, required=260) == 0.15


def test_threshold_never_prints_everything_or_almost_nothing() -> None:
    """Scores that cannot tell right from wrong: still some events are dropped (a
    threshold that keeps all is no threshold), and never more than half."""
    rng = np.random.default_rng(1)
    p = rng.uniform(0.0, 0.6, 200)
    y = (rng.uniform(size=200) < 0.5).astype(float)
    t = cal.choose_threshold(p, y, required=150)
    kept = float((np.round(p, 2) >= t).mean())
    assert t > 0 and cal.MIN_KEPT <= kept <= cal.MAX_KEPT


def test_no_threshold_when_every_score_is_the_same() -> None:
    p = np.full(10, 0.5)
    y = np.array([1, 0] * 5, dtype=float)
    assert cal.choose_threshold(p, y, required=5) == 0.0


def test_rank_floor_is_the_best_dev_f1_the_checks_allow() -> None:
    """Dev F1 is best at 0.3, but there the seed loses a right event: the best floor
    that keeps every check at its figure with no floor (0.2) is chosen; of floors with
    equal F1 the lowest; none (0) when no floor gains."""
    dev = {0.0: 0.50, 0.1: 0.52, 0.2: 0.53, 0.3: 0.55}
    checks = {"seed": {0.0: 0.95, 0.1: 0.95, 0.2: 0.95, 0.3: 0.86}, "own": dict.fromkeys(dev, 1.0)}
    assert cal.choose_rank_floor(dev, checks) == 0.2
    assert cal.choose_rank_floor(dev | {0.1: 0.53}, checks) == 0.1
    assert cal.choose_rank_floor({0.0: 0.5, 0.1: 0.4}, checks) == 0.0


def test_auc_and_its_article_interval() -> None:
    """A perfect ranking has AUC 1 in every resample; a ranking right in half the
    articles and reversed in the others has an interval around 0.5 wide enough to hold
    both halves' articles' share."""
    ids = np.repeat(np.arange(20).astype(str), 4)
    y = np.tile([1.0, 1.0, 0.0, 0.0], 20)
    good = np.tile([0.9, 0.8, 0.2, 0.1], 20)
    assert cal.auc(good, y) == 1.0
    assert cal.auc_interval(good, y, ids, draws=50) == (1.0, 1.0)
    mixed = np.where(np.repeat(np.arange(20) % 2 == 0, 4), good, 1 - good)
    lo, hi = cal.auc_interval(mixed, y, ids, draws=200)
    assert lo < 0.5 < hi and hi - lo > 0.1
    assert cal.auc(np.ones(3), np.ones(3)) is None
