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
from typing import Any

from .member import Member
from .text import Idf, cosine

MODEL_FILE = "data/stories/model.json"
DATE_WINDOW = {"day": 1, "week": 7, "month": 31, "year": 366}
NEAR_KM = 50.0
FAR_KM = 300.0
REPORT_DAYS = 7
POINT_PRECISIONS = ("point", "district")

FEATURES = (
    "sent_cos",  # TF-IDF cosine of the event sentences
    "lead_cos",  # of the reports' titles and lead sentences
    "cross_cos",  # an event sentence of one against the lead of the other (best of both)
    "body_cos",  # of the whole reports
    "context_cos",  # of the words around the events in each report
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
    "year_agree",  # the latest year each report's text names is the same
    "year_clash",  # the latest years named lie more than a year apart
    "person_agree",  # the person each report names most is the same
    "person_clash",  # the person each report names most, and the other never names them
)

# What the events themselves share, whatever else their reports tell: the features of the
# "act" head, fitted on gold event coreference (the "report" head uses every feature and
# is fitted on reports of one real event).
ACT_FEATURES = (
    "sent_cos", "cross_cos", "context_cos", "names_event", "place_near", "place_far",
    "country_clash", "date_agree", "date_clash", "figure_agree", "side_agree", "side_clash",
)  # fmt: skip

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


def figures_agree(a: float, b: float) -> bool:
    """The same figure, or two counts of one thing within a tenth of each other
    ("1,037" and "more than 1,000"); small counts must be equal."""
    if a == b:
        return True
    return min(a, b) >= 20 and abs(a - b) <= 0.1 * max(a, b)


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
    # dates not told by the text (the publication date, or counted from it)
    report_dates: list[tuple[date, str | None]] = field(default_factory=list)
    published: set[date] = field(default_factory=set)  # its article's publication date
    figures: set[float] = field(default_factory=set)
    sides: set[str] = field(default_factory=set)
    sents: list[dict[str, float]] = field(default_factory=list)  # one vector per event

    context: dict[str, float] = field(default_factory=dict)  # words around its events

    def add(self, m: Member, vec: dict[str, float] | None = None) -> None:
        self.members.append(m)
        self.sents.append(vec or {})
        self.names |= m.names
        if m.lat is not None and m.lon is not None and m.precision in POINT_PRECISIONS:
            self.points.append((m.lat, m.lon, m.place_admin1))
        if m.place_admin1 and m.place_country:
            self.admin1.add((m.place_country, m.place_admin1))
        if m.place_country:
            self.countries.add(m.place_country)
        if m.date is not None:
            (self.told_dates if m.date_told else self.report_dates).append(
                (m.date, m.date_precision)
            )
        if m.published is not None:
            self.published.add(m.published)
        if m.quantity is not None and m.qualifier != "vague":
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
    if (
        m.lat is not None
        and m.precision in POINT_PRECISIONS
        and u.points
        and all(_km((m.lat, m.lon or 0.0), p[:2]) > NEAR_KM for p in u.points)
        and not any(m.place_admin1 and m.place_admin1 == p[2] for p in u.points)
    ):
        return True
    return (
        m.date is not None
        and m.date_told
        and bool(u.told_dates)
        and not any(dates_agree(m.date, m.date_precision, d, p) for d, p in u.told_dates)
    )


def same_act(u: Unit, m: Member) -> bool:
    """Does an event tell the act that an earlier unit of its own report tells? A report
    tells one act of a kind unless it shows otherwise: another place or date (`conflict`),
    another side acting, or another figure."""
    if conflict(u, m):
        return False
    if m.actor_country and u.sides and m.actor_country not in u.sides:
        return False
    return not (
        m.quantity is not None
        and m.qualifier != "vague"
        and u.figures
        and not any(figures_agree(m.quantity, f) for f in u.figures)
    )


@dataclass
class Context:
    """What the features of one type group need beyond the two units: document
    frequencies and each article's vectors."""

    idf: Idf  # over the words of the group's articles
    name_idf: Idf  # over the named participants of the group's articles
    lead: dict[str, dict[str, float]]
    body: dict[str, dict[str, float]]
    doc_names: dict[str, dict[str, float]]  # article -> unit-length name weights
    # article -> the latest year its text names (reports of one act name the same years,
    # reports of an earlier or later act of the same kind name others)
    year: dict[str, int] = field(default_factory=dict)
    # article -> (the key of the person it names most, every name key it holds): whom a
    # report is about
    person: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)


def published_apart(a: Unit, b: Unit) -> bool:
    """Reports whose sources gave publication dates more than REPORT_DAYS (and a day)
    apart: surely not one act, however alike their words."""
    if not (a.published and b.published):
        return False
    return not any(abs((d - e).days) <= REPORT_DAYS + 1 for d in a.published for e in b.published)


def apart_in_time(a: Unit, b: Unit) -> bool:
    """Without publication dates from the source: reports dated only by when they
    appeared (or by dates counted from it), more than REPORT_DAYS apart beyond their
    precision. Weaker than `published_apart`: a report often counts back to an earlier
    act it only recalls, and a publication date guessed from the text may be any date
    the text holds (on ECB+ such pairs are as often one story as two)."""
    if (a.published and b.published) or not a.report_dates or not b.report_dates:
        return False
    return not any(
        abs((d - e).days)
        <= REPORT_DAYS + max(DATE_WINDOW.get(p or "day", 1), DATE_WINDOW.get(q or "day", 1))
        for d, p in a.report_dates
        for e, q in b.report_dates
    )


def features(a: Unit, b: Unit, ctx: Context) -> list[float]:
    f = dict.fromkeys(FEATURES, 0.0)
    f["sent_cos"] = max((cosine(x, y) for x in a.sents for y in b.sents), default=0.0)
    la, lb = ctx.lead[a.article], ctx.lead[b.article]
    f["lead_cos"] = cosine(la, lb)
    f["cross_cos"] = max(
        max((cosine(x, lb) for x in a.sents), default=0.0),
        max((cosine(la, y) for y in b.sents), default=0.0),
    )
    f["body_cos"] = cosine(ctx.body[a.article], ctx.body[b.article])
    f["context_cos"] = cosine(a.context, b.context)
    shared = a.names & b.names
    if shared:
        f["names_event"] = math.log1p(sum(ctx.name_idf(k) for k in sorted(shared)))
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
    if any(figures_agree(x, y) for x in a.figures for y in b.figures):
        f["figure_agree"] = 1.0
    if a.sides and b.sides:
        f["side_agree" if a.sides & b.sides else "side_clash"] = 1.0
    ya, yb = ctx.year.get(a.article), ctx.year.get(b.article)
    if ya and yb:
        if ya == yb:
            f["year_agree"] = 1.0
        elif abs(ya - yb) > 1:
            f["year_clash"] = 1.0
    pa, pb = ctx.person.get(a.article), ctx.person.get(b.article)
    if pa and pb:
        if pa[0] == pb[0]:
            f["person_agree"] = 1.0
        elif pa[0] not in pb[1] and pb[0] not in pa[1]:
            f["person_clash"] = 1.0
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


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Model:
    """Two logistic heads over the features: "report" (the two reports tell one real
    event) and "act" (the two events are one act, from what the events share); a pair's
    score is the higher of the two, 0 without positive evidence."""

    weights: tuple[float, ...]  # report head, over FEATURES
    bias: float
    threshold: float  # average-linkage score at which two stories merge
    info: dict[str, Any]
    act_weights: tuple[float, ...] = ()  # act head, over FEATURES (0 outside ACT_FEATURES)
    act_bias: float = -30.0

    def score(self, x: list[float]) -> float:
        if not positive(x):
            return 0.0
        report = _sigmoid(self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True)))
        if not self.act_weights:
            return report
        act = sum(w * v for w, v in zip(self.act_weights, x, strict=True))
        return max(report, _sigmoid(self.act_bias + act))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Model:
        w, a = d["weights"], d.get("act_weights") or {}
        return cls(
            weights=tuple(float(w.get(k, 0.0)) for k in FEATURES),
            bias=float(d["bias"]),
            threshold=float(d["threshold"]),
            info=d.get("info", {}),
            act_weights=tuple(float(a.get(k, 0.0)) for k in FEATURES) if a else (),
            act_bias=float(d.get("act_bias", -30.0)),
        )


@cache
def load_model() -> Model:
    text = resources.files("wirewatch").joinpath(MODEL_FILE).read_text("utf-8")
    return Model.from_dict(json.loads(text))
