"""The real-news gold corpus: gold files here, article texts in ../shared/peer.

The texts are public development data that may not be committed, so a gold file names
its article by corpus and document id, and `materialize` writes a folder in the shared
gold layout (gold JSON beside its text) that `score_events.py` reads. The split rule is
in tests/data/realnews/README.md; `split_of` states it in code so a test can hold the
files to it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from functools import cache
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).parent
GOLD_DIR = HERE / "data" / "realnews"
SHARED = HERE.parent.parent / "shared"
GEO_DIR = SHARED / "peer" / "geo"
ECB_DIR = SHARED / "peer" / "ecbplus"
CORPORA = {"GWN": ("GWN.xml", "file"), "LGL": ("lgl.xml", "docid"), "ECB": (None, "name")}
SPLITS = ("dev", "test")


def shared_scorer(name: str) -> ModuleType:
    """One of the shared scorers (`score_events`, `score_stories` …) in ../shared/eval,
    loaded as a module, for code that needs its matching rather than its printout."""
    spec = importlib.util.spec_from_file_location(name, SHARED / "eval" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def available() -> bool:
    """True when the corpora the texts come from are beside the repository."""
    geo = all((GEO_DIR / fn).is_file() for fn, _ in CORPORA.values() if fn)
    return geo and ECB_DIR.is_dir()


@cache
def texts(corpus: str) -> dict[str, str]:
    """Document id -> article text, exactly as the corpus XML holds it. ECB+ holds
    tokens, not text: its documents ('3_2ecbplus') are joined into one sentence a line
    by the story scorer's own reader, so gold triggers and that scorer see one text."""
    fn, key = CORPORA[corpus]
    if fn is None:
        docs = shared_scorer("score_stories").load_corpus(ECB_DIR)
        return {d[key]: d["text"] for d in docs}
    root = ET.parse(GEO_DIR / fn).getroot()
    return {a.get(key): a.findtext("text") or "" for a in root.iter("article")}


def gold_files() -> list[dict]:
    """Every gold file of the corpus (parsed), sorted by name."""
    return [json.loads(p.read_text("utf-8")) for p in sorted(GOLD_DIR.glob("*.json"))]


def text_of(gold: dict) -> str:
    return texts(gold["corpus"])[gold["doc"]]


def split_of(golds: list[dict]) -> dict[str, str]:
    """The split rule: within each batch and kind, articles ordered by
    sha256("corpus:doc"); every third one, starting with the first, is `test`, the rest
    `dev`. Batches (`batch`, 1 when absent) keep an added article from moving an earlier
    one across the split: a dev article rules were written on must never become test."""
    by_kind: dict[tuple[int, str], list[dict]] = defaultdict(list)
    for g in golds:
        by_kind[(g.get("batch", 1), g["kind"])].append(g)
    out = {}
    for group in by_kind.values():
        group.sort(key=lambda g: hashlib.sha256(f"{g['corpus']}:{g['doc']}".encode()).hexdigest())
        for i, g in enumerate(group):
            out[g["id"]] = "test" if i % 3 == 0 else "dev"
    return out


def batches() -> list[int]:
    """The annotation rounds the corpus holds, in order."""
    return sorted({g.get("batch", 1) for g in gold_files()})


def materialize(split: str, dest: Path, batch: int | None = None) -> Path:
    """Write the gold files of one split (of one batch, if given) with their texts into
    `dest`; returns `dest`."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    dest.mkdir(parents=True, exist_ok=True)
    for g in gold_files():
        if g["split"] != split or (batch is not None and g.get("batch", 1) != batch):
            continue
        (dest / g["text_file"]).write_text(text_of(g), encoding="utf-8")
        (dest / f"{g['id']}.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    return dest
