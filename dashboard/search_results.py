"""Which search results count as hits, and how many there are. Pure (no streamlit).

Search by meaning ranks every item, however unrelated, so a minimum relevance separates hits
from the rest; search by words only returns items holding every word, so all are hits.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

MIN_MEANING_SCORE = 0.35
"""Cosine similarity (plus the small word bonus) a result by meaning needs to count as a hit:
below it, results on this kind of feedback share a few words at most."""
SHOWN = 50
"""Hits listed on the page (the count covers up to :data:`FETCHED`)."""
FETCHED = 500


@dataclass(frozen=True, slots=True)
class Hits:
    rows: pd.DataFrame
    """The best :data:`SHOWN` hits."""
    total: int
    """All hits found (at most :data:`FETCHED`)."""
    capped: bool
    """True when the search stopped at :data:`FETCHED`: there may be more."""


def hits(results: pd.DataFrame, mode: str) -> Hits:
    """Keep the real hits of ``results`` (best first) and count them."""
    kept = results[results["score"] >= MIN_MEANING_SCORE] if mode == "semantic" else results
    return Hits(kept.head(SHOWN), len(kept), len(results) >= FETCHED and len(kept) == len(results))
