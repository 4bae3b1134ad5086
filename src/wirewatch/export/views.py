"""Column sets of an export: Wirewatch's own (`plover`), GDELT-style and ACLED-style.

Each view turns one stored event (or story) into a flat row with a fixed list of typed
columns, so every format (JSON Lines, CSV, Parquet, GeoJSON properties) carries the same
columns. The ACLED and GDELT views follow those datasets' column names, order and value
conventions so that their users' scripts read them unchanged; docs/export.md lists every
column and how it differs from the original's coding.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ..events.implied import UNNAMED_DOER
from ..events.views import cameo_code, goldstein, words_of
from ..store.schema import ArticleRow, EventRow, StoryRow
from . import tables

# GDELT ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
GDELT_GEO = {"country": 1, "admin1": 5, "district": 4, "point": 4}
GDELT_GEO_US = {"country": 1, "admin1": 2, "district": 3, "point": 3}
# ACLED geo_precision: 1 the place itself, 2 near it / its district, 3 its province or a
# larger region (represented by a point of it).
ACLED_GEO = {"point": 1, "district": 2, "admin1": 3, "country": 3}
ACLED_TIME = {"day": 1, "week": 2, "month": 3, "year": 3}
# An event dated this many days before its article's publication is background (what
# the article recalls, not what it reports); one dated after it has not happened yet.
BACKGROUND_DAYS = 31
# ACLED's reading of vague death tolls (its codebook: "dozens" 12, "hundreds" 100,
# "several" or "many" 10); other vague figures keep their lower bound.
ACLED_VAGUE = {
    "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "several": 10,
    "many": 10, "numerous": 10,
}  # fmt: skip
KILL_WORDS = {
    "kill", "killed", "kills", "killing", "dead", "die", "died", "dies", "death", "deaths",
    "fatalities", "fatality", "bodies", "slain", "massacred", "executed", "murdered",
    "beheaded", "lynched", "lives", "toll",
}  # fmt: skip
HURT_WORDS = {
    "injured", "injuring", "injuries", "wounded", "wounding", "hurt", "arrested", "detained",
    "abducted", "kidnapped", "displaced", "missing", "captured", "fled", "rescued",
    "evacuated", "freed", "released",
}  # fmt: skip
PROTEST_SUBTYPES = {"PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST"}


@dataclass(frozen=True)
class Options:
    """How rows are built beyond the event itself: `unasserted` includes negated,
    intended and background events and adds a modality column."""

    unasserted: bool = False


@dataclass(frozen=True)
class View:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, "str" | "int" | "float" | "bool")
    event_row: Callable[..., dict[str, Any] | None]
    # Columns added before `deleted` when unasserted events are included.
    unasserted_columns: tuple[tuple[str, str], ...] = ()

    def columns_for(self, opts: Options) -> tuple[tuple[str, str], ...]:
        if not opts.unasserted or not self.unasserted_columns:
            return self.columns
        return (*self.columns[:-1], *self.unasserted_columns, self.columns[-1])


def _iso(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


# -- shared helpers ----------------------------------------------------------------
def is_background(ev: EventRow, art: ArticleRow) -> bool:
    """An event the article recalls (the extractor's `background` flag, or dated over a
    month before it) or expects (dated after it), not one it reports."""
    if (ev.record or {}).get("background"):
        return True
    if ev.date is None or art.published is None:
        return False
    days = (art.published - ev.date).days
    return days > BACKGROUND_DAYS or days < 0


def reported(ev: EventRow, art: ArticleRow) -> bool:
    """Asserted and not background: what the ACLED and GDELT views export by default."""
    return ev.modality == "asserted" and not is_background(ev, art)


def modality_of(ev: EventRow, art: ArticleRow) -> str:
    """The event's modality, "background" for an asserted event the article recalls."""
    if ev.modality == "asserted" and is_background(ev, art):
        return "background"
    return ev.modality


def one_line(ev: EventRow) -> str:
    """The evidence sentence on one line: a sentence that runs across a paragraph break
    keeps the paragraph holding the trigger; runs of white space become one space."""
    parts = re.split(r"\n\s*\n", ev.sentence or "")
    if len(parts) > 1:
        trig = (ev.trigger or "").strip()
        parts = [p for p in parts if trig and trig in p] or [max(parts, key=len)]
    return re.sub(r"\s+", " ", parts[0]).strip()


def outlet_of(art: ArticleRow) -> str | None:
    """The outlet that published the article, else its web host; never a file name."""
    if art.source:
        return art.source
    if art.url:
        host = urlsplit(art.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


@lru_cache(maxsize=4096)
def admin1_point(country: str, admin1: str) -> tuple[float, float] | None:
    """The gazetteer's point of a province (the centroid of its towns)."""
    from ..mentions.gazetteer import load_gazetteer

    for p in load_gazetteer().lookup(admin1):
        if p.country == country and p.feature == "province" and p.lat is not None:
            return p.lat, p.lon  # type: ignore[return-value]
    return None


def point(ev: EventRow) -> tuple[float | None, float | None, str]:
    """(lat, lon, precision) of an event for a table: the place's own point when it has
    one, else its province's point (precision admin1), else its country's representative
    point, the capital (precision country); (None, None, precision) for no country."""
    precision = ev.precision or "country"
    if ev.lat is not None and ev.lon is not None:
        return ev.lat, ev.lon, precision
    if ev.place_country and ev.place_admin1 and precision != "country":
        found = admin1_point(ev.place_country, ev.place_admin1)
        if found is not None:
            return found[0], found[1], "admin1"
    country = tables.countries().get(ev.place_country or "")
    if country is not None and country.lat is not None:
        return country.lat, country.lon, "country"
    return None, None, precision


def fatalities(ev: EventRow) -> int:
    """The event's figure when it counts the dead ("killed at least 12 people", "left 5
    dead"): the nearest count word beside the figure is a death word, not an injury,
    arrest or flight word; 0 otherwise, as ACLED codes no reported deaths."""
    q = (ev.record or {}).get("quantity")
    if not q or not q.get("text"):
        return 0
    sentence = ev.sentence or ""
    at = sentence.find(q["text"])
    if at < 0:
        at = sentence.lower().find(q["text"].lower())
    if at < 0:
        return 0
    before = re.findall(r"[a-z]+", sentence[:at].lower())[-4:]
    after = re.findall(r"[a-z]+", sentence[at + len(q["text"]) :].lower())[:5]
    # distance of each word from the figure: after it 1, 2, ...; before it 1, 2, ...
    near = [(i + 1, w) for i, w in enumerate(after)] + [
        (i + 1, w) for i, w in enumerate(reversed(before))
    ]
    kill = min((d for d, w in near if w in KILL_WORDS), default=None)
    hurt = min((d for d, w in near if w in HURT_WORDS), default=None)
    if kill is None or (hurt is not None and hurt <= kill):
        return 0
    if q.get("qualifier") == "vague":
        word = re.sub(r"^(?:a|some)\s+", "", q["text"].lower().strip())
        if word in ACLED_VAGUE:
            return ACLED_VAGUE[word]
    value = q.get("low") if q.get("low") is not None else q.get("value")
    return int(value) if value is not None else 0


# -- plover ---------------------------------------------------------------------------
def plover_row(
    ev: EventRow, art: ArticleRow, story: StoryRow | None = None, opts: Options = Options()
) -> dict[str, Any]:
    rec = ev.record
    e = rec["evidence"]
    return {
        "event_id": ev.key,
        "story_id": ev.story.key if ev.story is not None else None,
        "article": art.name,
        "url": art.url,
        "outlet": art.source,
        "published": _iso(art.published),
        "event_type": ev.event_type,
        "mode": ev.mode,
        "quad": ev.quad,
        "cameo_root": ev.cameo_root,
        "acled_subtype": ev.acled_subtype,
        "actor": ev.actor_name,
        "actor_country": ev.actor_country,
        "actor_sector": ev.actor_sector,
        "actor_org": ev.actor_org,
        "recipient": ev.recipient_name,
        "recipient_country": ev.recipient_country,
        "recipient_sector": ev.recipient_sector,
        "place": ev.place_name,
        "place_country": ev.place_country,
        "place_admin1": ev.place_admin1,
        "lat": ev.lat,
        "lon": ev.lon,
        "precision": ev.precision,
        "date": _iso(ev.date),
        "date_precision": ev.date_precision,
        "quantity": ev.quantity,
        "qualifier": ev.qualifier,
        "attribution": ev.source,
        "modality": ev.modality,
        "confidence": ev.confidence,
        "evidence_start": e["start"],
        "evidence_end": e["end"],
        "trigger": ev.trigger,
        "sentence": ev.sentence,
        "updated_at": _iso(ev.updated_at),
        "deleted": False,
    }


# -- gdelt ----------------------------------------------------------------------------
def is_root_event(ev: EventRow, art: ArticleRow) -> int:
    """GDELT's IsRootEvent: 1 when the event is told in the lead (the title and first
    paragraph, or the first 400 characters of a text without paragraphs)."""
    start = ((ev.record or {}).get("evidence") or {}).get("start", 0)
    text = art.text or ""
    breaks = [m.end() for m in re.finditer(r"\n\s*\n", text)]
    lead_end = breaks[1] if len(breaks) > 1 else (breaks[0] if breaks else 400)
    if breaks and breaks[0] > 300:  # the text opens with a paragraph, not a title
        lead_end = breaks[0]
    return 1 if start < lead_end else 0


def _actor_code(country: str | None, sector: str | None) -> str | None:
    return f"{country or ''}{sector or ''}" or None


def _fraction(d: date) -> float:
    return round(d.year + (d.timetuple().tm_yday - 1) / 365, 4)


def gdelt_row(
    ev: EventRow, art: ArticleRow, story: StoryRow | None = None, opts: Options = Options()
) -> dict[str, Any]:
    code = cameo_code(
        ev.event_type, ev.mode, ev.cameo_root, words_of(f"{ev.trigger} {ev.sentence}")
    )
    lat, lon, precision = point(ev)
    geo_types = GDELT_GEO_US if ev.place_country == "USA" else GDELT_GEO
    geonameid = ((ev.record or {}).get("location") or {}).get("geonameid")
    feature = str(geonameid) if geonameid and precision == (ev.precision or "country") else None
    if feature is None and precision == "country":
        feature = ev.place_country
    row = {
        "GLOBALEVENTID": ev.key,
        "SQLDATE": ev.date.strftime("%Y%m%d") if ev.date else None,
        "MonthYear": int(ev.date.strftime("%Y%m")) if ev.date else None,
        "Year": ev.date.year if ev.date else None,
        "FractionDate": _fraction(ev.date) if ev.date else None,
        "Actor1Code": _actor_code(ev.actor_country, ev.actor_sector),
        "Actor1Name": ev.actor_name,
        "Actor1CountryCode": ev.actor_country,
        "Actor1Type1Code": ev.actor_sector,
        "Actor2Code": _actor_code(ev.recipient_country, ev.recipient_sector),
        "Actor2Name": ev.recipient_name,
        "Actor2CountryCode": ev.recipient_country,
        "Actor2Type1Code": ev.recipient_sector,
        "IsRootEvent": is_root_event(ev, art),
        "EventCode": code or None,
        "EventBaseCode": code[:3] or None,
        "EventRootCode": code[:2] or None,
        "QuadClass": ev.quad,
        "GoldsteinScale": goldstein(code) if code else None,
        "NumMentions": story.num_events if story is not None else 1,
        "NumSources": story.num_sources if story is not None else 1,
        "NumArticles": story.num_articles if story is not None else 1,
        "AvgTone": None,
        "ActionGeo_Type": geo_types.get(precision) if lat is not None else None,
        "ActionGeo_FullName": ev.place_name,
        "ActionGeo_CountryCode": ev.place_country,
        "ActionGeo_ADM1Code": ev.place_admin1,
        "ActionGeo_ADM2Code": ev.place_name if ev.precision == "district" else None,
        "ActionGeo_Lat": lat,
        "ActionGeo_Long": lon,
        "ActionGeo_FeatureID": feature,
        "DATEADDED": ev.updated_at.strftime("%Y%m%d%H%M%S") if ev.updated_at else None,
        "SOURCEURL": art.url,
        "PLOVER": ev.event_type,
        "Confidence": ev.confidence,
        "Evidence": one_line(ev),
        "deleted": False,
    }
    if opts.unasserted:
        row["Modality"] = modality_of(ev, art)
    return row


# -- acled ----------------------------------------------------------------------------
def _country_name(iso3: str | None) -> str | None:
    if not iso3:
        return None
    c = tables.countries().get(iso3)
    return c.name if c else iso3


def acled_actor(
    name: str | None, sector: str | None, country: str | None, inter: int | None
) -> tuple[str | None, str | None]:
    """(actor, associated actor) in ACLED's naming: state forces as "Military Forces of
    X" / "Police Forces of X" / "Government of X", crowds and civilians as "Protesters
    (X)", "Rioters (X)", "Civilians (X)"; the words of the text become the associated
    actor when a generic name replaces them. Named groups keep their own name."""
    cname = _country_name(country)
    composed = None
    if cname and inter in (1, 8):
        composed = {
            "MIL": f"Military Forces of {cname}",
            "COP": f"Police Forces of {cname}",
        }.get(sector or "", f"Government of {cname}" if sector in ("GOV", "JUD", "LEG") else None)
    elif inter in (5, 6, 7):
        label = {5: "Rioters", 6: "Protesters", 7: "Civilians"}[inter]
        composed = f"{label} ({cname})" if cname else label
    if composed is None:
        return name, None
    assoc = name if name and name.lower() not in composed.lower() else None
    return composed, assoc


def named(name: str | None) -> str | None:
    """A party's name as ACLED would print it: an implied party ("was arrested":
    someone of the actor's country; "a roadside bomb killed": an unidentified doer)
    has none, so ACLED's label of its sector ("Police Forces of X"), its generic
    label or an empty column stands for it."""
    return None if name == UNNAMED_DOER else name


def acled_row(
    ev: EventRow, art: ArticleRow, story: StoryRow | None = None, opts: Options = Options()
) -> dict[str, Any] | None:
    """Only events ACLED would record (those with an ACLED sub-event type)."""
    if ev.acled_subtype is None:
        return None
    sub = tables.subtypes()[ev.acled_subtype]
    cc = ev.place_country
    country = tables.countries().get(cc or "")
    lat, lon, precision = point(ev)
    a_country = ev.actor_country or cc
    r_country = ev.recipient_country or cc
    a_name, r_name = named(ev.actor_name), named(ev.recipient_name)
    has_actor = bool(a_name or ev.actor_sector)
    has_recipient = bool(r_name or ev.recipient_sector)
    inter1 = tables.inter_code(ev.actor_sector, a_country, cc, sub.code) if has_actor else None
    inter2 = (
        tables.inter_code(ev.recipient_sector, r_country, cc, sub.code) if has_recipient else None
    )
    actor1, assoc1 = acled_actor(a_name, ev.actor_sector, a_country, inter1)
    actor2, assoc2 = acled_actor(r_name, ev.recipient_sector, r_country, inter2)
    if actor1 is None:  # ACLED names a crowd or an unidentified group it cannot name
        fallback = {"PEACE_PROTEST": 6, "PROTEST_WITH_INTER": 6, "VIOL_DEMONSTR": 5,
                    "MOB_VIOL": 5}.get(sub.code)  # fmt: skip
        if fallback is not None:
            inter1 = fallback
            actor1, _ = acled_actor(None, None, cc, fallback)
        elif sub.disorder_type.startswith("Political violence"):
            inter1 = 3
            actor1 = (
                f"Unidentified Armed Group ({_country_name(cc)})"
                if cc
                else "Unidentified Armed Group"
            )
    codes = sorted(c for c in (inter1, inter2) if c)
    interaction = None
    if codes:
        interaction = codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)
    civilian = (
        "Civilian targeting"
        if inter2 == 7 and sub.disorder_type.startswith("Political violence")
        else None
    )
    outlet = outlet_of(art)
    q = (ev.record or {}).get("quantity") or {}
    tags = None
    if sub.code in PROTEST_SUBTYPES or sub.code in ("VIOL_DEMONSTR", "MOB_VIOL"):
        tags = f"crowd size={q['text']}" if q.get("text") else "crowd size=no report"
    row = {
        "event_id_cnty": f"{cc or 'XXX'}-{ev.key}",
        "event_date": _iso(ev.date),
        "year": ev.date.year if ev.date else None,
        "time_precision": 2
        if ev.record.get("date_from") in ("published", "narrative", "lead")
        else ACLED_TIME.get(ev.date_precision or "", 3),
        "disorder_type": sub.disorder_type,
        "event_type": sub.event_type,
        "sub_event_type": sub.label,
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter2": inter2 or 0,
        "interaction": interaction,
        "civilian_targeting": civilian,
        "iso": country.iso if country else None,
        "region": country.region if country else None,
        "country": country.name if country else cc,
        "admin1": ev.place_admin1,
        "admin2": ev.place_name if ev.precision == "district" else None,
        "admin3": None,
        "location": ev.place_name or (country.name if country else None),
        "latitude": lat,
        "longitude": lon,
        "geo_precision": ACLED_GEO.get(precision, 3),
        "source": outlet,
        "source_scale": tables.outlet_scales().get((outlet or "").lower()),
        "notes": one_line(ev),
        "fatalities": fatalities(ev),
        "tags": tags,
        "timestamp": int(ev.updated_at.timestamp()) if ev.updated_at else None,
        "wirewatch_id": ev.key,
        "sub_event_code": sub.code,
        "confidence": ev.confidence,
        "deleted": False,
    }
    if opts.unasserted:
        row["modality"] = modality_of(ev, art)
    return row


S, N, F, B = "str", "int", "float", "bool"  # column types
PLOVER_COLUMNS = {
    "event_id": S, "story_id": S, "article": S, "url": S, "outlet": S, "published": S,
    "event_type": S, "mode": S, "quad": N, "cameo_root": S, "acled_subtype": S, "actor": S,
    "actor_country": S, "actor_sector": S, "actor_org": S, "recipient": S,
    "recipient_country": S, "recipient_sector": S, "place": S, "place_country": S,
    "place_admin1": S, "lat": F, "lon": F, "precision": S, "date": S, "date_precision": S,
    "quantity": F, "qualifier": S, "attribution": S, "modality": S, "confidence": F,
    "evidence_start": N, "evidence_end": N, "trigger": S, "sentence": S, "updated_at": S,
    "deleted": B,
}  # fmt: skip
GDELT_COLUMNS = {
    "GLOBALEVENTID": S, "SQLDATE": S, "MonthYear": N, "Year": N, "FractionDate": F,
    "Actor1Code": S, "Actor1Name": S, "Actor1CountryCode": S, "Actor1Type1Code": S,
    "Actor2Code": S, "Actor2Name": S, "Actor2CountryCode": S, "Actor2Type1Code": S,
    "IsRootEvent": N, "EventCode": S, "EventBaseCode": S, "EventRootCode": S, "QuadClass": N,
    "GoldsteinScale": F, "NumMentions": N, "NumSources": N, "NumArticles": N, "AvgTone": F,
    "ActionGeo_Type": N, "ActionGeo_FullName": S, "ActionGeo_CountryCode": S,
    "ActionGeo_ADM1Code": S, "ActionGeo_ADM2Code": S, "ActionGeo_Lat": F, "ActionGeo_Long": F,
    "ActionGeo_FeatureID": S, "DATEADDED": S, "SOURCEURL": S, "PLOVER": S, "Confidence": F,
    "Evidence": S, "deleted": B,
}  # fmt: skip
ACLED_COLUMNS = {
    "event_id_cnty": S, "event_date": S, "year": N, "time_precision": N, "disorder_type": S,
    "event_type": S, "sub_event_type": S, "actor1": S, "assoc_actor_1": S, "inter1": N,
    "actor2": S, "assoc_actor_2": S, "inter2": N, "interaction": N, "civilian_targeting": S,
    "iso": N, "region": S, "country": S, "admin1": S, "admin2": S, "admin3": S,
    "location": S, "latitude": F, "longitude": F, "geo_precision": N, "source": S,
    "source_scale": S, "notes": S, "fatalities": N, "tags": S, "timestamp": N,
    "wirewatch_id": S, "sub_event_code": S, "confidence": F, "deleted": B,
}  # fmt: skip
STORY_COLUMNS = {
    "story_id": S, "story_key": S, "title": S, "event_type": S, "date": S, "first_date": S,
    "last_date": S, "num_events": N, "num_articles": N, "num_sources": N, "first_seen": S,
    "last_seen": S, "figure": F, "figure_qualifier": S, "figures": S, "actors": S,
    "places": S, "actor_country": S, "recipient_country": S, "place_country": S,
    "reports": S, "deleted": B,
}  # fmt: skip

VIEWS = {
    "plover": View("plover", tuple(PLOVER_COLUMNS.items()), plover_row),
    "gdelt": View("gdelt", tuple(GDELT_COLUMNS.items()), gdelt_row, (("Modality", S),)),
    "acled": View("acled", tuple(ACLED_COLUMNS.items()), acled_row, (("modality", S),)),
}
ID_COLUMN = {"plover": "event_id", "gdelt": "GLOBALEVENTID", "acled": "event_id_cnty"}
# Views that export only asserted, non-background events unless asked for all.
REPORTED_ONLY = {"gdelt", "acled"}


def story_row(s: StoryRow) -> dict[str, Any]:
    return {
        "story_id": s.key,  # the story's key, as in the API and the event rows
        "story_key": s.key,
        "title": s.summary.get("title"),
        "event_type": s.event_type,
        "date": _iso(s.date),
        "first_date": s.summary.get("first_date"),
        "last_date": s.summary.get("last_date"),
        "num_events": s.num_events,
        "num_articles": s.num_articles,
        "num_sources": s.num_sources,
        "first_seen": _iso(s.first_seen),
        "last_seen": _iso(s.last_seen),
        "figure": s.figure,
        "figure_qualifier": s.figure_qualifier,
        "figures": json.dumps(s.figures, ensure_ascii=False),
        "actors": "; ".join(s.summary.get("actors") or []),
        "places": "; ".join(s.summary.get("places") or []),
        "reports": json.dumps(s.summary.get("reports") or [], ensure_ascii=False),
        "actor_country": s.summary.get("actor_country"),
        "recipient_country": s.summary.get("recipient_country"),
        "place_country": s.summary.get("place_country"),
        "deleted": False,
    }
