"""Event nouns told only as the occasion of another act ("said at Monday's meeting")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .context import Context


def occasion(tok: Token, ctx: Context) -> bool:
    """An event noun after "at" on another verb names the occasion where that act was
    done or said ("Dove said at Monday's meeting", "was called to testify at the public
    inquiry", "At the NATO summit, the alliance agreed to resume contacts"): the news is
    the verb's act, not a meeting of its own (real-news dev: 3 such nouns in 3 articles,
    none coded by the gold). A meeting whose own parties are named ("agreed at their
    first summit"; own gold codes it) is kept: the noun then tells who met."""
    head = tok.head
    if tok.dep_ != "pobj" or head.lower_ != "at" or head.head.i == head.i:
        return False
    if head.head.pos_ not in ("VERB", "AUX"):
        return False
    return not any(
        c.dep_ == "poss" and (c.tag_ == "PRP$" or c.i in ctx.actor_at) for c in tok.children
    )
