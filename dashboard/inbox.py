"""The Unsorted inbox's choices: every theme for an item, nearest first, and its similarity in
words. Pure (no streamlit).

Cosine similarity to a theme's centre reads as: at least :data:`STRONG` "very like", at least
:data:`SUGGEST_FROM` "somewhat like"; below that no theme is suggested (the manager still
picks any theme).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

STRONG = 0.5
SUGGEST_FROM = 0.3
"""Below this similarity the inbox suggests no theme: a guess that low is wrong more often
than right (the issue's "De bezorging was te laat…" → "quality, feels (0.28)")."""


@dataclass(frozen=True, slots=True)
class Choice:
    theme_id: int
    label: str
    similarity: float | None


def choices_for(similarities: pd.DataFrame, item_id: str) -> list[Choice]:
    """Every theme for ``item_id``, nearest first (``theme_similarities`` output)."""
    rows = similarities[similarities["id"] == item_id]
    return [
        Choice(
            int(r.theme_id), str(r.label), None if pd.isna(r.similarity) else float(r.similarity)
        )
        for r in rows.itertuples(index=False)
    ]


def suggestion(choices: list[Choice]) -> Choice | None:
    """The nearest theme when it is close enough to suggest, else None."""
    if choices and choices[0].similarity is not None and choices[0].similarity >= SUGGEST_FROM:
        return choices[0]
    return None


def closeness(similarity: float | None) -> str:
    """``"strong"``, ``"some"`` or ``""`` (not close enough to suggest): the catalogue keys
    ``unsorted.like.strong`` / ``unsorted.like.some`` put it in words."""
    if similarity is None or similarity < SUGGEST_FROM:
        return ""
    return "strong" if similarity >= STRONG else "some"
