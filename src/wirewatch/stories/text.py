"""Small TF-IDF for comparing reports: terms, weights fitted on the reports being
clustered, sparse vectors as dicts, cosine. Pure Python; no scikit-learn at run time."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

_WORD = re.compile(r"\d+(?:[,.]\d+)*|[^\W_]+(?:[.'’][^\W_]+)*", re.UNICODE)
# Words of reporting and time that every news story has; they say nothing about which act.
_NEWS = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "according",
        "reported",
        "report",
        "reports",
        "reporting",
        "news",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "day",
        "days",
        "night",
        "morning",
        "afternoon",
        "evening",
        "ago",
        "last",
        "time",
        "new",
        "people",
        "official",
        "officials",
        "statement",
        "added",
    ]
)


@cache
def stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _NEWS


def terms(text: str) -> list[str]:
    """Lower-cased content words, a plural 's' dropped, possessives cut."""
    stop = stop_words()
    out = []
    for w in _WORD.findall(text.lower()):
        w = w.replace("’", "'")
        if w[0].isdigit():
            w = w.replace(",", "")  # 1,037 -> 1037
        if w.endswith("'s"):
            w = w[:-2]
        if len(w) < 2 or w in stop:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


class Idf:
    """Inverse document frequencies over a set of documents (each an iterable of keys)."""

    def __init__(self, docs: Iterable[Iterable[str]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for d in docs:
            n += 1
            df.update(set(d))
        self.n = n
        self.df = df
        self._default = math.log((n + 1) / 1) + 1.0

    def __call__(self, key: str) -> float:
        c = self.df.get(key)
        return self._default if c is None else math.log((self.n + 1) / (c + 1)) + 1.0

    def vector(self, words: Iterable[str]) -> dict[str, float]:
        """The unit-length TF-IDF vector of the words (sub-linear term frequency)."""
        tf = Counter(words)
        vec = {w: (1.0 + math.log(c)) * self(w) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {w: v / norm for w, v in vec.items()} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def top_terms(vec: dict[str, float], k: int) -> list[str]:
    return [w for w, _ in sorted(vec.items(), key=lambda x: (-x[1], x[0]))[:k]]


# A year named in the text: four digits from 1900 to 2099 standing alone (not part of a
# figure such as "2,000" or "$2010", nor a share "2010%").
_YEAR = re.compile(r"(?<![\d$£€,.])\b(19\d\d|20\d\d)\b(?![\d%]|,\d)")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def latest_year(text: str) -> int | None:
    """The latest year the text names: what time a report tells of when no date is known
    (two reports of one act name the same years)."""
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None


def main_person(text: str, name_keys: Iterable[str]) -> str | None:
    """The key ('s:surname') of the person the text names most often: whom the report is
    about. Ties go to the alphabetically first key."""
    surnames = {k: k[2:] for k in name_keys if k.startswith("s:")}
    if not surnames or not text:
        return None
    counts = Counter(w.lower() for w in _TOKEN.findall(text))
    best = max(sorted(surnames), key=lambda k: counts.get(surnames[k], 0))
    return best if counts.get(surnames[best], 0) else None
