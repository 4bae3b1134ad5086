"""Per-type policies of event extraction, from the table `data/events/type_policies.tsv`
(one row per PLOVER type, one yes/no column per policy; the columns are described in the
file's header).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources

from .record import PLOVER_TYPES

FILE = "data/events/type_policies.tsv"


@dataclass(frozen=True)
class TypePolicy:
    type: str
    domestic: bool  # the actor acts at home unless the text says otherwise
    conflict: bool  # "agreed to ban": the ban is the event, not the agreement
    referring: bool  # its object may name another event whose doer is the recipient
    destination: bool  # "to <place>" is where it happens: aid sent to, troops moved to
    place_target: bool  # its target may be a place: "fired rockets at Tel Aviv"
    ends_as_retreat: bool  # "ceased attacks": a verb of ending makes it a RETREAT
    movement: bool  # troop movements: keyed by actor alone, the same mode is one action
    mutual: bool  # "Jordan and Britain agreed": each party acts with the other
    counts_recipients: bool  # its number counts who it acts on: one person is 1
    counts_money: bool  # a money figure may be its number: a fine, a duty, an aid package
    source_from: bool  # its noun names its doer with "from": "protests from residents"
    habitual: bool  # a material act: in the simple present it is habitual, not news
    threat_unrealised: bool  # promised or intended, not done, it is a THREATEN: "vowed to fight"
    own_word: bool  # a saying: a named person doing it in no one's words is its own source
    undergone: bool  # "came under attack": the subject undergoes the noun after "under"
    side_by_side: bool  # "Britain and France condemned": co-subjects are no recipients
    demonym_sector: str  # who "Israeli" stands for in "an Israeli strike"


_FLAGS = tuple(f.name for f in fields(TypePolicy) if f.type == "bool")


@cache
def load_policies() -> dict[str, TypePolicy]:
    """The table by type; every PLOVER type has exactly one row."""
    text = resources.files("wirewatch").joinpath(FILE).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    out: dict[str, TypePolicy] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        typ = row["type"]
        if typ not in PLOVER_TYPES or typ in out:
            raise ValueError(f"type_policies.tsv: {typ!r} is not a PLOVER type or is repeated")
        flags = {}
        for name in _FLAGS:
            value = row[name]
            if value not in ("yes", "no"):
                raise ValueError(f"type_policies.tsv: {typ} {name} is {value!r}, not yes/no")
            flags[name] = value == "yes"
        out[typ] = TypePolicy(typ, **flags, demonym_sector=row["demonym_sector"])
    missing = set(PLOVER_TYPES) - set(out)
    if missing:
        raise ValueError(f"type_policies.tsv: no row for {sorted(missing)}")
    return out


def types_with(policy: str) -> frozenset[str]:
    """The types for which a yes/no policy holds."""
    return frozenset(t for t, p in load_policies().items() if getattr(p, policy))


DOMESTIC = types_with("domestic")
CONFLICT = types_with("conflict")
REFERRING = types_with("referring")
DESTINATION = types_with("destination")
PLACE_TARGET = types_with("place_target")
ENDS_AS_RETREAT = types_with("ends_as_retreat")
MOVEMENT = types_with("movement")
MUTUAL = types_with("mutual")
COUNTS_RECIPIENTS = types_with("counts_recipients")
COUNTS_MONEY = types_with("counts_money")
SOURCE_FROM = types_with("source_from")
HABITUAL = types_with("habitual")
THREAT_UNREALISED = types_with("threat_unrealised")
OWN_WORD = types_with("own_word")
UNDERGONE = types_with("undergone")
SIDE_BY_SIDE = types_with("side_by_side")
# Who "Israeli" stands for in "an Israeli strike", by the event's type (GOV otherwise).
DEMONYM_SECTOR = {
    t: p.demonym_sector for t, p in load_policies().items() if p.demonym_sector != "GOV"
}


IMPLIED_FILE = "data/events/implied_actors.tsv"


@dataclass(frozen=True)
class ImpliedActor:
    """The doer an agentless act implies ("was arrested": the police)."""

    sector: str
    text: str


@cache
def implied_actors() -> dict[tuple[str, str], ImpliedActor]:
    """(trigger lemma, event type) -> the implied doer, from `implied_actors.tsv`."""
    text = resources.files("wirewatch").joinpath(IMPLIED_FILE).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    out = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        if row["type"] not in PLOVER_TYPES:
            raise ValueError(f"implied_actors.tsv: {row['type']!r} is not a PLOVER type")
        out[(row["lemma"], row["type"])] = ImpliedActor(row["sector"], row["text"])
    return out
