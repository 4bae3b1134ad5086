"""The web page: static files written for Wirewatch, plus front-end libraries and country
outlines that `make install` copies from the npm registry into `static/vendor/` (none of
their code is committed; see web/package.json at the repository root).

The map draws country outlines from Natural Earth (the npm package world-atlas), which
comes as TopoJSON; `countries_geojson` turns it into GeoJSON keyed by ISO alpha-3 codes so
that the page can shade the country of a country-level event.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry

from ..errors import Err, WirewatchError

BASEMAP = "countries-50m.json"
VENDOR_FILES = ("leaflet.js", "leaflet.css", BASEMAP, "swagger-ui-bundle.js", "swagger-ui.css")


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
