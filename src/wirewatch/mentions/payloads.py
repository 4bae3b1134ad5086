"""What a mention says, by kind: frozen records the mentions stage hands on.

Each payload serialises (`to_dict`) to the keys the mention record has always had, in
the same order; a key a pass did not set stays out of the record (an actor's `title`,
`of`, `type`, `refers_to`, `country_from`; a figure's `low`, `high`, `of`; a source's
party and `refers_to`). Passes that learn more later build a new payload with
`dataclasses.replace`; nothing edits one in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from .gazetteer import Place
from .ids import EntityId

# The entity of a party not yet identified (only while a pass builds it).
NO_ENTITY = EntityId("")


@dataclass(frozen=True)
class ActorPayload:
    """A party: who it is (a named person or body, or a role), whose it is, and how
    what is known of it was found. Sectors are plain codes (`Sector.GOV.value`)."""

    KIND: ClassVar[str] = "actor"

    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None
    org: str | None = None
    title: str | None = None
    entity: EntityId = NO_ENTITY
    type: str | None = None  # person | group | organisation; None: not stated
    # Whether the record states a title at all (states, nations and organisations the
    # dictionary lacks do not, not even an empty one).
    has_title: bool = True
    # "his office": the person whose office it is (recorded as `of`, before `entity`).
    office_of: str | None = None
    # "Taliban fighters", "European Union leaders": the named party it acts for (recorded
    # as `of`, after `entity`; in the earlier place when `office_of` holds it).
    acts_for: str | None = None
    # The mention this one stands for ("the minister", "he"): its raw offsets.
    refers_to: tuple[int, int] | None = None
    country_from: str | None = None  # antecedent | dateline, when the text named none

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "org": self.org,
        }
        if self.has_title:
            d["title"] = self.title
        if self.office_of is not None:
            d["of"] = self.acts_for if self.acts_for is not None else self.office_of
        d["entity"] = self.entity
        if self.type is not None:
            d["type"] = self.type
        if self.office_of is None and self.acts_for is not None:
            d["of"] = self.acts_for
        if self.refers_to is not None:
            d["refers_to"] = list(self.refers_to)
        if self.country_from is not None:
            d["country_from"] = self.country_from
        return d


@dataclass(frozen=True)
class PlacePayload:
    """A place resolved in the gazetteer, and its role: where an event is (`event`), the
    dateline's place (`dateline`), a country or capital standing for its state
    (`metonymic`), a people's adjective ("Russian warplanes": `adjectival`), or the place
    a body's name is named after ("Gainesville Police": `embedded`). Only
    `event` and `dateline` places locate events.

    `lat`/`lon` are a dot an event may take: None for a whole country. The record printed
    for the mention gives the place's representative point (`ref_lat`/`ref_lon`: a
    town's own point, the GeoNames point of a country, the middle of an admin unit) with
    its precision, and `point` says whether it is a dot."""

    KIND: ClassVar[str] = "place"

    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str
    precision: str  # point | district | admin1 | country
    point: bool
    role: str  # event | dateline | metonymic | adjectival | embedded | origin
    admin2: str | None = None
    ref_lat: float | None = None
    ref_lon: float | None = None
    adjectival: bool = False
    score: float | None = None  # the ranking model's probability, when it chose

    @classmethod
    def of(
        cls, p: Place, role: str, adjectival: bool = False, score: float | None = None
    ) -> PlacePayload:
        """A gazetteer place as a record: no dot for a whole country."""
        return cls(
            name=p.name,
            country=p.country,
            admin1=p.admin1,
            lat=p.lat if p.lat is not None and p.precision != "country" else None,
            lon=p.lon if p.lon is not None and p.precision != "country" else None,
            geonameid=p.geonameid,
            feature=p.feature,
            precision=p.precision,
            point=p.precision in ("point", "district") and p.feature != "county",
            role=role,
            admin2=p.admin2,
            ref_lat=p.lat,
            ref_lon=p.lon,
            adjectival=adjectival,
            score=score,
        )

    def to_dict(self) -> dict[str, Any]:
        d = {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "lat": self.ref_lat if self.ref_lat is not None else self.lat,
            "lon": self.ref_lon if self.ref_lon is not None else self.lon,
            "geonameid": self.geonameid,
            "feature": self.feature,
            "precision": self.precision,
            "point": self.point,
            "role": self.role,
        }
        if self.adjectival:
            d["adjectival"] = True
        if self.score is not None:
            d["score"] = round(self.score, 3)
        return d


@dataclass(frozen=True)
class DatePayload:
    """A date resolved against the publication date."""

    KIND: ClassVar[str] = "date"

    value: str  # ISO date
    precision: str  # day | week | month | year
    relative: bool

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "relative": self.relative}


@dataclass(frozen=True)
class QuantityPayload:
    """A figure: its value, how exact it is, what it counts, the range of a vague one
    ("hundreds") and the total of "3 of the 12 …"."""

    KIND: ClassVar[str] = "quantity"

    value: float
    qualifier: str
    unit: str | None
    low: float | None = None
    high: float | None = None
    of: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"value": self.value, "qualifier": self.qualifier, "unit": self.unit}
        if self.low is not None:
            d.update(low=self.low, high=self.high)
        if self.of is not None:
            d["of"] = self.of
        return d


@dataclass(frozen=True)
class Source:
    """Who an attribution names: its words, the party they are (when one is known,
    `known`), and for "it"/"they" the words of the source before (`refers_to`)."""

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    known: bool = False
    refers_to: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text}
        if self.known:
            d.update(name=self.name, country=self.country, sector=self.sector, org=self.org)
        if self.refers_to is not None:
            d["refers_to"] = self.refers_to
        return d


@dataclass(frozen=True)
class AttributionPayload:
    """Who says what: the source, its raw offsets, the clause attributed and the verb."""

    KIND: ClassVar[str] = "attribution"

    source: Source
    source_start: int
    source_end: int
    clause_start: int
    clause_end: int
    verb: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "source_start": self.source_start,
            "source_end": self.source_end,
            "clause_start": self.clause_start,
            "clause_end": self.clause_end,
            "verb": self.verb,
        }


Payload = ActorPayload | PlacePayload | DatePayload | QuantityPayload | AttributionPayload
