"""Which of a name's namesakes a bare name may mean, before any ranking.

GeoNames keeps the former and variant names of towns as alternate names, so a small
town's own name is often also a namesake's old name: "Danielsville" is the own name of
the county seat of Madison County, Georgia, and a former name of Piedmont, Missouri. A
dateline or a name with nothing else to go on is the town that bears the name now, unless
the place that once bore it is far bigger (Mumbai for "Bombay", where the towns now
called Bombay are villages). Only towns are dropped: a country or state reached by an
alternate name ("Holland", "Burma") keeps its place, as the gazetteer often lists no
population for them. Applied to datelines only: over every name, with the ranker's own
`own_name` feature, it cost dev event F1 .637 -> .635 (Arlington, San Pedro moved)."""

from __future__ import annotations

from .gazetteer import Place

# How many times bigger a place reached by an alternate name must be than the largest
# place bearing the name as its own to stay a candidate.
ALTERNATE_FACTOR = 10


def own_names_first(cands: list[tuple[Place, bool]]) -> list[tuple[Place, bool]]:
    """`cands` without the towns the name is only an alternate name of, when a place bears
    it as its own and the alternate's town is not `ALTERNATE_FACTOR` times bigger."""
    own = [p.population for p, is_own in cands if is_own]
    if not own:
        return cands
    floor = ALTERNATE_FACTOR * max(max(own), 1)
    return [
        (p, is_own) for p, is_own in cands if is_own or p.feature != "city" or p.population >= floor
    ]
