"""Entity ids: one type and one place that spells them.

Mentions of one party share an entity id, whatever words name it. The kinds:
`person:<folded name>`, `org:<folded name>`, `state:<ISO3>`, `people:<ISO3>` (a nation),
`people` (civilians, unnamed), `place:<ISO3>`, a dictionary entry's id (its folded name,
spaces as hyphens), and a role `<country or org or ?>:<sector>:<title>` ("TJK:GOV:
president"; `?` until the country is known).
"""

from __future__ import annotations

from typing import NewType

from .text import fold

EntityId = NewType("EntityId", str)

# Civilians no one names ("people fled").
PEOPLE = EntityId("people")
# The owner of a role whose country is not known yet.
UNKNOWN_OWNER = "?"


def person_id(name: str) -> EntityId:
    return EntityId(f"person:{fold(name)}")


def org_id(name: str) -> EntityId:
    return EntityId(f"org:{fold(name)}")


def state_id(iso: str | None) -> EntityId:
    return EntityId(f"state:{iso}")


def people_id(iso: str | None) -> EntityId:
    return EntityId(f"people:{iso}")


def place_id(iso: str | None) -> EntityId:
    return EntityId(f"place:{iso}")


def entry_id(key: str) -> EntityId:
    """A dictionary entry's id from its folded name."""
    return EntityId(key.replace(" ", "-"))


def role_id(owner: str | None, sector: str | None, title: str | None) -> EntityId:
    """Whoever holds a role: "TJK:MIL:border guard service"; "?:COP:police" while the
    country is unknown."""
    return EntityId(f"{owner or UNKNOWN_OWNER}:{sector}:{title}")


def ownerless(entity: object) -> bool:
    """A role id still waiting for its country."""
    return str(entity).startswith(UNKNOWN_OWNER + ":")


def with_owner(entity: str, owner: str) -> EntityId:
    """The role id `entity` (see `ownerless`) with its country filled in."""
    return EntityId(owner + entity[len(UNKNOWN_OWNER) :])
