"""The country of a party the text leaves stateless ("police", "the president", "a man",
"protesters"), chosen by a learned ranking over the countries the article offers.

Why learned: the rule ladder it replaces (the clause's place, else the article's focus
country, else a place further away; `ladder_country`) failed where a weak place (a "San
Pedro" resolved abroad in a Los Angeles story, a county read as a namesake abroad) gave
its country to the local police. The ranking weighs every source of a country together:
the event's place and the rung it came from, the sentence's and the paragraph's places,
the dateline, the article's focus and how many of its mentions name each country, the
other party, the attribution's source, the previous sentence's parties, and whether the
place behind a candidate was resolved with a low ranking score or is named only once.

The weights live in `data/events/country_model.json` (trained by
`training/train_country.py` on the real-news dev gold only, with 5-fold by-article
figures in the file). Without the file the ladder decides, as before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from ..mentions.records import sentence_index
from .words import FOREIGN

if TYPE_CHECKING:
    from ..mentions import Mention
    from .context import Context
    from .event import Event
    from .record import Party, Place

# Sectors that act where they are (police, courts, governments, citizens): their
# country is the story's place more often than a foreign party's.
LOCAL_SECTORS = ("COP", "JUD", "GOV", "LEG", "CVL", "EDU", "MED", "BUS", "CRM", "OPP")
# A place the gazetteer ranking chose with less than this probability is weak.
WEAK_SCORE = 0.5
# Parties whose country is not where they act: they take no country from a place.
STATELESS = ("IGO", "NGO")
# Sources a party's country may already have before the chooser sees it: the coreference
# pass's (`country_from` antecedent / dateline) and the attribution's (`decide`).
PRESET = ("antecedent", "dateline", "attribution")


@dataclass(frozen=True)
class Candidate:
    """One country a stateless party may be given, with what speaks for it."""

    country: str
    features: dict[str, float]


@dataclass(frozen=True, eq=False)
class Asked:
    """A party whose country is asked for, with what its event offers: its mention (None
    when implied), the other party, the event's place, that place's mention and the rung
    of the ladder it was found on."""

    party: Party
    role: str  # actor | recipient
    mention: Mention | None
    other: Party | None
    event: Event
    location: Place | None
    place_mention: Mention | None
    rung: str | None
    ctx: Context


@dataclass(frozen=True)
class CountryModel:
    """A conditional-logit ranking: a candidate's score is the sum of its features'
    weights; the highest wins."""

    weights: dict[str, float]
    # Whether a country inferred before the ranking (`PRESET`) is weighed again.
    preset: bool = True
    # The roles it decides for: those whose 5-fold choice beat the ladder's (on dev the
    # recipients' did not: fixed 1, broke 2); the ladder decides the others.
    roles: tuple[str, ...] = ("actor", "recipient")

    def score(self, c: Candidate) -> float:
        w = self.weights
        return sum(w.get(k, 0.0) * v for k, v in c.features.items())


@cache
def load_model() -> CountryModel | None:
    """The shipped ranking, or None (the ladder decides) when its file is missing."""
    res = files("wirewatch") / "data" / "events" / "country_model.json"
    if not res.is_file():
        return None
    data = json.loads(res.read_text("utf-8"))
    weights = {k: float(v) for k, v in data["weights"].items()}
    roles = tuple(data.get("roles", ("actor", "recipient")))
    return CountryModel(weights, bool(data.get("preset", True)), roles)


def ladder_country(
    p: Party, location: Place | None, rung: str | None, ctx: Context
) -> tuple[str | None, str | None]:
    """The rule ladder: the clause's place, else the article's focus country, else the
    event's place found further away. Returns (country, where it came from)."""
    here = location.country if location is not None else None
    if here and rung == "clause":
        return here, "place"
    if ctx.focus_country:
        return ctx.focus_country, "article"
    if here:
        return here, "place"
    return None, None


def candidates(q: Asked) -> list[Candidate]:
    """Every country the article offers for the party asked about, with its features;
    the ladder's own choice among them."""
    p, m, other, ev, ctx = q.party, q.mention, q.other, q.event, q.ctx
    location, place_mention, rung = q.location, q.place_mention, q.rung
    found: dict[str, dict[str, float]] = {}

    def add(iso: str | None, key: str, value: float = 1.0) -> None:
        if iso:
            f = found.setdefault(iso, {})
            f[key] = max(f.get(key, 0.0), value)

    ladder, _ = ladder_country(p, location, rung, ctx)
    add(ladder, "ladder")
    inferred = m.as_actor.country_from if m is not None and not p.implied else None
    if p.country:
        add(p.country, "preset")
        add(p.country, "preset_" + (p.country_from or inferred or "own"))
    if m is not None and m.as_actor.country_from:
        add(m.as_actor.country, "coref_" + m.as_actor.country_from)
    if location is not None and location.country:
        add(location.country, "loc_" + (rung or "none"))
        if place_mention is not None and place_mention.kind == "place":
            score = place_mention.as_place.score
            if score is not None and score < WEAK_SCORE:
                add(location.country, "loc_weak")
    add(ctx.focus_country, "focus")
    dl = ctx.dateline_place()
    if dl is not None:
        add(dl.as_place.country, "dateline")
    here = sentence_index(ev.tok.doc, ev.tok.i)
    for pm in ctx.in_sentence("place", ev.tok):
        pp = pm.as_place
        add(pp.country, "sent_adj" if pp.role in ("adjectival", "metonymic") else "sent_place")
        if pp.score is not None and pp.score < WEAK_SCORE:
            add(pp.country, "sent_weak")
    for pm in ctx.before_in_paragraph("place", ev.tok):
        add(pm.as_place.country, "para_place")
    for am in ctx.by_kind.get("actor", []):
        a = am.as_actor
        if not a.country or a.country_from is not None or (m is not None and am is m):
            continue
        if am.sent == here:
            add(a.country, "sent_party")
        elif am.sent == here - 1:
            add(a.country, "prev_party")
    if other is not None:
        add(other.country, "other_party")
    if ev.attribution is not None:
        add(ev.attribution.as_attribution.source.country, "attribution")
    if not found:
        return []
    places, parties, first = ctx.country_counts
    n_places = sum(places.values()) or 1
    n_parties = sum(parties.values()) or 1
    firsts = sorted(first, key=first.__getitem__)
    local = p.sector in LOCAL_SECTORS
    out = []
    for iso, f in found.items():
        f["place_share"] = places[iso] / n_places
        f["party_share"] = parties[iso] / n_parties
        f["lone"] = float(places[iso] + parties[iso] <= 1)
        f["first_named"] = float(bool(firsts) and firsts[0] == iso)
        for k in list(f):
            if k in ("ladder", "focus", "loc_clause", "sent_place", "dateline", "other_party"):
                f[f"{k}*local"] = f[k] if local else 0.0
                if p.implied:
                    f[f"{k}*implied"] = f[k]
        out.append(Candidate(iso, f))
    return out


def choose(q: Asked) -> tuple[str | None, str | None]:
    """The country for the party asked about and where it came from (`model` when the
    ranking chose one the ladder would not; the ladder's own source name otherwise). A
    country the party's own words name stays (`country_from` None); one only inferred
    before (`PRESET`: an antecedent's, the dateline's, the attribution's) is weighed
    again."""
    p, m = q.party, q.mention
    inferred = m.as_actor.country_from if m is not None and not p.implied else None
    if p.country and p.country_from is None and inferred is None:
        return p.country, None
    model = load_model()
    lad, lad_from = ladder_country(p, q.location, q.rung, q.ctx)
    if p.country:
        lad, lad_from = p.country, p.country_from or inferred
    if model is None or (p.country and not model.preset) or q.role not in model.roles:
        return lad, lad_from
    cands = candidates(q)
    if not cands:
        return lad, lad_from
    best = max(cands, key=model.score)
    if best.country == lad:
        return lad, lad_from
    return best.country, "model"


def give_country(
    p: Party | None,
    role: str,
    m: Mention | None,
    other: Party | None,
    ev: Event,
    found: tuple[Place | None, Mention | None, str | None],
    ctx: Context,
) -> None:
    """A party the text leaves stateless ("police", "a man") takes the country
    `choose` ranks first among those the article offers (without its model, the
    ladder's), also over one only inferred before (antecedent, dateline, attribution).
    `m`: its mention (None when implied); `found`: the event's place, mention, rung. A
    party whose words say it is foreign keeps only a country they name (`foreign`)."""
    if p is None or p.org or p.sector in STATELESS:
        return
    if foreign(m, ctx):
        if p.country_from is not None or (m is not None and m.as_actor.country_from):
            p.country, p.country_from = None, None  # inferred, not said
        return
    p.country, p.country_from = choose(Asked(p, role, m, other, ev, *found, ctx))


def foreign(m: Mention | None, ctx: Context) -> bool:
    """A group whose words say it is foreign to the story's place ("foreign troops",
    "international forces": `FOREIGN` modifying a plural noun): the article's country is
    the one it is foreign to, so it takes none (on the demo "foreign forces began their
    withdrawal" in an Afghan story were Tajik by the ladder, Afghan by the model). Not an
    office ("the foreign minister" is his own country's)."""
    if m is None or m.i < 0:
        return False
    return any(
        t.lower_ in FOREIGN and t.dep_ == "amod" and t.head.tag_ in ("NNS", "NNPS")
        for t in ctx.doc[m.i : m.j]
    )
