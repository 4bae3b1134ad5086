"""Ranking a name's gazetteer candidates: a logistic model over features of each
candidate in its article (population, kind of place, own or alternate name, the article's
countries, co-mentioned admin units, a ", Ill." after the name, the dateline, distance to
the article's other places, the share of the other names first placed in the same
country and in the same state). Weights come from `training/train_places.py` (GWN and LGL,
pairwise, 5-fold by article) and ship as JSON in `data/places/ranking.json`; no pickle."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .gazetteer import Place, distance_km
from .text import fold

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
)


@dataclass
class ArticleContext:
    """What the whole article says about where it is."""

    focus: Counter[str]
    admin1: set[tuple[str | None, str]] = field(default_factory=set)  # (country, folded)
    dateline: Place | None = None
    # The folded name of a dateline written without its state or country ("GENEVA —"):
    # chosen by the plain score alone, it is no evidence for the same name in the text.
    bare_dateline: str = ""
    points: list[tuple[str, float, float]] = field(default_factory=list)  # (text, lat, lon)
    # The first choice for each of the article's names: (folded text, country, admin1).
    # A local paper's places share a state ("Gainesville", "Hall County", "Georgia"):
    # its "Paris" or "Dublin" is the namesake in that state, not the capital.
    firsts: list[tuple[str, str | None, str | None]] = field(default_factory=list)


@dataclass
class MentionContext:
    text: str
    hint: str | None = None
    qualifier: list[Place] = field(default_factory=list)  # ", Ill." / ", Texas" after it
    capital_of: str | None = None


def features(
    place: Place, own: bool, cands: list[tuple[Place, bool]], m: MentionContext, a: ArticleContext
) -> list[float]:
    total = sum(a.focus.values()) or 1
    top = a.focus.most_common(1)[0][0] if a.focus else None
    kind = place.feature
    is_country = kind == "country"
    is_admin1 = kind in ("province", "region", "valley") or place.precision == "admin1"
    is_admin2 = kind in ("county", "district")
    is_city = kind == "city"
    biggest = max((p.population for p, _ in cands), default=0)
    key = fold(m.text)
    near = 0.0
    if place.lat is not None and a.points:
        dists = [
            distance_km((place.lat, place.lon), (lat, lon))
            for text, lat, lon in a.points
            if fold(text) != key
        ]
        if dists:
            near = math.exp(-min(dists) / 300.0)
    others = [(c, a1) for text, c, a1 in a.firsts if text != key]
    n_others = len(others) or 1
    same_country = sum(c == place.country for c, _ in others) / n_others
    same_admin1 = (
        sum((c, a1) == (place.country, place.admin1) for c, a1 in others) / n_others
        if place.admin1 and not is_country
        else 0.0
    )
    qual = any(
        (q.feature == "country" and q.country == place.country)
        or (q.precision == "admin1" and q.country == place.country and q.name == place.admin1)
        for q in m.qualifier
    )
    dl = a.dateline if key != a.bare_dateline else None
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
        float(place.country is not None and place.country == top),
        a.focus.get(place.country or "", 0) / total,
        float(
            not is_admin1
            and place.admin1 is not None
            and (place.country, fold(place.admin1)) in a.admin1
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
        float(place.population > 0 and place.population == biggest),
        float(m.capital_of is not None and m.capital_of == place.country and is_city),
        float(" " not in m.text),
        same_country,
        same_admin1,
    ]


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


@dataclass(frozen=True)
class Ranker:
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]

    def score(self, x: list[float]) -> float:
        rows = zip(self.weights, x, self.mean, self.scale, strict=True)
        z = self.bias + sum(w * (v - m) / s for w, v, m, s in rows)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_dict(cls, d: dict) -> Ranker:
        names = d["features"]
        if list(names) != list(FEATURES):
            raise ValueError("ranking weights are for other features")
        return cls(tuple(d["coef"]), float(d["intercept"]), tuple(d["mean"]), tuple(d["scale"]))


@lru_cache(maxsize=1)
def load_ranker() -> Ranker:
    path = resources.files("wirewatch").joinpath("data/places/ranking.json")
    try:
        return Ranker.from_dict(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, KeyError):
        n = len(FEATURES)
        return Ranker(tuple(_HAND.get(f, 0.0) for f in FEATURES), -6.0, (0.0,) * n, (1.0,) * n)
