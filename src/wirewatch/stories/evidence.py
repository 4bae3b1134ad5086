"""Positive evidence that two reports tell one act, and the learned score over it.

A *unit* is what one report says of one act: the events of one type group in one
article that do not conflict with each other (the article's first such event anchors
the rest). Two units are scored on what they share: named participants, words of the
event sentences and of the reports' leads, places near each other, agreeing dates and
figures, the same sides. The weights are a logistic regression fitted on development
topics (training/fit_stories.py) and shipped as `data/stories/model.json`.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .text import Idf, cosine

if TYPE_CHECKING:
    from . import Member

MODEL_FILE = "data/stories/model.json"
DATE_WINDOW = {"day": 1, "week": 7, "month": 31, "year": 366}
NEAR_KM = 50.0
FAR_KM = 300.0
POINT_PRECISIONS = ("point", "district")

FEATURES = (
    "sent_cos",  # TF-IDF cosine of the event sentences
    "lead_cos",  # of the reports' titles and lead sentences
    "body_cos",  # of the whole reports
    "names_event",  # named participants both events name (weighted by rarity)
    "names_doc",  # named people and organisations both reports name (cosine of weights)
    "place_near",  # a place of each within 50 km, or the same admin1 region
    "place_far",  # points of both, none within 300 km and no shared region
    "country_clash",  # place countries known for both and disjoint
    "date_agree",  # dates told in the text agree within their precision
    "date_clash",  # dates told in the text, none agreeing
    "figure_agree",  # the same figure given
    "side_agree",  # the same actor country
    "side_clash",  # different actor countries, no common one
)

_NAME_CUT = re.compile(r"['’]s?$")
_NAME_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_NAME_STOP = {"the", "of", "and", "a", "an", "mr", "mrs", "ms", "dr"}


def name_keys(name: str | None, kind: str | None = None) -> set[str]:
    """Keys under which a named participant is matched across reports: the whole name,
    and a person's surname (reports name a person in full once, then by surname)."""
    if not name:
        return set()
    words = [w for w in _NAME_WORD.findall(_NAME_CUT.sub("", name.strip()).lower())]
    words = [w for w in words if w not in _NAME_STOP]
    if not words:
        return set()
    keys = {"n:" + " ".join(words)}
    if kind == "person" and len(words[-1]) > 2:
        keys.add("s:" + words[-1])
    return keys


def entity_keys(entity: str | None, name: str | None, kind: str | None) -> set[str]:
    """Keys of one named mention: its curated entity id when it has one ('european-union'),
    else its name's keys."""
    if entity and ":" not in entity:
        return {"e:" + entity}
    return name_keys(name, kind)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def dates_agree(a: date, pa: str | None, b: date, pb: str | None) -> bool:
    window = max(DATE_WINDOW.get(pa or "day", 1), DATE_WINDOW.get(pb or "day", 1))
    return abs((a - b).days) <= window


@dataclass
class Unit:
    """What one report says of one act (see the module's docstring)."""

    idx: int
    article: str
    members: list[Member]
    names: set[str] = field(default_factory=set)
    points: list[tuple[float, float, str | None]] = field(default_factory=list)
    admin1: set[tuple[str, str]] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    told_dates: list[tuple[date, str | None]] = field(default_factory=list)
    figures: set[float] = field(default_factory=set)
    sides: set[str] = field(default_factory=set)
    sent: dict[str, float] = field(default_factory=dict)
    sent_words: list[str] = field(default_factory=list)

    def add(self, m: Member) -> None:
        self.members.append(m)
        self.names |= m.names
        if m.lat is not None and m.lon is not None and m.precision in POINT_PRECISIONS:
            self.points.append((m.lat, m.lon, m.place_admin1))
        if m.place_admin1 and m.place_country:
            self.admin1.add((m.place_country, m.place_admin1))
        if m.place_country:
            self.countries.add(m.place_country)
        if m.date is not None and m.date_told:
            self.told_dates.append((m.date, m.date_precision))
        if m.quantity is not None:
            self.figures.add(m.quantity)
        if m.actor_country:
            self.sides.add(m.actor_country)

    @property
    def date(self) -> date | None:
        dated = [m.date for m in self.members if m.date]
        return min(dated) if dated else None

    @property
    def first(self) -> Member:
        return self.members[0]


def conflict(u: Unit, m: Member) -> bool:
    """Does an event of the same report clearly tell another act than the unit's?"""
    if m.lat is not None and m.precision in POINT_PRECISIONS and u.points:
        if all(_km((m.lat, m.lon or 0.0), p[:2]) > NEAR_KM for p in u.points) and not any(
            m.place_admin1 and m.place_admin1 == p[2] for p in u.points
        ):
            return True
    if m.date is not None and m.date_told and u.told_dates:
        if not any(dates_agree(m.date, m.date_precision, d, p) for d, p in u.told_dates):
            return True
    return False


@dataclass
class Context:
    """What the features of one type group need beyond the two units: document
    frequencies and each article's vectors."""

    idf: Idf  # over the words of the group's articles
    name_idf: Idf  # over the named participants of the group's articles
    lead: dict[str, dict[str, float]]
    body: dict[str, dict[str, float]]
    doc_names: dict[str, dict[str, float]]  # article -> unit-length name weights


def features(a: Unit, b: Unit, ctx: Context) -> list[float]:
    f = dict.fromkeys(FEATURES, 0.0)
    f["sent_cos"] = cosine(a.sent, b.sent)
    f["lead_cos"] = cosine(ctx.lead[a.article], ctx.lead[b.article])
    f["body_cos"] = cosine(ctx.body[a.article], ctx.body[b.article])
    shared = a.names & b.names
    if shared:
        f["names_event"] = math.log1p(sum(ctx.name_idf(k) for k in shared))
    f["names_doc"] = cosine(ctx.doc_names[a.article], ctx.doc_names[b.article])
    near = any(_km(p[:2], q[:2]) <= NEAR_KM for p in a.points for q in b.points)
    if near or (a.admin1 & b.admin1):
        f["place_near"] = 1.0
    elif (
        a.points
        and b.points
        and all(_km(p[:2], q[:2]) > FAR_KM for p in a.points for q in b.points)
    ):
        f["place_far"] = 1.0
    if a.countries and b.countries and not (a.countries & b.countries):
        f["country_clash"] = 1.0
    if a.told_dates and b.told_dates:
        agree = any(dates_agree(d, p, e, q) for d, p in a.told_dates for e, q in b.told_dates)
        f["date_agree" if agree else "date_clash"] = 1.0
    if a.figures & b.figures:
        f["figure_agree"] = 1.0
    if a.sides and b.sides:
        f["side_agree" if a.sides & b.sides else "side_clash"] = 1.0
    return [f[k] for k in FEATURES]


def positive(x: list[float]) -> bool:
    """Is there any evidence beyond the shared type? Without it a pair is never linked."""
    f = dict(zip(FEATURES, x, strict=True))
    return (
        f["names_event"] > 0
        or f["names_doc"] >= 0.1
        or f["sent_cos"] >= 0.1
        or f["lead_cos"] >= 0.1
        or f["place_near"] > 0
        or f["figure_agree"] > 0
    )


@dataclass(frozen=True)
class Model:
    weights: tuple[float, ...]
    bias: float
    threshold: float  # average-linkage score at which two stories merge
    info: dict[str, Any]

    def score(self, x: list[float]) -> float:
        if not positive(x):
            return 0.0
        z = self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Model:
        w = d["weights"]
        return cls(tuple(float(w.get(k, 0.0)) for k in FEATURES), float(d["bias"]),
                   float(d["threshold"]), d.get("info", {}))  # fmt: skip


@cache
def load_model() -> Model:
    text = resources.files("wirewatch").joinpath(MODEL_FILE).read_text("utf-8")
    return Model.from_dict(json.loads(text))
