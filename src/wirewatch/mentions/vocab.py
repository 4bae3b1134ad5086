"""The word lists the mention passes test tokens against, as data: each is a class of
`data/mentions/words.tsv` (`class<TAB>word` lines, read by `wirewatch.wordclasses`), so
a word is added by adding a line there. Comments in the file say what each class is for.
"""

from __future__ import annotations

from ..wordclasses import words

WORDS = "data/mentions/words.tsv"


def _words(cls: str) -> frozenset[str]:
    return words(WORDS, cls)


# Places (and the metonymy test of `lookups.actor_position`).
LOCATIVE_PREPS = _words("LOCATIVE_PREP")
MOTION_VERBS = _words("MOTION_VERB")
PLACE_TAKING_VERBS = _words("PLACE_TAKING_VERB")
PLACE_NOUNS = _words("PLACE_NOUN")
INTERACTION_VERBS = _words("INTERACTION_VERB")
PLACE_BEFORE_NAME = _words("PLACE_BEFORE_NAME")
PLACE_KIND_AFTER = _words("PLACE_KIND_AFTER")
KIND_WORDS = _words("KIND_WORD")
UNIT_PLURALS = _words("UNIT_PLURAL")
UNIT_AFTER = _words("UNIT_AFTER")
LANDFORM_BEFORE = _words("LANDFORM_BEFORE")
PLACE_KIND_BEFORE_OF = _words("PLACE_KIND_BEFORE_OF")
CITY_KINDS = _words("CITY_KIND")
DISTRICT_KINDS = _words("DISTRICT_KIND")
THOROUGHFARES = _words("THOROUGHFARE")
# Actors and coreference.
WEAK_NOUNS = _words("WEAK_NOUN")
PERSON_NOUNS = _words("PERSON_NOUN")
MIL_OR_COP = _words("MIL_OR_COP")
LONE_ARMED = _words("LONE_ARMED")
NOT_THE_HOLDER = _words("NOT_THE_HOLDER")
OUT_OF_OFFICE = _words("OUT_OF_OFFICE")
TITLE_WORDS = _words("HOLDER_TITLE")
ANAPHORIC_DETS = _words("ANAPHORIC_DET")
DEFINITE_DETS = _words("DEFINITE_DET")
SOURCE_NOUNS = _words("SOURCE_NOUN")
ORIGIN_PREPS = _words("ORIGIN_PREP")
PARTY_NOUNS = _words("PARTY_NOUN")
CHAMBER_NAMES = _words("CHAMBER_NAME")
# Attributions and dates.
SPEECH_VERBS = _words("SPEECH_VERB")
SPEAKER_PRONOUNS = _words("SPEAKER_PRONOUN")
PERSON_PRONOUNS = _words("PERSON_PRONOUN")
SPEECH_SETTINGS = _words("SPEECH_SETTING")
FUTURE_MARKERS = _words("FUTURE_MARKER")
PENALTY_WORDS = _words("PENALTY_WORD")
ADDRESS_UNITS = _words("ADDRESS_UNIT")
DAY_AFTER = _words("DAY_AFTER")
DAY_BEFORE = _words("DAY_BEFORE")
DAY_SAME = _words("DAY_SAME")
NEXT_STEP = _words("NEXT_STEP")
# The actor dictionary: name particles news copy may capitalise ("Bin Salman").
NAME_PARTICLES = _words("NAME_PARTICLE")
ORG_NAME_WORDS = _words("ORG_NAME_WORD")
# A town's own public body ("Arden Police Department"): mentions.local_bodies.
LOCAL_BODY = _words("LOCAL_BODY")
LOCAL_BODY_KINDS = _words("LOCAL_BODY_KIND")
LOCAL_BODY_AFTER_KIND = _words("LOCAL_BODY_AFTER_KIND")
LOCAL_BODY_NOT_TOWN = _words("LOCAL_BODY_NOT_TOWN")
