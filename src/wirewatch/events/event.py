"""An event found in one telling: its trigger, parties and the fields picked from its
sentence. Merging (`merge`) folds several tellings of one action into one event, whose
missing fields are then inferred (`decide`) before it becomes a record (`build`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .fields import (
    collapsed,
    event_scope,
    modality,
    pick_attribution,
    pick_date,
    pick_place,
    pick_quantity,
)
from .policies import MOVEMENT
from .record import Evidence
from .triggers import lexicon_type

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..mentions import Mention
    from .context import Context
    from .triggers import Rule


class Event:
    def __init__(
        self,
        rule: Rule,
        tok: Token,
        trigger: list[Token],
        actor: Mention | None,
        recipient: Mention | None,
        ctx: Context,
    ) -> None:
        self.rule, self.tok, self.trigger = rule, tok, trigger
        self.actor, self.recipient = actor, recipient
        # The actor is the doer scorer's pick, not the rules' (`attach.scored_actors`).
        self.doer_learned = False
        self.type, self.mode = rule.type, rule.mode
        self.modality = modality(tok, trigger)
        if self.modality == "negated" and rule.type == "REJECT" and lexicon_type(tok) != "REJECT":
            # A refusal (`triggers.refused`: "vowing not to resume negotiations", "failed
            # to reach agreement") is told by its negation: the REJECT itself is asserted.
            self.modality = "asserted"
        if rule.type != "CONSULT" and collapsed(tok):
            self.modality = "negated"  # "the truce collapsed": no truce made that day
        scope = event_scope(tok, trigger)
        self.place = pick_place(ctx, tok, scope, rule.type)
        self.date = pick_date(ctx, tok, scope)
        self.quantity = pick_quantity(ctx, tok, scope, actor, recipient, rule.type)
        self.attribution = pick_attribution(ctx, tok)
        s, e = ctx.raw(tok.sent.start_char, tok.sent.end_char)
        raw = ctx.article.raw
        ts = min(t.idx for t in trigger)
        te = max(t.idx + len(t) for t in trigger)
        trs, tre = ctx.raw(ts, te)
        # A line break ends a sentence even where the parser ran on across it
        # ("…said.\nThe next paragraph"): the evidence keeps the trigger's line only.
        s = max(s, raw.rfind("\n", s, trs) + 1)
        cut = raw.find("\n", tre, e)
        if cut >= 0:
            e = cut
        while e > s and raw[e - 1].isspace():
            e -= 1
        self.evidence = [Evidence(s, e, raw[s:e], raw[trs:tre])]
        self.members = [tok]
        self.trigger_span = [trs, tre]

    # the key that says two tellings are one action
    def key(self) -> tuple[Any, ...]:
        def party(m: Mention | None) -> Any:
            if m is None:
                return None
            a = m.as_actor
            return (a.country, a.sector) if not a.name or a.type == "group" else a.entity

        if self.type in MOVEMENT:
            return (self.type, party(self.actor), None)
        return (self.type, party(self.actor), party(self.recipient))

    def exact_value(self) -> float | None:
        q = self.quantity
        if q is None or q.as_quantity.qualifier != "exact":
            return None
        return q.as_quantity.value
