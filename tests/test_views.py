"""CAMEO and ACLED views of PLOVER events."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wirewatch.events.record import PLOVER_TYPES
from wirewatch.events.views import ACLED_SUBTYPES, CAMEO_ROOTS, load_rows, views

from .conftest import SHARED

CROSSWALK = SHARED / "peer" / "plover" / "CAMEO2PLOVER-2021.txt"
CASE_LABELS = SHARED / "peer" / "case2021" / "event_types.txt"


def test_every_type_has_a_view_with_valid_codes() -> None:
    for t in PLOVER_TYPES:
        v = views(t)
        assert v.quad in (1, 2, 3, 4)
        assert v.cameo_root in CAMEO_ROOTS
        assert v.acled_subtype is None or v.acled_subtype in ACLED_SUBTYPES


@pytest.mark.skipif(not CASE_LABELS.is_file(), reason="the CASE 2021 label list is not here")
def test_acled_labels_are_spelled_as_in_case_2021() -> None:
    labels = {ln.strip() for ln in CASE_LABELS.read_text().splitlines() if ln.strip()}
    assert set(ACLED_SUBTYPES) == labels
    assert {r.acled_subtype for r in load_rows()} - {None} <= labels


@pytest.mark.parametrize(
    ("args", "subtype", "root"),
    [
        (("ASSAULT", "aerial"), "AIR_STRIKE", "19"),
        (("ASSAULT", None, None, "CVL", {"shell"}), "ART_MISS_ATTACK", "19"),
        (("ASSAULT", None, "MIL", "INS"), "ARMED_CLASH", "19"),
        (("ASSAULT", None, "MIL", "CVL"), "ATTACK", "18"),
        (("PROTEST", "demo", "CVL", None, {"march"}), "PEACE_PROTEST", "14"),
        (("PROTEST", "demo", "CVL", None, {"police", "tear", "gas"}), "PROTEST_WITH_INTER", "14"),
        (("COERCE", "arrest"), "ARREST", "17"),
        (("COERCE", "seize", "INS"), "NON_STATE_ACTOR_OVERTAKES_TER", "19"),
        (("CONSULT", "phone"), None, "04"),
        (("AGREE", None, "GOV", "GOV", {"sign", "ceasefire"}), "AGREEMENT", "03"),
        (("AGREE", None, "GOV", "GOV", {"promise", "help"}), None, "03"),
        (("ACCUSE", "investigate"), None, "09"),
        (("MOBILIZE", "troops"), "CHANGE_TO_GROUP_ACT", "15"),
    ],
)
def test_views_of_typical_events(args: tuple, subtype: str | None, root: str) -> None:
    v = views(*args)
    assert (v.acled_subtype, v.cameo_root) == (subtype, root)


@pytest.mark.skipif(not CROSSWALK.is_file(), reason="the CAMEO->PLOVER crosswalk is not here")
def test_cameo_roots_agree_with_the_crosswalk() -> None:
    total = agree = 0
    for line in CROSSWALK.read_text().splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
        if not m or m.group(2) not in PLOVER_TYPES:
            continue
        total += 1
        mode = m.group(3).strip().lower() or None
        agree += views(m.group(2), mode).cameo_root == m.group(1)[:2]
    assert total > 200
    assert agree / total >= 0.9, f"{agree}/{total}"


# -- ACLED sub-event types from modes --------------------------------------------------
ACLED_DEV = Path(__file__).parent / "data" / "acled_dev" / "snippets.tsv"


def test_acled_dev_set_has_ten_snippets_per_sub_event_type() -> None:
    from collections import Counter

    from wirewatch.events.acled_score import read_snippets
    from wirewatch.events.views import ACLED_SUBTYPES

    counts = Counter(label for _, _, label in read_snippets(ACLED_DEV))
    assert set(counts) == set(ACLED_SUBTYPES) and min(counts.values()) >= 10


def test_weighted_f1_is_sklearns_weighted_average() -> None:
    from wirewatch.events.acled_score import weighted_f1

    assert weighted_f1(["a", "a", "b"], ["a", "a", "b"]) == 1.0
    # a: P 1/2 R 1/2 F1 .5 (support 2); b: P 0 R 0 (support 1) -> 2/3 * .5
    assert abs(weighted_f1(["a", "a", "b"], ["a", "b", "a"]) - 1 / 3) < 1e-9


def test_acled_dev_set_scores_above_floor(nlp) -> None:
    from wirewatch.events.acled_score import score_acled_dev

    res = score_acled_dev(ACLED_DEV, nlp)
    assert res["n"] == 250 and res["weighted_f1"] >= 0.75, res["errors"][:20]


def test_modes_stated_in_the_sentence_choose_the_sub_event_type() -> None:
    from wirewatch.events.views import acled_from_modes, guess_mode, views

    assert acled_from_modes("ASSAULT", None, None, {"suicide", "bomber", "kill"}) == "SUIC_BOMB"
    assert acled_from_modes("PROTEST", None, None, {"police", "tear", "gas", "protester"}) == (
        "PROTEST_WITH_INTER"
    )
    assert acled_from_modes("COERCE", None, "MIL", {"recapture", "town"}) == "GOV_REGAINS_TERIT"
    assert acled_from_modes("COERCE", None, "INS", {"capture", "district"}) == (
        "NON_STATE_ACTOR_OVERTAKES_TER"
    )
    assert acled_from_modes("CONSULT", None, None, {"grenade"}) is None  # not a violent type
    assert views("ASSAULT", lemmas={"warplane", "bomb"}).acled_subtype == "AIR_STRIKE"
    lead = {"air", "strike", "plane", "war", "rebel", "position", "bomb", "pummel", "camp"}
    assert guess_mode("ASSAULT", lead) == "aerial"
    assert guess_mode("ASSAULT", {"woman"}) is None  # too little said: no guess
    assert guess_mode("AGREE", {"sign"}) is None
