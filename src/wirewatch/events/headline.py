"""A headline states one act the body tells again: the headline's telling joins the
body's first telling of that act (`headline_retold`), whatever word each uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..mentions.finder import sentence_index

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Token

    from .event import Event


def headline_telling(tok: Token) -> bool:
    """The trigger states the headline's act: it is in the article's first sentence and
    has no auxiliary ("has advised" makes the lead a sentence of its own, whose act a
    later one with the same word may be a second of)."""
    return sentence_index(tok.doc, tok.i) == 0 and not any(
        c.dep_ in ("aux", "auxpass") and not _present_passive(c) for c in tok.children
    )


def _present_passive(aux: Token) -> bool:
    """A headline's passive in the present ("Woman is robbed", "Two are charged") still
    states the story's act, as its bare participle would ("Woman robbed")."""
    return aux.dep_ == "auxpass" and aux.tag_ in ("VBZ", "VBP")


def headline_retold(
    events: list[Event],
    agree: Callable[[Event, Event], bool],
    absorb: Callable[[Event, Event], None],
) -> list[Event]:
    """Fold each telling in the article's first sentence (its headline, a present-tense
    summary: "Governor rejects aid", "Filmmaker slammed for …", "Man charged with
    murder") into the first later telling of the same type and modality that `agree`s
    with it, anywhere in the body and by any trigger word ("won't spend", "criticized",
    "was charged Saturday"): a headline names the story's act, the body tells it with
    its day and place, so the body's telling is kept. A headline whose auxiliary makes
    it a sentence of its own ("has advised") is left alone (`headline_telling`, which
    `merge._retells_lead` asks too)."""
    out = list(events)
    for lead in events:
        tok = lead.tok
        if not headline_telling(tok):
            continue
        into = next(
            (
                e
                for e in out
                if e is not lead
                and e.type == lead.type
                and e.mode == lead.mode
                and e.modality == lead.modality
                and sentence_index(tok.doc, e.tok.i) > 0
                and agree(lead, e)
            ),
            None,
        )
        if into is not None:
            absorb(into, lead)
            out.remove(lead)
    return out
