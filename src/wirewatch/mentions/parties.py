"""What the words around a party say about it: its title, sector and country, the
dictionary's holder of its office, the country of a pronoun's or a sentence's party."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from ..sectors import Sector
from .ids import PEOPLE, role_id
from .lexicon import Entry
from .lookups import Lookups, proper_runs
from .payloads import ActorPayload
from .records import doc_ents
from .vocab import CHAMBER_NAMES, ORIGIN_PREPS, PARTY_NOUNS, SOURCE_NOUNS, TITLE_WORDS, WEAK_NOUNS

if TYPE_CHECKING:
    from collections.abc import Mapping

    from spacy.tokens import Doc, Span, Token

    from .records import Party


# The dashes that join the parts of one word ("President-General", "rebel-held").
HYPHENS = frozenset({"-", "–"})


def from_entry(entry: Entry, pub: date | None, base: ActorPayload | None = None) -> ActorPayload:
    """A dictionary entry as it stood on the day (over what `base` says beside)."""
    country, org, sector, title = entry.at(pub)
    return replace(
        base or ActorPayload(),
        name=entry.name,
        country=country,
        sector=sector,
        org=org,
        title=title,
        has_title=True,
        entity=entry.id,
        type=entry.kind,
    )


class Description(NamedTuple):
    """What a party's own words say of it."""

    country: str | None
    sector: str | None
    title: str | None


def with_title(lk: Lookups, doc: Doc, span: Span) -> Span:
    """Extend a name leftwards over its title: "Tajik President Emomali Rakhmon"."""
    start = span.start
    k = start - 1
    while k >= 0 and start - k <= 5:
        t = doc[k]
        if t.tag_ in ("NNS", "NNPS") and not lk.lex.demonym(t.text):
            break
        if t.pos_ in ("PROPN", "NOUN", "ADJ") and (
            t.ent_type_ not in ("PERSON", "DATE", "CARDINAL")
            or lk.lex.demonym(t.text)
            or lk.country_name(t.text)  # the small model's "Nepal" PERSON
        ):
            start = k
            k -= 1
        elif t.tag_ == "POS" and k > 0:
            k -= 1
        else:
            break
    while start < span.start and doc[start].pos_ == "ADJ" and not (lk.lex.demonym(doc[start].text)):
        # "former" goes, "prime" of "prime minister" and "foreign" of "foreign
        # minister" stay: they begin the title.
        _, phrase = lk.sector_of(list(doc[start : span.start]))
        if phrase and phrase.split()[0] == doc[start].lower_:
            break
        start += 1
    return doc[start : span.end]


def appos(ent: Span) -> list[Token]:
    """The words of a name's apposition ("X, the Tajik foreign minister") and of its
    "of"/"from" country ("Shavkat Mirziyoyev of Uzbekistan")."""
    out: list[Token] = []
    for child in ent.root.children:
        if child.dep_ == "appos":
            out += [
                t
                for t in child.subtree
                if not t.is_punct and t.dep_ != "prep" and t.head.lower_ != "from"
            ]
            out += [t for t in child.subtree if t.head.lower_ == "from"]
    for child in ent.root.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            out += [t for t in child.subtree if t.ent_type_ in ("GPE", "NORP")]
    head = ent.root.head
    if ent.root.dep_ == "appos" and head.i < ent.start and head.pos_ in ("NOUN", "PROPN"):
        # The name is the apposition: "The Deputy National Publicity Secretary of the
        # ruling party, Comrade Timi Frank, …" — the title phrase's own words, not those
        # of its "of" phrase (a party named there is whom the title serves).
        out += [
            t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod") or t.text in HYPHENS
        ] + [head]
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                out += [t for t in child.subtree if t.ent_type_ in ("GPE", "NORP")]
    return out


def describe(
    lk: Lookups, words: list[Token], placed: Mapping[int, str] | None = None
) -> Description:
    """Sector, title and country from a party's own words. A capital's name counts for
    its country unless the article's places put that word elsewhere (`placed`: "Ashley
    L. Evans, 20, of Paris" in a report from Edgar County, Illinois)."""
    sector, phrase = None, None
    # The title is the longest party phrase that ends on a noun of the words.
    # Not the first part of a hyphenated title ("President" of "President-General").
    nouns = [
        k
        for k, t in enumerate(words)
        if t.pos_ in ("NOUN", "PROPN") and not (k + 1 < len(words) and words[k + 1].text in HYPHENS)
    ]
    for k in reversed(nouns):
        sector, phrase = lk.sector_of(words[: k + 1])
        if sector:
            break
    country = lk.country_of(words)
    if country is None:
        for t in words:
            if t.ent_type_ == "GPE" and lk.capital(t.text):
                country = (placed or {}).get(t.i) or lk.capital(t.text)
                break
            # "a parliamentarian from Badakhshan": a province or district says where.
            if t.ent_type_ in ("GPE", "LOC") and t.head.lower_ == "from":
                regions = {
                    p.country
                    for p in lk.gaz.lookup(t.text)
                    if p.feature in ("province", "district", "region")
                }
                if len(regions) == 1:
                    country = regions.pop()
                    break
    if sector is not None:
        sector = party_side(
            lk, [t for t in words if t.lower_ not in (phrase or "").split()], sector
        )
    return Description(country, sector, phrase)


def holder_link(lk: Lookups, info: ActorPayload, pub: date | None) -> ActorPayload | None:
    """The party with the one person the dictionary has in the title's office on the
    day filled in; None when the dictionary has no one."""
    title = info.title
    if title in TITLE_WORDS and info.country:
        holder = lk.lex.holder(title, info.country, pub)
        if holder is not None:
            return from_entry(holder, pub, info)
    return None


def chunk_party(
    lk: Lookups, doc: Doc, chunk: Span, pub: date | None, earlier: list[Party]
) -> ActorPayload | None:
    """A noun phrase headed by a party noun ("Afghan security forces", "its border guard
    service"), described, or None when its head names no party."""
    root = chunk.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    words = [
        t
        for t in chunk
        if t.i <= root.i
        and t.dep_ not in ("det", "nummod")
        and t.pos_ not in ("NUM", "DET")
        and (not t.is_punct or t.text in HYPHENS)  # "President-General" is one word
    ]
    sector, phrase = lk.sector_of(words)
    if sector is None:
        return None
    lemma = root.lemma_.lower()
    modifiers = [t for t in words if t.i < root.i]
    sector = _non_state_side(lk, modifiers, sector)
    sector = party_side(lk, modifiers + owners(root), sector)
    owned = any(c.dep_ == "poss" for c in root.children)  # "Abbas's office"
    if lemma in WEAK_NOUNS and not modifiers and not owned and root.tag_ not in ("NNS", "NNPS"):
        return None
    if lemma == "people" and not modifiers:
        return ActorPayload(sector=Sector.CVL.value, title=phrase, entity=PEOPLE)
    country = describe(lk, words).country
    office_of = None
    if country is None:
        country = _prep_country(lk, root)
    poss = [t for t in chunk if t.dep_ == "poss" and t.pos_ == "PRON"]
    if country is None and poss:
        if poss[0].lower_ in ("his", "her"):
            person = sentence_person(chunk, earlier)
            country = person.country if person else None
            if person and lemma == "office":
                office_of = person.name
        if country is None:
            country = antecedent_country(lk, doc, chunk, earlier)
    if country is None and lemma in SOURCE_NOUNS:
        country = sentence_country(lk, chunk)
    info = ActorPayload(country=country, sector=sector, title=phrase, office_of=office_of)
    linked = holder_link(lk, info, pub)
    if linked is not None:
        return linked
    return replace(info, entity=role_id(country, sector, phrase))


# A state's own kinds of party, and the kinds a modifier can put on the other side.
STATE_KINDS = {Sector.GOV.value, Sector.MIL.value, Sector.COP.value, Sector.LEG.value}
OTHER_SIDE = {Sector.REB.value, Sector.INS.value}


def _non_state_side(lk: Lookups, modifiers: list[Token], sector: str) -> str:
    """A state's kind of office held on the rebels' side is the rebels: "separatist
    officials", "rebel commanders", "militant spokesmen" (on the fresh real-news dev
    batch "Separatist officials accuse Georgia" was coded a government). Not "anti-rebel
    forces" (a word after a hyphen is part of another word), nor "Georgian and
    separatist officials" (both sides)."""
    if sector not in STATE_KINDS:
        return sector
    for k, t in enumerate(modifiers):
        if k > 0 and modifiers[k - 1].text in HYPHENS:
            continue
        if k + 1 < len(modifiers) and modifiers[k + 1].text in HYPHENS:
            continue  # "rebel-held"
        if t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children):
            continue  # "Georgian and separatist officials": both sides
        side, _ = lk.sector_of([t])
        if side in OTHER_SIDE:
            return side
    return sector


def owners(root: Token) -> list[Token]:
    """The words of whom a title serves: its possessor ("the party's leader") and its
    "of" phrase ("the president of the SDS Party")."""
    out: list[Token] = []
    for child in root.children:
        if child.dep_ == "poss":
            out += list(child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "of":
            out += [t for t in child.subtree if t is not child]
    return out


def party_side(lk: Lookups, words: list[Token], sector: str) -> str:
    """An office word a political party or a legislature owns is that body's: "Pribumi
    party official", "Democratic Party leaders", "the president of the SDS Party" speak
    for a party out of power (on the real-news dev split such people were coded the
    opposition, a ruling party's spokesman the government); "House leadership
    spokesman", "the Duma ethics committee", "a Senate aide" for the legislature. A party
    phrase with its own side in the sectors list ("ruling party", "opposition party")
    gives that side."""
    if sector != Sector.GOV.value:
        return sector
    for t in words:
        party = t.lemma_.lower() in PARTY_NOUNS or t.lower_ in PARTY_NOUNS
        chamber = t.text in CHAMBER_NAMES
        if not party and not chamber:
            if lk.sector_of([t])[0] == Sector.LEG.value:
                return Sector.LEG.value
            continue
        # The words just before the party noun name it ("ruling party"), whichever
        # word the parser hung them on ("A ruling party spokesman": on "spokesman").
        own = [t]
        while own[0].i > 0 and own[0].nbor(-1).pos_ in ("ADJ", "VERB", "NOUN", "PROPN"):
            own.insert(0, own[0].nbor(-1))
        side, _ = lk.sector_of(own)
        return side or (Sector.OPP.value if party else Sector.LEG.value)
    return sector


def _prep_country(lk: Lookups, root: Token) -> str | None:
    """The country of "police in Myanmar", "the army of Sudan", "officials from Kabul"."""
    country = None
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in ORIGIN_PREPS:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                country = lk.country_name(pobj.text) or lk.capital(pobj.text)
                if country:
                    break
    return country


def antecedent_country(lk: Lookups, doc: Doc, chunk: Span, earlier: list[Party]) -> str | None:
    """'its border guard service': the country of the nearest earlier party or country
    in this sentence, then in the one before."""
    sent_start = chunk.sent.start
    prev_start = doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
    best = None
    for ent in [*doc_ents(doc), *proper_runs(doc)]:
        if ent.end > chunk.start or ent.start < prev_start:
            continue
        if ent.label_ in ("GPE", "NORP", "ORG", ""):
            iso = lk.lex.demonym(ent.text) or lk.country_name(ent.text)
            if iso:
                best = (ent.start, iso)
    for span, info in earlier:
        if (
            prev_start <= span.start < chunk.start
            and info.country
            and (best is None or span.start > best[0])
        ):
            best = (span.start, info.country)
    return best[1] if best else None


def sentence_person(chunk: Span, earlier: list[Party]) -> ActorPayload | None:
    """'his office': the person who is the subject of this or the previous sentence."""
    doc = chunk.doc
    sent = chunk.sent
    prev = doc[sent.start - 1].sent if sent.start > 0 else sent
    for window in (sent, prev):
        for span, info in earlier:
            if not (window.start <= span.start < window.end) or not info.name:
                continue
            if span.root.dep_ in ("nsubj", "nsubjpass") or any(
                t.dep_ in ("nsubj", "nsubjpass") for t in span
            ):
                return info
    return None


def sentence_country(lk: Lookups, chunk: Span) -> str | None:
    """'Tajikistan is looking into…, government sources told Reuters': the country
    that is the subject of the sentence."""
    # Only the words before the chunk (a 10,000-word "sentence" asked this of each chunk).
    for t in chunk.doc[chunk.sent.start : chunk.start]:
        if t.dep_ in ("nsubj", "nsubjpass") and t.ent_type_ in ("GPE", "NORP"):
            return lk.country_name(t.text) or lk.lex.demonym(t.text)
    return None


def person_named(text: str, cands: list[Party]) -> ActorPayload | None:
    """The one person already found whose name has `text` as a word ("Khan" for
    "Imran Khan", "Wang" for "Wang Yi"); None when there is none or more than one."""
    word = text.strip()
    if " " in word or len(word) < 3:
        return None
    found = {
        info.entity: info
        for _, info in cands
        if info.type == "person" and info.name and word in info.name.split() and info.name != word
    }
    return next(iter(found.values())) if len(found) == 1 else None
