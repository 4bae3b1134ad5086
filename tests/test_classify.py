"""Sentence-level typing: `wirewatch classify` and the shipped typing model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wirewatch.cli import cli
from wirewatch.events.classify import classify_statement, load_models
from wirewatch.events.record import PLOVER_TYPES

STATEMENTS = Path(__file__).parent / "data" / "typing" / "statements.jsonl"


def _classify(path: Path) -> tuple[dict[str, dict], str]:
    res = CliRunner().invoke(cli, ["classify", str(path)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(ln) for ln in res.stdout.splitlines() if ln.startswith("{")]
    return {r["id"]: r for r in rows}, res.stderr


def test_classify_types_own_statements() -> None:
    rows, _ = _classify(STATEMENTS)
    assert rows["strike"]["plover"] == "ASSAULT"
    assert rows["strike"]["acled_subtype"] == "AIR_STRIKE"
    assert rows["shelling"]["plover"] == "ASSAULT"
    assert rows["shelling"]["acled_subtype"] == "ART_MISS_ATTACK"
    assert rows["arrest"]["plover"] == "COERCE"
    # arrests at a rally: ACLED's "Protest with intervention" (a protest suppressed by
    # arrests or dispersal without serious injuries), not "Arrests"
    assert rows["arrest"]["acled_subtype"] == "PROTEST_WITH_INTER"
    assert rows["protest"]["plover"] == "PROTEST"
    assert rows["protest"]["acled_subtype"] == "PEACE_PROTEST"
    assert rows["condemn"]["plover"] == "ACCUSE"
    assert rows["condemn"]["cameo_root"] == "11"
    assert rows["aid"]["plover"] == "AID"
    assert rows["release"]["plover"] == "RETREAT"
    assert rows["troops"]["plover"] == "MOBILIZE"


def test_classify_rows_carry_every_field_in_range() -> None:
    rows, _ = _classify(STATEMENTS)
    for r in rows.values():
        assert set(r) == {
            "id",
            "plover",
            "mode",
            "quad",
            "cameo_root",
            "acled_subtype",
            "confidence",
        }
        assert r["plover"] in PLOVER_TYPES
        assert r["quad"] in (1, 2, 3, 4)
        assert 0.0 <= r["confidence"] <= 1.0


def test_classify_skips_bad_lines_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"id": 1, "text": "Police detained the mayor."}\n'
        "{not json\n"
        '{"id": 2}\n'
        '{"id": 3, "text": "   "}\n'
        '["a list"]\n'
        '{"id": 4, "text": "Hamas fired rockets at Tel Aviv."}\n',
        encoding="utf-8",
    )
    rows, err = _classify(path)
    assert sorted(rows) == [1, 4]
    assert "[W007]" in err and "line 2" in err
    assert err.count("[W017]") == 3


def test_classify_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["classify", str(tmp_path / "nope.jsonl")])
    assert res.exit_code != 0
    assert "nope.jsonl" in res.output


def test_model_provenance_records_cross_validation() -> None:
    models = load_models()
    assert models is not None, "the typing model is missing: run `make train`"
    cv = models.meta["cv_macro_f1_15_roots"]
    # Measured by training/train_types.py; the TF-IDF baseline reached 0.64.
    assert cv["plv_plus_extra"] >= 0.75
    assert cv["plv_plus_extra"] > cv["lexicon_only"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The government apologised to the families of the victims.", "CONCEDE"),
        ("The army withdrew its troops from the disputed valley.", "RETREAT"),
    ],
)
def test_yield_is_split_into_concede_and_retreat(nlp, text: str, expected: str) -> None:
    out = classify_statement(nlp(text)[:])
    assert out["plover"] == expected


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Iran will not accept the proposal.", "read:REJECT"),
        ("Israel was willing to withdraw its troops from the town.", "read:AGREE"),
        ("Iran accepted the proposal.", None),
    ],
)
def test_features_carry_the_rules_reading(nlp, text: str, reading: str | None) -> None:
    """A refusal or an offer the rules read from the construction is a feature of its
    own: the word's line alone says "accept" is AGREE, "withdraw" RETREAT."""
    from wirewatch.events.classify import features
    from wirewatch.events.triggers import lexicon_type

    sent = nlp(text)[:]
    pred = next(t for t in sent if t.lemma_ in ("accept", "withdraw"))
    feats = features(sent, pred, lexicon=lexicon_type)
    assert [f for f in feats if f.startswith("read:")] == ([reading] if reading else [])
