"""Praise is not counted in a complaint's theme, nor a complaint in a theme of praise.

Themes group feedback by subject: "Delivery was super fast" lies next to "My parcel came 4
days late", and the placement of new items (and a refresh) put it in the theme named
"dagen te laat", whose count and trend a manager reads as complaints (the demo: 6 of 8
praise reviews joined the complaint-named theme of their subject). The one rule here, for
placement between refreshes (``workspace/placement.py``) and the refresh
(:func:`analysis.refresh_plan.plan_refresh`):

- a theme is *one-sided* when at least :data:`MIN_TONED_ITEMS` of its items have a clear
  sentiment (at least :data:`analysis.summary.CLEAR_SENTIMENT` from 0) and at least
  :data:`ONE_SIDED_SHARE` of those have the same sign (:func:`theme_tones`);
- an item has a *clear tone* only when its sentiment (rating, else the text model) and its
  own words (:func:`analysis.sentiment.clear_word_tones`, on the text without greeting and
  sign-off) say the same: a rating alone is not enough (a Zendesk ticket rated "good" for
  how it was handled still reports a late parcel; a one-star review may say "Great app");
- an item whose clear tone is the opposite of its theme's is taken out of it
  (:func:`keep_out_of_opposed`): it joins the nearest one-sided theme of its own tone when
  that is as similar as a new item must be to join a theme, else it stays unsorted, where
  enough of them become a proposed theme (``analysis/new_subjects.py``). Not a mixed
  theme: on real reviews the nearest theme a lone "Worst" could join was "love" (90% praise,
  just under the bar).

Measured (``benchmarks/RESULTS.md``): of eight praise reviews uploaded into the demo, 6 were
placed in complaint-named themes; the rule keeps 5 out and moves nothing else of its 2,903
items, in placement and refresh alike. On real Google Play reviews it moves 2 of 593 ("Worst
app" out of "nice app"). A rule by the sentiment alone would have moved 118 demo items,
nearly all complaints whose ticket was rated "good".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from analysis.embedders import l2_normalize
from analysis.sentiment import clear_word_tones
from analysis.subject_text import subject_text
from analysis.summary import CLEAR_SENTIMENT

ONE_SIDED_SHARE = 0.9
"""Share of a theme's clearly toned items that must share one tone for the theme to be
one-sided. The demo's complaint themes: 91-99% (their positives are mostly tickets rated
"good" for their handling)."""

MIN_TONED_ITEMS = 10
"""Clearly toned items a theme needs before its tone counts (a theme of 3 says little)."""


def score_tones(sentiment: Sequence[float] | np.ndarray) -> np.ndarray:
    """+1 / -1 where a sentiment is at least :data:`CLEAR_SENTIMENT` above / below 0, else 0
    (also where it is unknown): the theme page's count of positive and negative items."""
    values = np.asarray(sentiment, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.where(values >= CLEAR_SENTIMENT, 1, np.where(values <= -CLEAR_SENTIMENT, -1, 0))


def item_tones(sentiment: Sequence[float] | np.ndarray, texts: Sequence[str]) -> np.ndarray:
    """Per item, +1 / -1 when its sentiment and its own words are clearly of that tone, else 0."""
    by_score = score_tones(sentiment)
    words = clear_word_tones([subject_text(text) for text in texts])
    return np.where(by_score == words, by_score, 0).astype(np.int64)


def theme_tones(
    theme_ids: Sequence[int] | np.ndarray, sentiment: Sequence[float] | np.ndarray
) -> dict[int, int]:
    """The one-sided themes among these items' themes: theme id -> +1 (praise) or -1
    (complaints). Items are given by their theme (-1: unsorted, left out; a refresh's new
    themes have ids below -1) and sentiment."""
    themes = np.asarray(theme_ids, dtype=np.int64)
    tones = score_tones(sentiment)
    out: dict[int, int] = {}
    for theme in np.unique(themes[themes != -1]):
        mine = tones[themes == theme]
        positive, negative = int((mine > 0).sum()), int((mine < 0).sum())
        toned = positive + negative
        if toned < MIN_TONED_ITEMS:
            continue
        if positive >= ONE_SIDED_SHARE * toned:
            out[int(theme)] = 1
        elif negative >= ONE_SIDED_SHARE * toned:
            out[int(theme)] = -1
    return out


def keep_out_of_opposed(
    theme_ids: np.ndarray,
    sentiment: Sequence[float] | np.ndarray,
    texts: Sequence[str],
    one_sided: Mapping[int, int],
    vectors: np.ndarray,
    centres: np.ndarray,
    centre_ids: Sequence[int],
    threshold: float,
    fixed: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Items taken out of a one-sided theme of the opposite tone.

    Args:
        theme_ids: theme per item (-1: unsorted).
        sentiment, texts: per item; their :func:`item_tones` say which items oppose their
            theme (the words are read only where the sentiment does: a refresh at 100k).
        one_sided: :func:`theme_tones` of the themes.
        vectors: the items' vectors; ``centres`` (rows) the themes' centres, of the themes
            ``centre_ids``.
        threshold: the similarity an item needs to join another theme's centre.
        fixed: items not to move (placed by hand).

    Returns:
        ``(theme per item, which items were taken out)``: a taken-out item is in the
        nearest one-sided theme of its own tone when at least ``threshold`` similar, else
        unsorted (-1).
    """
    theme_ids = np.asarray(theme_ids, dtype=np.int64).copy()
    theme_tone = np.array([one_sided.get(int(t), 0) for t in theme_ids], dtype=np.int64)
    tones = np.zeros(len(theme_ids), dtype=np.int64)
    candidates = np.flatnonzero((theme_tone != 0) & (score_tones(sentiment) == -theme_tone))
    tones[candidates] = item_tones(
        np.asarray(sentiment, dtype=float)[candidates], [texts[int(r)] for r in candidates]
    )
    moved = (tones != 0) & (theme_tone == -tones)
    if fixed is not None:
        moved &= ~fixed
    rows = np.flatnonzero(moved)
    if len(rows) == 0:
        return theme_ids, moved
    ids = np.asarray(list(centre_ids), dtype=np.int64)
    if len(ids) == 0:
        theme_ids[rows] = -1
        return theme_ids, moved
    sims = l2_normalize(vectors[rows]) @ l2_normalize(np.asarray(centres)).T
    centre_tone = np.array([one_sided.get(int(t), 0) for t in ids], dtype=np.int64)
    sims[centre_tone[None, :] != tones[rows][:, None]] = -np.inf
    best = np.argmax(sims, axis=1)
    near = sims[np.arange(len(rows)), best] >= threshold
    theme_ids[rows] = np.where(near, ids[best], -1)
    return theme_ids, moved
