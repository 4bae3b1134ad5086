"""Whether an act not yet done is told as its doer's own stated pledge (a threat) or as
a mind others read into it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .words import PLAN

if TYPE_CHECKING:
    from spacy.tokens import Token


def private_intent(tok: Token) -> bool:
    """An act told through a verb of mind ("intended to kill one other person", "wants to
    strike", `PLAN`) is what the doer meant or wished, as others report it ("prosecutors
    believe he intended to kill", "police said he may have intended to shoot another
    one"), not a threat made to anyone: a threat is said ("vowed to fight the U.S.",
    "said it would fight"). Real-news dev: 2 such acts in 2 articles retyped THREATEN,
    neither coded by the gold."""
    return tok.dep_ == "xcomp" and tok.head.i != tok.i and tok.head.lemma_.lower() in PLAN
