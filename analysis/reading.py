"""Which quotes a reader gets first: the rule the theme page and the weekly summary share;
and what language code an item's language is (also for the embedder's choice and the names
per language).

Quotes are ranked most typical first. A reader of Dutch gets the Dutch ones of that ranking
first, then the others, so a theme of Dutch and English feedback is quoted in Dutch on a
Dutch screen and in the Dutch summary; a theme without Dutch items keeps its ranking.
"""

from __future__ import annotations

from collections.abc import Sequence

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
