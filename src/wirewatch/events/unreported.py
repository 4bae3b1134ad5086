"""Acts a sentence tells without reporting them as done: what a speaker says inside a
quotation not told in the past, what someone is accused of or denies, an act a sentence only
judges, a meeting named as the occasion of another act, a mind others read into a doer,
a mere possibility or forecast, an act only pressed for or tried.
The extractor asks these of a trigger before making (or keeping) its event."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..mentions.vocab import SPEECH_VERBS
from .decide import quoted
from .triggers import children
from .words import (
    ALLEGING,
    ATTEMPT,
    DENIED_CLAIM,
    DENYING,
    FORECAST,
    JUDGED_ACTS,
    MADE_TO,
    MODAL_AUX,
    NEWS_ITEM,
    PERMIT_FRAME,
    PLAN,
    POSSIBLE_AUX,
    PRESSING,
    REFUSAL_AUX,
    REQUESTED,
    UNREAL_FRAME,
    WARNING,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .context import Context
    from .event import Event
    from .triggers import Rule


# Acts a speaker performs by speaking: inside a quotation they are the speaker's own.
SPOKEN_TYPES = frozenset({"ACCUSE", "REJECT", "THREATEN"})
# Auxiliaries of a clause that narrates in the past: "was pointing a gun", "had seized
# power" (not `fields.PAST_AUX`, which asks whether an act is done: "has been arrested").
NARRATED_AUX = frozenset({"was", "were", "had", "did"})
# Links from a non-finite clause up to the verb whose tense it shares.
CLAUSE_LINKS = ("xcomp", "advcl", "conj", "pcomp", "prep", "pobj")


def to_clauses(tok: Token) -> list[Token]:
    """The verb's to-infinitive complements: its xcomp, and the advcl the parse makes of
    one when a phrase comes between ("urged the minister on Sunday to ban", "vowed on
    Friday to fight")."""
    return [
        c
        for c in tok.children
        if c.dep_ == "xcomp"
        or (c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
    ]


def _complement_of(tok: Token, verbs: frozenset[str]) -> Token | None:
    """The verb of `verbs` whose open complement (xcomp) the trigger is ("intended to
    kill", "is expected to appeal", "tried to block"), or None."""
    head = tok.head
    if tok.dep_ != "xcomp" or head.i == tok.i or head.lemma_.lower() not in verbs:
        return None
    return head


def quoted_unnarrated(ev: Event) -> bool:
    """A material act inside a direct quotation, in a clause not told in the past: the
    speaker's stance, plan, demand or generality, not an act the story reports ("how
    best we can assist our federal partners", "they're asking Manitobans to pay",
    "opportunities like this must be seized", "they should back off", "I promise
    you"). A quotation that narrates in the past is an account of what happened ("The
    Taliban cut off all the roads", "he threw the bicycle, striking her") and stays;
    so do the acts a speaker performs by speaking (`SPOKEN_TYPES`, and the speaker's own
    "we are asking", "I promise"). Real-news dev: 11 false events and 1 true one dropped
    in 9 articles."""
    if ev.type in SPOKEN_TYPES or not quoted(ev):
        return False
    verb = ev.tok
    while verb.dep_ in CLAUSE_LINKS and verb.head.i != verb.i:
        if verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            break
        verb = verb.head
    if verb.tag_ == "VBD":
        return False
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in verb.children) and not (
        set(auxes) & MODAL_AUX
    ):
        return False  # "we are asking the government to release them": the speaker acts
    return not set(auxes) & NARRATED_AUX


def alleged_act(tok: Token, rule: Rule) -> bool:
    """An act told only as what someone is accused, charged or suspected of
    (`ALLEGING`): "separatist officials accuse Georgia of amassing armored vehicles",
    "Man accused of threatening tax worker", "accused him of violating election law by
    offering support". The allegation is the event (ACCUSE); the act it names may never
    have happened, and the real-news gold does not code it (dev: 3 such acts in 3
    articles, none coded). An attack so told is kept: the gold codes it to the accused
    (`roles.accused_doer`)."""
    if rule.type in ("ASSAULT", "ACCUSE"):
        return False
    head = tok
    while head.dep_ in ("conj", "pcomp", "pobj") and head.head.i != head.i:
        if head.dep_ in ("pcomp", "pobj") and head.head.lower_ in ("of", "with", "by"):
            gov = head.head.head
            if gov.lemma_.lower() in ALLEGING and gov.pos_ == "VERB":
                return True
            if head.head.lower_ != "by":
                return False
        head = head.head
    return False


def denied_act(tok: Token) -> bool:
    """An act told only as what someone denies (`DENYING`): "the ministry denied that it
    had arrested the journalist", "denied reports that troops had fired on protesters",
    "dismissed allegations that police beat the detainees", "denied the killing of
    civilians". The denial is the event (REJECT); the act is kept as negated, never shown
    as a fact (the real-news gold codes some denied acts as events of their own).
    "did not deny his client was there" concedes it: asserted."""
    t = tok
    for _ in range(4):
        head = t.head
        if head.i == t.i:
            return False
        if t.dep_ == "ccomp" and _denies(head):
            return True  # "denied that …"
        if t.dep_ == "dobj" and t.pos_ == "NOUN" and _denies(head, DENY_OBJECT):
            return True  # "denied the killing of civilians" (not "rejected the offer")
        if (
            t.dep_ in ("acl", "ccomp")
            and head.lemma_.lower() in DENIED_CLAIM
            and head.dep_ in ("dobj", "nsubjpass")
            and _denies(head.head)
        ):
            return True  # "denied reports that …"
        if t.dep_ != "conj":
            return False
        t = head  # "denied that it had arrested and beaten him"
    return False


# Denying verbs whose object is the act denied ("rejected the offer" rejects a real offer).
DENY_OBJECT = frozenset({"deny", "refute", "rebut"})


def _denies(verb: Token, lemmas: frozenset[str] = DENYING) -> bool:
    return (
        verb.pos_ == "VERB"
        and verb.lemma_.lower() in lemmas
        and not any(c.dep_ == "neg" for c in verb.children)
    )


def judged_act(tok: Token) -> bool:
    """A to-infinitive that completes a judgement of doing it: "it's not a good idea to
    threaten a drive-by shooting", "how important it was to demonstrate solidarity" (an
    extraposed subject of "be"), "the President is right to ask for action"
    (`JUDGED_ACTS`). The sentence weighs the act; it does not tell that anyone did it.
    Real-news dev: 3 such acts in 3 articles, none coded by the gold."""
    if tok.dep_ != "xcomp" or tok.tag_ != "VB":
        return False
    head = tok.head
    if head.lemma_ == "be" and any(
        c.lower_ == "it" and c.dep_ in ("nsubj", "expl", "nsubjpass") for c in head.children
    ):
        return True
    return head.pos_ == "ADJ" and head.lemma_.lower() in JUDGED_ACTS


def occasion(tok: Token, ctx: Context) -> bool:
    """An event noun after "at" on another verb names the occasion where that act was
    done or said ("Dove said at Monday's meeting", "was called to testify at the public
    inquiry", "At the NATO summit, the alliance agreed to resume contacts"): the news is
    the verb's act, not a meeting of its own (real-news dev: 3 such nouns in 3 articles,
    none coded by the gold). A meeting whose own parties are named ("agreed at their
    first summit"; own gold codes it) is kept: the noun then tells who met."""
    head = tok.head
    if tok.dep_ != "pobj" or head.lower_ != "at" or head.head.i == head.i:
        return False
    if head.head.pos_ not in ("VERB", "AUX"):
        return False
    return not any(
        c.dep_ == "poss" and (c.tag_ == "PRP$" or c.i in ctx.actor_at) for c in tok.children
    )


def private_intent(tok: Token) -> bool:
    """An act told through a verb of mind ("intended to kill one other person", "wants to
    strike", `PLAN`) is what the doer meant or wished, as others report it ("prosecutors
    believe he intended to kill", "police said he may have intended to shoot another
    one"), not a threat made to anyone: a threat is said ("vowed to fight the U.S.",
    "said it would fight"). Real-news dev: 2 such acts in 2 articles retyped THREATEN,
    neither coded by the gold."""
    return _complement_of(tok, PLAN) is not None


def possible_act(tok: Token) -> bool:
    """An act told with a modal of possibility (`POSSIBLE_AUX`) in the passive or the
    perfect: what may befall a party ("was aware that he could be sentenced to life",
    "asked whether troops could be sent") or what might have happened and did not
    ("others could have been charged"). No one is said to do it, nor to threaten it (a
    threat names its doer: "it could hit their goods with tariffs"). Real-news dev: 3 such
    acts in 3 articles, none coded by the gold; the gold marks "could provide support",
    "could yield" optional."""
    kids = [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg")]
    if not any(c.dep_ == "aux" and c.lower_ in POSSIBLE_AUX for c in kids):
        return False
    passive = any(c.dep_ == "auxpass" for c in kids)
    if any(c.dep_ == "neg" for c in kids) and not passive:
        return False  # "could not agree": a refusal, told as done
    return passive or any(c.lemma_ == "have" for c in kids)


def able_act(tok: Token) -> bool:
    """An act told with a bare "can" in the active: what a party is able to do or may
    do in general ("under which councils can provide housing assistance", "police can
    detain a suspect for 48 hours"), not an act done or vowed. A negated one is a refusal
    ("we cannot accept this"), kept."""
    kids = [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg")]
    if not any(c.dep_ == "aux" and c.lower_ in ("can", "ca") for c in kids):
        return False
    return not any(c.dep_ in ("neg", "auxpass") for c in kids)


def cautioned(tok: Token, event_type: str) -> bool:
    """A warning (`WARNING`) told with a that-clause which is not the warner's own future
    act: "warned that the crisis could spread to other countries", "is warning that
    travellers could face provocations", "warned that the fugitive knows the area".
    A threat names what its maker will do ("warned that the group would no longer fold
    its arms", "warned it could hit their goods with tariffs"): a clause with "will" or
    "would" (`REFUSAL_AUX`), or with a pronoun for its subject, stays a threat; so
    does a warning with no clause ("warned of retaliation"). Real-news dev: 3 such
    cautions in 3 articles, none coded THREATEN by the gold."""
    if event_type != "THREATEN" or tok.lemma_.lower() not in WARNING:
        return False
    clauses = children(tok, "ccomp")
    if not clauses:
        return False
    for verb in clauses:
        if any(c.dep_ == "aux" and c.lower_ in REFUSAL_AUX for c in verb.children):
            return False
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" for c in verb.children):
            return False
    return True


def forecast_act(tok: Token) -> bool:
    """An act told as what others foresee, a passive verb of forecast over it (`FORECAST`):
    "the prime minister is widely expected to dissolve parliament", "she is expected to
    appeal", "the bill is expected to be passed". No one says it was done or vowed it.
    Real-news dev: the gold marks all three such acts optional and one more it never
    codes; 1 false event dropped."""
    head = _complement_of(tok, FORECAST)
    return head is not None and any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)


def pressed_act(tok: Token) -> bool:
    """An act another party is asked, pressed or made to do (`REQUESTED`, `PRESSING`,
    `MADE_TO`): the to-clause of such a verb with an object ("tried to force him to
    resign", "persuading Israel to release prisoners", "urged the minister to ban"), or
    the verb's object or "for" phrase ("to demand President Saakashvili's resignation",
    "pushes for a quick withdrawal", "pushing urgent peace talks"). What is demanded has
    not happened; the demand is the event (the extractor keeps REQUEST events). A verb of
    making one act (`MADE_TO`) told as done says the act came about ("the scandal forced
    him to resign"), so only its undone forms count ("trying to force him to resign").
    Real-news dev: the gold codes none of these acts; 5 false events in 5 articles."""
    head = tok.head
    if head.i == tok.i:
        return False
    if tok.dep_ == "pobj" and head.lower_ == "for" and head.head.i != head.i:
        tok, head = head, head.head
    lemma = head.lemma_.lower()
    if lemma in MADE_TO:
        if head.tag_ in ("VBD", "VBN"):
            return False  # "forced him to resign", "was persuaded to withdraw": it came about
    elif lemma not in REQUESTED | PRESSING:
        return False
    if tok.dep_ in ("dobj", "prep"):
        return True
    return tok in to_clauses(head) and any(c.dep_ == "dobj" for c in head.children)


def attempted_act(tok: Token, event_type: str) -> bool:
    """An act told only as tried (`ATTEMPT`: "have tried to block the water channels",
    "officers who attempted to arrest him", "tried to persuade the gunman to surrender"):
    the sentence does not say it came about. An attack is the exception: a tried attack
    is one ("tried to rob a woman"; PLOVER and the real-news gold code it). Real-news dev:
    the gold codes none of the other tried acts (4 false events in 3 articles; it marks
    "attempting to detain" and "trying to mediate" optional)."""
    return event_type != "ASSAULT" and _complement_of(tok, ATTEMPT) is not None


# Types of asking or offering, which an item of information empties. Not a refusal: PLV
# codes a body that turns down the press ("refused repeated requests for interviews") REJECT.
EXCHANGE_TYPES = frozenset({"REQUEST", "AGREE"})


def information_exchange(tok: Token, event_type: str) -> bool:
    """A request or an offer whose object is an item of information (`NEWS_ITEM`): "asked
    the man for some identification", "offered almost no details", "asked him for an
    interview". The object, or its "for" phrase, or the "for" phrase of a request it
    names, is the interview, the detail or the papers one asks for or gives in the
    ordinary run of reporting or policing, not a political demand or offer. Real-news
    dev: 2 such false events in 2 articles, none coded by the gold. A refusal stays
    (PLV_train codes "refused repeated requests for interviews" REJECT, and "refuted
    Trump's comments" is no exchange of information)."""
    if event_type not in EXCHANGE_TYPES:
        return False
    objects = children(tok, "dobj", "nsubjpass") + _for_objects(tok)
    objects += [p for o in objects for p in _for_objects(o)]
    return any(o.lemma_.lower() in NEWS_ITEM for o in objects)


def _for_objects(tok: Token) -> list[Token]:
    """What a word is for: the objects of its "for" phrase ("asked him for an interview",
    "a request for comment")."""
    return [p for c in children(tok, "prep") if c.lower_ == "for" for p in children(c, "pobj")]


# Links from an act up to a word that frames it: its to-clause ("hoping to arrest"), its
# that-clause ("feared he would be arrested", "speculation that he would resign") or its
# object ("to prevent his arrest").
FRAME_LINKS = frozenset({"xcomp", "ccomp", "acl", "dobj"})


def framed_act(tok: Token) -> bool:
    """An act a word of hope, fear, prevention, speculation or proposal governs
    (`UNREAL_FRAME`: "was hoping to arrest him", "feared he would be arrested", "in order
    to prevent Evans' arrest", "isn't afraid to fight one", "denied speculation that he
    would step down", "the idea of asking the Senator", "filed a motion to prohibit
    cameras"), or a word of permission or ability that is itself denied or modal
    (`PERMIT_FRAME`: "would not be allowed to arrest"): the sentence tells an act wished,
    dreaded, averted or mooted, not one done; so does a denied saying (`unsaid`).
    Real-news dev: the gold codes none of these acts (8 false events in 7 articles)."""
    head = tok.head
    if head.i == tok.i:
        return False
    if tok.dep_ in ("pcomp", "pobj") and head.lower_ == "of" and head.head.i != head.i:
        noun = head.head  # "the idea of asking"
        return noun.pos_ in ("NOUN", "PROPN") and _frame_word(noun, UNREAL_FRAME)
    if tok.dep_ not in FRAME_LINKS:
        return False
    if _frame_word(head, UNREAL_FRAME) or unsaid(tok):
        return True
    if _frame_word(head, PERMIT_FRAME):
        gov = head.head if head.pos_ == "ADJ" and head.dep_ == "acomp" else head
        return any(
            c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODAL_AUX)
            for t in (head, gov)
            for c in t.children
        )
    return False


def unsaid(tok: Token) -> bool:
    """Is the act the content of a denied saying ("did not say 'Weinstein raped me'",
    "never said the army had shelled the town")? Nobody tells it as done: a speaker who
    did not say it is not its source, and the writer does not assert it either."""
    head = tok.head
    return (
        tok.dep_ == "ccomp"
        and head.pos_ == "VERB"
        and head.lemma_ in SPEECH_VERBS
        and any(c.dep_ == "neg" for c in head.children)
    )


def _frame_word(tok: Token, frame: frozenset[str]) -> bool:
    """Is the word in `frame` by its lemma or its own form (a model without
    data/nlp/lemmas.tsv's fixes lemmatizes "hoping" as "hop")?"""
    return tok.lemma_.lower() in frame or tok.lower_ in frame
