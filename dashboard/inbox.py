"""The Unsorted inbox's choices: every theme for an item, nearest first, and its similarity in
words. Pure (no streamlit).

Cosine similarity to a theme's centre reads as: at least :data:`STRONG` "very like", at least
the workspace's placement threshold (:func:`workspace.theme_store.placement_threshold`, the
rule automatic placement uses) "somewhat like"; below that no theme is suggested (the manager
still picks any theme). So the inbox suggests exactly where placement would have put an item.
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


def suggestion(choices: list[Choice], threshold: float) -> Choice | None:
    """The nearest theme when its similarity reaches ``threshold`` (the placement threshold),
    else None."""
    if choices and closeness(choices[0].similarity, threshold):
        return choices[0]
    return None


def closeness(similarity: float | None, threshold: float) -> str:
    """``"strong"``, ``"some"`` or ``""`` (below ``threshold``: not close enough to suggest);
    the catalogue keys ``unsorted.like.strong`` / ``unsorted.like.some`` put it in words."""
    if similarity is None or similarity < threshold:
        return ""
    return "strong" if similarity >= max(STRONG, threshold) else "some"
