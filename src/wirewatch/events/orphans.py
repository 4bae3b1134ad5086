"""Partyless clauses that name their own party: "Odell was charged", "Garnes is being
held" have no recipient when tellings are merged (the passive subject is attached
later), yet they may tell an act on another person than the event just before. They
wait for their recipients, then fold only into a telling on the same person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..mentions.finder import sentence_index

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Token

    from .event import Event

# The acts of justice, done to each suspect on their own: a charge, an arrest or a
# sentence names the person it is done to. An attack is not so: one gunman's shots at
# several people are one act (`spree.one_gunman`).
PER_PERSON = frozenset({"ACCUSE", "COERCE", "SANCTION"})

# How many sentences back a partyless telling may join an earlier event (as in `merge`).
ORPHAN_SENTENCES = 2


def names_own_party(tok: Token, event_type: str) -> bool:
    """The trigger of an act done to each person (`PER_PERSON`) has a name for its own
    subject ("Fisher was charged", "Odell, 27, was charged"): a party the clause tells,
    even when no rule read it yet."""
    return event_type in PER_PERSON and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN" for c in tok.children
    )


def orphan_retold(
    events: list[Event],
    same_person: Callable[[Event, Event], bool],
    apart: Callable[[Event, Event], bool],
    absorb: Callable[[Event, Event], None],
) -> list[Event]:
    """Fold each agentless telling whose subject is a name into the nearest earlier
    event of its type and modality, ORPHAN_SENTENCES back at most, that acts on the same
    person (`same_person`, asked now that recipients are complete) and is no act of
    another day or doer (`apart`); else it stays an event of its own ("Grier is
    suspected in" beside "Odell was charged": two people, two acts)."""
    out: list[Event] = []
    for ev in events:
        if ev.actor is None and names_own_party(ev.tok, ev.type):
            doc = ev.tok.doc
            at = sentence_index(doc, ev.tok.i)
            near = [
                (t.i, m)
                for m in out
                if m.type == ev.type
                and m.modality == ev.modality
                and not apart(m, ev)
                and same_person(m, ev)
                for t in m.members
                if t.i < ev.tok.i and at - sentence_index(doc, t.i) <= ORPHAN_SENTENCES
            ]
            if near:
                absorb(max(near, key=lambda x: x[0])[1], ev)
                continue
        out.append(ev)
    return out
