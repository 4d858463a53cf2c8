"""The experimental Leiden graph clusterer: finds planted groups, order-free, deterministic."""

import numpy as np
import pytest
from sklearn.metrics import normalized_mutual_info_score

from tests.analysis.test_clustering import blobs, partition

pytest.importorskip("leidenalg", reason="pip install leidenalg python-igraph")

from analysis.graph_clustering import GraphThemeClusterer, nearest_neighbors  # noqa: E402


@pytest.mark.parametrize(
    ("n_themes", "per_theme"),
    [pytest.param(4, 60, id="four-small"), pytest.param(12, 80, id="twelve")],
)
def test_planted_groups_found(n_themes, per_theme):
    x, truth = blobs(n_themes, per_theme)
    model = GraphThemeClusterer(random_state=0).fit(x)
    assert (model.labels_ < 0).mean() <= 0.05
    assert normalized_mutual_info_score(truth, model.labels_) > 0.9


def test_shuffled_items_give_the_same_themes():
    x, _ = blobs(6, 50)
    keys = [f"k{i:04d}" for i in range(len(x))]
    first = GraphThemeClusterer(random_state=0).fit(x, keys)
    order = np.random.default_rng(1).permutation(len(x))
    second = GraphThemeClusterer(random_state=0).fit(x[order], [keys[i] for i in order])
    assert partition(first.labels_, keys) == partition(second.labels_, [keys[i] for i in order])


def test_approximate_neighbours_agree_with_exact():
    x, _ = blobs(10, 300, noise=0.5)
    exact = nearest_neighbors(x, 10, exact_max_rows=10_000)
    approx = nearest_neighbors(x, 10, exact_max_rows=100)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(exact, approx, strict=True)])
    assert recall > 0.9
