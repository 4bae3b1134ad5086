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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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
    apart_in_time,
    features,
    load_model,
    published_apart,
    same_act,
)
from .member import Member
from .text import Idf, latest_year, main_person, terms, top_terms

__all__ = [
    "CANNOT_LINK",
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
# The words around an event (characters either side of its sentence) that say what the
# report tells of it, whatever else a long report covers.
CONTEXT_CHARS = 300
# The score of two units that are surely not one act (reports published more than a week
# apart): no average makes up for it, so no story holds both.
CANNOT_LINK = -1.0
# Words for a story's title.
ACT = {
    "AGREE": "agreement", "ACCUSE": "accusation", "AID": "aid", "ASSAULT": "attack",
    "COERCE": "coercion", "CONCEDE": "concession", "CONSULT": "talks",
    "COOPERATE": "cooperation", "MOBILIZE": "mobilisation", "PROTEST": "protest",
    "REJECT": "rejection", "REQUEST": "request", "RETREAT": "retreat",
    "SANCTION": "sanctions", "SUPPORT": "support", "THREATEN": "threat",
}  # fmt: skip


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
        """The date most reports give at the best precision any gives, the earliest of
        equals: a stray member (an act a report recalls two days before, clustered in)
        does not date the story it joined."""
        dated = [m for m in self.members if m.date]
        if not dated:
            return None
        order = list(DATE_WINDOW)
        best = min(order.index(m.date_precision or "year") for m in dated)
        told = Counter(m.date for m in dated if order.index(m.date_precision or "year") == best)
        return min(told, key=lambda d: (-told[d], d))

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
        """Actor (and the other side), act, place: "Afghan soldiers / Taliban: retreat,
        Badakhshan"."""
        act = ACT.get(self.event_type, self.event_type.lower())
        sides = [x[0] for x in (self.actors, self.recipients) if x]
        out = f"{' / '.join(sides)}: {act}" if sides else act[:1].upper() + act[1:]
        return out + (f", {self.places[0]}" if self.places else "")

    @property
    def reports(self) -> list[dict[str, Any]]:
        """One line per article: its outlet and the figures it gives."""
        out: dict[str, dict[str, Any]] = {}
        for m in sorted(self.members, key=lambda m: (m.article, m.position, m.key)):
            r = out.setdefault(m.article, {"article": m.article, "outlet": m.outlet,
                                           "events": [], "figures": []})  # fmt: skip
            r["events"].append(m.key)
            if m.quantity is not None:
                fig = {"value": m.quantity, "qualifier": m.qualifier or "exact"}
                fig |= {"text": m.quantity_text, "attribution": m.attribution}
                r["figures"].append(fig)
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


def _prepare(members: list[Member]) -> tuple[list[Unit], Context]:
    """The acts the reports tell (`Unit`s), and what scoring them needs (`Context`).

    Word weights are fitted on the group's articles. In text order, an event joins the
    first act of its report it does not differ from (`evidence.same_act`): a report's
    first event of a kind anchors the others, and an event with another place, date,
    acting side or figure starts an act of its own."""
    by_article: dict[str, list[Member]] = defaultdict(list)
    for m in members:
        by_article[m.article].append(m)
    for ms in by_article.values():
        ms.sort(key=lambda m: (m.position, m.key))
    first = {a: by_article[a][0] for a in sorted(by_article)}
    body_words = {a: terms(m.body or m.lead or m.sentence) for a, m in first.items()}
    idf = Idf(body_words.values())
    named = {
        a: frozenset().union(m.doc_names, *(x.names for x in by_article[a]))
        for a, m in first.items()
    }
    name_idf = Idf(named.values())
    doc_names = {}
    for a in first:
        v = {k: name_idf(k) for k in sorted(named[a])}
        norm = math.sqrt(sum(x * x for x in v.values()))
        doc_names[a] = {k: x / norm for k, x in v.items()} if norm else {}
    ctx = Context(
        idf=idf,
        name_idf=name_idf,
        lead={a: idf.vector(terms(m.lead or m.sentence)) for a, m in first.items()},
        body={a: idf.vector(w) for a, w in body_words.items()},
        doc_names=doc_names,
    )
    for a, m in first.items():
        text = m.body or m.lead or m.sentence
        if (year := latest_year(text)) is not None:
            ctx.year[a] = year
        if (person := main_person(text, named[a])) is not None:
            ctx.person[a] = (person, named[a])
    units: list[Unit] = []
    for art in sorted(by_article):
        mine: list[Unit] = []
        for m in by_article[art]:
            vec = idf.vector(terms(m.sentence))
            home = next((u for u in mine if same_act(u, m)), None)
            if home is None:
                home = Unit(len(units), art, [])
                mine.append(home)
                units.append(home)
            home.add(m, vec)
    for u in units:
        text = u.first.body
        reach = CONTEXT_CHARS
        spans = sorted(
            (max(0, m.position - reach), m.position + len(m.sentence) + reach) for m in u.members
        )
        words = [w for lo, hi in _merge(spans) for w in terms(text[lo:hi])] if text else []
        u.context = idf.vector(words) if words else ctx.body[u.article]
    return units, ctx


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in spans:
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _candidates(units: list[Unit], ctx: Context) -> set[tuple[int, int]]:
    """Pairs of units of different reports that share a name, a salient word or the
    person their reports are about; under each key a unit meets only its NEIGHBOURS
    nearest in date."""
    index: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        keys = set(u.names)
        for vec in u.sents:
            keys |= {"w:" + w for w in top_terms(vec, KEY_TERMS)}
        keys |= {"w:" + w for w in top_terms(ctx.lead[u.article], KEY_TERMS)}
        if u.article in ctx.person:
            keys.add("p:" + ctx.person[u.article][0])  # whom the report is about
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
) -> tuple[list[Unit], set[tuple[int, int]], Callable[[int, int], float]]:
    """The units of one type group, the candidate pairs, and the score of any pair (0 for
    two acts of one report and for reports apart in time by their own dates; CANNOT_LINK
    for reports their sources published far apart)."""
    model = model or load_model()
    units, ctx = _prepare(members)

    def score(i: int, j: int) -> float:
        a, b = units[i], units[j]
        if a.article == b.article:
            return 0.0
        if published_apart(a, b):
            return CANNOT_LINK
        if apart_in_time(a, b):
            return 0.0
        return model.score(features(a, b, ctx))

    return units, _candidates(units, ctx), score


def average_linkage(
    n: int,
    edges: Iterable[tuple[int, int]],
    score: Callable[[int, int], float],
    threshold: float,
) -> list[list[int]]:
    """Agglomerative clustering of n items by average linkage: of two groups joined by an
    edge, the pair with the highest average score over all their members merges, while
    that average is at least `threshold`. Averages are exact (every cross pair is scored,
    once); only groups joined by an edge are compared. A pair scored below 0 (CANNOT_LINK)
    keeps its two groups apart: a weak pair is outvoted, a sure conflict is not, so a stray
    member close to one part of a story cannot glue in what the rest rules out.
    Deterministic."""
    cache: dict[tuple[int, int], float] = {}

    def s(a: int, b: int) -> float:
        k = (a, b) if a < b else (b, a)
        v = cache.get(k)
        if v is None:
            v = cache[k] = score(*k)
        return v

    items: list[list[int]] = [[i] for i in range(n)]
    alive = [True] * n
    nbr: list[set[int]] = [set() for _ in range(n)]
    heap: list[tuple[float, int, int, int, int]] = []
    for i, j in sorted(edges):
        nbr[i].add(j)
        nbr[j].add(i)
        v = s(i, j)
        if v >= threshold:
            heap.append((-v, i, j, 1, 1))
    heapq.heapify(heap)

    def avg(c: int, k: int) -> float:
        total = 0.0
        for a in items[c]:
            for b in items[k]:
                v = s(a, b)
                if v < 0:
                    return CANNOT_LINK
                total += v
        return total / (len(items[c]) * len(items[k]))

    while heap:
        _, i, j, si, sj = heapq.heappop(heap)
        if not (alive[i] and alive[j]) or len(items[i]) != si or len(items[j]) != sj:
            continue  # stale: a group changed since this was pushed
        alive[j] = False
        items[i].extend(items[j])
        items[j] = []
        for k in nbr[j]:
            nbr[k].discard(j)
            if k != i:
                nbr[k].add(i)
        nbr[i] = (nbr[i] | nbr[j]) - {i, j}
        nbr[j] = set()
        for k in sorted(nbr[i]):
            v = avg(i, k)
            if v >= threshold:
                a, b = min(i, k), max(i, k)
                heapq.heappush(heap, (-v, a, b, len(items[a]), len(items[b])))
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
        units, edges, score = scored_pairs(groups[g], model)
        for idxs in average_linkage(len(units), edges, score, model.threshold):
            ms = [m for i in idxs for m in units[i].members]
            ms.sort(key=lambda m: (m.date or date.max, m.key))
            seed = ms[0]
            figure, figures = reconcile(ms)
            key = hashlib.sha1(f"story:{seed.key}".encode()).hexdigest()[:16]
            stories.append(Story(key, seed.event_type, ms, figure, figures))
    stories.sort(key=lambda s: s.key)
    return stories
