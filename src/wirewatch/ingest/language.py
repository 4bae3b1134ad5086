"""Language identification: the extractor reads English; other languages are skipped
with a reason rather than producing nonsense events."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class LanguageGuess:
    lang: str  # ISO 639-1, or "und" when the text is too short to tell
    score: float  # 0..1
    latin_share: float  # share of letters in Latin script


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str, sample: int = 4000) -> LanguageGuess:
    head = text[:sample]
    letters = [c for c in head if c.isalpha()]
    if len(letters) < 20:
        return LanguageGuess("und", 0.0, 1.0)
    latin = sum(1 for c in letters if ord(c) < 0x250) / len(letters)
    lang, score = _identifier().classify(head)
    if latin < 0.5:
        # Another script dominates: surely not English, whatever the n-gram model says.
        return LanguageGuess(lang if lang != "en" else "und", max(float(score), 1 - latin), latin)
    return LanguageGuess(lang, float(score), latin)
