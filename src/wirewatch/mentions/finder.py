"""Find and resolve mentions in a parsed article.

Spans come from spaCy's entities and parse; resolution from the actor dictionary
(`lexicon`), the gazetteer and the date and figure parsers. Every mention carries raw
offsets (through the cleaning map) and its token span for the events stage.

The work is done by passes in the modules beside this one, each of which finds
candidates and then decides on them; `MentionFinder.find` runs them in this order:

1. places (`places`): the article's focus countries, place names, the dateline;
2. actors (`actors`): the passes of `ACTOR_PASSES`, each adding parties to one scan;
3. coreference (`coreference`): unnamed office-holders and "he"/"she" linked to people;
4. dates and figures (`numeric`);
5. home countries (`coreference.home_country`): police, troops… with no country named;
6. attributions (`attributions`): who says what, tied to the actors found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .actors import (
    acting_orgs,
    acting_states,
    context_sectors,
    dictionary_names,
    find_actors,
    name_parts,
    party_nouns,
    unknown_people,
)
from .attributions import find_attributions
from .coreference import home_country, link_titles, pronouns
from .gazetteer import Gazetteer, gazetteer_with
from .lexicon import Lexicon, load_lexicon
from .lookups import Lookups
from .numeric import find_dates, find_quantities
from .places import country_focus, find_places, world_regions
from .records import Mention, curated, sentence_index

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..ingest.article import Article

__all__ = [
    "ACTOR_PASSES",
    "Mention",
    "MentionFinder",
    "curated",
    "find_mentions",
    "sentence_index",
    "world_regions",
]

# The actor passes in the order they run: an earlier pass takes words first.
ACTOR_PASSES = (
    dictionary_names,
    unknown_people,
    name_parts,
    party_nouns,
    acting_states,
    acting_orgs,
    context_sectors,
)


class MentionFinder:
    """Holds the dictionary, gazetteer and phrase matcher; reuse one per process."""

    def __init__(
        self, nlp: Any, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None
    ) -> None:
        self.lookups = Lookups(nlp, lexicon, gazetteer)
        self.lex = self.lookups.lex
        self.gaz = self.lookups.gaz

    def find(self, article: Article, doc: Doc) -> list[Mention]:
        lk = self.lookups
        pub = article.published
        places = find_places(lk, article, doc, country_focus(lk, doc))
        actors = find_actors(lk, article, doc, pub, places, ACTOR_PASSES)
        link_titles(doc, actors)
        actors += pronouns(article, doc, actors)
        actors.sort(key=lambda m: m.i)
        dates = find_dates(article, doc, pub)
        figures = find_quantities(article, doc)
        home_country(doc, actors, places)
        attributions = find_attributions(article, doc, actors)
        out = places + actors + dates + figures + attributions
        out.sort(key=lambda m: (m.start, m.kind))
        return out


_FINDERS: dict[tuple[int, tuple[str, ...]], MentionFinder] = {}


def find_mentions(
    article: Article,
    doc: Doc,
    actor_files: tuple[str, ...] = (),
    place_files: tuple[str, ...] = (),
) -> list[Mention]:
    """Mentions of one parsed article, with a finder built once per model, dictionary and
    place files."""
    key = (id(doc.vocab), actor_files, place_files)
    finder = _FINDERS.get(key)
    if finder is None:
        finder = MentionFinder(
            _nlp_for(doc), lexicon=load_lexicon(actor_files), gazetteer=gazetteer_with(place_files)
        )
        _FINDERS[key] = finder
    return finder.find(article, doc)


def _nlp_for(doc: Doc) -> Any:
    """A Language that shares the doc's vocab, for building the phrase matcher."""
    from spacy.lang.en import English

    nlp = English(vocab=doc.vocab)
    return nlp
