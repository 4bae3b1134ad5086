"""US towns that only the postal service lists: the gazetteer's GeoNames towns stop at 500
people, and a local paper's "Tennessee Colony", "Cookville" or "Vermilion Grove" is
smaller. The `zipcodes` package (MIT, the USPS ZIP code list with each code's town,
county and point, offline inside its wheel) names them: each town of a state is placed
at the middle of its ZIP codes' points (street-delivery codes when it has any: a PO box
code sits at its post office, a unique code at one firm). A town the gazetteer already
has near there (GeoNames' own, or one of its alternate names) is not added again. The
postal service's other accepted names for a town are left out: many are a neighbour's
or the big city's ("Washington" for the Navy Yard, "Ohio" for Cold Brook, NY), and as
alternate names they drew "Washington" and "New York" away from the cities (5-fold LGL
and GWN both a little better without them).
"""

from __future__ import annotations

import logging
import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

# How far a postal town may lie from a gazetteer place of its name and still be that
# place (a town's ZIP codes spread over its delivery area, up to ~20 km from its centre).
SAME_TOWN_KM = 30.0
# The 50 states and DC: the territories are countries of their own in ISO 3166, and the
# military codes (AA, AE, AP) are no places.
_TERRITORIES = frozenset({"PR", "VI", "GU", "AS", "MP", "FM", "MH", "PW", "AA", "AE", "AP"})


@dataclass(frozen=True)
class PostalTown:
    name: str
    state: str | None  # the state's name ("North Dakota")
    county: str | None
    lat: float
    lon: float


def postal_towns(known_near: Callable[[str, float, float], bool]) -> list[PostalTown]:
    """The US postal towns the gazetteer lacks (`gazetteer.build_gazetteer` makes them
    places: this module knows nothing of the gazetteer, so that neither imports the
    other); `known_near(name, lat, lon)` says whether the gazetteer has a US place of
    that name within `SAME_TOWN_KM`. Empty when the `zipcodes` package is missing (the
    gazetteer then stops at GeoNames' towns)."""
    try:
        import pycountry
        import zipcodes
    except ImportError:
        log.info("zipcodes is not installed: no US postal towns in the gazetteer")
        return []
    towns: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for z in zipcodes.list_all():
        if z["state"] not in _TERRITORIES and z.get("lat") and z.get("long"):
            towns[(z["city"], z["state"])].append(z)
    out = []
    for (city, state), codes in towns.items():
        # A town is where mail is delivered or collected: a code of one firm or base
        # ("Naval Anacost Annex" in Washington) alone makes no town.
        if not any(z["zip_code_type"] in ("STANDARD", "PO BOX") for z in codes):
            continue
        street = [z for z in codes if z["zip_code_type"] == "STANDARD"] or codes
        lat = round(statistics.median(float(z["lat"]) for z in street), 4)
        lon = round(statistics.median(float(z["long"]) for z in street), 4)
        if known_near(city, lat, lon):
            continue
        sub = pycountry.subdivisions.get(code=f"US-{state}")
        county = statistics.mode(z["county"] for z in codes) or None
        out.append(PostalTown(city, sub.name if sub else None, county, lat, lon))
    return out
