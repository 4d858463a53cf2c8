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


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


def _usable(text: str) -> str:
    text = _PLACEHOLDER.sub(" ", text)
    return text[:1000] if len(_LETTERS.findall(text)) >= 1 else ""


def detect_language(text: str) -> str:
    """ISO 639-1 code (``nl``, ``en``, ...) or ``""`` when the text has no words."""
    return detect_languages([text])[0]


def detect_languages(texts: Sequence[str]) -> list[str]:
    """Detect many texts at once (lingua spreads the batch over the cores)."""
    usable = [_usable(t) for t in texts]
    todo = [t for t in usable if t]
    found = iter(_detector().detect_languages_in_parallel_of(todo)) if todo else iter(())
    out: list[str] = []
    for text in usable:
        language = next(found) if text else None
        out.append(language.iso_code_639_1.name.lower() if language is not None else "")
    return out
