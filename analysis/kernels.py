"""Compiled inner loops of the theme clusterer (numba, cached on disk).

Two loops are too slow in numpy: picking each row's top-k similarities out of a block of
the similarity matrix (``np.argpartition`` took 2.5 s for 10k x 10k; this loop 0.1 s), and
UMAP's stochastic layout optimisation. Both are compiled with ``cache=True``: the machine
code is written next to this file (or to ``NUMBA_CACHE_DIR``) the first time, and later
processes load it instead of compiling again (banking77's first fit in a fresh process:
3.3 s with the cache, 4.0 s without). ``make setup`` compiles
them once (:func:`warm_up`).

Both run in one thread (no ``parallel=True``): numba's default thread pool must not be
entered from two threads at once, and the dashboard may refresh two workspaces at a time.
The layout also has to be one thread to be repeatable.
"""

from __future__ import annotations

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
) -> None:
    """UMAP's layout optimisation (``umap.layouts.optimize_layout_euclidean`` with
    ``move_other=True``, gamma 1, learning rate 1 decaying linearly), in place, in one
    thread so that the same input and ``seed`` give the same layout.

    Edge ``i`` (``head[i]`` - ``tail[i]``) pulls its ends together every
    ``epochs_per_sample[i]`` epochs (negative = never); each pull is followed by
    ``negative_rate`` pushes of the head away from random rows.
    """
    n_vertices, dim = embedding.shape
    n_edges = head.shape[0]
    state = np.array([np.uint64(seed) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(1)])
    epochs_per_negative = epochs_per_sample / negative_rate
    next_negative = epochs_per_negative.copy()
    next_sample = epochs_per_sample.copy()
    af = np.float32(a)
    bf = np.float32(b)
    for epoch in range(n_epochs):
        alpha = np.float32(1.0 - epoch / n_epochs)
        for i in range(n_edges):
            if epochs_per_sample[i] <= 0.0 or next_sample[i] > epoch:
                continue
            j = head[i]
            k = tail[i]
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
                embedding[j, d] += g * alpha
                embedding[k, d] -= g * alpha
            next_sample[i] += epochs_per_sample[i]
            n_neg = int((epoch - next_negative[i]) / epochs_per_negative[i])
            for _ in range(n_neg):
                k = int(_next(state) % np.uint64(n_vertices))
                if k == j:
                    continue
                d2 = np.float32(0.0)
                for d in range(dim):
                    diff = embedding[j, d] - embedding[k, d]
                    d2 += diff * diff
                if d2 <= 0.0:
                    continue
                coeff = (
                    np.float32(2.0)
                    * bf
                    / ((np.float32(0.001) + d2) * (af * d2**bf + np.float32(1.0)))
                )
                for d in range(dim):
                    g = coeff * (embedding[j, d] - embedding[k, d])
                    g = min(max(g, np.float32(-4.0)), np.float32(4.0))
                    embedding[j, d] += g * alpha
            next_negative[i] += n_neg * epochs_per_negative[i]


@numba.njit(cache=True, nogil=True, fastmath=True)
def optimize_placement(
    embedding: np.ndarray,
    head: np.ndarray,
    tail: np.ndarray,
    epochs_per_sample: np.ndarray,
    movable: np.ndarray,
    a: float,
    b: float,
    n_epochs: int,
    negative_rate: int,
    seed: int,
    alpha_start: float,
) -> None:
    """:func:`optimize_layout` for rows placed into a finished layout, in place: every edge's
    head is a placed row (``movable``); its tail moves too only when it is placed as well;
    the learning rate decays linearly from ``alpha_start`` (UMAP's ``transform`` optimises
    new rows against a fixed layout the same way, at a quarter of the rate).
    """
    n_vertices, dim = embedding.shape
    n_edges = head.shape[0]
    state = np.array([np.uint64(seed) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(1)])
    epochs_per_negative = epochs_per_sample / negative_rate
    next_negative = epochs_per_negative.copy()
    next_sample = epochs_per_sample.copy()
    af = np.float32(a)
    bf = np.float32(b)
    for epoch in range(n_epochs):
        alpha = np.float32(alpha_start * (1.0 - epoch / n_epochs))
        for i in range(n_edges):
            if epochs_per_sample[i] <= 0.0 or next_sample[i] > epoch:
                continue
            j = head[i]
            k = tail[i]
            d2 = np.float32(0.0)
            for d in range(dim):
                diff = embedding[j, d] - embedding[k, d]
                d2 += diff * diff
            if d2 > 0.0:
                p = d2**bf
                coeff = np.float32(-2.0) * af * bf * (p / d2) / (af * p + np.float32(1.0))
            else:
                coeff = np.float32(0.0)
            both = movable[k]
            for d in range(dim):
                g = coeff * (embedding[j, d] - embedding[k, d])
                g = min(max(g, np.float32(-4.0)), np.float32(4.0))
                embedding[j, d] += g * alpha
                if both:
                    embedding[k, d] -= g * alpha
            next_sample[i] += epochs_per_sample[i]
            n_neg = int((epoch - next_negative[i]) / epochs_per_negative[i])
            for _ in range(n_neg):
                k = int(_next(state) % np.uint64(n_vertices))
                if k == j:
                    continue
                d2 = np.float32(0.0)
                for d in range(dim):
                    diff = embedding[j, d] - embedding[k, d]
                    d2 += diff * diff
                if d2 <= 0.0:
                    continue
                coeff = (
                    np.float32(2.0)
                    * bf
                    / ((np.float32(0.001) + d2) * (af * d2**bf + np.float32(1.0)))
                )
                for d in range(dim):
                    g = coeff * (embedding[j, d] - embedding[k, d])
                    g = min(max(g, np.float32(-4.0)), np.float32(4.0))
                    embedding[j, d] += g * alpha
            next_negative[i] += n_neg * epochs_per_negative[i]


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
    movable = np.array([True, True, False, False, True, True])
    optimize_placement(emb, head, tail, np.ones(3), movable, 1.9, 0.8, 2, 5, 0, 0.25)
