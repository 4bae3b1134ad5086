"""The party acted on when no words name one: someone of the actor's own country.

Why: an act whose patient goes unsaid or is generic ("a gunman opened fire at the
party", "the army confiscated four cars", "Gainesville residents march in protest of
Charter Amendment 1", "the opposition condemned the arrest") is done, in news, to the
actor's own people, institutions or government, and the real-news gold codes it so. On
real-news dev, of the 31 matched events printed without a recipient whose gold names
one, 27 (19 articles) gave it the actor's country; 3 another, 1 the event's place's.
A foreign party acted on is named in the text far more often than not, so it is found
by the parse (`recipients`) before this default is asked. Not for an answer to words
("said the criticism was unfair", "rejected the remarks"): the words are someone else's,
mostly the other side's (on dev a Russian official's "the remarks were unfair" answered
Georgia), so it takes no recipient from its actor.

Run on the record once `decide` has weighed it (the confidence signals and the
merging of tellings see only recipients the words give), like
`implied.unnamed_doer_sector`: the field only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .implied import UNNAMED_DOER
from .record import Party
from .triggers import children
from .words import SPEECH_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .record import EventRecord

# What to call the implied party acted on (the unnamed doer's word, for one vocabulary).
UNNAMED_PATIENT = UNNAMED_DOER


def home_recipient(rec: EventRecord, tok: Token) -> None:
    """Give an event without a recipient an implied one of its actor's country (an
    international body's act, with no country, gets none; nor does an answer to words,
    `answers_words`). `tok`: the event's trigger."""
    a = rec.actor
    if rec.recipient is not None or a is None or not a.country or answers_words(tok):
        return
    rec.recipient = Party(UNNAMED_PATIENT, country=a.country, country_from="actor", implied=True)


def answers_words(tok: Token) -> bool:
    """Whether what the trigger judges, rejects or accepts is something said
    (`SPEECH_NOUNS` as its subject or object: "the criticism was unfair")."""
    return any(
        c.lemma_.lower() in SPEECH_NOUNS for c in children(tok, "nsubj", "nsubjpass", "dobj")
    )
