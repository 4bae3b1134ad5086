"""The event record, version 1: the contract `wirewatch extract` prints (see
docs/event-record.md). Every filled field can carry the raw-text span it came from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

RECORD_VERSION = 1
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
MODALITIES = (
    "asserted",
    "negated",
    "planned",
    "intended",
    "conditional",
    "considered",
    "promised",
    "hypothetical",
)


@dataclass
class Party:
    text: str
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None
    org: str | None = None  # for international actors: UN, NATO, CSTO ...
    # Where the country came from when the party's own words do not say it:
    # "attribution", "place" (the event's place), "article" (the article's focus country),
    # "antecedent" / "dateline" (the mention pass's), "model" (`country.choose` overriding).
    country_from: str | None = None
    implied: bool = False  # no words name the party: the act implies it ("was arrested")


@dataclass
class Place:
    text: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str = "country"  # point | district | admin1 | country


@dataclass
class DateValue:
    value: str  # YYYY-MM-DD
    precision: str = "day"  # day | week | month | year


@dataclass
class Quantity:
    value: float
    qualifier: str = "exact"
    unit: str | None = None
    text: str = ""


@dataclass
class Attribution:
    source: str
    text: str


@dataclass
class Evidence:
    start: int
    end: int
    sentence: str
    trigger: str


@dataclass
class EventRecord:
    article_id: str
    event_type: str
    evidence: Evidence
    mode: str | None = None
    actor: Party | None = None
    recipient: Party | None = None
    location: Place | None = None
    date: DateValue | None = None
    quantity: Quantity | None = None
    attribution: Attribution | None = None
    modality: str = "asserted"
    confidence: float = 0.5
    # Views in other ontologies (docs/views.md): PLOVER quad class 1-4, CAMEO root code
    # "01"-"20", ACLED sub-event type (CASE 2021 spelling) and its event type, or None.
    quad: int | None = None
    cameo_root: str | None = None
    acled_subtype: str | None = None
    acled_event_type: str | None = None
    # Raw-text span [start, end) of each filled field, by field name.
    spans: dict[str, list[int]] = field(default_factory=dict)
    # Where the place and the date were found (docs/event-record.md): clause, sentence,
    # paragraph, dateline, actor (the town in the actor's name, or its country), article
    # (the town the article names most in that country, or its focus country);
    # for dates also lead (the first day the article's lead names) and published (the
    # publication day, nothing in the text).
    location_from: str | None = None
    date_from: str | None = None
    # History retold for context (dated well before publication): kept, but never shown
    # on the map or in the ACLED/GDELT views by default.
    background: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventRecord:
        """The typed record of a written one (store rows, batch shards); unknown keys such
        as a reader's own `article_id` columns are ignored."""

        def build(kind: type, value: Any) -> Any:
            if value is None:
                return None
            names = {f for f in kind.__dataclass_fields__}
            return kind(**{k: v for k, v in value.items() if k in names})

        known = {f for f in cls.__dataclass_fields__}
        rec = {k: v for k, v in d.items() if k in known}
        rec["evidence"] = build(Evidence, d["evidence"])
        for key, kind in (
            ("actor", Party),
            ("recipient", Party),
            ("location", Place),
            ("date", DateValue),
            ("quantity", Quantity),
            ("attribution", Attribution),
        ):
            rec[key] = build(kind, d.get(key))
        return cls(**rec)
