import numpy as np
import pytest
from sklearn.cluster import KMeans, MiniBatchKMeans

from analysis.neighbors import (
    fit_minibatch_kmeans,
    kmeans_plusplus,
    nearest_neighbors,
    place_rows,
    umap_layout,
    when_layout_starts,
)


def unit_rows(n: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_exact_neighbours_match_a_full_sort():
    # Which of several equal similarities comes first depends on the BLAS kernel of the
    # processor (block shapes round the last bit differently), so only what is invariant is
    # checked: each row gets the top-k similarities of a full sort, within a tolerance, most
    # similar first, never itself, and a duplicate's exact twins are among its neighbours.
    x = unit_rows(300)
    x[100:110] = x[5]
    indices, sims = nearest_neighbors(x, 5, block=64)
    full = (x @ x.T).astype(np.float64)
    np.fill_diagonal(full, -np.inf)
    expected_sims = -np.sort(-full, axis=1)[:, :5]
    assert np.allclose(sims, expected_sims, atol=1e-5)
    assert np.allclose(sims, np.take_along_axis(full, indices, axis=1), atol=1e-5)
    assert (np.diff(sims, axis=1) <= 1e-6).all()
    assert (indices != np.arange(300)[:, None]).all()
    assert all(len(set(row)) == 5 for row in indices)
    twins = {5, *range(100, 110)}
    for row in [5, 100, 109]:
        assert set(indices[row]) <= twins - {row}


@pytest.mark.parametrize(
    ("model", "dim"),
    [
        pytest.param(MiniBatchKMeans, 48, id="minibatch-search-cells"),
        pytest.param(MiniBatchKMeans, 5, id="minibatch-layout-micro"),
        pytest.param(KMeans, 5, id="kmeans-layout-micro"),
    ],
)
def test_kmeans_plusplus_start_is_scikit_learns(model, dim):
    # Our start only avoids scikit-learn's repeated float64 copies: the same random state
    # must give the same centres, so the themes do not change with it. Random data without
    # ties: the draws never land on a boundary that a last-bit difference could move.
    x = unit_rows(6000, dim, seed=3)
    settings = {"n_init": 1, "random_state": 0}
    if model is MiniBatchKMeans:
        settings |= {"batch_size": 1024, "max_iter": 5}
    ours = model(40, init=kmeans_plusplus, **settings).fit(x)
    theirs = model(40, **settings).fit(x)
    assert np.array_equal(ours.cluster_centers_, theirs.cluster_centers_)
    assert np.array_equal(ours.labels_, theirs.labels_)


def test_minibatch_kmeans_on_one_thread_is_the_same_as_on_two():
    # The search cells and the micro k-means run on one OpenMP thread (faster when the
    # second core is busy); the result must not depend on it, and the caller's own thread
    # count comes back afterwards.
    from threadpoolctl import threadpool_info, threadpool_limits

    x = unit_rows(9000, 24, seed=4)

    def model() -> MiniBatchKMeans:
        return MiniBatchKMeans(
            60, init=kmeans_plusplus, batch_size=1024, n_init=1, max_iter=10, random_state=0
        )

    with threadpool_limits(limits=2, user_api="openmp"):
        two = model().fit(x)
        before = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "openmp"]
        one = fit_minibatch_kmeans(model(), x)
        after = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "openmp"]
    assert np.array_equal(one.cluster_centers_, two.cluster_centers_)
    assert np.array_equal(one.labels_, two.labels_)
    assert after == before


def test_approximate_neighbours_agree_with_exact():
    # Clustered rows, as embeddings are: the inverted-file search finds nearly all of them.
    rng = np.random.default_rng(1)
    centres = rng.standard_normal((20, 16))
    x = centres[rng.integers(0, 20, 3000)] + 0.3 * rng.standard_normal((3000, 16))
    x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    exact, _ = nearest_neighbors(x, 10)
    approx, sims = nearest_neighbors(x, 10, exact_max_rows=1000)
    recall = np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approx, exact, strict=True)])
    assert recall > 0.9
    assert (np.diff(sims, axis=1) <= 1e-6).all()  # most similar first


def test_layout_is_low_dimensional_and_repeatable():
    x = unit_rows(250, seed=3)
    first = umap_layout(x, n_components=5, random_state=0)
    second = umap_layout(x, n_components=5, random_state=0)
    assert first.shape == (250, 5)
    assert np.array_equal(first, second)
    assert not np.array_equal(first, umap_layout(x, n_components=5, random_state=1))


def test_work_starts_beside_the_layout_once():
    # The refresh starts its GIL-holding work (sentiment, subjects) when the layout's epochs
    # start; the layout itself must not change, and the callback runs once, on this thread.
    x = unit_rows(400)
    calls = []
    with when_layout_starts(lambda: calls.append(1)):
        first = umap_layout(x, n_epochs=20)
        second = umap_layout(x, n_epochs=20)
    umap_layout(x, n_epochs=20)
    assert calls == [1]
    assert np.array_equal(first, second)
    assert np.array_equal(first, umap_layout(x, n_epochs=20))


def test_layout_keeps_groups_apart():
    rng = np.random.default_rng(5)
    centres = rng.standard_normal((4, 32))
    truth = np.repeat(np.arange(4), 60)
    x = centres[truth] + 0.35 * rng.standard_normal((240, 32))
    x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    layout = umap_layout(x, n_components=5, random_state=0)
    centre = np.stack([layout[truth == g].mean(axis=0) for g in range(4)])
    nearest = np.argmin(((layout[:, None, :] - centre[None]) ** 2).sum(axis=2), axis=1)
    assert (nearest == truth).mean() > 0.98


def test_sampled_layout_places_rows_near_their_neighbours_repeatably():
    # Above 60k rows the layout is fitted on a sample and the other rows are placed into it.
    rng = np.random.default_rng(6)
    centres = rng.standard_normal((5, 32))
    truth = np.repeat(np.arange(5), 160)
    x = centres[truth] + 0.35 * rng.standard_normal((800, 32))
    x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    first = umap_layout(x, n_epochs=50, sample_rows=300)
    assert first.shape == (800, 5)
    assert np.array_equal(first, umap_layout(x, n_epochs=50, sample_rows=300))
    assert not np.array_equal(first, umap_layout(x, n_epochs=50))
    near, _ = nearest_neighbors(x, 5)
    to_neighbours = np.linalg.norm(first[:, None, :] - first[near], axis=2).mean()
    to_others = np.linalg.norm(first - first[rng.permutation(800)], axis=1).mean()
    assert to_neighbours < 0.2 * to_others
    centre = np.stack([first[truth == g].mean(axis=0) for g in range(5)])
    nearest = np.argmin(((first[:, None, :] - centre[None]) ** 2).sum(axis=2), axis=1)
    assert (nearest == truth).mean() > 0.98


def test_sampled_layout_searches_all_rows_beside_its_epochs():
    # On a sample the search of all rows (given as a function) runs on a second thread while
    # the sample's epochs run; the work waiting for the second core starts after it, once.
    # The layout is the one of the neighbours given up front.
    import threading

    x = unit_rows(700, seed=8)
    given = nearest_neighbors(x, 14)
    calls: list[tuple[str, int]] = []

    def search() -> tuple[np.ndarray, np.ndarray]:
        calls.append(("search", threading.get_ident()))
        return given

    with when_layout_starts(lambda: calls.append(("callback", threading.get_ident()))):
        beside = umap_layout(x, n_epochs=30, sample_rows=300, neighbors=search)
    assert np.array_equal(beside, umap_layout(x, n_epochs=30, sample_rows=300, neighbors=given))
    assert [what for what, _ in calls] == ["search", "callback"]
    assert calls[0][1] == calls[1][1] != threading.get_ident()


@pytest.mark.parametrize("exact_max_rows", [5000, 500], ids=["exact", "cells"])
def test_neighbours_do_not_depend_on_the_threads(exact_max_rows):
    x = unit_rows(1200, seed=9)
    one = nearest_neighbors(x, 8, exact_max_rows, threads=1, block=256)
    two = nearest_neighbors(x, 8, exact_max_rows, threads=2, block=256)
    assert np.array_equal(one[0], two[0])
    assert np.array_equal(one[1], two[1])


def test_placed_rows_start_at_the_weighted_mean_of_their_neighbours():
    from scipy.sparse import coo_matrix

    # Rows 0 and 1 are the fitted sample; row 2 links to both (weights 1 and 3), row 3 only
    # to row 2 (placed in a second round), row 4 to nothing (the sample's centre).
    links = [(2, 0, 1.0), (2, 1, 3.0), (3, 2, 1.0)]
    rows, cols, weights = zip(*links, strict=True)
    graph = coo_matrix((weights + weights, (rows + cols, cols + rows)), shape=(5, 5))
    fitted = np.array([[0.0, 0.0], [4.0, 8.0]], dtype=np.float32)
    layout = place_rows(fitted, np.array([0, 1]), graph, n_epochs=0, random_state=0)
    assert np.allclose(layout[:2], fitted)
    assert np.allclose(layout[2], [3.0, 6.0])
    assert np.allclose(layout[3], layout[2])
    assert np.allclose(layout[4], [2.0, 4.0])


def test_ab_params_match_umaps_curve_fit():
    import warnings

    from analysis.neighbors import ab_params

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from umap.umap_ import find_ab_params

    for spread, min_dist in [(1.0, 0.0), (1.0, 0.1)]:
        assert np.allclose(ab_params(spread, min_dist), find_ab_params(spread, min_dist), rtol=1e-4)


def test_fuzzy_graph_is_umaps_construction():
    from analysis.neighbors import fuzzy_graph

    x = unit_rows(200, seed=4)
    near, sims = nearest_neighbors(x, 9)
    dist = 1.0 - sims
    graph = fuzzy_graph(near, dist, 200).tocsr()
    assert abs(graph - graph.T).max() < 1e-12  # symmetric
    assert graph.data.min() > 0 and graph.data.max() <= 1.0 + 1e-12
    assert np.allclose(graph[np.arange(200), near[:, 0]].A.ravel(), 1.0)  # nearest: 1
    # The same graph as umap's own (numba) construction from the same neighbours.
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from umap.umap_ import fuzzy_simplicial_set

    theirs, _, _ = fuzzy_simplicial_set(
        x,
        10,
        0,
        "cosine",
        knn_indices=np.hstack([np.arange(200)[:, None], near]),
        knn_dists=np.hstack([np.zeros((200, 1)), dist]).astype(np.float32),
    )
    assert abs(graph - theirs.tocsr()).max() < 1e-3
