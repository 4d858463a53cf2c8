import numpy as np
import pytest

from analysis.clustering import ThemeClusterer
from analysis.embedders import TfidfEmbedder
from tests.analysis.conftest import synthetic_texts


def blobs(n_themes: int, per_theme: int, dim: int = 32, noise: float = 0.35, seed: int = 0):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((n_themes, dim))
    labels = np.repeat(np.arange(n_themes), per_theme)
    x = centres[labels] + noise * rng.standard_normal((len(labels), dim))
    return x / np.linalg.norm(x, axis=1, keepdims=True), labels


def partition(labels, keys):
    groups = {}
    for label, key in zip(labels, keys, strict=True):
        groups.setdefault(int(label), set()).add(key)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize(
    ("n_themes", "per_theme"),
    [
        pytest.param(4, 60, id="four-small"),
        pytest.param(12, 80, id="twelve"),
        pytest.param(6, 700, id="micro-clusters"),
    ],
)
def test_number_of_themes_comes_from_the_data(n_themes, per_theme):
    x, truth = blobs(n_themes, per_theme)
    model = ThemeClusterer(random_state=0).fit(x)
    assert model.n_themes_ == n_themes
    assert (model.labels_ < 0).mean() <= 0.05
    from sklearn.metrics import normalized_mutual_info_score

    assert normalized_mutual_info_score(truth, model.labels_) > 0.9


def test_shuffled_items_give_the_same_themes():
    texts = [t for _, t in synthetic_texts(40)]
    vectors = TfidfEmbedder().embed(texts)
    keys = [f"k{i:04d}" for i in range(len(texts))]
    first = ThemeClusterer(random_state=0).fit(vectors, keys)
    order = np.random.default_rng(1).permutation(len(texts))
    second = ThemeClusterer(random_state=0).fit(vectors[order], [keys[i] for i in order])
    assert partition(first.labels_, keys) == partition(second.labels_, [keys[i] for i in order])
    assert np.array_equal(first.labels_[order], second.labels_)


def test_unsorted_only_for_outliers_and_capped():
    x, _ = blobs(5, 100)
    rng = np.random.default_rng(3)
    junk = rng.standard_normal((60, x.shape[1]))
    x = np.vstack([x, junk / np.linalg.norm(junk, axis=1, keepdims=True)])
    model = ThemeClusterer(random_state=0).fit(x)
    unsorted = model.labels_ < 0
    assert unsorted.mean() <= 0.05
    assert unsorted[:500].mean() < 0.01
