"""A headline's act takes its number from the lead sentence that retells it.

A headline states its act without figures ("Woman accused of attacking people", "Man
faces child rape charges", "Mother pleads not guilty"); the lead sentence after it
gives the count ("slicing two people", "five counts of rape", "not guilty to two counts
of child endangerment"). When the lead states one figure of a kind the act can count,
that figure is the headline act's number; a first sentence that states a figure or a
day of its own is no such headline.
"""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING

from ..mentions.numeric import CURRENCY_CODES
from .fields import LENGTHS
from .headline import headline_telling
from .policies import COUNTS_MONEY

if TYPE_CHECKING:
    from spacy.tokens import Span

    from .context import Context
    from .event import Event


def lead_figures(events: list[Event], ctx: Context) -> None:
    """Give each headline act without a number the lone countable figure of the lead."""
    sents = list(islice(ctx.doc.sents, 2))  # the headline and the lead only
    if len(sents) < 2 or not headline(sents[0]):
        return
    doc = ctx.doc
    figures = [
        m
        for m in ctx.in_sentence("quantity", sents[1][0])
        if m.as_quantity.unit
        and m.as_quantity.unit not in LENGTHS
        and not any(t.ent_type_ == "DATE" for t in doc[m.i : m.j])  # "Apr 5", "24-year-old"
    ]
    for ev in events:
        if ev.quantity is not None or not headline_telling(ev.tok):
            continue
        fit = [
            m
            for m in figures
            if ev.type in COUNTS_MONEY or m.as_quantity.unit not in CURRENCY_CODES
        ]
        if len(fit) == 1:
            ev.quantity = fit[0]


def headline(sent: Span) -> bool:
    """Is the first sentence a headline that states no number: no figure of its own
    ("Task force arrests 14" has one) and no day (a sentence telling its day, "officials
    said Wednesday", is the lead itself, whose other figures count other acts)?"""
    return not any(t.like_num or t.ent_type_ == "DATE" for t in sent)
