"""Nearest neighbours and the UMAP layout the theme clusterer works in.

Why a layout: on banking77_train (MiniLM vectors, 77 intents) every clustering of the raw
384-d vectors we measured stopped at NMI ~0.81 (k-means, ward, spectral, Leiden on a kNN
graph, with or without neighbour smoothing), while the same ward cut on a 5-d UMAP layout of
the kNN graph reaches 0.82-0.83 and keeps the sample data's 9 planted themes (NMI 0.94-0.96).
See ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from analysis.embedders import l2_normalize


def _top_k(
    queries: np.ndarray, pool: np.ndarray, k: int, self_index: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Indices into ``pool`` of each query's ``k`` most similar rows (itself excluded), and
    their similarities."""
    sims = queries @ pool.T
    if self_index is not None:
        sims[np.arange(len(queries)), self_index] = -np.inf
    k = min(k, pool.shape[0] - 1)
    part = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    # Sort the k by (similarity desc, index asc) so ties never depend on argpartition.
    top = np.take_along_axis(sims, part, axis=1)
    order = np.lexsort((part, -top), axis=1)
    return np.take_along_axis(part, order, axis=1), np.take_along_axis(top, order, axis=1)


def nearest_neighbors(
    x: np.ndarray,
    k: int,
    exact_max_rows: int = 25_000,
    random_state: int = 0,
    block: int = 1024,
    threads: int = 2,
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest rows of every row by cosine (rows L2-normalised), itself excluded,
    most similar first: ``(indices, similarities)``, both of shape ``(n, k)``.

    Exact in blocks of ``block`` rows up to ``exact_max_rows`` (O(n^2 * dim) time; blocks run
    on ``threads`` threads: 1.6-1.8 s at 10k rows on 2 cores, 2.75 s in one thread; 36 s at
    50k rows). Above that an inverted-file search: rows are put in
    ~sqrt(n) k-means cells and each cell searches its own and its 4 nearest cells
    (~n * 5 * sqrt(n) products).
    """
    n = len(x)
    k = min(k, n - 1)
    out = np.empty((n, k), dtype=np.int64)
    sims = np.empty((n, k), dtype=np.float32)
    if n <= exact_max_rows:

        def run(start: int) -> None:
            rows = np.arange(start, min(start + block, n))
            out[rows], sims[rows] = _top_k(x[rows], x, k, rows)

        with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
            list(pool.map(run, range(0, n, block)))
        return out, sims
    from sklearn.cluster import MiniBatchKMeans

    n_cells = int(np.sqrt(n))
    cells = MiniBatchKMeans(
        n_cells, batch_size=4096, n_init=1, max_iter=20, random_state=random_state
    ).fit(x)
    cell_of = cells.labels_
    centres = l2_normalize(cells.cluster_centers_)
    probe = np.argsort(-(centres @ centres.T), axis=1, kind="stable")[:, :5]
    members = [np.flatnonzero(cell_of == c) for c in range(n_cells)]

    def search(c: int) -> None:
        rows = members[c]
        if len(rows) == 0:
            return
        pool = np.sort(np.concatenate([members[p] for p in probe[c]]))
        if len(pool) <= k:  # tiny neighbourhood: fall back to all rows
            pool = np.arange(n)
        self_index = np.searchsorted(pool, rows)
        found, sims[rows] = _top_k(x[rows], x[pool], k, self_index)
        out[rows] = pool[found]

    with ThreadPoolExecutor(max_workers=max(1, threads)) as executor:
        list(executor.map(search, range(n_cells)))
    return out, sims


def fuzzy_graph(near: np.ndarray, dist: np.ndarray, n: int) -> Any:
    """UMAP's fuzzy simplicial set of a kNN graph, in numpy (sparse, symmetric).

    The same construction as ``umap.umap_.fuzzy_simplicial_set`` (local connectivity 1,
    fuzzy union), written out because umap's numba version is compiled in every new process
    (the first clustering of banking77_train in a fresh process took 12.0 s with it, 5.6 s
    without it): each row's distances are shifted by its nearest
    distance ``rho`` and scaled by the ``sigma`` that makes its memberships sum to
    ``log2(k + 1)``; then ``W = A + A^T - A * A^T``.
    """
    from scipy.sparse import csr_matrix

    k = near.shape[1]
    rho = dist[:, :1]
    target = np.log2(k + 1)
    shifted = np.maximum(dist - rho, 0.0).astype(np.float64)
    lo = np.zeros((n, 1))
    hi = np.full((n, 1), np.inf)
    sigma = np.ones((n, 1))
    for _ in range(64):  # bisection on sigma, all rows at once
        total = np.exp(-shifted / sigma).sum(axis=1, keepdims=True)
        above = total > target
        hi = np.where(above, sigma, hi)
        lo = np.where(above, lo, sigma)
        sigma = np.where(np.isinf(hi), sigma * 2.0, (lo + hi) / 2.0)
    sigma = np.maximum(sigma, 1e-3 * dist.mean(axis=1, keepdims=True))
    weights = np.exp(-shifted / sigma)
    rows = np.repeat(np.arange(n), k)
    a = csr_matrix((weights.ravel(), (rows, near.ravel())), shape=(n, n))
    graph = a + a.T - a.multiply(a.T)
    graph.eliminate_zeros()
    return graph.tocoo()


def umap_layout(
    x: np.ndarray,
    n_neighbors: int = 15,
    n_components: int = 5,
    n_epochs: int = 100,
    random_state: int = 0,
    exact_max_rows: int = 25_000,
    neighbors: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """A ``n_components``-d UMAP layout of L2-normalised rows.

    The kNN search and the fuzzy graph are ours (:func:`nearest_neighbors`,
    :func:`fuzzy_graph`); the layout optimisation is umap-learn's
    ``simplicial_set_embedding`` with ``min_dist=0`` (similar rows packed tightly, which is
    what clustering wants) and a PCA start. UMAP's default spectral start took 36 of 58 s at
    50k rows (one eigen-solve per connected component of the graph); PCA gave the same theme
    quality. With a fixed ``random_state`` the optimisation runs single-threaded and gives
    the same layout for the same rows in the same order. The first call in a process imports
    umap and compiles its layout code (measured: about 1.4 s more than a second call).
    ``neighbors``: :func:`nearest_neighbors` with ``n_neighbors - 1``, when already known.
    """
    with warnings.catch_warnings():
        # umap warns on import that TensorFlow (for ParametricUMAP, unused) is missing.
        warnings.simplefilter("ignore")
        from umap.umap_ import find_ab_params, simplicial_set_embedding

    from sklearn.utils import check_random_state

    n = len(x)
    k = min(n_neighbors, n - 1)
    if neighbors is None:
        neighbors = nearest_neighbors(x, k - 1, exact_max_rows, random_state)
    near, sims = neighbors
    graph = fuzzy_graph(near, np.clip(1.0 - sims, 0.0, 2.0), n)
    a, b = find_ab_params(1.0, 0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        layout, _ = simplicial_set_embedding(
            x,
            graph,
            n_components,
            1.0,  # initial learning rate
            a,
            b,
            1.0,  # repulsion strength
            5,  # negative samples per positive
            n_epochs,
            "pca",
            check_random_state(random_state),
            "cosine",
            {},
            False,  # densmap
            {},
            False,  # output densities
        )
    return np.asarray(layout, dtype=np.float32)
