"""Nearest neighbours and the UMAP layout the theme clusterer works in.

Why a layout: on banking77_train (MiniLM vectors, 77 intents) every clustering of the raw
384-d vectors we measured stopped at NMI ~0.81 (k-means, ward, spectral, Leiden on a kNN
graph, with or without neighbour smoothing), while the same ward cut on a 5-d UMAP layout of
the kNN graph reaches 0.82-0.83 and keeps the sample data's 9 planted themes (NMI 0.94-0.96).
See ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, NamedTuple

import numpy as np

from analysis.embedders import l2_normalize

SEARCH_THREADS = 2

_layout_start = threading.local()


@contextmanager
def when_layout_starts(callback: Callable[[], None]) -> Iterator[None]:
    """Call ``callback()`` once, when this thread's next :func:`umap_layout` starts its
    epochs (not at all if none does before the block ends); on a layout fitted on a sample,
    when the search of all rows that runs beside the epochs is done (from that thread).

    The epochs are a compiled loop on one core that holds no interpreter lock: work that
    does (Python text processing) runs beside them on the second core at full speed. Beside
    the neighbour search before them, whose many small numpy and scikit-learn calls need
    the lock between products, it slowed the search 1.5-2x (100k rows: 14-25 s against
    9-12 s wall, the same CPU seconds) and itself 2-3x.
    """
    _layout_start.callback = callback
    try:
        yield
    finally:
        _layout_start.callback = None


def _layout_starting() -> None:
    callback = _take_layout_callback()
    if callback is not None:
        callback()


def _take_layout_callback() -> Callable[[], None] | None:
    """This thread's :func:`when_layout_starts` callback, taken (it runs once)."""
    callback: Callable[[], None] | None = getattr(_layout_start, "callback", None)
    _layout_start.callback = None
    return callback


def _top_k(
    queries: np.ndarray, pool: np.ndarray, k: int, self_index: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Indices into ``pool`` of each query's ``k`` most similar rows (itself excluded), and
    their similarities, most similar first (ties: lower index first)."""
    from analysis.kernels import merge_top_k

    k = min(k, pool.shape[0] - 1)
    idx = np.full((len(queries), k), -1, dtype=np.int64)
    val = np.full((len(queries), k), -np.inf, dtype=np.float32)
    skip = np.full(len(queries), -1, dtype=np.int64) if self_index is None else self_index
    sims = np.ascontiguousarray(queries @ pool.T, dtype=np.float32)
    merge_top_k(sims, 0, skip.astype(np.int64), idx, val)
    return idx, val


def kmeans_plusplus(x: np.ndarray, n_clusters: int, random_state: Any) -> np.ndarray:
    """scikit-learn's k-means++ start, the same centres from the same random state, faster.

    The algorithm of ``sklearn.cluster._kmeans._kmeans_plusplus`` with unit sample weights
    (``2 + log(k)`` local trials per centre, squared distances upcast to float64 and rounded
    to float32 as scikit-learn does), for ``init=`` of ``KMeans`` / ``MiniBatchKMeans``.
    scikit-learn converts the whole float32 sample to float64 again for every centre it adds;
    for the search cells at 100k rows (316 centres over a 12,288-row sample of 384-d vectors)
    that was 9 of the k-means' 12 s. Here the sample is converted once.
    """
    from sklearn.utils.extmath import row_norms

    n = x.shape[0]
    weight = np.ones(n, dtype=x.dtype)
    x64 = x.astype(np.float64)
    norms = row_norms(x64, squared=True)
    # The transpose stored once: the product reads it in order (1.2x faster, same values).
    x64_t = np.ascontiguousarray(x64.T)

    def squared_distances(rows: np.ndarray) -> np.ndarray:
        chosen = x64[rows]
        out = -2 * (chosen @ x64_t)
        out += row_norms(chosen, squared=True)[:, None]
        out += norms[None, :]
        out32 = out.astype(np.float32)
        return np.maximum(out32, 0, out=out32)

    trials = 2 + int(np.log(n_clusters))
    centres = np.empty((n_clusters, x.shape[1]), dtype=x.dtype)
    first = random_state.choice(n, p=weight / weight.sum())
    centres[0] = x[first]
    closest = squared_distances(np.array([first]))[0]
    potential = closest @ weight
    for c in range(1, n_clusters):
        draws = random_state.uniform(size=trials) * potential
        candidates = np.searchsorted(np.cumsum(weight * closest), draws)
        np.clip(candidates, None, closest.size - 1, out=candidates)
        dist = squared_distances(candidates)
        np.minimum(closest, dist, out=dist)
        candidate_potential = dist @ weight.reshape(-1, 1)
        best = int(np.argmin(candidate_potential))
        potential = candidate_potential[best]
        closest = dist[best]
        centres[c] = x[candidates[best]]
    return centres


def fit_minibatch_kmeans(model: Any, x: np.ndarray, threads: int = 1) -> Any:
    """``model.fit(x)`` for a scikit-learn ``MiniBatchKMeans``, on one OpenMP thread
    (``threads``: on that many).

    Its steps are many small parallel regions (one per batch of 4,096 rows); two OpenMP
    threads met at a barrier after each, and when the second core was busy (sentiment and
    the texts' subjects run there during a refresh, or another process) the first thread
    waited for it: the search cells' k-means at 100k took 13-16 s wall for 4-5 s of CPU
    on the main thread, 5.5-8 s on one thread. The result does not depend on the number
    of threads (each centre is updated by one thread, each row labelled by one; the
    neighbours at 100k came out identical), so one thread loses nothing. The limit is the
    calling thread's own (``omp_set_num_threads``): other threads keep theirs.
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=threads, user_api="openmp"):
        return model.fit(x)


class SearchCells(NamedTuple):
    """The inverted-file search's cells: each row's cell, and each cell's probed cells."""

    of_row: np.ndarray
    probe: np.ndarray


def search_cells(x: np.ndarray, random_state: int = 0, init_rows: int | None = None) -> SearchCells:
    """~sqrt(n) mini-batch k-means cells of the rows and each cell's 5 nearest cells (its
    own first), for :func:`nearest_neighbors` above ``exact_max_rows``.

    ``init_rows``: rows the k-means++ start picks the centres from (default scikit-learn's
    3 batches, 12,288 rows). The start is most of the k-means' time (100k rows: ~1.4 of
    ~3.1 s, a float64 product over those rows per centre); on 4,096 rows the cells of the
    100k benchmark data find the same share of the exact neighbours (recall@14 0.984 /
    0.980 against 0.984 / 0.982, seeds 0 / 1) and the themes score as well (see
    ``benchmarks/RESULTS.md``, 2026-11-30, session 9).

    The k-means steps run on two OpenMP threads unless the machine is busy
    (:func:`analysis.embedders.machine_busy`): nothing else of the refresh runs yet, so the
    second core is free (100k rows: 2.4 against 3.1 s; the result does not depend on the
    threads, see :func:`fit_minibatch_kmeans`)."""
    from sklearn.cluster import MiniBatchKMeans

    from analysis.embedders import machine_busy

    n_cells = int(np.sqrt(len(x)))
    cells = fit_minibatch_kmeans(
        MiniBatchKMeans(
            n_cells,
            init=kmeans_plusplus,
            batch_size=4096,
            init_size=init_rows,
            n_init=1,
            max_iter=20,
            random_state=random_state,
        ),
        x,
        threads=1 if machine_busy() else min(SEARCH_THREADS, os.cpu_count() or 1),
    )
    centres = l2_normalize(cells.cluster_centers_)
    probe = np.argsort(-(centres @ centres.T), axis=1, kind="stable")[:, :5]
    return SearchCells(cells.labels_, probe)


def nearest_neighbors(
    x: np.ndarray,
    k: int,
    exact_max_rows: int = 25_000,
    random_state: int = 0,
    block: int = 2048,
    cells: SearchCells | None = None,
    threads: int = SEARCH_THREADS,
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest rows of every row by cosine (rows L2-normalised), itself excluded,
    most similar first: ``(indices, similarities)``, both of shape ``(n, k)``.

    Exact up to ``exact_max_rows``, in blocks of ``block`` rows (O(n^2 * dim) time: one BLAS
    product per block, the top-k picked by the compiled :func:`analysis.kernels.merge_top_k`;
    0.5-0.7 s at 10k rows of 384 dimensions on 2 cores). Above that an inverted-file search:
    rows are put in ~sqrt(n) k-means cells and each cell searches its own and its 4 nearest
    cells (~n * 5 * sqrt(n) products). Blocks and cells are searched on two threads.
    ``cells``: :func:`search_cells` of these rows when already known (a sample of the rows
    keeps the cells found for all of them). ``threads``: at most this many threads (the
    result does not depend on them).
    """
    n = len(x)
    k = min(k, n - 1)
    out = np.empty((n, k), dtype=np.int64)
    sims = np.empty((n, k), dtype=np.float32)
    if n <= exact_max_rows:

        def search_block(start: int) -> None:
            rows = np.arange(start, min(start + block, n))
            out[rows], sims[rows] = _top_k(x[rows], x, k, rows)

        _in_threads(search_block, range(0, n, block), threads)
        return out, sims
    cell_of, probe = cells if cells is not None else search_cells(x, random_state)
    n_cells = len(probe)
    members = [np.flatnonzero(cell_of == c) for c in range(n_cells)]

    def search_cell(c: int) -> None:
        rows = members[c]
        if len(rows) == 0:
            return
        pool = np.sort(np.concatenate([members[p] for p in probe[c]]))
        if len(pool) <= k:  # tiny neighbourhood: fall back to all rows
            pool = np.arange(n)
        self_index = np.searchsorted(pool, rows)
        found, sims[rows] = _top_k(x[rows], x[pool], k, self_index)
        out[rows] = pool[found]

    _in_threads(search_cell, range(n_cells), threads)
    return out, sims


def _in_threads(task: Callable[[int], None], starts: Iterable[int], threads: int) -> None:
    """``task`` for every start, on up to ``threads`` threads (the product and the compiled
    top-k release the GIL). Each task writes its own rows, so the result does not depend on
    the threads: the searches ran on one BLAS thread each (see ``workspace/refresh.py``)
    and the second core was idle."""
    threads = min(threads, os.cpu_count() or 1)
    if threads <= 1:
        for start in starts:
            task(start)
        return
    with ThreadPoolExecutor(threads) as pool:
        for _ in pool.map(task, starts):
            pass


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


def ab_params(spread: float = 1.0, min_dist: float = 0.0) -> tuple[float, float]:
    """UMAP's ``a, b``: the curve ``1 / (1 + a d^(2b))`` fitted to the target membership
    (1 up to ``min_dist``, then ``exp(-(d - min_dist) / spread)``), as
    ``umap.umap_.find_ab_params`` fits it."""
    from scipy.optimize import curve_fit

    def curve(d: np.ndarray, a: float, b: float) -> np.ndarray:
        return 1.0 / (1.0 + a * d ** (2 * b))

    d = np.linspace(0, spread * 3, 300)
    target = np.where(d < min_dist, 1.0, np.exp(-(d - min_dist) / spread))
    params, _ = curve_fit(curve, d, target)
    return float(params[0]), float(params[1])


def umap_layout(
    x: np.ndarray,
    n_neighbors: int = 15,
    n_components: int = 5,
    n_epochs: int = 100,
    random_state: int = 0,
    exact_max_rows: int = 25_000,
    neighbors: tuple[np.ndarray, np.ndarray]
    | Callable[[], tuple[np.ndarray, np.ndarray]]
    | None = None,
    sample_rows: int | None = None,
    place_epochs: int = 30,
    cells: SearchCells | None = None,
) -> np.ndarray:
    """A ``n_components``-d UMAP layout of L2-normalised rows.

    UMAP's method, with our own parts: the kNN search (:func:`nearest_neighbors`), the
    fuzzy graph (:func:`fuzzy_graph`) and the layout optimisation
    (:func:`analysis.kernels.optimize_layout`, compiled once and cached on disk; umap-learn
    compiles its optimiser again in every new process). ``min_dist=0`` packs similar rows
    tightly, which is what clustering wants. The start is the PCA projection, scaled to
    [0, 10] as umap-learn does; UMAP's default spectral start took 36 of 58 s at 50k rows
    (one eigen-solve per connected component of the graph) and gave the same theme quality.
    The optimisation runs in one thread: the same rows in the same order and the same
    ``random_state`` give the same layout.
    ``neighbors``: :func:`nearest_neighbors` with ``n_neighbors - 1``, when already known,
    or a function returning it.
    ``sample_rows``: when fewer than the rows, the layout is optimised on that many rows (a
    sample drawn with ``random_state``, with its own kNN graph) and the other rows are
    placed into it (:func:`place_rows`, ``place_epochs``): UMAP's fit on a sample and
    ``transform`` of the rest. The same rows in the same order give the same layout. The
    graph of all rows (and ``neighbors`` when it is a function) is only needed to place
    them: it is built on a second thread while the sample's epochs run (a compiled loop
    without the interpreter lock; 100k rows: the search and graph of all rows, ~3 CPU-s,
    no longer before the epochs on the main thread).
    ``cells``: the search cells of all rows (:func:`search_cells`), when known: the sample's
    neighbours are searched in them.
    """
    n = len(x)
    k = min(n_neighbors, n - 1)
    if neighbors is None:
        neighbors = nearest_neighbors(x, k - 1, exact_max_rows, random_state)
    rng = np.random.RandomState(random_state)
    sample = None
    if sample_rows is not None and sample_rows < n:
        sample = np.sort(rng.choice(n, sample_rows, replace=False))
        # The sample's own neighbours: the full graph's edges among 40% of the rows leave
        # ~6 per row, mostly near-copies, and the layout fell apart (6 themes at 100k).
        sample_cells = None if cells is None else SearchCells(cells.of_row[sample], cells.probe)
        sample_near, sample_sims = nearest_neighbors(
            x[sample], k - 1, exact_max_rows, random_state, cells=sample_cells
        )
        fit_graph = _layout_graph(sample_near, sample_sims, n_epochs)
    else:
        near, sims = neighbors() if callable(neighbors) else neighbors
        fit_graph = _layout_graph(near, sims, n_epochs)
    layout = _pca_start(x if sample is None else x[sample], n_components, rng)
    a, b = ab_params(1.0, 0.0)
    weights = fit_graph.data / fit_graph.data.max()
    head, tail = fit_graph.row, fit_graph.col
    epochs_per_sample = np.where(weights > 0, 1.0 / np.maximum(weights, 1e-12), -1.0)
    if sample is None:
        _layout_starting()
        _optimize(layout, head, tail, epochs_per_sample, a, b, n_epochs, random_state)
        return layout
    callback = _take_layout_callback()
    all_rows = neighbors

    def full_graph() -> Any:
        # One thread: the second core is the one left while the epochs run.
        near, sims = all_rows() if callable(all_rows) else all_rows
        graph = _layout_graph(near, sims, n_epochs)
        if callback is not None:  # the work waiting for the second core
            callback()
        return graph

    with ThreadPoolExecutor(1) as beside:
        graph = beside.submit(full_graph)
        _optimize(layout, head, tail, epochs_per_sample, a, b, n_epochs, random_state)
        return place_rows(layout, sample, graph.result(), place_epochs, random_state)


def _optimize(
    layout: np.ndarray,
    head: np.ndarray,
    tail: np.ndarray,
    epochs_per_sample: np.ndarray,
    a: float,
    b: float,
    n_epochs: int,
    random_state: int,
) -> None:
    from analysis.kernels import optimize_layout

    optimize_layout(
        layout,
        head.astype(np.int32),
        tail.astype(np.int32),
        epochs_per_sample.astype(np.float64),
        a,
        b,
        n_epochs,
        5,
        random_state,
    )


def _layout_graph(near: np.ndarray, sims: np.ndarray, n_epochs: int) -> Any:
    """The fuzzy graph of a kNN search (COO), without the edges too weak to be sampled once
    in ``n_epochs`` (as umap-learn drops them)."""
    graph = fuzzy_graph(near, np.clip(1.0 - sims, 0.0, 2.0), len(near))
    graph.sum_duplicates()
    graph.data[graph.data < graph.data.max() / float(n_epochs)] = 0.0
    graph.eliminate_zeros()
    return graph


def _pca_start(x: np.ndarray, n_components: int, rng: np.random.RandomState) -> np.ndarray:
    """umap-learn's PCA start: the projection scaled to [0, 10] per axis, a little noise."""
    from sklearn.decomposition import PCA

    start = PCA(n_components=min(n_components, x.shape[1]), random_state=rng).fit_transform(x)
    start = start * (10.0 / np.abs(start).max())
    start = start + rng.normal(scale=0.0001, size=start.shape)
    span = np.maximum(start.max(axis=0) - start.min(axis=0), 1e-12)
    return np.ascontiguousarray(10.0 * (start - start.min(axis=0)) / span, dtype=np.float32)


def place_rows(
    fitted: np.ndarray, sample: np.ndarray, graph: Any, n_epochs: int, random_state: int
) -> np.ndarray:
    """The layout of all the graph's rows, given the optimised layout ``fitted`` of the rows
    ``sample`` (sorted): every other row starts at the weighted mean of its graph
    neighbours' positions (rows whose neighbours are all unplaced in a next round, from the
    rows placed before), then ``n_epochs`` epochs move only them, against the fixed sample
    and each other (:func:`analysis.kernels.optimize_placement`)."""
    from analysis.kernels import optimize_placement

    n = graph.shape[0]
    layout = np.zeros((n, fitted.shape[1]), dtype=np.float32)
    layout[sample] = fitted
    placed = np.zeros(n, dtype=bool)
    placed[sample] = True
    matrix = graph.tocsr()
    while not placed.all():
        weight = matrix @ placed.astype(np.float64)
        ready = ~placed & (weight > 0)
        if not ready.any():  # rows without a path to the sample: the sample's centre
            layout[~placed] = fitted.mean(axis=0)
            break
        rows = np.flatnonzero(ready)
        pulled = matrix[rows] @ (layout.astype(np.float64) * placed[:, None])
        layout[rows] = (pulled / weight[rows, None]).astype(np.float32)
        placed[rows] = True
    movable = np.ones(n, dtype=bool)
    movable[sample] = False
    if n_epochs <= 0:
        return layout
    own = movable[graph.row]
    weights = graph.data[own] / graph.data.max()
    epochs_per_sample = np.where(weights > 0, 1.0 / np.maximum(weights, 1e-12), -1.0)
    a, b = ab_params(1.0, 0.0)
    optimize_placement(
        layout,
        graph.row[own].astype(np.int32),
        graph.col[own].astype(np.int32),
        epochs_per_sample.astype(np.float64),
        movable,
        a,
        b,
        n_epochs,
        5,
        random_state + 1,
        0.25,
    )
    return layout
