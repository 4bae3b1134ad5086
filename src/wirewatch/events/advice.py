"""An act someone says another should or must do is that someone's demand.

"Azerbaijan should release all those wrongfully imprisoned, Human Rights Watch said"
reports no release: it reports a REQUEST by the speaker, whose recipient is the one told
what to do (PLOVER: demands, appeals and calls are REQUEST). The telling keeps its words
as evidence; the act asked for is its content, not a second event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .fields import own_aux
from .sides import same_side
from .triggers import Rule
from .words import ADVICE_AUX

if TYPE_CHECKING:
    from spacy.tokens import Token

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


ADVISED = "advised"  # the mode of an act no trigger line knows, told as advice


def advised_act(tok: Token, ctx: Context) -> Rule | None:
    """A rule for a verb no trigger line knows, told with its own "should"/"must" of a
    party the text names: the speaker asks it of that party ("Mexico should send a line of
    peace demonstrators to the border", "the Obama administration must review how science
    is used", "the international community must extend its cooperation"), whatever the
    verb. No request: a negated one ("must not forget": a stance), a past one ("should
    have had a chance": what ought to have been), one asked about ("what position T&T
    should adopt")."""
    if tok.pos_ != "VERB" or not own_aux(tok) & ADVICE_AUX:
        return None
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lemma_ == "have") for c in tok.children):
        return None
    if any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in tok.subtree if t.i < tok.i):
        return None
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj or subj[0].i not in ctx.actor_at:
        return None
    return Rule(tok.lemma_.lower(), "VERB", "-", "REQUEST", ADVISED)


def advice_as_request(events: list[Event], ctx: Context) -> list[Event]:
    """Turn each act told with its own "should"/"must" into the speaker's REQUEST. An
    advised act no trigger line knows, of the speaker's own side, is its own duty ("the
    Ministry of Defence must confirm", its spokesman said), asked of no one: no event."""
    duties = set()
    for ev in events:
        advised = bool(own_aux(ev.trigger[0]) & ADVICE_AUX)
        if not advised or ev.modality == "negated":
            continue
        if ev.type == "REQUEST" and ev.rule.mode != ADVISED:
            continue
        speaker = _speaker(ev, ctx)
        own = speaker is not None and ev.actor is not None and same_side(speaker, ev.actor)
        if ev.rule.mode == ADVISED and own:
            duties.add(id(ev))
            continue
        ev.recipient = ev.actor
        ev.actor = speaker
        ev.type, ev.mode, ev.modality = "REQUEST", None, "asserted"
    return [ev for ev in events if id(ev) not in duties]
