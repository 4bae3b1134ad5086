"""Stories: one real event, many reports.

Two reports join one story only on positive evidence that they tell the same act: named
participants both give, the words of their event sentences and leads, places near each
other, dates and figures that agree, the same sides (`evidence.py`). A logistic
regression fitted on development topics turns that evidence into a score; stories are
built by average linkage over the scores, so one stray member can neither block nor glue
a story. Within one report, the events of one type group that do not conflict tell one
act: the report's first such event anchors the others (`evidence.Unit`). Clustering is
deterministic for a given set of events and compares each report only with reports that
share a name or a salient word, nearest in date first, so it stays near-linear as a store
grows. Figures are kept per report and one is chosen by `reconcile` (docs/stories.md).
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..mentions.quantities import QUALIFIER_RANK
from .evidence import (
    DATE_WINDOW,
    NEAR_KM,
    POINT_PRECISIONS,
    Context,
    Model,
    Unit,
    conflict,
    features,
    load_model,
)
from .text import Idf, terms, top_terms

__all__ = [
    "DATE_WINDOW",
    "NEAR_KM",
    "POINT_PRECISIONS",
    "TYPE_GROUP",
    "Member",
    "Story",
    "cluster",
    "reconcile",
]

# Same act told with different words: a promised and a carried-out retreat, etc.
TYPE_GROUP = {"CONCEDE": "RETREAT", "RETREAT": "RETREAT"}
# A report is compared with at most this many others under each shared key (the nearest
# in date), and only under its most salient words: clustering stays near-linear.
NEIGHBOURS = 40
KEY_TERMS = 8
# Words for a story's title.
ACT = {
    "AGREE": "agreement", "ACCUSE": "accusation", "AID": "aid", "ASSAULT": "attack",
    "COERCE": "coercion", "CONCEDE": "concession", "CONSULT": "talks",
    "COOPERATE": "cooperation", "MOBILIZE": "mobilisation", "PROTEST": "protest",
    "REJECT": "rejection", "REQUEST": "request", "RETREAT": "retreat",
    "SANCTION": "sanctions", "SUPPORT": "support", "THREATEN": "threat",
}  # fmt: skip


@dataclass
class Member:
    """What clustering needs of one stored event (the text fields are optional: without
    them only places, dates, sides and figures are evidence)."""

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
    actor_name: str | None = None
    recipient_name: str | None = None
    place_name: str | None = None
    # The date is told by the text itself (not taken from the publication date, not
    # counted from it as "on Sunday" is): two such dates can really disagree.
    date_told: bool = False
    position: int = 0  # where the event's sentence starts in its article
    sentence: str = ""
    lead: str = ""  # the article's title and first sentences
    body: str = ""  # the article's text
    names: frozenset[str] = frozenset()  # keys of participants named around the event
    doc_names: frozenset[str] = frozenset()  # keys of every named participant of the article
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

    @property
    def first_date(self) -> date | None:
        """The earliest event date of any report (not when it was read)."""
        dated = [m.date for m in self.members if m.date]
        return min(dated) if dated else None

    @property
    def last_date(self) -> date | None:
        dated = [m.date for m in self.members if m.date]
        return max(dated) if dated else None

    @property
    def actors(self) -> list[str]:
        """Named actors, most reported first."""
        return _ranked(m.actor_name for m in self.members)

    @property
    def recipients(self) -> list[str]:
        return _ranked(m.recipient_name for m in self.members)

    @property
    def places(self) -> list[str]:
        return _ranked(m.place_name for m in self.members)

    @property
    def title(self) -> str:
        """Actor, act, place: "Afghan soldiers retreat, Badakhshan"."""
        act = ACT.get(self.event_type, self.event_type.lower())
        actor = self.actors[0] if self.actors else None
        place = self.places[0] if self.places else None
        out = f"{actor}: {act}" if actor else act[:1].upper() + act[1:]
        if self.recipients:
            out += f" on {self.recipients[0]}"
        return out + (f", {place}" if place else "")

    @property
    def reports(self) -> list[dict[str, Any]]:
        """One line per article: its outlet and the figures it gives."""
        out: dict[str, dict[str, Any]] = {}
        for m in sorted(self.members, key=lambda m: (m.article, m.position, m.key)):
            r = out.setdefault(m.article, {"article": m.article, "outlet": m.outlet,
                                           "events": [], "figures": []})  # fmt: skip
            r["events"].append(m.key)
            if m.quantity is not None:
                r["figures"].append({"value": m.quantity, "qualifier": m.qualifier or "exact",
                                     "text": m.quantity_text, "attribution": m.attribution})  # fmt: skip
        return list(out.values())


def _ranked(values: Any) -> list[str]:
    c = Counter(v for v in values if v)
    return [v for v, _ in sorted(c.items(), key=lambda x: (-x[1], x[0]))]


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


def _units(members: list[Member]) -> list[Unit]:
    """The acts each report tells: in text order, an event joins the first act of its
    report it does not conflict with (so the report's first event anchors the others)."""
    by_article: dict[str, list[Member]] = defaultdict(list)
    for m in members:
        by_article[m.article].append(m)
    units: list[Unit] = []
    for art in sorted(by_article):
        mine: list[Unit] = []
        for m in sorted(by_article[art], key=lambda m: (m.position, m.key)):
            for u in mine:
                if not conflict(u, m):
                    u.add(m)
                    break
            else:
                u = Unit(len(units), art, [])
                u.add(m)
                mine.append(u)
                units.append(u)
    return units


def _context(units: list[Unit]) -> Context:
    articles: dict[str, Member] = {}
    for u in units:
        articles.setdefault(u.article, u.first)
    body_words = {a: terms(m.body or m.lead or m.sentence) for a, m in articles.items()}
    idf = Idf(body_words.values())
    name_idf = Idf((m.doc_names | m.names) for m in articles.values())
    doc_names = {}
    for a, m in articles.items():
        v = {k: name_idf(k) for k in m.doc_names | m.names}
        norm = math.sqrt(sum(x * x for x in v.values()))
        doc_names[a] = {k: x / norm for k, x in v.items()} if norm else {}
    ctx = Context(
        idf=idf,
        name_idf=name_idf,
        lead={a: idf.vector(terms(m.lead or m.sentence)) for a, m in articles.items()},
        body={a: idf.vector(w) for a, w in body_words.items()},
        doc_names=doc_names,
    )
    for u in units:
        u.sent_words = [w for x in u.members for w in terms(x.sentence)]
        u.sent = idf.vector(u.sent_words)
    return ctx


def _candidates(units: list[Unit], ctx: Context) -> set[tuple[int, int]]:
    """Pairs of units of different reports that share a name or a salient word; under
    each key a unit meets only its NEIGHBOURS nearest in date."""
    index: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        keys = set(u.names)
        keys |= {"w:" + w for w in top_terms(u.sent, KEY_TERMS)}
        keys |= {"w:" + w for w in top_terms(ctx.lead[u.article], KEY_TERMS)}
        for k in keys:
            index[k].append(u)
    pairs: set[tuple[int, int]] = set()
    for k in sorted(index):
        posting = sorted(index[k], key=lambda u: (u.date or date.max, u.idx))
        for i, u in enumerate(posting):
            for v in posting[i + 1 : i + 1 + NEIGHBOURS]:
                if u.article != v.article:
                    pairs.add((min(u.idx, v.idx), max(u.idx, v.idx)))
    return pairs


def scored_pairs(
    members: list[Member], model: Model | None = None
) -> tuple[list[Unit], dict[tuple[int, int], float]]:
    """The units of one type group and the score of every candidate pair."""
    model = model or load_model()
    units = _units(members)
    ctx = _context(units)
    scores = {}
    for i, j in sorted(_candidates(units, ctx)):
        p = model.score(features(units[i], units[j], ctx))
        if p > 0:
            scores[(i, j)] = p
    return units, scores


def average_linkage(
    n: int, scores: dict[tuple[int, int], float], threshold: float
) -> list[list[int]]:
    """Agglomerative clustering of n items: the two groups with the highest average pair
    score merge while that average is at least `threshold`; pairs without a score count
    as 0. Deterministic (ties broken by the smaller ids)."""
    size = [1] * n
    alive = [True] * n
    items: list[list[int]] = [[i] for i in range(n)]
    adj: list[dict[int, float]] = [{} for _ in range(n)]
    for (i, j), s in scores.items():
        adj[i][j] = adj[i].get(j, 0.0) + s
        adj[j][i] = adj[j].get(i, 0.0) + s
    heap = [(-s, i, j) for (i, j), s in scores.items() if s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if not (alive[i] and alive[j]):
            continue
        avg = adj[i].get(j, 0.0) / (size[i] * size[j])
        if abs(avg + neg) > 1e-12:
            continue  # a stale entry: the groups changed since it was pushed
        # merge j into i
        alive[j] = False
        items[i].extend(items[j])
        items[j] = []
        size[i] += size[j]
        for k, s in adj[j].items():
            if k == i:
                continue
            adj[i][k] = adj[i].get(k, 0.0) + s
            adj[k][i] = adj[k].get(i, 0.0) + s
            del adj[k][j]
        adj[i].pop(j, None)
        adj[j] = {}
        for k, s in adj[i].items():
            a = s / (size[i] * size[k])
            if a >= threshold:
                heapq.heappush(heap, (-a, min(i, k), max(i, k)))
    return [sorted(g) for g, ok in zip(items, alive, strict=True) if ok]


def cluster(members: list[Member], model: Model | None = None) -> list[Story]:
    """Stories of the given events, deterministic for a given set: each type group is
    clustered on its own (so rebuilding one group gives what rebuilding all would)."""
    model = model or load_model()
    groups: dict[str, list[Member]] = defaultdict(list)
    for m in members:
        groups[TYPE_GROUP.get(m.event_type, m.event_type)].append(m)
    stories = []
    for g in sorted(groups):
        units, scores = scored_pairs(groups[g], model)
        for idxs in average_linkage(len(units), scores, model.threshold):
            ms = [m for i in idxs for m in units[i].members]
            ms.sort(key=lambda m: (m.date or date.max, m.key))
            seed = ms[0]
            figure, figures = reconcile(ms)
            key = hashlib.sha1(f"story:{seed.key}".encode()).hexdigest()[:16]
            stories.append(Story(key, seed.event_type, ms, figure, figures))
    stories.sort(key=lambda s: s.key)
    return stories
