"""Look-ups over one article's parse and mentions, shared by the extraction stages."""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from ..mentions.finder import sentence_index
from ..mentions.records import doc_text
from .policies import DEMONYM_SECTOR
from .triggers import Rule, lexicon_type, load_rules, trigger_rule

if TYPE_CHECKING:
    from collections.abc import Mapping

    from spacy.tokens import Doc, Token

    from ..ingest.article import Article
    from ..mentions import Mention
    from ..mentions.payloads import Payload


class Context:
    """Look-ups over one article's parse and mentions."""

    def __init__(
        self,
        article: Article,
        doc: Doc,
        mentions: list[Mention],
        rules: dict[tuple[str, str], list[Rule]] | None = None,
    ) -> None:
        self.article, self.doc, self.mentions = article, doc, mentions
        self.rules = load_rules() if rules is None else rules
        self.actor_at: dict[int, Mention] = {}
        self.name_tokens: set[int] = set()
        for m in mentions:
            if m.kind == "actor" and m.i >= 0:
                for i in range(m.i, m.j):
                    self.actor_at.setdefault(i, m)
                if m.as_actor.name or m.as_actor.type == "group":
                    self.name_tokens.update(range(m.i, m.j))
            if m.kind == "place" and m.i >= 0 and m.as_place.role in ("event", "dateline"):
                self.name_tokens.update(range(m.i, m.j))
        self.by_kind: dict[str, list[Mention]] = {}
        for m in mentions:
            self.by_kind.setdefault(m.kind, []).append(m)
        self.pub: date | None = article.published
        self._lexicon: dict[int, str | None] = {}
        self._lemmas: dict[int, set[str]] = {}
        # The typing model's features and reading of a trigger with its parties' spans
        # (`decide.type_event`): a telling is typed before merging and again, mostly
        # with the same parties, when its event is decided.
        self.typed: dict[tuple, tuple[list[str], Mapping[str, float]]] = {}

    def rule(self, tok: Token) -> Rule | None:
        """The trigger rule of a token in this article (none inside a name)."""
        return trigger_rule(tok, self.name_tokens, self.actor_at, self.rules)

    def actors_in(self, tok: Token, clause_only: bool = False) -> list[Mention]:
        """Actors within a phrase; with clause_only, not inside its relative clauses."""
        keep = set()
        stack = [tok]
        while stack:
            t = stack.pop()
            keep.add(t.i)
            stack += [
                c
                for c in t.children
                if not clause_only or c.dep_ not in ("relcl", "acl", "advcl", "ccomp")
            ]
        return [m for m in self.by_kind.get("actor", []) if m.i in keep or (m.j - 1) in keep]

    def antecedent(self, tok: Token) -> Mention | None:
        sent = tok.sent
        prev = self.doc[sent.start - 1].sent if sent.start > 0 else sent
        best = None
        for m in self.by_kind.get("actor", []):
            if (
                prev.start <= m.i < tok.i
                and m.as_actor.sector
                and (m.as_actor.type in ("group", None) or m.as_actor.name)
            ) and any(self.doc[k].dep_ in ("nsubj", "nsubjpass") for k in range(m.i, m.j)):
                best = m
        return best

    def lexicon(self, tok: Token) -> str | None:
        """The lexicon's type of a token, looked up once per article."""
        if tok.i not in self._lexicon:
            self._lexicon[tok.i] = lexicon_type(tok)
        return self._lexicon[tok.i]

    def lemmas(self, tok: Token) -> set[str]:
        """Lemmas of a token's sentence, computed once per sentence."""
        start = tok.sent.start
        if start not in self._lemmas:
            self._lemmas[start] = {t.lemma_.lower() for t in tok.sent}
        return self._lemmas[start]

    def demonym_party(self, tok: Token, event_type: str | None) -> Mention | None:
        """A party made from a nationality word that modifies an event noun."""
        from ..mentions.ids import EntityId
        from ..mentions.lexicon import load_lexicon
        from ..mentions.payloads import ActorPayload

        iso = load_lexicon().demonym(tok.text)
        if iso is None:
            return None
        sector = DEMONYM_SECTOR.get(event_type or "", "GOV")
        return self.span_mention(
            "actor",
            tok.i,
            tok.i + 1,
            ActorPayload(
                country=iso,
                sector=sector,
                entity=EntityId(f"{iso}:{sector}:implied"),
                has_title=False,
            ),
        )

    @cached_property
    def place_tokens(self) -> set[int]:
        """The tokens of the article's place mentions (the detector's `PL` party kind),
        computed once per article: every candidate and every event's confidence reads it."""
        return {i for m in self.by_kind.get("place", []) for i in range(max(m.i, 0), m.j)}

    @cached_property
    def actor_sectors(self) -> Counter:
        """How many of the article's party mentions are of each sector, counted once per
        article (`implied.private_attacker` asks it of every unnamed attacker)."""
        return Counter(m.as_actor.sector for m in self.by_kind.get("actor", []))

    @cached_property
    def focus_country(self) -> str | None:
        """The country the article is about: the one its places (the dateline's thrice)
        and named parties point at most; when two tie, the one the article names first.

        A nationality word ("Palestinian families", "Russian diplomats") does not vote as
        a place: it says who people are, not where the story is, and the party it makes
        votes already (on the real-news dev split a Lebanese story's "Palestinian" four
        times outvoted its places). With the tie going to the first named instead of to
        no country, event F1 0.498 -> 0.510 there.

        A place a body is named after votes ("DeKalb Police", "Gainesville Police": a
        local story's places are often only these); a state named for its government
        does not (its party votes). Each named party votes once, and a mention standing
        for another ("she", "the minister") not at all: a defendant named twenty times
        with a wrong country ("Evans of Paris" read as France) outvoted every place of
        an Illinois court report. On the real-news dev split event F1 0.415 -> 0.432.

        On a tie, the country more of the article's places lie in wins before the first
        named: a Lebanese story's two places outweigh the two parties "Palestinian
        families" and "Palestinian fighters" made of a nationality word (who people are,
        not where the story is)."""
        votes: Counter[str] = Counter()
        first: dict[str, int] = {}
        for m in self.by_kind.get("place", []):
            iso = m.as_place.country
            if iso and m.as_place.role not in ("metonymic", "adjectival"):  # parties vote
                votes[iso] += 3 if m.as_place.role == "dateline" else 1
                first[iso] = min(first.get(iso, m.i), m.i)
        places = Counter(votes)
        named: set[str] = set()
        for m in self.by_kind.get("actor", []):
            a = m.as_actor
            if not a.country or a.country_from is not None or a.refers_to is not None:
                continue
            if a.name:
                if a.entity in named:
                    continue
                named.add(a.entity)
            votes[a.country] += 1
            first[a.country] = min(first.get(a.country, m.i), m.i)
        if not votes:
            return None
        most = max(votes.values())
        return min((c for c, v in votes.items() if v == most), key=lambda c: (-places[c], first[c]))

    @cached_property
    def country_counts(self) -> tuple[Counter[str], Counter[str], dict[str, int]]:
        """How many of the article's place and party mentions name each country, and the
        first token each country is named at: the country ranking's inputs
        (`country.candidates`), read by every stateless party of the article. Unlike
        `focus_country`'s votes these are plain counts (no extra weight for the
        dateline, a named party counted at each mention); the same mentions count: no
        nationality word as a place, no party standing for another or whose country was
        inferred."""
        places: Counter[str] = Counter()
        parties: Counter[str] = Counter()
        first: dict[str, int] = {}
        for m in self.by_kind.get("place", []):
            iso = m.as_place.country
            if iso and m.as_place.role not in ("adjectival", "metonymic"):
                places[iso] += 1
                first[iso] = min(first.get(iso, m.i), m.i)
        for m in self.by_kind.get("actor", []):
            a = m.as_actor
            if a.country and a.country_from is None and a.refers_to is None:
                parties[a.country] += 1
                first[a.country] = min(first.get(a.country, m.i), m.i)
        return places, parties, first

    def paragraph_start(self, tok: Token) -> int:
        """Token index where the paragraph of `tok`'s sentence begins (a line break in
        the cleaned text ends a paragraph)."""
        text = doc_text(self.doc)
        cut = text.rfind("\n", 0, tok.sent.start_char)
        if cut < 0:
            return 0
        span = self.doc.char_span(cut + 1, tok.sent.start_char, alignment_mode="expand")
        return span.start if span is not None else tok.sent.start

    def before_in_paragraph(self, kind: str, tok: Token, sentences: int = 3) -> list[Mention]:
        """Mentions of a kind in the (up to `sentences`) sentences before `tok`'s sentence
        within its paragraph, nearest first."""
        first = self.paragraph_start(tok)
        start = tok.sent.start
        for _ in range(sentences):
            if start <= first or start == 0:
                break
            start = self.doc[start - 1].sent.start
        start = max(start, first)
        found = [m for m in self.by_kind.get(kind, []) if start <= m.i < tok.sent.start]
        return sorted(found, key=lambda m: -m.i)

    def dateline_place(self) -> Mention | None:
        return next(
            (m for m in self.by_kind.get("place", []) if m.as_place.role == "dateline"), None
        )

    def main_place(self, iso3: str | None, admin1: str | None = None) -> Mention | None:
        """The place below country level the article names most within `iso3` (its
        dateline's name counts thrice; ties go to the first named): where an event of
        that country with no place of its own most likely is (a trial "in" the city the
        whole article is about). A town in a party's words counts ("a Gainesville man was
        arrested": a local story may name its town only so). None when the article names
        no such place. With `admin1`, only places in that province or state."""
        if iso3 is None:
            return None
        votes: Counter[str] = Counter()
        first: dict[str, Mention] = {}
        for m in self.by_kind.get("place", []):
            p = m.as_place
            if p.country != iso3 or p.role not in ("event", "dateline", "embedded"):
                continue
            if p.precision not in ("point", "district") or p.lat is None:
                continue
            if admin1 is not None and p.admin1 != admin1:
                continue
            key = str(p.geonameid or p.name)
            votes[key] += 3 if p.role == "dateline" else 1
            first.setdefault(key, m)
        if not votes:
            return None
        best = max(votes.values())
        return next(m for k, m in first.items() if votes[k] == best)

    def own_place(self, party: Mention | None) -> Mention | None:
        """The place a party's own words name ("Beijing" standing for China's government,
        "Gainesville police", "Alaska Gov. Sarah Palin"): a place inside its span, or
        inside the span of the mention it stands for ("she" after "Alaska Gov. Sarah
        Palin"), or of the first mention of the same person that has one ("Sanford" after
        "South Carolina Gov. Mark Sanford"). A town or district first; else a province or
        state (a governor governs there: on the real-news dev split a governor's act with
        no place of its own went to the White House, the article's most named point),
        narrowed to the town the article names most in it."""
        if party is None or party.i < 0:
            return None
        spans = [(party.i, party.j)]
        a = party.as_actor
        for m in self.by_kind.get("actor", []):
            if m.i < 0 or (m.i, m.j) == spans[0]:
                continue
            stands_for = a.refers_to is not None and (m.start, m.end) == tuple(a.refers_to)
            same_person = a.type == "person" and a.entity and m.as_actor.entity == a.entity
            if stands_for or same_person:
                spans.append((m.i, m.j))
        best: Mention | None = None
        for i, j in spans:
            for m in self.by_kind.get("place", []):
                p = m.as_place
                if not (i <= m.i and m.j <= j) or p.lat is None or p.role == "dateline":
                    continue
                if p.precision in ("point", "district") and p.role in ("metonymic", "embedded"):
                    return m
                if p.precision == "admin1" and best is None:
                    best = m
        if best is not None:
            # the town the article names most in that state ("the Osun Police Command"
            # in a story from Osogbo, its capital), else the state
            return self.main_place(best.as_place.country, best.as_place.admin1) or best
        return None

    def country_name(self, iso3: str) -> str | None:
        from ..mentions.gazetteer import load_gazetteer

        place = load_gazetteer().country(iso3)
        return place.name if place else None

    def in_sentence(self, kind: str, tok: Token) -> list[Mention]:
        s = tok.sent
        return [m for m in self.by_kind.get(kind, []) if s.start <= m.i < s.end]

    def raw(self, start: int, end: int) -> tuple[int, int]:
        if self.article.cleaned is None:
            return start, end
        return self.article.cleaned.raw_span(start, end)

    def raw_text(self, i: int, j: int) -> tuple[int, int, str]:
        """The raw-text offsets and words of the parse's tokens i..j."""
        last = self.doc[j - 1]
        start, end = self.raw(self.doc[i].idx, last.idx + len(last))
        return start, end, self.article.raw[start:end]

    def span_mention(self, kind: str, i: int, j: int, payload: Payload) -> Mention:
        """A mention the event passes make over tokens i..j (a party the mention finder
        did not give), with its offsets in the raw text like the finder's own."""
        from ..mentions import Mention

        start, end, text = self.raw_text(i, j)
        return Mention(kind, text, start, end, sentence_index(self.doc, i), i, j, payload)
