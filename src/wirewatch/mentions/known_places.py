"""Whether the gazetteer knows a run of words as a place the scan for names the NER
missed may take (`place_spans.gazetteer_scan`), remembered per gazetteer and text: the
scan asks it of every run of words opening at a proper noun, mostly the same names
again ("Washington", "White House"), and looking each up and testing its candidates anew
was a third of the scan."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from .gazetteer import Gazetteer
from .records import curated

# How many runs a gazetteer's memo holds before it starts afresh (a long-running process).
KNOWN_RUNS = 100_000

_MEMO: WeakKeyDictionary[Gazetteer, dict[tuple[str, bool], bool]] = WeakKeyDictionary()


def known_run(gaz: Gazetteer, text: str, several: bool) -> bool:
    """A listed, large or administrative place of that name; a county only when the run
    has `several` words ("Laurel County", not "Laurel")."""
    memo = _MEMO.get(gaz)
    if memo is None:
        memo = _MEMO[gaz] = {}
    key = (text, several)
    found = memo.get(key)
    if found is None:
        if len(memo) >= KNOWN_RUNS:
            memo.clear()
        found = memo[key] = any(
            curated(p)
            or p.feature in ("country", "province", "district")
            or (p.feature == "county" and several)
            or p.population >= 100_000
            for p in gaz.lookup(text)
        )
    return found
