"""Offline language detection per item with lingua, over every language lingua knows.

Two detectors keep memory and speed near the old five-language one (measured in
``benchmarks/ingest.py``): the high-accuracy detector restricted to the five languages most
feedback is written in (far better on a few words) decides short Latin-script texts and
longer ones that plainly read as one of those five; every other text goes to lingua's
all-languages detector in low-accuracy mode (trigram models, ~120 MiB for all 75
languages; the high-accuracy models for all languages take ~1.2 GiB and run ~10x slower).

URLs, e-mail addresses, @handles and bare domain names are left out of what the detectors
read (the stored text keeps them): "follow us on Twitter: https://twitter.com/KiwixOffline"
made an English reply German, then Norwegian Nynorsk.

A text too short to tell (fewer than three words: "test", "Excellent service 👏") or a
detection below the confidence floor gives ``""`` (unknown) rather than a guess; readers
pass the source's declared language, used then (see :func:`ingest.build.finish`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from lingua import ConfidenceValue, Language, LanguageDetector, LanguageDetectorBuilder

MAIN_LANGUAGES = (
    Language.DUTCH,
    Language.ENGLISH,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
)
LANGUAGES = MAIN_LANGUAGES  # kept for callers that list the main languages
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_PLACEHOLDER = re.compile(r"\[(EMAIL|PHONE|IBAN|BSN|POSTCODE|CARD)\]")
# Tokens in no language: links (also a bare "kiwix.org/wiki" or "shop.nl"), e-mail addresses
# (when redaction is off) and @handles. Their letters read as trigrams of some language.
_NOT_LANGUAGE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w.@])@\w+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2,6}/\S*|(?:com|org|net|nl|eu|io|info)\b)",
    re.IGNORECASE,
)
_LINK_HINTS = ("@", "/", "www.", ".com", ".org", ".net", ".nl", ".eu", ".io", ".info")
# The detectors read 400 characters; links are taken out of the first 1,000 before those are cut.
_READ = 1000

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
# Below this confidence an all-languages answer outside the main five, for a Latin-script text
# the five-language detector did not find plain, must also win in the accurate models against
# the five: the trigram models read "Best Wikipedia Offline Reader!" as Latin (0.69). A main
# language winning that check by less than the confidence floor gives unknown.
SURE_BROAD = 0.9
# Above this length lingua's low-accuracy mode (trigrams only) is as good and ~3x faster.
LONG_TEXT = 120


@lru_cache(maxsize=1)
def _all_languages() -> LanguageDetector:
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


@lru_cache(maxsize=1)
def _main_languages() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*MAIN_LANGUAGES).build()


@cache  # one per language met; lingua shares the models between detectors
def _main_and(language: Language) -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*MAIN_LANGUAGES, language).build()


def _usable(text: str) -> str:
    """What the detectors read: the text without placeholders and non-language tokens."""
    text = _PLACEHOLDER.sub(" ", text[:_READ])
    lowered = text.lower()
    if any(hint in lowered for hint in _LINK_HINTS):  # the full pattern costs ~10 µs a text
        text = _NOT_LANGUAGE.sub(" ", text)
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


# Function words of the main languages: a longer text that the five-language detector gives
# to one of them, with one of that language's function words and no letters
# foreign to all five, is taken as is; anything else is asked of the all-languages detector.
_FUNCTION_WORDS = {
    "nl": set(["de", "het", "een", "en", "van", "ik", "is", "niet", "te", "mijn", "op", "in", "dat", "die", "er", "voor", "met", "zijn", "maar", "geen", "nog", "wel", "ook", "je", "u", "bij", "naar", "om", "was", "heb", "kan", "wordt", "werd", "heel", "binnen", "na", "al"]),
    "en": set(["the", "a", "an", "and", "of", "to", "is", "it", "my", "not", "in", "on", "for", "with", "was", "be", "have", "has", "but", "no", "this", "that", "you", "i", "we", "at", "are", "when", "after", "still", "since"]),
    "de": set(["der", "die", "das", "und", "ist", "nicht", "ich", "mein", "meine", "ein", "eine", "zu", "mit", "von", "auf", "für", "war", "es", "sie", "wir", "aber", "kein", "noch", "auch"]),
    "fr": set(["le", "la", "les", "un", "une", "et", "est", "pas", "je", "mon", "ma", "mes", "du", "des", "pour", "avec", "elle", "nous", "mais", "ne", "qui", "sur", "au"]),
    "es": set(["el", "la", "los", "las", "un", "una", "y", "es", "no", "mi", "mis", "de", "del", "que", "en", "por", "con", "para", "se", "lo", "al", "me", "muy", "pero", "está", "ya"]),
}  # fmt: skip
# Matched against the lower-cased text without re.I: under re.I the dotless "ı" matches "i".
_FOREIGN_LETTERS = re.compile("[ãõőűłąęśźżćńşğıțșřčěůžšđåøæœðþ]")
_WORDS = re.compile(r"[^\W\d_]+")


def _plainly_main(text: str, code: str) -> bool:
    lowered = text.lower()
    if _FOREIGN_LETTERS.search(lowered):
        return False
    words = _FUNCTION_WORDS.get(code, set())
    return any(w in words for w in _WORDS.findall(lowered))


def detect_languages(texts: Sequence[str]) -> list[str]:
    """Detect many texts at once (lingua spreads each batch over the cores).

    Latin-script texts go to the five main languages in high accuracy first (as fast as
    before). A short one keeps that answer; a longer one keeps it when it reads plainly as
    that language (function words, no foreign letters), else it is asked of all languages;
    an unsure answer there outside the five is checked in the accurate models against the
    five (:data:`SURE_BROAD`). Texts in another script go straight to all languages.
    """
    usable = [_usable(t) for t in texts]
    out = [""] * len(usable)
    latin = [i for i, t in enumerate(usable) if t and _LATIN.search(t)]
    latin_set = set(latin)
    broad_todo = [i for i, t in enumerate(usable) if t and i not in latin_set]
    short = [i for i in latin if len(usable[i]) < BROAD_MIN_CHARS]
    longer = [i for i in latin if len(usable[i]) >= BROAD_MIN_CHARS]
    if short:  # confidence values cost ~30% more than a plain detection: only where needed
        precise = _main_languages().compute_language_confidence_values_in_parallel(
            [usable[i] for i in short]
        )
        for i, values in zip(short, precise, strict=True):
            language, confidence = _best(values)
            floor = (
                MIN_CONFIDENCE if len(_LETTERS.findall(usable[i])) > MIN_WORDS else SHORT_CONFIDENCE
            )
            out[i] = _code(language) if language is not None and confidence >= floor else ""
    if longer:
        found = _main_languages().detect_languages_in_parallel_of([usable[i] for i in longer])
        for i, language in zip(longer, found, strict=True):
            code = _code(language)
            if code and _plainly_main(usable[i], code):
                out[i] = code
            else:
                broad_todo.append(i)
                out[i] = code  # kept if the broad pass is unsure
    if broad_todo:
        broad = _all_languages().compute_language_confidence_values_in_parallel(
            [usable[i] for i in broad_todo]
        )
        for i, values in zip(broad_todo, broad, strict=True):
            language, confidence = _best(values)
            if confidence < MIN_CONFIDENCE or (language in MAIN_LANGUAGES and out[i]):
                continue
            if language is not None and out[i] and confidence < SURE_BROAD:
                checked, sure = _best(
                    _main_and(language).compute_language_confidence_values(usable[i])
                )
                language = checked if checked == language or sure >= MIN_CONFIDENCE else None
            out[i] = _code(language)
    return out
