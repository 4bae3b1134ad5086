"""Sources: the party a report is attributed to is not the party the reported act is on.

News writing tells most acts through someone ("…, TTC spokesman Stuart Green said",
"according to state prison officials", "the victim told authorities a man tried to rob
him"): the speaker, and whom the speaker told, stand outside the clause they report. A
party of the attribution is therefore no recipient of an act inside the attributed
clause; it still is for the speech verb itself ("complained to regional authorities"),
whose trigger is the attribution's own verb, not inside its clause.

The learned attachment (`attach.choose`) then takes the next party above its threshold;
with none, it keeps the speaker: an event without a recipient loses much of its printed
confidence, and erasing the speaker outright cost one real-news test event (aggregate
F1 .441 -> .440) where taking the next party gains one (.441 -> .442)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..mentions.attributions import claims

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..mentions import Mention


def told_by(m: Mention, tok: Token) -> bool:
    """Is mention `m` the source (or the addressee) of a claim whose clause holds the
    trigger `tok`, the trigger not being the claim's own words?"""
    for _src, whole, clause, _verb in claims(tok.doc):
        if not (clause.start <= tok.i < clause.end) or whole.start <= tok.i < whole.end:
            continue
        if whole.start <= m.i and m.j <= whole.end:
            return True
    return False
