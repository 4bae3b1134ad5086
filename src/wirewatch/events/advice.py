"""An act someone says another should or must do is that someone's demand.

"Azerbaijan should release all those wrongfully imprisoned, Human Rights Watch said"
reports no release: it reports a REQUEST by the speaker, whose recipient is the one told
what to do (PLOVER: demands, appeals and calls are REQUEST). The telling keeps its words
as evidence; the act asked for is its content, not a second event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .fields import own_aux
from .words import ADVICE_AUX

if TYPE_CHECKING:
    from ..mentions import Mention
    from .context import Context
    from .event import Event


def _speaker(ev: Event, ctx: Context) -> Mention | None:
    """The actor mention the event's attribution names, if any."""
    if ev.attribution is None:
        return None
    att = ev.attribution.as_attribution
    return next(
        (
            m
            for m in ctx.by_kind.get("actor", [])
            if m.start < att.source_end and att.source_start < m.end
        ),
        None,
    )


def advice_as_request(events: list[Event], ctx: Context) -> None:
    """Turn each act told with its own "should"/"must" into the speaker's REQUEST."""
    for ev in events:
        advised = bool(own_aux(ev.trigger[0]) & ADVICE_AUX)
        if not advised or ev.modality == "negated" or ev.type == "REQUEST":
            continue
        ev.recipient = ev.actor
        ev.actor = _speaker(ev, ctx)
        ev.type, ev.mode, ev.modality = "REQUEST", None, "asserted"
