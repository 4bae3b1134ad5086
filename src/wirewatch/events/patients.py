"""How many persons an act names as acted on, read off the parse of its own words.

An act that counts who it acts on (COUNTS_RECIPIENTS: killed, arrested, charged) and
states no figure still says how many when its patient is one or more persons: "arrested
her" is 1, "killed his wife and his son" 2, "Hernandez, 20, and Velasquez, 24,
were arrested" 2, "the slaying of Ortiz" 1. The patient is read from the trigger itself
(its object, its passive subject, the "of" object of its noun), not from the chosen
recipient, which may be another party of the sentence (the victim of the crime a suspect
is charged with, a place).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .words import COLLECTIVE_NOUNS, PERSON_OBJECT_PRONOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..mentions import Mention
    from .context import Context

# Clause links across which a verb without a subject of its own shares the patient of the
# verb it hangs on: "were arrested Friday and were being held …, charged with killing".
SHARED = ("conj", "advcl", "xcomp")
# Passive subject pronouns standing for one person ("she was arrested"), and with the
# object pronouns every pronoun that does ("arrested her").
ONE_SUBJECT_PRONOUNS = frozenset({"he", "she"})
ONE_PERSON_PRONOUNS = PERSON_OBJECT_PRONOUNS | ONE_SUBJECT_PRONOUNS


def patients(tok: Token) -> list[Token]:
    """The words for whom the act is done to: its object or passive subject ("arrested
    her", "she was arrested"), the "of" object of an act noun ("the slaying of Ortiz"), or
    the passive subject of the verb it shares its subject with; with the words joined to
    them (the parser may hang each of "A, 20, and B, 24, were arrested" on the verb)."""
    t = tok
    for _ in range(3):
        if t.pos_ == "NOUN":
            ofs = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"]
            kids = [c for o in ofs for c in o.children if c.dep_ == "pobj"][:1]
        else:
            kids = [c for c in t.children if c.dep_ == "dobj"]
            kids = kids or [c for c in t.children if c.dep_ == "nsubjpass"]
        if kids or t.pos_ == "NOUN":
            return sorted({w for k in kids for w in (k, *k.conjuncts)}, key=lambda w: w.i)
        if t.dep_ not in SHARED or any(c.dep_ == "nsubj" for c in t.children):
            return []
        t = t.head
    return []


def persons_named(ctx: Context, tok: Token) -> tuple[int, int, int] | None:
    """How many persons the act's patient names: each coordinated member one person
    (a named person, "him"/"her", "a"/"the" and one person noun), or None when a member
    is not one person (a group, a place, a thing, a figure, which pick_quantity reads).
    Returns the count and the token span of the persons."""
    members = patients(tok)
    if not members:
        return None
    doc = tok.doc
    words: list[list[Token]] = []
    for t in members:
        if words and not doc[t.i - 1].whitespace_ and doc[t.i - 1].i >= words[-1][-1].i:
            words[-1].append(t)  # "ex-girlfriend", split by the tokenizer, is one word
        else:
            words.append([t])
    for word in words:
        t = word[-1]
        if any(c.dep_ == "nummod" for w in word for c in w.children):
            return None
        if t.tag_ == "PRP":
            if t.lower_ not in ONE_PERSON_PRONOUNS:
                return None
            continue
        m = ctx.actor_at.get(t.i)
        if m is None or m.j - 1 != t.i or not one_person(m, doc):
            return None
    return len(words), words[0][0].left_edge.i, words[-1][-1].i + 1


def one_person(m: Mention, doc: Doc) -> bool:
    """A named person (or a pronoun standing for one), or "a"/"an" and one person noun
    ("an activist", "a man"), not a body ("police") or a number of people. "The" and a
    singular civilian or fighter noun ("the driver", "the man", "the suspected gunman")
    also points at one person: a definite singular refers to a single individual."""
    a = m.as_actor
    if a.type == "person" or (
        a.refers_to is not None and doc[m.j - 1].lower_ in ONE_PERSON_PRONOUNS
    ):
        return True
    head = doc[m.j - 1]
    dets = [c.lower_ for c in head.children if c.dep_ == "det"]
    # A headline drops the article: "Springfield man shot twice" is one civilian.
    bare_civilian = not dets and a.sector == "CVL" and head.lemma_.lower() not in COLLECTIVE_NOUNS
    # "the driver", "the gunman": a body's nouns ("the government", "the army") are
    # other sectors', and a group noun ("the crowd", "the family") is not one person
    the_person = (
        dets == ["the"]
        and a.sector in ONE_PERSON_SECTORS
        and head.lemma_.lower() not in COLLECTIVE_NOUNS
    )
    return (
        a.sector is not None
        and not a.name
        and head.tag_ == "NN"
        and (any(d in ("a", "an", "another") for d in dets) or bare_civilian or the_person)
    )


# Sectors whose singular noun names one person ("the driver", "the gunman"), not a body.
ONE_PERSON_SECTORS = ("CVL", "REB")
