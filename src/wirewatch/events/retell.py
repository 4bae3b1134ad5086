"""Second tellings of one act told with other words: a named person held in custody
after their arrest (`held_after`), a headline shortened from its lead
(`lead_retells_headline`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..mentions.finder import sentence_index
from ..sectors import STATE_ARMS
from .words import CUSTODY

if TYPE_CHECKING:
    from collections.abc import Callable

    from .event import Event


def held_after(
    m: Event,
    ev: Event,
    figures_differ: Callable[[Event, Event], bool],
    another_day_or_doer: Callable[[Event, Event], bool],
) -> bool:
    """An agentless custody telling `ev` ("Orozco … is being held": `CUSTODY`) on a person
    named by name retells `m`, the act of the same type on that person by a doer ("Orozco
    was arrested … by a SWAT team"), when their figures agree and no other day nor a doer
    of another sector (said or implied: "bond was set", a court) sets them apart. Without
    the custody words the fold also took a bail hearing and a second charge on dev. Asked
    in `merge.merge` and again once the recipients are completed ("Karl Mendez was
    arrested" … "Mendez is being held": the name joins only then)."""
    if ev.tok.lemma_.lower() not in CUSTODY or ev.actor is not None:
        return False
    if m.recipient is None or ev.recipient is None:
        return False
    who = ev.recipient.as_actor
    if who.type != "person" or not who.name or m.recipient.as_actor.entity != who.entity:
        return False
    return not figures_differ(m, ev) and not another_day_or_doer(m, ev)


def lead_retells_headline(lead: Event, ev: Event) -> bool:
    """The article's first body sentence (its lead) retelling the headline's act of the
    same type: a headline shortens who did it ("Task force arrests 14" … "Task Force
    officers … arrested 14"; "Woman is robbed" … "a suspect in a robbery"), so actors
    need only not disagree: of one country where both are known, of one sector or both
    arms of one state (police, army, government), or one unsaid."""
    if sentence_index(ev.tok.doc, ev.tok.i) != 1:
        return False
    x = lead.actor.as_actor if lead.actor is not None else None
    y = ev.actor.as_actor if ev.actor is not None else None
    if x is None or y is None:
        return True
    if x.country and y.country and x.country != y.country:
        return False
    if x.sector is None or y.sector is None or x.sector == y.sector:
        return True
    return x.sector in STATE_ARMS and y.sector in STATE_ARMS
