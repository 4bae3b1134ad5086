"""The pipeline keeps going past an article that hangs or breaks a stage."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest

from wirewatch import pipeline
from wirewatch.config import load_config
from wirewatch.ingest import Skip
from wirewatch.pipeline import Result, run

GOOD = [
    "KABUL, July 6 (Wire) - Taliban fighters seized the district centre of Qala-i-Naw "
    "in Badghis province on Tuesday, a provincial council member said.",
    "DUSHANBE, July 7 (Wire) - Tajikistan's president ordered the call-up of 20,000 "
    "reservists on Wednesday to reinforce the border with Afghanistan.",
]
CURSED = "The curse word HANGS here, and the district governor said talks would resume."


def _inputs(tmp_path: Path) -> list[str]:
    path = tmp_path / "batch.jsonl"
    lines = [{"id": "good-1", "text": GOOD[0]}, {"id": "cursed", "text": CURSED},
             {"id": "good-2", "text": GOOD[1]}]  # fmt: skip
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return [str(path)]


def _outcome(results: list) -> dict[str, str]:
    out = {}
    for r in results:
        if isinstance(r, Skip):
            out[r.item.rsplit(":", 1)[-1]] = r.code
        else:
            out[r.article.id] = "ok" if r.events else "no events"
    return out


def test_an_article_over_its_time_is_skipped_and_the_rest_go_on(monkeypatch, tmp_path) -> None:
    real = pipeline.extract_events

    def slow(art, doc, mentions, floor=None):  # type: ignore[no-untyped-def]
        if "HANGS" in art.text:
            time.sleep(30)
        return real(art, doc, mentions, floor)

    monkeypatch.setattr(pipeline, "extract_events", slow)
    cfg = load_config(env={}, overrides=["intake.article_timeout=0.5"])
    t0 = time.monotonic()
    results = list(run(_inputs(tmp_path), cfg))
    assert time.monotonic() - t0 < 20
    skips = [r for r in results if isinstance(r, Skip)]
    assert [s.code for s in skips] == ["W019"] and "extraction took longer" in skips[0].message
    assert [r.article.id for r in results if isinstance(r, Result)] == ["good-1", "good-2"]
    assert all(r.events for r in results if isinstance(r, Result))


def test_an_article_that_breaks_a_stage_is_skipped_with_the_reason(
    monkeypatch, tmp_path, caplog
) -> None:
    real = pipeline.find_mentions

    def broken(art, doc, *files):  # type: ignore[no-untyped-def]
        if "HANGS" in art.text:
            raise ValueError("an offset past the end")
        return real(art, doc, *files)

    monkeypatch.setattr(pipeline, "find_mentions", broken)
    caplog.set_level("DEBUG", logger="wirewatch")
    results = list(run(_inputs(tmp_path), load_config(env={})))
    skips = [r for r in results if isinstance(r, Skip)]
    assert [s.code for s in skips] == ["W020"]
    assert "ValueError: an offset past the end" in skips[0].message
    assert "report it" in skips[0].hint
    assert "Traceback" in caplog.text  # the log keeps what a bug report needs
    assert len([r for r in results if isinstance(r, Result)]) == 2


def test_a_parser_failure_costs_only_its_article(monkeypatch, tmp_path) -> None:
    from wirewatch.nlp import load_model

    cfg = load_config(env={})
    nlp = load_model(cfg["nlp.model"], cfg["intake.max_chars"])
    real_pipe, real_call = type(nlp).pipe, type(nlp).__call__

    def pipe(self, stream, **kw):  # type: ignore[no-untyped-def]
        for doc in real_pipe(self, stream, **kw):
            text = doc[0].text if isinstance(doc, tuple) else doc.text
            if "HANGS" in text:
                raise RuntimeError("parser crashed")
            yield doc

    def call(self, text, **kw):  # type: ignore[no-untyped-def]
        if "HANGS" in text:
            raise RuntimeError("parser crashed")
        return real_call(self, text, **kw)

    monkeypatch.setattr(type(nlp), "pipe", pipe)
    monkeypatch.setattr(type(nlp), "__call__", call)
    outcome = _outcome(list(run(_inputs(tmp_path), cfg)))
    assert outcome == {"good-1": "ok", "2": "W020", "good-2": "ok"}


@pytest.mark.parametrize("seconds", [0, 0.0])
def test_no_time_limit_when_switched_off(seconds: float) -> None:
    from wirewatch.guard import time_limit

    with time_limit(seconds):
        time.sleep(0.01)


def test_events_below_the_confidence_threshold_are_not_printed(tmp_path) -> None:
    """A sentence that only sounds like an act ("Settlement talks began in 2016": no
    party, no place) scores low; a threshold above its confidence leaves it out,
    `events.min_confidence = 0` prints every event the rules find, and a sure event stays
    at the same threshold. By default the fitted threshold (`confidence.min_confidence`,
    which `make calibrate` may set to 0) applies."""
    from wirewatch.events.confidence import min_confidence

    weak = tmp_path / "weak.txt"
    weak.write_text("Settlement talks began in 2016.", encoding="utf-8")
    sure = tmp_path / "sure.txt"
    sure.write_text(GOOD[0], encoding="utf-8")
    day = date(2018, 4, 5)

    def events(path: Path, overrides: list[str]) -> list:
        cfg = load_config(env={}, cwd=tmp_path, overrides=overrides)
        return [e for r in run([str(path)], cfg, published=day) for e in r.events]

    everything = events(weak, ["events.min_confidence=0"])
    assert [e.event_type for e in everything] == ["CONSULT"]
    weak_score = everything[0].confidence
    kept = events(sure, [])
    assert kept and all(e.confidence > weak_score for e in kept)
    threshold = f"events.min_confidence={weak_score + 0.01:.2f}"
    assert events(weak, [threshold]) == []
    assert events(sure, [threshold]) == kept
    assert (events(weak, []) == []) == (weak_score < min_confidence())
