"""The event confidence at run time (wirewatch/events/confidence.py): how an event is
told, read from its parse; the trigger's learned rate and words; and how the ranking fit
is kept on the printing fit's side of the threshold so that refitting the ranking never
changes which events are printed."""

from __future__ import annotations

import math
from datetime import date

from wirewatch.config import load_config
from wirewatch.events.confidence import load, min_confidence, score, told, trigger_rate
from wirewatch.events.extract import EventExtractor
from wirewatch.ingest import iter_articles
from wirewatch.mentions import find_mentions

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


def test_an_event_both_fits_keep_is_printed_and_one_the_ranking_fit_doubts_is_not() -> None:
    """With a `rank_floor` the ranking fit must also reach it: an actor (the printing
    fit keeps it) but a doubtful type (the ranking fit's 0.02) is not printed, a surer
    type (0.4) is, and an event the printing fit drops stays below whatever it scores."""
    params = PARAMS | {"rank_floor": 0.3, "min_confidence": 0.3}
    params["printing"] = PARAMS["printing"] | {"floor": 0.1}
    assert score({"p_type": 0.0, "has_actor": 1.0}, params) == 0.02 < min_confidence(params)
    assert score({"p_type": 0.9, "has_actor": 1.0}, params) == 0.4 >= min_confidence(params)
    assert score({"p_type": 1.0, "has_actor": 0.0}, params) == 0.05


def test_the_shipped_file_has_both_fits() -> None:
    params = load()
    assert params["printing"]["weights"] and params["weights"]
    assert 0.0 < params["printing"]["floor"] <= min_confidence(params) < 0.5
    assert params["rank_floor"] <= min_confidence(params)
    assert params["trigger_rates"] and params["type_rates"]
    assert any(k.startswith("w:") for k in params["weights"])


# A made-up fit over the trigger's rate and one word only.
RATES = {
    "bias": 0.0,
    "weights": {"trigger_rate": 1.0, "w:neg": -2.0},
    "trigger_rates": {"arrest|VERB|COERCE": 2.0},
    "type_rates": {"COERCE": 1.0},
    "rate_default": -1.0,
}


def test_a_trigger_word_unseen_takes_its_types_rate_then_every_events() -> None:
    assert trigger_rate(RATES, "arrest|VERB|COERCE") == 2.0
    assert trigger_rate(RATES, "detain|VERB|COERCE") == 1.0
    assert trigger_rate(RATES, "meet|VERB|CONSULT") == -1.0
    assert score({"t:arrest|VERB|COERCE": 1.0}, RATES) == 0.88  # 1 / (1 + e^-2)
    assert score({"t:arrest|VERB|COERCE": 1.0, "w:neg": 1.0}, RATES) == 0.5


def test_an_events_signals_carry_its_trigger_key_and_words(nlp, tmp_path) -> None:
    """The arrest's signals name its rule's word and type and the detector's words of
    its trigger (its lemma, its place as the sentence's root); the confidence is the
    shipped fit's score of exactly those signals, so calibration and run time agree."""
    path = tmp_path / "a.txt"
    path.write_text("Egyptian police arrested five protesters in Cairo on Monday.\n")
    (art,) = iter_articles([str(path)], load_config(env={}), published=date(2024, 3, 4))
    doc = nlp(art.text)
    pairs = EventExtractor().extract_with_signals(art, doc, find_mentions(art, doc))
    (rec, sig), *_ = [(r, s) for r, s in pairs if r.event_type == "COERCE"]
    assert "t:arrest|VERB|COERCE" in sig
    assert {"w:l=arrest", "w:root", "w:c=nsubj:ACOPN"} <= set(sig)
    assert rec.confidence == score(sig) >= min_confidence()


def test_told_reads_the_main_verb_its_subject_and_the_sentence(nlp) -> None:
    """In "Police arrested five protesters" the trigger is the root verb with the actor
    as its subject; in "the protesters, who were arrested by police, said …" the arrest
    is a relative clause and police are its agent, not its subject."""
    doc = nlp("Police arrested five protesters in Cairo on Monday.")
    verb = next(t for t in doc if t.lower_ == "arrested")
    got = told(verb, (0, 1), 0)
    assert got == {"main_verb": 1.0, "actor_subject": 1.0, "sentence": 0.0, "length": got["length"]}
    assert got["length"] == round(math.log(len(doc)), 4)
    doc = nlp("The protesters, who were arrested by police on Monday, said they were beaten.")
    verb = next(t for t in doc if t.lower_ == "arrested")
    police = next(t.i for t in doc if t.lower_ == "police")
    got = told(verb, (police, police + 1), 7)
    assert got["main_verb"] == 0.0 and got["actor_subject"] == 0.0
    assert got["sentence"] > told(verb, None, 1)["sentence"] > 0.0
