"""Clauses that tell one act with another: a participle telling what an act did
(`told_toll`), a verb conjoined to a telling by its one actor (`joined_clause`), an
act named as the subject of its verb (`act_as_subject`), an infinitive whose doer is a
passive verb's subject (`passive_controller`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .triggers import children
from .words import MADE_TO, SCHEDULED

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .event import Event


def told_toll(tok: Token, ev: Event) -> bool:
    """A participle clause that tells what an act did, hung on a telling of the act or on
    the verb whose subject it is: "an explosion tore through a market, killing 20
    people", "a carrier was destroyed in the attacks, wounding three troops". One act,
    whoever the parser makes its parties."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.head.i == tok.i:
        return False
    head = tok.head
    ids = {t.i for t in ev.members}
    near = [head, *children(head, "nsubj", "nsubjpass")]
    near += [g for c in children(head, "prep") for g in children(c, "pobj")]
    return any(t.i in ids for t in near)


def tells_act(tok: Token, ev: Event) -> bool:
    """Does the trigger `tok` tell the act `ev` is, in another word of its clause
    (`told_toll` or `act_as_subject`)?"""
    return told_toll(tok, ev) or act_as_subject(tok, ev)


def act_as_subject(tok: Token, ev: Event) -> bool:
    """An act named by the noun that is the subject of a verb telling the same act
    ("shelling killed three civilians", "the blast wounded 12 people"): one act, whose
    parties are the verb's."""
    return (
        tok.dep_ == "nsubj"
        and (tok.pos_ in ("NOUN", "PROPN") or tok.tag_ == "VBG")  # "Shelling killed"
        and tok.head.i != tok.i
        and any(t.i == tok.head.i for t in ev.members)
    )


def joined_clause(tok: Token, members: list[Token]) -> bool:
    """A trigger hanging on a member of the event, directly or through conjoined and
    to-clauses ("detained Hariri and tried to force him to resign"): one act told in
    two verbs by one actor. On the real-news dev split this folded one more (the head
    alone was the rule before)."""
    ids = {t.i for t in members}
    for _ in range(3):
        if tok.head.i in ids:
            return True
        if tok.dep_ not in ("conj", "xcomp") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def passive_controller(verb: Token, below: Token) -> bool:
    """Is `below` an active to-infinitive of a passive verb of schedule or compulsion
    (`SCHEDULED`, `MADE_TO`: "the leaders are set to meet", "was forced to resign")? In
    English the passive's subject is then the infinitive's. Not verbs of obligation or
    leave ("agencies were required to consult", "were allowed to march"): whether the act
    was done is not said (real-news dev: one false event more)."""
    lemma = verb.lemma_.lower()
    return (
        (lemma in SCHEDULED or verb.lower_ in SCHEDULED or lemma in MADE_TO)
        and below.dep_ == "xcomp"
        and below.head.i == verb.i
        and bool(children(verb, "nsubjpass"))
        and bool(children(verb, "auxpass"))
        and not children(below, "auxpass")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in below.children)
    )
