"""The event confidence at run time (wirewatch/events/confidence.py): how an event is
told, read from its parse, and how the ranking fit is kept on the printing fit's side of
the threshold so that refitting the ranking never changes which events are printed."""

from __future__ import annotations

from wirewatch.events.confidence import load, min_confidence, score, told

# A made-up file: the ranking fit trusts the type model only; the printing fit drops
# every event without an actor.
PARAMS = {
    "bias": -4.0,
    "weights": {"p_type": 4.0},
    "min_confidence": 0.1,
    "printing": {"bias": -3.0, "weights": {"has_actor": 4.0}},
}


def test_an_event_the_printing_fit_drops_stays_below_the_threshold() -> None:
    """A sure type but no actor: the ranking fit alone says 0.5, the printing fit drops
    it, so its confidence is the printing fit's 0.05 and it is not printed."""
    sig = {"p_type": 1.0, "has_actor": 0.0}
    assert score(sig, PARAMS | {"printing": None}) == 0.5
    assert score(sig, PARAMS) == 0.05 < min_confidence(PARAMS)


def test_an_event_the_printing_fit_keeps_is_printed_and_ranked_by_the_new_fit() -> None:
    """An actor and a doubtful type: the ranking fit alone says 0.02, but the printing
    fit keeps it, so it is printed at the threshold, below a surer type's 0.4."""
    low = score({"p_type": 0.0, "has_actor": 1.0}, PARAMS)
    high = score({"p_type": 0.9, "has_actor": 1.0}, PARAMS)
    assert low == min_confidence(PARAMS) == 0.1
    assert high == 0.4


def test_the_shipped_file_has_both_fits() -> None:
    params = load()
    assert params["printing"]["weights"] and params["weights"]
    assert 0.0 < min_confidence(params) < 0.5


def test_told_reads_the_main_verb_its_subject_and_the_sentence(nlp) -> None:
    """In "Police arrested five protesters" the trigger is the root verb with the actor
    as its subject; in "the protesters, who were arrested by police, said …" the arrest
    is a relative clause and police are its agent, not its subject."""
    doc = nlp("Police arrested five protesters in Cairo on Monday.")
    verb = next(t for t in doc if t.lower_ == "arrested")
    assert told(verb, (0, 1), 0) == {"main_verb": 1.0, "actor_subject": 1.0, "sentence": 0.0}
    doc = nlp("The protesters, who were arrested by police on Monday, said they were beaten.")
    verb = next(t for t in doc if t.lower_ == "arrested")
    police = next(t.i for t in doc if t.lower_ == "police")
    got = told(verb, (police, police + 1), 7)
    assert got["main_verb"] == 0.0 and got["actor_subject"] == 0.0
    assert got["sentence"] > told(verb, None, 1)["sentence"] > 0.0
