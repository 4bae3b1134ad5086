"""Participle clauses that tell of the one acted on: a past participle with no
auxiliary, set beside its sentence or given a subject of its own, is a passive, so the
noun it tells of is the recipient and the doer is unsaid (`roles.find_actors`,
`recipients`, `attach.passive`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .triggers import children

if TYPE_CHECKING:
    from spacy.tokens import Token


def bare_participle(verb: Token) -> bool:
    """A past participle heading a clause set beside its sentence, with no subject or
    auxiliary of its own ("A woman first named as a victim is now in jail, accused of
    robbery", "He resigned, forced out by his party", "fires … mostly blamed on wiring"):
    a passive, whose subject is the one the sentence is about (`told_subject`) and is
    acted on; the doer is only its by-phrase, else not said. Climbing to the sentence's
    verb took that subject for the doer (real-news dev: 3 such events in 3 articles)."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "advcl"
        and not children(verb, "nsubj", "nsubjpass", "aux", "auxpass", "mark")
    )


def told_subject(verb: Token) -> list[Token]:
    """The subject of the sentence a `bare_participle` clause hangs on."""
    return children(verb.head, "nsubj", "nsubjpass")[:1]


def subject_passive(verb: Token) -> bool:
    """A past participle with a subject of its own but no auxiliary, below another word:
    a small clause ("the judge ordered him held without bond", "wants them jailed") or a
    headline after its dateline ("Headington: Mum jailed for fraud"). Its subject is
    the one acted on, not the doer (the parser reads it as a subject; a reduced passive
    at the root is `roles.reduced_passive`)."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("ccomp", "acl", "advcl", "conj")
        and bool(children(verb, "nsubj"))
        and not children(verb, "aux", "auxpass", "dobj", "dative", "ccomp", "xcomp")
    )
