"""Figures in news text: the number, how exact it is, and what it counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
    "a dozen": 12,
    "dozen": 12,
}
# Vague amounts: (low, high).
VAGUE = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
    "several": (3, 9),
    "a few": (2, 5),
    "a handful": (3, 7),
    "many": (10, 999),
    "numerous": (10, 999),
}
QUALIFIERS = [
    (r"more than|over|upwards of|in excess of|above", "more_than"),
    (r"at least|no fewer than|no less than|a minimum of", "at_least"),
    (r"fewer than|less than|under|below|up to|nearly|almost|just under", "less_than"),
    (
        r"about|around|some|roughly|approximately|an estimated|estimated|close to|nearly|"
        r"approximately|as many as",
        "about",
    ),
]
# How specific a qualified figure is: "1,037" beats "more than 1,000" beats "hundreds".
QUALIFIER_RANK = {"exact": 5, "at_least": 4, "about": 3, "more_than": 3, "less_than": 2, "vague": 1}
_QUAL_RE = [(re.compile(rf"^(?:{p})\b\s*", re.IGNORECASE), q) for p, q in QUALIFIERS]
# The cap that keeps absurd figures ("1e308 people") out of the record.
MAX_VALUE = 1e12


@dataclass(frozen=True)
class Figure:
    value: float
    qualifier: str
    low: float | None = None
    high: float | None = None


def parse_number(text: str) -> float | None:
    """'20,000' -> 20000; '1.5 million' -> 1500000; 'six' -> 6; 'twenty-five' -> 25.
    None for what is not a number, or is over MAX_VALUE (a typo, or a figure of speech)."""
    value = _parse_number(text)
    return value if value is None or value <= MAX_VALUE else None


def _parse_number(text: str) -> float | None:
    t = text.lower().replace(",", "").replace("’", "'").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        value = float(t)
        return value if value <= MAX_VALUE else None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(hundred|thousand|million|billion|m|bn|k)", t)
    if m:
        mult = {"m": 1e6, "bn": 1e9, "k": 1e3}.get(m.group(2)) or _UNITS[m.group(2)]
        return float(m.group(1)) * mult
    total, current = 0.0, 0.0
    parts = re.split(r"[\s-]+", t)
    if not parts or not all(p in _WORDS or p in _UNITS or p == "and" for p in parts):
        return None
    for p in parts:
        if p == "and":
            continue
        if p == "dozen":
            current = max(current, 1) * 12  # "a dozen" 12, "two dozen" 24
        elif p in _UNITS:
            current = max(current, 1) * _UNITS[p]
            if _UNITS[p] >= 1000:
                total, current = total + current, 0.0
        else:
            current += _WORDS[p]
    return total + current or None


def parse_figure(text: str) -> Figure | None:
    """A whole figure phrase: 'more than 1,000', 'hundreds', 'about 150', 'at least 18'."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    qualifier = "exact"
    for rx, q in _QUAL_RE:
        m = rx.match(t)
        if m:
            qualifier, t = q, t[m.end() :]
            break
    t = re.sub(r"\s+of$", "", t)
    if t in VAGUE:
        low, high = VAGUE[t]
        return Figure(float(low), "vague", float(low), float(high))
    value = parse_number(t)
    if value is None:
        return None
    return Figure(value, qualifier)
