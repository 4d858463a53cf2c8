"""The theme refresh as a pure plan: items, vectors and the previous registry in, themes out.

:func:`plan_refresh` decides everything a refresh changes (which clusters keep which theme
ids, which themes are new or retired, lineage, the assignment of every item, whether the
current themes are kept because the new clustering fits no better) without touching storage;
``workspace/refresh.py`` loads its inputs and saves the plan in one transaction.

New themes get *provisional* ids (-2, -3, ...; -1 means unsorted) until the workspace gives
them real ids from its sequence with :meth:`RefreshPlan.with_ids`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from analysis.clustering import ThemeClusterer, group_sums
from analysis.embedders import l2_normalize
from analysis.labels import CTfidfLabeler
from analysis.polarity import keep_out_of_opposed, theme_tones
from analysis.registry import extend_partition, lineage, match_clusters, partition_fit
from analysis.sentiment import item_sentiment, rating_to_sentiment

MATCH_MIN_SIMILARITY = 0.5
# A refresh replaces the current themes only when the new clustering fits the vectors better
# by at least this much (mean simplified silhouette, :func:`analysis.registry.partition_fit`).
# Measured: re-clustering after adding 10% more of the same subjects scored -0.0001 (sample
# data) and +0.002 (a test set where the clustering split a different theme each time); a
# genuinely new subject scored +0.02 (5% of items) to +0.05 (10%; the sample data's late
# deliveries: +0.044).
MIN_REFRESH_GAIN = 0.01
DEFAULT_ASSIGN_THRESHOLD = 0.3
UNSORTED = -1

THEME_COLUMNS = [
    "theme_id",
    "label",
    "label_nl",
    "label_en",
    "manager_name",
    "keywords",
    "keywords_nl",
    "keywords_en",
    "quotes",
    "centroid",
    "size",
    "status",
    "parent_ids",
    "created_at",
    "updated_at",
    "model_id",
]
"""The columns of a theme row (the ``themes`` table of the workspace)."""


@dataclass(slots=True)
class RefreshPlan:
    """What a refresh will write. Ids below -1 are provisional (new themes).

    Attributes:
        item_ids: the text items, in the order of the other per-item arrays.
        theme_ids: theme per item (-1 = unsorted).
        methods: ``cluster`` / ``unsorted`` / ``manual`` per item.
        similarities: cosine of each item to its theme's centre (nearest centre if unsorted).
        sentiment, sentiment_source: per item.
        themes: the active theme rows (:data:`THEME_COLUMNS`).
        manual: the manual placements the plan honoured (item id -> theme id or None).
        assign_threshold: the similarity a new item needs to join a theme later.
        kept_out: items the clustering put in a theme of the opposite tone, placed
            elsewhere or left unsorted (:func:`keep_opposed_out`).
    """

    model_id: str
    item_ids: list[str]
    theme_ids: np.ndarray
    methods: np.ndarray
    similarities: np.ndarray
    sentiment: np.ndarray
    sentiment_source: list[str]
    themes: pd.DataFrame
    manual: dict[str, int | None] = field(default_factory=dict)
    kept_ids: list[int] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)
    retired_ids: list[int] = field(default_factory=list)
    split_from: dict[int, int] = field(default_factory=dict)
    merged_into: dict[int, int] = field(default_factory=dict)
    kept_previous: bool = False
    fit_previous: float | None = None
    fit_new: float | None = None
    assign_threshold: float = DEFAULT_ASSIGN_THRESHOLD
    kept_out: int = 0

    @property
    def unsorted(self) -> int:
        return int((self.theme_ids == UNSORTED).sum())

    def with_ids(self, real: Mapping[int, int]) -> RefreshPlan:
        """The plan with provisional ids replaced by ``real[provisional]``."""

        def one(t: int) -> int:
            return int(real.get(int(t), int(t)))

        themes = self.themes.copy()
        themes["theme_id"] = [one(t) for t in themes["theme_id"]]
        return replace(
            self,
            theme_ids=np.array([one(t) for t in self.theme_ids], dtype=np.int64),
            themes=themes,
            new_ids=[one(t) for t in self.new_ids],
            split_from={one(k): one(v) for k, v in self.split_from.items()},
            merged_into={one(k): one(v) for k, v in self.merged_into.items()},
        )

    def with_manual(self, moves: Mapping[str, int | None]) -> RefreshPlan:
        """The plan with these items placed by hand (moves made after the plan was computed).

        Raises:
            ValueError: a move names a theme that this plan retires.
        """
        active = {int(t) for t in self.themes["theme_id"]}
        position = {item: row for row, item in enumerate(self.item_ids)}
        theme_ids = self.theme_ids.copy()
        methods = self.methods.copy()
        for item, theme in moves.items():
            if theme is not None and int(theme) not in active:
                raise ValueError(f"theme {theme} is retired by this refresh")
            row = position.get(item)
            if row is None:
                continue
            theme_ids[row] = UNSORTED if theme is None else int(theme)
            methods[row] = "manual"
        themes = self.themes.copy()
        counts = pd.Series(theme_ids[theme_ids != UNSORTED]).value_counts()
        themes["size"] = [int(counts.get(int(t), 0)) for t in themes["theme_id"]]
        return replace(
            self,
            theme_ids=theme_ids,
            methods=methods,
            themes=themes,
            manual={**self.manual, **moves},
        )


def cluster_items(
    items: pd.DataFrame,
    vectors: np.ndarray,
    clusterer: ThemeClusterer | None = None,
    random_state: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Cluster distinct texts (keyed by ``text_hash``, so item order does not matter).

    Returns:
        ``(cluster per item, -1 = unsorted; normalised cluster centres)``.
    """
    if len(items) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(
            (0, vectors.shape[1] if vectors.ndim == 2 else 0)
        )
    first = ~items["text_hash"].duplicated().to_numpy()
    hashes = items["text_hash"].to_numpy()[first]
    model = clusterer or ThemeClusterer(random_state=random_state)
    model.fit(vectors[first], list(hashes))
    by_hash = pd.Series(model.labels_, index=hashes)
    labels = by_hash.reindex(items["text_hash"].to_numpy()).to_numpy().astype(np.int64)
    return labels, model.centroids_


def centroid_matrix(themes: pd.DataFrame) -> np.ndarray:
    """The normalised ``centroid`` column of theme rows as a matrix."""
    if themes.empty:
        return np.zeros((0, 0), dtype=np.float32)
    return l2_normalize(np.vstack([np.asarray(c, dtype=np.float32) for c in themes["centroid"]]))


def theme_rows(
    items: pd.DataFrame,
    vectors: np.ndarray,
    theme_ids: np.ndarray,
    model_id: str,
    previous: Mapping[int, Mapping[str, Any]] | None = None,
    split_from: Mapping[int, int] | None = None,
    status: str = "active",
    now: datetime | None = None,
) -> pd.DataFrame:
    """Labelled theme rows (:data:`THEME_COLUMNS`) for the themes the items are placed in.

    Args:
        previous: earlier rows by theme id: manager names, parents and creation times carry over.
        split_from: new theme id -> the theme it was split from (its parent).
    """
    now = now or datetime.now(UTC)
    previous = previous or {}
    split_from = split_from or {}
    ids = sorted({int(t) for t in theme_ids if t != UNSORTED})
    index = {t: i for i, t in enumerate(ids)}
    dense = np.array([index[int(t)] if t != UNSORTED else -1 for t in theme_ids])
    labeler = CTfidfLabeler().fit(
        items["text"].tolist(), dense, vectors, items["language"].tolist()
    )
    rows = []
    for theme, pos in index.items():
        member = dense == pos
        centroid = l2_normalize(vectors[member].mean(axis=0, keepdims=True))[0]
        label = labeler.labels_[pos]
        before = previous.get(theme, {})
        parents = (
            [split_from[theme]]
            if theme in split_from
            else json.loads(before.get("parent_ids", "[]") or "[]")
        )
        rows.append(
            {
                "theme_id": theme,
                "label": label.label,
                "label_nl": label.label_nl,
                "label_en": label.label_en,
                "manager_name": before.get("manager_name", "") or "",
                "keywords": json.dumps(list(label.keywords), ensure_ascii=False),
                "keywords_nl": json.dumps(list(label.keywords_nl), ensure_ascii=False),
                "keywords_en": json.dumps(list(label.keywords_en), ensure_ascii=False),
                "quotes": json.dumps([str(items["id"].iloc[q]) for q in label.quotes]),
                "centroid": centroid.astype(np.float32).tolist(),
                "size": int(member.sum()),
                "status": status,
                "parent_ids": json.dumps(parents),
                "created_at": before.get("created_at", now) if before else now,
                "updated_at": now,
                "model_id": model_id,
            }
        )
    return pd.DataFrame(rows, columns=THEME_COLUMNS)


def similarities(vectors: np.ndarray, theme_ids: np.ndarray, themes: pd.DataFrame) -> np.ndarray:
    """Cosine of each item to its theme's centre (to the nearest centre when unsorted)."""
    if themes.empty:
        return np.zeros(len(theme_ids))
    centroids = centroid_matrix(themes)
    pos = {int(t): i for i, t in enumerate(themes["theme_id"])}
    sims = vectors @ centroids.T
    out = sims.max(axis=1)
    rows = np.flatnonzero(theme_ids != UNSORTED)
    cols = np.array([pos.get(int(theme_ids[r]), -1) for r in rows], dtype=np.int64)
    known = cols >= 0
    out[rows[known]] = sims[rows[known], cols[known]]
    return out.astype(float)


def assign_threshold(member_similarities: np.ndarray) -> float:
    """Similarity a new item needs to join a theme: the robust lower fence of members."""
    if len(member_similarities) < 20:
        return DEFAULT_ASSIGN_THRESHOLD
    median = float(np.median(member_similarities))
    mad = 1.4826 * float(np.median(np.abs(member_similarities - median)))
    return max(median - 3.0 * mad, float(np.quantile(member_similarities, 0.02)))


def items_sentiment(items: pd.DataFrame, vectors: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Sentiment per item (from the rating where there is one) and its source."""
    rated = rating_to_sentiment(
        items["rating"].tolist(),
        items["rating_scale_min"].tolist(),
        items["rating_scale_max"].tolist(),
    )
    return item_sentiment(items["text"].tolist(), vectors, rated)


def _keep_merges(
    vectors: np.ndarray,
    labels: np.ndarray,
    centroids: np.ndarray,
    old_labels: np.ndarray,
    targets: set[int],
) -> tuple[np.ndarray, np.ndarray]:
    """The new clustering with the manager's merges kept: a cluster whose sorted items were
    mostly in a theme the manager merged others into joins the cluster holding most of that
    theme's items. Without it the clustering found the merged subjects apart again, so every
    refresh "fitted better", replaced the themes and undid the merge.

    Args:
        targets: indices (into the active themes, as ``old_labels``) of merge targets.
    """
    if not targets or not len(centroids):
        return labels, centroids
    ok = (labels >= 0) & (old_labels >= 0)
    counts = np.zeros((len(centroids), int(old_labels.max()) + 1))
    np.add.at(counts, (labels[ok], old_labels[ok]), 1.0)
    into = np.arange(len(centroids))
    for target in sorted(t for t in targets if t < counts.shape[1] and counts[:, t].any()):
        home = int(np.argmax(counts[:, target]))
        for cluster in range(len(centroids)):
            if cluster != home and _mostly_in(counts[cluster], target):
                into[cluster] = into[home]
    if (into == np.arange(len(centroids))).all():
        return labels, centroids
    used, dense = np.unique(into, return_inverse=True)
    joined = np.where(labels >= 0, dense[np.maximum(labels, 0)], -1)
    rows = joined >= 0
    return joined, l2_normalize(group_sums(vectors[rows], joined[rows], len(used)))


def _mostly_in(cluster_counts: np.ndarray, theme: int | None) -> bool:
    """Whether most of a cluster's previously sorted items were in the theme at ``theme``
    (an index into the active themes)."""
    held = float(cluster_counts.sum())
    return theme is not None and held > 0 and cluster_counts[theme] > 0.5 * held


def keep_opposed_out(
    items: pd.DataFrame,
    vectors: np.ndarray,
    theme_ids: np.ndarray,
    sentiment: np.ndarray,
    threshold: float,
    manual: set[str] | frozenset[str] = frozenset(),
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`analysis.polarity.keep_out_of_opposed` for items in themes: the themes' tones
    and centres from these items (``theme_ids``: -1 unsorted), items in ``manual`` (placed by
    hand) stay. Placement between refreshes (``workspace/placement.py``) calls the same rule
    with the stored themes.

    Returns:
        ``(theme per item, which items were taken out of their theme)``.
    """
    theme_ids = np.asarray(theme_ids, dtype=np.int64)
    one_sided = theme_tones(theme_ids, sentiment)
    if not one_sided:
        return theme_ids.copy(), np.zeros(len(theme_ids), dtype=bool)
    placed = theme_ids != UNSORTED
    ids, dense = np.unique(theme_ids[placed], return_inverse=True)
    centres = l2_normalize(group_sums(vectors[placed], dense, len(ids)))
    return keep_out_of_opposed(
        theme_ids,
        sentiment,
        items["text"].tolist(),
        one_sided,
        vectors,
        centres,
        ids.tolist(),
        threshold,
        fixed=items["id"].astype(str).isin(manual).to_numpy(),
    )


def plan_refresh(
    items: pd.DataFrame,
    vectors: np.ndarray,
    labels: np.ndarray,
    centroids: np.ndarray,
    registry: pd.DataFrame,
    previous: Mapping[str, int | None],
    manual: Mapping[str, int | None],
    merged_targets: Mapping[int, int | None],
    model_id: str,
    threshold: float = DEFAULT_ASSIGN_THRESHOLD,
    keep_if_as_good: bool = True,
    sentiment: tuple[np.ndarray, list[str]] | None = None,
) -> RefreshPlan:
    """Decide the new themes, ids, lineage and assignments of a refresh.

    Args:
        items: text items (``id``, ``text``, ``text_hash``, ``language``, ``rating``,
            ``rating_scale_min``, ``rating_scale_max``), aligned with ``vectors``.
        labels, centroids: the new clustering (:func:`cluster_items`).
        registry: earlier theme rows in this vector space (active, proposed and merged).
        previous: each item's current theme (None: unsorted); items absent have none.
        manual: items the manager placed by hand; they stay put and do not shape matching.
        merged_targets: merged theme id -> the active theme it now lives in (None: gone).
        threshold: the similarity new items needed to join a theme since the last refresh.
        keep_if_as_good: keep the current themes unless the new clustering fits better by
            :data:`MIN_REFRESH_GAIN`.
        sentiment: :func:`items_sentiment` of these items when already computed (it does
            not depend on the themes, so the refresh computes it while the clustering runs).
    """
    labels = np.asarray(labels, dtype=np.int64).copy()
    active = registry[registry["status"].isin(["active", "proposed"])].reset_index(drop=True)
    merged = registry[registry["status"] == "merged"].reset_index(drop=True)
    item_ids = [str(i) for i in items["id"]]
    old_index = {int(t): j for j, t in enumerate(active["theme_id"])}
    old_labels = np.array(
        [
            old_index.get(int(t), -1) if t is not None and pd.notna(t) else -1
            for t in (previous.get(i) for i in item_ids)
        ],
        dtype=np.int64,
    )
    targets = {old_index[int(t)] for t in merged_targets.values() if t is not None}
    labels, centroids = _keep_merges(vectors, labels, centroids, old_labels, targets)
    kept_previous = False
    fit_previous = fit_new = None
    if keep_if_as_good and len(active) and (old_labels >= 0).any() and len(labels):
        previous_labels = extend_partition(vectors, old_labels, threshold)
        fit_previous = partition_fit(vectors, previous_labels)
        fit_new = partition_fit(vectors, labels)
        if fit_new < fit_previous + MIN_REFRESH_GAIN:
            kept_previous = True
            used = np.unique(previous_labels[previous_labels >= 0])
            remap = np.full(int(used.max()) + 1, -1)
            remap[used] = np.arange(len(used))
            labels = np.where(previous_labels >= 0, remap[np.maximum(previous_labels, 0)], -1)
            rows = labels >= 0
            centroids = l2_normalize(group_sums(vectors[rows], labels[rows], len(used)))
    n_new = len(centroids)
    overlap = home = None
    counts = np.zeros((n_new, len(active)))
    if len(active):
        ok = (labels >= 0) & (old_labels >= 0)
        np.add.at(counts, (labels[ok], old_labels[ok]), 1.0)
        overlap = 0.25 * counts / np.maximum(counts.sum(axis=0, keepdims=True), 1)
        # A theme (its id, the manager's name) lives on only in the cluster that holds the
        # most of its items: a close centre alone once handed "nice app"'s id and name to
        # the 17 "best offline" reviews the manager had merged elsewhere.
        home = (counts > 0) & (counts == counts.max(axis=0, keepdims=True))
    matches = match_clusters(
        centroids, centroid_matrix(active), MATCH_MIN_SIMILARITY, overlap, allowed=home
    )
    lin = lineage(labels, old_labels, matches)

    # A cluster matching no active theme but a merged one goes to the merge target, when
    # most of its sorted items are in that target now (a new subject stays new).
    to_merge_target: dict[int, int] = {}
    unmatched = [c for c in range(n_new) if c not in matches]
    if len(merged) and unmatched:
        sims = centroids[unmatched] @ centroid_matrix(merged).T
        for row, cluster in enumerate(unmatched):
            best = int(np.argmax(sims[row]))
            if sims[row, best] >= MATCH_MIN_SIMILARITY:
                target = merged_targets.get(int(merged["theme_id"].iloc[best]))
                if target is not None and _mostly_in(counts[cluster], old_index.get(target)):
                    to_merge_target[cluster] = int(target)

    cluster_to_id: dict[int, int] = {}
    kept_ids: list[int] = []
    new_ids: list[int] = []
    provisional = -2
    for cluster in range(n_new):
        if cluster in matches:
            cluster_to_id[cluster] = int(active["theme_id"].iloc[matches[cluster]])
            kept_ids.append(cluster_to_id[cluster])
        elif cluster in to_merge_target:
            cluster_to_id[cluster] = to_merge_target[cluster]
        else:
            cluster_to_id[cluster] = provisional
            new_ids.append(provisional)
            provisional -= 1
    theme_ids = np.array([cluster_to_id[c] if c >= 0 else UNSORTED for c in labels], np.int64)
    methods = np.where(theme_ids != UNSORTED, "cluster", "unsorted").astype(object)
    item_sentiments, source = sentiment or items_sentiment(items, vectors)
    theme_ids, kept_out = keep_opposed_out(
        items, vectors, theme_ids, item_sentiments, threshold, set(manual)
    )
    methods[kept_out] = np.where(theme_ids[kept_out] != UNSORTED, "nearest", "unsorted")
    for row, item_id in enumerate(item_ids):
        if item_id in manual:
            target = manual[item_id]
            theme_ids[row] = UNSORTED if target is None or pd.isna(target) else int(target)
            methods[row] = "manual"
    kept = set(kept_ids) | set(to_merge_target.values())
    split_from = {  # a cluster sent to a merge target is that theme, not a part of it
        cluster_to_id[c]: int(active["theme_id"].iloc[o])
        for c, o in lin.split_from.items()
        if c not in to_merge_target
    }
    merged_into = {
        int(active["theme_id"].iloc[o]): cluster_to_id[c] for o, c in lin.merged_into.items()
    }
    old_rows = {
        int(r["theme_id"]): {str(k): v for k, v in r.items()} for r in registry.to_dict("records")
    }
    themes = theme_rows(items, vectors, theme_ids, model_id, old_rows, split_from)
    sims = similarities(vectors, theme_ids, themes)
    return RefreshPlan(
        model_id=model_id,
        item_ids=item_ids,
        theme_ids=theme_ids,
        methods=methods,
        similarities=sims,
        sentiment=np.asarray(item_sentiments, dtype=float),
        sentiment_source=list(source),
        themes=themes,
        manual=dict(manual),
        kept_ids=kept_ids,
        new_ids=new_ids,
        # a theme the manager's placements hold stays, matched or not
        retired_ids=sorted(
            int(t)
            for t in active["theme_id"]
            if int(t) not in kept and int(t) not in set(themes["theme_id"].astype(int))
        ),
        split_from=split_from,
        merged_into=merged_into,
        kept_previous=kept_previous,
        fit_previous=fit_previous,
        fit_new=fit_new,
        assign_threshold=assign_threshold(sims[theme_ids != UNSORTED]),
        kept_out=int(kept_out.sum()),
    )
