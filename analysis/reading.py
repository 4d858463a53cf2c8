"""Which quotes a reader gets first: the rule the theme page and the weekly summary share;
and what language code an item's language is (also for the embedder's choice and the names
per language).

Quotes are ranked most typical first. A reader gets them in the languages they read
(:data:`READING_ORDER`, the rule the engine's names follow too): a reader of Dutch gets the
Dutch ones of that ranking first, then the English ones, then the others, so a theme of Dutch
and English feedback is quoted in Dutch on a Dutch screen and in the Dutch summary, and a
theme of app reviews in English, Arabic and Spanish in English; a theme with neither keeps
its ranking.

Texts are stored with personal data replaced by placeholders (``[EMAIL]``, ``[PHONE]``, ...,
see :mod:`ingest.privacy`). A quote is there to show what customers say, so one with
placeholders comes only after those without (:func:`quote_standing`), and a text that is
little more than placeholders ("[EMAIL] / [PHONE]") is not quoted at all.

A theme's quotes are distinct (:func:`quote_key`, :class:`DistinctQuotes`): "Very good",
"very good!" and "Very good 😊" are one quote to a reader, so only the best-ranked of them is
shown and the next distinct text takes the place of the others.

Every rule here reads a quote as the reader gets it: the text without its opening greeting
and closing thanks or sign-off (:func:`analysis.subject_text.quote_text`), so "Hi, the app
crashes" and "Hello team! The app crashes" are one quote, and placeholders or words in a
sign-off ("Met vriendelijke groet, [NAME]") count for nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import groupby

from ingest.schema import PLACEHOLDER_LIKE

QUOTABLE_MIN_WORDS = 4
"""Words a quote keeps once its placeholders are left out; fewer and it is not quoted."""

_PLACEHOLDER = PLACEHOLDER_LIKE  # ingest.privacy's placeholders, or another redactor's
_WORD = re.compile(r"\w{2,}")

_APOSTROPHES = re.compile(r"['\u2019`\u00b4]")  # "don't" is one word: "dont"
_NOT_WORD = re.compile(r"[\W_]+")  # punctuation, symbols, emoji and spaces

SHORT_WORD_CHARS = 4
"""Letters of a word whose addition still leaves the same quote ("Very good app" = "Very good")."""

NEAR_REPEAT_MAX_WORDS = 12
"""Words of the longer quote up to which one short word more is still a repeat; longer
quotes repeat only when their words are the same (and this check stays cheap)."""

NEGATIONS = frozenset(
    {"no", "not", "nor", "none", "cant", "dont", "isnt", "wont", "aint"}  # English
    | {"nee", "niet", "geen", "niks"}  # Dutch
)
"""Short words that turn a quote around ("not good" is not "good"): never left out."""

READER_LANGUAGES = ("en", "nl")
"""The languages Klantstem is read in: its screens, the weekly summary and the exports."""

READING_ORDER: dict[str, tuple[str, ...]] = {"nl": ("nl", "en"), "en": ("en",)}
"""The languages a reader of each of :data:`READER_LANGUAGES` gets text in, in this order,
before any other language: a Dutch manager reads Dutch, then English, then anything. The
quotes (:func:`quote_order`) and the engine's names (``workspace.names.ENGINE_NAME_COLUMNS``,
built from this) follow it, so a Dutch screen never quotes Arabic where it has English."""


def language_code(language: object) -> str:
    """``"nl"`` from ``"nl"``, ``"NL"`` or ``"nl-BE"``; ``""`` when unknown."""
    return str(language or "")[:2].lower() if isinstance(language, str) else ""


def reading_rank(language: object, lang: str) -> int:
    """Where text in ``language`` comes for a reader of ``lang`` (:data:`READING_ORDER`):
    0 for their own language, 1 for the next (English for a Dutch reader), ..., and after
    those every other language alike (an unknown ``lang`` reads only itself)."""
    order = READING_ORDER.get(lang, (lang,))
    code = language_code(language)
    return order.index(code) if code in order else len(order)


def reader_first(languages: Sequence[object], lang: str) -> list[int]:
    """Positions ``0..n-1`` in the order a reader of ``lang`` gets them (:func:`reading_rank`):
    a Dutch reader those in Dutch, then in English, then the others, each part in its given
    (most typical first) order."""
    return sorted(range(len(languages)), key=lambda i: reading_rank(languages[i], lang))


def quote_standing(text: str) -> int | None:
    """How fit ``text`` is to quote, lower first: 0 without placeholders, 1 with some, None
    when it has placeholders and fewer than :data:`QUOTABLE_MIN_WORDS` words besides them (not
    quoted: "[EMAIL] / [PHONE]" tells a manager nothing)."""
    if not _PLACEHOLDER.search(text):
        return 0
    words = _WORD.findall(_PLACEHOLDER.sub(" ", text))
    return 1 if len(words) >= QUOTABLE_MIN_WORDS else None


def _quote_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` that tell two quotes apart: case, accents on Latin letters,
    punctuation, emoji and spacing left out, and a word repeated right after itself once."""
    if text.isascii():
        folded = text.lower()
    else:
        folded = unicodedata.normalize("NFKD", text).casefold()
        kept: list[str] = []
        for char in folded:  # "Génial" = "Genial", but Arabic or Hindi keep their marks
            if not (unicodedata.combining(char) and kept and kept[-1] < "\u0250"):
                kept.append(char)
        folded = "".join(kept)
    words = (w for w in _NOT_WORD.split(_APOSTROPHES.sub("", folded)) if w)
    return tuple(word for word, _ in groupby(words))


def quote_key(text: object) -> str:
    """What two quotes have in common when a reader calls them the same quote.

    Case, accents on Latin letters, punctuation, emoji and spacing do not count, nor a word
    repeated right after itself: "Very good", "very good!!", "Very good 😊" and "very very
    good" all give ``"very good"``. A text of only emoji or symbols is its own key.
    """
    return _fold(text)[0]


def _fold(text: object) -> tuple[str, tuple[str, ...]]:
    """:func:`quote_key` of ``text`` and the words it is made of."""
    text = str(text or "")
    words = _quote_words(text)
    return (" ".join(words) if words else "".join(text.split()).casefold()), words


def _one_word_less(words: tuple[str, ...]) -> set[str]:
    """Keys of ``words`` with one short word left out (:data:`SHORT_WORD_CHARS`), never a
    negation: "very good app" gives "good app" and "very good"; none for a single word or
    more than :data:`NEAR_REPEAT_MAX_WORDS`."""
    if not 2 <= len(words) <= NEAR_REPEAT_MAX_WORDS:
        return set()
    return {
        " ".join(words[:i] + words[i + 1 :])
        for i, word in enumerate(words)
        if len(word) <= SHORT_WORD_CHARS and word not in NEGATIONS
    }


class DistinctQuotes:
    """The quotes taken so far for one theme, to tell whether another one is new.

    A text is not new when it has the same :func:`quote_key` as a taken one, or when one of
    the two is the other with one short word added (not a negation; quotes of at most
    :data:`NEAR_REPEAT_MAX_WORDS` words): "Good" after "Very good", "Nice app" after "Nice",
    but "Not good" after "Good" is new.
    """

    def __init__(self) -> None:
        self._keys: set[str] = set()
        self._shorter: set[str] = set()  # the taken keys with one short word left out
        self._folded: dict[str, tuple[str, tuple[str, ...]]] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, text: object) -> bool:
        return self._repeats(*self._fold(text))

    def add(self, text: object) -> None:
        """Take ``text`` (a repeat of a taken one changes nothing)."""
        self._take(*self._fold(text))

    def take(self, text: object) -> bool:
        """Take ``text`` unless it repeats a taken one; whether it was taken."""
        key, words = self._fold(text)
        if self._repeats(key, words):
            return False
        self._take(key, words)
        return True

    def _fold(self, text: object) -> tuple[str, tuple[str, ...]]:
        # A theme's candidates repeat the same few texts ("Good" a thousand times): fold each once.
        text = str(text or "")
        if text not in self._folded:
            self._folded[text] = _fold(text)
        return self._folded[text]

    def _repeats(self, key: str, words: tuple[str, ...]) -> bool:
        if key in self._keys or key in self._shorter:
            return True
        return not self._keys.isdisjoint(_one_word_less(words))

    def _take(self, key: str, words: tuple[str, ...]) -> None:
        if key not in self._keys:
            self._keys.add(key)
            self._shorter |= _one_word_less(words)


def distinct_quotes(texts: Sequence[object]) -> list[int]:
    """Positions of ``texts`` (best first) that do not repeat a better one
    (:class:`DistinctQuotes`): the first of each group, in the given order."""
    taken = DistinctQuotes()
    return [i for i, text in enumerate(texts) if taken.take(text)]


def quote_order(texts: Sequence[object], languages: Sequence[object], lang: str) -> list[int]:
    """Positions of the quotable texts (most typical first as given) in the order a reader of
    ``lang`` gets them: :func:`reader_first` (Dutch, English, then the rest for a Dutch
    reader), and within each part those without
    placeholders before those with (:func:`quote_standing`); texts that are little more than
    placeholders are left out, and so is a repeat of a text before it in that order
    (:class:`DistinctQuotes`). The theme page's quotes in full and the summary's follow it."""
    standing = [quote_standing(str(t or "")) for t in texts]
    ordered = sorted(
        (i for i in reader_first(languages, lang) if standing[i] is not None),
        key=lambda i: (reading_rank(languages[i], lang), standing[i]),
    )
    return [ordered[j] for j in distinct_quotes([texts[i] for i in ordered])]
