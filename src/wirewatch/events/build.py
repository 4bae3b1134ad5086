"""The event record of a decided event: a pure translation, nothing inferred here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .record import Attribution, EventRecord, Evidence, Quantity
from .views import views

if TYPE_CHECKING:
    from ..mentions import Mention
    from .decide import Decision
    from .event import Event


def party_span(m: Mention, sentence: Evidence) -> list[int]:
    """The raw-text span of the words that name a party: a pronoun or an office standing
    for a party named in the event's own sentence ("Czech President Vaclav Klaus said
    Thursday he had rejected …") is shown by that name, the words its name and country
    were read from (PLV_train marks them as the source, not "he"); one named in another
    sentence keeps its own words, which are the event's sentence's."""
    ref = getattr(m.payload, "refers_to", None)
    if isinstance(ref, tuple) and sentence.start <= ref[0] and ref[1] <= sentence.end:
        return [ref[0], ref[1]]
    return [m.start, m.end]


def to_record(
    ev: Event, d: Decision, article_id: str, lemmas: set[str] | frozenset[str]
) -> EventRecord:
    """The record of event `ev` as decided by `d` (`lemmas`: of its sentence, for the
    other ontologies' views). Every field stated by a mention keeps its raw-text span."""
    spans: dict[str, list[int]] = {"trigger": ev.trigger_span}
    for key, m in (("actor", ev.actor), ("recipient", ev.recipient)):
        if m is not None:
            spans[key] = party_span(m, ev.evidence[0])
    for key, m in (
        ("location", d.place_mention),
        ("date", d.date_mention),
        ("quantity", ev.quantity),
        ("attribution", d.attribution),
    ):
        if m is not None:
            spans[key] = [m.start, m.end]
    qty = None
    if ev.quantity is not None:
        q = ev.quantity
        qp = q.as_quantity
        qty = Quantity(qp.value, qp.qualifier, qp.unit, q.text)
    att = None
    if d.attribution is not None:
        a = d.attribution
        src = a.as_attribution.source
        att = Attribution(src.refers_to or src.name or src.text, a.text)
    v = views(
        ev.type,
        d.mode,
        d.actor.sector if d.actor else None,
        d.recipient.sector if d.recipient else None,
        lemmas,
    )
    return EventRecord(
        article_id=article_id,
        event_type=ev.type,
        evidence=ev.evidence[0],
        mode=d.mode,
        actor=d.actor,
        recipient=d.recipient,
        location=d.location,
        date=d.date,
        quantity=qty,
        attribution=att,
        modality=ev.modality,
        confidence=d.confidence,
        spans=spans,
        quad=v.quad,
        cameo_root=v.cameo_root,
        acled_subtype=v.acled_subtype,
        acled_event_type=v.acled_event_type,
        location_from=d.location_from,
        date_from=d.date_from,
        background=d.background,
    )
