"""The toll of an act told beside the act: one act, not two.

"James was injured when a man attacked his car", "75 civilians were killed as a result of
army shelling": the wound is told first, the attack that made it hangs on it. "Helicopter
gunships fired on the militants. … 14 insurgents were killed": the toll, its doer unsaid,
follows the attack in the next sentence. `clauses.told_toll` reads the other order (a
participle hung on the act: "tore through a market, killing 20 people"). In each the
parser gives the two tellings different parties (the victim's place, the speaker), so the
merge by sides does not join them; their words and their order do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..mentions.finder import sentence_index
from .words import ANOTHER_ACT, TOLL_LINK, TOLL_VERB

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Token

    from .event import Event


def _passive_toll(tok: Token) -> bool:
    """A verb of harm done (`TOLL_VERB`) told of its victims in the passive ("were
    killed", "was injured"), or a participle of it ("two dead", "18 wounded")."""
    if tok.lemma_.lower() not in TOLL_VERB:
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return True
    return tok.tag_ == "VBN" and not any(c.lemma_ == "have" for c in tok.children)


def _cause_of(toll: Token, cause: Token) -> bool:
    """`cause` hangs on `toll` as what made it: a clause marked by a word of `TOLL_LINK`
    ("injured when a man attacked"), or the object of a chain of its prepositions ("killed
    as a result of shelling", "wounded in the attack"). A sequence ("shot after he
    stabbed") is two acts: its words are not in `TOLL_LINK`."""
    tok = cause
    for _ in range(3):
        head = tok.head
        if head.i == tok.i:
            return False
        if tok.dep_ == "advcl":
            marks = [c for c in tok.children if c.dep_ in ("mark", "advmod")]
            marked = any(c.lower_ in TOLL_LINK for c in marks)
            return marked and head.i == toll.i
        if tok.dep_ != "pobj" or head.dep_ != "prep" or head.lower_ not in TOLL_LINK:
            return False
        tok = head.head
        if tok.i == toll.i:
            return True
    return False


def _dates_agree(a: Event, b: Event) -> bool:
    return a.date is None or b.date is None or a.date.as_date.value == b.date.as_date.value


def _next_sentence_toll(act: Event, ev: Event) -> bool:
    """`ev` is the toll of `act` told in the next sentence: a passive harm with no doer
    said, after an act of the same type whose doer is said, of one day and modality, not
    marked as another act (`ANOTHER_ACT`)."""
    if ev.actor is not None or act.actor is None or not _passive_toll(ev.tok):
        return False
    if any(c.lower_ in ANOTHER_ACT for c in ev.tok.children):
        return False
    doc = ev.tok.doc
    at = sentence_index(doc, ev.tok.i)
    told_before = any(sentence_index(doc, t.i) == at - 1 for t in act.members)
    return told_before and act.modality == ev.modality and _dates_agree(act, ev)


# How many sentences apart two tellings of harm to one named person may be
# (`merge.RETOLD_SENTENCES`, the fold of other retellings).
VICTIM_RETOLD = 10


def _victim_retold(act: Event, ev: Event) -> bool:
    """`ev` tells again the harm `act` did to a named person: its recipient a named person
    whose surname the earlier telling's sentence names, not as its subject ("the slaying
    of Ortiz" … "He shot Ortiz once in the head", "the stabbing of Miguel Beedle" … "the
    person who killed Beedle"; "Grier committed the robbery" names the doer, a recipient
    misread). One person is harmed in one act; the parties and the day the parser reads
    for each telling vary (the day of the arrest, of the report) and are not asked. Not
    an act marked as another (`ANOTHER_ACT`), nor one dated to a year only ("In 2005 he
    assaulted her": a history)."""
    who = ev.recipient.as_actor if ev.recipient is not None else None
    if who is None or who.type != "person" or not who.name:
        return False
    if any(c.lower_ in ANOTHER_ACT for c in ev.tok.children):
        return False
    if ev.date is not None and ev.date.as_date.precision == "year":
        return False
    doc = ev.tok.doc
    at = sentence_index(doc, ev.tok.i)
    if not any(0 < at - sentence_index(doc, t.i) <= VICTIM_RETOLD for t in act.members):
        return False
    surname = who.name.split()[-1].lower()
    return any(w.lower_ == surname and w.dep_ != "nsubj" for t in act.members for w in t.sent)


def toll_told(events: list[Event], absorb: Callable[[Event, Event], None]) -> list[Event]:
    """Fold the toll of an act and the act into one event: the act hung on its toll in one
    sentence (`_cause_of`) joins the toll, a toll told in the next sentence joins the act
    (`_next_sentence_toll`), and harm to one named person told again joins its first
    telling (`_victim_retold`). Real-news dev: 8 second tellings folded in 8 articles, none
    right lost (false events 160 -> 152, event F1 .637 -> .642)."""
    out: list[Event] = []
    for ev in events:
        into = next(
            (
                m
                for m in out
                if m.type == ev.type
                and (
                    (_passive_toll(m.tok) and _cause_of(m.tok, ev.tok))
                    or (_passive_toll(ev.tok) and _cause_of(ev.tok, m.tok))
                    or _next_sentence_toll(m, ev)
                    or (ev.type == "ASSAULT" and _victim_retold(m, ev))
                )
            ),
            None,
        )
        if into is None:
            out.append(ev)
        else:
            absorb(into, ev)
    return out
