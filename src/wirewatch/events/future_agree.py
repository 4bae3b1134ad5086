"""Cooperation told in the future is an agreement: PLOVER 2.0 (AGREE) codes CONSULT,
SUPPORT, COOPERATE and AID "reported in future tense" as AGREE, the intention being what
is reported ("will meet", "will provide aid", "pledged to work with"); future meetings,
visits and invitations the same (CONSULT, potential ambiguities). A future RETREAT or
CONCEDE stays as it is ("will release the prisoners"), as do acts only weighed,
hypothetical or conditional: nothing is committed to there."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .event import Event

FUTURE_COOPERATION = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
# the modalities that tell an act as committed to and still to come
COMMITTED_FUTURE = frozenset({"planned", "intended", "promised"})


def future_as_agree(events: list[Event]) -> None:
    """Retype in place each cooperative act told as planned, intended or promised as
    AGREE (no mode: AGREE has none); its modality stays, the act being still to come."""
    for e in events:
        if e.type in FUTURE_COOPERATION and e.modality in COMMITTED_FUTURE:
            e.type, e.mode = "AGREE", None
