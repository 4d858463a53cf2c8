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
    on ``threads`` threads, since numpy's matrix product and partition release the GIL:
    ~1.5 s at 10k rows on 2 cores). Above that an inverted-file search: rows are put in
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


def umap_layout(
    x: np.ndarray,
    n_neighbors: int = 15,
    n_components: int = 5,
    n_epochs: int = 100,
    random_state: int = 0,
    exact_max_rows: int = 25_000,
    neighbors: tuple[np.ndarray, np.ndarray] | None = None,
    init: str = "pca",
) -> np.ndarray:
    """A ``n_components``-d UMAP layout of L2-normalised rows (umap-learn, on our own kNN).

    ``min_dist=0`` packs similar rows tightly, which is what clustering wants. With a fixed
    ``random_state`` UMAP runs single-threaded and gives the same layout for the same rows
    in the same order. The first call in a process compiles UMAP's numba code (~5-10 s).
    ``neighbors``: :func:`nearest_neighbors` with ``n_neighbors - 1``, when already known.
    ``init="pca"``: UMAP's default spectral start took 36 of 58 s at 50k rows (one
    eigen-solve per connected component of the graph); PCA gave the same theme quality.
    """
    with warnings.catch_warnings():
        # umap warns on import that TensorFlow (for ParametricUMAP, unused) is missing.
        warnings.simplefilter("ignore")
        import umap

    n = len(x)
    k = min(n_neighbors, n - 1)
    if neighbors is None:
        neighbors = nearest_neighbors(x, k - 1, exact_max_rows, random_state)
    near, sims = neighbors
    dist = np.clip(1.0 - sims, 0.0, 2.0)
    # UMAP expects each row's own index first, at distance 0.
    indices = np.hstack([np.arange(n, dtype=np.int64)[:, None], near])
    distances = np.hstack([np.zeros((n, 1)), dist]).astype(np.float32)
    model = umap.UMAP(
        n_neighbors=k,
        n_components=n_components,
        min_dist=0.0,
        metric="cosine",
        n_epochs=n_epochs,
        random_state=random_state,
        precomputed_knn=(indices, distances, None),
        init=init,
    )
    with warnings.catch_warnings():
        # "n_jobs overridden by setting random_state" and "no search index": both expected.
        warnings.simplefilter("ignore")
        layout = model.fit_transform(x)
    return np.asarray(layout, dtype=np.float32)
