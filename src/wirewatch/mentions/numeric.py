"""Date and figure mentions: spaCy's DATE/TIME and CARDINAL entities, resolved by the
date parser (`dates`) and the figure parser (`quantities`), with what a figure counts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..wordclasses import word_classes
from .dates import WEEKDAYS, month_number
from .dates import resolve as resolve_date
from .payloads import DatePayload, QuantityPayload
from .quantities import Figure, parse_figure
from .records import Mention, doc_ents, doc_text, entity_at, mention
from .vocab import ADDRESS_UNITS, FUTURE_MARKERS, PENALTY_WORDS, THOROUGHFARES, WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..ingest.article import Article


def find_dates(article: Article, doc: Doc, pub: date | None) -> list[Mention]:
    out = []
    for ent in doc_ents(doc):
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
    for tok in bare_weekdays(doc):
        res = resolve_date(tok.text, pub, future(tok))
        if res is not None:
            span = doc[tok.i : tok.i + 1]
            out.append(
                mention(
                    article,
                    doc,
                    span,
                    DatePayload(res.value.isoformat(), res.precision, res.relative),
                )
            )
    return sorted(out, key=lambda m: m.i)


def bare_weekdays(doc: Doc) -> list[Token]:
    """Weekday names the NER left outside every entity ("is suspected in the armed
    robbery Friday of two men"): in news copy a capitalised weekday is a day of the
    story, whatever the tagger made of it. One inside another entity or beside a
    capitalised word ("the Good Friday Agreement", "the Sunday Times") is part of a name.
    """

    def named(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].is_title and not doc[i].is_sent_start

    return [
        t
        for t in doc
        if t.lower_ in WEEKDAYS
        and t.is_title
        and entity_at(doc, t.i) is None
        and not named(t.i - 1)
        and not named(t.i + 1)
    ]


def future(tok: Token) -> bool:
    """Whether the clause of a word looks ahead ("will meet", "is to visit")."""
    verb = tok
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    if any(c.lower_ in FUTURE_MARKERS for c in verb.children):
        return True
    return any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children) and not past_governor(
        verb
    )


def past_governor(verb: Token) -> bool:
    """Is an infinitive governed by a verb told in the past ("failed to attend a meeting
    on March 15", "voted to support the bill Thursday", "was about to get off on Feb.
    18")? Then it looks ahead from that past day, not from publication: its date is the
    nearest such day, as for a past clause."""
    gov = verb.head
    if gov.pos_ == "ADJ" and gov.head.i != gov.i:
        gov = gov.head  # "was about to", "was eager to"
    if gov.i == verb.i:
        return False
    return gov.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in gov.children
    )


def find_quantities(article: Article, doc: Doc) -> list[Mention]:
    out = []
    for ent in doc_ents(doc):
        if ent.label_ == "DATE":
            for span, fig, unit in penalty_lengths(ent):
                payload = QuantityPayload(fig.value, fig.qualifier, unit, fig.low, fig.high, None)
                out.append(mention(article, doc, span, payload))
            continue
        if ent.label_ not in ("MONEY", "CARDINAL"):
            continue
        cash = money_span(ent)
        if cash is not None:
            span, fig, code = cash
            payload = QuantityPayload(fig.value, fig.qualifier, code, fig.low, fig.high)
            out.append(mention(article, doc, span, payload))
            continue
        if ent.label_ != "CARDINAL":
            continue
        if ent.start_char > 0 and doc_text(doc)[ent.start_char - 1] in "-/":
            continue  # MiG-29, FR4978-like codes
        fig = parse_figure(ent.text)
        if fig is None:
            continue
        unit_tok, of_value = counted(ent)
        if unit_tok is not None and unit_tok.lemma_.lower() in ADDRESS_UNITS:
            continue  # "the 2400 block of …" is where, not how many
        if unit_tok is not None and _street_number(unit_tok):
            continue  # "of 208 Routon St.": a house number, not a count
        if unit_tok is not None and month_number(unit_tok.text) is not None:
            continue  # "Apr 5", "5 May": a day of a month, not a count
        unit = unit_text(unit_tok) if unit_tok is not None else None
        payload = QuantityPayload(fig.value, fig.qualifier, unit, fig.low, fig.high, of_value)
        out.append(mention(article, doc, ent, payload))
    return out


def _street_number(unit: Token) -> bool:
    """Does a figure count a capitalised street word ("208 Routon St.", "14 Main
    Street")? Then it is a house number: a count of streets is lower case ("two roads")."""
    return unit.lower_ in THOROUGHFARES and unit.text[:1].isupper()


def _currencies() -> list[tuple[str, str]]:
    """(symbol or word, ISO 4217 code), longest first, from the CURRENCY_* classes."""
    pairs = [
        (w, cls.removeprefix("CURRENCY_"))
        for cls, ws in word_classes(WORDS).items()
        if cls.startswith("CURRENCY_")
        for w in ws
    ]
    return sorted(pairs, key=lambda p: -len(p[0]))


CURRENCIES = _currencies()
CURRENCY_CODES = frozenset(code for _, code in CURRENCIES)
CURRENCY_WORDS = frozenset(w for w, _ in CURRENCIES)


def money(text: str) -> tuple[Figure, str] | None:
    """A money figure and its currency code: "$3 billion" -> (3e9, USD), "more than
    115,000 euros" -> (more than 115000, EUR), "£2m" -> (2e6, GBP). None when no
    currency is named or the rest is not a number (the headline number of a fine, a duty
    or an aid package; events/policies.py says which types count money)."""
    t = " " + " ".join(text.lower().replace("’", "'").split()) + " "
    for word, code in CURRENCIES:
        sym = not word[-1].isalpha()
        at = t.find(word) if sym else t.find(f" {word} ")
        if at < 0:
            continue
        rest = (t[:at] + " " + t[at + len(word) + (0 if sym else 2) :]).strip()
        fig = parse_figure(rest)
        return (fig, code) if fig is not None else None
    return None


def money_span(ent: Span) -> tuple[Span, Figure, str] | None:
    """A MONEY or CARDINAL entity with the currency beside it that the NER left out
    ("$" before "4,034,106.34", "euros" after "50 million"): (its words, the figure, the
    currency code). None when no currency is named."""
    doc = ent.doc
    start, end = ent.start, ent.end
    if start > 0 and doc[start - 1].lower_ in CURRENCY_WORDS:
        start -= 1
    if end < len(doc) and doc[end].lower_ in CURRENCY_WORDS:
        end += 1
    if (start, end) == (ent.start, ent.end) and ent.label_ != "MONEY":
        return None
    span = doc[start:end]
    found = money(span.text)
    return (span, *found) if found is not None else None


LENGTH_UNITS = ("year", "month", "week", "day")


def penalty_lengths(ent: Span) -> list[tuple[Span, Figure, str]]:
    """Lengths of time that are a penalty ("sentenced her to 24 years in prison", "a 30
    year sentence", "30 days detention", inside a date phrase too: "sentenced in January
    to six years"): the figure of a sentencing, over its own words, and its unit."""
    out = []
    for u in ent:
        if u.lemma_.lower() not in LENGTH_UNITS:
            continue
        nums = [c for c in u.children if c.dep_ == "nummod" and ent.start <= c.i < u.i]
        if not nums:
            continue
        span = ent.doc[nums[0].left_edge.i : u.i + 1]
        fig = parse_figure(ent.doc[nums[0].left_edge.i : u.i].text)
        if fig is None:
            continue
        near = [u.head, *u.children, *[c for c in u.head.children if c.i > u.i]]
        if u.dep_ == "pobj" and u.head.lower_ == "to":
            near.append(u.head.head)  # "sentenced … to 24 years"
        near += [p for t in list(near) for p in t.children if t.dep_ == "prep"]  # "in prison"
        if any(t.lemma_.lower() in PENALTY_WORDS or t.lower_ in PENALTY_WORDS for t in near):
            out.append((span, fig, u.lemma_.lower() + "s"))
    return out


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
