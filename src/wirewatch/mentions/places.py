"""Place mentions: candidate spans (`place_spans`), then a decision for each (the
gazetteer's candidates scored against the article's focus), then the dateline."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from .gazetteer import Place
from .geo import distance_km
from .lookups import Lookups, actor_position
from .namesakes import own_names_first
from .payloads import PlacePayload
from .place_roles import names_home, names_no_place
from .place_spans import (
    EMBEDDING_LABELS,
    dotted_state,
    enclosing_name,
    listed_states,
    listed_units,
    modifier_place,
    names_thoroughfare,
    own_units,
    place_candidates,
    region_of_adjective,
    regions,
    unit_after,
    unit_candidates,
    unit_heads,
    unit_of,
    world_regions,
)
from .ranking import (
    ArticleContext,
    MentionContext,
    could_be,
    focus_by_name,
    load_ranker,
    money_countries,
    settled_rows,
)
from .records import Mention, curated, doc_ents, entity_at, mention
from .text import fold
from .vocab import CITY_KINDS, DISTRICT_KINDS, PLACE_KIND_AFTER, PLACE_KIND_BEFORE_OF

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ..ingest.article import Article

    # A name to place: its span, its context, its candidates (own name or not), its role.
    Item = tuple[Span, MentionContext, list[tuple[Place, bool]], str]

__all__ = ["country_focus", "find_places", "place_candidates", "regions", "world_regions"]


def country_focus(lk: Lookups, doc: Doc) -> Counter[str]:
    """How often the article names each country (by name, people or capital)."""
    counts: Counter[str] = Counter()
    for ent in doc_ents(doc):
        if ent.label_ in ("GPE", "NORP", "LOC"):
            iso = lk.lex.demonym(ent.text) or lk.country_name(ent.text) or lk.capital(ent.text)
            if iso:
                counts[iso] += 1
    return counts


def choose(
    candidates: list[Place], focus: Counter[str], hint: str | None, near: list[Place]
) -> Place | None:
    if not candidates:
        return None
    top = [c for c, _ in focus.most_common(3)]
    near_admin = {(p.country, p.admin1) for p in near}

    def score(p: Place) -> float:
        s = math.log10(p.population + 1)
        if p.feature == "country":
            s += 10
        if p.feature in ("province", "region", "valley"):
            s += 8 if hint == "province" else 3
        if p.feature == "district":
            s += 8 if hint == "district" else 2
        if hint == "city" and p.feature == "city":
            s += 4
        if curated(p):
            s += 4
        if p.country in top:
            s += 6 if p.country == top[0] else 4
        if (p.country, p.admin1) in near_admin:
            s += 2
        return s

    return max(candidates, key=score)


# A country or capital that acts ("Russia said") is a toponym to geoparsers: a place mention
# with role `metonymic` (never an event's place). Its words stay free for the actor passes
# (actors.find_actors), which read the same span as the acting state, and the focus vote
# (events/context.py) counts the party alone, so events are as without it.
EMIT_METONYMIC = True
# A candidate the model gives less than this is no place (a namesake word, a partial name).
MIN_SCORE = 0.12
# Passes of the ranker after the first, each over the article's places as the last one
# chose them (see resolve_places). Two let a pair of names settle together (a local
# paper's "Paris" and "Henry County" each moved to Tennessee only after the other did):
# with the same fold rankers, 5-fold acc@161 LGL .9003 -> .9032, GWN .9614 -> .9619.
REFINE_PASSES = 2
# Hooks for training/train_places.py: when a list, each ranked mention appends
# (article id, start, end, [(place, features), ...]) to it.
FEATURE_SINK: list | None = None


def find_places(lk: Lookups, article: Article, doc: Doc, focus: Counter[str]) -> list[Mention]:
    dl, qualified = dateline(lk, article, focus)
    dl_place = _place_of(dl[0]) if dl else None
    # "GENEVA —" with no ", Ill." after it: only the plain score chose it.
    bare = fold(dl[0].text) if dl and not qualified else ""
    also = frozenset(fold(m.text) for m in dl)
    spans = place_candidates(lk, doc, also)
    found = resolve_places(lk, article, doc, focus, spans, dl_place, bare)
    if bare:
        # A bare dateline ("HAMILTON —") is the namesake in the state or province the
        # article's other places lie in (Butler County, Ohio), when they say one; its own
        # name's other mentions followed the first choice, so they have no vote.
        near = [_place_of(m) for m in found if m.as_place.admin1 and fold(m.text) != bare]
        redo, _ = dateline(lk, article, focus, near)
        if redo and _place_of(redo[0]) != dl_place:
            dl, dl_place = redo, _place_of(redo[0])
            found = resolve_places(lk, article, doc, focus, spans, dl_place, bare)
    found += adjectival_places(lk, article, doc, found)
    return found + dl


def _place_of(m: Mention) -> Place:
    p = m.as_place
    return Place(p.name, p.country, p.admin1, p.ref_lat, p.ref_lon, p.geonameid, p.feature,
                 p.precision, 0, "", p.admin2)  # fmt: skip


# ---------------------------------------------------------------- decisions
def resolve_places(
    lk: Lookups,
    article: Article,
    doc: Doc,
    focus: Counter[str],
    spans: list[Span],
    dl_place: Place | None = None,
    bare_dateline: str = "",
) -> list[Mention]:
    """Each candidate not overlapping an earlier place: its gazetteer entry, when it has
    one, stands where a place stands and the ranking model finds it likely enough. Two
    passes: a first choice by the plain score gives the article's places, then the model
    ranks each name's candidates knowing where the others are."""
    items: list[Item] = []
    taken: set[int] = set()
    found_regions: list[Mention] = []
    units = unit_heads(spans)
    listed = listed_units(lk, doc)
    for cand in spans:
        if any(i in taken for i in range(cand.start, cand.end)):
            continue
        span, hint = extend_place(doc, cand)
        text = span.text
        if text.lower().startswith("the "):
            text = text[len("the ") :]
        if text.endswith(("'s", "’s")) and len(text) > 3:
            text = text[:-2]  # "UK’s" as one word: its name is the place's
        if fold(text) in world_regions() or fold(text) in regions()[0]:
            taken.update(range(span.start, span.end))  # nor any word inside it
            region = regions()[0].get(fold(text))
            if region is not None:
                # A union named as a body ("the EU said", "EU sanctions") stands for its
                # region as a state stands for its country; the party keeps its words.
                kind = "metonymic" if cand.label_ == "ORG" else "region"
                found_regions.append(mention(article, doc, span, PlacePayload.of(region, kind)))
            continue
        unit = listed.get((cand.start, cand.end))
        if unit is not None:  # "Douglas and Sarpy counties": only units of the name and kind
            cands = unit_candidates(lk, text, unit)
            items.append((span, MentionContext(text, None, [], None), cands, "event"))
            taken.update(range(span.start, span.end))
            continue
        cands = state_abbreviation(lk, doc, span) or [
            (p, own) for p, own in lk.gaz.candidates(text) if p.lat is not None
        ]
        cands = (cands and unit_of(lk, text, units)) or cands
        if is_acronym(text):
            cands = [(p, own) for p, own in cands if acronym_fits(p, own)]
        head, _, kind = text.rpartition(" ")
        if not cands and hint:
            cands = [(p, own) for p, own in lk.gaz.candidates(head) if p.lat is not None]
        elif head and kind.lower() in CITY_KINDS:
            # "Dublin City Council", "Huntsville City Schools": the name with its kind word
            # is often only one namesake's alternate name (Ireland's Dublin City); the
            # towns whose own name is the name alone are the others, and the ranker
            # chooses among them all (not a country or state: "Mexico City").
            have = {p for p, _ in cands}
            cands += [
                (p, own)
                for p, own in lk.gaz.candidates(head)
                if own and p.lat is not None and p.feature == "city" and p not in have
            ]
        if not cands or _opens_people(lk, doc, span) or names_no_place(lk, doc, span):
            continue
        border = unit_after(doc, span, cands)
        cands = border or cands
        role = (
            "origin"
            if names_home(doc, span)
            else "embedded"
            if enclosing_name(doc, span, lk) is not None
            or modifier_place(lk, cand)
            or names_thoroughfare(lk, doc, span)
            else place_role(lk, doc, span, [p for p, _ in cands])
        )
        if role is None:
            continue
        m = MentionContext(text, hint, qualifier(lk, doc, span), lk.capital(text), bool(border))
        items.append((span, m, cands, role))
        taken.update(range(span.start, span.end))
    entries = [(s, m.text, c, bool(m.qualifier)) for s, m, c, _ in items]
    for k, country in listed_states(entries).items():
        span, m, cands, role = items[k]
        states = [(p, own) for p, own in own_units(m.text, cands) if p.country == country]
        items[k] = (span, replace(m, unit=True), states, role)

    actx = ArticleContext(focus, dateline=dl_place, bare_dateline=bare_dateline)
    actx.focus_of = focus_by_name(lk, doc)
    actx.money = money_countries(doc)
    for _, m, cands, _ in items:
        key = fold(m.text)
        for p, _own in cands:
            if (p.precision == "admin1" and len(cands) == 1) or p.feature == "province":
                actx.admin1.add((p.country, fold(p.name), key))
        for q in m.qualifier:
            if q.precision == "admin1":
                # Said by the state's own words after the name ("Springfield, Ill.").
                actx.admin1.add((q.country, fold(q.name), fold(q.name)))
    # First pass: the linear model without the other names' places, for the article's
    # places (the plain score took "California, Md." over the state). Then REFINE_PASSES
    # more, each knowing where the last one put the others: a local paper's names, first
    # each its biggest namesake, scattered over the country, then gather in its state.
    # The refine passes choose with the trees, which choose better than the linear model
    # once the others' places are known: with the same fold rankers, LGL 5-fold acc@161
    # .8985 -> .9024 (Shiloh, Ill. beside "Kansas" and Illinois; Palestine, Texas beside
    # Crockett and Houston), GWN .9629 either way.
    ranker = load_ranker()
    actx.could = could_be([(m.text, cands) for _, m, cands, _ in items])
    found: list[Mention] = found_regions
    all_rows = settled_rows(ranker, [(m, cands) for _, m, cands, _ in items], actx, REFINE_PASSES)
    flat = [x for rows in all_rows for _, x in rows]
    probs, picks = iter(ranker.scores(flat)), iter(ranker.choices(flat))
    for (span, m, cands, role), rows in zip(items, all_rows, strict=True):
        if FEATURE_SINK is not None:
            s, e = _raw(article, span)
            FEATURE_SINK.append((article.id, s, e, rows))
        scored = [(next(probs), p) for p, _ in rows]
        choice = [next(picks) for _ in rows]
        best = max(range(len(rows)), key=choice.__getitem__)
        prob, place = scored[best]
        sure = _full_name(span, cands) or (span.start, span.end) in listed or m.unit
        if sum(s for s, _ in scored) < MIN_SCORE and not sure:
            continue
        if m.hint != "province" and not m.unit:
            place = _city_within(place, cands)
        if m.hint == "district" and place.feature == "city":
            place = replace(place, feature="district", precision="district")
        found.append(mention(article, doc, span, PlacePayload.of(place, role, score=prob)))
    return found


def is_acronym(text: str) -> bool:
    """Letters written as an acronym ("OAS", "MoD", "ICE"): one short word with two or
    more capitals."""
    return 2 <= len(text) <= 5 and text.isalpha() and sum(c.isupper() for c in text) >= 2


def acronym_fits(place: Place, own: bool) -> bool:
    """Whether an acronym may name `place`. Town names and the codes GeoNames and
    airportsdata list as alternate names (Modesto's airport "MOD", Oas in the
    Philippines for the "OAS") read most acronyms of bodies as small towns, and a wrong
    town misplaces every party of its article. An acronym names a country or an admin
    unit ("UAE", "NSW"), a town of a million people under a short name ("NYC", "LA"),
    or a large town whose own name it spells ("ROME", "DOHA" in capitals)."""
    if place.feature != "city":
        return True
    return place.population >= (100_000 if own else 1_000_000)


def _full_name(span: Span, cands: list[tuple[Place, bool]]) -> bool:
    """A name of two or more capitalised words that is some candidate's own name ("Licking
    County", "Grand Ledge"): no namesake word, so kept however unsure the model is of
    which place it is."""
    words = [t for t in span if t.lower_ != "the"]
    return len(words) > 1 and all(t.is_title for t in words) and any(own for _, own in cands)


# A city this big that shares its state's name is what a bare name says ("New York"
# police, courts, streets): the news, and GeoWebNews, mean the city; LGL's "New York" is
# the state, which the ranker learns from it, as its trees cannot tell the two apart.
BIG_CITY = 1_000_000
# A city this near a province's point is the city the province is named after, even when
# the city is a unit of its own (Minsk city within Minsk Oblast's middle).
NEAR_MIDDLE_KM = 60
# A city this big is the one a province's name says though the name is only one of its
# alternate names ("Kiev" for Kyiv); a smaller one must have it as its own or lie near
# the province's middle ("Jenin" for Janin), not a town 160 km off ("Montana City").
OWN_NAME_OR = 100_000


def _opens_people(lk: Lookups, doc: Doc, span: Span) -> bool:
    """A word that opens a people's word of two ("Sri" of "Sri Lankan", a town's
    alternate name in the gazetteer): `adjectival_places` reads the two as the country."""
    nxt = span.end
    return (
        nxt < len(doc)
        and doc[nxt].is_alpha  # not "in the US." read as "U.S."
        and lk.lex.demonym(doc[span.start : nxt + 1].text) is not None
    )


def _city_within(place: Place, cands: list[tuple[Place, bool]]) -> Place:
    """For a province, the city of its name inside it and near its middle ("Geneva",
    "Almaty", "Gaza"), or anywhere in it when a city of a million ("New York"), or at its
    middle though a unit of its own ("Minsk", "Moscow": capitals that are not part of the
    province named after them); likewise the town a bare county name shares ("the village
    of Konduga", not Konduga local government area): what the
    text names is told apart from the province by no evidence the ranker has (both lie
    within 161 km of any gold point), and the city is the finer. A small town away from the
    middle that has the name only as an alternate one ("Montana City") is not it."""
    county = place.feature == "county" and place.precision == "district"
    if not (place.precision == "admin1" or county) or place.lat is None:
        return place

    def near(c: Place, km: float) -> bool:
        return distance_km((c.lat, c.lon), (place.lat, place.lon)) <= km

    inside = [
        c
        for c, own in cands
        if c.feature == "city"
        and c.country == place.country
        and c.lat is not None
        and (own or c.population >= OWN_NAME_OR or near(c, NEAR_MIDDLE_KM))
        and (
            (c.admin1 == place.admin1 and (c.population >= BIG_CITY or near(c, 161)))
            or near(c, NEAR_MIDDLE_KM)
        )
    ]
    return max(inside, key=lambda c: c.population) if inside else place


def _raw(article: Article, span: Span) -> tuple[int, int]:
    from .records import raw_span

    return raw_span(article, span.start_char, span.end_char)


def state_abbreviation(lk: Lookups, doc: Doc, span: Span) -> list[tuple[Place, bool]]:
    """The state or province an AP abbreviation after a comma or in brackets names
    ("Springfield, Ill.", "Walker County (Ga.)"), a dotted one anywhere ("in S.C. today"),
    or one the NER itself calls a place ("Mass. legislators", "in Ky. jail"): a lone
    "Mass." or "Ind." the NER did not tag may be a word, not a state."""
    from ..clean.abbreviations import expand_state

    after_comma = span.start > 0 and doc[span.start - 1].text in (",", "(")
    era = span.start > 0 and doc[span.start - 1].like_num  # "300 B.C."
    alone = len(span) == 1 and (
        dotted_state(doc, span.start) or (doc[span.start].ent_type_ in ("GPE", "LOC") and not era)
    )
    if not after_comma and not alone:
        return []
    ab = expand_state(span.text)
    if ab is None:
        return []
    return [(p, True) for p in lk.gaz.lookup(ab[0])
            if p.country == ab[1] and p.precision == "admin1"]  # fmt: skip


def qualifier(lk: Lookups, doc: Doc, span: Span) -> list[Place]:
    """The state, province or country written after a name: "Springfield, Ill.",
    "Paris, Texas", "Kabul, Afghanistan", "Columbus (Ga.)"."""
    from ..clean.abbreviations import expand_state

    end = span.end
    if end + 1 >= len(doc) or doc[end].text not in (",", "("):
        return []
    words = []
    for k in range(end + 1, min(len(doc), end + 4)):
        t = doc[k]
        if not (t.text[:1].isupper() or t.text == "."):
            break
        words.append(t.text_with_ws)
        text = "".join(words).strip()
        for cand in (text, text + "."):
            ab = expand_state(cand)
            if ab:
                return [p for p in lk.gaz.lookup(ab[0]) if p.country == ab[1]
                        and p.precision == "admin1"]  # fmt: skip
        found = [p for p in lk.gaz.lookup(text) if p.precision in ("admin1", "country")]
        if found:
            return found
    return []


def adjectival_places(
    lk: Lookups, article: Article, doc: Doc, found: list[Mention]
) -> list[Mention]:
    """Peoples' adjectives and nouns ("Russian warplanes", "the Turkish army", "Syrians"):
    the country they name, with role `adjectival` (never an event's place)."""
    taken = {i for m in found for i in range(m.i, m.j)}
    out = []
    skip_to = 0
    for tok in doc:
        if tok.i < skip_to:
            continue
        if tok.i in taken or not tok.text[:1].isupper() or tok.pos_ not in ("ADJ", "PROPN", "NOUN"):
            continue
        word = doc[tok.i : tok.i + 1]
        if (
            tok.i + 1 < len(doc)
            and tok.i + 1 not in taken
            and doc[tok.i + 1].text[:1].isupper()  # the pair's span made only then
            and (lk.lex.demonym(two := doc[tok.i : tok.i + 2].text) or region_of_adjective(lk, two))
        ):
            word = doc[tok.i : tok.i + 2]  # "South Korean", "Sri Lankan", "New Zealanders"
            skip_to = tok.i + 2
        # A people's adjective opening a body's name ("the Russian Foreign Ministry",
        # "Canadian Blood Services") is the country the body belongs to.
        embedded = tok.ent_type_ in EMBEDDING_LABELS and enclosing_name(doc, word) is not None
        if tok.ent_type_ not in ADJECTIVE_LABELS and not embedded and not _lone_word(doc, word):
            continue
        iso = lk.lex.demonym(word.text)
        place = (
            lk.gaz.country(iso)
            if iso
            else regions()[1].get(fold(word.text)) or region_of_adjective(lk, word.text)
        )
        if place is None or place.lat is None:
            continue
        role = "embedded" if embedded else "adjectival"
        out.append(mention(article, doc, word, PlacePayload.of(place, role, adjectival=True)))
    return out


# Entity labels a people's word may carry and still be one.
ADJECTIVE_LABELS = ("NORP", "GPE", "")


def _lone_word(doc: Doc, word: Span) -> bool:
    """A people's word the NER took for a name of another kind ("Azerbaijani soldiers"
    with "Azerbaijani" a person, "the Georgian war" an event): the word is the whole
    entity, or opens one that is no person's nor body's name."""
    e = entity_at(doc, word.start)
    if e is None or e.label_ in ("ORG", "FAC", "LANGUAGE"):
        return False
    return (e.start, e.end) == (word.start, word.end) or (
        e.label_ != "PERSON" and e.start == word.start
    )


def extend_place(doc: Doc, span: Span) -> tuple[Span, str | None]:
    """The span with a following kind word ("Badakhshan province"), and the kind of place
    the words say it is (city, district or province), if they say."""
    hint = None
    end = span.end
    if end < len(doc) and doc[end].lower_ in PLACE_KIND_AFTER:
        hint = _kind_hint(doc[end].lower_)
        end += 1
    start = span.start
    if (
        start >= 2
        and doc[start - 1].lower_ == "of"
        and doc[start - 2].lower_ in PLACE_KIND_BEFORE_OF
    ):
        hint = _kind_hint(doc[start - 2].lower_)
    if span.text.lower().endswith((" district", " province")):
        hint = "district" if span.text.lower().endswith("district") else "province"
    return doc[start:end], hint


def _kind_hint(word: str) -> str:
    """The kind of place a kind word says: city, district, or else province."""
    if word in CITY_KINDS:
        return "city"
    return "district" if word in DISTRICT_KINDS else "province"


def place_role(lk: Lookups, doc: Doc, span: Span, cands: list[Place]) -> str | None:
    """`event` for a place where places stand; a country or capital as subject or
    possessor stands for its state (metonymy: `metonymic`, never an event's place); a
    group's name in an actor's position is no place (None)."""
    is_polity = any(p.feature == "country" for p in cands) or lk.capital(span.text)
    is_body = any(e.kind == "group" for e in lk.lex.find(span.text))
    if is_body:
        return None if actor_position(span.root) else "event"
    if not is_polity:
        return "event"
    if actor_position(span.root):
        return "metonymic" if EMIT_METONYMIC else None
    return "event"


def dateline(
    lk: Lookups, article: Article, focus: Counter[str], near: list[Place] | None = None
) -> tuple[list[Mention], bool]:
    """The place of the dateline ("ALMATY —"), outside the parse, and whether a state or
    country written after it ("NASHVILLE, Tenn.") chose it; `near`: the article's other
    places, whose states favour their namesakes."""
    from ..clean.patterns import DATELINE

    block = article.cleaned.dateline if article.cleaned else None
    if block is None:
        return [], False
    m = DATELINE.match(article.raw[block.start : block.end + 80])
    if not m:
        return [], False
    name, _, rest = m.group("place").partition(",")
    name = name.strip()
    cands = [p for p in lk.gaz.lookup(name) if p.lat is not None]
    qualified = False
    rest = rest.strip()
    if rest:
        # "NASHVILLE, Tenn.", "LONDON, Ont.", "KABUL, Afghanistan": the name's state or country.
        from ..clean.abbreviations import expand_state

        ab = expand_state(rest)
        if ab:
            within = [p for p in cands if p.country == ab[1] and (p.admin1 or "") == ab[0]]
            within = within or [p for p in cands if p.country == ab[1]]
        else:
            isos = {p.country for p in lk.gaz.lookup(rest) if p.feature == "country"}
            admins = {(p.country, p.name) for p in lk.gaz.lookup(rest) if p.precision == "admin1"}
            within = [p for p in cands if p.country in isos or (p.country, p.admin1) in admins]
        cands = within or cands
        qualified = bool(within)
    if not qualified:  # no state or country said: the town bearing the name now
        cands = [p for p, _ in own_names_first(lk.gaz.candidates(name)) if p.lat is not None]
    place = choose(cands, focus, None, near or [])
    if place is None:
        return [], False
    start = block.start + m.start("place")
    end = start + len(name)
    return [
        Mention(
            "place",
            article.raw[start:end],
            start,
            end,
            -1,
            -1,
            -1,
            PlacePayload.of(place, "dateline"),
        )
    ], qualified
