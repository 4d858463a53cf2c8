"""The Unsorted inbox's choices: every theme for an item, nearest first, and its similarity in
words. Pure (no streamlit).

The suggested theme is the one automatic placement would choose
(:func:`workspace.placement.placement_suggestions`): the inbox suggests exactly where
placement would have put an item, and nothing where it would leave it unsorted (the manager
still picks any theme). Cosine similarity to a theme's centre reads as: at least
:data:`STRONG` "very like", at least the workspace's placement threshold
(:func:`workspace.theme_store.placement_threshold`) "somewhat like"; a suggested theme below
the threshold (placed by its nearest items, as short texts are) reads "somewhat like" too.
Without a suggestion the inbox says why (:func:`no_suggestion`): no theme is close enough,
or the nearest theme is one-sided in the opposite tone (praise next to a theme of
complaints: :mod:`analysis.polarity`), however close it is in subject.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

STRONG = 0.5
"""From this similarity (or the threshold, when that is higher) a theme is "very like"."""


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


def suggestion(choices: list[Choice], suggested: int | None) -> Choice | None:
    """The choice of theme ``suggested`` (where placement would put the item), else None."""
    return next((c for c in choices if c.theme_id == suggested), None)


def closeness(similarity: float | None, threshold: float, suggested: bool = False) -> str:
    """``"strong"``, ``"some"`` or ``""`` (below ``threshold``: not close to the centre; a
    ``suggested`` theme is then ``"some"``); the catalogue keys ``unsorted.like.strong`` /
    ``unsorted.like.some`` put it in words."""
    if similarity is None or similarity < threshold:
        return "some" if suggested else ""
    return "strong" if similarity >= max(STRONG, threshold) else "some"


def no_suggestion(choices: list[Choice], opposed: tuple[int, int] | None) -> tuple[str, str]:
    """Why the inbox suggests no theme: the catalogue key and the theme's label.

    ``opposed``: ``(theme id, its tone)`` when placement keeps the item out of the theme it
    is nearest because of its tone (:attr:`workspace.placement.Suggestions.opposed`):
    ``unsorted.opposed.complaints`` (praise near a theme of complaints, tone -1) or
    ``unsorted.opposed.praise``; else ``unsorted.no_suggestion`` (no label).
    """
    if opposed is not None:
        theme_id, tone = opposed
        label = next((c.label for c in choices if c.theme_id == theme_id), "")
        if label:
            return ("unsorted.opposed.complaints" if tone < 0 else "unsorted.opposed.praise"), label
    return "unsorted.no_suggestion", ""
