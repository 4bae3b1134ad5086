"""Ranking a name's gazetteer candidates: features of each candidate in its article
(population, kind of place, own or alternate name, the article's countries without the
name's own share, co-mentioned admin units, a ", Ill." after the name, the dateline,
distance to the article's other places, the share of the other names placed in the same
country and state, the share that could lie in the same state and county, whether the
article's sums of money are in the country's currency). A logistic
model gives each candidate a probability; boosted trees over the same features pick the
final one. Both come from `training/train_places.py` (GWN and LGL, 5-fold by article) and
ship as JSON in `data/places/ranking.json`; no pickle."""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from .gazetteer import Place
from .geo import arc_km, haversine, radians_point
from .records import doc_ents
from .text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .lookups import Lookups

FEATURES = (
    "log_population",
    "is_country",
    "is_admin1",
    "is_admin2",
    "is_city",
    "is_other",
    "own_name",
    "exact_case_name",
    "focus_top",
    "focus_share",
    "admin1_mentioned",
    "qualifier_match",
    "dateline_country",
    "dateline_admin1",
    "near_other",
    "hint_match",
    "hint_mismatch",
    "largest",
    "capital",
    "single_word",
    "others_country",
    "others_admin1",
    "others_could_admin1",
    "others_could_admin2",
    "money_country",
)


@dataclass
class ArticleContext:
    """What the whole article says about where it is."""

    focus: Counter[str]
    # (country, folded admin1 name, folded name that said it)
    admin1: set[tuple[str | None, str, str]] = field(default_factory=set)
    dateline: Place | None = None
    # The folded name of a dateline written without its state or country ("GENEVA —"):
    # chosen by the plain score alone, it is no evidence for the same name in the text.
    bare_dateline: str = ""
    # Each placed name's point: (folded text, *`radians_point`), made once per pass.
    points: list[tuple[str, float, float, float]] = field(default_factory=list)
    # The first choice for each of the article's names: (folded text, country, admin1).
    # A local paper's places share a state ("Gainesville", "Hall County", "Georgia"):
    # its "Paris" or "Dublin" is the namesake in that state, not the capital.
    firsts: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    # What each name itself adds to `focus` (a capital counts for its country): taken off
    # for that name's own candidates, or "Dublin" said eight times makes the article Irish
    # and so its Dublin the capital.
    focus_of: dict[str, Counter[str]] = field(default_factory=dict)
    # Each name's candidates' (country, admin1) and (country, admin1, admin2): the state
    # and county most of a local paper's other names could be in ("Alexandria", "Brandon",
    # "Douglas County" all have one in Minnesota) is its own, even when the first choices
    # of those names, each by its biggest namesake, scatter over the country.
    could: list[tuple[str, set[tuple], set[tuple]]] = field(default_factory=list)
    # The countries whose currency the article's sums are in ("$250,000": the US).
    money: frozenset[str] = frozenset()
    # `name_view`'s parts that depend on the name alone (focus, admin1, could), kept per
    # folded name across the passes: set the fields above before the first view.
    fixed: dict[str, tuple] = field(default_factory=dict, repr=False)


def focus_by_name(lk: Lookups, doc: Doc) -> dict[str, Counter[str]]:
    """What each folded capital's name adds to the article's country focus
    (places.country_focus): taken off for that name's own candidates, or "Dublin" said
    eight times in an Ohio paper makes the article Irish and so its Dublin the capital. A
    country's own name keeps its share ("Mexico" said is mostly the country, not Mexico,
    Missouri)."""
    out: dict[str, Counter[str]] = {}
    for ent in doc_ents(doc):
        if ent.label_ in ("GPE", "NORP", "LOC") and not (
            lk.lex.demonym(ent.text) or lk.country_name(ent.text)
        ):
            iso = lk.capital(ent.text)
            if iso:
                out.setdefault(fold(ent.text), Counter())[iso] += 1
    return out


@lru_cache(maxsize=1)
def _currency_countries() -> dict[str, frozenset[str]]:
    """ISO 4217 code -> the countries that pay in it (data/places/currency_countries.tsv)."""
    path = resources.files("wirewatch").joinpath("data/places/currency_countries.tsv")
    out = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith(("#", "code\t")):
            code, countries = line.split("\t")
            out[code] = frozenset(countries.split("|"))
    return out


def money_countries(doc: Doc) -> frozenset[str]:
    """The countries whose currency the article's sums of money are in: a local paper's
    "$250,000" and "Dublin" say Dublin, Ohio, when no other place of the article does."""
    from .numeric import money

    codes = {found[1] for e in doc_ents(doc) if e.label_ == "MONEY" and (found := money(e.text))}
    table = _currency_countries()
    return frozenset(c for code in codes for c in table.get(code, ()))


def could_be(names: list[tuple[str, list[tuple[Place, bool]]]]) -> list[tuple[str, set, set]]:
    """For each name (text, candidates): the states and counties its namesakes (but
    countries) lie in, for `ArticleContext.could`."""
    out: dict[str, tuple[str, set, set]] = {}
    for text, cands in names:
        key = fold(text)
        ps = [p for p, _ in cands if p.feature != "country"]
        out.setdefault(key, (
            key,
            {(p.country, p.admin1) for p in ps if p.admin1},
            {(p.country, p.admin1, p.admin2) for p in ps if p.admin2},
        ))  # fmt: skip
    return list(out.values())


def same_name(a: str, b: str) -> bool:
    """Two folded names for one place: equal, or one the other with words added ("Dublin"
    and "Dublin City", "New York" and "New York City"). A name is no evidence for itself."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


@dataclass
class MentionContext:
    text: str
    hint: str | None = None
    qualifier: list[Place] = field(default_factory=list)  # ", Ill." / ", Texas" after it
    capital_of: str | None = None
    # The words make it a state or country ("the New York border", a list of states):
    # its candidates are those units only, and no city of the unit's name replaces it.
    unit: bool = False


@dataclass
class NameView:
    """What the features of a name's candidates share: the name's own view of its article
    (the focus without the name's share, the other names' points, first choices and
    possible states), computed once per name and pass rather than once per candidate
    (a name has six candidates on average, and each pass used to redo this per one)."""

    key: str
    focus: Counter[str]
    total: int
    top: str | None
    biggest: int
    points: list[tuple[float, float, float]]  # the other names' (`radians_point`)
    admin1: set[tuple[str | None, str]]  # (country, folded admin1) other names say
    n_others: int
    others_country: Counter[str | None]
    others_admin1: Counter[tuple[str | None, str | None]]
    n_could: int
    could_admin1: Counter[tuple]
    could_admin2: Counter[tuple]
    dateline: Place | None


def name_view(cands: list[tuple[Place, bool]], m: MentionContext, a: ArticleContext) -> NameView:
    key = fold(m.text)
    fixed = a.fixed.get(key)
    if fixed is None:
        fixed = a.fixed[key] = _fixed_view(key, a)
    focus, total, top, admin1, n_could, could_admin1, could_admin2 = fixed
    others = [(c, a1) for text, c, a1 in a.firsts if not same_name(text, key)]
    return NameView(
        key,
        focus,
        total,
        top,
        max((p.population for p, _ in cands), default=0),
        [(la, lo, cos) for text, la, lo, cos in a.points if not same_name(text, key)],
        admin1,
        len(others) or 1,
        Counter(c for c, _ in others),
        Counter(others),
        n_could,
        could_admin1,
        could_admin2,
        a.dateline if key != a.bare_dateline else None,
    )


def _fixed_view(key: str, a: ArticleContext) -> tuple:
    """The parts of a name's view the passes do not change."""
    focus = a.focus.copy()
    for name, counts in a.focus_of.items():
        if same_name(name, key):
            focus.subtract(counts)
    focus = +focus
    could = [(a1s, a2s) for text, a1s, a2s in a.could if not same_name(text, key)]
    return (
        focus,
        sum(focus.values()) or 1,
        focus.most_common(1)[0][0] if focus else None,
        {(c, name) for c, name, src in a.admin1 if not same_name(src, key)},
        len(could) or 1,
        Counter(x for a1s, _ in could for x in a1s),
        Counter(x for _, a2s in could for x in a2s),
    )


def _nearest(lat: float, lon: float, points: list[tuple[float, float, float]]) -> float:
    """The km from (lat, lon) to the nearest of `points` (`radians_point`): `distance_km`'s
    float operations in its order, each point's radians and cosine computed once per view
    (this was a tenth of the places stage). The haversine's arcsine grows with its
    argument, so the least argument gives the least distance."""
    here = radians_point(lat, lon)
    return arc_km(min(haversine(here, pt) for pt in points))


def candidate_features(
    place: Place, own: bool, m: MentionContext, v: NameView, money: frozenset[str]
) -> list[float]:
    """The features of one candidate of the name `v` is the view of."""
    kind = place.feature
    is_country = kind == "country"
    is_admin1 = kind in ("province", "region", "valley") or place.precision == "admin1"
    is_admin2 = kind in ("county", "district")
    is_city = kind == "city"
    near = 0.0
    if place.lat is not None and v.points:
        near = math.exp(-_nearest(place.lat, place.lon, v.points) / 300.0)
    same_country = v.others_country[place.country] / v.n_others
    same_admin1 = (
        v.others_admin1[(place.country, place.admin1)] / v.n_others
        if place.admin1 and not is_country
        else 0.0
    )
    could_admin1 = (
        v.could_admin1[(place.country, place.admin1)] / v.n_could
        if place.admin1 and not is_country
        else 0.0
    )
    could_admin2 = (
        v.could_admin2[(place.country, place.admin1, place.admin2)] / v.n_could
        if place.admin2
        else 0.0
    )
    qual = any(
        (q.feature == "country" and q.country == place.country)
        or (q.precision == "admin1" and q.country == place.country and q.name == place.admin1)
        for q in m.qualifier
    )
    dl = v.dateline
    hint_match = (
        (m.hint == "province" and is_admin1)
        or (m.hint == "district" and is_admin2)
        or (m.hint == "city" and is_city)
    )
    return [
        math.log10(place.population + 1) / 7.0,
        float(is_country),
        float(is_admin1),
        float(is_admin2),
        float(is_city),
        float(not (is_country or is_admin1 or is_admin2 or is_city)),
        float(own),
        float(place.name == m.text),
        float(place.country is not None and place.country == v.top),
        v.focus.get(place.country or "", 0) / v.total,
        float(
            not is_admin1
            and place.admin1 is not None
            and (place.country, fold(place.admin1)) in v.admin1
        ),
        float(qual),
        float(dl is not None and dl.country == place.country),
        float(
            dl is not None
            and dl.admin1 is not None
            and dl.country == place.country
            and dl.admin1 == place.admin1
        ),
        near,
        float(bool(m.hint) and hint_match),
        float(bool(m.hint) and not hint_match),
        float(place.population > 0 and place.population == v.biggest),
        float(m.capital_of is not None and m.capital_of == place.country and is_city),
        float(" " not in m.text),
        same_country,
        same_admin1,
        could_admin1,
        could_admin2,
        float(place.country in money),
    ]


# A name to place: its context and its candidates (each with whether the name is its own).
Named = tuple[MentionContext, list[tuple[Place, bool]]]
Rows = list[list[tuple[Place, list[float]]]]


def feature_rows(names: list[Named], a: ArticleContext) -> Rows:
    """Each name's candidates with their features in the article as it stands (`a`)."""
    rows = []
    for m, cands in names:
        view = name_view(cands, m, a)
        rows.append([(p, candidate_features(p, own, m, view, a.money)) for p, own in cands])
    return rows


def best_of(ranker: Ranker, rows: Rows, trees: bool) -> list[Place]:
    """Each name's candidate the linear model (or with `trees` the boosted trees) scores
    highest (the first of equals); the article's candidates scored in one batch."""
    flat = [x for r in rows for _, x in r]
    scores = iter(ranker.choices(flat) if trees else ranker.scores(flat))
    out = []
    for r in rows:
        s = [next(scores) for _ in r]
        out.append(r[max(range(len(r)), key=s.__getitem__)][0])
    return out


def settled_rows(ranker: Ranker, names: list[Named], a: ArticleContext, passes: int) -> Rows:
    """The feature rows the article's names are finally placed by: a first choice by the
    linear model, then `passes` choices by the trees, each knowing where the one before
    put the other names (`points`, `firsts` of `a`, set here). The features read the
    other names only through those two, made from the choices: a pass that chooses as
    the one before it is a fixed point, the passes left would repeat it, and its rows
    are the final ones (most articles settle after one pass: half the rows made)."""
    chosen = best_of(ranker, feature_rows(names, a), trees=False)
    for k in range(passes + 1):
        a.points = [
            (fold(m.text), *radians_point(p.lat, p.lon))
            for (m, _), p in zip(names, chosen, strict=True)
            if p.lat is not None and p.feature != "country"
        ]
        a.firsts = [
            (fold(m.text), p.country, p.admin1) for (m, _), p in zip(names, chosen, strict=True)
        ]
        if k == passes:
            break
        rows = feature_rows(names, a)
        again = best_of(ranker, rows, trees=True)
        if all(x is y for x, y in zip(again, chosen, strict=True)):
            return rows
        chosen = again
    return feature_rows(names, a)


# Hand weights: the fallback when no trained weights ship.
_HAND = {
    "log_population": 3.0,
    "is_country": 4.0,
    "is_admin1": 2.5,
    "is_admin2": 0.5,
    "own_name": 1.5,
    "focus_top": 1.5,
    "focus_share": 2.0,
    "admin1_mentioned": 2.0,
    "qualifier_match": 4.0,
    "dateline_country": 1.0,
    "dateline_admin1": 1.5,
    "near_other": 2.0,
    "hint_match": 2.0,
    "hint_mismatch": -1.0,
    "largest": 1.0,
    "capital": 3.0,
}


# One regression tree of the boosted model, as parallel arrays by node: the feature tested
# (-1 at a leaf), the threshold (x <= t goes left), the left and right children, and the
# leaf's value (already times the learning rate).
Tree = tuple[
    tuple[int, ...], tuple[float, ...], tuple[int, ...], tuple[int, ...], tuple[float, ...]
]


# The most test nodes a tree may have for `Ranker.choices` to use leaf tables.
MAX_TESTS = 12


@dataclass(frozen=True)
class Ranker:
    """The linear model gives each candidate a probability (the MIN_SCORE cut, the
    mention's score, the passes that place the article's names); boosted trees over the
    same features, when they ship, pick the name's final candidate: they weigh a feature
    by the others ("Athens" the capital unless every other name of the article lies in one
    US state), which a sum cannot, and choose better (5-fold top-1 in ranking.json)."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    trees: tuple[Tree, ...] = ()
    tree_bias: float = 0.0

    def score(self, x: list[float]) -> float:
        rows = zip(self.weights, x, self.mean, self.scale, strict=True)
        z = self.bias + sum(w * (v - m) / s for w, v, m, s in rows)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def choice(self, x: list[float]) -> float:
        """The score that picks a name's candidate: the trees' sum, else `score`."""
        if not self.trees:
            return self.score(x)
        z = self.tree_bias
        for feat, thr, left, right, value in self.trees:
            i = 0
            while feat[i] >= 0:
                i = left[i] if x[feat[i]] <= thr[i] else right[i]
            z += value[i]
        return z

    def scores(self, xs: list[list[float]]) -> list[float]:
        """`score` of each row: the terms with numpy (the same operations in the same
        order, so the same floats), summed and squashed as `score` does."""
        if not xs:
            return []
        w, mean, scale = (
            np.asarray(v, dtype=np.float64) for v in (self.weights, self.mean, self.scale)
        )
        terms = (w * (np.asarray(xs, dtype=np.float64) - mean) / scale).tolist()
        return [
            1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.bias + sum(row))))) for row in terms
        ]

    def choices(self, xs: list[list[float]]) -> list[float]:
        """`choice` of each row, all rows and trees at once with numpy (one Python walk
        per tree and row was a quarter of the mentions stage; a numpy walk node by node
        still a tenth). Every test of every tree is made at once, the outcomes of a tree's
        tests read as the bits of a number, and that number looks up the leaf in a table
        built once (`_leaf_tables`). The leaves are added in tree order from `tree_bias`,
        as `choice` adds them, so each sum is the same float to the last bit."""
        if not self.trees or not xs or self._leaf_tables is None:
            return [self.choice(x) for x in xs]
        feats, thrs, table, powers = self._leaf_tables
        x = np.asarray(xs, dtype=np.float64)
        codes = (x[:, feats] <= thrs).astype(np.intp) @ powers
        leaves = table[np.arange(table.shape[0]), codes]
        start = np.full((len(xs), 1), self.tree_bias)
        return np.cumsum(np.hstack([start, leaves]), axis=1)[:, -1].tolist()

    @cached_property
    def _leaf_tables(self) -> tuple[np.ndarray, ...] | None:
        """Per tree: the feature and threshold of each test node (padded to the most
        tests any tree has), and the leaf value for every combination of test outcomes
        (bit k set: test k sent the row left). Padding tests are never read by a walk.
        None for trees with more than `MAX_TESTS` tests (the table doubles with each;
        the shipped trees, of depth 3, have at most 7): those are walked row by row."""
        tests = [[i for i, f in enumerate(t[0]) if f >= 0] for t in self.trees]
        k = max(len(nodes) for nodes in tests)
        if k > MAX_TESTS:
            return None
        feats = np.zeros((len(self.trees), k), dtype=np.intp)
        thrs = np.full((len(self.trees), k), np.inf)
        table = np.zeros((len(self.trees), 1 << k))
        for n, ((feat, thr, left, right, value), nodes) in enumerate(
            zip(self.trees, tests, strict=True)
        ):
            bit = {node: b for b, node in enumerate(nodes)}
            feats[n, : len(nodes)] = [feat[i] for i in nodes]
            thrs[n, : len(nodes)] = [thr[i] for i in nodes]
            for code in range(1 << k):
                i = 0
                while feat[i] >= 0:
                    i = left[i] if code >> bit[i] & 1 else right[i]
                table[n, code] = value[i]
        return feats, thrs, table, 1 << np.arange(k)

    @classmethod
    def from_dict(cls, d: dict) -> Ranker:
        names = d["features"]
        if list(names) != list(FEATURES):
            raise ValueError("ranking weights are for other features")
        trees = tuple(
            (tuple(t["f"]), tuple(t["t"]), tuple(t["l"]), tuple(t["r"]), tuple(t["v"]))
            for t in d.get("trees", ())
        )
        return cls(tuple(d["coef"]), float(d["intercept"]), tuple(d["mean"]), tuple(d["scale"]),
                   trees, float(d.get("tree_bias", 0.0)))  # fmt: skip


@lru_cache(maxsize=1)
def load_ranker() -> Ranker:
    path = resources.files("wirewatch").joinpath("data/places/ranking.json")
    try:
        return Ranker.from_dict(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        # Places still resolve, but worse: say so (retrain with training/train_places.py).
        logging.getLogger(__name__).warning(
            "data/places/ranking.json unusable (%s); ranking places by hand weights", exc
        )
        n = len(FEATURES)
        return Ranker(tuple(_HAND.get(f, 0.0) for f in FEATURES), -6.0, (0.0,) * n, (1.0,) * n)
