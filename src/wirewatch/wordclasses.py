"""Word classes as data: one loader for the `class<TAB>word` files of the NLP stages.

Rules name a class ("PLACE_NOUN", "LOCATIVE_PREP") instead of spelling its words in code,
so a word is added by adding a line to a data file. Each file is read once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from .errors import Err, WirewatchError


@cache
def word_classes(path: str) -> dict[str, frozenset[str]]:
    """All classes of one packaged file (`data/...tsv`), each as a frozen set of words.

    Lines are `class<TAB>word`; `#` starts a comment line; a word may hold spaces.
    """
    text = resources.files("wirewatch").joinpath(path).read_text("utf-8")
    out: dict[str, set[str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            detail = f"expected 'class<TAB>word', got {line!r}"
            raise WirewatchError(Err.C008, path=path, line=n, detail=detail)
        out.setdefault(parts[0], set()).add(parts[1])
    return {k: frozenset(v) for k, v in out.items()}


def words(path: str, cls: str) -> frozenset[str]:
    """The words of one class; an unknown class is a programming error, so it raises KeyError."""
    return word_classes(path)[cls]
