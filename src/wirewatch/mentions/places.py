"""Place mentions: candidate spans (the NER's places, names it called persons or
organisations that stand where places stand, gazetteer names it missed), then a decision
for each (the gazetteer's candidates scored against the article's focus), then the
dateline."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .gazetteer import Place
from .lookups import Lookups, actor_position
from .payloads import PlacePayload
from .records import Mention, curated, mention
from .text import fold
from .vocab import (
    CITY_KINDS,
    DISTRICT_KINDS,
    LOCATIVE_PREPS,
    PLACE_BEFORE_NAME,
    PLACE_KIND_AFTER,
    PLACE_KIND_BEFORE_OF,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ..ingest.article import Article


@lru_cache(maxsize=1)
def world_regions() -> frozenset[str]:
    """Continents, seas and areas of several states (data/places/world_regions.txt): never
    a place, whatever town or province shares the name."""
    text = resources.files("wirewatch").joinpath("data/places/world_regions.txt").read_text("utf-8")
    return frozenset(fold(ln) for ln in text.splitlines() if ln.strip() and ln[0] != "#")


def country_focus(lk: Lookups, doc: Doc) -> Counter[str]:
    """How often the article names each country (by name, people or capital)."""
    counts: Counter[str] = Counter()
    for ent in doc.ents:
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


def find_places(lk: Lookups, article: Article, doc: Doc, focus: Counter[str]) -> list[Mention]:
    found = resolve_places(lk, article, doc, focus, place_candidates(lk, doc))
    return found + dateline(lk, article, focus)


# ---------------------------------------------------------------- candidates
def place_candidates(lk: Lookups, doc: Doc) -> list[Span]:
    """Spans that may name places, in text order, longer first at one start."""
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC") or (
            ent.label_ == "ORG" and _strong_place(lk, ent.text)
        ):
            spans.append(ent)
        elif ent.label_ == "PERSON" and _placed(lk, ent) and not lk.lex.find(ent.text):
            # The NER sometimes calls a city a person: "to Vilnius", "capital Naypyitaw".
            spans.append(ent)
    spans += gazetteer_scan(lk, doc)
    return sorted(spans, key=lambda s: (s.start, -len(s)))


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


def _strong_place(lk: Lookups, text: str) -> bool:
    return any(curated(p) or p.feature in ("district", "province") for p in lk.gaz.lookup(text))


def gazetteer_scan(lk: Lookups, doc: Doc) -> list[Span]:
    """Place names the NER missed or split ("Mazar-i-Sharif", "Ishkashem")."""
    out = []
    i = 0
    n = len(doc)
    ents = {k: e.label_ for e in doc.ents for k in range(e.start, e.end)}
    while i < n:
        tok = doc[i]
        if tok.pos_ != "PROPN" or ents.get(i) in ("NORP", "DATE"):
            i += 1
            continue
        best = _longest_known(lk, doc, i)
        if best is not None and not _inside_name(lk, doc, best):
            out.append(best)
            i = best.end
        else:
            i += 1
    return out


def _longest_known(lk: Lookups, doc: Doc, i: int) -> Span | None:
    """The longest run of words from `i` (up to six, across hyphens and apostrophes) that
    the gazetteer knows as a listed, large or administrative place."""
    n = len(doc)
    limit = i + 1
    while (
        limit < min(n, i + 7)
        and not doc[limit].is_space
        and (not doc[limit].is_punct or doc[limit].text in ("-", "'", "’"))
    ):
        limit += 1
    for j in range(limit, i, -1):
        if doc[j - 1].is_punct:
            continue
        cands = lk.gaz.lookup(doc[i:j].text)
        if any(
            curated(p)
            or p.feature in ("country", "province", "district")
            or p.population >= 100_000
            for p in cands
        ):
            return doc[i:j]
    return None


def _inside_name(lk: Lookups, doc: Doc, best: Span) -> bool:
    """A place inside a person's or an organisation's name is part of that name; but a
    hand-listed place the NER took whole for a name ("the Goudoubo camp", tagged PERSON)
    is the place."""
    return any(
        e.label_ in ("PERSON", "ORG")
        and e.start <= best.start
        and best.end <= e.end
        and not (
            (e.start, e.end) == (best.start, best.end)
            and any(curated(p) for p in lk.gaz.lookup(best.text))
            and not lk.lex.find(best.text)
        )
        for e in doc.ents
        if e.start <= best.start < e.end
    )


# ---------------------------------------------------------------- decisions
def resolve_places(
    lk: Lookups, article: Article, doc: Doc, focus: Counter[str], spans: list[Span]
) -> list[Mention]:
    """Each candidate not overlapping an earlier place: its gazetteer entry, when it has
    one and stands where a place stands."""
    found: list[Mention] = []
    taken: set[int] = set()
    chosen: list[Place] = []
    for cand in spans:
        if any(i in taken for i in range(cand.start, cand.end)):
            continue
        span, hint = extend_place(doc, cand)
        text = span.text
        if text.lower().startswith("the "):
            text = text[len("the ") :]
        if fold(text) in world_regions():
            taken.update(range(span.start, span.end))  # nor any word inside it
            continue
        cands = lk.gaz.lookup(text)
        if not cands and hint:
            cands = lk.gaz.lookup(text.rsplit(" ", 1)[0])
        if not cands or not is_place_position(lk, doc, span, cands):
            continue
        place = choose(cands, focus, hint, chosen)
        if place is None:
            continue
        if hint == "district" and place.feature == "city":
            place = replace(place, feature="district", precision="district")
        chosen.append(place)
        taken.update(range(span.start, span.end))
        found.append(mention(article, doc, span, PlacePayload.of(place, "event")))
    return found


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


def is_place_position(lk: Lookups, doc: Doc, span: Span, cands: list[Place]) -> bool:
    """A country or capital as subject or possessor is an actor (metonymy), not a place."""
    is_polity = any(p.feature == "country" for p in cands) or lk.capital(span.text)
    is_body = any(e.kind == "group" for e in lk.lex.find(span.text))
    if is_body:
        return not actor_position(span.root)
    if not is_polity:
        return True
    return not actor_position(span.root)


def dateline(lk: Lookups, article: Article, focus: Counter[str]) -> list[Mention]:
    """The place of the dateline ("ALMATY —"), outside the parse."""
    from ..clean.patterns import DATELINE

    block = article.cleaned.dateline if article.cleaned else None
    if block is None:
        return []
    m = DATELINE.match(article.raw[block.start : block.end + 80])
    if not m:
        return []
    name = m.group("place").split(",")[0].strip()
    place = choose(lk.gaz.lookup(name), focus, None, [])
    if place is None:
        return []
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
    ]
