"""Compiled inner loops of the theme clusterer (numba, cached on disk).

Two loops are too slow in numpy: picking each row's top-k similarities out of a block of
the similarity matrix (``np.argpartition`` took 2.5 s for 10k x 10k; this loop 0.1 s), and
UMAP's stochastic layout optimisation. Both are compiled with ``cache=True``: the machine
code is written next to this file (or to ``NUMBA_CACHE_DIR``) the first time, and later
processes load it instead of compiling again (banking77's first fit in a fresh process:
3.3 s with the cache, 4.0 s without). ``make setup`` compiles
them once (:func:`warm_up`).

Neither uses numba's ``parallel=True``: its default thread pool must not be entered from
two threads at once, and the dashboard may refresh two workspaces at a time. The layout runs
on two ordinary threads instead (the compiled loop releases the GIL), each moving only its
own half of the rows, so that the same rows give the same layout on any number of threads
(:func:`optimize_layout`).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numba
import numpy as np


@numba.njit(cache=True, nogil=True)
def merge_top_k(
    sims: np.ndarray, offset: int, skip: np.ndarray, idx: np.ndarray, val: np.ndarray
) -> None:
    """Merge a block of similarities into running top-k lists, in place.

    Row ``r`` of ``sims`` holds the similarities of row ``r`` of ``idx``/``val`` to columns
    ``offset, offset + 1, ...``; column ``skip[r]`` (-1 = none) is left out. The lists stay
    sorted most similar first; fed columns in ascending order, equal similarities keep the
    lower column first.
    """
    rows, cols = sims.shape
    k = idx.shape[1]
    for r in range(rows):
        top_i = idx[r]
        top_v = val[r]
        for c in range(cols):
            s = sims[r, c]
            # Strictly greater: among equal values the lower column (seen first) stays.
            if s > top_v[k - 1] and offset + c != skip[r]:
                pos = k - 1
                while pos > 0 and top_v[pos - 1] < s:
                    top_v[pos] = top_v[pos - 1]
                    top_i[pos] = top_i[pos - 1]
                    pos -= 1
                top_v[pos] = s
                top_i[pos] = offset + c


@numba.njit(cache=True, inline="always")
def _next(state: np.ndarray) -> np.uint64:
    """xorshift64* step on ``state[0]``."""
    x = state[0]
    x ^= x >> np.uint64(12)
    x ^= x << np.uint64(25)
    x ^= x >> np.uint64(27)
    state[0] = x
    return x * np.uint64(2685821657736338717)


@numba.njit(cache=True, nogil=True, fastmath=True)
def _layout_edges(
    embedding: np.ndarray,
    frozen: np.ndarray,
    where: np.ndarray,
    head: np.ndarray,
    tail: np.ndarray,
    epochs_per_sample: np.ndarray,
    epochs_per_negative: np.ndarray,
    next_sample: np.ndarray,
    next_negative: np.ndarray,
    a: float,
    b: float,
    epoch: int,
    alpha: float,
    state: np.ndarray,
) -> None:
    """One epoch of UMAP's layout optimisation over one group of edges, in place: each edge
    due this epoch pulls its ends together, then pushes its head away from random rows,
    whose positions are read from ``frozen`` (the layout at the start of the epoch) so that
    the rows another thread moves are never read. ``head``, ``tail`` and the rows drawn
    are row numbers; ``where[row]`` is the row's place in ``embedding``."""
    n_vertices, dim = embedding.shape
    af = np.float32(a)
    bf = np.float32(b)
    alpha32 = np.float32(alpha)
    for i in range(head.shape[0]):
        if epochs_per_sample[i] <= 0.0 or next_sample[i] > epoch:
            continue
        j = where[head[i]]
        k = where[tail[i]]
        d2 = np.float32(0.0)
        for d in range(dim):
            diff = embedding[j, d] - embedding[k, d]
            d2 += diff * diff
        if d2 > 0.0:
            p = d2**bf
            coeff = np.float32(-2.0) * af * bf * (p / d2) / (af * p + np.float32(1.0))
        else:
            coeff = np.float32(0.0)
        for d in range(dim):
            g = coeff * (embedding[j, d] - embedding[k, d])
            g = min(max(g, np.float32(-4.0)), np.float32(4.0))
            embedding[j, d] += g * alpha32
            embedding[k, d] -= g * alpha32
        next_sample[i] += epochs_per_sample[i]
        n_neg = int((epoch - next_negative[i]) / epochs_per_negative[i])
        for _ in range(n_neg):
            k = where[int(_next(state) % np.uint64(n_vertices))]
            if k == j:
                continue
            d2 = np.float32(0.0)
            for d in range(dim):
                diff = embedding[j, d] - frozen[k, d]
                d2 += diff * diff
            if d2 <= 0.0:
                continue
            coeff = (
                np.float32(2.0) * bf / ((np.float32(0.001) + d2) * (af * d2**bf + np.float32(1.0)))
            )
            for d in range(dim):
                g = coeff * (embedding[j, d] - frozen[k, d])
                g = min(max(g, np.float32(-4.0)), np.float32(4.0))
                embedding[j, d] += g * alpha32
        next_negative[i] += n_neg * epochs_per_negative[i]


def _seed_state(seed: int, stream: int) -> np.ndarray:
    """The xorshift state of random stream ``stream`` (one per group of edges)."""
    mixed = (seed * 0x9E3779B97F4A7C15 + stream * 0xBF58476D1CE4E5B9 + 1) % 2**64
    return np.array([mixed or 1], dtype=np.uint64)


def optimize_layout(
    embedding: np.ndarray,
    head: np.ndarray,
    tail: np.ndarray,
    epochs_per_sample: np.ndarray,
    a: float,
    b: float,
    n_epochs: int,
    negative_rate: int,
    seed: int,
    part: np.ndarray | None = None,
    threads: int = 2,
) -> None:
    """UMAP's layout optimisation (``umap.layouts.optimize_layout_euclidean`` with
    ``move_other=True``, gamma 1, learning rate 1 decaying linearly), in place.

    Edge ``i`` (``head[i]`` - ``tail[i]``) pulls its ends together every
    ``epochs_per_sample[i]`` epochs (negative = never); each pull is followed by
    ``negative_rate`` pushes of the head away from random rows.

    ``part`` (0 or 1 per row) splits the rows in two halves; every epoch the edges inside
    each half are optimised at the same time on two threads, then the edges between the
    halves on one. A thread moves only rows of its own half and reads the other rows'
    positions as they were at the start of the epoch; each group of edges draws from its
    own random stream. So the layout depends on the rows, their order, ``part`` and
    ``seed``, never on the threads: one thread (``threads=1``) gives the same layout.
    ``part=None``: all rows in one half (one thread). Each half's rows and each group's
    edges are kept in memory of their own while the threads run: interleaved, the two
    threads wrote to the same cache lines and took twice the processor time.
    """
    n = embedding.shape[0]
    if part is None:
        part = np.zeros(n, dtype=np.int8)
    order = np.argsort(part, kind="stable")  # the rows of the first half first
    where = np.empty(n, dtype=np.int64)
    where[order] = np.arange(n)
    work = np.ascontiguousarray(embedding[order])
    head_part = part[head]
    same = head_part == part[tail]
    epochs_per_sample = np.asarray(epochs_per_sample, dtype=np.float64)
    groups = []
    for edges in (
        np.flatnonzero(same & (head_part == 0)),
        np.flatnonzero(same & (head_part == 1)),
        np.flatnonzero(~same),
    ):
        per_sample = epochs_per_sample[edges]
        per_negative = per_sample / negative_rate
        groups.append(
            (
                head[edges],
                tail[edges],
                per_sample,
                per_negative,
                per_sample.copy(),
                per_negative.copy(),
            )
        )
    states = [_seed_state(seed, g) for g in range(3)]
    frozen = np.empty_like(work)

    def run(g: int, epoch: int, alpha: float) -> None:
        if len(groups[g][0]):
            _layout_edges(work, frozen, where, *groups[g], a, b, epoch, alpha, states[g])

    pool = ThreadPoolExecutor(1) if threads > 1 and len(groups[1][0]) else None
    try:
        for epoch in range(n_epochs):
            alpha = 1.0 - epoch / n_epochs
            np.copyto(frozen, work)
            second = pool.submit(run, 1, epoch, alpha) if pool is not None else None
            run(0, epoch, alpha)
            if second is not None:
                second.result()
            else:
                run(1, epoch, alpha)
            run(2, epoch, alpha)
    finally:
        if pool is not None:
            pool.shutdown()
    embedding[order] = work


def warm_up() -> None:
    """Compile (or load from the on-disk cache) every kernel on a tiny input."""
    rng = np.random.default_rng(0)
    sims = rng.random((4, 6), dtype=np.float32)
    idx = np.full((4, 2), -1, dtype=np.int64)
    val = np.full((4, 2), -np.inf, dtype=np.float32)
    merge_top_k(sims, 0, np.array([0, 1, 2, 3], dtype=np.int64), idx, val)
    emb = rng.random((6, 2), dtype=np.float32)
    head = np.array([0, 1, 2], dtype=np.int32)
    tail = np.array([1, 2, 3], dtype=np.int32)
    optimize_layout(emb, head, tail, np.ones(3), 1.9, 0.8, 2, 5, 0)
