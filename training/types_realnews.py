"""Typing rows from the real-news `dev` gold (tests/data/realnews), for train_types.py.

PLV_train is one sentence per event with its parties marked; real news is what the
extractor reads, where a wrong type costs a miss and a false event at once. Each dev
gold event names its trigger phrases; the extractor is run on the article and every
telling whose trigger word lies inside a gold phrase becomes a row: the features the
pipeline computes for it (`decide.type_event`: the trigger, the parties it attached,
the lexicon's reading) with the gold type as label. So the rows are what the model
sees at run time, not a re-parse of a phrase. Only `dev` articles are read, ever: the
`test` split stays held out (tests/realnews.py states the split rule).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from wirewatch.events.context import Context
    from wirewatch.events.event import Event
    from wirewatch.mentions import Mention

ROOT = Path(__file__).resolve().parents[1]


def dev_rows() -> list[dict]:
    """One row per extractor telling inside a dev gold trigger phrase: `feats`, `label`
    (the gold type: of several gold events over the word, one whose type the lexicon
    offers if any), `gold` (every accepted type), `cands` (the lexicon's candidate
    types, `decide.candidate_types`), `lexicon` (the type the rules gave), `group`
    (the article, for folds by article)."""
    sys.path.insert(0, str(ROOT))
    from tests import realnews

    from wirewatch.config import load_config
    from wirewatch.events import decide, extract
    from wirewatch.events.classify import features
    from wirewatch.pipeline import run

    golds = [g for g in realnews.gold_files() if g["split"] == "dev"]
    trigger_spans = realnews.shared_scorer("score_events").trigger_spans
    rows: list[dict] = []
    current: dict = {}
    original = extract.chosen_type

    def spy(ev: Event, ctx: Context) -> str | None:
        sent = ev.tok.sent

        def span(m: Mention | None) -> tuple[int, int] | None:
            if m is None or not (sent.start <= m.i < sent.end):
                return None
            return sent.doc[m.i].idx, sent.doc[m.j - 1].idx + len(sent.doc[m.j - 1])

        start, end = ctx.raw(ev.tok.idx, ev.tok.idx + len(ev.tok))
        hits = []
        for n, (spans, types) in enumerate(current["events"]):
            inside = [(s, e) for s, e in spans if s < end and start < e]
            if inside:
                hits.append((n, types, _governed(ev.tok, inside, ctx)))
        if hits:
            cands = decide.candidate_types(ev, ctx)
            feats = features(sent, ev.trigger[0], span(ev.actor), span(ev.recipient), ctx.lexicon)
            current["tellings"].append((ev.type, sorted(cands), feats, hits, ctx.lexicon(ev.tok)))
        return original(ev, ctx)

    cfg = load_config(env={})
    extract.chosen_type = spy
    try:
        with tempfile.TemporaryDirectory(prefix="ww_types_") as tmp:
            for g in golds:
                text = realnews.text_of(g)
                path = Path(tmp) / g["text_file"]
                path.write_text(text, encoding="utf-8")
                current["id"], current["tellings"] = g["id"], []
                current["events"] = [
                    (
                        trigger_spans(text, ev["triggers"]),
                        [t.upper() for t in _as_list(ev["type"])],
                    )
                    for ev in g["events"]
                ]
                # the spy on `chosen_type` collects the tellings as the article runs
                for _ in run([str(path)], cfg, published=date.fromisoformat(g["published"])):
                    pass
                rows += _aligned(current["tellings"], g["id"])
    finally:
        extract.chosen_type = original
    return rows


def _aligned(tellings: list[tuple], group: str) -> list[dict]:
    """Rows of one article's tellings. A telling of a gold event's type inside its phrase
    is that event's; else the telling the phrase is about (no word of the lexicon inside
    the phrase governs it: not "attack" in "accused Russia of the attack") takes the gold
    type; a telling of another event inside the phrase is no row of this one."""
    rows = []
    for typ, cands, feats, hits, plain in tellings:
        same = [types for _, types, _ in hits if typ in types]
        other = [types for _, types, governed in hits if not governed]
        if same:
            label, gold = typ, same[0]
        elif other:
            types = other[0]
            label, gold = next((t for t in types if t in cands), types[0]), types
        else:
            continue
        rows.append(
            {
                "feats": feats,
                "label": label,
                "gold": sorted(gold),
                "cands": cands,
                "lexicon": typ,
                "plain": plain,
                "group": group,
            }
        )
    return rows


def _governed(tok: Token, spans: list[tuple[int, int]], ctx: Context) -> bool:
    """Is the token governed, inside the gold phrase, by another word the lexicon types
    ("accused Russia of the attack": "attack" is governed by "accused")?"""
    t = tok
    while t.head.i != t.i:
        t = t.head
        s, e = ctx.raw(t.idx, t.idx + len(t))
        if not any(a <= s and e <= b for a, b in spans):
            return False
        if ctx.lexicon(t):
            return True
    return False


def _as_list(v: str | list[str]) -> list[str]:
    return v if isinstance(v, list) else [v]
