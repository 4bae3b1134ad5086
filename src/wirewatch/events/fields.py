"""An event's fields from its sentence: the span it covers, its modality, and the date,
place, figure and attribution chosen among the article's mentions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from ..mentions.numeric import CURRENCY_CODES
from ..mentions.payloads import DatePayload
from ..mentions.vocab import DAY_AFTER, DAY_BEFORE, DAY_SAME
from .policies import COUNTS_MONEY, COUNTS_RECIPIENTS, DESTINATION
from .record import Place
from .when import after_publication, lead_day, lead_value  # noqa: F401 (re-exported)
from .words import (
    ADVICE_AUX,
    COLLAPSED,
    CONSIDER,
    FAILED,
    LOCATIVE,
    PLACE_NOUNS,
    PLAN,
    PROMISE,
    PURPOSE_NOUNS,
    REQUESTED,
    RESULT_VERBS,
    SCHEDULED,
    TRAVEL_VERBS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..mentions import Mention
    from .context import Context

# The prepositions that say where a trip ends ("left for Washington", "flew to Paris").
TRIP_END = frozenset({"to", "for"})

# The more precise of two places wins.
PRECISION_RANK = {"point": 4, "district": 3, "admin1": 2, "country": 1}


def event_scope(tok: Token, trigger: list[Token]) -> set[int]:
    head = trigger[0]
    return {t.i for t in head.subtree} | {t.i for t in tok.subtree}


def own_aux(verb: Token) -> set[str]:
    """The auxiliaries of the verb itself ("should release": {"should"})."""
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


# Auxiliaries of a future act: with an "if" clause of its own, the act is conditional.
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "could"})


def modality(tok: Token, trigger: list[Token]) -> str:
    verb = trigger[0] if trigger[0].pos_ in ("VERB", "AUX") else tok
    chain = [verb]
    v = verb
    for _ in range(4):
        if (
            v.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "acl", "conj", "advcl", "prep")
            and v.head.i != v.i
        ):
            v = v.head
            chain.append(v)
        else:
            break
    aux = {c.lower_ for t in chain[:2] for c in t.children if c.dep_ in ("aux", "auxpass")}
    negated_at = chain[:2] if verb.dep_ == "xcomp" else chain[:1]
    if any(c.dep_ == "neg" and not _negates_modifier(c) for t in negated_at for c in t.children):
        return "negated"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        return "hypothetical"
    sent_has_if = any(
        t.lower_ in ("if", "unless") and t.dep_ in ("mark", "advmod") for t in verb.sent
    )
    if aux & {"would", "could"} and sent_has_if:
        return "conditional"
    conditions = [c for c in verb.children if c.dep_ == "advcl"]
    if own_aux(verb) & FUTURE_AUX and any(
        m.dep_ == "mark" and m.lower_ in ("if", "unless") for c in conditions for m in c.children
    ):
        return "conditional"  # "if it is unsuccessful, it will file a legal suit"
    if own_aux(verb) & ADVICE_AUX:
        return "hypothetical"  # "Azerbaijan should release all those imprisoned"
    for below, t in pairwise(chain):
        lemma = t.lemma_.lower()
        if lemma in FAILED and asked_link(below):
            return "negated"  # "cancelled the talks", "postponed the vote"
        if lemma in REQUESTED and asked_link(below):
            return "hypothetical"  # "urging the government to free the journalists"
        if lemma in CONSIDER and asked_link(below):
            return "considered"  # not a side act: "weighed in with a statement, calling for"
        if lemma in PROMISE:
            return "promised"
        if arranged(below, t):
            return "planned"  # "is to be sentenced on July 13", "He is to announce …"
        if below.dep_ == "xcomp" and (lemma in SCHEDULED or t.lower_ in SCHEDULED):
            return "planned"  # "negotiators are due to meet again on Friday"
        if lemma in PLAN or t.lower_ == "plan":
            return "planned" if lemma in ("plan", "schedule", "prepare") else "intended"
    if aux & {"would"}:
        return "intended"
    if aux & {"will", "shall", "'ll"}:
        return "planned"
    if aux & {"may", "might", "could"}:
        return "hypothetical"
    return "asserted"


def collapsed(tok: Token) -> bool:
    """Is the event noun the subject of a verb saying it failed (`COLLAPSED`: "the truce
    collapsed", "the ceasefire broke down", "the deal fell apart")?"""
    head = tok.head
    if tok.dep_ != "nsubj" or head.i == tok.i or head.pos_ != "VERB":
        return False
    prt = [c.lower_ for c in head.children if c.dep_ in ("prt", "advmod") and c.i > head.i]
    lemma = head.lemma_.lower()
    return lemma in COLLAPSED or any(f"{lemma} {p}" in COLLAPSED for p in prt)


def arranged(below: Token, be: Token) -> bool:
    """Is `below` a to-infinitive that the verb "be" governs, telling what is arranged
    to happen ("Fumo is to be sentenced on July 13", "the measures are to be voted on
    Thursday", "he is to announce changes next week"): English's be + to-infinitive is
    a scheduled future, as "will be sentenced" is. Not when "be" links a purpose or
    plan noun to what it is ("the idea is to cover the wall", "it was to demonstrate
    solidarity": `PURPOSE_NOUNS`), unless the infinitive is passive ("to be taken")."""
    if be.lemma_ != "be" or below.dep_ != "xcomp" or below.head.i != be.i:
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in below.children):
        return False
    if any(c.dep_ == "auxpass" for c in below.children):
        return True
    subj = next((c for c in be.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.lemma_.lower() not in PURPOSE_NOUNS


def asked_link(below: Token) -> bool:
    """Is `below` what the request verb over it asks for (its to-clause, that-clause or
    object phrase: "urged them to free", "pushes for a withdrawal"), not an act of the
    requester told beside it ("pushed by the government but rejected by the premier",
    "asked the court to delay it, alleging perjury": a conjunct, a participle clause)?
    Real-news dev: the gold codes those side acts asserted (2 in 2 articles)."""
    if below.dep_ == "conj":
        return False
    return below.dep_ != "advcl" or any(
        c.dep_ in ("aux", "mark") and c.lower_ in ("to", "that") for c in below.children
    )


def _negates_modifier(neg: Token) -> bool:
    """A "not" that negates the adjective after it, not the word the parser hangs it on:
    "a not guilty plea" is a plea made."""
    nxt = neg.doc[neg.i + 1] if neg.i + 1 < len(neg.doc) else None
    return nxt is not None and nxt.dep_ == "amod" and nxt.head.i == neg.head.i


# Auxiliaries of a participle told as past ("has been arrested", "was shot").
PAST_AUX = frozenset({"has", "have", "had", "was", "were", "been"})


def past_told(tok: Token) -> bool:
    """Is the act told in the past tense ("shot", "tried to rob", "has been arrested")?"""
    verb = tok
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
    if verb.tag_ == "VBD":
        return True
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ == "VBN" and bool(aux) and aux <= PAST_AUX


def pick_place(ctx: Context, tok: Token, scope: set[int], event_type: str = "") -> Mention | None:
    places = [m for m in ctx.in_sentence("place", tok) if m.as_place.role == "event"]
    best, best_rank = None, -1
    anchors = {tok.i, tok.head.i} | {
        c.i for c in tok.children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")
    }
    trip = trip_for(tok)
    if trip is not None:
        anchors.add(trip.i)
    for c in list(anchors):
        for prep in ctx.doc[c].children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                anchors |= {p.i for p in prep.children if p.dep_ == "pobj"}
    if tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
        # "Ishkashem district, where Tajik border forces had blocked any crossing"
        head_places = [m for m in places if m.i <= tok.head.i < m.j]
        if head_places:
            return head_places[0]
    for m in places:
        root = ctx.doc[m.j - 1] if m.j > m.i else ctx.doc[m.i]
        via = root
        while (
            via.dep_ in ("compound", "conj", "appos", "pobj", "nmod")
            and via.head.i != via.i
            and via.dep_ != "pobj"
        ):
            via = via.head
        prep = via.head if via.dep_ == "pobj" else None
        if (
            prep is not None
            and prep.lower_ == "of"
            and prep.head.lemma_.lower() in PLACE_NOUNS
            and prep.head.dep_ == "pobj"
        ):
            prep = prep.head.head  # "in the northern province of Badakhshan"
        if (
            prep is not None
            and prep.head.i not in anchors
            and prep.lower_ in LOCATIVE
            and prep.head.dep_ == "pobj"
            and prep.head.head.lower_ in ("at", "during", "on")
            and prep.head.head.head.i in anchors
        ):
            prep = prep.head.head  # "agreed … at their summit in Geneva"
        if m.i not in scope and not (prep is not None and trip_end(tok, prep)):
            continue
        if prep is not None and prep.head.i not in anchors:
            continue
        locative = prep is not None and (
            prep.lower_ in LOCATIVE
            or (prep.lower_ == "to" and event_type in DESTINATION)
            or trip_end(tok, prep)
        )
        direct = root.dep_ == "dobj" and root.head.i == tok.i
        if not (locative or direct):
            continue
        rank = PRECISION_RANK.get(m.as_place.precision, 0)
        if rank > best_rank:
            best, best_rank = m, rank
    return best


def trip_for(tok: Token) -> Token | None:
    """The travel verb an event noun is the purpose of: "traveled to Nashville … for
    talks with CoreCivic" (on the fresh real-news dev batch the talks were placed at the
    article's most named town, in another state)."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.dep_ == "prep":
        verb = tok.head.head
        if verb.lemma_.lower() in TRAVEL_VERBS:
            return verb
    return None


def trip_end(tok: Token, prep: Token) -> bool:
    """Is `prep` where the trip the event is the purpose of ends? "left for Washington to
    meet her counterparts" meets in Washington (real-news dev: the meeting was placed at
    the article's focus, Quebec, as "for" is no locative preposition); "traveled to
    Nashville for talks" talks in Nashville (`trip_for`)."""
    verb = trip_for(tok)
    if verb is not None and prep.lower_ == "to" and prep.head.i == verb.i:
        return True
    return (
        prep.lower_ in TRIP_END
        and tok.dep_ in ("advcl", "xcomp")
        and prep.head.i == tok.head.i
        and tok.head.lemma_.lower() in TRAVEL_VERBS
        and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children)
    )


def same_clause(ctx: Context, tok: Token, i: int) -> bool:
    """Is token i attached to tok without passing through another verb's clause?"""
    t = ctx.doc[i]
    for _ in range(12):
        if t.i == tok.i:
            return True
        if t.head.i == t.i:
            return False
        if t.pos_ in ("VERB", "AUX") and t.i != i and t.dep_ not in ("aux", "auxpass"):
            return False
        t = t.head
    return False


def relative_date(ctx: Context, tok: Token) -> Mention | None:
    """'…, coming two days after the United States vacated Bagram': Sunday minus two;
    'agreed on Monday …, a day after Belarus forced a jet to land': Monday minus one."""
    from datetime import timedelta

    from ..mentions import Mention as _M
    from ..mentions.dates import first_number
    from ..mentions.payloads import DatePayload

    t = tok
    for _ in range(3):
        if t.dep_ in ("pcomp", "pobj") and t.head.lower_ in ("after", "before"):
            prep = t.head  # "two days after the United States vacated"
            span = [c for c in prep.children if c.dep_ == "npadvmod"]
            span += [c for c in prep.head.children if c.dep_ == "npadvmod" and c.i < prep.i]
            region = (prep.i, prep.right_edge.i)
        else:
            mark = [c for c in t.children if c.dep_ == "mark" and c.lower_ in ("after", "before")]
            if not mark:
                t = t.head
                continue
            prep = mark[0]  # "a day after Belarus forced": the clause is marked
            span = [c for c in t.children if c.dep_ == "npadvmod" and c.i < prep.i]
            region = (min([prep.i, *[c.left_edge.i for c in span]]), t.right_edge.i)
        for unit in span:
            n = first_number([c.lower_ for c in unit.children if c.dep_ == "nummod"])
            if n is None and any(
                c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in unit.children
            ):
                n = 1
            days = {"day": 1, "week": 7}.get(unit.lemma_.lower())
            if n is None or days is None:
                continue
            outside = [
                m
                for m in ctx.in_sentence("date", tok)
                if m.as_date.precision == "day" and not (region[0] <= m.i <= region[1])
            ]
            if not outside:
                return None
            base = date.fromisoformat(outside[0].as_date.value)
            sign = -1 if prep.lower_ == "after" else 1
            value = base + timedelta(days=sign * n * days)
            o = outside[0]
            return _M(
                "date",
                o.text,
                o.start,
                o.end,
                o.sent,
                o.i,
                o.j,
                DatePayload(value.isoformat(), "day", True),
            )
        t = t.head
    return None


def day_told_before(ctx: Context, tok: Token, scope: set[int]) -> Mention | None:
    """ "The following day", "a day later", "the same day", "the day before" in the act's
    clause: a day counted from the last day the text named before it, in its sentence or
    the paragraph's sentences before ("At the NATO summit on March 5, the alliance agreed
    … The following day, Clinton met Lavrov": March 6; on the fresh real-news dev batch
    the meeting was dated to the lead's day). Not "the day before the traffic stop",
    which counts from an act; none when no day was named before."""
    doc = ctx.doc
    for i in sorted(scope):
        day = doc[i]
        if day.lower_ != "day" or not same_clause(ctx, tok, i):
            continue
        if any(
            c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children) for c in day.children
        ):
            continue  # "the day before the routine traffic stop"
        words = {c.lower_ for c in day.children}
        shift = (
            1
            if words & DAY_AFTER
            else -1
            if words & DAY_BEFORE
            else 0
            if words & DAY_SAME
            else None
        )
        if shift is None:
            continue
        told = [
            m
            for m in ctx.in_sentence("date", tok)
            if m.j <= day.left_edge.i and m.as_date.precision == "day"
        ]
        told = sorted(told, key=lambda m: -m.i) or [
            m for m in ctx.before_in_paragraph("date", tok) if m.as_date.precision == "day"
        ]
        if not told:
            return None
        value = date.fromisoformat(told[0].as_date.value[:10]) + timedelta(days=shift)
        payload = DatePayload(value.isoformat(), "day", True)
        return ctx.span_mention("date", day.left_edge.i, day.i + 1, payload)
    return None


def pick_date(ctx: Context, tok: Token, scope: set[int]) -> Mention | None:
    shifted = relative_date(ctx, tok)
    if shifted is not None:
        return shifted
    dates = ctx.in_sentence("date", tok)
    inside = [m for m in dates if m.i in scope and same_clause(ctx, tok, m.i)]
    if inside:
        return min(inside, key=lambda m: abs(m.i - tok.i))
    counted = day_told_before(ctx, tok, scope)
    if counted is not None:
        return counted
    # "Tajikistan's president on Monday ordered…": the parser hangs the date on the subject.
    verbs = [tok, tok.head] if tok.dep_ in ("dobj", "xcomp") else [tok]  # "ordered the…"
    subjects = {c.i for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass")}
    for m in dates:
        t = ctx.doc[m.i]
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.i in subjects:
            return m
    # A date heading the sentence ("On Sunday, …") belongs to its main clause.
    root = tok.sent.root
    for m in dates:
        t = ctx.doc[m.i]
        while t.head.i != t.i and t.dep_ not in ("npadvmod", "pobj", "prep"):
            t = t.head
        heads_main = t.head.i == root.i or (t.dep_ == "pobj" and t.head.head.i == root.i)
        if heads_main and (tok.i == root.i or tok.head.i == root.i):
            return m
    return None


def pick_quantity(
    ctx: Context,
    tok: Token,
    scope: set[int],
    actor: Mention | None,
    recipient: Mention | None,
    event_type: str = "",
) -> Mention | None:
    """The event's number: the nearest figure with a unit in its clause or beside its
    parties; a money figure only for types that count money (COUNTS_MONEY)."""
    subject = tok
    while subject.dep_ == "pobj" and subject.head.lower_ == "of":
        subject = subject.head.head  # "Three days of intense fighting … ended"
    if subject.dep_ == "nsubj" and subject.head.lemma_.lower() in RESULT_VERBS:
        # "fighting … ended Saturday with five officers and about a dozen militants left
        # dead", "the clashes left 12 people dead": the toll is told on the verb
        scope = scope | {t.i for t in subject.head.subtree}
    qs = [
        m
        for m in ctx.in_sentence("quantity", tok)
        if m.i in scope
        or (actor is not None and actor.i - 3 <= m.i < actor.j)
        or (recipient is not None and recipient.i - 3 <= m.i < recipient.j)
    ]
    # "arrested 14 in the Cottonport area", "The U.S. has expelled 60 diplomats, Ukraine
    # has expelled 13": a bare figure the act takes as its object counts what it acts on,
    # before any counted noun of the clause ("18 warrants") or beside its parties ("60")
    bare = [m for m in qs if not m.as_quantity.unit and object_of(tok, tok.doc[m.j - 1])]
    if bare and event_type in COUNTS_RECIPIENTS:
        return replace(bare[0], payload=replace(bare[0].as_quantity, unit="people"))
    if bare:
        return bare[0]
    qs = [m for m in qs if m.as_quantity.unit]
    if event_type in COUNTS_RECIPIENTS and actor is not None:
        # "Four of the officers then fired a total of 10 rounds": the act counts whom it
        # hits, not how many do it
        qs = [m for m in qs if not (actor.i - 3 <= m.i < actor.j) or in_party(m, recipient)]
    if event_type not in COUNTS_MONEY:
        qs = [m for m in qs if m.as_quantity.unit not in CURRENCY_CODES]
    qs = [m for m in qs if m.as_quantity.unit not in LENGTHS or governs(tok, tok.doc[m.j - 1])]
    if not qs:
        return None
    best = min(qs, key=lambda m: abs(m.i - tok.i))
    if event_type in COUNTS_RECIPIENTS:
        return summed(ctx, best) or best
    return best


def in_party(m: Mention, party: Mention | None) -> bool:
    """Does the figure stand in (or just before) the party's words?"""
    return party is not None and party.i - 3 <= m.i < party.j


def object_of(tok: Token, t: Token) -> bool:
    """Is `t` the act's object or passive subject ("arrested 14", "14 were arrested")?"""
    return t.head.i == tok.i and t.dep_ in ("dobj", "nsubjpass")


def summed(ctx: Context, m: Mention) -> Mention | None:
    """The total of a figure's coordinated groups, for acts that count who they act on:
    "Two Abkhaz servicemen and one local resident were injured" is 3, "the two inmates
    and their female accomplice" 3. Each other group counts by its own figure, a singular
    noun or a name as one; None (keep the figure) when a group has no count ("two
    soldiers and civilians") or the figure counts nothing it is joined to."""
    from ..mentions.quantities import parse_figure

    doc = ctx.doc
    root = doc[m.j - 1]
    if root.dep_ != "nummod" or root.head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = root.head
    others = [c for c in noun.conjuncts if c.pos_ in ("NOUN", "PROPN")]
    if not others or any(t.i not in ctx.actor_at for t in (noun, *others)):
        return None  # "three counts of fraud and one count of perjury": not who is acted on
    q = m.as_quantity
    total, about = q.value, q.qualifier != "exact"
    for c in others:
        nums = [t for t in c.children if t.dep_ == "nummod"]
        if nums:
            fig = parse_figure(doc[nums[0].left_edge.i : nums[0].i + 1].text)
            if fig is None:
                return None
            total += fig.value
            about = about or fig.qualifier != "exact"
        elif c.tag_ in ("NN", "NNP"):
            total += 1
        else:
            return None
    group = [noun, *others]
    i = min(min(t.left_edge.i for t in group), m.i)
    j = max(t.i for t in group) + 1
    qualifier = "about" if about else "exact"
    payload = replace(
        q, value=float(total), qualifier=qualifier, unit="people", low=None, high=None
    )
    return ctx.span_mention("quantity", i, j, payload)


# Units of a penalty's length ("sentenced to six years"): the number of the act that
# imposes it, not of acts joined to it ("arrested him … and a court sentenced him to
# 30 days": 30 is not the arrest's number).
LENGTHS = {"years", "months", "weeks", "days"}


def governs(tok: Token, t: Token) -> bool:
    """Does `tok` head `t`, not through a verb joined to it by "and" that has its own
    subject ("found her guilty and sentenced her to 24 years" is one court's act)?"""
    for _ in range(8):
        if t.i == tok.i:
            return True
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        if (t.dep_ == "conj" and own_subject) or t.head.i == t.i:
            return False
        t = t.head
    return False


def pick_attribution(ctx: Context, tok: Token) -> Mention | None:
    start = ctx.raw(tok.idx, tok.idx + len(tok))[0]
    inside = [
        m
        for m in ctx.by_kind.get("attribution", [])
        if m.as_attribution.clause_start <= start < m.as_attribution.clause_end
    ]
    if not inside:
        return None
    inside.sort(key=lambda m: m.as_attribution.clause_end - m.as_attribution.clause_start)
    best = inside[0]
    for outer in inside[1:]:
        # "The TTC said it could not comment but noted it had announced an inquiry": an
        # "it" standing for the source of an attribution around it is that one, which
        # names the source in words
        a, o = best.as_attribution, outer.as_attribution
        if a.source.refers_to is None or a.source.refers_to != o.source.text:
            break
        if not o.clause_start <= a.source_start < o.clause_end:
            break
        best = outer
    return best


@cache
def seat_place(iso3: str) -> Place | None:
    """A country's capital as a place (the lexicon's capital names for it, GeoNames' with
    the news's spellings; their most populous town in the country): where its
    government sits."""
    from ..mentions.gazetteer import load_gazetteer
    from ..mentions.lexicon import load_lexicon

    names = [n for n, iso in load_lexicon().capitals.items() if iso == iso3]
    towns = [
        p
        for name in names
        for p in load_gazetteer().lookup(name)
        if p.country == iso3 and p.precision == "point" and p.lat is not None
    ]
    if not towns:
        return None
    t = max(towns, key=lambda p: p.population)
    return Place(t.name, t.name, iso3, t.admin1, t.lat, t.lon, t.geonameid, t.precision)
