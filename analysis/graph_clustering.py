"""Graph themes: Leiden communities on a shared-nearest-neighbour graph (experimental).

Not the default: measured on banking77_train (MiniLM) it reaches NMI 0.80-0.82 / ARI
0.51-0.56 without being told the number of themes, in a few seconds, but on the Dutch +
English sample data (USE vectors) the same resolution finds 20-32 sub-themes of the 9
planted ones (NMI 0.76-0.88 < 0.9). See ``benchmarks/RESULTS.md``.

Pipeline: canonical row order (keys) -> k nearest neighbours by cosine (exact up to
``exact_max_rows``, else an inverted-file search over k-means cells) -> edges weighted by
shared neighbours -> Leiden (RB configuration, fixed ``resolution``) -> small communities
dissolved, optional merge of near-identical centres, unsorted outliers as in
:class:`analysis.clustering.ThemeClusterer`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage

from analysis.clustering import _centroids, _dissolve_small, canonical_order, finish_themes
from analysis.embedders import l2_normalize
from ingest.errors import AnalysisError, MissingExtraError


def _top_k(
    queries: np.ndarray, pool: np.ndarray, k: int, self_index: np.ndarray | None
) -> np.ndarray:
    """Indices into ``pool`` of each query's ``k`` most similar rows (itself excluded)."""
    sims = queries @ pool.T
    if self_index is not None:
        sims[np.arange(len(queries)), self_index] = -np.inf
    k = min(k, pool.shape[0] - 1)
    part = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    # Sort the k by (similarity desc, index asc) so ties never depend on argpartition.
    top = np.take_along_axis(sims, part, axis=1)
    order = np.lexsort((part, -top), axis=1)
    return np.take_along_axis(part, order, axis=1)


def nearest_neighbors(
    x: np.ndarray,
    k: int,
    exact_max_rows: int = 25_000,
    random_state: int = 0,
    block: int = 2048,
) -> np.ndarray:
    """The ``k`` nearest rows of every row by cosine (rows L2-normalised), itself excluded.

    Exact in blocks of ``block`` rows up to ``exact_max_rows`` (O(n^2 * dim) time, ~1 s at
    10k rows on 2 cores). Above that an inverted-file search: rows are put in ~sqrt(n)
    k-means cells and each cell searches its own and its 4 nearest cells (~n * 5 * sqrt(n)
    products: a few seconds at 100k rows).
    """
    n = len(x)
    k = min(k, n - 1)
    out = np.empty((n, k), dtype=np.int64)
    if n <= exact_max_rows:
        for start in range(0, n, block):
            rows = np.arange(start, min(start + block, n))
            out[rows] = _top_k(x[rows], x, k, rows)
        return out
    from sklearn.cluster import MiniBatchKMeans

    n_cells = int(np.sqrt(n))
    cells = MiniBatchKMeans(
        n_cells, batch_size=4096, n_init=1, max_iter=20, random_state=random_state
    ).fit(x)
    cell_of = cells.labels_
    centres = l2_normalize(cells.cluster_centers_)
    probe = np.argsort(-(centres @ centres.T), axis=1, kind="stable")[:, :5]
    members = [np.flatnonzero(cell_of == c) for c in range(n_cells)]
    for c in range(n_cells):
        rows = members[c]
        if len(rows) == 0:
            continue
        pool = np.sort(np.concatenate([members[p] for p in probe[c]]))
        if len(pool) <= k:  # tiny neighbourhood: fall back to all rows
            pool = np.arange(n)
        self_index = np.searchsorted(pool, rows)
        out[rows] = pool[_top_k(x[rows], x[pool], k, self_index)]
    return out


def shared_neighbor_graph(
    neighbors: np.ndarray, chunk: int = 200_000
) -> tuple[np.ndarray, np.ndarray]:
    """Undirected edges of the kNN graph, weighted by shared neighbours (each row counts itself).

    Returns:
        ``(edges, weights)``: edges ``(i, j)`` with ``i < j`` in sorted order, and the share of
        the ``k + 1`` neighbourhood they have in common (plus a small floor so that no edge of
        the kNN graph vanishes).
    """
    n, k = neighbors.shape
    rows = np.repeat(np.arange(n, dtype=np.int64), k)
    cols = neighbors.ravel()
    lo, hi = np.minimum(rows, cols), np.maximum(rows, cols)
    pairs = np.unique(lo * n + hi)
    a, b = pairs // n, pairs % n
    hood = np.hstack([np.arange(n, dtype=np.int64)[:, None], neighbors])
    keys = np.sort((np.arange(n, dtype=np.int64)[:, None] * n + hood).ravel())
    shared = np.empty(len(pairs), dtype=np.float64)
    for start in range(0, len(pairs), chunk):
        sa, sb = a[start : start + chunk], b[start : start + chunk]
        query = (sa[:, None] * n + hood[sb]).ravel()
        pos = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
        shared[start : start + chunk] = (keys[pos] == query).reshape(len(sa), k + 1).sum(axis=1)
    weights = shared / (k + 1) + 1e-3
    return np.column_stack([a, b]), weights


def leiden_communities(
    n: int,
    edges: np.ndarray,
    weights: np.ndarray,
    resolution: float,
    random_state: int,
    n_restarts: int = 1,
) -> np.ndarray:
    """Leiden (modularity, RB configuration model) community of every node.

    Runs ``n_restarts`` seeds derived from ``random_state`` and keeps the partition with the
    highest quality (Leiden's result depends on its seed; on banking77 the NMI of single
    runs spread over 0.81-0.82 and the best-quality run was among the best).
    """
    try:
        import igraph
        import leidenalg
    except ImportError as error:
        raise MissingExtraError(
            "Theme clustering needs the Leiden algorithm, which is not installed. "
            "Install it with: pip install leidenalg python-igraph"
        ) from error
    graph = igraph.Graph(n=n, edges=edges.tolist())
    graph.es["weight"] = weights.tolist()
    best, best_quality = None, -np.inf
    for restart in range(max(1, n_restarts)):
        partition = leidenalg.find_partition(
            graph,
            leidenalg.RBConfigurationVertexPartition,
            weights="weight",
            resolution_parameter=resolution,
            seed=int(random_state) + restart,
            n_iterations=-1,
        )
        quality = partition.quality()
        if quality > best_quality + 1e-9:
            best, best_quality = partition.membership, quality
    return np.asarray(best, dtype=np.int64)


class GraphThemeClusterer:
    """Finds themes in L2-normalised vectors; the number of themes comes from the data.

    Args:
        resolution: Leiden resolution; higher gives more, smaller themes. 1.5 was the best
            of 1.0/1.5/2.0/3.0 on a seeded half of banking77_train; it over-splits the
            sample data (see the module docstring).
        n_neighbors: neighbours per item in the graph (default ``0.12 * sqrt(n)``, clipped
            to 5..15).
        min_themes: fewest themes; fewer found falls back to a ward cut at this number.
        max_themes: most themes (default ``min(200, 4 * sqrt(n))``); more found are merged
            by ward on the theme centres.
        min_theme_size: smaller themes are dissolved (default ``max(3, n // 500)``).
        max_unsorted: most items ever left unsorted, as a share.
        smooth_neighbors: when > 1, the graph is built on vectors averaged with their this
            many nearest neighbours (0 = off, the default: on banking77 it gave more,
            less accurate communities).
        n_restarts: Leiden runs (seeds ``random_state`` and up); the best-quality one is kept.
        merge_similarity: communities whose centres have at least this cosine are joined
            (1.0 = never).
        exact_max_rows: largest set whose neighbours are searched exactly.
        random_state: seed for Leiden and the k-means cells of the approximate search.

    Attributes:
        labels_: theme per row in input order, ``0..n_themes_-1``, ``-1`` = unsorted.
        centroids_: normalised theme centres, one row per theme.
        similarity_: cosine of each row to its theme's centre (to the nearest centre for
            unsorted rows).
        n_themes_: number of themes.
        n_communities_: communities Leiden found, before small ones were dissolved.
    """

    def __init__(
        self,
        resolution: float = 1.5,
        n_neighbors: int | None = None,
        min_themes: int = 2,
        max_themes: int | None = None,
        min_theme_size: int | None = None,
        max_unsorted: float = 0.05,
        smooth_neighbors: int = 0,
        n_restarts: int = 1,
        merge_similarity: float = 1.0,
        exact_max_rows: int = 25_000,
        random_state: int = 0,
    ) -> None:
        self.resolution = resolution
        self.n_neighbors = n_neighbors
        self.min_themes = min_themes
        self.max_themes = max_themes
        self.min_theme_size = min_theme_size
        self.max_unsorted = max_unsorted
        self.smooth_neighbors = smooth_neighbors
        self.n_restarts = n_restarts
        self.merge_similarity = merge_similarity
        self.exact_max_rows = exact_max_rows
        self.random_state = random_state

    def fit(self, vectors: np.ndarray, keys: Sequence[str] | None = None) -> GraphThemeClusterer:
        """Cluster ``vectors`` (rows in any order; ``keys`` fix the canonical order)."""
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2:
            raise AnalysisError(f"Expected a 2-d array of vectors, got shape {vectors.shape}.")
        if self.resolution <= 0:
            raise AnalysisError(f"resolution must be > 0, got {self.resolution}.")
        if self.min_themes < 1:
            raise AnalysisError(f"min_themes must be >= 1, got {self.min_themes}.")
        n = len(vectors)
        order = canonical_order(keys, n)
        x = l2_normalize(vectors[order])
        if n < 2 * max(self.min_themes, 2):
            self.n_communities_ = 1
            self._finish(order, x, np.zeros(n, dtype=np.int64), n)
            return self
        k = self.n_neighbors or int(np.clip(round(0.12 * np.sqrt(n)), 5, 15))
        graph_x = x
        if self.smooth_neighbors > 1:
            near = nearest_neighbors(
                x, self.smooth_neighbors, self.exact_max_rows, self.random_state
            )
            graph_x = l2_normalize(x + x[near].sum(axis=1))
        neighbors = nearest_neighbors(graph_x, k, self.exact_max_rows, self.random_state)
        edges, weights = shared_neighbor_graph(neighbors)
        labels = leiden_communities(
            n, edges, weights, self.resolution, self.random_state, self.n_restarts
        )
        self.n_communities_ = int(labels.max()) + 1
        min_size = self.min_theme_size if self.min_theme_size is not None else max(3, n // 500)
        labels = _dissolve_small(x, labels, min_size)
        max_themes = self.max_themes or int(min(200, 4 * np.sqrt(n)))
        max_themes = max(max_themes, self.min_themes)
        found = int(labels.max()) + 1
        if found < self.min_themes:
            labels = _ward_cut(x, self.min_themes, self.random_state)
        elif found > self.min_themes and self.merge_similarity < 1.0:
            # Communities can be finer than the themes (templated or near-duplicate feedback
            # forms tight sub-groups): centres closer than ``merge_similarity`` are joined
            # (average linkage on cosine), never below ``min_themes`` themes.
            tree = linkage(_centroids(x, labels).astype(np.float64), "average", metric="cosine")
            cut = fcluster(tree, 1.0 - self.merge_similarity, criterion="distance") - 1
            if cut.max() + 1 < self.min_themes:
                cut = fcluster(tree, self.min_themes, criterion="maxclust") - 1
            labels = cut[labels]
        found = int(labels.max()) + 1
        if found > max_themes:
            tree = linkage(_centroids(x, labels).astype(np.float64), method="ward")
            labels = (fcluster(tree, max_themes, criterion="maxclust") - 1)[labels]
        self._finish(order, x, labels, n)
        return self

    def _finish(self, order: np.ndarray, x: np.ndarray, labels: np.ndarray, n: int) -> None:
        finish_themes(self, order, x, labels, self.min_theme_size, self.max_unsorted)


def _ward_cut(x: np.ndarray, n_themes: int, random_state: int) -> np.ndarray:
    """Ward hierarchy cut at ``n_themes`` (on k-means micro-centres above 3,000 rows)."""
    n = len(x)
    micro_labels, points = np.arange(n), x
    if n > 3000:
        from sklearn.cluster import KMeans

        model = KMeans(min(600, n // 15), n_init=1, max_iter=50, random_state=random_state)
        model.fit(x)
        micro_labels, points = model.labels_.astype(np.int64), model.cluster_centers_
    tree = linkage(np.asarray(points, dtype=np.float64), method="ward")
    return (fcluster(tree, n_themes, criterion="maxclust") - 1)[micro_labels]
