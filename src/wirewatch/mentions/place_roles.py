"""Roles of place names that say no event's place: a ship's name ("INS Mysore": the ship,
not the town) and a person's home ("Sgt Dunbar of Austin, Texas", "born in Manchester"):
where someone comes from is not where the news happened, nor what the article is about
(real-news dev: a soldier killed in Syria was placed in his home town). And names that are
no place at all: a ship's, or one word naming a kind of party ("NGO", "Duma", "Man" opening
a headline) that the gazetteer holds as a town's name or airport code (Nagoya's "NGO",
Douma in Syria, Man in Ivory Coast). `places` asks these before its own role decision."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from .lookups import Lookups


@lru_cache(maxsize=2)
def _words(name: str) -> frozenset[str]:
    """A word list of data/places (one per line, # comments)."""
    path = resources.files("wirewatch").joinpath(f"data/places/{name}")
    lines = path.read_text("utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def names_vessel(doc: Doc, span: Span) -> bool:
    """Is the name a ship's, after a ship-name prefix ("INS Mysore", "USS Cole",
    data/places/vessel_prefixes.txt), or a class of ships ("a Delhi-class destroyer")?"""
    if span.start > 0 and doc[span.start - 1].text in _words("vessel_prefixes.txt"):
        return True
    after = doc[span.end : span.end + 2]
    return len(after) == 2 and after[0].text == "-" and after[1].lower_ == "class"


def names_no_place(lk: Lookups, doc: Doc, span: Span) -> bool:
    """Is the name a ship's (`names_vessel`) or one word that names a kind of party, a
    sector noun of data/actors/sectors.tsv ("NGO", "Duma", "Man")?"""
    words = [t for t in span if t.lower_ != "the"]
    if len(words) == 1 and words[0].lower_ in lk.sector_by_phrase:
        return True
    return names_vessel(doc, span)


def names_home(doc: Doc, span: Span) -> bool:
    """Is the place a person's home: after "of"/"from" that a person's name or a person
    noun governs ("Dunbar, 36, of Austin", "a resident of Dayton":
    data/places/home_nouns.txt), or where someone was
    born ("was born in Manchester")?"""
    root = span.root
    while root.dep_ in ("compound", "conj", "appos") and root.head.i != root.i:
        root = root.head
    if root.dep_ != "pobj":
        return False
    prep = root.head
    head = prep.head
    if prep.lower_ in ("of", "from"):
        return head.ent_type_ == "PERSON" or head.lemma_.lower() in _words("home_nouns.txt")
    return prep.lower_ == "in" and head.lower_ == "born"
