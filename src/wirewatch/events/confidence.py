"""What an event's `confidence` means: the estimated probability that a gold annotator
would mark the same event with the same type, from signals the extractor has.

The weights are fitted by `training/calibrate_confidence.py` on the real-news gold
corpus's `dev` split (tests/data/realnews) and shipped in `data/events/confidence.json` with the
figures measured on them. Without that file a fixed, documented guess is used.

The same file holds `min_confidence`, the least confidence an event needs to be printed:
below it an event is more often a sentence that only sounds like one ("she visits him",
"a talk show hosted by…") than a real act, and dropping those raises event F1. Which
events are printed is decided by the file's `printing` fit (an earlier, separate fit
whose threshold was chosen for event F1 on dev, seed and own gold), so that refitting
the ranking never changes what is printed: an event that fit drops gets a confidence
below `min_confidence`, one it keeps at least `min_confidence`. A single fit serving both
would trade one for the other: the refit that ranks best on dev dropped seed events
at every threshold that kept dev F1.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Token

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
)
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
    trigger's sentence number."""
    subject = actor is not None and any(
        t.head.i == tok.i and t.dep_.startswith("nsubj")
        for t in tok.doc[max(actor[0], 0) : max(actor[1], 0)]
    )
    return {
        "main_verb": float(tok.dep_ == "ROOT"),
        "actor_subject": float(subject),
        "sentence": round(math.log1p(max(sentence, 0)), 4),
    }


@lru_cache(maxsize=1)
def load() -> dict[str, Any]:
    path = resources.files("wirewatch").joinpath(FILE)
    if not path.is_file():
        return FALLBACK
    return json.loads(path.read_text("utf-8"))


def logistic(fit: dict[str, Any], signals: dict[str, float]) -> float:
    """One logistic fit's probability for the signals, rounded to two places."""
    z = fit["bias"] + sum(fit["weights"].get(k, 0.0) * v for k, v in signals.items())
    return round(1.0 / (1.0 + math.exp(-z)), 2)


def score(signals: dict[str, float], params: dict[str, Any] | None = None) -> float:
    """The confidence: the ranking fit's probability, kept on the side of
    `min_confidence` where the `printing` fit puts the event (module docstring)."""
    params = params or load()
    p = logistic(params, signals)
    gate = params.get("printing")
    if gate is None:
        return p
    return gated(p, logistic(gate, signals), min_confidence(params))


def gated(p: float, g: float, floor: float) -> float:
    """The ranking probability `p` kept on the side of `floor` where the printing fit's
    probability `g` puts the event: what is printed never depends on the ranking fit."""
    return min(p, g) if g < floor else max(p, floor)


def min_confidence(params: dict[str, Any] | None = None) -> float:
    """The least confidence an event needs to be printed (0 when the fit set none)."""
    params = params or load()
    return float(params.get("min_confidence", 0.0))
