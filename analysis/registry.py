"""Theme registry logic: keep theme ids stable across refreshes.

Pure functions over centroids and memberships; the workspace stores the registry.

- :func:`match_clusters` — optimal one-to-one matching of new clusters to existing themes by
  centroid cosine similarity (Hungarian algorithm, ``scipy.optimize.linear_sum_assignment``);
  pairs below ``min_similarity`` stay unmatched.
- :func:`lineage` — for unmatched new clusters, which old theme most of their items came
  from ("split from"); for unmatched old themes, which new theme most of their items went
  to ("merged into").
- :func:`nearest_theme` and :func:`neighbour_themes` — assignment of new items between
  refreshes: by the theme's centre, else by the themes of the item's nearest items.
- :func:`partition_fit` and :func:`extend_partition` — the refresh compares the new
  clustering with the previous themes (extended to the new items) and keeps the previous
  ones unless the new clustering fits clearly better.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.clustering import group_sums
from analysis.embedders import l2_normalize


def match_clusters(
    new_centroids: np.ndarray,
    old_centroids: np.ndarray,
    min_similarity: float = 0.5,
    overlap: np.ndarray | None = None,
    allowed: np.ndarray | None = None,
) -> dict[int, int]:
    """Optimal one-to-one matching ``new cluster index -> old theme index``.

    Args:
        new_centroids: normalised centres of the new clusters.
        old_centroids: normalised centres of the existing themes.
        min_similarity: pairs with a lower centroid cosine are never matched.
        overlap: optional ``(n_new, n_old)`` share of each old theme's items that fall into
            each new cluster; added to the similarity so that, among close centroids, the
            cluster holding the theme's items wins.
        allowed: optional ``(n_new, n_old)`` mask: pairs outside it are never matched.
    """
    if len(new_centroids) == 0 or len(old_centroids) == 0:
        return {}
    sims = l2_normalize(new_centroids) @ l2_normalize(old_centroids).T
    score = sims + (overlap if overlap is not None else 0.0)
    # Pairs below the floor may never win: left at their score, a forced poor pair could take
    # a row whose good partner then lands on a worse one.
    ok = sims >= min_similarity
    if allowed is not None:
        ok &= allowed
    score = np.where(ok, score, -1e6)
    from scipy.optimize import linear_sum_assignment  # here: the dashboard's first page skips it

    rows, cols = linear_sum_assignment(-score)
    return {int(r): int(c) for r, c in zip(rows, cols, strict=True) if ok[r, c]}


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


PLACE_NEIGHBOURS = 14
"""Nearest sorted items looked at for a new item below the similarity threshold (the
clustering's layout graph has 15 neighbours: the item and 14 others)."""

PLACE_SHARE = 0.5
"""Share of those that must be in one theme for the new item to join it: a majority, where
a refresh keeps an outlier with a third (the refresh also has the clustering's evidence;
a new item has only its neighbours)."""


def neighbour_themes(
    vectors: np.ndarray,
    known_vectors: np.ndarray,
    known_themes: np.ndarray,
    min_similarity: float,
    k: int = PLACE_NEIGHBOURS,
    share: float = PLACE_SHARE,
) -> np.ndarray:
    """Per row, the theme at least ``share`` of its ``k`` most similar known rows are in,
    when its most similar known row reaches ``min_similarity`` (-1 otherwise).

    A short text ("De levering was te laat") lies further from its theme's centre than the
    longer texts that make the centre, below the threshold a refresh sets, while the items
    most like it are that theme's, as close to it as the threshold asks of the centre: it
    joins that theme, where a refresh would put it. A text about nothing the workspace knows
    ("Mijn hond heet Max") has neighbours too, but none that close. ``known_vectors`` are
    L2-normalised, ``known_themes`` their themes (>= 0).
    """
    found = np.full(len(vectors), -1, dtype=np.int64)
    if len(vectors) == 0 or len(known_vectors) == 0:
        return found
    k = min(k, len(known_vectors))
    themes = np.asarray(known_themes, dtype=np.int64)
    for start in range(0, len(vectors), 1024):
        block = l2_normalize(vectors[start : start + 1024]) @ known_vectors.T
        near = np.argpartition(-block, k - 1, axis=1)[:, :k]
        closest = block.max(axis=1)
        for row, neighbours in enumerate(themes[near]):
            values, counts = np.unique(neighbours, return_counts=True)
            best = int(np.argmax(counts))
            if counts[best] >= share * k and closest[row] >= min_similarity:
                found[start + row] = int(values[best])
    return found


def extend_partition(
    vectors: np.ndarray, old_labels: np.ndarray, min_similarity: float
) -> np.ndarray:
    """The previous themes extended to every row: rows without a theme (-1) join the nearest
    theme's centre when their cosine reaches ``min_similarity``, as between refreshes."""
    labels = np.asarray(old_labels, dtype=np.int64).copy()
    has = labels >= 0
    if not has.any():
        return labels
    sums = group_sums(vectors[has], labels[has], int(labels.max()) + 1)
    used = np.flatnonzero(np.bincount(labels[has], minlength=len(sums)))
    nearest, _ = nearest_theme(vectors[~has], sums[used], min_similarity)
    labels[~has] = np.where(nearest >= 0, used[np.maximum(nearest, 0)], -1)
    return labels


def partition_fit(vectors: np.ndarray, labels: np.ndarray) -> float:
    """How well a partition fits the vectors: the mean simplified silhouette in cosine
    distance, ``(b - a) / max(a, b)`` with ``a`` the distance of a row to its theme's centre
    and ``b`` to the nearest other centre. Unsorted rows (-1) count with their nearest theme,
    so leaving rows out does not raise the score. -1 when there are fewer than 2 themes."""
    labels = np.asarray(labels, dtype=np.int64)
    has = labels >= 0
    if len(np.unique(labels[has])) < 2:
        return -1.0
    k = int(labels.max()) + 1
    sums = group_sums(vectors[has], labels[has], k)
    used = np.flatnonzero(np.bincount(labels[has], minlength=k))
    sims = l2_normalize(vectors) @ l2_normalize(sums[used]).T
    position = np.full(k, -1)
    position[used] = np.arange(len(used))
    own = np.where(has, position[np.maximum(labels, 0)], np.argmax(sims, axis=1))
    rows = np.arange(len(labels))
    a = 1.0 - sims[rows, own]
    sims[rows, own] = -np.inf
    b = 1.0 - sims.max(axis=1)
    return float(((b - a) / np.maximum(np.maximum(a, b), 1e-12)).mean())
