"""What the passes look things up in: the actor dictionary, the gazetteer and the phrase
matcher built from the dictionary, with the look-ups several passes share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import Lexicon, load_lexicon
from .records import per_parse
from .text import fold
from .vocab import INTERACTION_VERBS, MOTION_VERBS, PLACE_NOUNS, PLACE_TAKING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


# How many distinct word runs `Lookups.sector_of` (and names `Lookups.country_name`)
# remembers before starting afresh.
SECTOR_MEMO_SIZE = 50_000
# A look-up not made yet (None is an answer: no country), read in one step so that a
# memo cleared by another thread between a test and a read costs a look-up, not an error.
_UNSEEN = object()


class Lookups:
    """Holds the dictionary, gazetteer and phrase matcher; built once per model."""

    def __init__(
        self, nlp: Any, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None
    ) -> None:
        from spacy.matcher import PhraseMatcher

        self.lex = lexicon or load_lexicon()
        self.gaz = gazetteer or load_gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, str] = {}
        for key, entry in self.lex.entries.items():
            names = [entry.name, *entry.aliases]
            patterns = [nlp.make_doc(n) for n in dict.fromkeys(names)]
            label = f"ACTOR|{key}"
            self.matcher.add(label, patterns)
            self.keys[nlp.vocab.strings[label]] = key
        self.sectors = sorted(self.lex.sectors.items(), key=lambda kv: -len(kv[0]))
        self.sector_by_phrase = dict(self.lex.sectors)
        self._country_memo: dict[str, str | None] = {}  # see `country_name`
        # `sector_of`'s answer for the same words, kept for the process: the parties
        # passes ask it for every noun chunk, title and head word, mostly the same few
        # hundred words ("police", "officials"), and building and looking up each ending
        # again was most of its time.
        self._sector_memo: dict[tuple[tuple[str, ...], bool], tuple[str | None, str | None]] = {}

    def sector_of(self, tokens: list[Token]) -> tuple[str | None, str | None]:
        """(sector, matched phrase) for words ending at a phrase's head."""
        # Only the head is made singular: "rights groups" is a rights group, not a
        # "right group" (a plural modifier keeps its form).
        last = len(tokens) - 1
        words = [
            t.lemma_.lower() if t.tag_ in ("NNS", "NNPS") and k == last else t.text.lower()
            for k, t in enumerate(tokens)
        ]
        key = (tuple(words), bool(tokens) and tokens[-1].tag_ in ("NNP", "NNPS"))
        found = self._sector_memo.get(key)
        if found is None:
            if len(self._sector_memo) >= SECTOR_MEMO_SIZE:
                self._sector_memo.clear()  # a long-running process: bounded memory
            found = self._sector_memo[key] = self._sector_of_words(*key)
        return found

    def _sector_of_words(
        self, words: tuple[str, ...], proper: bool
    ) -> tuple[str | None, str | None]:
        """`sector_of` once its words are read: `proper` when the last is tagged a name."""
        text = " ".join(w.replace("’", "'") for w in words)
        text = text.replace(" 's", "'s").replace(" '", "'")
        # A hyphenated title is one word ("President-General of the group", "the UN
        # Secretary-General"): its last part alone ("general") is not the title.
        text = text.replace(" - ", "-").replace(" – ", "-")
        # A plural the tagger took for a name ("Gunmen killed…" opening a paragraph is
        # tagged NNP, so its lemma is itself): its singular too.
        # So too a capitalised plural the lemmatiser leaves alone ("Commissioners Stanley
        # Thomas and John Pethel": NNPS, lemma "Commissioners").
        plain = _singular(text) if proper else text
        # The longest phrase the words end with wins ("border guard service" before
        # "service"): look their word-boundary endings up, longest first.
        for form in dict.fromkeys((text, plain)):
            parts = form.split(" ")
            for k in range(len(parts)):
                phrase = " ".join(parts[k:])
                sector = self.sector_by_phrase.get(phrase)
                if sector is not None:
                    return sector, phrase
        return None, None

    def country_of(self, tokens: list[Token]) -> str | None:
        for t in tokens:
            iso = self.lex.demonym(t.text) or self.country_name(t.text)
            if iso:
                return iso
        # Multi-word names: "United States", "South Korea".
        text = " ".join(t.text for t in tokens)
        for n in (4, 3, 2):
            for k in range(len(tokens) - n + 1):
                phrase = " ".join(t.text for t in tokens[k : k + n])
                iso = self.lex.demonym(phrase) or self.country_name(phrase)
                if iso:
                    return iso
        return self.country_name(text)

    def country_name(self, text: str) -> str | None:
        """The country a name is (after "the", without "'s"), remembered per string: the
        parties passes ask for every word and word run of every name, the same ones in
        every article, and each ask was a gazetteer look-up (the gazetteer never changes
        under a `Lookups`: `Gazetteer.extended` makes a new one)."""
        memo = self._country_memo
        found = memo.get(text, _UNSEEN)
        if found is not _UNSEEN:
            return found  # type: ignore[return-value]
        if len(memo) >= SECTOR_MEMO_SIZE:
            memo.clear()  # a long-running process: bounded memory
        found = memo[text] = self._country_name(text)
        return found

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


def _singular(text: str) -> str:
    """The singular of a phrase's last English plural: "gunmen" -> "gunman", "militias" ->
    "militia", "authorities" -> "authority"; other words unchanged."""
    for plural, single in (("men", "man"), ("ies", "y"), ("s", "")):
        if text.endswith(plural) and not text.endswith("ss") and len(text) > len(plural) + 2:
            return text[: -len(plural)] + single
    return text


def actor_position(tok: Token) -> bool:
    """Whether a word stands where a party stands: subject, possessor, agent, one side of
    an interaction, object of a verb that does not take a place."""
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


def proper_runs(doc: Doc) -> list[Span]:
    """Runs of proper nouns the NER left unlabelled ("The Dominican Republic sent…"),
    for the country-name check; computed once per parse."""
    return per_parse(doc, "wirewatch_proper_runs", _proper_runs)


def _proper_runs(doc: Doc) -> list[Span]:
    runs, start = [], None
    for t in [*doc, None]:
        if t is not None and t.pos_ == "PROPN" and not t.ent_type_:
            start = t.i if start is None else start
            continue
        if start is not None:
            end = t.i if t is not None else len(doc)
            runs.append(doc[start:end])
            start = None
    return runs
