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

When the detectors cannot tell (fewer than three words: "Good", "Excellent service 👏"; a
detection below the confidence floor), the text's own evidence decides before the language
its source declares (Google Play's device locale, Kiyoh's and Trustpilot's review language;
a phone set to Arabic says nothing of the English "Good" typed on it):

1. its script: a text in a script one language of the product's set writes (Burmese, Thai,
   Korean, Greek, kana ...) is that language, whatever is declared; in a script several
   write (Arabic, Cyrillic, Devanagari) it is the declared language when that writes the
   script, else unknown; a Latin-script text never takes a declared Arabic or Russian;
2. its words: a short text whose words are all known words (:mod:`ingest.review_words`) of
   one language only is that language ("Good", "Thank u", "Muito bom"); this also overrules
   the detectors on a short text ("Mail ons op [EMAIL] of via Twitter @winkel" read as
   English); words known in several languages ("Top!", "ok") leave the choice to
3. the declared language, when its script is the text's;
4. else unknown (``""``). A text without letters (emoji, "10/10") is unknown whatever is
   declared: it is written in no language, like a rating without text.

All readers reach this through :func:`ingest.build.finish`; :func:`detect_languages` is the
one function that decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache

from lingua import ConfidenceValue, Language, LanguageDetector, LanguageDetectorBuilder

from ingest.privacy import PLACEHOLDER
from ingest.review_words import INTERNATIONAL, REVIEW_WORDS

MAIN_LANGUAGES = (
    Language.DUTCH,
    Language.ENGLISH,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
)
LANGUAGES = MAIN_LANGUAGES  # kept for callers that list the main languages
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_PLACEHOLDER = PLACEHOLDER
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


def _readable(text: str) -> str:
    """The text without placeholders and non-language tokens (links, addresses, handles)."""
    text = _PLACEHOLDER.sub(" ", text[:_READ])
    lowered = text.lower()
    if any(hint in lowered for hint in _LINK_HINTS):  # the full pattern costs ~10 µs a text
        text = _NOT_LANGUAGE.sub(" ", text)
    return text


def _usable(readable: str) -> str:
    """What the detectors read: enough words of the readable text, or ``""``."""
    return readable[:400] if len(_LETTERS.findall(readable[:400])) >= MIN_WORDS else ""


def _best(values: Sequence[ConfidenceValue]) -> tuple[Language | None, float]:
    if not values:
        return None, 0.0
    return values[0].language, values[0].value


def _code(language: Language | None) -> str:
    return language.iso_code_639_1.name.lower() if language is not None else ""


def detect_language(text: str, declared: str = "") -> str:
    """ISO 639-1 code (``nl``, ``pt``, ``hu``, ...) or ``""`` when neither the text nor
    ``declared`` can tell (see :func:`detect_languages`)."""
    return detect_languages([text], [declared])[0]


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


def detect_languages(texts: Sequence[str], declared: Sequence[str] | None = None) -> list[str]:
    """The language each text is written in: its own evidence first, the declared one last.

    Latin-script texts go to the five main languages in high accuracy first (as fast as
    before). A short one keeps that answer; a longer one keeps it when it reads plainly as
    that language (function words, no foreign letters), else it is asked of all languages;
    an unsure answer there outside the five is checked in the accurate models against the
    five (:data:`SURE_BROAD`). Texts in another script go straight to all languages. Then
    script, known words and the declared language decide as the module docstring says
    (:func:`_decide`). Lingua spreads each batch over the cores.

    Args:
        texts: the items' texts (redacted or not).
        declared: per text, the language its source declares (``pt_BR``, ``zh-Hans``,
            ``iw``, ``""``), or None when no source declares one.
    """
    readable = [_readable(t) for t in texts]
    usable = [_usable(r) for r in readable]
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
    codes = [declared_code(d) for d in declared] if declared is not None else [""] * len(out)
    return [
        _decide(text, found, code) for text, found, code in zip(readable, out, codes, strict=True)
    ]


def declared_code(value: str) -> str:
    """A declared language (``nl``, ``pt-BR``, ``zh-Hans``, ``iw``) as an ISO 639-1 code, or ""."""
    code = value.strip().replace("_", "-").split("-")[0].lower()
    code = {"iw": "he", "in": "id", "ji": "yi"}.get(code, code)
    return code if len(code) == 2 and code.isalpha() else ""


# Scripts one language of the product's set writes (the set: every language lingua knows,
# and the few a source declares that lingua does not, ``analysis/language_names.py``).
# Keys are the first word of the letters' Unicode names.
ONE_LANGUAGE_SCRIPTS = {
    "MYANMAR": "my", "KHMER": "km", "LAO": "lo", "SINHALA": "si", "THAI": "th",
    "HANGUL": "ko", "KANA": "ja", "GEORGIAN": "ka", "ARMENIAN": "hy", "GREEK": "el",
    "GUJARATI": "gu", "GURMUKHI": "pa", "TAMIL": "ta", "TELUGU": "te", "KANNADA": "kn",
    "MALAYALAM": "ml", "BENGALI": "bn", "ETHIOPIC": "am",
}  # fmt: skip
# Scripts several languages of the set write: the declared one when it is among them. A Han
# text without kana is Chinese and a Hebrew-script one Hebrew unless Japanese or Yiddish is
# declared (:data:`_USUAL`); an Arabic, Cyrillic or Devanagari word from a phone set to
# another language is unknown: lingua, asked between those languages, reads one Arabic word
# as Urdu ("رائع" 0.64).
SHARED_SCRIPTS = {
    "ARABIC": ("ar", "fa", "ur"),
    "CYRILLIC": ("ru", "uk", "be", "bg", "mk", "sr", "kk", "mn", "ky", "uz"),
    "DEVANAGARI": ("hi", "mr", "ne"),
    "CJK": ("zh", "ja"),
    "HEBREW": ("he", "yi"),
}
_USUAL = {"CJK": "zh", "HEBREW": "he"}
# Languages written in another script than Latin only (Serbian and Uzbek write both).
_NOT_LATIN = (
    set(ONE_LANGUAGE_SCRIPTS.values()) | {c for cs in SHARED_SCRIPTS.values() for c in cs}
) - {"sr", "uz"}
# Letters outside the Latin blocks: only texts holding one are looked at letter by letter.
_OTHER_SCRIPT = re.compile(r"[^\W\d_A-Za-z\u00aa\u00ba\u00c0-\u024f\u1e00-\u1eff]")
_KANA = ("HIRAGANA", "KATAKANA", "HALFWIDTH")


def _script(text: str) -> str:
    """The script most of the text's letters are in (``LATIN``, ``ARABIC``, ``KANA`` ...),
    or ``""`` for a text without letters."""
    if not _OTHER_SCRIPT.search(text):
        return "LATIN" if _LATIN.search(text) else ""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "").split(" ", 1)[0]
            if name in _KANA:  # a Japanese text mixes kanji and kana: any kana tells
                return "KANA"
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""


# Texts of at most this many words are read word by word (longer ones the detectors read);
# longer texts are not even split into words.
SHORT_WORDS = 8
_SHORT_CHARS = 120
# Emoticons typed in letters: "(y)" is a thumbs-up, not the Spanish "and".
_EMOTICONS = re.compile(
    r"(?:\([yn]\)|[:;=8][-']?[()\[\]dpo3*]|<3|\bx+d+)(?![^\W\d_])", re.IGNORECASE
)
_TOKENS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


_ALL_LISTED = frozenset(REVIEW_WORDS)
_WORD_LANGUAGES: dict[str, frozenset[str]] = {}
for _language, _words in REVIEW_WORDS.items():
    for _word in _words:
        _key = _plain(_word)
        _WORD_LANGUAGES[_key] = _WORD_LANGUAGES.get(_key, frozenset()) | {_language}
for _word in INTERNATIONAL:
    _WORD_LANGUAGES[_plain(_word)] = _ALL_LISTED


@lru_cache(maxsize=65_536)  # the words of short feedback repeat: ~3x faster on 21k texts
def _known(token: str) -> frozenset[str]:
    """The listed languages that write ``token`` ("sooo" is "so", "c'est" is "c" + "est")."""
    plain = _plain(token)
    for form in (plain, _REPEATS.sub(r"\1\1", plain), _REPEATS.sub(r"\1", plain)):
        if form in _WORD_LANGUAGES:
            return _WORD_LANGUAGES[form]
    if "'" in plain:
        found = _ALL_LISTED
        for part in plain.split("'"):
            found = found & _known(part)
        return found
    return frozenset()


def _word_languages(text: str) -> frozenset[str]:
    """The languages whose lists hold every word of a short text; empty when a word is in no
    list, the words share no language, or the text is longer than :data:`SHORT_WORDS`."""
    tokens = _TOKENS.findall(text.lower().replace("\u2019", "'"))
    if not tokens or len(tokens) > SHORT_WORDS:
        return frozenset()
    found = _ALL_LISTED
    for token in tokens:
        found = found & _known(token)
        if not found:
            break
    return found


def _decide(text: str, detected: str, declared: str) -> str:
    """One item's language from the detectors' answer, its script, its words and the
    declared language, in that order of trust (see the module docstring)."""
    text = _EMOTICONS.sub(" ", text) if len(text) < _SHORT_CHARS else text
    script = _script(text)
    if not script:
        return ""  # emoji, digits, punctuation: written in no language
    if script != "LATIN":
        if detected:
            return detected
        if script in ONE_LANGUAGE_SCRIPTS:
            return ONE_LANGUAGE_SCRIPTS[script]
        if script in SHARED_SCRIPTS:
            return declared if declared in SHARED_SCRIPTS[script] else _USUAL.get(script, "")
        return declared  # a script not in the tables: nothing to check the declaration by
    # A long text is the detectors' to read: words decide only texts of a few words.
    words = _word_languages(text) if len(text) < _SHORT_CHARS else frozenset()
    if len(words) == 1:
        return next(iter(words))
    if detected:
        return detected
    if declared in words:
        return declared
    return declared if declared not in _NOT_LATIN else ""
