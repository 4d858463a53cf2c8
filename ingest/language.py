"""Offline language detection per item with lingua, restricted to the languages we expect.

Restricting lingua to a handful of languages makes it both faster and more accurate on
short texts; accuracy on short feedback is measured in ``tests/ingest/test_language.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

LANGUAGES = (Language.DUTCH, Language.ENGLISH, Language.GERMAN, Language.FRENCH, Language.SPANISH)
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_PLACEHOLDER = re.compile(r"\[(EMAIL|PHONE|IBAN|BSN|POSTCODE|CARD)\]")


# Above this length lingua's low-accuracy mode (trigrams only) is as good and ~3x faster.
LONG_TEXT = 120


@lru_cache(maxsize=2)
def _detector(low_accuracy: bool = False) -> LanguageDetector:
    builder = LanguageDetectorBuilder.from_languages(*LANGUAGES)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def _usable(text: str) -> str:
    text = _PLACEHOLDER.sub(" ", text)
    return text[:400] if len(_LETTERS.findall(text)) >= 1 else ""


def detect_language(text: str) -> str:
    """ISO 639-1 code (``nl``, ``en``, ...) or ``""`` when the text has no words."""
    return detect_languages([text])[0]


def detect_languages(texts: Sequence[str]) -> list[str]:
    """Detect many texts at once (lingua spreads the batch over the cores)."""
    usable = [_usable(t) for t in texts]
    out = [""] * len(usable)
    for low_accuracy in (False, True):
        todo = [i for i, t in enumerate(usable) if t and (len(t) >= LONG_TEXT) == low_accuracy]
        if not todo:
            continue
        found = _detector(low_accuracy).detect_languages_in_parallel_of([usable[i] for i in todo])
        for i, language in zip(todo, found, strict=True):
            out[i] = language.iso_code_639_1.name.lower() if language is not None else ""
    return out
