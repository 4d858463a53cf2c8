"""Which quotes a reader gets first: the rule the theme page and the weekly summary share;
and what language code an item's language is (also for the embedder's choice and the names
per language).

Quotes are ranked most typical first. A reader of Dutch gets the Dutch ones of that ranking
first, then the others, so a theme of Dutch and English feedback is quoted in Dutch on a
Dutch screen and in the Dutch summary; a theme without Dutch items keeps its ranking.

Texts are stored with personal data replaced by placeholders (``[EMAIL]``, ``[PHONE]``, ...,
see :mod:`ingest.privacy`). A quote is there to show what customers say, so one with
placeholders comes only after those without (:func:`quote_standing`), and a text that is
little more than placeholders ("[EMAIL] / [PHONE]") is not quoted at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

QUOTABLE_MIN_WORDS = 4
"""Words a quote keeps once its placeholders are left out; fewer and it is not quoted."""

_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]{1,20}\]")  # the placeholders of ingest.privacy
_WORD = re.compile(r"\w{2,}")

READER_LANGUAGES = ("en", "nl")
"""The languages Klantstem is read in: its screens, the weekly summary and the exports."""


def language_code(language: object) -> str:
    """``"nl"`` from ``"nl"``, ``"NL"`` or ``"nl-BE"``; ``""`` when unknown."""
    return str(language or "")[:2].lower() if isinstance(language, str) else ""


def reader_first(languages: Sequence[object], lang: str) -> list[int]:
    """Positions ``0..n-1`` in the order a reader of ``lang`` gets them: those written in
    ``lang`` first, then the others, each part in its given (most typical first) order."""
    own = [i for i, language in enumerate(languages) if language_code(language) == lang]
    mine = set(own)
    return own + [i for i in range(len(languages)) if i not in mine]


def quote_standing(text: str) -> int | None:
    """How fit ``text`` is to quote, lower first: 0 without placeholders, 1 with some, None
    when it has placeholders and fewer than :data:`QUOTABLE_MIN_WORDS` words besides them (not
    quoted: "[EMAIL] / [PHONE]" tells a manager nothing)."""
    if not _PLACEHOLDER.search(text):
        return 0
    words = _WORD.findall(_PLACEHOLDER.sub(" ", text))
    return 1 if len(words) >= QUOTABLE_MIN_WORDS else None


def quote_order(texts: Sequence[object], languages: Sequence[object], lang: str) -> list[int]:
    """Positions of the quotable texts (most typical first as given) in the order a reader of
    ``lang`` gets them: :func:`reader_first`, and within each language part those without
    placeholders before those with (:func:`quote_standing`); texts that are little more than
    placeholders are left out. The theme page's quotes in full and the summary's follow it."""
    standing = [quote_standing(str(t or "")) for t in texts]
    return sorted(
        (i for i in reader_first(languages, lang) if standing[i] is not None),
        key=lambda i: (language_code(languages[i]) != lang, standing[i]),
    )
