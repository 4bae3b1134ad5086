"""How real-news dev gold becomes typing rows (training/types_realnews.py): which of the
extractor's tellings inside a gold trigger phrase take the gold type. The rows themselves
need the dev texts in ../shared; the alignment rule is checked here on parsed sentences."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.tokens import Token

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
tr = pytest.importorskip("training.types_realnews")


class _Ctx:
    """What the alignment reads of an article's context: raw offsets and the lexicon."""

    def raw(self, start: int, end: int) -> tuple[int, int]:
        return start, end

    def lexicon(self, tok: Token) -> str | None:
        from wirewatch.events.triggers import lexicon_type

        return lexicon_type(tok)


def test_a_noun_inside_an_accusation_is_not_the_accusation(nlp) -> None:
    """'accused Russia of the attack': the phrase is the ACCUSE event's; "attack" is
    governed inside it by "accused", so its telling is no row of the accusation."""
    doc = nlp("The minister accused Russia of the attack on the convoy.")
    phrase = [(doc[1].idx, len(doc.text) - 1)]
    attack = next(t for t in doc if t.lower_ == "attack")
    accused = next(t for t in doc if t.lower_ == "accused")
    assert tr._governed(attack, phrase, _Ctx())
    assert not tr._governed(accused, phrase, _Ctx())


def test_tellings_take_the_gold_type_only_where_the_phrase_is_theirs() -> None:
    gold = [(0, ["ACCUSE"], False)]
    own = ("ACCUSE", ["ACCUSE"], ["p:accuse"], gold, "ACCUSE")
    governed = ("ASSAULT", ["ASSAULT"], ["p:attack"], [(0, ["ACCUSE"], True)], "ASSAULT")
    mistyped = ("REQUEST", ["ACCUSE", "REQUEST"], ["p:urge"], gold, "REQUEST")
    rows = tr._aligned([own, governed, mistyped], "article-1")
    assert [(r["lexicon"], r["label"]) for r in rows] == [
        ("ACCUSE", "ACCUSE"),
        ("REQUEST", "ACCUSE"),
    ]
    assert {r["group"] for r in rows} == {"article-1"}
