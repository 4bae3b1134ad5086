"""What a party says it will not do is a refusal, whatever the act.

"South Ossetian officials said they would not participate", "Sanford said he won't spend
$700 million in federal stimulus cash", "we will not be seeking the use of these federal
funds": the speaker turns down what was asked or expected of it (PLOVER REJECT), though
no trigger line knows "participate" or "spend". `triggers.refused` reads the same
construction over acts the lexicon does know ("will not accept": REJECT); this reads it
over the verbs it does not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .triggers import Rule, children
from .words import REFUSAL_AUX, UNWILLED, WITHHELD

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .context import Context

# Pronouns of a party that speaks of its own acts: resolved or not, someone stands behind
# the refusal ("they would not participate"); "it" is as often a thing ("it won't have time").
PARTY_PRONOUNS = frozenset({"i", "we", "he", "she", "they"})
# Verbs whose negated future refuses nothing (asked of every token no trigger line knows).
NO_REFUSAL = UNWILLED | WITHHELD


def refused_act(tok: Token, ctx: Context) -> Rule | None:
    """A REJECT rule for a verb no trigger line knows, told negated with "will"/"would"
    (`REFUSAL_AUX`) of a party subject: the text's named party or a personal pronoun.
    Not a passive ("he will not be forgotten"), a verb no one wills (`UNWILLED`: "I would
    not expect it"), information withheld (`WITHHELD`: "would not comment"), a past
    counterfactual ("would not have screwed up"), a relative clause ("work that people
    would not do"), a condition ("if they would not pay") or a question."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() in NO_REFUSAL:
        return None
    if tok.dep_ in ("relcl", "acl", "amod", "advcl", "pcomp") or children(
        tok, "auxpass", "nsubjpass"
    ):
        return None
    if not children(tok, "neg"):
        return None
    aux = [c.lower_ for c in children(tok, "aux")]
    if not any(a in REFUSAL_AUX for a in aux) or "have" in aux:
        return None  # "would not have screwed up": what did not happen, no stance
    if any(c.dep_ == "mark" for c in tok.children) or tok.doc[tok.sent.end - 1].text == "?":
        return None
    subj = children(tok, "nsubj")
    if not subj or not (subj[0].i in ctx.actor_at or subj[0].lower_ in PARTY_PRONOUNS):
        return None
    return Rule(tok.lemma_.lower(), "VERB", "-", "REJECT", None)
