"""One party, or one state's side told twice: an act's actor and recipient must be two
sides ("Russia recalled its ambassador" has no recipient in its ambassador); and the
sides and persons two tellings of an act are compared by when they are folded into one
(`side`, `two_people`, `one_person_told_twice`, `one_named`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..mentions.finder import sentence_index
from ..sectors import STATE_ARMS
from .spree import indefinite

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..mentions import Mention
    from .event import Event


def same_side(a: Mention, b: Mention) -> bool:
    """One party, or one state's side twice ("Russia recalled its ambassador")."""
    da, db = a.as_actor, b.as_actor
    if da.entity == db.entity:
        return True
    named_people = da.type == "person" and db.type == "person"
    for x, y in ((da, db), (db, da)):
        if (
            x.entity.startswith("state:")
            and y.sector in STATE_ARMS
            and not y.name
            and (
                y.country == x.country  # "the United States withdrew its troops"
                # "Serbia recalled its ambassador from Montenegro": its own envoy, whatever
                # country the mention stage read into "from Montenegro"
                or (b if x is da else a).text.lower().startswith(("its ", "their "))
            )
        ):
            return True
    return (
        not named_people
        and da.country is not None
        and da.country == db.country
        and da.sector == db.sector
        and (not da.name or not db.name or da.entity.startswith("state:"))
    )


def side(m: Mention | None) -> tuple[str | None, str | None] | None:
    """A party's side as two tellings compare it: its country (or organisation) and
    sector, names aside ("Britain" and "Theresa May" are one side)."""
    if m is None:
        return None
    a = m.as_actor
    return (a.country or a.org, a.sector)


def two_people(x: Mention | None, y: Mention | None) -> bool:
    """Two persons named by different names ("Evans is charged" … "Harminson is
    charged"): two people, though their country and sector (what `side` compares, so
    that "Britain" and "Theresa May" are one side) agree."""
    if x is None or y is None:
        return False
    a, b = x.as_actor, y.as_actor
    return a.type == b.type == "person" and bool(a.name and b.name) and a.entity != b.entity


def one_person_told_twice(x: Mention | None, y: Mention | None, doc: Doc) -> bool:
    """Two recipients that may be one person told twice: one named, the other one
    person unnamed ("DeKalb man" … "Keith D. Johnson", "the former President" … "Zuma",
    not "these people"), of no two different countries and no two different sectors. An
    indefinite after the name ("a man") brings in someone new: it never retells the
    named one (an indefinite before it may: "A young woman accused" … "Evans")."""
    if x is None or y is None or bool(x.as_actor.name) == bool(y.as_actor.name):
        return False
    unnamed = y if x.as_actor.name else x
    head = doc[unnamed.j - 1] if unnamed.i >= 0 else None
    if head is None or not (
        head.tag_ in ("NN", "PRP")
        # a headline's capitals make "Man accused of …" a proper noun, still one man
        or (head.tag_ == "NNP" and sentence_index(doc, head.i) == 0)
    ):
        return False
    if unnamed is y and indefinite(head):
        return False  # "Danial Rinehart is accused …" then "A man has been charged": a new one
    a, b = x.as_actor, y.as_actor
    if a.country and b.country and a.country != b.country:
        return False
    return a.sector is None or b.sector is None or a.sector == b.sector


def one_named(a: Event, b: Event) -> bool:
    """Recipients that are one named person, each telling's own ("Fumo, free on bail,
    will be sentenced July 13" … "Vincent J. Fumo is to be sentenced"), by doers of one
    side (or both unsaid): the recipient of one came only with the completed recipients,
    after the first fold. A doer told in one telling only may be another act on the same
    person ("Human Rights Watch said he should never have been prosecuted"). Real-news
    dev: two second records folded (P .724 -> .727), no match lost."""
    x, y = a.recipient, b.recipient
    return (
        x is not None
        and y is not None
        and x.as_actor.type == "person"
        and bool(x.as_actor.name)
        and x.as_actor.entity == y.as_actor.entity
        and side(a.actor) == side(b.actor)
    )
