"""Event typing by a trained linear model over lexical and structural features.

The lexicon in `data/events/triggers.tsv` finds predicates; this model weighs the
whole sentence around them. Its features are what the brief found to carry the signal:
the predicate's lemma and what governs or completes it, the dependency path between the
two parties, the lexicon's own reading of the predicate, and the sentence's words with
the parties' names masked (names say who, not what).

The model is a multinomial logistic regression trained by `training/train_types.py`
(scikit-learn, only at training time) and shipped as plain arrays in
`data/events/type_model.npz`; prediction here needs numpy alone. The typing data
(PLV_train) merges CONCEDE and RETREAT as YIELD, so a second small model splits YIELD.
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np

from .triggers import lexicon_reading, lexicon_rule, lexicon_type
from .views import views
from .words import MODAL_AUX

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span, Token

log = logging.getLogger(__name__)
# A statement longer than this is cut: typing needs a sentence, not a book.
MAX_STATEMENT = 5000
MODEL_FILE = "data/events/type_model.npz"
META_FILE = "data/events/type_model.json"
# Labels of the typing model: PLOVER types with CONCEDE and RETREAT merged.
YIELD = "YIELD"
SKIP_POS = {"PUNCT", "SPACE", "NUM", "SYM", "X"}


# -- features ----------------------------------------------------------------
def predicate(sent: Span, src: tuple[int, int] | None, tgt: tuple[int, int] | None) -> Token:
    """The token that states the relation: the lowest common governor of the two
    parties when both are given, the governor of the one given, else the root."""
    heads = [_head_of(sent, s) for s in (src, tgt) if s is not None]
    heads = [h for h in heads if h is not None]
    if not heads:
        return sent.root
    chains = [_ancestors(h) for h in heads]
    if len(chains) == 2:
        common = [t for t in chains[0] if t.i in {u.i for u in chains[1]}]
        if common:
            tok = common[0]
            if tok.pos_ not in ("VERB", "NOUN", "AUX") and tok.i != tok.head.i:
                tok = tok.head
            return tok
    # One party: its governing verb (subject or object of it).
    for t in chains[0][1:]:
        if t.pos_ in ("VERB", "NOUN"):
            return t
    return sent.root


def _head_of(sent: Span, span: tuple[int, int]) -> Token | None:
    toks = [t for t in sent if t.idx >= span[0] and t.idx + len(t) <= span[1]]
    if not toks:
        return None
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return toks[0]


def _ancestors(tok: Token) -> list[Token]:
    out = [tok]
    while out[-1].head.i != out[-1].i and len(out) < 40:
        out.append(out[-1].head)
    return out


def _path(a: Token | None, pred: Token) -> str:
    if a is None:
        return "-"
    labels = []
    for t in _ancestors(a):
        if t.i == pred.i:
            return "^".join(labels[:3]) or "self"
        labels.append(t.dep_)
    return "far"


def features(
    sent: Span,
    pred: Token,
    src: tuple[int, int] | None = None,
    tgt: tuple[int, int] | None = None,
    lexicon: Any = None,
) -> list[str]:
    """Feature strings of one event statement (`lexicon`: a callable token -> type|None)."""
    masked = set()
    for s in (src, tgt):
        if s is not None:
            masked |= {t.i for t in sent if t.idx >= s[0] and t.idx + len(t) <= s[1]}
    feats: list[str] = []
    words: list[str] = []
    for t in sent:
        if t.pos_ in SKIP_POS or t.is_space:
            continue
        if t.i in masked:
            if not words or words[-1] != "PARTY":
                words.append("PARTY")
            continue
        lemma = t.lemma_.lower()
        words.append(lemma)
        if not t.is_stop:
            feats.append("w:" + lemma)
    feats += [f"b:{a}_{b}" for a, b in pairwise(words)]
    lemma = pred.lemma_.lower()
    feats.append("p:" + lemma)
    feats.append(f"pp:{pred.pos_}")
    for c in pred.children:
        if c.dep_ in ("dobj", "prt", "prep", "xcomp", "ccomp", "attr", "acomp", "dative"):
            feats.append(f"pc:{c.dep_}:{c.lemma_.lower()}")
            if c.dep_ == "prep":
                for g in c.children:
                    if g.dep_ == "pobj":
                        feats.append(f"pc:{c.lemma_.lower()}:{g.lemma_.lower()}")
        if c.dep_ == "neg":
            feats.append("neg")
        if c.dep_ in ("aux", "auxpass") and c.lower_ in MODAL_AUX:
            feats.append("aux:" + c.lower_)
        if c.dep_ == "auxpass":
            feats.append("passive")
    if pred.head.i != pred.i:
        feats.append(f"ph:{pred.dep_}:{pred.head.lemma_.lower()}")
    feats.append("path_s:" + _path(_head_of(sent, src) if src else None, pred))
    feats.append("path_t:" + _path(_head_of(sent, tgt) if tgt else None, pred))
    if lexicon is not None:
        reading = lexicon_reading(pred)
        if reading is not None and reading != lexicon(pred):
            feats.append("read:" + reading)  # a refusal or an offer the line cannot see
        for i, t in enumerate(_near(pred)):
            typ = lexicon(t)
            if typ:
                feats.append(("lexp:" if i == 0 else "lexn:") + typ)
        for t in sent:
            typ = lexicon(t)
            if typ:
                feats.append("lex:" + typ)
    return feats


def _near(pred: Token) -> list[Token]:
    """The predicate, what completes it ("ordered the mobilization"), and its governor."""
    near = [pred, *[c for c in pred.children if c.dep_ in ("xcomp", "dobj", "ccomp")]]
    if pred.head.i != pred.i:
        near.append(pred.head)
    return near


# -- the model ---------------------------------------------------------------
@dataclass
class LinearModel:
    """Sublinear TF-IDF, L2 norm, softmax over linear scores."""

    labels: list[str]
    vocab: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (labels, features)
    intercept: np.ndarray

    def vector(self, feats: list[str]) -> tuple[np.ndarray, np.ndarray]:
        counts = Counter(f for f in feats if f in self.vocab)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        ids = np.array([self.vocab[f] for f in counts], dtype=np.int64)
        vals = np.array([1.0 + math.log(n) for n in counts.values()]) * self.idf[ids]
        norm = float(np.sqrt((vals**2).sum())) or 1.0
        return ids, vals / norm

    def proba(self, feats: list[str]) -> dict[str, float]:
        ids, vals = self.vector(feats)
        scores = self.intercept + (self.coef[:, ids] @ vals if len(ids) else 0.0)
        scores = scores - scores.max()
        p = np.exp(scores)
        p /= p.sum()
        return {lab: float(x) for lab, x in zip(self.labels, p, strict=True)}


@dataclass
class TypeModels:
    types: LinearModel
    yield_split: LinearModel
    modes: LinearModel | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def mode(self, event_type: str, feats: list[str]) -> tuple[str | None, float]:
        """The likeliest mode of `event_type` ("-" = none), with its share of that
        type's probability mass."""
        if self.modes is None:
            return None, 0.0
        p = {
            k.split(":", 1)[1]: v
            for k, v in self.modes.proba(feats).items()
            if k.split(":", 1)[0] == event_type
        }
        total = sum(p.values())
        if not p or total <= 0:
            return None, 0.0
        label = max(p, key=p.__getitem__)
        share = p[label] / total
        return (None if label == "-" else label), share

    def proba(self, feats: list[str]) -> dict[str, float]:
        """Probabilities of the 16 PLOVER types (YIELD split into CONCEDE/RETREAT)."""
        p = self.types.proba(feats)
        y = p.pop(YIELD, 0.0)
        split = self.yield_split.proba(feats)
        p["CONCEDE"] = y * split.get("CONCEDE", 0.5)
        p["RETREAT"] = y * split.get("RETREAT", 0.5)
        return p


def _strings(a: np.ndarray) -> list[str]:
    return a.tobytes().decode("utf-8").split("\n")


def _linear(arrays: Any, prefix: str) -> LinearModel:
    vocab_words = _strings(arrays[f"{prefix}_vocab"])
    return LinearModel(
        labels=_strings(arrays[f"{prefix}_labels"]),
        vocab={w: i for i, w in enumerate(vocab_words)},
        idf=arrays[f"{prefix}_idf"].astype(np.float64),
        coef=arrays[f"{prefix}_coef"].astype(np.float64),
        intercept=arrays[f"{prefix}_intercept"].astype(np.float64),
    )


def _bytes(strings: list[str]) -> np.ndarray:
    return np.frombuffer("\n".join(strings).encode("utf-8"), dtype=np.uint8)


def save_linear(out: dict[str, Any], prefix: str, model: LinearModel) -> None:
    """Arrays for `np.savez_compressed`: strings as UTF-8 bytes, weights as float16 with
    negligible ones zeroed (a third of the size, the same predictions)."""
    out[f"{prefix}_labels"] = _bytes(model.labels)
    out[f"{prefix}_vocab"] = _bytes(sorted(model.vocab, key=model.vocab.__getitem__))
    out[f"{prefix}_idf"] = model.idf.astype(np.float32)
    coef = np.where(np.abs(model.coef) < 0.01, 0.0, model.coef)
    out[f"{prefix}_coef"] = coef.astype(np.float16)
    out[f"{prefix}_intercept"] = model.intercept.astype(np.float32)


@lru_cache(maxsize=1)
def load_models() -> TypeModels | None:
    """The shipped typing models, or None when the package was built without them."""
    root = resources.files("wirewatch")
    path = root.joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    with resources.as_file(path) as p, np.load(p, allow_pickle=False) as arrays:
        types = _linear(arrays, "types")
        split = _linear(arrays, "yield")
        modes = _linear(arrays, "modes") if "modes_labels" in arrays else None
    meta_path = root.joinpath(META_FILE)
    meta = json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}
    return TypeModels(types, split, modes, meta)


def best(p: dict[str, float]) -> tuple[str, float]:
    label = max(p, key=p.__getitem__)
    return label, p[label]


# -- sentence-level typing (`wirewatch classify`) ----------------------------
def _span_in(text: str, part: str | None) -> tuple[int, int] | None:
    if not part:
        return None
    i = text.find(part)
    if i < 0:
        i = text.lower().find(part.lower())
    return (i, i + len(part)) if i >= 0 else None


def classify_statement(
    sent: Span,
    source: str | None = None,
    target: str | None = None,
    models: TypeModels | None = None,
) -> dict[str, Any]:
    """PLOVER type, mode and the other ontologies' views of one statement whose two
    parties (optional) are given as strings occurring in it."""
    models = models or load_models()
    text = sent.doc.text
    src, tgt = _span_in(text, source), _span_in(text, target)
    sent = _statement_sentence(sent, src or tgt)
    pred = predicate(sent, src, tgt)
    feats = features(sent, pred, src, tgt, _lexicon)
    if models is None:  # a build without the model: the lexicon alone
        rule = lexicon_rule(pred)
        plover, conf = (rule.type, 0.5) if rule else (None, 0.0)
    else:
        plover, conf = best(models.proba(feats))
    if plover is None:
        return {
            "plover": None,
            "mode": None,
            "quad": None,
            "cameo_root": None,
            "acled_subtype": None,
            "confidence": 0.0,
        }
    mode = None
    for tok in _near(pred):
        rule = lexicon_rule(tok)
        if rule is not None and rule.type == plover and rule.mode:
            mode = rule.mode
            break
    if mode is None and models is not None:
        guess, share = models.mode(plover, feats)
        mode = guess if share >= 0.5 else None
    lemmas = {t.lemma_.lower() for t in sent}
    v = views(plover, mode, lemmas=lemmas)
    return {
        "plover": plover,
        "mode": mode,
        "quad": v.quad,
        "cameo_root": v.cameo_root,
        "acled_subtype": v.acled_subtype,
        "confidence": round(conf, 3),
    }


def _statement_sentence(span: Span, party: tuple[int, int] | None) -> Span:
    """In a text of several sentences, the one naming the first party, else the first
    with a trigger the lexicon knows, else the first."""
    sents = list(span.sents)
    if len(sents) == 1:
        return sents[0]
    if party is not None:
        for s in sents:
            if s.start_char <= party[0] < s.end_char:
                return s
    for s in sents:
        if any(_lexicon(t) for t in s):
            return s
    return sents[0]


def _lexicon(tok: Token) -> str | None:
    return lexicon_type(tok)


def classify_lines(
    lines: Iterable[str], nlp: Language, name: str = "-"
) -> Iterator[dict[str, Any]]:
    """Type each JSON line `{"id", "text", "source"?, "target"?}`; a bad line is logged
    with its reason and skipped, the others go on."""
    from ..errors import Err, WirewatchError

    def good() -> Iterator[tuple[str, dict[str, Any]]]:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                log.warning("%s", WirewatchError(Err.W007, item=name, line=n, detail=exc.msg))
                continue
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                log.warning("%s", WirewatchError(Err.W017, item=name, line=n))
                continue
            if not rec["text"].strip():
                log.warning("%s", WirewatchError(Err.W017, item=name, line=n))
                continue
            yield rec["text"][:MAX_STATEMENT], {**rec, "_line": n}

    models = load_models()
    for doc, rec in nlp.pipe(good(), as_tuples=True, batch_size=64):
        src = rec.get("source") if isinstance(rec.get("source"), str) else None
        tgt = rec.get("target") if isinstance(rec.get("target"), str) else None
        out = classify_statement(doc[:], src, tgt, models)
        yield {"id": rec.get("id", rec["_line"]), **out}
