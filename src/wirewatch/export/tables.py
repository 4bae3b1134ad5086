"""The value tables of the ACLED and GDELT views, read from `data/export/` (written for
Wirewatch, documented in docs/export.md): ACLED's sub-event labels and disorder types,
country names, numeric codes, regions and representative points, actor-type (inter) codes,
and outlets' source scales."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _rows(name: str, section: str | None = None) -> list[dict[str, str]]:
    text = resources.files("wirewatch").joinpath(f"data/export/{name}").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    if section is not None:
        out, inside = [], False
        for ln in lines:
            if ln.startswith("["):
                inside = ln.strip() == f"[{section}]"
            elif inside:
                out.append(ln)
        lines = out
    return list(csv.DictReader(lines, delimiter="\t"))


@dataclass(frozen=True)
class Subtype:
    code: str
    label: str
    event_type: str
    disorder_type: str


@dataclass(frozen=True)
class Country:
    iso3: str
    iso: int
    name: str
    region: str
    capital: str
    lat: float | None
    lon: float | None


@lru_cache(maxsize=1)
def subtypes() -> dict[str, Subtype]:
    return {
        r["code"]: Subtype(r["code"], r["sub_event_type"], r["event_type"], r["disorder_type"])
        for r in _rows("acled_subtypes.tsv")
    }


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    out = {}
    for r in _rows("countries.tsv"):
        lat = float(r["lat"]) if r["lat"] else None
        lon = float(r["lon"]) if r["lon"] else None
        out[r["iso3"]] = Country(
            r["iso3"], int(r["iso"]), r["name"], r["region"], r["capital"], lat, lon
        )
    return out


@lru_cache(maxsize=1)
def inter_names() -> dict[int, str]:
    return {int(r["code"]): r["name"] for r in _rows("acled_inter.tsv", "codes")}


@lru_cache(maxsize=1)
def inter_rules() -> tuple[tuple[str, str, int], ...]:
    return tuple(
        (r["sector"], r["when"], int(r["code"])) for r in _rows("acled_inter.tsv", "rules")
    )


def inter_code(
    sector: str | None, party_country: str | None, event_country: str | None, subtype: str
) -> int | None:
    """ACLED's actor type (1-8) of a party, by the first rule of `acled_inter.tsv` that
    holds; None when no rule does (the party is then left without a code)."""
    for rule_sector, when, code in inter_rules():
        if rule_sector != "*" and rule_sector != sector:
            continue
        if when == "foreign":
            if not (party_country and event_country and party_country != event_country):
                continue
        elif when.startswith("subtype:") and subtype not in when.split(":", 1)[1].split("|"):
            continue
        return code
    return None


@lru_cache(maxsize=1)
def outlet_scales() -> dict[str, str]:
    return {r["outlet"].lower(): r["source_scale"] for r in _rows("outlet_scales.tsv")}
