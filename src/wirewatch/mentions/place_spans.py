"""Place mentions, first half: the spans that may name places. The NER's places; names it
called persons or organisations that stand where places stand or that the article gives
as places elsewhere; gazetteer names it missed or split; towns and counties opening a
body's name. `places` decides on each."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .gazetteer import Place
from .known_places import known_run
from .local_bodies import names_local_body
from .lookups import Lookups
from .records import curated, doc_ents, doc_text, entity_at, per_parse
from .text import fold, strip_article
from .vocab import (
    KIND_WORDS,
    LANDFORM_BEFORE,
    LOCATIVE_PREPS,
    PLACE_BEFORE_NAME,
    PLACE_KIND_BEFORE_OF,
    THOROUGHFARES,
    UNIT_AFTER,
    UNIT_PLURALS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@lru_cache(maxsize=1)
def world_regions() -> frozenset[str]:
    """Continents, seas and areas of several states (data/places/world_regions.txt): never
    a place, whatever town or province shares the name."""
    text = resources.files("wirewatch").joinpath("data/places/world_regions.txt").read_text("utf-8")
    return frozenset(fold(ln) for ln in text.splitlines() if ln.strip() and ln[0] != "#")


@lru_cache(maxsize=1)
def regions() -> tuple[dict[str, Place], dict[str, Place]]:
    """Continents, seas and regions with GeoNames points (data/places/regions.tsv): by
    folded name, and by folded adjective."""
    text = resources.files("wirewatch").joinpath("data/places/regions.tsv").read_text("utf-8")
    names: dict[str, Place] = {}
    adjectives: dict[str, Place] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, adjs, gid, lat, lon, feature = line.split("\t")
        place = Place(name, None, None, float(lat), float(lon), int(gid) if gid else None,
                      feature, "region", 0, "wirewatch")  # fmt: skip
        for n in [name, *aliases.split("|")]:
            if n:
                names[fold(strip_article(n))] = place
        for a in adjs.split("|"):
            if a:
                adjectives[fold(a)] = place
    return names, adjectives


@lru_cache(maxsize=1)
def region_adjectives() -> dict[str, str]:
    """Peoples' words of states, provinces and regions inside countries, by folded word:
    the gazetteer name of their place (data/places/adjectives.tsv)."""
    text = resources.files("wirewatch").joinpath("data/places/adjectives.tsv").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#") and not line.startswith("word\t"):
            word, place = line.split("\t")
            out[fold(word)] = place
    return out


def region_of_adjective(lk: Lookups, word: str) -> Place | None:
    """The state, province or region a people's word names ("Texans", "South Ossetian")."""
    key = fold(word)
    name = region_adjectives().get(key)
    if name is None and key.endswith("s"):
        name = region_adjectives().get(key[:-1])
    if name is None:
        return None
    cands = [p for p in lk.gaz.lookup(name) if p.lat is not None]
    broad = [p for p in cands if p.precision == "admin1" or p.feature in ("province", "region")]
    return (broad or cands or [None])[0]


def place_candidates(lk: Lookups, doc: Doc, also: frozenset[str] = frozenset()) -> list[Span]:
    """Spans that may name places, in text order, longer first at one start; `also`: names
    the article gives as places outside the parse (its dateline's)."""
    spans: list[Span] = []
    people = person_words(doc)
    for ent in doc_ents(doc):
        if ent.label_ in ("GPE", "LOC", "FAC") or (
            ent.label_ == "ORG"
            and (_strong_place(lk, ent.text) or fold(strip_article(ent.text)) in regions()[0])
        ):
            spans.append(ent)
        elif (
            ent.label_ in ("PERSON", "NORP")
            and _placed(lk, ent)
            and not lk.lex.find(ent.text)
            and not lk.lex.demonym(ent.text)
        ):
            # The NER sometimes calls a city a person or a people: "to Vilnius", "capital
            # Naypyitaw", "authorities in Tunis".
            spans.append(ent)
        elif modifier_place(lk, ent) or _misnamed_place(lk, ent, people):
            spans.append(ent)
    # One sense per article: a name the article gives as a place elsewhere is that place
    # where the NER called it a person or a body ("Gainesville's existing protections").
    placed = also | {
        fold(e.text) for e in doc_ents(doc) if e.label_ in ("GPE", "LOC") and lk.gaz.lookup(e.text)
    }
    chosen = {(s.start, s.end) for s in spans}
    for ent in doc_ents(doc):
        if (
            (ent.start, ent.end) not in chosen
            and ent.label_ in ("PERSON", "ORG", "NORP")
            and fold(ent.text) in placed
            # "BA", "KBR"; but a country's letters are the country ("the UAE").
            and not (ent.text.isupper() and len(ent.text) <= 5 and not lk.country_name(ent.text))
            and not lk.lex.find(ent.text)
            and not _someones(ent, people)
        ):
            spans.append(ent)
    spans += gazetteer_scan(lk, doc, placed)
    listed = listed_units(lk, doc)
    if listed:
        # A listed unit is the name, whatever span the NER or the scan gave its words
        # ("Grant, Mahnomen" as one body).
        spans = [s for s in spans if not any(
            s.start < e and b < s.end and (s.start, s.end) != (b, e) for b, e in listed
        )]  # fmt: skip
        have = {(s.start, s.end) for s in spans}
        spans += [doc[b:e] for b, e in listed if (b, e) not in have]
    return sorted(spans, key=lambda s: (s.start, -len(s)))


def names_thoroughfare(lk: Lookups, doc: Doc, span: Span) -> bool:
    """Does the name open a street's or park's ("North State Street", "Roanoke Park in
    Kansas City": at most one more capitalised word, then the street word)? Such a street
    is named for a place and lies elsewhere, so the name is never an event's place; but
    it stays a clue to the article's country and state ("Brooklyn Boulevard" beside Berea,
    "Cooper Street" beside Arlington: dropped outright, two dev articles lost their US
    places). Not when the whole is a town's name ("Highland Park", "Menlo Park")."""
    j = span.end
    while j < min(len(doc), span.end + 2) and doc[j].is_title:
        if doc[j].lower_ in THOROUGHFARES:
            return not lk.gaz.lookup(doc[span.start : j + 1].text)
        j += 1
    return False


# The places a listed unit may be: a county (parish, borough) or a state or province.
UNIT_FEATURES = ("county", "province", "district")
_LIST_JOINS = frozenset({",", "and", "or", "&"})


def listed_units(lk: Lookups, doc: Doc) -> dict[tuple[int, int], str]:
    """Names in a list that ends in a plural kind of unit, with the kind in the singular:
    "Douglas, Sarpy and Lancaster counties" names Douglas County, Sarpy County and
    Lancaster County, not the Isle of Man's Douglas nor a person Sarpy (the NER reads most
    such names as persons or bodies: LGL's training articles have 62 toponyms in 23 such
    lists, 40 of them missed and 10 misplaced). A list has two or more names joined by
    "and", "or" or "&"; each name is the longest run of its capitalised words ending at
    its end that the gazetteer knows with the kind word ("Small Hitchcock" at a
    sentence's start is Hitchcock County); a name it does not know so is left to the
    other passes. Once per parse."""
    return per_parse(doc, "_ww_listed_units", lambda d: _listed_units(lk, d))


def _listed_units(lk: Lookups, doc: Doc) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}
    for k, tok in enumerate(doc):
        if tok.lower_ not in UNIT_PLURALS:
            continue
        kind = _singular(tok.lower_).title()
        names: list[tuple[int, int]] = []
        joined = False
        j = k - 1
        while j >= 0:
            if doc[j].lower_ in _LIST_JOINS and names:
                joined = joined or doc[j].lower_ != ","
                j -= 1
                continue
            end = j + 1
            while j >= 0 and doc[j].text[:1].isupper() and doc[j].lower_ not in _LIST_JOINS:
                j -= 1
            if j + 1 == end:
                break
            names.append((j + 1, end))
            if j >= 0 and doc[j].lower_ not in _LIST_JOINS:
                break
        if not joined or len(names) < 2:
            continue
        for b, e in names:
            for b2 in range(b, e):
                if unit_candidates(lk, doc[b2:e].text, kind):
                    out[(b2, e)] = kind
                    break
    return out


def unit_candidates(lk: Lookups, name: str, kind: str) -> list[tuple[Place, bool]]:
    """The units a listed name may be: the gazetteer's counties (parishes, boroughs) or
    states and provinces of the name with its kind word ("Sarpy County")."""
    found = lk.gaz.candidates(f"{name} {kind}")
    return [(p, own) for p, own in found if p.feature in UNIT_FEATURES and p.lat is not None]


def _singular(word: str) -> str:
    """The singular of a plural kind word: counties, parishes, boroughs."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("shes", "ches", "xes", "sses")):
        return word[:-2]
    return word[:-1]


# A listed name with a city this big of its own name in the units' country is not read as
# a unit: "New York and Washington" are the cities as often as the states, so they say
# nothing of each other.
LIST_CITY = 100_000


def own_units(text: str, cands: list[tuple[Place, bool]]) -> list[tuple[Place, bool]]:
    """The admin1 units (states, provinces) whose own name is `text`."""
    key = fold(text)
    return [(p, own) for p, own in cands if own and p.precision == "admin1" and fold(p.name) == key]


def unit_after(doc: Doc, span: Span, cands: list[tuple[Place, bool]]) -> list[tuple[Place, bool]]:
    """A name before "border" is a country's or a state's ("near the New York border": the
    state, not New York City; LGL marks it so): its country and admin1 candidates of its own
    name, or none when the word is not there or the name has no such reading."""
    if span.end >= len(doc) or doc[span.end].lower_ not in UNIT_AFTER:
        return []
    key = fold(strip_article(span.text))
    return [
        (p, own)
        for p, own in cands
        if own and fold(p.name) == key and (p.feature == "country" or p.precision == "admin1")
    ]


def listed_states(
    entries: list[tuple[Span, str, list[tuple[Place, bool]], bool]],
) -> dict[int, str]:
    """The entries (span, name, candidates) named in one list with states of one country
    ("Missouri, New York, North Carolina and Virginia", "states such as California or
    Washington", "Oregon and Washington laws"), by index, with that country: a name among
    states is the state of its name, not the city it shares it with. Every other name of
    the list (the parse's conjuncts) must be an admin1 unit of the country by its own name
    and no city of LIST_CITY people there ("New York and Moscow", "Tokyo and Osaka" say
    nothing). The entries' last field says a state or country is written after the name
    (`qualifier`): unless that is the list's next name, the name is a town within it
    ("Texas and Washington, D.C.")."""
    at = {i: k for k, (span, *_) in enumerate(entries) for i in range(span.start, span.end)}
    out: dict[int, str] = {}
    for k, (span, text, cands, qualified) in enumerate(entries):
        common = {p.country for p, _ in own_units(text, cands)}
        others = {at[t.i] for t in span.root.conjuncts if t.i in at} - {k}
        if not common or not others or (qualified and at.get(span.end + 1) not in others):
            continue
        for j in others:
            _, other, ocands, _ = entries[j]
            common &= {p.country for p, _ in own_units(other, ocands)}
            common -= {
                p.country
                for p, own in ocands
                if own and p.feature == "city" and p.population >= LIST_CITY
            }
        if len(common) == 1:
            out[k] = common.pop()
    return out


def _placed(lk: Lookups, ent: Span) -> bool:
    """A name standing where places stand, which the gazetteer knows as a big place."""
    root = ent.root
    locative = (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS) or (
        ent.start > 0 and ent.doc[ent.start - 1].lower_ in PLACE_BEFORE_NAME
    )
    return locative and any(
        p.population >= 100_000 or p.feature in ("country", "province")
        for p in lk.gaz.lookup(ent.text)
    )


def modifier_place(lk: Lookups, ent: Span) -> bool:
    """A town the NER called a person or an organisation that modifies a common noun
    right after it ("a Gainesville man", "the Lancaster park"): a place the gazetteer
    knows as a town of some size, and no name of the dictionary."""
    root = ent.root
    return (
        ent.label_ in ("PERSON", "ORG")
        and root.dep_ == "compound"
        and root.head.pos_ == "NOUN"
        and root.head.i == ent.end
        and not lk.lex.find(ent.text)
        and any(
            p.population >= 10_000 or p.feature in ("province", "county", "district")
            for p in lk.gaz.lookup(ent.text)
        )
    )


def person_words(doc: Doc) -> dict[str, set[str]]:
    """The words of the article's people's full names ("Jesse Jackson"), each with the
    names it is in: a lone "Jackson" elsewhere is more likely that person than the town."""
    out: dict[str, set[str]] = {}
    for e in doc_ents(doc):
        if e.label_ == "PERSON" and len(e) > 1:
            for t in e:
                out.setdefault(t.lower_, set()).add(fold(e.text))
    return out


def _someones(ent: Span, people: dict[str, set[str]]) -> bool:
    """Whether a word of `ent` is in the full name of a person other than `ent` itself."""
    return any(people.get(t.lower_, set()) - {fold(ent.text)} for t in ent)


def _misnamed_place(lk: Lookups, ent: Span, people: dict[str, set[str]]) -> bool:
    """A name the NER called a person or an organisation that the gazetteer knows and
    that is no one's name in the article nor in the dictionary: a country or a state or
    province anywhere ("Tamil Nadu wants", "Azerbaijan should release"), a town of some
    size where places stand ("from Brampton", "Clarice Horne of Shadyside")."""
    if ent.label_ not in ("PERSON", "ORG") or lk.lex.find(ent.text):
        return False
    if _someones(ent, people) or not all(t.text[:1].isupper() for t in ent):
        return False
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].text.endswith(".") and doc[ent.start - 1].is_title:
        return False  # "Mr. Clinton", "Dr. Madison"
    if ent.text.isupper() or (len(ent) == 1 and ent.text.endswith(".")):
        return False  # an acronym or abbreviation ("HHS", "CCA", "Pct.")
    cands = lk.gaz.lookup(ent.text)
    several = len(ent) > 1
    if any(p.feature == "country" or (several and p.precision == "admin1") for p in cands):
        return True
    root = ent.root
    if root.dep_ != "pobj" or root.head.lower_ not in LOCATIVE_PREPS | {"of"}:
        return False
    if root.head.lower_ == "of" and not _of_place(root.head):
        return False
    size = 1_000 if several else 10_000
    return any(
        p.population >= size or p.feature in ("county", "district") or p.precision == "admin1"
        for p in cands
    )


def _of_place(of: Token) -> bool:
    """Whether "of" before a name says where: after a person's name ("Larry Dunaway of
    Berea"), a compass word ("northeast of Gilroy") or a kind of place ("the city of
    Sevierville")."""
    head = of.head
    return (
        head.ent_type_ == "PERSON"
        or head.lower_ in LOCATIVE_PREPS
        or head.lower_ in ("northeast", "northwest", "southeast", "southwest")
        or head.lower_ in PLACE_KIND_BEFORE_OF
    )


def _strong_place(lk: Lookups, text: str) -> bool:
    return any(curated(p) or p.feature in ("district", "province") for p in lk.gaz.lookup(text))


def gazetteer_scan(lk: Lookups, doc: Doc, also: frozenset[str] = frozenset()) -> list[Span]:
    """Place names the NER missed or split ("Mazar-i-Sharif", "Ishkashem"); `also`: more
    names the article gives as places (its dateline's)."""
    out = []
    i = 0
    n = len(doc)
    ents = {k: e.label_ for e in doc_ents(doc) for k in range(e.start, e.end)}
    placed = frozenset(fold(e.text) for e in doc_ents(doc) if e.label_ in ("GPE", "LOC")) | also
    while i < n:
        tok = doc[i]
        if tok.pos_ != "PROPN" or ents.get(i) in ("NORP", "DATE") or _title_word(doc, i, ents):
            i += 1
            continue
        if dotted_state(doc, i):
            if not _inside_name(lk, doc, doc[i : i + 1]) or enclosing_name(doc, doc[i : i + 1]):
                out.append(doc[i : i + 1])
            i += 1
            continue
        best = (
            _longest_known(lk, doc, i)
            or _opening_town(lk, doc, i, placed)
            or (_placed_run(doc, i, placed) if i not in ents else None)
        )
        if (
            best is not None
            and not _part_of_name(doc, best)
            and (not _inside_name(lk, doc, best) or enclosing_name(doc, best, lk) is not None)
        ):
            out.append(best)
            i = best.end
        else:
            i += 1
    return out


def _part_of_name(doc: Doc, best: Span) -> bool:
    """A known name that is only part of a longer one: a kind word alone inside a name
    ("Islands" of "the Farallon Islands", "Delta" of "the Nile Delta", "Centre" of "the
    Convention Centre": districts and states of those names elsewhere), or a name after
    a water body's or landform's word ("Lake Ontario", "the Gulf of Mexico"). A town
    opening a longer name is left to the other tests ("Sacramento River", "Boston
    Harbor" say where they are)."""
    words = [t for t in best if t.lower_ != "the"]
    if len(words) == 1 and words[0].lower_ in KIND_WORDS:
        # Not a body's name: "the Delta Police Department" is Delta's police; those
        # are `enclosing_name`'s to judge.
        e = entity_at(doc, best.start)
        inside = e is not None and best.end <= e.end and len(e) > len(best) and e.label_ != "ORG"
        before = best.start > 0 and doc[best.start - 1].is_title
        if inside or before:
            return True
    k = best.start - 1
    if k > 0 and doc[k].lower_ == "of":
        k -= 1
    return k >= 0 and doc[k].is_title and doc[k].lower_ in LANDFORM_BEFORE


def _title_word(doc: Doc, i: int, ents: dict[int, str]) -> bool:
    """A short dotted word before a person's name ("Sen. Max Baucus", "Gov. Perry"): a
    title, whatever town has it as an alternate name ("Sen" for Southend-on-Sea)."""
    tok = doc[i]
    return (
        tok.text.endswith(".")
        and len(tok.text) <= 5
        and i + 1 < len(doc)
        and ents.get(i + 1) == "PERSON"
    )


# A state written with two or more periods ("S.C.", "W.Va.", "N.Y."): no common word.
DOTTED = re.compile(r"^(?:[A-Z][a-z]{0,2}\.){2,}$")


def dotted_state(doc: Doc, i: int) -> bool:
    """Whether word `i` is a dotted state abbreviation standing alone ("in S.C. today",
    "the S.C. Highway Patrol"), not a year's era ("300 B.C.")."""
    from ..clean.abbreviations import expand_state

    tok = doc[i]
    if not DOTTED.match(tok.text) or (i > 0 and doc[i - 1].like_num):
        return False
    return expand_state(tok.text) is not None


def _longest_known(lk: Lookups, doc: Doc, i: int) -> Span | None:
    """The longest run of words from `i` (up to six, across hyphens and apostrophes) that
    the gazetteer knows as a listed, large or administrative place."""
    # Each word read once, each run's text sliced from the article's (the scan asks this
    # of every proper noun: spans and their texts made anew were half its time).
    words = [doc[i]]
    for k in range(i + 1, min(len(doc), i + 7)):
        t = doc[k]
        if t.is_space or (t.is_punct and t.text not in ("-", "'", "’")):
            break
        words.append(t)
    text = doc_text(doc)
    for j in range(i + len(words), i, -1):
        last = words[j - 1 - i]
        # A name ends in neither punctuation nor a function word: "Town of" (Groton) is
        # no "Town" of Saint Lucia.
        if last.is_punct or (last.is_stop and last.is_lower):
            continue
        if known_run(lk.gaz, text[words[0].idx : last.idx + len(last)], j - i > 1):
            return doc[i:j]
    return None


def _opening_town(lk: Lookups, doc: Doc, i: int, placed: frozenset[str]) -> Span | None:
    """A town or county opening an organisation's or facility's name ("Watertown High
    School", "Licking County commissioners", "Grand Ledge investigators"): the longest run
    of capitalised words from `i`, shorter than the name, that the gazetteer knows as a
    county ("X County"), or as a town the article also names as a place (`placed`): a
    word opening a name is too often no place ("University Hospital", "Federal Reserve")."""
    ent = entity_at(doc, i)
    if ent is None or ent.label_ not in EMBEDDING_LABELS:
        return None
    if i != ent.start + (doc[ent.start].lower_ == "the"):
        return None
    for j in range(min(ent.end - 1, i + 4), i, -1):
        words = doc[i:j]
        if not all(t.is_title or t.is_upper for t in words) or any(t.is_stop for t in words):
            continue
        cands = lk.gaz.lookup(words.text)
        if (j - i > 1 and any(p.feature == "county" for p in cands)) or (
            (fold(words.text) in placed or names_local_body(words, doc[j : ent.end]))
            and any(p.feature == "city" for p in cands)
        ):
            return words
    return None


def _placed_run(doc: Doc, i: int, placed: frozenset[str]) -> Span | None:
    """The longest run of capitalised words from `i`, outside the NER's names, that the
    article gives as a place elsewhere ("Hurricane police" after "HURRICANE, W.Va.")."""
    for j in range(min(len(doc), i + 4), i, -1):
        words = doc[i:j]
        if (
            fold(words.text) in placed
            and all(t.is_title or t.is_upper for t in words)
            and not any(t.ent_type_ for t in words)
        ):
            return words
    return None


def _inside_name(lk: Lookups, doc: Doc, best: Span) -> bool:
    """A place inside a person's or an organisation's name is part of that name; but a
    hand-listed place the NER took whole for a name ("the Goudoubo camp", tagged PERSON)
    is the place."""
    e = entity_at(doc, best.start)
    return (
        e is not None
        and e.label_ in ("PERSON", "ORG")
        and best.end <= e.end
        and not (
            (e.start, e.end) == (best.start, best.end)
            and any(curated(p) for p in lk.gaz.lookup(best.text))
            and not lk.lex.find(best.text)
        )
    )


# Names whose words may open with a place: "Gainesville Police", "the Ohio Supreme Court",
# "University of North Carolina", "Oxford Crown Court", "Norfolk High School".
EMBEDDING_LABELS = ("ORG", "FAC")


def enclosing_name(doc: Doc, span: Span, lk: Lookups | None = None) -> Span | None:
    """The organisation's or facility's name a place opens, or follows "of" in, when
    `span` lies strictly inside one: the place the name is named after (role `embedded`:
    it says where the body is, never where an event is). With `lk`, also a country that
    ends the name ("Air Zimbabwe", "HSBC Bank Malta", "Star India": the geoparsing
    corpora mark these; a town ending a name is too often a word of it)."""
    e = entity_at(doc, span.start)
    if e is None or span.end > e.end or len(e) <= len(span) or e.label_ not in EMBEDDING_LABELS:
        return None
    first = e.start + (doc[e.start].lower_ == "the")
    if span.start == first or doc[span.start - 1].lower_ in ("of", "de"):
        return e
    if lk is not None and span.end == e.end and lk.country_name(span.text):
        return e
    return None


# Kind words of a county whose bare name the same article uses for it ("DeKalb County
# ... DeKalb commissioners").
UNIT_KINDS = ("County", "Parish")


def unit_heads(spans: list[Span]) -> dict[str, str]:
    """The folded names the article also writes with a county's kind word, with the word."""
    return {
        fold(s.text[: -len(k) - 1]): k
        for s in spans
        for k in UNIT_KINDS
        if s.text.endswith(f" {k}")
    }


def unit_of(lk: Lookups, text: str, units: dict[str, str]) -> list[tuple[Place, bool]]:
    """A bare name the article also names as a county ("DeKalb" beside "DeKalb County"):
    one of that name's counties or a town of the name inside one (its seat). LGL reads 33
    of 58 such names (training articles) as the county and most of the rest as its seat;
    the name's other namesakes (DeKalb, Illinois, for Georgia's county) are not in the
    running."""
    kind = units.get(fold(text))
    if kind is None:
        return []
    counties = [(p, own) for p, own in lk.gaz.candidates(f"{text} {kind}")
                if p.feature == "county" and p.lat is not None]  # fmt: skip
    inside = {(p.country, p.admin1, p.admin2) for p, _ in counties}
    seats = [(p, own) for p, own in lk.gaz.candidates(text)
             if p.feature == "city" and p.lat is not None
             and (p.country, p.admin1, p.admin2) in inside]  # fmt: skip
    return counties + seats
