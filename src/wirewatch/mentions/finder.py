"""Find and resolve mentions in a parsed article.

Spans come from spaCy's entities and parse; resolution from the actor dictionary
(`lexicon`), the gazetteer and the date and figure parsers. Every mention carries raw
offsets (through the cleaning map) and its token span for the events stage.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .dates import resolve as resolve_date
from .gazetteer import Gazetteer, Place, gazetteer_with, load_gazetteer
from .lexicon import SECTORS, Entry, Lexicon, load_lexicon, office
from .quantities import parse_figure
from .text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..ingest.article import Article

# Sectors that are a country's own people when the text names no country.
HOME_SECTORS = {"COP", "MIL", "JUD", "CVL", "OPP", "LEG"}
LOCATIVE_PREPS = {
    "in",
    "at",
    "near",
    "across",
    "into",
    "from",
    "inside",
    "outside",
    "throughout",
    "around",
    "through",
    "within",
    "along",
    "over",
    "beyond",
    "via",
    "toward",
    "towards",
    "to",
    "off",
    "on",
    "onto",
    "between",
    "north",
    "south",
    "east",
    "west",
    "upon",
    "under",
}
MOTION_VERBS = {
    "flee",
    "cross",
    "travel",
    "go",
    "return",
    "move",
    "send",
    "deploy",
    "arrive",
    "come",
    "head",
    "withdraw",
    "retreat",
    "fly",
    "march",
    "drive",
    "enter",
    "reach",
    "escape",
    "bring",
    "evacuate",
    "relocate",
    "leave",
    "let",
    "admit",
    "push",
    "advance",
    "spread",
}
PLACE_TAKING_VERBS = {
    "capture",
    "seize",
    "take",
    "enter",
    "attack",
    "strike",
    "bomb",
    "shell",
    "reach",
    "occupy",
    "control",
    "leave",
    "vacate",
    "visit",
    "overrun",
    "besiege",
    "hit",
    "border",
    "cross",
    "surround",
    "liberate",
    "recapture",
    "storm",
    "raid",
    "target",
}
PLACE_NOUNS = {
    "area",
    "region",
    "province",
    "border",
    "city",
    "capital",
    "north",
    "south",
    "east",
    "west",
    "territory",
    "district",
    "town",
    "village",
    "part",
    "frontier",
    "side",
    "airspace",
    "soil",
    "coast",
    "street",
    "streets",
    "outskirts",
    "centre",
    "center",
    "countryside",
    "mountains",
}
# Verbs whose "with X"/"against X" names a party ("talks with Russia"), not a place.
INTERACTION_VERBS = {
    "talk",
    "meet",
    "speak",
    "agree",
    "cooperate",
    "fight",
    "clash",
    "negotiate",
    "sign",
    "trade",
    "discuss",
    "consult",
    "deal",
    "work",
    "ally",
    "side",
    "break",
    "cut",
    "sever",
    "hold",
    "join",
    "war",
    "compete",
    "partner",
    "cooperation",
    "talks",
    "relation",
    "relations",
    "tie",
    "ties",
    "agreement",
    "sanction",
    "protest",
    "retaliate",
}
SPEECH_VERBS = {
    "say",
    "tell",
    "report",
    "confirm",
    "announce",
    "state",
    "add",
    "claim",
    "deny",
    "insist",
    "warn",
    "write",
    "note",
    "explain",
    "allege",
    "quote",
    "cite",
    "tweet",
    "reply",
    "respond",
    "declare",
    "acknowledge",
    "admit",
    "stress",
    "argue",
    "assert",
    "estimate",
    "indicate",
}
# Nouns that name a party only with a modifier or in the plural ("security personnel",
# "forces"), never alone ("force" in "use force").
WEAK_NOUNS = {
    "force",
    "office",
    "personnel",
    "people",
    "leader",
    "authority",
    "family",
    "crowd",
    "worker",
    "student",
    "business",
    "media",
    "source",
    "member",
    "official",
}
# Nouns for one person in an office or role: what "he", "she" and "the minister" can stand
# for. An institution ("parliament", "the government") cannot.
PERSON_NOUNS = {
    "president",
    "premier",
    "chancellor",
    "minister",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "diplomat",
    "ambassador",
    "envoy",
    "governor",
    "mayor",
    "king",
    "queen",
    "emir",
    "sultan",
    "prince",
    "monarch",
    "pope",
    "adviser",
    "advisor",
    "leader",
    "commander",
    "general",
    "chief",
    "head",
    "director",
    "officer",
    "judge",
    "prosecutor",
    "lawmaker",
    "legislator",
    "senator",
    "parliamentarian",
    "politician",
    "candidate",
    "journalist",
    "reporter",
    "activist",
    "cleric",
    "rapporteur",
}
# Sectors of a state's own servants.
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG"}
# Words that make a title point away from the person holding it now.
NOT_THE_HOLDER = {"former", "late", "then", "ex", "previous", "outgoing", "past", "acting"}
TITLE_WORDS = {
    "president",
    "prime minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "chancellor",
    "premier",
    "king",
    "emir",
    "supreme leader",
    "secretary of state",
    "defense secretary",
    "interior minister",
}


@dataclass
class Mention:
    kind: str  # actor | place | date | quantity | attribution
    text: str
    start: int  # raw offsets
    end: int
    sent: int  # sentence number in the parse (-1 for text outside it, e.g. the dateline)
    i: int  # token span in the parse
    j: int
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, article_id: str) -> dict[str, Any]:
        return {
            "article_id": article_id,
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            **self.data,
        }


def _place_dict(p: Place) -> dict[str, Any]:
    point = p.precision in ("point", "district")
    return {
        "name": p.name,
        "country": p.country,
        "admin1": p.admin1,
        "lat": p.lat if p.lat is not None and p.precision != "country" else None,
        "lon": p.lon if p.lon is not None and p.precision != "country" else None,
        "geonameid": p.geonameid,
        "feature": p.feature,
        "precision": p.precision,
        "point": point,
    }


def curated(place: Place) -> bool:
    """Listed by hand, in Wirewatch's supplement or a user's place file."""
    return place.source == "wirewatch" or place.source.startswith("file:")


class MentionFinder:
    """Holds the dictionary, gazetteer and phrase matcher; reuse one per process."""

    def __init__(
        self, nlp: Any, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None
    ) -> None:
        from spacy.matcher import PhraseMatcher

        self.lex = lexicon or load_lexicon()
        self.gaz = gazetteer or load_gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._keys: dict[int, str] = {}
        for key, entry in self.lex.entries.items():
            names = [entry.name, *entry.aliases]
            patterns = [nlp.make_doc(n) for n in dict.fromkeys(names)]
            label = f"ACTOR|{key}"
            self.matcher.add(label, patterns)
            self._keys[nlp.vocab.strings[label]] = key
        self.sectors = sorted(self.lex.sectors.items(), key=lambda kv: -len(kv[0]))

    # ------------------------------------------------------------------ helpers
    def _raw(self, article: Article, start: int, end: int) -> tuple[int, int]:
        return article.cleaned.raw_span(start, end) if article.cleaned else (start, end)

    def _mention(self, article: Article, doc: Doc, kind: str, span: Span, **data: Any) -> Mention:
        s, e = self._raw(article, span.start_char, span.end_char)
        sent = sentence_index(doc, span.start)
        return Mention(kind, article.raw[s:e], s, e, sent, span.start, span.end, data)

    def sector_of(self, tokens: list[Token]) -> tuple[str | None, str | None]:
        """(sector, matched phrase) for words ending at a phrase's head."""
        words = [t.lemma_.lower() if t.tag_ in ("NNS", "NNPS") else t.text.lower() for t in tokens]
        words = [w.replace("’", "'") for w in words]
        text = " ".join(words).replace(" 's", "'s").replace(" '", "'")
        for phrase, sector in self.sectors:
            if text == phrase or text.endswith(" " + phrase):
                return sector, phrase
        return None, None

    def country_of(self, tokens: list[Token]) -> str | None:
        for t in tokens:
            iso = self.lex.demonym(t.text) or self._country_name(t.text)
            if iso:
                return iso
        # Multi-word names: "United States", "South Korea".
        text = " ".join(t.text for t in tokens)
        for n in (4, 3, 2):
            for k in range(len(tokens) - n + 1):
                phrase = " ".join(t.text for t in tokens[k : k + n])
                iso = self.lex.demonym(phrase) or self._country_name(phrase)
                if iso:
                    return iso
        return self._country_name(text)

    def _country_name(self, text: str) -> str | None:
        text = text.replace("’s", "").replace("'s", "")
        if text.lower().startswith("the "):
            text = text[4:]
        for p in self.gaz.lookup(text):
            if p.feature == "country":
                return p.country
        return None

    def capital(self, text: str) -> str | None:
        return self.lex.capitals.get(fold(text))

    # ------------------------------------------------------------------ main
    def find(self, article: Article, doc: Doc) -> list[Mention]:
        pub = article.published
        focus = self._focus(doc)
        places = self._places(article, doc, focus)
        actors = self._actors(article, doc, pub, places)
        dates = self._dates(article, doc, pub)
        figures = self._quantities(article, doc)
        self._home_country(doc, actors, places)
        attributions = self._attributions(article, doc, actors)
        out = places + actors + dates + figures + attributions
        out.sort(key=lambda m: (m.start, m.kind))
        return out

    @staticmethod
    def _home_country(doc: Doc, actors: list[Mention], places: list[Mention]) -> None:
        """Police, troops, judges, crowds with no country named: those an earlier mention
        names ("Afghan troops fled … the soldiers"), else the dateline's country ("ALMATY —
        … police fired…"). Marked `country_from: antecedent` or `dateline`."""
        home = next(
            (p.data.get("country") for p in places if p.data.get("role") == "dateline"), None
        )
        # An office-holder nobody gave a nationality ("Interior Minister Kithure Kindiki"
        # under a NAIROBI dateline) serves the dateline's state; so do the mentions that
        # stand for them ("the minister", "he").
        stateless = {
            m.data.get("entity")
            for m in actors
            if m.data.get("type") == "person"
            and m.data.get("title")
            and m.data.get("country") is None
            and m.data.get("org") is None
            and m.data.get("sector") in STATE_SECTORS
        }
        for m in actors:
            if home and m.data.get("entity") in stateless and m.data.get("country") is None:
                m.data["country"] = home
                m.data["country_from"] = "dateline"
        for k, m in enumerate(actors):
            d = m.data
            if not (
                d.get("country") is None
                and d.get("org") is None
                and d.get("sector") in HOME_SECTORS
                and not d.get("name")
            ):
                continue
            country, origin = home, "dateline"
            if 0 < m.i <= len(doc) and doc[m.i - 1].lower_ in ("the", "these", "those"):
                before = [
                    a
                    for a in actors[:k]
                    if a.data.get("country")
                    and a.data.get("sector") == d.get("sector")
                    and not a.data.get("name")
                ]
                same = [a for a in before if a.data.get("title") == d.get("title")]
                here = sentence_index(doc, m.i)
                near = [a for a in before if here - sentence_index(doc, a.i) <= 1]
                # The same noun anywhere before; another noun of that kind only close by.
                ref = (same or near or [None])[-1]
                if ref is not None:
                    country, origin = ref.data["country"], "antecedent"
            if country:
                d["country"] = country
                d["country_from"] = origin
                if str(d.get("entity", "")).startswith("?:"):
                    d["entity"] = country + d["entity"][1:]

    def _focus(self, doc: Doc) -> Counter[str]:
        focus: Counter[str] = Counter()
        for ent in doc.ents:
            if ent.label_ in ("GPE", "NORP", "LOC"):
                iso = (
                    self.lex.demonym(ent.text)
                    or self._country_name(ent.text)
                    or self.capital(ent.text)
                )
                if iso:
                    focus[iso] += 1
        return focus

    # ------------------------------------------------------------------ places
    def _choose(
        self, candidates: list[Place], focus: Counter[str], hint: str | None, near: list[Place]
    ) -> Place | None:
        if not candidates:
            return None
        top = [c for c, _ in focus.most_common(3)]
        near_admin = {(p.country, p.admin1) for p in near}

        def score(p: Place) -> float:
            s = math.log10(p.population + 1)
            if p.feature == "country":
                s += 10
            if p.feature in ("province", "region", "valley"):
                s += 8 if hint == "province" else 3
            if p.feature == "district":
                s += 8 if hint == "district" else 2
            if hint == "city" and p.feature == "city":
                s += 4
            if curated(p):
                s += 4
            if p.country in top:
                s += 6 if p.country == top[0] else 4
            if (p.country, p.admin1) in near_admin:
                s += 2
            return s

        return max(candidates, key=score)

    def _places(self, article: Article, doc: Doc, focus: Counter[str]) -> list[Mention]:
        found: list[Mention] = []
        taken: set[int] = set()
        chosen: list[Place] = []
        spans: list[tuple[Span, str | None]] = []
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC") or (
                ent.label_ == "ORG" and self._strong_place(ent.text)
            ):
                spans.append((ent, None))
            elif ent.label_ == "PERSON" and self._placed(ent) and not self.lex.find(ent.text):
                # The NER sometimes calls a city a person: "to Vilnius", "capital Naypyitaw".
                spans.append((ent, None))
        spans += [(s, None) for s in self._gazetteer_scan(doc)]
        for span, _ in sorted(spans, key=lambda x: (x[0].start, -len(x[0]))):
            if any(i in taken for i in range(span.start, span.end)):
                continue
            span, hint = self._extend_place(doc, span)
            text = span.text
            for t in ("the ",):
                if text.lower().startswith(t):
                    text = text[len(t) :]
            if fold(text) in world_regions():
                taken.update(range(span.start, span.end))  # nor any word inside it
                continue
            cands = self.gaz.lookup(text)
            if not cands and hint:
                cands = self.gaz.lookup(text.rsplit(" ", 1)[0])
            if not cands:
                continue
            if not self._is_place_position(doc, span, cands):
                continue
            place = self._choose(cands, focus, hint, chosen)
            if place is None:
                continue
            if hint == "district" and place.feature == "city":
                place = Place(
                    place.name,
                    place.country,
                    place.admin1,
                    place.lat,
                    place.lon,
                    place.geonameid,
                    "district",
                    "district",
                    place.population,
                    place.source,
                )
            chosen.append(place)
            taken.update(range(span.start, span.end))
            found.append(
                self._mention(article, doc, "place", span, **_place_dict(place), role="event")
            )
        found += self._dateline(article, focus)
        return found

    def _placed(self, ent: Span) -> bool:
        """A name standing where places stand, which the gazetteer knows as a big place."""
        root = ent.root
        locative = (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS) or (
            ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("capital", "city", "town")
        )
        return locative and any(
            p.population >= 100_000 or p.feature in ("country", "province")
            for p in self.gaz.lookup(ent.text)
        )

    def _strong_place(self, text: str) -> bool:
        return any(
            curated(p) or p.feature in ("district", "province") for p in self.gaz.lookup(text)
        )

    def _gazetteer_scan(self, doc: Doc) -> list[Span]:
        """Place names the NER missed or split ("Mazar-i-Sharif", "Ishkashem")."""
        out = []
        ents = {i: e.label_ for e in doc.ents for i in range(e.start, e.end)}
        i = 0
        n = len(doc)
        while i < n:
            tok = doc[i]
            if tok.pos_ != "PROPN" or ents.get(i) in ("NORP", "DATE"):
                i += 1
                continue
            best = None
            limit = i + 1
            while (
                limit < min(n, i + 7)
                and not doc[limit].is_space
                and (not doc[limit].is_punct or doc[limit].text in ("-", "'", "’"))
            ):
                limit += 1
            for j in range(limit, i, -1):
                if doc[j - 1].is_punct:
                    continue
                text = doc[i:j].text
                cands = self.gaz.lookup(text)
                if any(
                    curated(p)
                    or p.feature in ("country", "province", "district")
                    or p.population >= 100_000
                    for p in cands
                ):
                    best = doc[i:j]
                    break
            # A place inside a person's or an organisation's name is part of that name;
            # but a hand-listed place the NER took whole for a name ("the Goudoubo camp",
            # tagged PERSON) is the place.
            inside_name = best is not None and any(
                e.label_ in ("PERSON", "ORG")
                and e.start <= best.start
                and best.end <= e.end
                and not (
                    (e.start, e.end) == (best.start, best.end)
                    and any(curated(p) for p in self.gaz.lookup(best.text))
                    and not self.lex.find(best.text)
                )
                for e in doc.ents
                if e.start <= best.start < e.end
            )
            if best is not None and not inside_name:
                out.append(best)
                i = best.end
            else:
                i += 1
        return out

    def _extend_place(self, doc: Doc, span: Span) -> tuple[Span, str | None]:
        hint = None
        end = span.end
        if end < len(doc) and doc[end].lower_ in (
            "province",
            "district",
            "region",
            "city",
            "town",
            "village",
            "oblast",
            "valley",
        ):
            hint = {"city": "city", "town": "city", "village": "city", "district": "district"}.get(
                doc[end].lower_, "province"
            )
            end += 1
        start = span.start
        if (
            start >= 2
            and doc[start - 1].lower_ == "of"
            and doc[start - 2].lower_ in ("province", "district", "city", "region", "town")
        ):
            hint = {"city": "city", "town": "city", "district": "district"}.get(
                doc[start - 2].lower_, "province"
            )
        if span.text.lower().endswith((" district", " province")):
            hint = "district" if span.text.lower().endswith("district") else "province"
        return doc[start:end], hint

    def _is_place_position(self, doc: Doc, span: Span, cands: list[Place]) -> bool:
        """A country or capital as subject or possessor is an actor (metonymy), not a place."""
        is_polity = any(p.feature == "country" for p in cands) or self.capital(span.text)
        is_body = any(e.kind == "group" for e in self.lex.find(span.text))
        if is_body:
            return not self._actor_position(span.root)
        if not is_polity:
            return True
        return not self._actor_position(span.root)

    def _actor_position(self, tok: Token) -> bool:
        while tok.dep_ == "conj":
            tok = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.dep_ == "poss":
            return tok.head.lemma_.lower() not in PLACE_NOUNS
        if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ == "between":
            return True  # "a ceasefire between Israel and Hamas"
        if tok.dep_ == "pobj" and tok.head.lower_ in ("with", "against"):
            return tok.head.head.lemma_.lower() in INTERACTION_VERBS
        if tok.dep_ in ("dobj", "dative"):
            return tok.head.lemma_ not in PLACE_TAKING_VERBS | MOTION_VERBS
        return False

    def _dateline(self, article: Article, focus: Counter[str]) -> list[Mention]:
        from ..clean.patterns import DATELINE

        block = article.cleaned.dateline if article.cleaned else None
        if block is None:
            return []
        m = DATELINE.match(article.raw[block.start : block.end + 80])
        if not m:
            return []
        name = m.group("place").split(",")[0].strip()
        place = self._choose(self.gaz.lookup(name), focus, None, [])
        if place is None:
            return []
        start = block.start + m.start("place")
        end = start + len(name)
        return [
            Mention(
                "place",
                article.raw[start:end],
                start,
                end,
                -1,
                -1,
                -1,
                {**_place_dict(place), "role": "dateline"},
            )
        ]

    # ------------------------------------------------------------------ actors
    def _actors(
        self, article: Article, doc: Doc, pub: date | None, places: list[Mention]
    ) -> list[Mention]:
        cands: list[tuple[Span, dict[str, Any]]] = []
        seen_full: set[str] = set()
        place_tokens = {i for m in places if m.i >= 0 for i in range(m.i, m.j)}

        # Dictionary names and aliases.
        matches = sorted(self.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        used: set[int] = set()
        for match_id, s, e in matches:
            if any(i in used or i in place_tokens for i in range(s, e)):
                continue
            entry = self.lex.entries[self._keys[match_id]]
            span = doc[s:e]
            if (
                self.lex.is_short_alias(span.text, entry)
                and entry.id not in seen_full
                and entry.kind == "person"
            ):
                continue
            if entry.kind == "person":
                seen_full.add(entry.id)
            used.update(range(s, e))
            span = self._with_title(doc, span) if entry.kind == "person" else span
            used.update(range(span.start, span.end))
            cands.append((span, self._from_entry(entry, pub, span.text)))

        # People the dictionary does not know: titles and nationality say who they are.
        for ent in doc.ents:
            if ent.label_ != "PERSON" or any(
                i in used or i in place_tokens for i in range(ent.start, ent.end)
            ):
                continue
            if self.lex.demonym(ent.text) or self._country_name(ent.text):
                continue
            if len(ent) == 1 and ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN":
                continue  # "the Brexit referendum": a name that modifies a thing
            known = _person_named(ent.text, cands)
            if known is not None:
                cands.append((ent, dict(known)))  # "Khan" after "Prime Minister Imran Khan"
                used.update(range(ent.start, ent.end))
                continue
            span = self._with_title(doc, ent)
            title = [t for t in doc[span.start : ent.start] if not t.is_punct]
            info = self._describe(doc, title + self._appos(ent), ent)
            info.update(name=ent.text, entity=f"person:{fold(ent.text)}", type="person")
            before = {t.lower_ for t in doc[max(span.start - 2, 0) : ent.start]}
            if before & {"former", "ex", "late"}:
                info["sector"] = None  # out of office: the country stays, the sector goes
            elif not before & NOT_THE_HOLDER:
                self._holder_link(info, pub, title)  # not for "the outgoing president X"
            cands.append((span, info))
            used.update(range(span.start, span.end))

        # Parts of names already seen that the NER did not label ("Wang urged…" after
        # "Foreign Minister Wang Yi").
        for tok in doc:
            if tok.i in used or tok.i in place_tokens or tok.pos_ != "PROPN":
                continue
            if tok.ent_type_ not in ("", "PERSON", "ORG"):  # the small model: "Wang" ORG
                continue
            if (tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN") or (
                tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"
            ):
                continue  # part of a longer name
            known = _person_named(tok.text, cands)
            if known is not None and self._actor_position(tok):
                cands.append((doc[tok.i : tok.i + 1], dict(known)))
                used.add(tok.i)

        # Noun phrases headed by a party noun: "Afghan security forces", "its border guard
        # service", "government sources", "the Tajik president's office".
        for chunk in doc.noun_chunks:
            inherit: dict[str, Any] | None = None
            if any(i in used for i in range(chunk.start, chunk.end)):
                # "European Union leaders", "Taliban fighters": a named party modifies a
                # party noun, which acts for it.
                last = max(i for i in range(chunk.start, chunk.end) if i in used)
                if last >= chunk.root.i or doc[last].head.i != chunk.root.i:
                    continue
                owner = next((info for sp, info in cands if sp.start <= last < sp.end), None)
                if owner is None or doc[last].dep_ not in ("compound", "amod", "nmod"):
                    continue
                inherit = owner
                chunk = doc[last + 1 : chunk.end]
            info = self._chunk_party(doc, chunk, pub, cands)
            if (
                info is not None
                and inherit is not None
                and inherit.get("sector") in NON_STATE
                and info.get("sector") in ARMED_MEMBERS
            ):
                # "Taliban fighters", "Hamas gunmen": the group's own members are the group.
                info = dict(inherit)
            elif (
                info is not None
                and inherit is not None
                and info.get("country") is None
                and info.get("org") is None
            ):
                info["country"] = inherit.get("country")
                info["org"] = inherit.get("org")
                info["of"] = inherit.get("name")
                info["entity"] = (
                    f"{info['country'] or info['org'] or '?'}:{info['sector']}:{info['title']}"
                )
            if info is not None:
                start = chunk.start
                while start < chunk.root.i and (
                    doc[start].like_num
                    or doc[start].pos_ in ("NUM", "DET")
                    or doc[start].ent_type_ == "CARDINAL"
                ):
                    start += 1
                cands.append((doc[start : chunk.end], info))
                used.update(range(chunk.start, chunk.end))

        # Countries and capitals acting: "Tajikistan is looking into…", "Moscow said…".
        for ent in [*doc.ents, *self._proper_runs(doc)]:
            if any(i in used or i in place_tokens for i in range(ent.start, ent.end)):
                continue
            country = self._country_name(ent.text)
            # The small model often calls a country an ORG or a PERSON ("Belarus forced…").
            if ent.label_ not in ("GPE", "NORP") and not country:
                continue
            iso = country or self.capital(ent.text)
            # A NORP that is a country name ("Tajikistan") is a state, as a GPE is.
            if ent.label_ == "NORP" and not country:
                if ent.root.dep_ in ("amod", "compound") or not self.lex.demonym(ent.text):
                    continue
                if ent.end < len(doc) and doc[ent.end].text in ("-", "–"):
                    continue  # "Russian-led", "Afghan-born"
                iso = self.lex.demonym(ent.text)
                info = {
                    "name": None,
                    "country": iso,
                    "sector": None,
                    "org": None,
                    "entity": f"people:{iso}",
                }
            elif iso and self._actor_position(ent.root):
                info = {
                    "name": ent.text,
                    "country": iso,
                    "sector": "GOV",
                    "org": None,
                    "entity": f"state:{iso}",
                }
            else:
                continue
            cands.append((ent, info))
            used.update(range(ent.start, ent.end))

        # Organisations the dictionary does not know, when they act: "The U.S. Agency for
        # International Development sent…". Country and sector from their own words.
        for ent in doc.ents:
            if ent.label_ != "ORG" or any(
                i in used or i in place_tokens for i in range(ent.start, ent.end)
            ):
                continue
            if not self._actor_position(ent.root) or len(ent) < 2:
                continue
            words = [t for t in ent if not t.is_punct]
            sector, _ = self.sector_of(words)
            if sector is None:
                sector = next((sec for t in words for sec in [self.sector_of([t])[0]] if sec), None)
            country = self.country_of(words)
            if sector is None and country is None:
                continue  # "Tropical Storm Grace": nothing says it is a party
            info = {
                "name": ent.text,
                "country": country,
                "sector": sector,
                "org": None,
                "entity": f"org:{fold(ent.text)}",
                "type": "organisation",
            }
            cands.append((ent, info))
            used.update(range(ent.start, ent.end))

        cands.sort(key=lambda c: c[0].start)
        out = [self._mention(article, doc, "actor", span, **info) for span, info in cands]
        self._title_links(doc, out)
        out += self._pronouns(article, doc, out)
        out.sort(key=lambda m: m.i)
        return out

    @staticmethod
    def _proper_runs(doc: Doc) -> list[Span]:
        """Runs of proper nouns the NER left unlabelled ("The Dominican Republic sent…"),
        for the country-name check; computed once per parse."""
        cached = doc.user_data.get("wirewatch_proper_runs")
        if cached is not None:
            return cached
        runs, start = [], None
        for t in [*doc, None]:
            if t is not None and t.pos_ == "PROPN" and not t.ent_type_:
                start = t.i if start is None else start
                continue
            if start is not None:
                end = t.i if t is not None else len(doc)
                runs.append(doc[start:end])
                start = None
        doc.user_data["wirewatch_proper_runs"] = runs
        return runs

    def _from_entry(self, entry: Entry, pub: date | None, text: str) -> dict[str, Any]:
        country, org, sector, title = entry.at(pub)
        return {
            "name": entry.name,
            "country": country,
            "sector": sector,
            "org": org,
            "title": title,
            "entity": entry.id,
            "type": entry.kind,
        }

    def _with_title(self, doc: Doc, span: Span) -> Span:
        """Extend a name leftwards over its title: "Tajik President Emomali Rakhmon"."""
        start = span.start
        k = start - 1
        while k >= 0 and start - k <= 5:
            t = doc[k]
            if t.tag_ in ("NNS", "NNPS") and not self.lex.demonym(t.text):
                break
            if t.pos_ in ("PROPN", "NOUN", "ADJ") and (
                t.ent_type_ not in ("PERSON", "DATE", "CARDINAL")
                or self.lex.demonym(t.text)
                or self._country_name(t.text)  # the small model's "Nepal" PERSON
            ):
                start = k
                k -= 1
            elif t.tag_ == "POS" and k > 0:
                k -= 1
            else:
                break
        while (
            start < span.start
            and doc[start].pos_ == "ADJ"
            and not (self.lex.demonym(doc[start].text))
        ):
            # "former" goes, "prime" of "prime minister" and "foreign" of "foreign
            # minister" stay: they begin the title.
            _, phrase = self.sector_of(list(doc[start : span.start]))
            if phrase and phrase.split()[0] == doc[start].lower_:
                break
            start += 1
        return doc[start : span.end]

    def _appos(self, ent: Span) -> list[Token]:
        out: list[Token] = []
        for child in ent.root.children:
            if child.dep_ == "appos":
                out += [
                    t
                    for t in child.subtree
                    if not t.is_punct and t.dep_ != "prep" and t.head.lower_ != "from"
                ]
                out += [t for t in child.subtree if t.head.lower_ == "from"]
        # "Shavkat Mirziyoyev of Uzbekistan"
        for child in ent.root.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                out += [t for t in child.subtree if t.ent_type_ in ("GPE", "NORP")]
        return out

    def _describe(self, doc: Doc, words: list[Token], ent: Span | None) -> dict[str, Any]:
        sector, phrase = None, None
        # The title is the longest party phrase that ends on a noun of the words.
        nouns = [k for k, t in enumerate(words) if t.pos_ in ("NOUN", "PROPN")]
        for k in reversed(nouns):
            sector, phrase = self.sector_of(words[: k + 1])
            if sector:
                break
        country = self.country_of(words)
        if country is None:
            for t in words:
                if t.ent_type_ == "GPE" and self.capital(t.text):
                    country = self.capital(t.text)
                    break
                # "a parliamentarian from Badakhshan": a province or district says where.
                if t.ent_type_ in ("GPE", "LOC") and t.head.lower_ == "from":
                    regions = {
                        p.country
                        for p in self.gaz.lookup(t.text)
                        if p.feature in ("province", "district", "region")
                    }
                    if len(regions) == 1:
                        country = regions.pop()
                        break
        return {"name": None, "country": country, "sector": sector, "org": None, "title": phrase}

    def _holder_link(self, info: dict[str, Any], pub: date | None, words: list[Token]) -> bool:
        title = info.get("title")
        if title in TITLE_WORDS and info.get("country"):
            holder = self.lex.holder(title, info["country"], pub)
            if holder is not None:
                info.update(self._from_entry(holder, pub, ""))
                return True
        return False

    def _chunk_party(
        self, doc: Doc, chunk: Span, pub: date | None, earlier: list[tuple[Span, dict[str, Any]]]
    ) -> dict[str, Any] | None:
        root = chunk.root
        if root.pos_ not in ("NOUN", "PROPN"):
            return None
        words = [
            t
            for t in chunk
            if t.i <= root.i
            and t.dep_ not in ("det", "nummod")
            and t.pos_ not in ("NUM", "DET")
            and not t.is_punct
        ]
        sector, phrase = self.sector_of(words)
        if sector is None:
            return None
        lemma = root.lemma_.lower()
        modifiers = [t for t in words if t.i < root.i]
        if lemma in WEAK_NOUNS and not modifiers and root.tag_ not in ("NNS", "NNPS"):
            return None
        if lemma == "people" and not modifiers:
            return {
                "name": None,
                "country": None,
                "sector": "CVL",
                "org": None,
                "title": phrase,
                "entity": "people",
            }
        info = self._describe(doc, words, None)
        info["sector"], info["title"] = sector, phrase
        if info["country"] is None:
            # "police in Myanmar", "the army of Sudan", "officials from Kabul"
            for prep in root.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "from"):
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        info["country"] = self._country_name(pobj.text) or self.capital(pobj.text)
                        if info["country"]:
                            break
        poss = [t for t in chunk if t.dep_ == "poss" and t.pos_ == "PRON"]
        if info["country"] is None and poss:
            if poss[0].lower_ in ("his", "her"):
                person = self._sentence_person(chunk, earlier)
                info["country"] = person.get("country") if person else None
                if person and lemma == "office":
                    info["of"] = person.get("name")
            if info["country"] is None:
                info["country"] = self._antecedent_country(doc, chunk, earlier)
        if info["country"] is None and lemma in ("source", "official", "government"):
            info["country"] = self._sentence_country(doc, chunk)
        if not self._holder_link(info, pub, words):
            info["entity"] = f"{info['country'] or '?'}:{sector}:{phrase}"
        return info

    def _antecedent_country(
        self, doc: Doc, chunk: Span, earlier: list[tuple[Span, dict[str, Any]]]
    ) -> str | None:
        """'its border guard service': the country of the nearest earlier party or country
        in this sentence, then in the one before."""
        sent_start = chunk.sent.start
        prev_start = doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        best = None
        for ent in [*doc.ents, *self._proper_runs(doc)]:
            if ent.end > chunk.start or ent.start < prev_start:
                continue
            if ent.label_ in ("GPE", "NORP", "ORG", ""):
                iso = self.lex.demonym(ent.text) or self._country_name(ent.text)
                if iso:
                    best = (ent.start, iso)
        for span, info in earlier:
            if (
                prev_start <= span.start < chunk.start
                and info.get("country")
                and (best is None or span.start > best[0])
            ):
                best = (span.start, info["country"])
        return best[1] if best else None

    def _sentence_person(
        self, chunk: Span, earlier: list[tuple[Span, dict[str, Any]]]
    ) -> dict[str, Any] | None:
        """'his office': the person who is the subject of this or the previous sentence."""
        doc = chunk.doc
        sent = chunk.sent
        prev = doc[sent.start - 1].sent if sent.start > 0 else sent
        for window in (sent, prev):
            for span, info in earlier:
                if not (window.start <= span.start < window.end) or not info.get("name"):
                    continue
                if span.root.dep_ in ("nsubj", "nsubjpass") or any(
                    t.dep_ in ("nsubj", "nsubjpass") for t in span
                ):
                    return info
        return None

    def _sentence_country(self, doc: Doc, chunk: Span) -> str | None:
        """'Tajikistan is looking into…, government sources told Reuters': the country
        that is the subject of the sentence."""
        for t in chunk.sent:
            if (
                t.dep_ in ("nsubj", "nsubjpass")
                and t.ent_type_ in ("GPE", "NORP")
                and t.i < chunk.start
            ):
                return self._country_name(t.text) or self.lex.demonym(t.text)
        return None

    @staticmethod
    def _title_links(doc: Doc, actors: list[Mention]) -> None:
        """'The new foreign secretary', 'the president', 'Ghana's president', 'the
        minister': an unnamed person in an office is the person named earlier in the
        article who holds it (by the dictionary on the day, or by their own title), when
        only one does, or when the nearest one is in this sentence or the one before."""
        for k, m in enumerate(actors):
            d = m.data
            title = str(d.get("title") or "")
            if d.get("name") or not title or not _is_person(doc, m) or not _definite(doc, m):
                continue
            if any(t.lower_ in NOT_THE_HOLDER for t in doc[max(m.i - 2, 0) : m.j]):
                continue
            cands = [
                p
                for p in actors[:k]
                if p.data.get("type") == "person"
                and p.data.get("name")
                and _same_office(title, str(p.data.get("title") or ""))
                and (
                    not d.get("country")
                    or not p.data.get("country")
                    or p.data["country"] == d["country"]
                )
            ]
            if not cands:
                continue
            entities = {p.data.get("entity") for p in cands}
            ref = cands[-1]
            if len(entities) > 1:
                near = {p.data.get("entity") for p in cands if m.sent - p.sent <= 1}
                if near != {ref.data.get("entity")}:
                    continue
            linked = dict(ref.data)
            linked["refers_to"] = [ref.start, ref.end]
            d.clear()
            d.update(linked)

    def _pronouns(self, article: Article, doc: Doc, actors: list[Mention]) -> list[Mention]:
        """'he'/'she' as a subject: the person or office-holder of this sentence or the one
        before (a subject first), else the one person named in the sentences before that."""
        out = []
        for tok in doc:
            if tok.lower_ not in ("he", "she") or tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            sent = sentence_index(doc, tok.i)
            people = [
                m
                for m in [*actors, *out]
                if m.i < tok.i and (_is_person(doc, m) or doc[m.j - 1].lower_ in ("he", "she"))
            ]
            window = [m for m in people if m.sent in (sent, sent - 1)]
            subjects = [
                m
                for m in window
                if any(doc[k].dep_ in ("nsubj", "nsubjpass") for k in range(m.i, m.j))
            ]
            pick = (subjects or window)[-1:]
            if not pick:
                # Further back only when one person is in play: "Cameron said … The new
                # foreign secretary said … He has no seat …"
                recent = {
                    m.data.get("entity"): m
                    for m in people
                    if sent - PRONOUN_REACH <= m.sent < sent - 1 and m.data.get("entity")
                }
                pick = list(recent.values()) if len(recent) == 1 else []
            if not pick:
                continue
            ref = pick[-1]
            data = {k: v for k, v in ref.data.items()}
            data["refers_to"] = [ref.start, ref.end]
            s, e = self._raw(article, tok.idx, tok.idx + len(tok))
            out.append(Mention("actor", article.raw[s:e], s, e, sent, tok.i, tok.i + 1, data))
        return out

    # ------------------------------------------------------------------ dates
    def _dates(self, article: Article, doc: Doc, pub: date | None) -> list[Mention]:
        out = []
        for ent in doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            future = _future(ent.root)
            res = resolve_date(ent.text, pub, future)
            if res is None:
                continue
            out.append(
                self._mention(
                    article,
                    doc,
                    "date",
                    ent,
                    value=res.value.isoformat(),
                    precision=res.precision,
                    relative=res.relative,
                )
            )
        return out

    # ------------------------------------------------------------------ quantities
    def _quantities(self, article: Article, doc: Doc) -> list[Mention]:
        out = []
        for ent in doc.ents:
            if ent.label_ != "CARDINAL":
                continue
            if ent.start_char > 0 and doc.text[ent.start_char - 1] in "-/":
                continue  # MiG-29, FR4978-like codes
            fig = parse_figure(ent.text)
            if fig is None:
                continue
            unit_tok, of_value = self._counted(ent)
            unit = self._unit_text(unit_tok) if unit_tok is not None else None
            data: dict[str, Any] = {"value": fig.value, "qualifier": fig.qualifier, "unit": unit}
            if fig.low is not None:
                data.update(low=fig.low, high=fig.high)
            if of_value is not None:
                data["of"] = of_value
            out.append(self._mention(article, doc, "quantity", ent, **data))
        return out

    def _counted(self, ent: Span) -> tuple[Token | None, float | None]:
        root = ent.root
        if root.dep_ == "nummod" and root.head.pos_ in ("NOUN", "PROPN"):
            return root.head, None
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is None or pobj.pos_ == "PRON":
                    return None, None
                total = next(
                    (parse_figure(c.text) for c in pobj.children if c.dep_ == "nummod"), None
                )
                return pobj, total.value if total else None
        if root.pos_ in ("NOUN",) and root.lower_ in ("hundreds", "dozens", "thousands"):
            return None, None
        return None, None

    def _unit_text(self, noun: Token) -> str:
        left = [c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod") and c.pos_ != "NUM"]
        start = min([noun.i] + [t.left_edge.i for t in left])
        words = [
            t
            for t in noun.doc[start : noun.i + 1]
            if t.pos_ not in ("NUM", "DET", "PUNCT") and t.dep_ not in ("poss", "case")
        ]
        return " ".join(t.text for t in words) or noun.text

    # ------------------------------------------------------------------ attribution
    def _attributions(self, article: Article, doc: Doc, actors: list[Mention]) -> list[Mention]:
        out = []
        self._last_source: dict[str, Any] | None = None
        for tok in doc:
            if tok.lemma_ == "accord" and tok.lower_ == "according":
                to = next((c for c in tok.children if c.lower_ == "to"), None)
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
                if pobj is None:
                    continue
                src = doc[pobj.left_edge.i : pobj.right_edge.i + 1]
                sent = tok.sent
                clause = _without(sent, doc[tok.i : src.end])
                out.append(
                    self._attribution(
                        article, doc, src, doc[tok.i : src.end], clause, "according to", actors
                    )
                )
                continue
            if tok.pos_ != "VERB" or tok.lemma_ not in SPEECH_VERBS:
                continue
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None or (
                subj.pos_ == "PRON" and subj.lower_ not in ("he", "she", "it", "they", "we", "i")
            ):
                continue
            src = doc[subj.left_edge.i : subj.right_edge.i + 1]
            verb_words = [tok]
            for c in tok.children:
                if c.dep_ in ("dative", "dobj") and c.ent_type_ in ("ORG", "PERSON", "GPE"):
                    verb_words.append(c)
                if c.dep_ == "prep" and c.lower_ == "in":
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if pobj is not None and pobj.lemma_ in (
                        "statement",
                        "interview",
                        "briefing",
                        "post",
                        "tweet",
                    ):
                        verb_words += list(c.subtree)
            vs = min(t.i for t in verb_words)
            ve = max(t.i for t in verb_words) + 1
            verb_text = " ".join(t.text for t in sorted(verb_words, key=lambda t: t.i))
            comp = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp")), None)
            if comp is not None:
                clause = doc[comp.left_edge.i : comp.right_edge.i + 1]
            elif tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head.i != tok.i:
                head = tok.head
                clause = _without(
                    doc[head.left_edge.i : head.right_edge.i + 1],
                    doc[min(src.start, vs) : max(src.end, ve)],
                )
            else:
                clause = _without(tok.sent, doc[min(src.start, vs) : max(src.end, ve)])
            whole = doc[min(src.start, vs) : max(src.end, ve)]
            out.append(self._attribution(article, doc, src, whole, clause, verb_text, actors))
        return out

    def _attribution(
        self,
        article: Article,
        doc: Doc,
        src: Span,
        whole: Span,
        clause: Span,
        verb: str,
        actors: list[Mention],
    ) -> Mention:
        party = next((m for m in actors if m.i <= src.root.i < m.j), None)
        if party is None:
            party = next((m for m in actors if src.start <= m.i < src.end), None)
        rs, re_ = self._raw(article, src.start_char, src.end_char)
        source: dict[str, Any] = {"text": article.raw[rs:re_]}
        if party is None and src.root.lower_ in ("it", "they") and self._last_source:
            source.update({k: v for k, v in self._last_source.items() if k != "text"})
            source["refers_to"] = self._last_source.get("text")
        if party is not None:
            source.update({k: party.data.get(k) for k in ("name", "country", "sector", "org")})
        ss, se = self._raw(article, src.start_char, src.end_char)
        cs, ce = self._raw(article, clause.start_char, clause.end_char)
        if party is not None or "refers_to" not in source:
            self._last_source = source
        m = self._mention(
            article,
            doc,
            "attribution",
            whole,
            source=source,
            source_start=ss,
            source_end=se,
            clause_start=cs,
            clause_end=ce,
            verb=verb,
        )
        return m


# Sectors of parties that are not a state's own institutions, and the sectors a noun for
# their members ("fighters", "militants", "gunmen") is given on its own.
NON_STATE = {"INS", "REB", "SEP", "OPP", "PTY", "CRM", "UAF", "RAD"}
ARMED_MEMBERS = {"INS", "REB", "MIL", "UAF", "CRM", "SEP"}


@lru_cache(maxsize=1)
def world_regions() -> frozenset[str]:
    """Continents, seas and areas of several states (data/places/world_regions.txt): never
    a place, whatever town or province shares the name."""
    text = resources.files("wirewatch").joinpath("data/places/world_regions.txt").read_text("utf-8")
    return frozenset(fold(ln) for ln in text.splitlines() if ln.strip() and ln[0] != "#")


# How many sentences back "he" or "she" may reach when only one person is in play.
PRONOUN_REACH = 4


def _is_person(doc: Doc, m: Mention) -> bool:
    """One human being: a named person, or one holder of a role ("the minister")."""
    d = m.data
    if d.get("type") == "person":
        return True
    if d.get("name") or d.get("type") == "group" or d.get("entity") == "people":
        return False
    if d.get("sector") not in SECTORS or m.j <= m.i:
        return False
    head = doc[m.j - 1]
    words = str(d.get("title") or "").split()
    return (
        head.tag_ not in ("NNS", "NNPS")
        and head.lower_ not in ("he", "she")
        and bool(words)
        and words[-1] in PERSON_NOUNS
    )


def _definite(doc: Doc, m: Mention) -> bool:
    """'the minister', 'this official', 'Ghana's president' point at someone known;
    'a minister' does not."""
    before = doc[m.i - 1].lower_ if m.i > 0 else ""
    first = doc[m.i].lower_
    return (
        before in ("the", "this", "that")
        or first in ("the", "this", "that")
        or any(t.tag_ == "POS" or t.dep_ == "poss" for t in doc[max(m.i - 1, 0) : m.j])
    )


def _same_office(title: str, held: str) -> bool:
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


def _person_named(text: str, cands: list[tuple[Span, dict[str, Any]]]) -> dict[str, Any] | None:
    """The one person already found whose name has `text` as a word ("Khan" for
    "Imran Khan", "Wang" for "Wang Yi"); None when there is none or more than one."""
    word = text.strip()
    if " " in word or len(word) < 3:
        return None
    found = {
        info["entity"]: info
        for _, info in cands
        if info.get("type") == "person"
        and info.get("name")
        and word in info["name"].split()
        and info["name"] != word
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _future(tok: Token) -> bool:
    verb = tok
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    return any(
        c.lower_ in ("will", "'ll", "shall") or (c.lower_ == "to" and c.dep_ == "aux")
        for c in verb.children
    )


def _without(outer: Span, inner: Span) -> Span:
    """The larger part of `outer` left when `inner` is cut out, trimmed of punctuation."""
    doc = outer.doc
    left = doc[outer.start : max(outer.start, inner.start)]
    right = doc[min(outer.end, inner.end) : outer.end]
    part = left if len(left) >= len(right) else right
    s, e = part.start, part.end
    while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
        e -= 1
    while s < e and (doc[s].is_punct or doc[s].is_space):
        s += 1
    return doc[s:e]


def sentence_index(doc: Doc, i: int) -> int:
    starts = doc.user_data.get("_ww_sent_starts")
    if starts is None:
        starts = [s.start for s in doc.sents]
        doc.user_data["_ww_sent_starts"] = starts
    from bisect import bisect_right

    return bisect_right(starts, i) - 1


_FINDERS: dict[tuple[int, tuple[str, ...]], MentionFinder] = {}


def find_mentions(
    article: Article,
    doc: Doc,
    actor_files: tuple[str, ...] = (),
    place_files: tuple[str, ...] = (),
) -> list[Mention]:
    """Mentions of one parsed article, with a finder built once per model, dictionary and
    place files."""
    key = (id(doc.vocab), actor_files, place_files)
    finder = _FINDERS.get(key)
    if finder is None:
        finder = MentionFinder(
            _nlp_for(doc), lexicon=load_lexicon(actor_files), gazetteer=gazetteer_with(place_files)
        )
        _FINDERS[key] = finder
    return finder.find(article, doc)


def _nlp_for(doc: Doc) -> Any:
    """A Language that shares the doc's vocab, for building the phrase matcher."""
    from spacy.lang.en import English

    nlp = English(vocab=doc.vocab)
    return nlp
