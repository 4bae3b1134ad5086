"""Stories: one real event, many reports.

Events from different articles join one story when they are the same kind of act by the
same side against the same side, at compatible places and dates (`compatible`).
Clustering is complete-linkage and deterministic: events are taken in (date, key) order
and each joins the first story all of whose members it is compatible with, so a story
can always be rebuilt from the stored events. Figures are kept per report and one is
chosen by `reconcile` (docs/stories.md).
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from ..mentions.quantities import QUALIFIER_RANK
from ..sectors import Sector

# Same act told with different words: a promised and a carried-out retreat, etc.
TYPE_GROUP = {"CONCEDE": "RETREAT", "RETREAT": "RETREAT"}
# The state's own sides are one side for matching reports ("Afghan troops" / "the Afghan
# government" fled); other sectors must agree.
STATE = {Sector.GOV, Sector.MIL, Sector.COP}
DATE_WINDOW = {"day": 1, "week": 7, "month": 31, "year": 366}
NEAR_KM = 50.0
# Precisions at which a place is a real point (a district counts: its centre is within a
# few kilometres); admin1 and country places are never points, on a map or in matching.
POINT_PRECISIONS = ("point", "district")


@dataclass
class Member:
    """What clustering needs of one stored event."""

    key: str
    event_type: str
    article: str  # the article's key
    outlet: str  # the outlet (source), or the article when unknown
    actor_country: str | None = None
    actor_sector: str | None = None
    recipient_country: str | None = None
    place_country: str | None = None
    place_admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    date: date | None = None
    date_precision: str | None = None
    quantity: float | None = None
    qualifier: str | None = None
    quantity_text: str | None = None
    attribution: str | None = None
    seen: datetime | None = None
    confidence: float = 0.5
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Story:
    key: str
    event_type: str
    members: list[Member]
    figure: dict[str, Any] | None
    figures: list[dict[str, Any]]

    @property
    def num_articles(self) -> int:
        return len({m.article for m in self.members})

    @property
    def num_sources(self) -> int:
        return len({m.outlet for m in self.members})

    @property
    def first_seen(self) -> datetime | None:
        seen = [m.seen for m in self.members if m.seen]
        return min(seen) if seen else None

    @property
    def last_seen(self) -> datetime | None:
        seen = [m.seen for m in self.members if m.seen]
        return max(seen) if seen else None

    @property
    def date(self) -> date | None:
        """The most precise date any report gives; the earliest of equals."""
        dated = [m for m in self.members if m.date]
        if not dated:
            return None
        order = list(DATE_WINDOW)
        return min(dated, key=lambda m: (order.index(m.date_precision or "year"), m.date)).date


def _km(a: Member, b: Member) -> float:
    r = 6371.0
    p1, p2 = math.radians(a.lat or 0), math.radians(b.lat or 0)
    dp, dl = p2 - p1, math.radians((b.lon or 0) - (a.lon or 0))
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


def _side(country: str | None, sector: str | None) -> tuple[str | None, str | None]:
    return country, ("STATE" if sector in STATE else sector)


def compatible(a: Member, b: Member) -> bool:
    """Could two reported events be the same real event?"""
    if TYPE_GROUP.get(a.event_type, a.event_type) != TYPE_GROUP.get(b.event_type, b.event_type):
        return False
    sa, sb = _side(a.actor_country, a.actor_sector), _side(b.actor_country, b.actor_sector)
    if sa[0] and sb[0] and sa[0] != sb[0]:
        return False
    if sa[1] and sb[1] and sa[1] != sb[1]:
        return False
    if a.recipient_country and b.recipient_country and a.recipient_country != b.recipient_country:
        return False
    if not _places_agree(a, b):
        return False
    if a.date and b.date:
        window = max(
            DATE_WINDOW.get(a.date_precision or "day", 1),
            DATE_WINDOW.get(b.date_precision or "day", 1),
        )
        if abs((a.date - b.date).days) > window:
            return False
    return True


def _places_agree(a: Member, b: Member) -> bool:
    if not a.place_country or not b.place_country:
        return True  # one report does not say where
    fine = POINT_PRECISIONS
    if a.precision in fine and b.precision in fine and a.lat is not None and b.lat is not None:
        if _km(a, b) <= NEAR_KM:
            return True
        return bool(a.place_admin1) and a.place_admin1 == b.place_admin1
    if a.place_admin1 and b.place_admin1:
        return a.place_admin1 == b.place_admin1 and a.place_country == b.place_country
    # A country-level place agrees with any place in that country. A report placing the
    # act on either side of a border (fled from Badakhshan / into Tajikistan) is allowed
    # when the actors agree, which `compatible` has checked.
    return True


def reconcile(members: list[Member]) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """(the story's figure, every figure with who reported it).

    The rule: an exact figure beats "at least", which beats "about" and "more than",
    which beat "less than", which beats a vague word ("hundreds"); between equals an
    attributed figure beats an unattributed one, then the figure more reports give,
    then the latest report, then the larger value.
    """
    figures = [
        {
            "value": m.quantity,
            "qualifier": m.qualifier or "exact",
            "text": m.quantity_text,
            "outlet": m.outlet,
            "article": m.article,
            "attribution": m.attribution,
            "event": m.key,
        }
        for m in members
        if m.quantity is not None
    ]
    if not figures:
        return None, []
    support: dict[float, int] = {}
    for f in figures:
        support[f["value"]] = support.get(f["value"], 0) + 1
    seen = {m.key: m.seen for m in members}

    def rank(f: dict[str, Any]) -> tuple:
        when = seen.get(f["event"])
        return (
            QUALIFIER_RANK.get(f["qualifier"], 0),
            f["attribution"] is not None,
            support[f["value"]],
            when.timestamp() if when else 0.0,
            f["value"],
        )

    best = max(figures, key=rank)
    figures.sort(key=lambda f: (f["outlet"], f["article"], f["event"]))
    return best, figures


@dataclass
class _Group:
    idx: int  # creation order, which is also the order of first dates
    members: list[Member]
    first: date | None
    widest: int  # the longest date window of any member


class _Bucket:
    """The stories of one type group, indexed so that an event is compared only with
    stories whose dates could agree with its own."""

    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self.firsts: list[date] = []  # first dates of the dated groups, non-decreasing
        self.wide: list[_Group] = []  # groups with a member dated less precisely than a day

    def candidates(self, m: Member) -> list[_Group]:
        if m.date is None:
            return self.groups
        reach = max(DATE_WINDOW.values())
        window = DATE_WINDOW.get(m.date_precision or "day", 1)
        live = bisect_left(self.firsts, m.date - timedelta(days=reach))
        if window > DATE_WINDOW["day"]:
            return self.groups[live:]
        # A day-dated event: only groups begun within a day of it, or wide groups begun
        # within a year, can take it. Both lists are in creation order.
        tail = bisect_left(self.firsts, m.date - timedelta(days=window))
        early = [g for g in self.wide if live <= g.idx < tail]
        return early + self.groups[tail:]

    def add(self, m: Member) -> None:
        window = DATE_WINDOW.get(m.date_precision or "day", 1) if m.date else 0
        for g in self.candidates(m):
            if all(compatible(m, x) for x in g.members):
                g.members.append(m)
                if window > g.widest:
                    if g.widest <= DATE_WINDOW["day"] < window:
                        insort(self.wide, g, key=lambda x: x.idx)
                    g.widest = window
                return
        g = _Group(len(self.groups), [m], m.date, window)
        self.groups.append(g)
        if m.date is not None:
            self.firsts.append(m.date)
        if window > DATE_WINDOW["day"]:
            self.wide.append(g)


def cluster(members: list[Member]) -> list[Story]:
    """Stories of the given events, deterministic for a given set.

    Events are taken in date order and each joins the first story (in order of creation)
    all of whose members it is compatible with. Only stories whose dates could agree are
    tried (`_Bucket.candidates`): the result is the same as trying every story, but a store
    of years is not compared with every story it has ever had.
    """
    ordered = sorted(members, key=lambda m: (m.date or date.max, m.key))
    buckets: dict[str, _Bucket] = {}
    for m in ordered:
        buckets.setdefault(TYPE_GROUP.get(m.event_type, m.event_type), _Bucket()).add(m)
    stories = []
    for bucket in buckets.values():
        for grp in bucket.groups:
            g = grp.members
            seed = g[0]
            figure, figures = reconcile(g)
            key = hashlib.sha1(f"story:{seed.key}".encode()).hexdigest()[:16]
            stories.append(Story(key, seed.event_type, g, figure, figures))
    stories.sort(key=lambda s: s.key)
    return stories
