"""The learned event detector (`events/detect.py`) and its hook in the extractor."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from wirewatch.config import Config
from wirewatch.events import detect
from wirewatch.pipeline import run

TEXT = (
    "Rebels pummelled the village of Kafr Nabl in Syria on Monday, residents said.\n"
    "Syrian troops arrested three opposition activists in Damascus on Tuesday.\n"
)


def _types(tmp_path: Path, config: Config, det: detect.Detector | None) -> list[str]:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    detect.use(det)
    try:
        (res,) = list(run([str(path)], config, published=date(2019, 3, 5)))
    finally:
        detect._ACTIVE.clear()  # back to the shipped model, if any
    return sorted(ev.event_type for ev in res.events)


def test_without_detector_the_lexicon_alone_decides(tmp_path, config) -> None:
    assert _types(tmp_path, config, None) == ["COERCE"]  # "pummelled" is in no rule


def test_detector_drops_lexicon_events_it_gives_low_probability(tmp_path, config) -> None:
    never = detect.Detector(("NONE", "ASSAULT"), {}, (5.0, 0.0), 1.01, 0.5)
    assert _types(tmp_path, config, never) == []


def test_detector_adds_events_where_no_rule_fires(tmp_path, config) -> None:
    # p(ASSAULT) for the unknown verb only, through its lemma's weight
    weights = {"l=pummel": (0.0, 10.0)}
    det = detect.Detector(("NONE", "ASSAULT"), weights, (0.0, -5.0), 0.9, 0.0)
    assert _types(tmp_path, config, det) == ["ASSAULT", "COERCE"]


def test_candidates_cover_verbs_and_event_nouns(tmp_path, config) -> None:
    from wirewatch.events.context import Context

    path = tmp_path / "article.txt"
    path.write_text(TEXT + "The invasion of the town was condemned.\n", encoding="utf-8")
    (res,) = list(run([str(path)], config, published=date(2019, 3, 5)))
    ctx = Context(res.article, res.doc, res.mentions)
    lemmas = {tok.lemma_.lower(): feats for tok, _, feats in detect.candidates(ctx)}
    assert {"pummel", "arrest", "invasion", "condemn"} <= set(lemmas)
    assert "lex=COERCE" in lemmas["arrest"] and "lex=-" in lemmas["pummel"]
    assert "passive" in lemmas["condemn"]


def test_detector_probabilities_follow_its_weights() -> None:
    det = detect.Detector(("ASSAULT", "NONE"), {"lex=ASSAULT": (2.0, -2.0)}, (0.0, 0.0), 0.9, 0.1)
    p = det.probs(["lex=ASSAULT", "l=shell"])
    assert abs(sum(p.values()) - 1.0) < 1e-9
    assert detect.p_event(p) > 0.98 and detect.best_type(p) == "ASSAULT"
    assert abs(detect.p_event(det.probs(["lex=-"])) - 0.5) < 1e-9


def test_candidates_know_what_their_sentence_holds(tmp_path, config) -> None:
    """A retold act's sentence carries a date far before publication, the news one a
    recent date; each candidate reads its own sentence's dates, figures and places."""
    from wirewatch.events.context import Context

    path = tmp_path / "article.txt"
    path.write_text(
        "Syrian troops arrested three opposition activists in Damascus on Monday.\n"
        "In June 2011 rebels attacked a police station near Homs.\n",
        encoding="utf-8",
    )
    (res,) = list(run([str(path)], config, published=date(2019, 3, 5)))
    ctx = Context(res.article, res.doc, res.mentions)
    feats = {tok.lemma_.lower(): feats for tok, _, feats in detect.candidates(ctx)}
    assert "sdate=new" in feats["arrest"] and "sdate=old" not in feats["arrest"]
    assert "sdate=old" in feats["attack"] and "sdate=new" not in feats["attack"]
    assert "squantity" in feats["arrest"] and "squantity" not in feats["attack"]
    assert "COERCE&sdate=new" in feats["arrest"] and "rel=0" in feats["arrest"]
