"""Offline language detection per item with lingua, over every language lingua knows.

Two passes keep memory and speed near the old five-language detector (measured in
``benchmarks/ingest.py``): every text first goes through lingua's all-languages detector in
low-accuracy mode (trigram models, ~120 MiB for all 75 languages; the high-accuracy models
for all languages take ~1.2 GiB and run ~10x slower). Short texts that it places in one of
the five languages most feedback is written in are then decided by the high-accuracy
detector restricted to those five, which is far better on a sentence or two.

A text too short to tell (fewer than three words: "test", "Excellent service 👏") or a
detection below the confidence floor gives ``""`` (unknown) rather than a guess; readers
pass the source's declared language, used then (see :func:`ingest.build.finish`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from lingua import ConfidenceValue, Language, LanguageDetector, LanguageDetectorBuilder

MAIN_LANGUAGES = (Language.DUTCH, Language.ENGLISH, Language.GERMAN, Language.FRENCH, Language.SPANISH)
LANGUAGES = MAIN_LANGUAGES  # kept for callers that list the main languages
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_PLACEHOLDER = re.compile(r"\[(EMAIL|PHONE|IBAN|BSN|POSTCODE|CARD)\]")

# Below this many words the detectors guess (one English word scores as Estonian or Latin);
# at exactly this many, only a confident answer counts.
MIN_WORDS = 2
SHORT_CONFIDENCE = 0.75
# Below this length the all-languages trigram models mistake Dutch for Sotho ("Veel te duur"),
# so a short Latin-script text is decided among the main languages.
BROAD_MIN_CHARS = 30
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Below this confidence the answer is "unknown".
MIN_CONFIDENCE = 0.5
# Above this length lingua's low-accuracy mode (trigrams only) is as good and ~3x faster.
LONG_TEXT = 120


@lru_cache(maxsize=1)
def _all_languages() -> LanguageDetector:
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


@lru_cache(maxsize=1)
def _main_languages() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*MAIN_LANGUAGES).build()


def _usable(text: str) -> str:
    text = _PLACEHOLDER.sub(" ", text)
    return text[:400] if len(_LETTERS.findall(text[:400])) >= MIN_WORDS else ""


def _best(values: Sequence[ConfidenceValue]) -> tuple[Language | None, float]:
    if not values:
        return None, 0.0
    return values[0].language, values[0].value


def _code(language: Language | None) -> str:
    return language.iso_code_639_1.name.lower() if language is not None else ""


def detect_language(text: str) -> str:
    """ISO 639-1 code (``nl``, ``pt``, ``hu``, ...) or ``""`` when the text cannot tell."""
    return detect_languages([text])[0]


def detect_languages(texts: Sequence[str]) -> list[str]:
    """Detect many texts at once (lingua spreads each batch over the cores)."""
    usable = [_usable(t) for t in texts]
    out = [""] * len(usable)
    todo = [i for i, t in enumerate(usable) if t]
    if not todo:
        return out
    broad = _all_languages().compute_language_confidence_values_in_parallel([usable[i] for i in todo])
    refine: list[int] = []
    fallback: dict[int, tuple[Language | None, float]] = {}
    for i, values in zip(todo, broad, strict=True):
        language, confidence = _best(values)
        text = usable[i]
        latin = bool(_LATIN.search(text))
        if not latin or (len(text) >= BROAD_MIN_CHARS and language not in MAIN_LANGUAGES):
            # another script, or enough text for the trigram models to be trusted
            out[i] = _code(language) if confidence >= MIN_CONFIDENCE else ""
        elif language in MAIN_LANGUAGES and len(text) >= LONG_TEXT:
            out[i] = _code(language) if confidence >= MIN_CONFIDENCE else ""
        else:
            refine.append(i)
            fallback[i] = (language, confidence)
    if refine:
        precise = _main_languages().compute_language_confidence_values_in_parallel([usable[i] for i in refine])
        for i, values in zip(refine, precise, strict=True):
            language, confidence = _best(values)
            floor = MIN_CONFIDENCE if len(_LETTERS.findall(usable[i])) > MIN_WORDS else SHORT_CONFIDENCE
            if language is not None and confidence >= floor:
                out[i] = _code(language)
            elif fallback[i][1] >= 0.9 and len(usable[i]) >= BROAD_MIN_CHARS:
                out[i] = _code(fallback[i][0])
    return out
