"""Date and figure mentions: spaCy's DATE/TIME and CARDINAL entities, resolved by the
date parser (`dates`) and the figure parser (`quantities`), with what a figure counts."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from .dates import resolve as resolve_date
from .payloads import DatePayload, QuantityPayload
from .quantities import Figure, parse_figure
from .records import Mention, mention
from .vocab import FUTURE_MARKERS, PENALTY_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..ingest.article import Article


def find_dates(article: Article, doc: Doc, pub: date | None) -> list[Mention]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        res = resolve_date(ent.text, pub, future(ent.root))
        if res is None:
            continue
        out.append(
            mention(
                article,
                doc,
                ent,
                DatePayload(res.value.isoformat(), res.precision, res.relative),
            )
        )
    return out


def future(tok: Token) -> bool:
    """Whether the clause of a word looks ahead ("will meet", "is to visit")."""
    verb = tok
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    return any(
        c.lower_ in FUTURE_MARKERS or (c.lower_ == "to" and c.dep_ == "aux") for c in verb.children
    )


def find_quantities(article: Article, doc: Doc) -> list[Mention]:
    out = []
    for ent in doc.ents:
        if ent.label_ == "DATE":
            penalty = penalty_length(ent)
            if penalty is not None:
                fig, unit = penalty
                payload = QuantityPayload(fig.value, fig.qualifier, unit, fig.low, fig.high, None)
                out.append(mention(article, doc, ent, payload))
            continue
        if ent.label_ != "CARDINAL":
            continue
        if ent.start_char > 0 and doc.text[ent.start_char - 1] in "-/":
            continue  # MiG-29, FR4978-like codes
        fig = parse_figure(ent.text)
        if fig is None:
            continue
        unit_tok, of_value = counted(ent)
        unit = unit_text(unit_tok) if unit_tok is not None else None
        payload = QuantityPayload(fig.value, fig.qualifier, unit, fig.low, fig.high, of_value)
        out.append(mention(article, doc, ent, payload))
    return out


_LENGTH = re.compile(r"^(.+?)[\s-](year|month|week|day)s?$", re.IGNORECASE)


def penalty_length(ent: Span) -> tuple[Figure, str] | None:
    """A length of time that is a penalty ("sentenced her to 24 years in prison", "a 30
    year sentence", "30 days detention"): the figure of a sentencing, and its unit."""
    m = _LENGTH.match(ent.text.strip())
    if m is None:
        return None
    fig = parse_figure(m.group(1))
    if fig is None:
        return None
    root = ent.root
    near = [root.head, *root.children, *[c for c in root.head.children if c.i > root.i]]
    if root.dep_ == "pobj" and root.head.lower_ == "to":
        near.append(root.head.head)  # "sentenced … to 24 years"
    near += [p for t in list(near) for p in t.children if t.dep_ == "prep"]  # "in prison"
    if not any(t.lemma_.lower() in PENALTY_WORDS or t.lower_ in PENALTY_WORDS for t in near):
        return None
    return fig, m.group(2).lower() + "s"


def counted(ent: Span) -> tuple[Token | None, float | None]:
    """(the noun a figure counts, the total of "3 of the 12 …")."""
    root = ent.root
    if root.dep_ == "nummod" and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head, None
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is None or pobj.pos_ == "PRON":
                return None, None
            total = next((parse_figure(c.text) for c in pobj.children if c.dep_ == "nummod"), None)
            return pobj, total.value if total else None
    return None, None


def unit_text(noun: Token) -> str:
    left = [c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod") and c.pos_ != "NUM"]
    start = min([noun.i] + [t.left_edge.i for t in left])
    words = [
        t
        for t in noun.doc[start : noun.i + 1]
        if t.pos_ not in ("NUM", "DET", "PUNCT") and t.dep_ not in ("poss", "case")
    ]
    return " ".join(t.text for t in words) or noun.text
