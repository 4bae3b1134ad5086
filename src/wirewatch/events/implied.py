"""The doer an agentless act implies: "was arrested" tells the police's act, "was charged"
the prosecutors' or, in a police report, the police's (`implied_actors.tsv`). Read by
`decide` when the sentence names no actor."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..mentions.lexicon import load_lexicon
from ..mentions.records import per_parse
from ..sectors import Sector
from .policies import DEMONYM_SECTOR, implied_actors
from .record import EventRecord, Party
from .words import COURT_STAGES, PROSECUTORS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .context import Context
    from .event import Event

# What to call the doer of an act whose text names none and implies none ("four gunmen
# were killed", "a 27-year-old man was shot"): an implied party with only a country.
UNNAMED_DOER = "unidentified"


def implied_actor(ev: Event) -> Party | None:
    """The doer an agentless act implies ("was arrested": the police), when the table
    names one for the trigger's word and type."""
    found = implied_actors().get((ev.tok.lemma_.lower(), ev.type))
    if found is None:
        return None
    doc = ev.tok.doc
    if (
        found.sector == "JUD"
        and ev.type == "ACCUSE"
        and (police_charge(doc) or police_only(doc))
        and not court_stage(doc)
    ):
        # "was arrested and charged", "arrested on charges of robbery": where the article
        # tells the charge with a police act, the police charge (real-news gold codes
        # such charges, and the headline's "man charged with", to the police); so too
        # where the police are the only law party it names. Not once the charge has come
        # to court (an indictment, an arraignment): then it is the prosecutors'
        return Party("police", None, None, "COP", None, None, True)
    return Party(found.text, None, None, found.sector, None, None, True)


@cache
def police_acts() -> frozenset[str]:
    """The lemmas of police acts: the COP rows of type COERCE in `implied_actors.tsv`."""
    rows = implied_actors().items()
    return frozenset(lem for (lem, typ), a in rows if typ == "COERCE" and a.sector == "COP")


def police_charge(doc: Doc) -> bool:
    """Does the article tell a charge joined to a police act (`police_acts`: "arrested and
    charged", "held on charges")? Asked per event, answered once per parse (kept in
    `doc.user_data`): the answer is the article's."""
    return per_parse(doc, "_ww_police_charge", _police_charge)


def police_only(doc: Doc) -> bool:
    """Does the article name the police (a COP noun of `sectors.tsv`) and no prosecutor
    (`PROSECUTOR`)? A local crime report tells the charge the police announce ("Sullivan
    was charged with five felonies", "Man faces child rape charges", the police named
    elsewhere); a prosecutor, where one is named, is who charges. Answered once per parse."""
    return per_parse(doc, "_ww_police_only", _police_only)


@cache
def police_nouns() -> frozenset[str]:
    """The one-word COP nouns of `sectors.tsv` ("police", "officers", "sheriff")."""
    return frozenset(p for p, s in load_lexicon().sectors.items() if s == "COP" and " " not in p)


def court_stage(doc: Doc) -> bool:
    """Does the article tell the charge in court (`COURT_STAGES`: "was accused in an
    indictment", "made her first court appearance", "at the arraignment")? Answered
    once per parse."""
    return per_parse(
        doc, "_ww_court_stage", lambda d: any(w in d.text.lower() for w in COURT_STAGES)
    )


def _police_only(doc: Doc) -> bool:
    text = doc.text.lower()
    if any(w in text for w in PROSECUTORS):
        return False
    police = police_nouns()
    return any(t.lemma_.lower() in police or t.lower_ in police for t in doc)


def _police_charge(doc: Doc) -> bool:
    police = police_acts()
    for t in doc:
        if t.lemma_.lower() != "charge":
            continue
        if t.dep_ == "conj" and t.head.lemma_.lower() in police:
            return True  # "was arrested and charged with"
        if t.dep_ == "pobj" and t.head.lower_ == "on" and t.head.head.lemma_.lower() in police:
            return True  # "arrested on charges of", "held on the same charges"
    return False


# The sectors of war: an article that names these parties as often as the police tells of
# fighting, where an unnamed attacker may be a soldier or a rebel.
ARMED = frozenset({Sector.MIL, Sector.REB, Sector.INS})


def private_attacker(ev: Event, ctx: Context) -> bool:
    """Is an attacker the text leaves unnamed a private person (CVL)? So in a crime
    report: one whose armed parties (`ARMED`: soldiers, rebels, insurgents) are fewer
    than its police, or none ("a 16-year-old was killed … Grand Prairie police are
    investigating", "the four officers were shot"), as the real-news gold codes such
    shootings; in a war story ("Turkish forces … Kurdish fighters") the doer stays
    unknown. Counted over the article's party mentions. Not where a thing does the harm
    ("a roadside bomb killed four police officers"): a bomb's maker is unknown."""
    if any(c.dep_ in ("nsubj", "csubj") for c in ev.tok.children):
        return False
    votes = ctx.actor_sectors
    armed = sum(votes[s] for s in ARMED)
    return armed == 0 or armed < votes[Sector.COP]


def unnamed_doer_sector(rec: EventRecord) -> None:
    """Give the unnamed doer of a political act ("negotiations have been suspended", "was
    blocked from entering the camp") the kind of party a nation's act of that type stands
    for: the government's, mostly (`DEMONYM_SECTOR`), as the real-news gold codes it. Not
    for an attack (`private_attacker` decides those). Run on the record once it is kept
    (`extract.private_act` reads an unnamed doer as a private person): the field only."""
    a = rec.actor
    unnamed = a is not None and a.implied and a.text == UNNAMED_DOER
    if unnamed and a.sector is None and rec.event_type != "ASSAULT":
        a.sector = DEMONYM_SECTOR.get(rec.event_type, "GOV")
