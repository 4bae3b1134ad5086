"""Dates in news text resolved against the publication date.

Written here rather than taken from dateparser: news weekday conventions ("on Monday" in
a Monday paper is that day; past tense means the last such day, future tense the next)
and precision (day, week, month, year) matter more than breadth of formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .quantities import parse_number

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MON = {m[:3]: i for i, m in enumerate(MONTHS, start=1)} | {"sept": 9}
# A season's first month (northern hemisphere, as wire copy means it) and a quarter's.
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
QUARTERS = {"first": 1, "second": 4, "third": 7, "fourth": 10, "q1": 1, "q2": 4, "q3": 7, "q4": 10}
ORDINALS = {
    w: i
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
            "twenty-first",
        ],
        start=1,
    )
}
DECADE = re.compile(r"(?<![\d'’])(1[5-9]|20)(\d)0'?s\b|['’](\d)0s\b")
CENTURY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s+century|\b([a-z]+(?:-[a-z]+)?)\s+century")


def first_number(words: list[str]) -> int | None:
    """The first number in the words: "two days ago" -> 2, "3 weeks ago" -> 3."""
    for w in words:
        value = parse_number(w)
        if value is not None:
            return int(value)
    return None


@dataclass(frozen=True)
class ResolvedDate:
    value: date
    precision: str  # day | week | month | year | decade | century
    relative: bool


def _span_of_years(t: str, pub: date | None) -> ResolvedDate | None:
    """A decade ("the 1990s", "the '90s") or a century ("the 19th century"): the first
    year of the span with its own coarse precision, never a single year."""
    if (m := DECADE.search(t)) is not None:
        if m.group(3) is not None:
            if pub is None:
                return None
            tens = int(m.group(3)) * 10
            century = pub.year // 100 * 100
            year = century + tens if century + tens <= pub.year else century - 100 + tens
        else:
            year = int(m.group(1)) * 100 + int(m.group(2)) * 10
        return ResolvedDate(date(year, 1, 1), "decade", m.group(3) is not None)
    if (m := CENTURY.search(t)) is not None:
        n = int(m.group(1)) if m.group(1) else ORDINALS.get(m.group(2) or "")
        if n is None or not 1 <= n <= 21:
            return None
        return ResolvedDate(date(max(1, (n - 1) * 100), 1, 1), "century", False)
    return None


def month_number(word: str) -> int | None:
    """The month a word names ("March", "Sept.", "Apr"), else None."""
    w = word.lower().rstrip(".")
    return (
        _MON.get(w[:4])
        if w[:4] == "sept"
        else _MON.get(w[:3])
        if (w in MONTHS or (w[:3] in _MON and len(w) <= 4))
        else None
    )


NEAR_AHEAD = 31


def _nearest_year(month: int, day: int, pub: date, future: bool) -> date | None:
    best = None
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cand = date(year, month, day)
        except ValueError:
            continue
        if future and cand < pub - timedelta(days=7):
            continue
        if not future and cand > pub + timedelta(days=NEAR_AHEAD):
            continue
        if best is None or abs((cand - pub).days) < abs((best - pub).days):
            best = cand
    return best


def calendar_step(pub: date, unit: str, steps: int) -> date:
    """The month or year `steps` calendar units from the publication's, as its first day
    ("last month" in a March 31 paper is February, not March 1 = 30 days back; "last
    year" on December 31 of a leap year is the year before); a week is seven days."""
    if unit == "month":
        months = pub.year * 12 + pub.month - 1 + steps
        return date(months // 12, months % 12 + 1, 1)
    if unit == "year":
        return date(pub.year + steps, 1, 1)
    return pub + timedelta(days=7 * steps)


def resolve(text: str, pub: date | None, future: bool = False) -> ResolvedDate | None:
    """Resolve one date expression. `future` says the clause looks ahead ("will meet")."""
    t = text.lower().replace("’", "'").strip()
    t = re.sub(r"'s$", "", t)
    words = re.findall(r"[a-z]+|\d+", t)
    if not words:
        return None
    # Explicit: "July 5, 2021", "5 July 2021", "July 5", "June 2021", "2021".
    nums = [int(w) for w in words if w.isdigit() and len(w) <= 4]
    months = [m for w in words if (m := month_number(w))]
    years = [n for n in nums if 1900 <= n <= 2100]
    days = [n for n in nums if 1 <= n <= 31]
    units = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hours"}
    if (
        pub is not None
        and "week" in words
        and {"earlier", "early"} & set(words)
        and {"this", "the"} & set(words)
        and len(words) <= 4
    ):
        # "earlier this week", "earlier in the week": the days before the report in its
        # own week, told from the week's start (Monday)
        return ResolvedDate(pub - timedelta(days=pub.weekday()), "week", True)
    spans = ("earlier", "later", "for")
    if units & set(words) and any(w in words for w in spans) and "this" not in words:
        # "a month earlier", "two days later", "for two weeks": a span counted from
        # another event, or a duration, not a date of its own
        return None
    if (span := _span_of_years(t, pub)) is not None:
        return span
    if "now" in words or "currently" in words:
        return ResolvedDate(pub, "day", True) if pub is not None and len(words) <= 2 else None
    season = next((SEASONS[w] for w in words if w in SEASONS), None)
    quarter = next((QUARTERS[w] for w in words if w in QUARTERS), None)
    if (q := re.search(r"\bq([1-4])\b", t)) is not None:
        quarter = QUARTERS[f"q{q.group(1)}"]
    if quarter is not None and ("quarter" in words or q is not None):
        year = years[0] if years else (pub.year if pub else None)
        return ResolvedDate(date(year, quarter, 1), "month", not years) if year else None
    if season is not None and not months:
        if years:
            return ResolvedDate(date(years[0], season, 1), "month", False)
        if pub is None:
            return None
        year = pub.year
        if "last" in words and season >= pub.month:
            year -= 1
        elif "next" in words and season <= pub.month:
            year += 1
        return ResolvedDate(date(year, season, 1), "month", True)
    if len(years) == 2 and not months and len(nums) == 2 and years[0] < years[1]:
        # "2014-2016", "from 2014 to 2016": the span begins in the first year
        return ResolvedDate(date(years[0], 1, 1), "year", False)
    if months:
        month = months[0]
        if days and years:
            try:
                return ResolvedDate(date(years[0], month, days[0]), "day", False)
            except ValueError:
                return None
        if days:
            if pub is None:
                return None
            d = _nearest_year(month, days[0], pub, future or "by" in words or "until" in words)
            return ResolvedDate(d, "day", True) if d else None
        if years:
            return ResolvedDate(date(years[0], month, 1), "month", False)
        if pub is None:
            return None
        year = pub.year if month <= pub.month or future else pub.year - 1
        if future and month < pub.month:
            year = pub.year + 1
        return ResolvedDate(date(year, month, 1), "month", True)
    if (
        years
        and len(words) <= 2
        and len(nums) == 1
        and years[0] == nums[0]
        and not any(w in WEEKDAYS for w in words)
    ):
        return ResolvedDate(date(years[0], 1, 1), "year", False)
    if pub is None:
        return None
    # Weekdays: "Monday", "on Monday", "earlier Monday", "late on Sunday", "Sunday's".
    for w in words:
        if w in WEEKDAYS:
            target = WEEKDAYS.index(w)
            delta = (pub.weekday() - target) % 7
            if future and delta:
                return ResolvedDate(pub + timedelta(days=7 - delta), "day", True)
            if "next" in words:
                return ResolvedDate(
                    pub + timedelta(days=(target - pub.weekday()) % 7 or 7), "day", True
                )
            if "last" in words and delta == 0:
                delta = 7
            return ResolvedDate(pub - timedelta(days=delta), "day", True)
    if "today" in words or "tonight" in words:
        return ResolvedDate(pub, "day", True)
    if "this" in words and {"morning", "afternoon", "evening"} & set(words) and len(words) == 2:
        return ResolvedDate(pub, "day", True)  # "this morning": the day of the report
    if "yesterday" in words or "overnight" in words or "last night" in t:
        return ResolvedDate(pub - timedelta(days=1), "day", True)
    if "tomorrow" in words:
        return ResolvedDate(pub + timedelta(days=1), "day", True)
    for unit in ("week", "month", "year"):
        precision = unit
        if unit in words or unit + "s" in words:
            n = first_number(words)
            if n is not None and n > 1 and "ago" not in words:
                return None  # "the past three years": a span, not a date
            if "last" in words or "past" in words or "previous" in words:
                steps = -1
            elif "next" in words or "coming" in words:
                steps = 1
            elif "this" in words:
                steps = 0
            elif "ago" in words:
                if n is None:
                    return None
                steps = -n
                precision = "day" if unit == "week" and n < 2 else precision
            else:
                return None
            return ResolvedDate(calendar_step(pub, unit, steps), precision, True)
        if unit == "week" and ("days" in words or "day" in words) and "ago" in words:
            n = first_number(words)
            if n is not None:
                return ResolvedDate(pub - timedelta(days=n), "day", True)
    return None
