"""What an event's `confidence` means: the estimated probability that a gold annotator
would mark the same event with the same type, and which events are printed at all.

The fit is made by `training/calibrate_confidence.py` on the real-news gold corpus's
`dev` split (tests/data/realnews) and shipped in `data/events/confidence.json` with the
figures measured on it, all grouped by article (a fit never scores an article it saw).
It is one logistic regression over three kinds of input, all read from what the
extractor already has (no second parse, nothing per token of the article):

- the dense `SIGNALS` (the type model's probability, parties and whether the attachment
  model supplied the doer, date, lead, quotation, how the act is told and the article's
  length: `told`);
- the trigger's rate: how often events of this trigger word and type were right in the
  dev gold, smoothed toward the type's rate (`trigger_rates`, `type_rates`; learned, so a
  word annotators rarely code as its lexicon type is trusted less, with no rule written);
- the trigger's words (`words`): the event detector's string features of the trigger
  token (its lemma, dependency, voice, modals, negation, reported speech, the kinds of
  party around it), each with a small weight (`w:` keys of the weights).

The same file holds `min_confidence`, the least confidence an event needs to be printed:
below it an event is more often a sentence that only sounds like one ("she visits him",
"a talk show hosted by…") than a real act, and dropping those raises event F1. An event
is printed when the file's `printing` fit (an earlier, separate fit over dense signals
only, kept fixed so that refitting the ranking never changes what is printed) reaches
its own `floor`, and the ranking fit reaches `rank_floor` (0 unless calibration was run
with `--rank-floor`). The printing fit alone keeps the seed's and the own gold's
figures; the ranking fit alone, at the threshold best for dev (0.30), would drop three
right seed events (seed F1 0.95 -> 0.86); both together at a rank floor of 0.15 raise
out-of-fold dev F1 0.527 -> 0.535 with seed and own kept (training/
calibrate_confidence.py says why that is not the default). `gated` puts each event's
confidence on its side of `min_confidence`.
Without the file a fixed, documented guess is used.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .detect import features

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .context import Context
    from .event import Event

FILE = "data/events/confidence.json"
SIGNALS = (
    "p_type",  # the typing model's probability of the event's type
    "model_agrees",  # 1 when that type is also the model's first choice
    "has_actor",
    "has_recipient",
    "verbal",  # 1 for a verb trigger, 0 for a noun ("the strike")
    "tellings",  # how many sentences tell it, capped at 4
    "asserted",  # 1 when the modality is asserted
    "has_place",  # 1 when the event's own clause names its place
    "has_date",
    "actor_country",  # 1 when the actor has a country (words or inferred) or an org code
    "actor_named",  # 1 when words of the text name the actor (not implied)
    "lead",  # 1 in the article's first three sentences
    "background",  # 1 when the event is dated well before publication
    "quoted",  # 1 when the trigger stands inside quotation marks
    "main_verb",  # 1 when the trigger is its sentence's root ("Police arrested …")
    "actor_subject",  # 1 when the actor's words are the trigger's own subject
    "sentence",  # log(1 + the trigger's sentence number): late sentences retell, explain
    "length",  # log of the article's tokens: a long article codes fewer of its acts
    "doer_learned",  # 1 when the attachment model, not the rules, supplied the actor
)
# Prefixes of the signal keys that are not numbers: the trigger's rate key
# ("t:lemma|POS|TYPE") and its detector features ("w:dep=nsubj", "w:root").
RATE, WORD = "t:", "w:"
# Used only when the package lacks confidence.json; roughly what the fit finds.
FALLBACK = {
    "bias": -1.0,
    "weights": {
        "p_type": 1.5,
        "model_agrees": 0.5,
        "has_actor": 1.5,
        "has_recipient": 0.2,
        "verbal": 0.5,
        "tellings": 0.3,
        "asserted": 0.2,
        "has_place": 0.2,
        "has_date": 0.1,
    },
}


def told(tok: Token, actor: tuple[int, int] | None, sentence: int) -> dict[str, float]:
    """How an event is told, from the parse the extractor already has (no second pass):
    on the real-news dev gold an act told by its sentence's main verb, with the actor as
    its own subject, early in the article is more often one an analyst codes; acts in
    subordinate clauses, with parties taken from further away, or deep in the article
    (retold history, context, court details) are more often not (leave-one-article-out
    AUC of these with the other signals: training/calibrate_confidence.py).
    `actor` is the actor mention's token span (None without one), `sentence` the
    trigger's sentence number. `length` is the article's (log tokens): a long article
    tells more acts in passing, of which its annotator codes a smaller share (LOAO AUC
    with `doer_learned` 0.759 -> 0.766; read from the doc's length, nothing per token)."""
    subject = actor is not None and any(
        t.head.i == tok.i and t.dep_.startswith("nsubj")
        for t in tok.doc[max(actor[0], 0) : max(actor[1], 0)]
    )
    return {
        "main_verb": float(tok.dep_ == "ROOT"),
        "actor_subject": float(subject),
        "sentence": round(math.log1p(max(sentence, 0)), 4),
        "length": round(math.log(max(len(tok.doc), 1)), 4),
    }


def words(ev: Event, sentence: int, ctx: Context) -> tuple[str, ...]:
    """The event's non-numeric signals: its trigger's rate key (`RATE`, the rule's word and
    the event's final type) and the detector's features of its trigger token (`WORD`):
    on the dev gold the words around a trigger say much of whether annotators code it
    ("said" above it, a modal, a passive without agent), beyond the dense signals
    (5-fold-by-article AUC 0.750 -> 0.766 with both). Only the event's own token is
    read, with the article's place tokens (`Context.place_tokens`, computed once)."""
    feats = features(ev.tok, ctx.rule(ev.tok), sentence, ctx, ctx.place_tokens)
    key = f"{RATE}{ev.rule.lemma}|{ev.rule.pos}|{ev.type}"
    return (key, *(WORD + f for f in feats))


def trigger_rate(fit: dict[str, Any], key: str) -> float:
    """The log-odds that an event of this trigger word and type is right (`key` without
    its prefix): the word's own rate, else its type's, else every event's."""
    rate = fit.get("trigger_rates", {}).get(key)
    if rate is None:
        rate = fit.get("type_rates", {}).get(key.rpartition("|")[2], fit.get("rate_default", 0.0))
    return float(rate)


@lru_cache(maxsize=1)
def load() -> dict[str, Any]:
    path = resources.files("wirewatch").joinpath(FILE)
    if not path.is_file():
        return FALLBACK
    return json.loads(path.read_text("utf-8"))


def logistic(fit: dict[str, Any], signals: dict[str, float]) -> float:
    """The fit's probability for the signals (dense, rate key and words), rounded to two
    places."""
    weights = fit["weights"]
    z = fit["bias"]
    for k, v in signals.items():
        if k.startswith(RATE):
            z += weights.get("trigger_rate", 0.0) * trigger_rate(fit, k[len(RATE) :])
        else:
            z += weights.get(k, 0.0) * v
    return round(1.0 / (1.0 + math.exp(-z)), 2)


def score(signals: dict[str, float], params: dict[str, Any] | None = None) -> float:
    """The confidence: the ranking fit's probability, kept below `min_confidence` when
    the gate drops the event and at least it when the gate prints it (module docstring)."""
    params = params or load()
    p = logistic(params, signals)
    gate = params.get("printing")
    if gate is None:
        return p
    floor = min_confidence(params)
    return gated(
        p,
        logistic(gate, signals),
        float(gate.get("floor", floor)),
        float(params.get("rank_floor", 0.0)),
        floor,
    )


def gated(p: float, g: float, gate_floor: float, rank_floor: float, floor: float) -> float:
    """The ranking probability `p` on the printed side of `floor` exactly when the
    printing fit's `g` reaches `gate_floor` and `p` itself reaches `rank_floor` (both at
    most `floor`); a dropped event keeps its rank among the dropped."""
    if g < gate_floor:
        return min(p, g)
    if p < rank_floor:
        return p
    return max(p, floor)


def min_confidence(params: dict[str, Any] | None = None) -> float:
    """The least confidence an event needs to be printed (0 when the fit set none)."""
    params = params or load()
    return float(params.get("min_confidence", 0.0))
