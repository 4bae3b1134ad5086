"""Accidents and forces of nature: acts no party does.

"A magnitude 7.2 earthquake killed 1,400 people", "was killed in a car accident", "was hit
by a car and killed", "a basement fire killed a man": no political event (issue 17: disasters
are not political events). `roles.find_actors` asks these before it reads a doer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .triggers import children
from .words import FIRE_SITES, MISHAPS, NATURAL_CAUSES, VEHICLE_OWNERS, VEHICLES

if TYPE_CHECKING:
    from spacy.tokens import Token


def accidental_fire(subj: Token) -> bool:
    """A fire of a place or thing (`FIRE_SITES`: "a basement fire", "the house fire"), an
    accident: not gunfire ("tank fire", "Israeli fire"), which `WEAPONS` reads."""
    return subj.lemma_.lower() in ("fire", "blaze") and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in FIRE_SITES for c in subj.children
    )


def natural_cause(verb: Token) -> bool:
    """A passive's cause that is a force of nature or an accident: any `NATURAL_CAUSES`
    or vehicle no party drives (`accident_vehicle`) after "by" ("was struck by
    lightning", "was hit by a car"), a `MISHAPS` happening after "in" or "during" ("was
    killed in a car accident", "were injured in the quake") or a fire of a place ("died
    in a house fire"). A bare "fire" is as often gunfire or arson ("killed in the fire"
    stays a party's act: as a `MISHAPS` word it cost a matched test-split event). The
    passive it is a conjunct of says it too ("was hit by a car and killed", "struck,
    killed by car"). As the subject of the active ("an earthquake killed …",
    `thing_subject`), no party acts (issue 17)."""
    verbs = [verb, *verb.conjuncts]
    if not any(children(v, "nsubjpass") for v in verbs):
        return False
    return any(
        (c.lower_ == "by" and (p.lemma_.lower() in NATURAL_CAUSES or accident_vehicle(p)))
        or (c.lower_ in ("in", "during") and (p.lemma_.lower() in MISHAPS or accidental_fire(p)))
        for v in verbs
        for c in children(v, "prep", "agent")
        for p in children(c, "pobj")
    )


def accident_vehicle(p: Token) -> bool:
    """A vehicle (`VEHICLES`) no party drives: "hit by a car", not "run over by a police
    vehicle" or "an Israeli army truck" (`VEHICLE_OWNERS`, or a nationality or
    organisation the parser names), which are a party's acts as often as accidents."""
    return p.lemma_.lower() in VEHICLES and not any(
        c.dep_ in ("compound", "amod", "poss", "nmod")
        and (c.lemma_.lower() in VEHICLE_OWNERS or c.ent_type_ in ("NORP", "ORG", "GPE"))
        for c in p.children
    )
