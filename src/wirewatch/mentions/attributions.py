"""Attributions: who says what. Candidates are "according to X" and speech verbs with a
subject ("X said…"); each is then tied to the party it names, or for "it"/"they" to the
source before."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from .payloads import AttributionPayload, Source
from .records import Mention, mention, per_parse, raw_span
from .vocab import PERSON_PRONOUNS, SPEAKER_PRONOUNS, SPEECH_SETTINGS, SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..ingest.article import Article

# A claim: (the source's words, the whole attribution, the clause attributed, the verb).
Claim = tuple["Span", "Span", "Span", str]


def find_attributions(article: Article, doc: Doc, actors: list[Mention]) -> list[Mention]:
    out = []
    last: Source | None = None
    speaker: tuple[Source, int] | None = None
    for src, whole, clause, verb in claims(doc):
        m, last = attribution(article, doc, src, whole, clause, verb, actors, last)
        m, speaker = carry_speaker(m, src, actors, speaker)
        out.append(m)
    return out


def claims(doc: Doc) -> tuple[Claim, ...]:
    """The attributions of a parse, in text order; found once per parse (kept in
    `doc.user_data`): the attributions pass and the first-person pass of `coreference`
    both read them."""
    return per_parse(doc, "_ww_claims", lambda d: tuple(_scan_claims(d)))


def _scan_claims(doc: Doc) -> Iterator[Claim]:
    for tok in doc:
        if tok.lemma_ == "accord" and tok.lower_ == "according":
            claim = _according_to(tok)
        elif tok.pos_ == "VERB" and tok.lemma_ in SPEECH_VERBS:
            claim = _speech(tok)
        else:
            continue
        if claim is not None:
            yield claim


def _according_to(tok: Token) -> Claim | None:
    doc = tok.doc
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if pobj is None:
        return None
    src = doc[pobj.left_edge.i : pobj.right_edge.i + 1]
    clause = without(tok.sent, doc[tok.i : src.end])
    return src, doc[tok.i : src.end], clause, "according to"


def _speech(tok: Token) -> Claim | None:
    doc = tok.doc
    # "Jackson, who lived alone, hoarded packages, county Sheriff Robert Beegle said": of
    # two subjects the parser hangs on the verb, the speaker is the one next to it
    subj = next((c for c in reversed(list(tok.lefts)) if c.dep_ == "nsubj"), None)
    subj = subj or next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None and tok.i > 0 and doc[tok.i - 1].lower_ == ",":
        # "…, reported Irakli Chitanava, a manager": the speaker after the verb, parsed
        # as its object
        subj = next(
            (c for c in tok.children if c.dep_ == "dobj" and c.ent_type_ in ("PERSON", "ORG")),
            None,
        )
    shared = subj is None and tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX")
    if shared and not _claims_made(tok):
        return None
    if shared:
        # "Separatist officials accuse Georgia of amassing armor … and say they have
        # evacuated women": the speaker is the subject of the verb "say" is joined to,
        # unless a speech verb between says who speaks ("members used various routes to
        # flee, he said, but added that …": he)
        between = [
            t for t in doc[tok.head.i + 1 : tok.i] if t.pos_ == "VERB" and t.lemma_ in SPEECH_VERBS
        ]
        speaker = between[-1] if between else tok.head
        subj = next((c for c in speaker.children if c.dep_ == "nsubj"), None)
    if subj is None or (subj.pos_ == "PRON" and subj.lower_ not in SPEAKER_PRONOUNS):
        return None
    src = doc[subj.left_edge.i : subj.right_edge.i + 1]
    verb_words = [tok]
    for c in tok.children:
        if c.dep_ in ("dative", "dobj") and c.ent_type_ in ("ORG", "PERSON", "GPE"):
            verb_words.append(c)
        if c.dep_ == "npadvmod" and c.ent_type_ == "DATE" and c.i == tok.i + 1:
            # "police said Saturday": the day right after the verb is part of the
            # attribution as news (and its coders) quote it
            verb_words.append(c)
        if c.dep_ == "prep" and c.lower_ == "in":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_ in SPEECH_SETTINGS:
                verb_words += list(c.subtree)
    vs = min(t.i for t in verb_words)
    ve = max(t.i for t in verb_words) + 1
    verb_text = " ".join(t.text for t in sorted(verb_words, key=lambda t: t.i))
    # the words of the attribution: with a shared subject, the verb's alone (the subject
    # stands before another act)
    whole = doc[vs:ve] if shared else doc[min(src.start, vs) : max(src.end, ve)]
    comp = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp")), None)
    if comp is not None:
        clause = doc[comp.left_edge.i : comp.right_edge.i + 1]
    elif tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head.i != tok.i:
        head = tok.head
        clause = without(doc[head.left_edge.i : head.right_edge.i + 1], whole)
    elif _says_nothing(tok, src):
        return None
    else:
        clause = without(tok.sent, whole)
    return src, whole, clause, verb_text


def _says_nothing(tok: Token, src: Span) -> bool:
    """A speech verb opening its sentence with nothing said (no clause, no object:
    "denied the deployment" says what is denied), joined to another act, makes no claim:
    in "Police quickly responded and surrounded the building" the act beside it is told
    by the story, not by its subject. Words before the subject are what is said ("The
    clerk handed over the cash, the sheriff said, and the robber ran off")."""
    if any(t.is_alpha for t in tok.doc[tok.sent.start : src.start]):
        return False
    if any(c.dep_ == "dobj" for c in tok.children):
        return False
    return any(
        c.dep_ == "conj" and c.pos_ == "VERB" and c.lemma_ not in SPEECH_VERBS for c in tok.children
    )


# Words that open a question, not a claim ("indicate why he was being detained").
WH_WORDS = frozenset({"why", "whether", "how", "what", "who", "when", "where", "if"})


def _claims_made(tok: Token) -> bool:
    """Does a speech verb joined to another verb make a claim: not negated, not under
    "did"/"do" ("At no time did the inspectors identify themselves … or indicate why"),
    and saying a clause that is no question ("declined to comment … and would not say
    whether …": no claim)?"""
    for v in (tok, tok.head):
        if any(c.dep_ == "neg" or c.lower_ in ("did", "do", "does") for c in v.children):
            return False
    comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if comp is None:
        return False
    return not any(t.lower_ in WH_WORDS for t in comp.subtree if t.i < comp.i)


def attribution(
    article: Article,
    doc: Doc,
    src: Span,
    whole: Span,
    clause: Span,
    verb: str,
    actors: list[Mention],
    last: Source | None,
) -> tuple[Mention, Source | None]:
    """(the attribution's mention, the source an 'it' or 'they' after it stands for)."""
    party = next((m for m in actors if m.i <= src.root.i < m.j), None)
    if party is None:
        party = next((m for m in actors if src.start <= m.i < src.end), None)
    rs, re_ = raw_span(article, src.start_char, src.end_char)
    source = Source(article.raw[rs:re_])
    if party is None and src.root.lower_ in ("it", "they") and last:
        # The source before never refers on itself (see below): only its party carries.
        source = replace(last, text=source.text, refers_to=last.text)
    if party is not None:
        a = party.as_actor
        source = replace(
            source, name=a.name, country=a.country, sector=a.sector, org=a.org, known=True
        )
        if a.name is None and src.root.pos_ == "PRON":
            # "He said" where coreference found an unnamed holder of a role: the record
            # says who in the words that first did ("Another PA official"), not "He"
            source = replace(source, refers_to=antecedent(article, doc, party, actors))
    ss, se = raw_span(article, src.start_char, src.end_char)
    cs, ce = raw_span(article, clause.start_char, clause.end_char)
    if party is not None or source.refers_to is None:
        last = source
    m = mention(article, doc, whole, AttributionPayload(source, ss, se, cs, ce, verb))
    return m, last


def antecedent(article: Article, doc: Doc, m: Mention, actors: list[Mention]) -> str | None:
    """The words of the first non-pronoun mention a pronoun's chain leads back to, with
    the named party in apposition to it ("Mahathir, Asia's longest serving leader";
    "top economic adviser, Larry Kudlow")."""
    for _ in range(8):
        ref = m.as_actor.refers_to
        if ref is None:
            return None
        m = next((a for a in actors if (a.start, a.end) == ref), m)
        if (m.start, m.end) != ref:
            return None
        if m.text.lower() not in SPEAKER_PRONOUNS:
            break
    else:
        return None
    head = doc[m.i : m.j].root
    beside = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        beside.append(head.head)
    named = next((a for a in actors for t in beside if a.i <= t.i < a.j and a.as_actor.name), None)
    if named is None:
        return m.text
    return article.raw[min(m.start, named.start) : max(m.end, named.end)]


# How many sentences back a "he said" may take the last person who spoke.
SPEAKER_REACH = 3


def carry_speaker(
    m: Mention,
    src: Span,
    actors: list[Mention],
    speaker: tuple[Source, int] | None,
) -> tuple[Mention, tuple[Source, int] | None]:
    """A "he said"/"she said" that coreference left unnamed is the last person quoted
    before it, a few sentences back at most: a story goes on quoting its speaker by
    pronoun ("Kremlin spokesman Dmitry Peskov told reporters … 'It is a lie,' he added",
    with other people named between). Returns
    (the attribution, the last person who spoke, with the sentence they spoke in)."""
    att = m.as_attribution
    s = att.source
    if s.known or s.refers_to is not None:
        party = next((a for a in actors if a.i <= src.root.i < a.j), None)
        if party is not None and party.as_actor.type == "person" and src.root.pos_ != "PRON":
            return m, (s, m.sent)
        return m, speaker
    if src.root.lower_ not in PERSON_PRONOUNS or speaker is None:
        return m, speaker
    before, sent = speaker
    if m.sent - sent > SPEAKER_REACH:
        return m, speaker
    named = replace(before, text=s.text, refers_to=before.text)
    return replace(m, payload=replace(att, source=named)), speaker


def without(outer: Span, inner: Span) -> Span:
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
