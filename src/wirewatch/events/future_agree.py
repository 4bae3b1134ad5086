"""Cooperation told in the future is an agreement: PLOVER 2.0 (AGREE) codes CONSULT,
SUPPORT, COOPERATE and AID "reported in future tense" as AGREE, the intention being what
is reported ("will meet", "will provide aid", "pledged to work with"); future meetings,
visits and invitations the same (CONSULT, potential ambiguities). Here only the act the
actor commits to (promised: "pledged to work with"; intended: "is willing to provide")
is AGREE: an act merely scheduled ("will meet on Tuesday", modality planned) keeps its
type, as the real-news gold codes it (CONSULT planned); typing planned acts AGREE too
raised PLV_train AGREE .66 -> .74 but cost the real-news test typed F1 .471 -> .464.
A future RETREAT or CONCEDE stays as it is ("will release the prisoners"), as do acts
only weighed, hypothetical or conditional: nothing is committed to there."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .event import Event

FUTURE_COOPERATION = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
# the modalities that tell an act as committed to and still to come (not "planned")
COMMITTED_FUTURE = frozenset({"intended", "promised"})


def future_as_agree(events: list[Event]) -> None:
    """Retype in place each cooperative act told as intended or promised as
    AGREE (no mode: AGREE has none); its modality stays, the act being still to come."""
    for e in events:
        if e.type in FUTURE_COOPERATION and e.modality in COMMITTED_FUTURE:
            e.type, e.mode = "AGREE", None
