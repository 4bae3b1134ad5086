"""Games told in conflict words: "Petrojet beat Ismaili 1-0", "Zamalek rarely threatened
Kameni", "a 90th-minute strike sealed the win" are no attack nor threat.

Read from unseen real news (LGL articles outside the gold): a match report gave four
ASSAULT and THREATEN events of one article. A conflict word that is also a game's play
(`SPORT_PLAY`) is left out when its sentence has a scoreline, or when its article is a
match report: two scorelines and three words of the game (`SPORT_WORDS`). A scoreline is
"4-1", "1-0", "2-2": the winner's figure first, as reports write it, so "the 9-11
attacks" and ages "5-12" are none. A fight between fans stays (its verbs, "clashed",
"stabbed", are no game's play).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..mentions.records import doc_text, per_parse
from .words import SPORT_PLAY, SPORT_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SCORE = re.compile(r"(?<![\d/.,:-])(\d{1,2})-(\d{1,2})(?![\d/-])")


def _scorelines(doc: Doc) -> list[int]:
    return [m.start() for m in SCORE.finditer(doc_text(doc)) if int(m.group(1)) >= int(m.group(2))]


def _match_report(doc: Doc) -> bool:
    marks = per_parse(doc, "_ww_scorelines", _scorelines)
    if len(marks) < 2:
        return False
    return sum(1 for t in doc if t.lemma_.lower() in SPORT_WORDS) >= 3


def sports_play(tok: Token) -> bool:
    """Is the trigger a game's play: a `SPORT_PLAY` word beside a scoreline, or in a
    match report?"""
    if tok.lemma_.lower() not in SPORT_PLAY:
        return False
    doc = tok.doc
    marks = per_parse(doc, "_ww_scorelines", _scorelines)
    if not marks:
        return False
    sent = tok.sent
    if any(sent.start_char <= k < sent.end_char for k in marks):
        return True
    return per_parse(doc, "_ww_match_report", _match_report)
