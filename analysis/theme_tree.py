"""The top level of the theme tree: fine themes grouped into 5-20 top themes.

Fine themes (what :class:`analysis.clustering.ThemeClusterer` finds) are what a manager
drills into; top themes are what fits on one screen. The top level is a ward hierarchy over
the fine themes' centres in which each theme weighs its number of items
(:func:`weighted_ward`: ward over the items, each placed at its theme's centre). The number
of top themes is the elbow of the hierarchy's within-group dispersion curve ``W(k)`` (the
items' sum of squared distances to their group's centre when cut into ``k`` groups, the sum
of the merge costs): the count after which merging two more groups starts to cost
disproportionately, found as the point of ``W`` farthest below the straight line from
``W(1)`` to ``W(2 * max_groups)`` (both axes scaled to [0, 1], the "kneedle" rule), kept
within ``min_groups``..``max_groups``.

Why weighted: plain ward over the centres counts a theme of 5 items as much as one of 500,
so a few small stray themes each became a top theme and a large subject's themes were
pulled apart as readily as small ones. Weighted, on the labeled sets (all-MiniLM-L6-v2):
CLINC150 13 -> 12 top themes, NMI / ARI against the 10 domains 0.609 / 0.425 -> 0.634 /
0.466; SemEval restaurants 0.376 / 0.245 -> 0.391 / 0.319; SemEval laptops 0.274 / 0.038 ->
0.299 / 0.055; the mixed-language set 9 -> 6 top themes for its 6 subjects.

Why not the silhouette (the rule before the elbow): on these cuts the mean item silhouette
grows with the number of groups almost whatever the data (the finer the cut, the nearer
each group is to one fine theme), so it chose the largest count allowed: 20 top themes on
CLINC150 (NMI 0.58 / ARI 0.33). (Capping the count at the elbow and letting the silhouette
pick below it was tried: it swung between 6 and 11 on banking77 subsamples.) The elbow
depends on the range it is read over; ``2 * max_groups`` is the widest count a top level
could take, and it is the same for every workspace. On 90% subsamples (re-clustered) the
count was 11-12, 12-14, 12-14 and 12 on the restaurant, laptop, CLINC150 and banking77 sets.
A workspace with few fine themes gets one top theme per fine theme.

Opinion themes stand apart: given the texts, the fine themes whose texts give an opinion
without a subject ("good", "nice app", "Top!", "Slecht": :func:`analysis.opinion_only
.opinion_themes`) form one top theme with a fixed name, and the hierarchy and the elbow run on
the other themes (into one group fewer). Each such theme lies far from every other theme, so
the hierarchy gave each a top theme of its own: three of the six top themes of the real
Google Play reviews (301 of 593 texts), beside one catch-all of the real subjects; now one
"General opinion" top theme of 335 (with 16 thank-you reviews) and eight subject top themes.

Pure: vectors and labels in, a group per fine theme out. Deterministic: the hierarchy and
the elbow depend only on the fine themes' centres and sizes, not on the order of the items.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.clustering import group_sums
from analysis.embedders import l2_normalize
from analysis.opinion_only import OPINION_TOP_NAMES, opinion_themes


class ThemeGrouper:
    """Groups fine themes into top themes.

    Args:
        min_groups: fewest top themes (when there are enough fine themes).
        max_groups: most top themes.
        min_fine_per_group: below ``min_groups * min_fine_per_group`` fine themes, every fine
            theme is its own top theme (a tree with one child per node adds nothing).
        elbow_span: the elbow is read on ``W(k)`` for ``k = 1..elbow_span`` (default
            ``2 * max_groups``).
        random_state: kept for callers; the rule draws no sample.

    Attributes:
        groups_: top group per fine theme (index = fine theme number), ``0..n_groups_-1``.
        n_groups_: number of top themes.
        scores_: ``{number of groups: distance below the elbow chord}`` of every cut
            considered (the largest is chosen).
        opinion_group_: the group of the opinion themes, -1 when they do not stand apart
            (no texts given, no opinion theme, or nothing else).
    """

    groups_: np.ndarray
    n_groups_: int
    scores_: dict[int, float]
    opinion_group_: int

    def __init__(
        self,
        min_groups: int = 5,
        max_groups: int = 20,
        min_fine_per_group: int = 2,
        elbow_span: int | None = None,
        random_state: int = 0,
    ) -> None:
        self.min_groups = min_groups
        self.max_groups = max_groups
        self.min_fine_per_group = min_fine_per_group
        self.elbow_span = elbow_span
        self.random_state = random_state

    def fit(
        self,
        vectors: np.ndarray,
        labels: Sequence[int] | np.ndarray,
        keys: Sequence[str] | None = None,
        texts: Sequence[str] | None = None,
    ) -> ThemeGrouper:
        """Group the themes of ``labels`` (``0..k-1``; negative = unsorted, ignored).

        Args:
            vectors: L2-normalised item vectors, one row per label.
            labels: fine theme per item.
            keys: a stable key per item (text hash); accepted for callers, the cut does not
                depend on the order of the items.
            texts: the items' texts; given, the opinion themes
                (:func:`analysis.opinion_only.opinion_themes`) form one top theme of their own
                (``opinion_group_``) and the other themes are grouped among themselves.
        """
        labels_arr = np.asarray(labels, dtype=np.int64)
        n_fine = int(labels_arr.max()) + 1 if (labels_arr >= 0).any() else 0
        self.opinion_group_ = -1
        if texts is not None and n_fine:
            opinion = opinion_themes(texts, labels_arr)
            if opinion.any() and not opinion.all():
                return self._fit_apart(vectors, labels_arr, opinion)
        return self._fit_ward(vectors, labels_arr, n_fine)

    def _fit_apart(
        self, vectors: np.ndarray, labels: np.ndarray, opinion: np.ndarray
    ) -> ThemeGrouper:
        """The opinion themes as one group, the others grouped by :meth:`_fit_ward` into one
        group fewer (the bounds hold for the whole tree); with few themes in all, each other
        theme is its own group."""
        others = np.flatnonzero(~opinion)
        renumber = np.full(len(opinion), -1, dtype=np.int64)
        renumber[others] = np.arange(len(others))
        rest = ThemeGrouper(
            min_groups=max(self.min_groups - 1, 1),
            max_groups=max(self.max_groups - 1, 1),
            min_fine_per_group=self.min_fine_per_group,
            elbow_span=self.elbow_span or 2 * self.max_groups,
            random_state=self.random_state,
        )
        if len(opinion) < self.min_groups * self.min_fine_per_group:
            # Few themes: each other theme stays its own top theme, as without opinions.
            rest.groups_, rest.n_groups_, rest.scores_ = np.arange(len(others)), len(others), {}
        else:
            rest._fit_ward(
                vectors, np.where(labels >= 0, renumber[np.maximum(labels, 0)], -1), len(others)
            )
        groups = np.empty(len(opinion), dtype=np.int64)
        groups[others] = rest.groups_
        groups[opinion] = rest.n_groups_
        self.groups_ = _canonical(groups)
        self.n_groups_ = rest.n_groups_ + 1
        self.scores_ = rest.scores_
        self.opinion_group_ = int(self.groups_[np.flatnonzero(opinion)[0]])
        return self

    def _fit_ward(self, vectors: np.ndarray, labels_arr: np.ndarray, n_fine: int) -> ThemeGrouper:
        if n_fine < self.min_groups * self.min_fine_per_group:
            self.groups_ = np.arange(n_fine, dtype=np.int64)
            self.n_groups_ = n_fine
            self.scores_ = {}
            return self
        sorted_rows = np.flatnonzero(labels_arr >= 0)
        centres = l2_normalize(group_sums(vectors[sorted_rows], labels_arr[sorted_rows], n_fine))
        sizes = np.bincount(labels_arr[sorted_rows], minlength=n_fine)
        merges, costs = weighted_ward(centres, sizes)
        elbow = _elbow_scores(costs, n_fine, self.elbow_span or 2 * self.max_groups)
        high = min(self.max_groups, n_fine // self.min_fine_per_group)
        best: tuple[float, int] | None = None
        self.scores_ = {}
        for k in range(self.min_groups, high + 1):
            score = elbow[k]
            self.scores_[k] = score
            if best is None or score > best[0] + 1e-12:
                best = (score, k)
        if best is None:
            self.groups_ = np.arange(n_fine, dtype=np.int64)
            self.n_groups_ = n_fine
            return self
        self.groups_ = _canonical(_cut(merges, n_fine, best[1]))
        self.n_groups_ = best[1]
        return self


def weighted_ward(centres: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ward's hierarchy of the fine themes with each theme weighing its number of items.

    Merging groups ``a`` and ``b`` costs ``n_a * n_b / (n_a + n_b) * |c_a - c_b|**2`` (``c``
    the size-weighted mean of the members' centres): the growth of the items' within-group
    sum of squares when each item sits at its theme's centre. Plain ward over the centres
    counts a theme of 10 items as much as one of 1,000.

    Returns:
        ``merges`` (``n - 1`` rows of the two merged theme numbers, each standing for its
        group: the lower one survives) and the ``costs`` of the merges in order. Ties go to
        the lowest pair of theme numbers, so the result depends only on the centres.
    """
    c = np.asarray(centres, dtype=np.float64).copy()
    w = np.asarray(sizes, dtype=np.float64).copy()
    n = len(c)
    alive = np.ones(n, dtype=bool)
    sq = np.einsum("ij,ij->i", c, c)
    dist = np.maximum(sq[:, None] + sq[None, :] - 2 * c @ c.T, 0.0)
    cost = w[:, None] * w[None, :] / np.maximum(w[:, None] + w[None, :], 1e-12) * dist
    np.fill_diagonal(cost, np.inf)
    # Each row's cheapest partner (first one on ties), kept up to date after every merge.
    nearest = np.argmin(cost, axis=1) if n else np.zeros(0, dtype=np.int64)
    nearest_cost = cost[np.arange(n), nearest]
    merges = np.zeros((max(n - 1, 0), 2), dtype=np.int64)
    costs = np.zeros(max(n - 1, 0))
    for step in range(n - 1):
        first = int(np.argmin(nearest_cost))
        i, j = sorted((first, int(nearest[first])))
        merges[step] = (i, j)
        costs[step] = cost[i, j]
        total = w[i] + w[j]
        c[i] = (w[i] * c[i] + w[j] * c[j]) / max(total, 1e-12)
        w[i] = total
        alive[j] = False
        cost[j, :] = np.inf
        cost[:, j] = np.inf
        nearest_cost[j] = np.inf
        diff = c - c[i]
        row = w * w[i] / np.maximum(w + w[i], 1e-12) * np.einsum("ij,ij->i", diff, diff)
        row[~alive] = np.inf
        row[i] = np.inf
        cost[i, :] = row
        cost[:, i] = row
        stale = alive & ((nearest == i) | (nearest == j))
        stale[i] = True
        rows = np.flatnonzero(stale)
        nearest[rows] = np.argmin(cost[rows], axis=1)
        nearest_cost[rows] = cost[rows, nearest[rows]]
        better = alive & ~stale & ((row < nearest_cost) | ((row == nearest_cost) & (i < nearest)))
        nearest[better] = i
        nearest_cost[better] = row[better]
    return merges, costs


def _cut(merges: np.ndarray, n: int, k: int) -> np.ndarray:
    """Group per theme after the first ``n - k`` merges."""
    parent = np.arange(n)
    for i, j in merges[: n - k]:
        parent[parent == j] = i
    return parent


def _canonical(groups: np.ndarray) -> np.ndarray:
    """Number groups by their first fine theme, so equal trees get equal numbers."""
    order: dict[int, int] = {}
    out = np.empty(len(groups), dtype=np.int64)
    for i, g in enumerate(groups):
        out[i] = order.setdefault(int(g), len(order))
    return out


def _elbow_scores(costs: np.ndarray, n_fine: int, span: int) -> dict[int, float]:
    """``{k: distance of W(k) below the chord}`` for ``k = 1..span``, where ``W(k)`` is the
    within-group sum of squares of the cut into ``k`` groups (the sum of the first
    ``n_fine - k`` merge ``costs``) and the chord runs from ``W(1)`` to ``W(span)``, both axes
    scaled to [0, 1]. Counts beyond ``span`` score 0."""
    within = np.concatenate([[0.0], np.cumsum(np.asarray(costs, dtype=np.float64))])
    span = max(min(span, n_fine), 2)
    ks = np.arange(1, span + 1)
    w = within[n_fine - ks]
    drop = max(w[0] - w[-1], 1e-12)
    below = (1.0 - (ks - 1) / (span - 1)) - (w - w[-1]) / drop
    scores = {int(k): float(b) for k, b in zip(ks, below, strict=True)}
    return {k: scores.get(k, 0.0) for k in range(1, n_fine + 1)}


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def tree_adds_nothing(
    top_ids: Sequence[object], labels: Sequence[object], top_labels: Sequence[object]
) -> bool:
    """Whether the theme tree is just the themes: every listed theme sits under a main theme
    of its own that bears its name (a workspace of fewer than ten themes, each its own main
    theme, as the demo's nine). Then every screen and the weekly summary show the themes as
    one list: a level of main themes would repeat each theme under its own name. A main
    theme a manager named otherwise, one holding two themes, or a theme without a main theme
    makes the tree count.

    The one rule for "the tree adds nothing": the Themes page and the charts' level control
    (``dashboard.theme_rows.tree_adds_nothing``) and the weekly summary
    (:func:`analysis.summary.build_weekly_summary`) read it.

    Args:
        top_ids: per listed (active or proposed) theme, its main theme's id; None or NA when
            it has none.
        labels: per listed theme, its shown name in the reader's language.
        top_labels: per listed theme, its main theme's shown name in that language.

    Returns:
        False for an empty tree (there is no tree to add anything).
    """
    if not len(top_ids) or any(_missing(t) for t in top_ids):
        return False
    per_top = Counter(top_ids)
    if any(n != 1 for n in per_top.values()):
        return False
    return all(str(a) == str(b) for a, b in zip(labels, top_labels, strict=True))


# Top themes are named more broadly than themes: the word most said across the group, given
# the words around it when most of its texts say the same phrase across two or more of the
# group's themes ("oil" -> "change my oil", "exchange" -> "exchange rate").
TOP_NAME_LENGTH_WEIGHT = {1: 1.0, 2: 0.9, 3: 0.5, 4: 0.3}
TOP_NAME_EXPAND_SHARE = 0.35
TOP_MATCH_MIN_SIMILARITY = 0.5
NAME_SAMPLE_PER_TOP = 500


def _nearest_rows(
    vectors: np.ndarray, labels: np.ndarray, keys: Sequence[str], per_label: int
) -> np.ndarray:
    """Up to ``per_label`` rows per label (>= 0), nearest their label's centre first (ties by
    key), in row order."""
    inside = np.flatnonzero(labels >= 0)
    if not len(inside):
        return inside
    k = int(labels[inside].max()) + 1
    centres = l2_normalize(group_sums(vectors[inside], labels[inside], k))
    sims = np.einsum("ij,ij->i", vectors[inside], centres[labels[inside]])
    key_arr = np.asarray(keys, dtype=object)[inside]
    order = inside[np.lexsort((key_arr, -sims, labels[inside]))]
    chosen = []
    for label in range(k):
        rows = order[labels[order] == label]
        chosen.append(rows[:per_label])
    return np.sort(np.concatenate(chosen)) if chosen else inside


def opinion_top_names() -> tuple[str, str, str]:
    """The stored names (``label``, ``label_nl``, ``label_en``) of the top theme of the
    opinion themes: a fixed category, named :data:`analysis.opinion_only.OPINION_TOP_NAMES`
    in both languages, whoever makes it (a regrouping or a theme new between regroupings)."""
    return OPINION_TOP_NAMES["en"], OPINION_TOP_NAMES["nl"], OPINION_TOP_NAMES["en"]


@dataclass(slots=True)
class TreePlan:
    """The top level of the theme tree as a refresh computed it.

    Attributes:
        tops: one row per top theme: ``top_id`` (existing id, or provisional -2, -3, ...),
            ``label``, ``label_nl``, ``label_en``, ``centroid`` (list of floats).
        theme_top: theme id -> top id, for every theme given.
        kept_ids: existing top ids that continue; the others given as ``previous`` retire.
        opinion_top: the top theme of the opinion themes (:func:`opinion_top_names`), if any.
    """

    tops: pd.DataFrame
    theme_top: dict[int, int]
    kept_ids: list[int] = field(default_factory=list)
    opinion_top: int | None = None

    @property
    def new_ids(self) -> list[int]:
        return [int(t) for t in self.tops["top_id"] if t < 0]

    def with_ids(self, real: dict[int, int]) -> TreePlan:
        """The plan with provisional ids replaced by the workspace's."""
        tops = self.tops.copy()
        tops["top_id"] = [real.get(int(t), int(t)) for t in tops["top_id"]]
        theme_top = {theme: real.get(top, top) for theme, top in self.theme_top.items()}
        opinion = None if self.opinion_top is None else real.get(self.opinion_top, self.opinion_top)
        return TreePlan(tops, theme_top, self.kept_ids, opinion)


def plan_tree(
    vectors: np.ndarray,
    item_themes: np.ndarray,
    texts: Sequence[str],
    languages: Sequence[str],
    keys: Sequence[str],
    previous: pd.DataFrame,
    locked: dict[int, int],
    random_state: int = 0,
) -> TreePlan:
    """Group the themes of ``item_themes`` into top themes and match them to ``previous``.

    Args:
        vectors: item vectors (L2-normalised).
        item_themes: theme id per item (negative: unsorted, ignored).
        texts, languages, keys: per item, for the names and a stable scoring sample.
        previous: the current top themes (``top_id``, ``centroid``); matched by centre
            similarity (optimal one-to-one, cosine >= 0.5) so ids and manager names survive.
        locked: theme id -> top id the manager chose; those themes stay there.
    """
    from analysis.labels import CTfidfLabeler
    from analysis.registry import match_clusters

    item_themes = np.asarray(item_themes, dtype=np.int64)
    theme_ids = sorted({int(t) for t in item_themes if t >= 0})
    index = {t: i for i, t in enumerate(theme_ids)}
    fine = np.array([index.get(int(t), -1) for t in item_themes], dtype=np.int64)
    grouper = ThemeGrouper(random_state=random_state).fit(vectors, fine, keys, texts)
    groups = grouper.groups_
    item_group = np.where(fine >= 0, groups[np.maximum(fine, 0)], -1)
    n_groups = int(groups.max()) + 1 if len(groups) else 0
    grouped = item_group >= 0
    centres = l2_normalize(group_sums(vectors[grouped], item_group[grouped], n_groups))
    old = previous[previous["centroid"].notna()].reset_index(drop=True)
    old_centres = (
        np.stack([np.asarray(c, dtype=np.float64) for c in old["centroid"]])
        if len(old)
        else np.zeros((0, vectors.shape[1]))
    )
    matched = match_clusters(centres, old_centres, TOP_MATCH_MIN_SIMILARITY)
    group_ids = {}
    provisional = -2
    for group in range(n_groups):
        if group in matched:
            group_ids[group] = int(old["top_id"].iloc[matched[group]])
        else:
            group_ids[group] = provisional
            provisional -= 1
    theme_top = {theme: group_ids[int(groups[i])] for theme, i in index.items()}
    opinion_top = group_ids.get(grouper.opinion_group_)
    known_tops = set(group_ids.values()) | {int(t) for t in old["top_id"]}
    for theme, top in locked.items():
        if theme in theme_top and top in known_tops:
            theme_top[theme] = top
    # Names and centres from the final membership (locked themes included).
    top_of_item = np.array([theme_top.get(int(t), 0) if t >= 0 else 0 for t in item_themes])
    tops = sorted({*theme_top.values()}, key=lambda t: (t < 0, abs(t)))
    top_index = {t: i for i, t in enumerate(tops)}
    top_labels = np.where(item_themes >= 0, [top_index.get(int(t), -1) for t in top_of_item], -1)
    # Names from the items nearest each top theme's centre: bounded cost at 100k items.
    named = _nearest_rows(vectors, top_labels, keys, NAME_SAMPLE_PER_TOP)
    labeler = CTfidfLabeler(
        length_weight=TOP_NAME_LENGTH_WEIGHT, expand_share=TOP_NAME_EXPAND_SHARE
    ).fit(
        [texts[i] for i in named],
        top_labels[named],
        vectors[named],
        [languages[i] for i in named],
        parts=item_themes[named],
    )
    rows = []
    for top, i in top_index.items():
        members = top_labels == i
        centre = l2_normalize(vectors[members].mean(axis=0, keepdims=True))[0]
        name = labeler.labels_.get(i)
        if top == opinion_top:
            label, label_nl, label_en = opinion_top_names()
        elif name:
            label, label_nl, label_en = name.label, name.label_nl, name.label_en
        else:
            label, label_nl, label_en = f"top theme {i + 1}", "", ""
        rows.append(
            {
                "top_id": top,
                "label": label,
                "label_nl": label_nl,
                "label_en": label_en,
                "centroid": [float(v) for v in centre],
            }
        )
    frame = pd.DataFrame(rows, columns=["top_id", "label", "label_nl", "label_en", "centroid"])
    kept = sorted(t for t in tops if t >= 0)
    return TreePlan(frame, theme_top, kept, opinion_top)
