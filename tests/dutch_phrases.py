"""English left on a Dutch screen: the catalogue's English values that Dutch does not share.

Used by the Dutch browser walk and the Dutch Upload page test: compare a page's text with
the pieces of every English catalogue value (``dashboard/i18n.py``) around its placeholders.
"""

from __future__ import annotations

import re

from dashboard.i18n import STRINGS


def english_only_phrases() -> list[str]:
    """Every fixed piece of an English catalogue value that differs from its Dutch value.

    Import problems (``problem.*``), command-line lines (``cli.*``, never on a screen) and
    counted words (``count.*``: ``{n} items``) count with pieces of two words or more: single
    words of theirs ("missing", "date", "label", "items") are also customers' words in English
    quotes, keywords and theme names.
    """
    phrases: set[str] = set()
    for key, values in STRINGS.items():
        english, dutch = values.get("en", ""), values.get("nl", "")
        if not english or english == dutch:
            continue
        for piece in re.split(r"\{[^}]*\}", english):
            piece = piece.strip(" .:,()·—–-")
            if key.startswith(("problem.", "cli.", "count.")) and " " not in piece:
                continue
            if len(piece) >= 4 and re.search(r"[A-Za-z]{3}", piece) and piece not in dutch:
                phrases.add(piece)
    return sorted(phrases, key=len, reverse=True)


PHRASES = english_only_phrases()


def english_phrases_in(text: str) -> list[str]:
    """The English-only catalogue phrases that ``text`` holds as whole words."""
    return [p for p in PHRASES if re.search(rf"(?<![\w']){re.escape(p)}(?![\w'])", text)]
