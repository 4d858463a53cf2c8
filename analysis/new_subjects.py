"""New subjects in new data: groups of new items closer to each other than to any theme.

Between refreshes, new items join the nearest theme when similar enough. A genuinely new
subject ("pakket kwijt bij PostNL" in a shop whose themes know only late deliveries) is
often similar enough to an existing theme to be swallowed by it. So the new items are also
clustered among themselves, and a group becomes a proposed theme when

- it has at least ``min_size`` items,
- its items are on average ``min_gain`` (cosine) closer to the group's own centre than to
  the theme they would join, and
- its centre is not a copy of an existing theme's centre (cosine below ``max_centre_similarity``),
- and (given the sorted items' vectors) most of its items are closer to their nearest fellow
  items than to their nearest sorted items: a subject the workspace does not have yet. Short
  texts are alike whatever they say ("Factuur klopt niet", "Veel te duur", "App crasht
  steeds" are closer to each other's centre than to their themes' centres, which longer
  texts make), but each is closer to the sorted items on its own subject.

More of the same subjects fails the last two rules (the new items' centre lies on top of the
theme's centre), so routine uploads propose nothing. Groups that pass and are as similar to
each other as two themes never are (centre cosine at least ``MIN_MERGE_SIMILARITY`` and above
the most similar pair of current themes) are one new subject split by the clustering: they
become one proposal.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from analysis.embedders import l2_normalize

MIN_GAIN = 0.08
MAX_CENTRE_SIMILARITY = 0.9
MIN_MERGE_SIMILARITY = 0.7
CLOSER_SHARE = 0.5
"""Share of a group's items that must be closer to their nearest fellow items than to their
nearest sorted items. Measured on the demo workspace (k = 5): 38 of 40 new lost-parcel
reviews are (95%), 12 of 32 short reviews on the demo's own subjects (38%)."""
NEAREST = 5
"""Items compared on each side (fewer in a smaller group)."""


def find_new_subjects(
    vectors: np.ndarray,
    keys: Sequence[str],
    centroids: np.ndarray,
    *,
    min_size: int = 10,
    min_similarity: float = 0.5,
    min_gain: float = MIN_GAIN,
    max_centre_similarity: float = MAX_CENTRE_SIMILARITY,
    known_vectors: np.ndarray | None = None,
    random_state: int = 0,
) -> np.ndarray:
    """Proposal index per row of ``vectors`` (-1: no proposal for that row).

    Args:
        vectors: L2-normalised vectors of the new and still unsorted items.
        keys: a stable key per row (text hash), so the result does not depend on row order.
        centroids: the current themes' centres (may be empty).
        min_size: fewest items of a proposal.
        min_similarity: a row belongs to its group's proposal only when at least this
            similar to the group's centre (the workspace's placement threshold).
        min_gain: how much closer (mean cosine) the group's items must be to their own
            centre than to the theme they would otherwise join.
        max_centre_similarity: a group whose centre is this similar to a theme's centre is
            more of that theme, not a new subject.
        known_vectors: the sorted items' L2-normalised vectors (None: not compared).
    """
    from analysis.clustering import ThemeClusterer

    out = np.full(len(vectors), -1)
    if len(vectors) < min_size:
        return out
    model = ThemeClusterer(
        min_themes=1,
        min_theme_size=min_size,
        max_unsorted=0.0,
        smooth_neighbors=0,
        random_state=random_state,
    ).fit(vectors, keys)
    has_themes = len(centroids) > 0
    theme_centres = l2_normalize(np.asarray(centroids, dtype=np.float32)) if has_themes else None
    passed: list[tuple[np.ndarray, np.ndarray]] = []  # (rows, centre) of qualifying groups
    for group in range(model.n_themes_):
        rows = np.flatnonzero(model.labels_ == group)
        if len(rows) < min_size:
            continue
        centre = l2_normalize(vectors[rows].mean(axis=0, keepdims=True))[0]
        if theme_centres is not None:
            own = vectors[rows] @ centre
            to_themes = vectors[rows] @ theme_centres.T
            gain = float(own.mean() - to_themes.max(axis=1).mean())
            centre_similarity = float((theme_centres @ centre).max())
            if gain < min_gain or centre_similarity >= max_centre_similarity:
                continue
        if known_vectors is not None and not _closer_to_each_other(vectors[rows], known_vectors):
            continue
        passed.append((rows, centre))
    merge_at = MIN_MERGE_SIMILARITY
    if theme_centres is not None and len(theme_centres) > 1:
        pairs = theme_centres @ theme_centres.T
        merge_at = max(merge_at, float(pairs[np.triu_indices(len(pairs), 1)].max()))
    next_id = 0
    for rows in _merge_close(passed, merge_at):
        centre = l2_normalize(vectors[rows].mean(axis=0, keepdims=True))[0]
        members = rows[vectors[rows] @ centre >= min_similarity]
        if len(members) >= min_size:
            out[members] = next_id
            next_id += 1
    return out


def _closer_to_each_other(rows: np.ndarray, known: np.ndarray) -> bool:
    """At least :data:`CLOSER_SHARE` of ``rows`` are closer (mean cosine of the
    :data:`NEAREST`) to each other than to the ``known`` rows."""
    if len(known) == 0 or len(rows) < 2:
        return True
    k = min(NEAREST, len(rows) - 1, len(known))
    inner = rows @ rows.T
    np.fill_diagonal(inner, -np.inf)
    own = _mean_top(inner, k)
    known_near = np.concatenate(
        [_mean_top(rows[i : i + 256] @ known.T, k) for i in range(0, len(rows), 256)]
    )
    return bool((own > known_near).mean() >= CLOSER_SHARE)


def _mean_top(sims: np.ndarray, k: int) -> np.ndarray:
    """Per row, the mean of its ``k`` largest values."""
    return np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:].mean(axis=1)


def _merge_close(groups: list[tuple[np.ndarray, np.ndarray]], at: float) -> list[np.ndarray]:
    """Rows of the groups, groups whose centres have cosine >= ``at`` joined (transitively)."""
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(groups)):
        for j in range(i + 1, len(groups)):
            if float(groups[i][1] @ groups[j][1]) >= at:
                parent[root(j)] = root(i)
    joined: dict[int, list[np.ndarray]] = {}
    for i, (rows, _) in enumerate(groups):
        joined.setdefault(root(i), []).append(rows)
    return [np.sort(np.concatenate(parts)) for _, parts in sorted(joined.items())]
