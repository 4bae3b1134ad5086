"""Small text helpers shared by the mention finders."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@lru_cache(maxsize=65536)  # the same names recur in every article
def fold(text: str) -> str:
    """Lower case, accents and curly quotes removed, spaces and hyphens unified: a key
    that "Mazār-e Sharīf", "Mazar-e Sharif" and "mazar e sharif" share."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = text.replace("’", "'").replace("‘", "'").replace("ʿ", "").replace("ʼ", "")
    text = re.sub(r"[\s\-‐‑–—_.]+", " ", text.lower())
    return text.strip(" '")


def strip_article(text: str) -> str:
    return _ARTICLE.sub("", text)


def is_latin(text: str) -> bool:
    return text.isascii() or all(ord(c) < 0x250 or not c.isalpha() for c in text)
