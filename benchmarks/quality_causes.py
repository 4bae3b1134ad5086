"""Why events are missed and why printed events are false, counted for the quality table.

A split's event F1 says how much is wrong, not where: this sorts each missed required gold
event and each false printed event into one cause, with the shared scorer's own matching
(`score_events.match_article`, `evidence_hits`), so the held-out `test` split can say which
stage loses it without anybody reading its articles. Only the counts leave this module.

Misses (required gold events no printed event matched):
- `actor_country`: a printed event of an accepted type is at the gold's words, but its
  actor's country is not the gold's (a party or place stage error, not detection);
- `other_type`: printed events are at the words, none of an accepted type (typing);
- `cut`: an event of an accepted type was found at the words but not printed (the
  confidence threshold or a later filter dropped it);
- `cut_other_type`: only events of other types were found and none printed;
- `not_found`: nothing was found at the gold's words (the trigger lexicon or the
  detector never fired there).

False events (printed events that match no gold event, required or optional):
- `actor_country`: it would match an unmatched gold event but for the actor's country;
- `other_type`: it is at an unmatched gold event's words with a type the gold does not
  accept;
- `at_matched_gold`: it is at the words of a gold event another printed event matched (a
  second record of one act, or a second act the annotator did not code);
- `no_gold_near`: no gold event's trigger is in its sentence (an event the annotators did
  not code: background, a non-event, a description).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

MISS_CAUSES = ("actor_country", "other_type", "cut", "cut_other_type", "not_found")
FALSE_CAUSES = ("actor_country", "other_type", "at_matched_gold", "no_gold_near")


def by_article(path: Path) -> dict[str, list[dict]]:
    """The records of a JSON Lines file of predictions, by `article_id`."""
    out: dict[str, list[dict]] = defaultdict(list)
    for line in path.read_text().splitlines():
        rec = json.loads(line)
        out[rec["article_id"]].append(rec)
    return out


def _types(scorer, gold: dict) -> set[str]:
    return {t.upper() for t in scorer.as_list(gold["type"])}


def _miss_cause(scorer, text: str, gold: dict, printed: list[dict], found: list[dict]) -> str:
    """The cause of one missed gold event (see the module's docstring)."""
    types = _types(scorer, gold)
    at = [p for p in printed if scorer.evidence_hits(p, text, gold)]
    if any(str(p.get("event_type", "")).upper() in types for p in at):
        return "actor_country"
    if at:
        return "other_type"
    at_found = [p for p in found if scorer.evidence_hits(p, text, gold)]
    if any(str(p.get("event_type", "")).upper() in types for p in at_found):
        return "cut"
    return "cut_other_type" if at_found else "not_found"


def _false_cause(scorer, text: str, pred: dict, golds: list[dict], matched: set[int]) -> str:
    """The cause of one false printed event (see the module's docstring)."""
    near = [gi for gi, g in enumerate(golds) if scorer.evidence_hits(pred, text, g)]
    free = [gi for gi in near if gi not in matched]
    kind = str(pred.get("event_type", "")).upper()
    if any(kind in _types(scorer, golds[gi]) for gi in free):
        return "actor_country"
    if free:
        return "other_type"
    return "at_matched_gold" if near else "no_gold_near"


def causes(scorer, gold_dir: Path, printed: Path, found: Path) -> dict[str, dict[str, int]]:
    """Counts of miss causes and false-event causes over every article of `gold_dir`.

    `printed` holds the printed events, `found` every event before the confidence cut.
    """
    by_printed, by_found = by_article(printed), by_article(found)
    miss: Counter[str] = Counter({c: 0 for c in MISS_CAUSES})
    false: Counter[str] = Counter({c: 0 for c in FALSE_CAUSES})
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text("utf-8"))
        text = (gf.parent / gold["text_file"]).read_text("utf-8")
        golds, ps = gold["events"], by_printed.get(gold["id"], [])
        pairs = scorer.match_article(text, golds, ps)
        matched_g = {gi for gi, _, _ in pairs}
        matched_p = {pi for _, pi, _ in pairs}
        for gi, g in enumerate(golds):
            if gi not in matched_g and not g.get("optional"):
                miss[_miss_cause(scorer, text, g, ps, by_found.get(gold["id"], []))] += 1
        for pi, p in enumerate(ps):
            if pi not in matched_p:
                false[_false_cause(scorer, text, p, golds, matched_g)] += 1
    return {"missed": dict(miss), "false": dict(false)}
