"""The event extractor's data tables: word classes and per-type policies."""

from __future__ import annotations

from wirewatch.events import policies, words
from wirewatch.events.record import PLOVER_TYPES
from wirewatch.wordclasses import word_classes


def test_every_type_has_one_policy_row() -> None:
    assert set(policies.load_policies()) == set(PLOVER_TYPES)
    assert sorted(policies.DOMESTIC) == ["AID", "COERCE", "MOBILIZE", "PROTEST"]
    assert sorted(policies.MOVEMENT) == ["MOBILIZE", "RETREAT"]
    assert policies.DEMONYM_SECTOR["PROTEST"] == "CVL"


def test_every_word_class_is_used_and_lower_case() -> None:
    classes = word_classes(words.FILE)
    used = {v for k, v in vars(words).items() if k.isupper() and isinstance(v, frozenset)}
    assert {frozenset(c) for c in classes.values()} <= used
    assert all(w == w.lower() for c in classes.values() for w in c)
    assert "in" in words.LOCATIVE and "capital" in words.PLACE_NOUNS
