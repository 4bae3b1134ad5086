"""Coreference: mentions that stand for a party named elsewhere. An unnamed office-holder
("the minister") is the person named earlier who holds the office; "he"/"she" the person
of this sentence or the one before; police, troops or judges with no country the country
of an earlier mention of their kind, or of the dateline; "I"/"we" in a quotation its
speaker."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..sectors import Sector
from .attributions import claims
from .ids import PEOPLE, ownerless, with_owner
from .lexicon import SECTORS, office
from .records import Mention, per_parse, raw_span, sentence_index
from .text import fold
from .vocab import (
    ANAPHORIC_DETS,
    DEFINITE_DETS,
    NOT_THE_HOLDER,
    ORG_NAME_WORDS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..ingest.article import Article

# Sectors that are a country's own people when the text names no country.
HOME_SECTORS = {Sector.COP, Sector.MIL, Sector.JUD, Sector.CVL, Sector.OPP, Sector.LEG}
# Sectors of a state's own servants.
STATE_SECTORS = {Sector.GOV, Sector.MIL, Sector.COP, Sector.JUD, Sector.LEG}
# How many sentences back "he" or "she" may reach when only one person is in play.
PRONOUN_REACH = 4


def is_person(doc: Doc, m: Mention) -> bool:
    """One human being: a named person, or one holder of a role ("the minister")."""
    a = m.as_actor
    if a.type == "person":
        return not named_as_org(doc, m)
    if a.name or a.type == "group" or a.entity == PEOPLE:
        return False
    if a.sector not in SECTORS or m.j <= m.i:
        return False
    head = doc[m.j - 1]
    words = str(a.title or "").split()
    return (
        head.tag_ not in ("NNS", "NNPS")
        and head.lower_ not in PERSON_PRONOUNS
        and bool(words)
        and words[-1] in PERSON_NOUNS
    )


def named_as_org(doc: Doc, m: Mention) -> bool:
    """A name the small NER took for a person's that the text marks as a body's: it
    holds an organisation or publication word ("Gazeta", "Air Zim"), or it is followed by
    one anywhere in the text ("KBR Inc." … "KBR"). "He"/"she" is never such a body. (An
    acronym is no sign: "AMLO" is a person; nor is "of" after a title: "Secretary of
    Commerce Gary Locke".)"""
    if m.j <= m.i or m.i < 0:
        return False
    span = doc[m.i : m.j]
    if any(t.lower_.rstrip(".") in ORG_NAME_WORDS for t in span if t.is_title or t.is_upper):
        return True
    return doc[m.j - 1].text in _org_marked(doc)


def _org_marked(doc: Doc) -> frozenset[str]:
    """The words the text follows somewhere by an organisation or publication word
    ("KBR" in "KBR Inc."), found once per parse: `is_person` asks for every pair of a
    pronoun and a candidate, and scanning the text each time cost the pipeline's speed."""
    return per_parse(
        doc,
        "_ww_org_marked",
        lambda d: frozenset(
            t.text for t in d[:-1] if d[t.i + 1].lower_.rstrip(".") in ORG_NAME_WORDS
        ),
    )


def definite(doc: Doc, m: Mention) -> bool:
    """'the minister', 'this official', 'Ghana's president' point at someone known;
    'a minister' does not."""
    before = doc[m.i - 1].lower_ if m.i > 0 else ""
    first = doc[m.i].lower_
    return (
        before in DEFINITE_DETS
        or first in DEFINITE_DETS
        or any(t.tag_ == "POS" or t.dep_ == "poss" for t in doc[max(m.i - 1, 0) : m.j])
    )


def same_office(title: str, held: str) -> bool:
    """Whether a title in the text names the office a person holds: equal after synonyms
    ("defense secretary" = "defence minister"), or a bare "minister" / "secretary" for
    any minister or secretary but the head of government."""
    want, got = office(title), office(held)
    if not got:
        return False
    if want == got:
        return True
    if want == "minister":
        return got.endswith(" minister") and got != "prime minister"
    if want == "secretary":
        return fold(held).endswith("secretary") and "general" not in fold(held)
    return False


def link_titles(doc: Doc, actors: list[Mention]) -> None:
    """'The new foreign secretary', 'the president', 'Ghana's president', 'the
    minister': an unnamed person in an office is the person named earlier in the
    article who holds it (by the dictionary on the day, or by their own title), when
    only one does, or when the nearest one is in this sentence or the one before."""
    for k, m in enumerate(actors):
        d = m.as_actor
        title = str(d.title or "")
        if d.name or not title or not is_person(doc, m) or not definite(doc, m):
            continue
        if any(t.lower_ in NOT_THE_HOLDER for t in doc[max(m.i - 2, 0) : m.j]):
            _link_former(doc, actors, k)
            continue
        cands = [
            p
            for p in actors[:k]
            if p.as_actor.type == "person"
            and p.as_actor.name
            and same_office(title, str(p.as_actor.title or ""))
            and (not d.country or not p.as_actor.country or p.as_actor.country == d.country)
        ]
        if not cands:
            continue
        entities = {p.as_actor.entity for p in cands}
        ref = cands[-1]
        if len(entities) > 1:
            near = {p.as_actor.entity for p in cands if m.sent - p.sent <= 1}
            if near != {ref.as_actor.entity}:
                continue
        m.payload = replace(ref.as_actor, refers_to=(ref.start, ref.end))


def _link_former(doc: Doc, actors: list[Mention], k: int) -> None:
    """'The former President' is not the one in office but the person the article
    introduced so ("South Africa's ex-President Jacob Zuma" … "The former President is
    charged"): an earlier named person whose own words call them a former holder of
    that office, when only one does."""
    m = actors[k]
    want = office(str(m.as_actor.title or ""))
    if not want or not definite(doc, m):
        return
    cands = {}
    for p in actors[:k]:
        a = p.as_actor
        if a.type != "person" or not a.name or p.i < 0:
            continue
        words = {t.lower_.strip("-") for t in doc[max(p.i - 1, 0) : p.j]}
        if words & NOT_THE_HOLDER and want in fold(doc[p.i : p.j].text):
            cands[a.entity] = p
    if len(cands) == 1:
        (ref,) = cands.values()
        m.payload = replace(ref.as_actor, refers_to=(ref.start, ref.end))


def pronouns(article: Article, doc: Doc, actors: list[Mention]) -> list[Mention]:
    """'he'/'she' as a subject: the person or office-holder of this sentence or the one
    before (a subject first), else the one person named in the sentences before that."""
    out: list[Mention] = []
    # Whether each party is one person, and a subject, asked once per party, not once
    # per pronoun after it (a party's payload does not change in this pass).
    person: dict[int, bool] = {}
    subject: dict[int, bool] = {}
    for tok in doc:
        if tok.lower_ not in PERSON_PRONOUNS or tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        sent = sentence_index(doc, tok.i)
        people = []
        for m in [*actors, *out]:
            if m.i >= tok.i:
                continue
            one = person.get(id(m))
            if one is None:
                one = person[id(m)] = is_person(doc, m) or doc[m.j - 1].lower_ in PERSON_PRONOUNS
            if one:
                people.append(m)
        window = [m for m in people if m.sent in (sent, sent - 1)]
        for m in window:
            if id(m) not in subject:
                subject[id(m)] = any(doc[k].dep_ in ("nsubj", "nsubjpass") for k in range(m.i, m.j))
        subjects = [m for m in window if subject[id(m)]]
        # A subject named before it in its own sentence first, the nearest ("Alaska Gov.
        # Sarah Palin said she would reject…" is Palin, not the "He" of the sentence
        # before); else the last found, a pronoun chain going on.
        own = [m for m in subjects if m.sent == sent and doc[m.j - 1].lower_ not in PERSON_PRONOUNS]
        pick = [max(own, key=lambda m: m.i)] if own else (subjects or window)[-1:]
        if not pick:
            # Further back only when one person is in play: "Cameron said … The new
            # foreign secretary said … He has no seat …"
            recent = {
                m.as_actor.entity: m
                for m in people
                if sent - PRONOUN_REACH <= m.sent < sent - 1 and m.as_actor.entity
            }
            pick = list(recent.values()) if len(recent) == 1 else []
        if not pick:
            continue
        ref = pick[-1]
        payload = replace(ref.as_actor, refers_to=(ref.start, ref.end))
        s, e = raw_span(article, tok.idx, tok.idx + len(tok))
        out.append(Mention("actor", article.raw[s:e], s, e, sent, tok.i, tok.i + 1, payload))
    return out + first_person(article, doc, [*actors, *out])


# Quotation marks, opening and closing alike (typewriter pairs '' and `` too).
QUOTES = frozenset(['"', "“", "”", "''", "``"])


def first_person(article: Article, doc: Doc, actors: list[Mention]) -> list[Mention]:
    """'I'/'we' as a subject in a quotation: the quotation's speaker ("'I'll say no,'
    she tweeted. 'As Commander of Oregon's Guard, I'm deeply troubled …'", "'We are
    not rejecting to cooperate …,' Burjanadze said"). The speaker is the source of a
    speech verb of the sentence whose clause holds the pronoun, else, for a sentence
    that opens a quotation, of the sentence before, when that source is a party found.
    On the real-news dev split P/R/F1 .668/.578/.620 -> .667/.582/.622 (a refusal
    "'We are not rejecting …,' Burjanadze said" found; before, such clauses had no
    actor and were dropped, or took the speaker as their recipient)."""
    said = [(whole, clause, src) for src, whole, clause, _ in claims(doc)]
    out: list[Mention] = []
    for tok in doc:
        if tok.lower_ not in ("i", "we") or tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        src = _speaker_of(doc, tok, said)
        ref = _party_at(src, actors) if src is not None else None
        if ref is None:
            continue
        payload = replace(ref.as_actor, refers_to=(ref.start, ref.end))
        s, e = raw_span(article, tok.idx, tok.idx + len(tok))
        sent = sentence_index(doc, tok.i)
        out.append(Mention("actor", article.raw[s:e], s, e, sent, tok.i, tok.i + 1, payload))
    return out


def _speaker_of(doc: Doc, tok: Token, said: list[tuple[Span, Span, Span]]) -> Span | None:
    """The source of the claim whose quoted clause holds `tok` (see `first_person`)."""
    sent = tok.sent
    quoted = any(t.text in QUOTES for t in doc[sent.start : tok.i])
    here = [src for whole, clause, src in said if clause.start <= tok.i < clause.end]
    if here and quoted:
        return here[0]
    if here or not _opens_quote(doc, sent):
        return None
    prev = doc[sent.start - 1].sent
    # A claim whose source is itself "I"/"we" is a quotation inside the quotation.
    before = [
        src
        for whole, _, src in said
        if prev.start <= whole.start < prev.end and src.root.lower_ not in ("i", "we")
    ]
    return before[-1] if len(before) == 1 else None


def _opens_quote(doc: Doc, sent: Span) -> bool:
    """Does `sent` begin a quotation: its first token a quotation mark, or the one before
    it a mark set off before and joined after (the parser may leave the opening mark of
    "… said. ``I don't …" at the end of the sentence before)?"""
    if sent.start == 0:
        return False
    if doc[sent.start].text in QUOTES:
        return True
    mark = doc[sent.start - 1]
    return mark.text in QUOTES and not mark.whitespace_ and bool(doc[mark.i - 1].whitespace_)


def _party_at(src: Span, actors: list[Mention]) -> Mention | None:
    """The party a source names (its head's mention, else one inside it)."""
    if src.root.lower_ in ("i", "we"):
        return None
    return next((m for m in actors if m.i <= src.root.i < m.j), None) or next(
        (m for m in actors if src.start <= m.i < src.end), None
    )


def home_country(doc: Doc, actors: list[Mention], places: list[Mention]) -> None:
    """Police, troops, judges, crowds with no country named: those an earlier mention
    names ("Afghan troops fled … the soldiers"), else the dateline's country ("ALMATY —
    … police fired…"). Marked `country_from: antecedent` or `dateline`."""
    home = next((p.as_place.country for p in places if p.as_place.role == "dateline"), None)
    _stateless_officials(actors, home)
    for k, m in enumerate(actors):
        d = m.as_actor
        if not (d.country is None and d.org is None and d.sector in HOME_SECTORS and not d.name):
            continue
        country, origin = home, "dateline"
        ref = _same_kind_before(doc, actors, k)
        if ref is not None:
            country, origin = ref.as_actor.country, "antecedent"
        if country:
            entity = with_owner(d.entity, country) if ownerless(d.entity) else d.entity
            m.payload = replace(d, country=country, country_from=origin, entity=entity)


def _stateless_officials(actors: list[Mention], home: str | None) -> None:
    """An office-holder nobody gave a nationality ("Interior Minister Kithure Kindiki"
    under a NAIROBI dateline) serves the dateline's state; so do the mentions that stand
    for them ("the minister", "he")."""
    stateless = {
        a.entity
        for a in (m.as_actor for m in actors)
        if a.type == "person"
        and a.title
        and a.country is None
        and a.org is None
        and a.sector in STATE_SECTORS
    }
    for m in actors:
        a = m.as_actor
        if home and a.entity in stateless and a.country is None:
            m.payload = replace(a, country=home, country_from="dateline")


def _same_kind_before(doc: Doc, actors: list[Mention], k: int) -> Mention | None:
    """For 'the soldiers' (a definite phrase): the last earlier mention of the same noun
    with a country, else of the same sector close by (this sentence or the one before)."""
    m, d = actors[k], actors[k].as_actor
    if not (0 < m.i <= len(doc) and doc[m.i - 1].lower_ in ANAPHORIC_DETS):
        return None
    before = [
        a
        for a in actors[:k]
        if a.as_actor.country and a.as_actor.sector == d.sector and not a.as_actor.name
    ]
    same = [a for a in before if a.as_actor.title == d.title]
    here = sentence_index(doc, m.i)
    near = [a for a in before if here - sentence_index(doc, a.i) <= 1]
    # The same noun anywhere before; another noun of that kind only close by.
    return (same or near or [None])[-1]
