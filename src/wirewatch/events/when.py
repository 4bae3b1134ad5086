"""The day of an article's news, and days told by counting from a day told before.

An event with no date of its own in its clause is dated by the ladder in
`decide.date_of`: its sentence's one day, else the day told just before it when it is
told as the story's next step ("police later arrested her": `continued_day`), else the
day of the article's news (`lead_day`), else the publication day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..mentions.vocab import NEXT_STEP
from .words import ALLEGING, ARRANGE, COURT_DATE, LONG_SPAN, LONG_STANDING

# Date precisions that span more than a year's history ("in the 1990s"): no day of news.
SPAN_PRECISIONS = ("decade", "century")

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..mentions import Mention
    from .context import Context

# The headline and the first sentences, where a story states the day of its news.
LEAD_DAY_SENTENCES = 3


def after_publication(value: str, ctx: Context) -> bool:
    return ctx.pub is not None and value[:10] > ctx.pub.isoformat()


def continued_day(ctx: Context, tok: Token) -> Mention | None:
    """The day of an act told as the next step of a story ("Police later arrested her",
    "The department then informed the store", "officers eventually arrested him"): the
    last day the article told before its sentence, when its sentence names no date. A
    story is told in order, so the step goes with the day just told, not with the lead's
    day, which is often the day of the report or of a later step."""
    verbs = [tok]
    while verbs[-1].dep_ == "conj" and len(verbs) < 4:
        verbs.append(verbs[-1].head)  # "arrived and then piled on", "surrounded and"
    if not any(c.dep_ == "advmod" and c.lower_ in NEXT_STEP for v in verbs for c in v.children):
        return None
    if ctx.in_sentence("date", tok):
        return None
    return day_told_earlier(ctx, tok.sent.start)


def day_told_earlier(ctx: Context, i: int) -> Mention | None:
    """The last day the article told before token i, not after publication (a weekday
    read as the coming one counts as the one just past, as in `lead_value`)."""
    told = [
        m
        for m in ctx.by_kind.get("date", [])
        if m.j <= i
        and m.as_date.precision == "day"
        and not after_publication(lead_value(m, ctx), ctx)
    ]
    return max(told, key=lambda m: m.i, default=None)


def lead_day(ctx: Context) -> Mention | None:
    """The day the article's news happened: the first day its lead names, not after
    publication ("An Oakland officer … was shot on Saturday" in a Tuesday paper). An
    event told without a date of its own is that news or told with it more often than it
    happened on the publication day: on the real-news dev split, of the 48 matched
    events dated by nothing in their sentence, the publication day was right for 34 and
    the lead's day for 44."""
    days = [
        m
        for m in ctx.by_kind.get("date", [])
        if m.sent < LEAD_DAY_SENTENCES
        and m.as_date.precision == "day"
        and not after_publication(lead_value(m, ctx), ctx)
    ]
    return min(days, key=lambda m: m.start, default=None)


def history(m: Mention, ctx: Context) -> bool:
    """Is a coarse date (a year, a month, a decade) wholly before the news, so that it
    dates what led up to it ("on trial on Thursday for the 2011 killing"), not an undated
    act of its sentence?"""
    d = m.as_date
    if ctx.pub is None or d.precision == "day":
        return False
    if d.precision in SPAN_PRECISIONS:
        return True
    year, month = int(d.value[:4]), int(d.value[5:7])
    if d.precision == "year":
        return year < ctx.pub.year
    return d.precision == "month" and (year, month) < (ctx.pub.year, ctx.pub.month)


def lead_value(m: Mention, ctx: Context) -> str:
    """A lead's day as the news's: a weekday read as the coming one is the one just past
    ("ordered the party to disband on Thursday" in a Friday paper, read as next Thursday):
    the lead tells what has happened."""
    d = m.as_date
    if not (d.relative and after_publication(d.value, ctx)) or ctx.pub is None:
        return d.value
    try:
        back = date.fromisoformat(d.value[:10]) - timedelta(days=7)
    except ValueError:
        return d.value
    return back.isoformat() if back <= ctx.pub else d.value


def planned_day(tok: Token, modality: str, ctx: Context) -> Mention | None:
    """The day of an act told as planned or intended ("plans rallies from April 9",
    "arranging talks between the sides for tomorrow", "will hold talks on Monday"): the
    one day after publication its sentence names. A plan is news before its day comes, so
    a later day is the act's own, not the lead's or the paper's. Not a day that dates a
    court appearance or a custody until it ("is to appear in court Thursday", "held until
    April 19": `court_day`): those date the appearance, not the act told beside them."""
    if not forward_told(tok, modality):
        return None
    later = [
        m
        for m in ctx.in_sentence("date", tok)
        if m.as_date.precision == "day" and after_publication(m.as_date.value, ctx)
    ]
    if len(later) != 1 or court_day(later[0], ctx):
        return None
    return later[0]


def forward_told(tok: Token, modality: str) -> bool:
    """Is the act told as one to come: planned or intended, or named as what a verb of
    arranging sets up ("arranging talks", "called a strike")?"""
    if modality in ("planned", "intended"):
        return True
    head = tok.head
    for _ in range(2):
        if head.lemma_.lower() in ARRANGE:
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return False


def court_day(m: Mention, ctx: Context) -> bool:
    """Does the day date a court appearance or the custody that ends with it: a word of
    `COURT_DATE` among the words that govern it ("appear … Thursday", "hearing on
    Friday", "until April 19") or beside it in that phrase ("court tomorrow")?"""
    tok = ctx.doc[m.i]
    near = [tok.head, tok.head.head, *tok.head.children]
    near += [ctx.doc[k] for k in range(max(m.i - 3, tok.sent.start), m.i)]
    return any(t.lemma_.lower() in COURT_DATE or t.lower_ in COURT_DATE for t in near)


def crime_date(tok: Token, m: Mention | None) -> Mention | None:
    """The date of the crime a charge names, not of the charge: a date told after the
    crime in the charge's "with"/"of" phrase ("charged with the murder of a man in
    January", "charged with murder in the stabbing death … last month", "accused of
    killing him last week"). The parser often hangs that date on the charge verb, but
    English tells a charge's own date before its crime ("was charged on Friday with
    murder") or in another clause; the charge is news, dated by the story's day."""
    if m is None or tok.lemma_.lower() not in ALLEGING:
        return None
    crimes = [
        c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "of") and c.i < m.i
    ]
    return m if crimes else None


def long_standing(tok: Token) -> bool:
    """Is the act told as a stance held for long rather than news of the day: "Moscow
    has long supported the regime", "has traditionally backed Israel", "Iran has for
    years armed the rebels" (`LONG_STANDING`; `LONG_SPAN` with a perfect)? Such an event
    is background (issue 17: history and habitual statements are not news)."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if any(c.dep_ == "advmod" and c.lower_ in LONG_STANDING for c in verb.children):
        return True
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    return perfect and any(
        c.dep_ == "prep"
        and c.lower_ == "for"
        and any(
            g.tag_ == "NNS" and g.lemma_.lower() in LONG_SPAN and not _counted(g)
            for g in c.children
            if g.dep_ == "pobj"
        )
        for c in verb.children
    )


def _counted(tok: Token) -> bool:
    """Does a number count the noun ("for two years": a span, not "for years")?"""
    return any(c.dep_ == "nummod" or c.like_num for c in tok.children)
