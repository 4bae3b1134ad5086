"""One gunman's shots: a crime story's shooting spree, told shot by shot, is one attack
(the folds of `merge` ask these)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..sectors import STATE_ARMS
from .words import ANOTHER_ACT, GUNFIRE

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..mentions import Mention
    from .event import Event


def _one_person(m: Mention | None, doc: Doc) -> bool:
    """Unsaid, a person, or one unnamed someone told by a singular noun ("the gunman",
    "a man"), not a body ("the army") or a plural ("Israeli troops", "gunmen")."""
    if m is None:
        return True
    p = m.as_actor
    if p.type == "person":
        return True
    if p.type is not None or p.name or p.sector in STATE_ARMS:
        return False
    return 0 < m.j <= len(doc) and doc[m.j - 1].tag_ == "NN"


def one_gunman(a: Event, b: Event) -> bool:
    """The shots of one gunman told one by one ("she then opened fire on the others" …
    "fired shots at the supervisor", "the man accused of shooting his co-workers" …
    "LaCalamita then fired one round at Riva"): a crime story's shooting spree is one
    attack, whoever each shot hit, as the real-news gold codes it. Both tellings are
    gunfire words (`GUNFIRE`), by one named person, an unnamed one ("the gunman") or
    nobody said, with no places of their own apart; the victims counted and the days
    told may differ. Armies and police forces, who fire in many separate acts, are not
    folded so."""
    if a.type != "ASSAULT" or not {a.tok.lemma_.lower(), b.tok.lemma_.lower()} <= GUNFIRE:
        return False
    if any(c.lower_ in ANOTHER_ACT for c in b.tok.children):
        return False
    if not (_one_person(a.actor, a.tok.doc) and _one_person(b.actor, b.tok.doc)):
        return False  # a force or a body: many acts
    x = a.actor.as_actor if a.actor is not None else None
    y = b.actor.as_actor if b.actor is not None else None
    if x is not None and y is not None and x.name and y.name and x.entity != y.entity:
        return False
    return a.place is None or b.place is None or a.place.as_place.name == b.place.as_place.name


def one_gunman_told_on(a: Event, b: Event) -> bool:
    """The shots of one gunman (`one_gunman`) told further apart than RETOLD_SENTENCES:
    a crime story tells the spree in its lead and again blow by blow near its end
    ("Kafoury was shot dead and two managers were wounded" … "After shooting Steinberg,
    LaCalamita walked into Riva's office" … "LaCalamita then fired one round at Riva").
    No indefinite doer ("a driver … fatally shot eight people"): that brings in another
    gunman, a shooting told for comparison. On the real-news dev split P .594 -> .596
    (two blow-by-blow tellings folded), recall unchanged."""
    doc = a.tok.doc
    return one_gunman(a, b) and not (_indefinite(a.actor, doc) or _indefinite(b.actor, doc))


def _indefinite(m: Mention | None, doc: Doc) -> bool:
    """A party told by an indefinite noun phrase ("a driver", "an employee")."""
    if m is None or m.as_actor.name or not 0 < m.j <= len(doc):
        return False
    return indefinite(doc[m.j - 1])


def indefinite(head: Token) -> bool:
    """A noun with an indefinite article ("a driver", "an employee"): someone new."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
