"""The shipped role attachment models (`wirewatch.events.attach`) read as they should.

The weights are plain JSON written by training/train_recipients.py; nothing ties their
feature names to the templates `attach.features` emits, so a template renamed or dropped
without a retrain would leave weights that never fire, silently. These tests pin that
the models load, that every weight is one the code can emit, and that each model does
the one job the rules leave to it (a sentence of our own for each, as the module doc
tells them).
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from wirewatch.config import Config
from wirewatch.events import attach
from wirewatch.events import extract as X
from wirewatch.pipeline import run

# Sentences with every kind of candidate between them: an actor the dictionary knows,
# a place standing for its state, a name the parser gives, a named object, and a rules'
# pick with a conjunct beside it.
COVER = (
    "The FBI opened an investigation into Michael Flynn. "
    "Ecuador granted political asylum to Julian Assange in London. "
    "Canada agreed to lend $1 billion to Indonesia. "
    "Russian troops attacked Ukrainian soldiers and Ukrainian police near Kharkiv. "
    "US President Donald Trump on Tuesday reneged on the nuclear deal with Iran."
)


def _events(tmp_path: Path, config: Config, text: str) -> list[dict]:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    (res,) = list(run([str(path)], config, published=date(2019, 1, 1)))
    return [ev.to_dict() for ev in res.events]


def _one(events: list[dict], event_type: str) -> dict:
    found = [e for e in events if e["event_type"] == event_type]
    assert len(found) == 1, [(e["event_type"], e["evidence"]["trigger"]) for e in events]
    return found[0]


def _signature(feature: str) -> str:
    """A feature's template: its keys without their values ("kind=obj|prep=prep:to"
    -> "kind|prep")."""
    return "|".join(part.split("=", 1)[0] for part in feature.split("|"))


@pytest.mark.parametrize("load", [attach.load_model, attach.load_actor_model])
def test_shipped_model_loads(load) -> None:
    model = load()
    assert model is not None
    assert model.weights and all(math.isfinite(w) for w in model.weights.values())
    assert 0.0 < model.threshold < 1.0 and math.isfinite(model.bias)
    assert 0.0 < model.probability([]) < 1.0


def test_model_weights_are_features_attach_emits(tmp_path, config, monkeypatch) -> None:
    emitted: dict[str, set[str]] = {"recipient": set(), "doer": set()}
    original = X.scored_recipients

    def spy(events, ctx, model=None):
        for scored in attach.scored_all(events, ctx):
            emitted["recipient"].update(_signature(f) for _, fs in scored for f in fs)
        for ev in events:
            emitted["doer"].update(
                _signature(f) for _, fs in attach.actor_scored(ev, ctx) for f in fs
            )
        return original(events, ctx, model)

    monkeypatch.setattr(X, "scored_recipients", spy)
    _events(tmp_path, config, COVER)
    for role, model in (("recipient", attach.load_model()), ("doer", attach.load_actor_model())):
        stale = {_signature(f) for f in model.weights} - emitted[role]
        assert not stale, f"{role} model weights no template emits: {sorted(stale)}"


@pytest.mark.parametrize(
    ("text", "event_type", "recipient"),
    [
        ("Ecuador granted political asylum to Julian Assange.", "AID", "Julian Assange"),
        ("Canada agreed to lend $1 billion to Indonesia.", "AGREE", "Indonesia"),
    ],
)
def test_recipient_model_fills_what_the_rules_leave(
    tmp_path, config, monkeypatch, text, event_type, recipient
) -> None:
    ev = _one(_events(tmp_path, config, text), event_type)
    assert (ev["recipient"] or {}).get("text") == recipient
    monkeypatch.setattr(attach, "load_model", lambda: None)
    # without the model no words name one: none, or the implied party of the actor's
    # own country (`home_recipient`)
    left = _one(_events(tmp_path, config, text), event_type)["recipient"]
    assert left is None or left["implied"]


def test_doer_model_reads_the_subject_the_rules_miss(tmp_path, config, monkeypatch) -> None:
    # The date between subject and verb hides the subject from the rules; the doer model
    # reads it, and without it the recipient model took the subject for the one acted on.
    text = "US President Donald Trump on Tuesday reneged on the nuclear deal with Iran."
    ev = _one(_events(tmp_path, config, text), "REJECT")
    assert ev["actor"]["text"] == "US President Donald Trump"
    assert ev["recipient"]["text"] == "Iran"
    monkeypatch.setattr(attach, "load_actor_model", lambda: None)
    ev = _one(_events(tmp_path, config, text), "REJECT")
    assert ev["actor"]["text"] != "US President Donald Trump"
