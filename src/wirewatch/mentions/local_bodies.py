"""A town named only in its own public body's name: "the Arden Police Department
announced an arrest", "Millbrook Sheriff's Office deputies". Local news often names its
town nowhere else, and a police force, sheriff, fire service or town council is named
after the town it serves, so the town is where the body is (role `embedded`) and gives
the body, and the story, their country. A word opening any other name is too often no
place ("University Hospital", "Federal Reserve"): `place_spans._opening_town` asks the
article to name it as a place elsewhere, this asks for a public body's head instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .vocab import LOCAL_BODY, LOCAL_BODY_AFTER_KIND, LOCAL_BODY_KINDS, LOCAL_BODY_NOT_TOWN

if TYPE_CHECKING:
    from spacy.tokens import Span


def names_local_body(town: Span, rest: Span) -> bool:
    """Whether `town` opens a local public body's name whose other words are `rest`:
    a body head ("Police Department", "Sheriff's Office", "Council"), or a kind of
    town or court before one ("City Council", "Borough Council", "Crown Court"). The
    town is no kind word itself ("Metro Police", "Park Police"), nor ends in one
    ("Waverly Town" of "Waverly Town Council" is Waverly)."""
    if any(t.lower_ in LOCAL_BODY_NOT_TOWN for t in town) or town[-1].lower_ in LOCAL_BODY_KINDS:
        return False
    words = [t.lower_ for t in rest if not t.is_punct or t.text in ("'s", "’s")]
    if not words:
        return False
    if words[0] in ("'s", "’s"):  # "Arden's police" is no name of a body
        return False
    k = 0
    while k < len(words) and words[k] in LOCAL_BODY_KINDS:
        k += 1
    if k == len(words):
        return False
    return words[k] in LOCAL_BODY or (k > 0 and words[k] in LOCAL_BODY_AFTER_KIND)
