"""Theme registry logic: keep theme ids stable across refreshes.

Pure functions over centroids and memberships; the workspace stores the registry.

- :func:`match_clusters` — optimal one-to-one matching of new clusters to existing themes by
  centroid cosine similarity (Hungarian algorithm, ``scipy.optimize.linear_sum_assignment``);
  pairs below ``min_similarity`` stay unmatched.
- :func:`lineage` — for unmatched new clusters, which old theme most of their items came
  from ("split from"); for unmatched old themes, which new theme most of their items went
  to ("merged into").
- :func:`nearest_theme` — assignment of new items between refreshes.
- :func:`propose_themes` — leftovers that gather into a tight group become a proposed theme.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from analysis.embedders import l2_normalize


def match_clusters(
    new_centroids: np.ndarray,
    old_centroids: np.ndarray,
    min_similarity: float = 0.5,
    overlap: np.ndarray | None = None,
) -> dict[int, int]:
    """Optimal one-to-one matching ``new cluster index -> old theme index``.

    Args:
        new_centroids: normalised centres of the new clusters.
        old_centroids: normalised centres of the existing themes.
        min_similarity: pairs with a lower centroid cosine are never matched.
        overlap: optional ``(n_new, n_old)`` share of each old theme's items that fall into
            each new cluster; added to the similarity so that, among close centroids, the
            cluster holding the theme's items wins.
    """
    if len(new_centroids) == 0 or len(old_centroids) == 0:
        return {}
    sims = l2_normalize(new_centroids) @ l2_normalize(old_centroids).T
    score = sims + (overlap if overlap is not None else 0.0)
    rows, cols = linear_sum_assignment(-score)
    return {int(r): int(c) for r, c in zip(rows, cols, strict=True) if sims[r, c] >= min_similarity}


@dataclass(frozen=True, slots=True)
class Lineage:
    """``split_from[new] = old`` and ``merged_into[old] = new`` for unmatched themes."""

    split_from: dict[int, int]
    merged_into: dict[int, int]


def lineage(
    new_labels: Sequence[int] | np.ndarray,
    old_labels: Sequence[int] | np.ndarray,
    matches: dict[int, int],
    min_share: float = 0.5,
) -> Lineage:
    """Where unmatched clusters came from and where unmatched themes went.

    Args:
        new_labels: new cluster per item (-1 = unsorted).
        old_labels: previous theme index per item (-1 = none), same items.
        matches: ``new -> old`` from :func:`match_clusters`.
        min_share: share of items needed to claim the relation.
    """
    pairs = Counter(
        (int(n), int(o)) for n, o in zip(new_labels, old_labels, strict=True) if n >= 0 and o >= 0
    )
    new_sizes = Counter(int(n) for n in new_labels if n >= 0)
    old_sizes = Counter(int(o) for o in old_labels if o >= 0)
    matched_old = set(matches.values())
    split_from: dict[int, int] = {}
    merged_into: dict[int, int] = {}
    for new in new_sizes:
        if new in matches:
            continue
        best = max(((count, old) for (n, old), count in pairs.items() if n == new), default=None)
        if best and best[0] >= min_share * new_sizes[new] and best[1] in matched_old:
            split_from[new] = best[1]
    for old in old_sizes:
        if old in matched_old:
            continue
        best = max(((count, n) for (n, o), count in pairs.items() if o == old), default=None)
        if best and best[0] >= min_share * old_sizes[old] and best[1] in matches:
            merged_into[old] = best[1]
    return Lineage(split_from, merged_into)


def nearest_theme(
    vectors: np.ndarray, centroids: np.ndarray, min_similarity: float
) -> tuple[np.ndarray, np.ndarray]:
    """Index of the nearest centroid per row (-1 when below ``min_similarity``) and the cosine."""
    if len(centroids) == 0 or len(vectors) == 0:
        return np.full(len(vectors), -1), np.zeros(len(vectors), dtype=np.float32)
    sims = l2_normalize(vectors) @ l2_normalize(centroids).T
    best = np.argmax(sims, axis=1)
    best_sim = sims[np.arange(len(vectors)), best]
    return np.where(best_sim >= min_similarity, best, -1), best_sim.astype(np.float32)


def propose_themes(
    vectors: np.ndarray,
    keys: Sequence[str],
    min_size: int = 10,
    min_similarity: float = 0.5,
    random_state: int = 0,
) -> np.ndarray:
    """Group leftover rows; groups of ``min_size`` rows that are tight enough are proposals.

    Returns:
        Proposal index per row (-1 = stays unsorted).
    """
    from analysis.clustering import ThemeClusterer

    if len(vectors) < min_size:
        return np.full(len(vectors), -1)
    model = ThemeClusterer(
        min_themes=1,
        min_theme_size=min_size,
        max_unsorted=0.0,
        smooth_neighbors=0,
        random_state=random_state,
    ).fit(vectors, keys)
    labels = model.labels_.copy()
    out = np.full(len(vectors), -1)
    next_id = 0
    for theme in range(model.n_themes_):
        rows = np.flatnonzero(labels == theme)
        tight = rows[model.similarity_[rows] >= min_similarity]
        if len(tight) >= min_size:
            out[tight] = next_id
            next_id += 1
    return out
