"""Trigger rules: the lexicon in `data/events/triggers.tsv` over lemmas, and whether a
rule's condition holds for a token of the parse.

This module needs neither the typing model nor the extractor, so both can use it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ..mentions.records import doc_text
from ..wordclasses import word_classes
from .words import (
    ABLE_AUX,
    CONTAINERS,
    DECIDE,
    ENDING,
    FAIL_TO,
    LIGHT_VERBS,
    OFFER_STATES,
    PROMISE,
    REFUSABLE,
    REFUSAL_AUX,
)
from .words import (
    FILE as WORDS_FILE,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..mentions import Mention


ALTERNATIVES_FILE = "data/events/type_alternatives.tsv"


@dataclass(frozen=True)
class Rule:
    lemma: str
    pos: str
    cond: str  # "-" | "prt:" "prep:" "obj:" "pobj:" "dep:" "head:" "comp:" "clause:"
    # "label:" "as:" "next:" "prev:" + "x|y" or "@CLASS" (a class of data/events/words.tsv)
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


def alternatives_text() -> str:
    """The other types labelled sentences give a written trigger word, mined by
    `training/mine_triggers.py --alternatives` (`data/events/type_alternatives.tsv`)."""
    path = resources.files("wirewatch").joinpath(ALTERNATIVES_FILE)
    return path.read_text("utf-8") if path.is_file() else ""


@lru_cache(maxsize=1)
def load_alternatives() -> dict[tuple[str, str], frozenset[str]]:
    """(lemma, pos) -> the types besides its lines' that labelled news gives the word
    ("signed an agreement" is AGREE by the lexicon, SUPPORT in PLV_train): candidates the
    typing model may choose among (`decide.candidate_types`), never a type by itself."""
    out: dict[tuple[str, str], set[str]] = {}
    for ln in alternatives_text().splitlines():
        if not ln.strip() or ln.startswith(("#", "lemma\t")):
            continue
        lemma, pos, etype = ln.split("\t")[:3]
        out.setdefault((lemma, pos), set()).add(etype)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def condition_words(values: str) -> frozenset[str]:
    """A condition's words: "x|y", where any alternative may be "@CLASS" for a class of
    `data/events/words.tsv` (one list of condemnation words serves "be" and "call" alike;
    "@PLACE_NOUN|checkpoint" adds words to a class). An unknown class is an error of the
    table, said with its name, not a KeyError in the middle of an article."""
    classes = word_classes(WORDS_FILE)
    out: set[str] = set()
    for value in values.split("|"):
        if not value.startswith("@"):
            out.add(value)
        elif value[1:] in classes:
            out |= classes[value[1:]]
        else:
            raise ValueError(
                f"data/events/triggers.tsv names the word class {value!r}, which "
                f"data/events/words.tsv does not have: add the class or fix the line"
            )
    return frozenset(out)


def naming_words(tok: Token, as_only: bool = False) -> list[Token]:
    """The words of the name a verb of naming gives: its complements and an "as" phrase
    (only the "as" phrase with `as_only`: "described the abuse he endured" names
    nothing), with their modifiers and conjuncts but not their own clauses. The parser
    reads "called Orozco 'the scum of the earth'" as two predicates, "called the order
    'tyranny' and unconstitutional" as an object with a conjunct, "called the findings
    troubling" as an object with its modifier, "labeling him an obstructionist" as
    dative and object, so no one relation holds the name."""
    heads = [] if as_only else children(tok, "dobj", "oprd", "attr", "acomp", "dative")
    heads += [g for c in children(tok, "prep") if c.lower_ == "as" for g in children(c, "pobj")]
    out: list[Token] = []
    todo = list(heads)
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.dep_ not in ("relcl", "acl", "ccomp", "advcl")]
    return out


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _of_time(prep: Token) -> bool:
    """Is the preposition's object a date or a time ("on Thursday", "at dawn")?"""
    return any(g.ent_type_ in ("DATE", "TIME") for g in children(prep, "pobj"))


def matches(rule: Rule, tok: Token, actor_at: dict[int, Mention]) -> bool:
    if rule.cond == "-":
        return True
    kind, _, values = rule.cond.partition(":")
    allowed = condition_words(values)
    if kind == "prt":
        return any(c.lower_ in allowed for c in children(tok, "prt", "prep"))
    if kind == "prep":
        # a preposition of time says when, not at whom ("fired on Thursday")
        return any(c.lower_ in allowed and not _of_time(c) for c in children(tok, "prep"))
    if kind == "obj":
        objs = children(tok, "dobj", "nsubjpass", "oprd", "dative")
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and not children(tok, "dobj", "oprd"):
            objs.append(tok.head)  # "a photo released by the police": the noun is the object
        if "*person" in allowed:
            # the object's own words, not the verb's clause it may hold ("missiles fired
            # by Iran": "Iran" is the doer, not the one fired)
            own = {t.i for t in tok.subtree}
            for o in objs:
                for t in o.subtree:
                    if t.i in own and o.i not in own:
                        continue
                    m = actor_at.get(t.i)
                    if m is not None and (
                        m.as_actor.type == "person"
                        or (m.as_actor.sector == "GOV" and t.pos_ == "PROPN")
                    ):
                        return True
            return False
        objs += [c for o in objs for c in o.conjuncts]  # "moved tanks and troops"
        # "sent trucks of food": what a container noun holds counts as the object
        objs += [
            p
            for o in objs
            if o.lemma_.lower() in CONTAINERS or o.like_num or o.pos_ == "NUM"
            for c in children(o, "prep")
            if c.lower_ == "of"
            for g in children(c, "pobj")
            for p in [g, *g.conjuncts]
        ]
        # "gave $2 million": the parser heads a sum on its number and hangs the currency
        # sign from it, so the sign stands for the object ("$" in a line's words)
        objs += [
            c for o in objs if o.like_num or o.pos_ == "NUM" for c in o.children if c.tag_ == "$"
        ]
        return any(
            o.lemma_.lower() in allowed or o.lower_ in allowed or written_whole(o) in allowed
            for o in objs
        )
    if kind == "dep":
        # '"…?" he asked' (ccomp); "x+y": all of them, as "called the move unjust" (dobj+oprd)
        deps = {c.dep_ for c in tok.children}
        if "+" in values:
            return set(values.split("+")) <= deps
        return bool(deps & allowed)
    if kind == "comp":
        # "the allegations are baseless", "called the charges unfounded": what it is said to be
        return any(c.lemma_.lower() in allowed for c in children(tok, "acomp", "oprd", "attr"))
    if kind in ("next", "prev"):
        # fixed phrases the parse splits many ways: "pleads not guilty" (the adjective
        # read as acomp, xcomp, or a modifier of the next noun), "a not guilty plea"
        doc = tok.doc
        if kind == "next":
            words = [t.lower_ for t in doc[tok.i + 1 : tok.i + 4]]
            return any(words[: len(a.split())] == a.split() for a in allowed)
        words = [t.lower_ for t in doc[max(0, tok.i - 3) : tok.i]]
        return any(words[len(words) - len(a.split()) :] == a.split() for a in allowed)
    if kind in ("label", "as"):
        # "called the order 'tyranny'", "labeling him an obstructionist": the name given;
        # "as": only in an "as" phrase ("described the policy as ethnic cleansing")
        return any(w.lemma_.lower() in allowed for w in naming_words(tok, kind == "as"))
    if kind == "clause":
        # "asked the judge whether …", "was asked if he understood": a clause its
        # subordinator introduces (the parser hangs an "if" clause as ccomp or advcl)
        return any(
            m.dep_ == "mark" and m.lower_ in allowed
            for c in children(tok, "ccomp", "advcl")
            for m in c.children
        )
    if kind == "attr":
        # "is now the main suspect in the slaying": the word is what its subject is said
        # to be (not "the suspect was a man", where it is the subject)
        return tok.dep_ == "attr" and tok.head.lemma_.lower() in allowed
    if kind == "head":
        # "went on strike", "workers on strike": the word it hangs from (a preposition)
        return tok.head.i != tok.i and tok.head.lower_ in allowed
    if kind == "pobj":
        # "held in custody", "put under house arrest"
        return any(
            g.lemma_.lower() in allowed for c in children(tok, "prep") for g in children(c, "pobj")
        )
    return False


def first_match(cands: list[Rule], tok: Token, actor_at: dict[int, Mention]) -> Rule | None:
    """The first rule that applies; an exception line (type "-") says "no event"."""
    for rule in cands:
        if matches(rule, tok, actor_at):
            return None if rule.type == "-" else rule
    return None


def written_whole(tok: Token) -> str | None:
    """The one word a hyphenated compound ends in `tok` spells, without its hyphen:
    "cease-fire" (the spelling of AP and many wires, which the parser splits into
    "cease", "-", "fire") is the lexicon's "ceasefire", as "cease-fires" is; None when the
    token ends no such compound."""
    if tok.i < 2 or doc_text(tok.doc)[tok.idx - 1 : tok.idx] != "-":
        return None  # most tokens: no hyphen glued before them (read off the text)
    hyphen, first = tok.doc[tok.i - 1], tok.doc[tok.i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or first.whitespace_ or not first.is_alpha:
        return None
    return first.lower_ + tok.lemma_.lower()


def rule_pos(tok: Token) -> str | None:
    """The lexicon part of speech a token is looked up as: a verb, a noun, or a "be" that
    is its clause's own verb ("could have been behind the blast"; spaCy tags it AUX), so
    a line for "be" can state a construction of it; "be" as a helper verb never is."""
    if tok.pos_ == "VERB" or (
        tok.pos_ == "AUX" and tok.lemma_ == "be" and tok.dep_ not in ("aux", "auxpass")
    ):
        return "VERB"
    return "NOUN" if tok.pos_ == "NOUN" else None


# `trigger_heads` of each rule table asked about, with the table (so its id stays its own).
_HEADS: dict[int, tuple[dict, frozenset[str]]] = {}


def trigger_heads(rules: dict[tuple[str, str], list[Rule]]) -> frozenset[str]:
    """The words a line of `rules` can end with (a line's lemma and each ending of it
    after a space, "strike" of "air strike"): `trigger_rule` passes over any other word
    without reading its part of speech (nine words in ten of an article)."""
    found = _HEADS.get(id(rules))
    if found is None or found[0] is not rules:
        heads = set()
        for lemma, _ in rules:
            heads.add(lemma)
            heads.update(lemma[k + 1 :] for k, c in enumerate(lemma) if c == " ")
        if len(_HEADS) >= 8:
            _HEADS.clear()
        found = _HEADS[id(rules)] = (rules, frozenset(heads))
    return found[1]


def trigger_rule(
    tok: Token,
    name_tokens: set[int],
    actor_at: dict[int, Mention],
    rules: dict[tuple[str, str], list[Rule]] | None = None,
) -> Rule | None:
    """The rule a token triggers in an article: never inside a name; a noun may also
    match with the word before it ("air strike")."""
    if tok.i in name_tokens:
        return None
    rules = load_rules() if rules is None else rules
    lemma = tok.lemma_.lower()
    whole = written_whole(tok)
    heads = trigger_heads(rules)
    if lemma not in heads and whole not in heads:
        return None  # most words of an article: no line ends with them
    pos = rule_pos(tok)
    if pos is None:
        return None
    cands = rules.get((lemma, pos), [])
    if whole is not None:
        cands = rules.get((whole, pos), []) + cands
    if pos == "NOUN" and tok.i > 0:
        two = f"{tok.doc[tok.i - 1].lemma_.lower()} {lemma}"
        cands = rules.get((two, pos), []) + cands
    rule = first_match(cands, tok, actor_at)
    return None if rule is None else read_construction(tok, rule)


def read_construction(tok: Token, rule: Rule) -> Rule:
    """The rule as the construction around the token reads it: a refusal ("will not
    accept": REJECT) or an offer ("is willing to withdraw": AGREE) retypes it."""
    if refused(tok, rule):
        return Rule(rule.lemma, rule.pos, rule.cond, "REJECT", None)
    if offered(tok, rule):
        return Rule(rule.lemma, rule.pos, rule.cond, "AGREE", None)
    return rule


def offered(tok: Token, rule: Rule) -> bool:
    """An act of yielding or cooperating its doer says it is willing or ready to do is an
    offer (PLOVER AGREE): "Israel was willing to withdraw its troops", "she was ready to
    cooperate with the investigation" (real-news dev gold AGREE/COOPERATE). In PLV_train
    such sentences are AGREE; negated ("is not willing to") they are refusals (`refused`)."""
    if rule.pos != "VERB" or rule.type.lower() not in REFUSABLE or tok.dep_ != "xcomp":
        return False
    state = tok.head
    return state.lemma_.lower() in OFFER_STATES and state.dep_ in ("acomp", "amod")


# The auxiliaries of a refusal: "will not", "won't", "can't" (`refused`).
STANCE_AUX = REFUSAL_AUX | ABLE_AUX


def refused(tok: Token, rule: Rule) -> bool:
    """An act of yielding or cooperating its doer says it will not do is a refusal
    (PLOVER REJECT): "will not lift the ban", "won't accept refugees", "will never
    release them", and a noun so told by its verb: "will not end the strike", "will not
    hold talks", and one vowed or decided: "vowing not to resume negotiations". In
    PLV_train 23 of the 27 sentences with "will not" are REJECT. Only a future,
    conditional or able negation counts (`REFUSAL_AUX`, `ABLE_AUX`): "did not release the
    name" is what did not happen, not a refusal."""
    verb = tok
    if rule.pos == "NOUN":
        if tok.dep_ not in ("dobj", "nsubjpass") or tok.head.i == tok.i:
            return False
        verb = tok.head
        head = verb.lemma_.lower()
        if head not in ENDING and not (head in LIGHT_VERBS and rule.type.lower() in REFUSABLE):
            return False
    elif rule.type.lower() not in REFUSABLE:
        return False
    vowed = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PROMISE | DECIDE
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in FAIL_TO and rule.type == "AGREE":
        return True  # "failed to reach agreement": no agreement, each side refusing the other's
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in OFFER_STATES:
        state = verb.head  # "is not willing to withdraw": the offer refused
        return any(c.dep_ == "neg" for c in [*state.children, *state.head.children])
    return any(c.dep_ == "neg" for c in verb.children) and (
        vowed or any(c.dep_ == "aux" and c.lower_ in STANCE_AUX for c in verb.children)
    )


def lexicon_rule(tok: Token) -> Rule | None:
    """The trigger lexicon's rule for a token, without the article's mentions."""
    pos = rule_pos(tok)
    if pos is None:
        return None
    return first_match(load_rules().get((tok.lemma_.lower(), pos), []), tok, {})


def lexicon_type(tok: Token) -> str | None:
    """The type of the word's own line (no reading of the construction around it)."""
    rule = lexicon_rule(tok)
    return rule.type if rule is not None else None


def lexicon_reading(tok: Token) -> str | None:
    """The type the rules read for a token without the article's mentions: its line's,
    unless the construction makes it a refusal ("will not accept": REJECT) or an offer
    ("is willing to withdraw": AGREE), as `trigger_rule` reads it. The typing model gets
    it as a feature: the word's line alone would tell it "accept" is AGREE."""
    rule = lexicon_rule(tok)
    return None if rule is None else read_construction(tok, rule).type
