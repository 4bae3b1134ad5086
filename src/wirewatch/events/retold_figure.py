"""A count left vague in one sentence is made exact by the story's figure of the same things.

A story may tell an act with a vague count ("Police dispersed a number of small events",
"charged with a range of offences, including five burglaries") and state the exact count
of the same things in a sentence nearby ("police had shut down eight events", "appearing
in court on 15 offences"). The figure that counts the very noun the act left vague is the
act's number; a figure of a part of them ("including five burglaries") is not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..mentions.records import per_parse, sentence_index
from .patients import patients
from .words import VAGUE_COUNTS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .context import Context
    from .event import Event

# How many sentences away a retelling of the count may stand (a lead may state the count
# a later paragraph leaves vague).
NEAR = 2
# The parse's sentences, listed once per parse (`records.per_parse`).
SENTENCES = "_ww_sents"


def retold_figures(events: list[Event], ctx: Context) -> None:
    """Give each act that counts its things vaguely the lone exact figure of the same
    things told in a nearby sentence."""
    doc = ctx.doc
    for ev in events:
        found = vague_noun(ev.tok)
        if found is None:
            continue
        head, noun = found
        phrase = range(head.left_edge.i, head.right_edge.i + 1)
        if ev.quantity is not None and ev.quantity.i not in phrase:
            continue  # a figure of the act's own, outside what it counts vaguely
        sents = per_parse(doc, SENTENCES, lambda d: list(d.sents))
        k = sentence_index(doc, ev.tok.i)
        figures = [
            m
            for s in sents[max(0, k - NEAR) : k + NEAR + 1]
            if s.start != ev.tok.sent.start
            for m in ctx.in_sentence("quantity", s[0])
            if (m.as_quantity.unit or "").lower() == noun.lower_
        ]
        if len({m.as_quantity.value for m in figures}) == 1:
            ev.quantity = figures[0]


def vague_noun(tok: Token) -> tuple[Token, Token] | None:
    """The plural noun the act is done to or with whose count is vague: "a number of
    small events", "a range of offences", "several thefts"; with the head of its phrase
    ("range", whose parts "including five burglaries" hang on it)."""
    objs = list(patients(tok))
    objs += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for head in objs:
        o = head
        if o.lemma_.lower() in VAGUE_COUNTS:
            o = next(
                (g for c in o.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"),
                o,
            )
        elif not any(c.lower_ in VAGUE_COUNTS for c in o.children if c.dep_ in ("amod", "det")):
            continue
        if o.tag_ == "NNS" and o.lemma_.lower() not in VAGUE_COUNTS:
            return head, o
    return None
