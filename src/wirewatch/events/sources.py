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
from ..mentions.payloads import AttributionPayload, Source
from .policies import OWN_WORD

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..mentions import Mention
    from .context import Context
    from .event import Event


def told_by(m: Mention, tok: Token) -> bool:
    """Is mention `m` the source (or the addressee) of a claim whose clause holds the
    trigger `tok`, the trigger not being the claim's own words?"""
    for _src, whole, clause, _verb in claims(tok.doc):
        if not (clause.start <= tok.i < clause.end) or whole.start <= tok.i < whole.end:
            continue
        if whole.start <= m.i and m.j <= whole.end:
            return True
    return False


def own_word(ev: Event, ctx: Context) -> Mention | None:
    """The event's doer as its own source, for a saying (OWN_WORD: an accusation, a
    call, a refusal, a threat …) a named person makes as the subject of its verb, when
    no attribution holds it: "Sheriff Lee Baca urged everyone to pay more attention to
    the gang problem" is told on Baca's word, not on whoever spoke last before."""
    a = ev.actor
    if ev.type not in OWN_WORD or a is None or a.as_actor.type != "person" or not a.as_actor.name:
        return None
    verb = ev.tok.head if ev.tok.dep_ == "dobj" else ev.tok  # "reiterated calls"
    if verb.pos_ != "VERB" or not any(
        c.dep_ == "nsubj" and a.i <= c.i < a.j for c in verb.children
    ):
        return None
    p = a.as_actor
    source = Source(a.text, p.name, p.country, p.sector, p.org, known=True)
    payload = AttributionPayload(source, a.start, a.end, a.start, a.end, verb.text)
    return ctx.span_mention("attribution", a.i, a.j, payload)
