"""Airports for the gazetteer (airportsdata, when installed), kept apart from the
gazetteer's builder so that each module stays short."""

from __future__ import annotations

# An airport as the gazetteer takes it: its names, country (ISO3), admin1, lat, lon.
Airport = tuple[list[str], str | None, str | None, float, float]


def airports(iso2to3: dict[str, str]) -> list[Airport]:
    """Airports with scheduled service (an IATA and an ICAO code), by name: "Kabul
    International Airport" and "Kabul airport"; not by code, which is a word too often."""
    try:
        import airportsdata
    except ImportError:
        return []
    out: list[Airport] = []
    for a in airportsdata.load("IATA").values():
        name = a.get("name") or ""
        if not name or "airport" not in name.lower() or a.get("icao", "") == "":
            continue
        names = [name]
        if name.endswith(" International Airport"):
            names.append(name[: -len(" International Airport")] + " airport")
        out.append((names, iso2to3.get(a["country"]), a.get("subd") or None,
                    float(a["lat"]), float(a["lon"])))  # fmt: skip
    return out
