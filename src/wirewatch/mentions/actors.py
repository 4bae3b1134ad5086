"""Actor mentions: passes that each find one kind of party and add it to a shared scan,
in order, so that a later pass never takes words an earlier one took.

1. `dictionary_names` — names and aliases in the actor dictionary (with their titles);
2. `unknown_people` — PERSON names the dictionary lacks, coded from title and nationality;
3. `name_parts` — "Wang" after "Foreign Minister Wang Yi", when the NER left it alone;
4. `party_nouns` — noun phrases headed by a party noun ("Afghan security forces");
5. `acting_states` — countries and capitals acting ("Moscow said…"), and nations;
6. `acting_orgs` — organisations the dictionary does not know, when they act;
7. `context_sectors` — "officers" are police in a story of police, not soldiers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from ..sectors import Sector
from .ids import EntityId, org_id, people_id, person_id, role_id, state_id
from .lookups import Lookups, actor_position, proper_runs
from .parties import (
    HYPHENS,
    Description,
    appos,
    chunk_party,
    describe,
    from_entry,
    holder_link,
    person_named,
    with_title,
)
from .payloads import ActorPayload
from .records import Mention, doc_ents, mention
from .vocab import CHAMBER_NAMES, LONE_ARMED, MIL_OR_COP, NOT_THE_HOLDER, OUT_OF_OFFICE

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..ingest.article import Article
    from .lexicon import Entry
    from .records import Party

# Sectors of parties that are not a state's own institutions, and the sectors a noun for
# their members ("fighters", "militants", "gunmen") is given on its own.
NON_STATE = {Sector.INS, Sector.REB, Sector.OPP}
ARMED_MEMBERS = {Sector.INS, Sector.REB, Sector.MIL}


@dataclass
class Scan:
    """The parties found so far in one parse, and the words they (and places) took."""

    lk: Lookups
    doc: Doc
    pub: date | None
    place_tokens: set[int]
    cands: list[Party] = field(default_factory=list)
    # The country each resolved place word stands in ("Paris" in an Illinois court
    # report: the USA), which a capital's name alone would not say.
    placed: dict[int, str] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)

    def free(self, start: int, end: int) -> bool:
        """No word of the span is taken by a party or a place."""
        return not any(i in self.used or i in self.place_tokens for i in range(start, end))

    def add(self, span: Span, info: ActorPayload, start: int = -1) -> None:
        """A party over `span`; its words from `start` (the span's own start by default)
        are taken."""
        self.cands.append((span, info))
        self.used.update(range(span.start if start < 0 else start, span.end))


ActorPass = Callable[[Scan], None]

# Place roles whose words a party may take too.
SHARED_ROLES = ("metonymic", "embedded")


def find_actors(
    lk: Lookups,
    article: Article,
    doc: Doc,
    pub: date | None,
    places: list[Mention],
    passes: tuple[ActorPass, ...],
) -> list[Mention]:
    """The parties the passes find, as mentions in text order."""
    # A metonymic place ("Russia said") is also the state acting, and a place a body's name
    # opens ("Gainesville Police") is part of that name: their words stay free for the
    # party passes, which read the party.
    place_tokens = {
        i
        for m in places
        if m.i >= 0 and m.as_place.role not in SHARED_ROLES
        for i in range(m.i, m.j)
    }
    placed = {
        i: m.as_place.country
        for m in places
        if m.i >= 0 and m.as_place.country
        for i in range(m.i, m.j)
    }
    scan = Scan(lk, doc, pub, place_tokens, placed=placed)
    for step in passes:
        step(scan)
    scan.cands.sort(key=lambda c: c[0].start)
    return [mention(article, doc, span, info) for span, info in scan.cands]


def dictionary_names(scan: Scan) -> None:
    """Dictionary names and aliases; a short alias of a person only after the full name."""
    doc, lex = scan.doc, scan.lk.lex
    seen_full: set[str] = set()
    matches = sorted(scan.lk.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
    by_span: dict[tuple[int, int], list[Entry]] = {}
    for match_id, s, e in matches:
        by_span.setdefault((s, e), []).append(lex.entries[scan.lk.keys[match_id]])
    for (s, e), entries in by_span.items():
        if not scan.free(s, e):
            continue
        entry = shared_alias_bearer(scan, s, entries)
        span = doc[s:e]
        if entry.kind == "person":
            if (
                lex.is_short_alias(span.text, entry)
                and entry.id not in seen_full
                and not _titled(doc, s, entry)
            ):
                continue
            if entry.id not in seen_full and other_bearer(doc, span, entry):
                continue
            seen_full.add(entry.id)
            span = with_title(scan.lk, doc, span)
        scan.add(span, from_entry(entry, scan.pub))


def _titled(doc: Doc, start: int, entry: Entry) -> bool:
    """Is a person's short alias led by the title of one of their own roles ("President
    Buhari also welcomed …", "Prime Minister Modi")? The title says which namesake it is
    as the full name would, so the alias is that person though the article never gave
    the full name."""
    if start == 0:
        return False
    before = doc[start - 1].lower_.rstrip(".")
    return any(r.title.split() and r.title.lower().split()[-1] == before for r in entry.roles)


def shared_alias_bearer(scan: Scan, start: int, entries: list[Entry]) -> Entry:
    """The bearer of an alias several dictionary entries share ("King Abdullah" was the
    king of Jordan and, until 2015, of Saudi Arabia): the one in office on the day, then
    the one whose country a word just before names ("Saudi King Abdullah"), then the one
    whose country the article's places name most; the dictionary's order last."""
    if len(entries) == 1:
        return entries[0]
    lex, doc = scan.lk.lex, scan.doc
    window = range(max(0, start - 3), start)
    before = {lex.demonym(doc[i].text) or scan.placed.get(i) for i in window} - {None}
    placed = Counter(scan.placed.values())

    def score(entry: Entry) -> tuple[bool, bool, int]:
        country = entry.at(scan.pub)[0]
        in_office = any(r.active(scan.pub) for r in entry.roles) if scan.pub else False
        return in_office, country in before, placed.get(country or "", 0)

    return max(entries, key=score)


def other_bearer(doc: Doc, span: Span, entry: Entry) -> bool:
    """Is a one-word alias of a dictionary person ("Johnson") the surname of someone else
    the article names in full ("Keith D. Johnson, 41, was arrested")? Then it is that
    person, not the dictionary's namesake (a British prime minister in an Illinois
    robbery report)."""
    if len(span) != 1:
        return False
    word = span[0].lower_
    names = {n.lower() for n in (entry.name, *entry.aliases)}
    return any(
        ent.label_ == "PERSON"
        and len(ent) > 1
        and ent[-1].lower_ == word
        and ent.text.lower() not in names
        for ent in doc_ents(doc)
    )


def unknown_people(scan: Scan) -> None:
    """People the dictionary does not know: titles and nationality say who they are."""
    doc, lk = scan.doc, scan.lk
    for ent in doc_ents(doc):
        if ent.label_ != "PERSON" or not scan.free(ent.start, ent.end):
            continue
        if lk.lex.demonym(ent.text) or lk.country_name(ent.text):
            continue
        if capital_named(lk, ent):
            continue  # "Tbilisi has denied": the state acts (`acting_states`)
        if len(ent) == 1 and ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN":
            continue  # "the Brexit referendum": a name that modifies a thing
        known = person_named(ent.text, scan.cands)
        if known is not None:
            scan.add(ent, known)  # "Khan" after "Prime Minister Imran Khan"
            continue
        span = with_title(lk, doc, ent)
        title = [t for t in doc[span.start : ent.start] if not t.is_punct]
        title = title or shared_title(doc, ent)
        said = own_title(lk, title, describe(lk, title + appos(ent), scan.placed), scan.placed)
        info = ActorPayload(
            name=ent.text,
            country=said.country,
            sector=said.sector,
            title=said.title,
            entity=person_id(ent.text),
            type="person",
        )
        before = {t.lower_ for t in doc[max(span.start - 2, 0) : ent.start]}
        if before & OUT_OF_OFFICE:
            info = replace(info, sector=None)  # out of office: the country stays, the sector goes
        elif not before & NOT_THE_HOLDER:
            # not for "the outgoing president X"
            info = holder_link(lk, info, scan.pub) or info
        scan.add(span, info)
    _named_later(scan)


def shared_title(doc: Doc, ent: Span) -> list[Token]:
    """A plural title before names joined by "and", which each holds: "Commissioners
    Stanley Thomas and John Pethel", "Defence Ministers Ngo Xuan Lich and Sergey Shoyu"
    (on the real-news dev split such people were coded civilians). The title's words,
    up to four, ending on the plural; none when the name has no such title."""
    first = ent.start
    root = ent.root
    if root.dep_ == "conj" and root.head.ent_type_ == "PERSON" and root.head.i < ent.start:
        first = root.head.i
        while first > 0 and doc[first - 1].ent_type_ == "PERSON" and not doc[first - 1].is_punct:
            first -= 1
    k = first - 1
    if k < 0 or doc[k].tag_ not in ("NNS", "NNPS"):
        return []
    start = k
    while start > 0 and first - start < 4 and doc[start - 1].pos_ in ("NOUN", "PROPN", "ADJ"):
        if doc[start - 1].ent_type_ == "PERSON":
            break
        start -= 1
    return list(doc[start:first])


def _named_later(scan: Scan) -> None:
    """A surname alone before the full name is given ("Sanford rejects aid after second
    rebuff", a headline, then "South Carolina Gov. Mark Sanford said…") is that person:
    the one person found whose name has it as a word, with the title and country the
    full mention gives."""
    for k, (span, info) in enumerate(scan.cands):
        if info.type != "person" or not info.name or " " in info.name:
            continue
        if info.sector or info.country:
            continue
        full = person_named(info.name, scan.cands)
        if full is not None:
            scan.cands[k] = (span, full)


def own_title(
    lk: Lookups, title: list[Token], said: Description, placed: dict[int, str]
) -> Description:
    """What the title just before a name says, over its apposition: "Sen. Ben Sasse,
    R-Neb., a frequent Trump critic" is a senator, not a critic ("Gen. Gene Renuart, the
    American officer who commands NORAD, the … alliance" a general). A place the title
    names gives the country of an office when no country word does ("South Carolina Gov.
    Mark Sanford", "Murmansk Governor Yury Yevdokimov": the USA, Russia), as the
    article's places resolve it."""
    own = describe(lk, title, placed) if title else None
    if own is not None and own.sector:
        said = Description(said.country, own.sector, own.title)
    if said.country is None and own is not None and own.sector:
        # only for an office: a place in another title is seldom a jurisdiction and
        # often misread ("Notre Dame's Jessica Shepard", "Porsche Carrera Cup champ")
        country = next((placed[t.i] for t in title if t.i in placed), None)
        if country is not None:
            said = said._replace(country=country)
    return said


def name_parts(scan: Scan) -> None:
    """Parts of names already seen that the NER did not label ("Wang urged…" after
    "Foreign Minister Wang Yi")."""
    doc = scan.doc
    for tok in doc:
        if tok.pos_ != "PROPN" or not scan.free(tok.i, tok.i + 1):
            continue
        if tok.ent_type_ not in ("", "PERSON", "ORG"):  # the small model: "Wang" ORG
            continue
        if (tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN") or (
            tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"
        ):
            continue  # part of a longer name
        known = person_named(tok.text, scan.cands)
        if known is not None and actor_position(tok):
            scan.add(doc[tok.i : tok.i + 1], known)


def party_nouns(scan: Scan) -> None:
    """Noun phrases headed by a party noun: "Afghan security forces", "its border guard
    service", "government sources", "the Tajik president's office"; after a named party,
    the party it acts for ("European Union leaders", "Taliban fighters")."""
    doc = scan.doc
    for whole in doc.noun_chunks:
        owned = _owned_chunk(scan, whole)
        if owned is None:
            continue
        chunk, owner = owned
        info = chunk_party(scan.lk, doc, chunk, scan.pub, scan.cands)
        if info is None:
            continue
        if owner is not None:
            info = _acting_for(info, owner)
        start = chunk.start
        while start < chunk.root.i and (
            doc[start].like_num
            or doc[start].pos_ in ("NUM", "DET")
            or doc[start].ent_type_ == "CARDINAL"
        ):
            start += 1
        scan.add(doc[start : chunk.end], info, start=chunk.start)


def _owned_chunk(scan: Scan, chunk: Span) -> tuple[Span, ActorPayload | None] | None:
    """(the words to describe, the named party they act for) of a noun phrase; None when
    a party already took its head. Only words taken by parties count, not places."""
    if not any(i in scan.used for i in range(chunk.start, chunk.end)):
        return chunk, None
    doc = scan.doc
    # "European Union leaders", "Taliban fighters": a named party modifies a party noun,
    # which acts for it.
    last = max(i for i in range(chunk.start, chunk.end) if i in scan.used)
    if last >= chunk.root.i or doc[last].head.i != chunk.root.i:
        return None
    owner = next((info for sp, info in scan.cands if sp.start <= last < sp.end), None)
    if owner is None:
        return None
    if doc[last].dep_ == "case" and doc[last].head.dep_ == "poss":
        last = doc[last].head.i  # the owner's name took its "'s" too
    if doc[last].dep_ not in ("compound", "amod", "nmod", "poss"):
        return None
    # "Abbas's office", "Putin's spokesman": a party noun a named party owns acts for it
    # (`chunk_party` takes only party nouns, so "China's trade practices" stays a thing)
    start = last + 1
    while start < chunk.root.i and doc[start].dep_ == "case":
        start += 1
    return doc[start : chunk.end], owner


def _acting_for(info: ActorPayload, owner: ActorPayload) -> ActorPayload:
    """A party noun after a named party: the group's own armed members are the group
    ("Taliban fighters", "Hamas gunmen"); others serve its country or organisation."""
    if owner.sector in NON_STATE and info.sector in ARMED_MEMBERS:
        return owner
    if info.country is None and info.org is None:
        return replace(
            info,
            country=owner.country,
            org=owner.org,
            acts_for=owner.name,
            entity=role_id(owner.country or owner.org, info.sector, info.title),
        )
    return info


def acting_states(scan: Scan) -> None:
    """Countries and capitals acting: "Tajikistan is looking into…", "Moscow said…"; and
    nations ("the Afghans")."""
    for ent in [*doc_ents(scan.doc), *proper_runs(scan.doc)]:
        if not scan.free(ent.start, ent.end):
            continue
        info = _state_info(scan.lk, scan.doc, ent)
        if info is not None:
            scan.add(ent, info)


def _state_info(lk: Lookups, doc: Doc, ent: Span) -> ActorPayload | None:
    country = lk.country_name(ent.text)
    # The small model often calls a country an ORG or a PERSON ("Belarus forced…"), and
    # a capital too ("Tbilisi has denied the allegation": PERSON).
    if ent.label_ not in ("GPE", "NORP") and not country and not capital_named(lk, ent):
        return None
    iso = country or lk.capital(ent.text)
    # A NORP that is a country name ("Tajikistan") is a state, as a GPE is.
    if ent.label_ == "NORP" and not country:
        if ent.root.dep_ in ("amod", "compound") or not lk.lex.demonym(ent.text):
            return None
        if ent.end < len(doc) and doc[ent.end].text in HYPHENS:
            return None  # "Russian-led", "Afghan-born"
        iso = lk.lex.demonym(ent.text)
        return ActorPayload(country=iso, entity=people_id(iso), has_title=False)
    if iso and actor_position(ent.root):
        return ActorPayload(
            name=ent.text,
            country=iso,
            sector=Sector.GOV.value,
            entity=state_id(iso),
            has_title=False,
        )
    return None


def capital_named(lk: Lookups, ent: Span) -> bool:
    """A one-word capital the small model calls a person or organisation, where a party
    stands ("Tbilisi has denied the allegation"): the state's government speaking, not a
    civilian named Tbilisi."""
    return (
        len(ent) == 1
        and ent.label_ in ("PERSON", "ORG")
        and lk.capital(ent.text) is not None
        and actor_position(ent.root)
    )


def acting_orgs(scan: Scan) -> None:
    """Organisations the dictionary does not know, when they act: "The U.S. Agency for
    International Development sent…". Country and sector from their own words."""
    lk = scan.lk
    for ent in doc_ents(scan.doc):
        if ent.label_ != "ORG" or not scan.free(ent.start, ent.end):
            continue
        if not actor_position(_owner_of_modified(ent.root)) or len(ent) < 2:
            continue
        words = [t for t in ent if not t.is_punct]
        sector, _ = lk.sector_of(words)
        if sector is None:
            sector = next((sec for t in words for sec in [lk.sector_of([t])[0]] if sec), None)
        if sector is None and words[-1].text in CHAMBER_NAMES:
            sector = Sector.LEG.value  # "The Minnesota House": a legislative chamber
        country = lk.country_of(words)
        if sector is None and country is None:
            continue  # "Tropical Storm Grace": nothing says it is a party
        info = ActorPayload(
            name=ent.text,
            country=country,
            sector=sector,
            entity=org_id(ent.text),
            type="organisation",
            has_title=False,
        )
        scan.add(ent, info)


def _owner_of_modified(tok: Token) -> Token:
    """The word an organisation's name modifies, when it names what the organisation
    owns or fields ("Indian Air Force fighter jets struck…", "Hezbollah rockets"): that
    word's position is the organisation's."""
    while tok.dep_ in ("compound", "amod") and tok.head.i > tok.i and tok.head.pos_ == "NOUN":
        tok = tok.head
    return tok


def context_sectors(scan: Scan) -> None:
    """A noun that names soldiers or police alike ("four of the officers fired") takes
    the kind the article's other parties are when one kind outnumbers the other, else
    keeps its lexicon kind (data/actors/sectors.tsv: a bare "officer" is police, as
    every "officers" party of the real-news dev gold is; "task force" falls to the
    force's MIL). So the officers of an army story are soldiers and a task force in a
    police story is police. Runs last, over what the other passes found."""
    votes = Counter(
        info.sector for _, info in scan.cands if info.title not in MIL_OR_COP and info.sector
    )
    _crime_story_doers(scan, votes)
    cop, mil = Sector.COP.value, Sector.MIL.value
    if votes[cop] == votes[mil]:
        return
    want, other = (cop, mil) if votes[cop] > votes[mil] else (mil, cop)
    for k, (span, info) in enumerate(scan.cands):
        if info.title in MIL_OR_COP and info.sector == other:
            entity, role = str(info.entity), f":{other}:{info.title}"
            if entity.endswith(role):  # the role id names the sector too
                entity = entity[: -len(role)] + f":{want}:{info.title}"
            new = replace(info, sector=want, entity=EntityId(entity))
            scan.cands[k] = (span, new)


# The armed sides of war, against whom a lone gunman is a fighter.
WAR_SIDES = (Sector.MIL, Sector.REB, Sector.INS)


def _crime_story_doers(scan: Scan, votes: Counter[str | None]) -> None:
    """A lone armed doer ("a gunman opened fire", "the attacker fled"; `LONE_ARMED`) is a
    private person in a crime report: an article whose police outnumber its soldiers,
    rebels and insurgents (the lone doers themselves not counted), as the real-news dev
    gold codes office and party shootings; in a war story he stays a fighter."""
    lone = Counter(info.sector for _, info in scan.cands if info.title in LONE_ARMED)
    armed = sum(votes[s] - lone[s] for s in WAR_SIDES)
    if not lone or votes[Sector.COP] <= armed:
        return
    for k, (span, info) in enumerate(scan.cands):
        if info.title in LONE_ARMED and info.sector in WAR_SIDES:
            entity, role = str(info.entity), f":{info.sector}:{info.title}"
            if entity.endswith(role):  # the role id names the sector too
                entity = entity[: -len(role)] + f":{Sector.CVL.value}:{info.title}"
            new = replace(info, sector=Sector.CVL.value, entity=EntityId(entity))
            scan.cands[k] = (span, new)
