"""Event extraction: triggers from a lexicon over lemmas, roles from the parse, fields
from the article's mentions in the same clause or sentence, never from elsewhere.

One real action told several times in an article becomes one event with several
evidence spans (`merge`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..mentions.finder import sentence_index
from ..mentions.quantities import QUALIFIER_RANK
from .classify import features, load_models
from .confidence import score as confidence_score
from .record import (
    Attribution,
    DateValue,
    EventRecord,
    Evidence,
    Party,
    Place,
    Quantity,
)
from .views import views

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..ingest.article import Article
    from ..mentions import Mention

LIGHT_VERBS = {
    "order",
    "make",
    "hold",
    "launch",
    "carry",
    "conduct",
    "stage",
    "impose",
    "declare",
    "begin",
    "start",
    "continue",
    "resume",
    "give",
    "provide",
    "express",
    "issue",
    "mount",
    "announce",
    "approve",
    "call",
    "lead",
    "join",
    "organise",
    "organize",
    "host",
    "attend",
    "step",
    "intensify",
    "escalate",
    "end",
    "halt",
}
# Nouns that only count the real event noun after them: "a flurry of calls".
COUNTERS = {
    "flurry",
    "series",
    "wave",
    "number",
    "round",
    "spate",
    "string",
    "couple",
    "set",
    "host",
    "barrage",
    "volley",
}
# Nouns that hold what an object really is: "trucks of food", "tonnes of aid".
CONTAINERS = {
    "truck",
    "truckload",
    "tonne",
    "ton",
    "plane",
    "planeload",
    "shipment",
    "consignment",
    "load",
    "convoy",
    "batch",
    "dose",
    "package",
    "kit",
    "box",
    "crate",
    "lot",
    "bag",
    "state",
    "thousand",
    "hundred",
    "dozen",
    "million",
}
# Verbs that end what their object names: "ceased attacks", "halted talks".
ENDING = {"cease", "halt", "stop", "end", "suspend", "abandon", "call"}
CONSIDER = {"consider", "weigh", "mull", "study", "explore", "examine", "contemplate", "look"}
PLAN = {"plan", "intend", "aim", "prepare", "want", "seek", "hope", "expect", "schedule"}
PROMISE = {"promise", "pledge", "vow", "assure", "guarantee", "commit", "undertake"}
LOCATIVE = {
    "in",
    "at",
    "near",
    "inside",
    "across",
    "into",
    "outside",
    "throughout",
    "around",
    "on",
    "over",
    "within",
    "along",
    "through",
}
PLACE_NOUNS = {"province", "city", "district", "region", "town", "village", "area", "capital"}
RECIPIENT_PREPS = {"to", "with", "against", "on", "at", "into", "for"}
# Types whose actor acts at home unless the text says otherwise.
DOMESTIC = {"MOBILIZE", "COERCE", "PROTEST", "AID"}
# Aid that travels is not at home: "sent trucks of food across the border".
SENDING = {"send", "deliver", "ship", "fly", "airlift", "dispatch", "donate", "drop"}
# Verbs whose complement's doer is their subject: "ordered X to be held".
ORDER = {"order", "instruct", "direct", "command", "authorize", "authorise", "sentence"}
# Nouns of speech: in "rejected criticism of Russia", Russia is not the one rejected.
SPEECH_NOUNS = {
    "criticism",
    "accusation",
    "allegation",
    "claim",
    "charge",
    "report",
    "demand",
    "call",
    "request",
    "proposal",
    "statement",
    "remark",
    "comment",
    "suggestion",
}
# Verbs of deciding: "agreed to ban" is a ban, "agreed to meet" an agreement.
DECIDE = {"agree", "decide", "vote", "resolve"}
CONFLICT = {
    "SANCTION",
    "COERCE",
    "ASSAULT",
    "MOBILIZE",
    "PROTEST",
    "REJECT",
    "ACCUSE",
    "THREATEN",
    "REQUEST",
}
# Types whose object may name another event whose doer is then the recipient.
REFERRING = {"ACCUSE", "REJECT", "SANCTION", "THREATEN"}
# Types whose "to <place>" is where the event happens: aid sent to, troops moved to.
DESTINATION = {"AID", "MOBILIZE", "CONSULT"}
# Types whose target may be a place: "fired rockets at Tel Aviv", "sent aid to Haiti".
PLACE_TARGET = {"ASSAULT", "AID", "THREATEN", "SANCTION", "COERCE"}
PLACE_TARGET_PREPS = {"at", "on", "against", "into", "to"}
# Who "Israeli" stands for in "an Israeli strike", by the event's type.
DEMONYM_SECTOR = {"ASSAULT": "MIL", "MOBILIZE": "MIL", "PROTEST": "CVL", "RETREAT": "MIL"}
# The typing model fills a mode the lexicon left open only when this sure of it.
MODE_SHARE = 0.6
PRECISION_RANK = {"point": 4, "district": 3, "admin1": 2, "country": 1}


@dataclass(frozen=True)
class Rule:
    lemma: str
    pos: str
    cond: str  # "-" | "prt:x|y" | "prep:x|y" | "obj:x|y"
    type: str
    mode: str | None

    @property
    def specific(self) -> bool:
        return self.cond != "-"


@lru_cache(maxsize=1)
def load_rules() -> dict[tuple[str, str], list[Rule]]:
    text = resources.files("wirewatch").joinpath("data/events/triggers.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    rules: dict[tuple[str, str], list[Rule]] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        rule = Rule(
            row["lemma"],
            row["pos"],
            row["with"],
            row["type"],
            None if row["mode"] == "-" else row["mode"],
        )
        rules.setdefault((rule.lemma, rule.pos), []).append(rule)
    for key in rules:
        rules[key].sort(key=lambda r: not r.specific)
    return rules


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _matches(rule: Rule, tok: Token, actor_at: dict[int, Mention]) -> bool:
    if rule.cond == "-":
        return True
    kind, _, values = rule.cond.partition(":")
    allowed = set(values.split("|"))
    if kind == "prt":
        return any(c.lower_ in allowed for c in _children(tok, "prt", "prep"))
    if kind == "prep":
        return any(c.lower_ in allowed for c in _children(tok, "prep"))
    if kind == "obj":
        objs = _children(tok, "dobj", "nsubjpass", "oprd", "dative")
        if "*person" in allowed:
            for o in objs:
                for t in o.subtree:
                    m = actor_at.get(t.i)
                    if m is not None and (
                        m.data.get("type") == "person"
                        or (m.data.get("sector") == "GOV" and t.pos_ == "PROPN")
                    ):
                        return True
            return False
        objs += [c for o in objs for c in o.conjuncts]  # "moved tanks and troops"
        # "sent trucks of food": what a container noun holds counts as the object
        objs += [
            p
            for o in objs
            if o.lemma_.lower() in CONTAINERS or o.like_num or o.pos_ == "NUM"
            for c in _children(o, "prep")
            if c.lower_ == "of"
            for g in _children(c, "pobj")
            for p in [g, *g.conjuncts]
        ]
        return any(o.lemma_.lower() in allowed or o.lower_ in allowed for o in objs)
    if kind == "pobj":
        # "held in custody", "put under house arrest"
        return any(
            g.lemma_.lower() in allowed
            for c in _children(tok, "prep")
            for g in _children(c, "pobj")
        )
    return False


class EventExtractor:
    def __init__(self) -> None:
        self.rules = load_rules()

    def extract(self, article: Article, doc: Doc, mentions: list[Mention]) -> list[EventRecord]:
        return [rec for rec, _ in self.extract_with_signals(article, doc, mentions)]

    def extract_with_signals(
        self, article: Article, doc: Doc, mentions: list[Mention]
    ) -> list[tuple[EventRecord, dict[str, float]]]:
        """Records with the signals their confidence was computed from (for calibration)."""
        ctx = _Context(article, doc, mentions)
        found: list[_Event] = []
        for tok in doc:
            rule = self._rule(tok, ctx)
            if rule is None:
                continue
            found.extend(self._events(tok, rule, ctx))
        events = merge(found)
        self._referred_recipients(events, ctx)
        out = []
        for e in events:
            rec = e.record(ctx)
            out.append((rec, e.signals))
        return out

    def _referred_recipients(self, events: list[_Event], ctx: _Context) -> None:
        """ "The US condemned the arrest": whoever made the arrest is condemned."""
        for ev in events:
            if ev.recipient is not None or ev.type not in REFERRING:
                continue
            objs = [c for c in ev.tok.children if c.dep_ in ("dobj", "nsubjpass")]
            for obj in objs:
                rule = self._rule(obj, ctx)
                if rule is None or rule.type == ev.type:
                    continue
                told = [
                    m
                    for m in events
                    if m is not ev
                    and m.type == rule.type
                    and m.actor is not None
                    and (
                        ev.actor is None
                        or m.actor.data.get("entity") != ev.actor.data.get("entity")
                    )
                ]
                if told:
                    ref = min(told, key=lambda m: (m.tok.i > ev.tok.i, abs(m.tok.i - ev.tok.i)))
                    ev.recipient = ref.actor
                    break

    def _rule(self, tok: Token, ctx: _Context) -> Rule | None:
        if tok.i in ctx.name_tokens:
            return None
        pos = "VERB" if tok.pos_ == "VERB" else "NOUN" if tok.pos_ == "NOUN" else None
        if pos is None:
            return None
        lemma = tok.lemma_.lower()
        cands = self.rules.get((lemma, pos), [])
        if pos == "NOUN" and tok.i > 0:
            two = f"{tok.doc[tok.i - 1].lemma_.lower()} {lemma}"
            cands = self.rules.get((two, pos), []) + cands
        return _first_match(cands, tok, ctx.actor_at)

    def _events(self, tok: Token, rule: Rule, ctx: _Context) -> list[_Event]:
        doc = tok.doc
        trigger = [tok]
        anchor = tok  # the token whose subject is the actor
        if rule.pos == "NOUN":
            if tok.dep_ == "compound":
                return []  # "ground attack aircraft": a modifier, not an event
            head_rule = self._rule(tok.head, ctx) if tok.head.i != tok.i else None
            if head_rule is not None and head_rule.type == rule.type and head_rule.pos == "VERB":
                return []  # "setting up camps": the verb's event already
            noun = tok
            if (
                tok.dep_ == "pobj"
                and tok.head.lower_ == "of"
                and tok.head.head.lemma_.lower() in COUNTERS
            ):
                noun = tok.head.head
            head = noun.head
            if (
                noun.dep_ in ("dobj", "nsubjpass")
                and head.lemma_.lower() in ENDING
                and rule.type in ("ASSAULT", "PROTEST", "SANCTION", "COERCE", "MOBILIZE")
            ):
                rule = Rule(rule.lemma, rule.pos, rule.cond, "RETREAT", "ceasefire")
                trigger = [head, *[t for t in doc[head.i + 1 : tok.i + 1]]]
                anchor = head
            elif noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in LIGHT_VERBS:
                trigger = [head, *[t for t in doc[head.i + 1 : tok.i + 1]]]
                anchor = head
            elif tok.dep_ == "pobj" and head.head.i in ctx.actor_at:
                anchor = head.head  # "Mohib, in Moscow for security talks"
        else:
            trigger += [c for c in tok.children if c.dep_ == "prt"]
            if rule.type == "AGREE" and tok.lemma_.lower() in DECIDE:
                xs = [r for c in _children(tok, "xcomp") for r in [self._rule(c, ctx)] if r]
                if any(r.type in CONFLICT for r in xs):
                    return []  # "agreed to ban Belarusian airlines": the ban is the event
            if tok.dep_ == "xcomp" and rule.type not in CONFLICT:
                head_rule = self._rule(tok.head, ctx)
                if head_rule is not None and head_rule.type == "AGREE":
                    return []  # "agreed to meet": the agreement is the event
            subj = _children(tok, "nsubj")
            sub_rule = self._rule(subj[0], ctx) if subj else None
            if sub_rule is not None and sub_rule.type == rule.type and sub_rule.mode:
                # "an air strike destroyed…": the strike says how
                rule = Rule(rule.lemma, rule.pos, rule.cond, rule.type, sub_rule.mode)
        actors = self._actors(tok, anchor, rule, ctx)
        if actors is None:
            return []
        recipients = self._recipients(tok, rule, ctx) or [None]
        if (
            rule.pos == "NOUN"
            and not actors
            and recipients == [None]
            and tok.dep_ in ("dobj", "pobj")
            and tok.head.i != tok.i
        ):
            return []  # "to discuss the fighting in Afghanistan": talked of, not reported
        out = []
        for actor in actors or [None]:
            for rec in recipients:
                if actor is not None and rec is not None and _same_side(actor, rec):
                    rec = None
                out.append(_Event(rule, tok, trigger, actor, rec, ctx))
        return out

    # -- roles --------------------------------------------------------------
    def _actors(self, tok: Token, anchor: Token, rule: Rule, ctx: _Context) -> list[Mention] | None:
        """Actors of the event; None when the subject is a thing, not a party
        ("an earthquake struck")."""
        if rule.pos == "NOUN" and anchor is tok:
            found = self._noun_actors(tok, ctx)
            if found or not (tok.dep_ == "pobj" and tok.head.lower_ in ("for", "at", "during")):
                return found
            anchor = tok.head  # "…, in Moscow for security talks": the head's subject
        if anchor.i in ctx.actor_at:
            return [ctx.actor_at[anchor.i]]
        verb = anchor
        for _ in range(4):
            subj = _children(verb, "nsubj")
            agent = [p for a in _children(verb, "agent") for p in _children(a, "pobj")]
            if agent:
                return self._parties(agent[0], ctx)
            if not subj and _children(verb, "nsubjpass") and verb.dep_ not in ("xcomp", "ccomp"):
                return []  # "6,000 were injured": who did it is not said
            if subj and subj[0].i not in ctx.actor_at and self._rule(subj[0], ctx) is not None:
                # "An Israeli air strike destroyed the tower": the strike's maker acts
                return self._noun_actors(subj[0], ctx)
            if subj:
                s0 = subj[0]
                if s0.i not in ctx.actor_at and (s0.like_num or s0.ent_type_ == "CARDINAL"):
                    # "Hundreds of Afghan security force members have fled"
                    of = [
                        p
                        for c in _children(s0, "prep")
                        if c.lower_ == "of"
                        for p in _children(c, "pobj")
                    ]
                    if of:
                        s0 = of[0]
                parties = self._parties(s0, ctx)
                subj = [s0]
                if (
                    not parties
                    and subj[0].pos_ in ("NOUN", "PROPN")
                    and subj[0].i not in ctx.actor_at
                ):
                    return None  # a thing acts: no event
                return parties
            if verb.dep_ in ("relcl", "acl") and verb.head.i in ctx.actor_at:
                return self._parties(verb.head, ctx)
            if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in ORDER:
                verb = verb.head  # "a judge ordered Navalny to be held": the judge acts
                continue
            if verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in SUBJECT_CONTROL:
                # "urged the Taliban to resume talks": the one urged would act.
                obj = [o for o in _children(verb.head, "dobj") if o.i in ctx.actor_at]
                if obj:
                    return self._parties(obj[0], ctx)
            if verb.dep_ == "pcomp" and verb.head.lower_ in ("for", "of"):
                # "criticised the United States for withdrawing", "accused Pakistan of
                # failing": the one blamed or praised is who acts.
                obj = [o for o in _children(verb.head.head, "dobj") if o.i in ctx.actor_at]
                if obj:
                    return self._parties(obj[0], ctx)
            if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep", "acl", "acomp") or (
                verb.dep_ == "pobj" and verb.head.dep_ == "prep"
            ):
                verb = verb.head
                continue
            break
        return []

    def _noun_actors(self, tok: Token, ctx: _Context) -> list[Mention]:
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in ctx.actor_at:
                return [ctx.actor_at[c.i]]
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ == "NORP":
                # "an Israeli air strike", "Russian shelling": the state's forces
                rule = self._rule(tok, ctx)
                m = ctx.demonym_party(c, rule.type if rule else None)
                if m is not None:
                    return [m]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                pobj = _children(c, "pobj")
                if pobj:
                    return self._parties(pobj[0], ctx)
        return []

    def _parties(self, tok: Token, ctx: _Context) -> list[Mention]:
        out = []
        for t in [tok, *[c for c in tok.conjuncts]]:
            m = ctx.actor_at.get(t.i)
            if m is None and t.lower_ in ("it", "they", "who", "which"):
                m = ctx.antecedent(t)
            if m is not None and m not in out:
                out.append(m)
        return out

    def _recipients(self, tok: Token, rule: Rule, ctx: _Context) -> list[Mention]:
        out: list[Mention] = []
        heads = [tok]
        if rule.pos == "NOUN" and tok.head.lemma_.lower() in LIGHT_VERBS:
            heads.append(tok.head)
        for h in heads:
            for c in h.children:
                if c.dep_ in ("dobj", "dative", "nsubjpass", "oprd") and c.i != tok.i:
                    if c.lemma_.lower() in SPEECH_NOUNS and c.i not in ctx.actor_at:
                        # "US criticism": the critic is the recipient; "of Russia" is not
                        heads_of = [x for x in c.children if x.dep_ in ("poss", "compound", "amod")]
                        out += [
                            m for x in heads_of for m in ctx.actors_in(x) if m.data.get("country")
                        ]
                        continue
                    found = [m for m in ctx.actors_in(c, clause_only=True) if m.data.get("sector")]
                    named = [m for m in found if m.data.get("name") or m.data.get("country")]
                    out += self._distinct(named or found)
                elif c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS | {"of"}:
                    if c.lower_ == "of" and rule.pos != "NOUN":
                        continue
                    for p in _children(c, "pobj"):
                        found = [
                            m
                            for m in ctx.actors_in(p, clause_only=True)
                            if m.data.get("name") or m.data.get("country")
                        ]
                        if c.lower_ == "of":
                            found = [m for m in found if m.data.get("sector") == "GOV"]
                        out += found
        if not out and rule.type in PLACE_TARGET:
            objs = [c for h in heads for c in h.children if c.dep_ == "dobj"]
            out = self._place_targets(heads + objs, tok, ctx)
        return self._distinct(out)

    def _place_targets(self, heads: list[Token], tok: Token, ctx: _Context) -> list[Mention]:
        """A place as the target stands for its country's people or state."""
        from ..mentions import Mention

        out = []
        places = {m.i: m for m in ctx.in_sentence("place", tok) if m.data.get("country")}
        for h in heads:
            for c in _children(h, "prep", "dative"):
                if c.lower_ not in PLACE_TARGET_PREPS:
                    continue
                for p in _children(c, "pobj"):
                    for t in [p, *p.conjuncts]:
                        m = next((m for i, m in places.items() if i <= t.i < m.j), None)
                        if m is None:
                            continue
                        iso = m.data["country"]
                        is_country = m.data.get("precision") == "country"
                        out.append(
                            Mention(
                                "actor",
                                m.text,
                                m.start,
                                m.end,
                                m.sent,
                                m.i,
                                m.j,
                                {
                                    "name": m.data.get("name"),
                                    "country": iso,
                                    "sector": "GOV" if is_country else None,
                                    "entity": f"state:{iso}" if is_country else f"place:{iso}",
                                    "from_place": True,
                                },
                            )
                        )
        return out

    @staticmethod
    def _distinct(ms: list[Mention]) -> list[Mention]:
        seen, out = set(), []
        for m in ms:
            key = m.data.get("entity") or (m.i, m.j)
            if key not in seen:
                seen.add(key)
                out.append(m)
        return out


class _Context:
    """Look-ups over one article's parse and mentions."""

    def __init__(self, article: Article, doc: Doc, mentions: list[Mention]) -> None:
        self.article, self.doc, self.mentions = article, doc, mentions
        self.actor_at: dict[int, Mention] = {}
        self.name_tokens: set[int] = set()
        for m in mentions:
            if m.kind == "actor" and m.i >= 0:
                for i in range(m.i, m.j):
                    self.actor_at.setdefault(i, m)
                if m.data.get("name") or m.data.get("type") == "group":
                    self.name_tokens.update(range(m.i, m.j))
            if m.kind == "place" and m.i >= 0:
                self.name_tokens.update(range(m.i, m.j))
        self.by_kind: dict[str, list[Mention]] = {}
        for m in mentions:
            self.by_kind.setdefault(m.kind, []).append(m)
        self.pub: date | None = article.published
        self._lexicon: dict[int, str | None] = {}
        self._lemmas: dict[int, set[str]] = {}

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
                and m.data.get("sector")
                and (m.data.get("type") in ("group", None) or m.data.get("name"))
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
        from ..mentions import Mention
        from ..mentions.lexicon import load_lexicon

        iso = load_lexicon().demonym(tok.text)
        if iso is None:
            return None
        sector = DEMONYM_SECTOR.get(event_type or "", "GOV")
        start, end = self.raw(tok.idx, tok.idx + len(tok))
        return Mention(
            "actor",
            self.article.raw[start:end],
            start,
            end,
            sentence_index(self.doc, tok.i),
            tok.i,
            tok.i + 1,
            {"country": iso, "sector": sector, "entity": f"{iso}:{sector}:implied"},
        )

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


class _Event:
    def __init__(
        self,
        rule: Rule,
        tok: Token,
        trigger: list[Token],
        actor: Mention | None,
        recipient: Mention | None,
        ctx: _Context,
    ) -> None:
        self.rule, self.tok, self.trigger = rule, tok, trigger
        self.actor, self.recipient = actor, recipient
        self.type, self.mode = rule.type, rule.mode
        self.modality = _modality(tok, trigger)
        scope = _scope(tok, trigger)
        self.place = _pick_place(ctx, tok, scope, rule.type)
        self.date = _pick_date(ctx, tok, scope)
        self.quantity = _pick_quantity(ctx, tok, scope, actor, recipient)
        self.attribution = _pick_attribution(ctx, tok)
        s, e = ctx.raw(tok.sent.start_char, tok.sent.end_char)
        raw = ctx.article.raw
        while e > s and raw[e - 1].isspace():
            e -= 1
        ts = min(t.idx for t in trigger)
        te = max(t.idx + len(t) for t in trigger)
        trs, tre = ctx.raw(ts, te)
        self.evidence = [Evidence(s, e, raw[s:e], raw[trs:tre])]
        self.members = [tok]
        self.trigger_span = [trs, tre]
        self.ctx = ctx

    # the key that says two tellings are one action
    def key(self) -> tuple[Any, ...]:
        def party(m: Mention | None) -> Any:
            if m is None:
                return None
            return (
                (m.data.get("country"), m.data.get("sector"))
                if not m.data.get("name") or m.data.get("type") == "group"
                else m.data.get("entity")
            )

        if self.type in ("RETREAT", "MOBILIZE"):
            return (self.type, party(self.actor), None)
        return (self.type, party(self.actor), party(self.recipient))

    def exact_value(self) -> float | None:
        q = self.quantity
        return q.data["value"] if q is not None and q.data["qualifier"] == "exact" else None

    def record(self, ctx: _Context) -> EventRecord:
        spans: dict[str, list[int]] = {"trigger": self.trigger_span}
        actor = _party(self.actor, spans, "actor")
        recipient = _party(self.recipient, spans, "recipient")
        src = self.attribution.data["source"] if self.attribution is not None else {}
        if (
            actor is not None
            and actor.country is None
            and actor.sector in ("GOV", "MIL", "COP")
            and src.get("country")
            and src.get("sector") in ("GOV", "MIL", "COP")
        ):
            actor.country = src["country"]  # "government forces", said an Afghan official
        location = None
        if self.place is not None:
            p = self.place
            location = Place(
                p.text,
                p.data["name"],
                p.data.get("country"),
                p.data.get("admin1"),
                p.data.get("lat"),
                p.data.get("lon"),
                p.data.get("geonameid"),
                p.data.get("precision", "country"),
            )
            spans["location"] = [p.start, p.end]
            if (
                self.type == "CONSULT"
                and recipient is None
                and actor is not None
                and location.country
                and location.country != actor.country
            ):
                # "Mohib, in Moscow for security talks": talks with the host
                recipient = Party(
                    p.text,
                    location.country and ctx.country_name(location.country),
                    location.country,
                    "GOV",
                )
                self.mode = self.mode or "visit"
        elif (
            actor is not None
            and actor.country
            and self.type in DOMESTIC
            and actor.sector in ("GOV", "MIL", "COP")
            and not (self.type == "AID" and self.tok.lemma_.lower() in SENDING)
            and not (self.type == "AID" and recipient is not None and recipient.sector == "GOV")
        ):
            # No place stated: a state's own action is in its country (country precision).
            name = ctx.country_name(actor.country)
            if name:
                location = Place(name, name, actor.country, None, None, None, None, "country")
        when = None
        if self.date is not None:
            when = DateValue(self.date.data["value"], self.date.data["precision"])
            spans["date"] = [self.date.start, self.date.end]
        elif ctx.pub is not None:
            when = DateValue(ctx.pub.isoformat(), "day")
        qty = None
        if self.quantity is not None:
            q = self.quantity
            qty = Quantity(q.data["value"], q.data["qualifier"], q.data.get("unit"), q.text)
            spans["quantity"] = [q.start, q.end]
        att = None
        if self.attribution is not None:
            a = self.attribution
            src = a.data["source"]
            att = Attribution(src.get("refers_to") or src.get("name") or src["text"], a.text)
            spans["attribution"] = [a.start, a.end]
        p_type = self._typing()
        top = max(self.p_types, key=self.p_types.__getitem__) if self.p_types else self.type
        self.signals = {
            "p_type": round(p_type, 4),
            "model_agrees": float(top == self.type),
            "has_actor": float(actor is not None),
            "has_recipient": float(recipient is not None),
            "verbal": float(self.rule.pos == "VERB"),
            "tellings": float(min(len(self.evidence), 4)),
            "asserted": float(self.modality == "asserted"),
            "has_place": float(self.place is not None),
            "has_date": float(self.date is not None),
        }
        confidence = confidence_score(self.signals)
        v = views(
            self.type,
            self.mode,
            actor.sector if actor else None,
            recipient.sector if recipient else None,
            ctx.lemmas(self.tok),
        )
        return EventRecord(
            article_id=ctx.article.id,
            event_type=self.type,
            evidence=self.evidence[0],
            mode=self.mode,
            actor=actor,
            recipient=recipient,
            location=location,
            date=when,
            quantity=qty,
            attribution=att,
            modality=self.modality,
            confidence=confidence,
            spans=spans,
            quad=v.quad,
            cameo_root=v.cameo_root,
            acled_subtype=v.acled_subtype,
            acled_event_type=v.acled_event_type,
        )

    def _typing(self) -> float:
        """The typing model's probability of this event's type; fills a missing mode
        when the model is sure of it."""
        models = load_models()
        self.p_types: dict[str, float] = {}
        if models is None:
            return 0.5
        sent = self.tok.sent

        def span(m: Mention | None) -> tuple[int, int] | None:
            if m is None or not (sent.start <= m.i < sent.end):
                return None
            return sent.doc[m.i].idx, sent.doc[m.j - 1].idx + len(sent.doc[m.j - 1])

        anchor = self.trigger[0]
        feats = features(sent, anchor, span(self.actor), span(self.recipient), self.ctx.lexicon)
        self.p_types = models.proba(feats)
        if self.mode is None:
            guess, share = models.mode(self.type, feats)
            if guess is not None and share >= MODE_SHARE:
                self.mode = guess
        return self.p_types.get(self.type, 0.0)


# Verbs whose subject, not their object, does what their to-clause says ("promised
# Kabul to send aid": the promiser sends).
SUBJECT_CONTROL = {"promise", "pledge", "vow", "threaten", "offer", "agree"}


def _same_side(a: Mention, b: Mention) -> bool:
    """One party, or one state's side twice ("Russia recalled its ambassador")."""
    da, db = a.data, b.data
    if da.get("entity") == db.get("entity"):
        return True
    named_people = da.get("type") == "person" and db.get("type") == "person"
    state_arms = ("GOV", "MIL", "COP")
    for x, y in ((da, db), (db, da)):
        if (
            str(x.get("entity")).startswith("state:")
            and y.get("country") == x.get("country")
            and y.get("sector") in state_arms
            and not y.get("name")
        ):
            return True  # "the United States withdrew its troops"
    return (
        not named_people
        and da.get("country") is not None
        and da.get("country") == db.get("country")
        and da.get("sector") == db.get("sector")
        and (not da.get("name") or not db.get("name") or str(da.get("entity")).startswith("state:"))
    )


def _party(m: Mention | None, spans: dict[str, list[int]], key: str) -> Party | None:
    if m is None:
        return None
    spans[key] = [m.start, m.end]
    return Party(
        m.text, m.data.get("name"), m.data.get("country"), m.data.get("sector"), m.data.get("org")
    )


def _scope(tok: Token, trigger: list[Token]) -> set[int]:
    head = trigger[0]
    return {t.i for t in head.subtree} | {t.i for t in tok.subtree}


def _modality(tok: Token, trigger: list[Token]) -> str:
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
    if any(c.dep_ == "neg" for t in negated_at for c in t.children):
        return "negated"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        return "hypothetical"
    sent_has_if = any(
        t.lower_ in ("if", "unless") and t.dep_ in ("mark", "advmod") for t in verb.sent
    )
    if aux & {"would", "could"} and sent_has_if:
        return "conditional"
    for t in chain[1:]:
        lemma = t.lemma_.lower()
        if lemma in CONSIDER:
            return "considered"
        if lemma in PROMISE:
            return "promised"
        if lemma in PLAN or t.lower_ == "plan":
            return "planned" if lemma in ("plan", "schedule", "prepare") else "intended"
    if aux & {"would"}:
        return "intended"
    if aux & {"will", "shall", "'ll"}:
        return "planned"
    if aux & {"may", "might", "could"}:
        return "hypothetical"
    return "asserted"


def _pick_place(ctx: _Context, tok: Token, scope: set[int], event_type: str = "") -> Mention | None:
    places = [m for m in ctx.in_sentence("place", tok) if m.data.get("role") == "event"]
    best, best_rank = None, -1
    anchors = {tok.i, tok.head.i} | {
        c.i for c in tok.children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")
    }
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
        if m.i not in scope:
            continue
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
        if prep is not None and prep.head.i not in anchors:
            continue
        locative = prep is not None and (
            prep.lower_ in LOCATIVE or (prep.lower_ == "to" and event_type in DESTINATION)
        )
        direct = root.dep_ == "dobj" and root.head.i == tok.i
        if not (locative or direct):
            continue
        rank = PRECISION_RANK.get(m.data.get("precision"), 0)
        if rank > best_rank:
            best, best_rank = m, rank
    return best


def _same_clause(ctx: _Context, tok: Token, i: int) -> bool:
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


def _relative_date(ctx: _Context, tok: Token) -> Mention | None:
    """'…, coming two days after the United States vacated Bagram': Sunday minus two."""
    from datetime import timedelta

    from ..mentions import Mention as _M
    from ..mentions.dates import first_number

    t = tok
    for _ in range(3):
        if t.dep_ in ("pcomp", "pobj") and t.head.lower_ in ("after", "before"):
            prep = t.head
            span = [c for c in prep.children if c.dep_ == "npadvmod"]
            span += [c for c in prep.head.children if c.dep_ == "npadvmod" and c.i < prep.i]
            for unit in span:
                n = first_number([c.lower_ for c in unit.children if c.dep_ == "nummod"])
                days = {"day": 1, "week": 7}.get(unit.lemma_.lower())
                if n is None or days is None:
                    continue
                outside = [
                    m
                    for m in ctx.in_sentence("date", tok)
                    if m.data["precision"] == "day" and not (prep.i <= m.i <= prep.right_edge.i)
                ]
                if not outside:
                    return None
                base = date.fromisoformat(outside[0].data["value"])
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
                    {"value": value.isoformat(), "precision": "day", "relative": True},
                )
        t = t.head
    return None


def _pick_date(ctx: _Context, tok: Token, scope: set[int]) -> Mention | None:
    shifted = _relative_date(ctx, tok)
    if shifted is not None:
        return shifted
    dates = ctx.in_sentence("date", tok)
    inside = [m for m in dates if m.i in scope and _same_clause(ctx, tok, m.i)]
    if inside:
        return min(inside, key=lambda m: abs(m.i - tok.i))
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


def _pick_quantity(
    ctx: _Context, tok: Token, scope: set[int], actor: Mention | None, recipient: Mention | None
) -> Mention | None:
    qs = [
        m
        for m in ctx.in_sentence("quantity", tok)
        if m.i in scope
        or (actor is not None and actor.i - 3 <= m.i < actor.j)
        or (recipient is not None and recipient.i - 3 <= m.i < recipient.j)
    ]
    qs = [m for m in qs if m.data.get("unit")]
    if not qs:
        return None
    return min(qs, key=lambda m: abs(m.i - tok.i))


def _pick_attribution(ctx: _Context, tok: Token) -> Mention | None:
    start = ctx.raw(tok.idx, tok.idx + len(tok))[0]
    inside = [
        m
        for m in ctx.by_kind.get("attribution", [])
        if m.data["clause_start"] <= start < m.data["clause_end"]
    ]
    if not inside:
        return None
    return min(inside, key=lambda m: m.data["clause_end"] - m.data["clause_start"])


def merge(events: list[_Event]) -> list[_Event]:
    """One event per real action.

    - the content of a promise is the promise ("Putin assured Rakhmon that Moscow would
      support…" is one AGREE, promised);
    - the same type between the same parties in one article is one event, and so is the
      same type by the same actor in one sentence ("spoke … by phone to discuss");
    - a telling without parties ("Sunday's retreats") joins the nearest earlier event of its
      type within two sentences, and is dropped when nothing places or dates it.
    """
    promises = [e for e in events if e.type == "AGREE" and e.tok.lemma_.lower() in PROMISE]
    kept = []
    for ev in events:
        outer = next(
            (
                p
                for p in promises
                if p is not ev
                and ev.tok.i
                in {t.i for c in p.tok.children if c.dep_ == "ccomp" for t in c.subtree}
            ),
            None,
        )
        if outer is not None:
            outer.modality = "promised"
            _absorb(outer, ev)
            continue
        kept.append(ev)
    merged: list[_Event] = []
    by_key: dict[tuple[Any, ...], _Event] = {}
    orphans: list[_Event] = []
    for ev in kept:
        if ev.actor is None and ev.recipient is None:
            orphans.append(ev)
            continue
        key = ev.key()
        same_sentence = next(
            (
                m
                for m in merged
                if m.type == ev.type
                and m.key()[1] == key[1]
                and m.tok.sent.start == ev.tok.sent.start
            ),
            None,
        )
        if key in by_key and _compatible(by_key[key], ev):
            _absorb(by_key[key], ev)
        elif (
            same_sentence is not None
            and (same_sentence.recipient is None or ev.recipient is None)
            and (
                _compatible(same_sentence, ev)
                or ev.tok.head.i in {t.i for t in same_sentence.members}
            )
        ):
            if same_sentence.recipient is None:
                same_sentence.recipient = ev.recipient
            _absorb(same_sentence, ev)
        else:
            by_key[key] = ev
            merged.append(ev)
    for ev in orphans:
        earlier = [
            (t.i, m)
            for m in merged
            if m.type == ev.type
            for t in m.members
            if t.i < ev.tok.i and _sentence_gap(t, ev.tok) <= 2
        ]
        if earlier:
            _absorb(max(earlier, key=lambda x: x[0])[1], ev)
        elif ev.date is not None or ev.place is not None or ev.quantity is not None:
            merged.append(ev)
    # "he was detained" tells "police detained Navalny" again, without the police
    for ev in list(merged):
        if ev.actor is not None or ev.recipient is None:
            continue
        who = ev.recipient.data.get("entity")
        same = [
            m
            for m in merged
            if m is not ev
            and m.type == ev.type
            and m.actor is not None
            and m.recipient is not None
            and m.recipient.data.get("entity") == who
            and _compatible(m, ev)
        ]
        if same:
            _absorb(min(same, key=lambda m: abs(m.tok.i - ev.tok.i)), ev)
            merged.remove(ev)
    merged.sort(key=lambda e: e.evidence[0].start)
    return merged


def _compatible(a: _Event, b: _Event) -> bool:
    """Tellings of one action: the same kind of act (the same trigger word, a noun naming
    it, or for troop movements the same mode), and no two different exact figures
    ("six districts", "26 districts" are two actions)."""
    va, vb = a.exact_value(), b.exact_value()
    if va is not None and vb is not None and va != vb:
        return False
    lemmas = {t.lemma_.lower() for t in a.members}
    if b.tok.lemma_.lower() in lemmas or b.rule.pos == "NOUN" or a.rule.pos == "NOUN":
        return True
    return a.type in ("RETREAT", "MOBILIZE") and a.mode == b.mode


def _sentence_gap(a: Token, b: Token) -> int:
    return abs(sentence_index(b.doc, b.i) - sentence_index(a.doc, a.i))


def _absorb(into: _Event, other: _Event) -> None:
    into.evidence.extend(other.evidence)
    into.members.extend(other.members)
    if other.quantity is not None and (
        into.quantity is None
        or QUALIFIER_RANK.get(other.quantity.data["qualifier"], 0)
        > QUALIFIER_RANK.get(into.quantity.data["qualifier"], 0)
    ):
        into.quantity = other.quantity
    if other.date is not None and (
        into.date is None
        or (into.date.data["precision"] != "day" and other.date.data["precision"] == "day")
    ):
        into.date = other.date
    if other.place is not None and (
        into.place is None
        or PRECISION_RANK.get(other.place.data.get("precision"), 0)
        > PRECISION_RANK.get(into.place.data.get("precision"), 0)
    ):
        into.place = other.place
    if into.attribution is None:
        into.attribution = other.attribution


_EXTRACTOR: EventExtractor | None = None


def extract_events(article: Article, doc: Doc, mentions: list[Mention]) -> list[EventRecord]:
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = EventExtractor()
    return _EXTRACTOR.extract(article, doc, mentions)


def lexicon_rule(tok: Token) -> Rule | None:
    """The trigger lexicon's rule for a token, without the article's mentions."""
    pos = "VERB" if tok.pos_ == "VERB" else "NOUN" if tok.pos_ == "NOUN" else None
    if pos is None:
        return None
    return _first_match(load_rules().get((tok.lemma_.lower(), pos), []), tok, {})


def _first_match(cands: list[Rule], tok: Token, actor_at: dict[int, Mention]) -> Rule | None:
    """The first rule that applies; an exception line (type "-") says "no event"."""
    for rule in cands:
        if _matches(rule, tok, actor_at):
            return None if rule.type == "-" else rule
    return None


def lexicon_type(tok: Token) -> str | None:
    rule = lexicon_rule(tok)
    return rule.type if rule is not None else None
