import numpy as np

from analysis.embedders import l2_normalize
from analysis.registry import extend_partition, match_clusters, partition_fit


def _blobs(seed=0):
    """Two tight groups of 20 unit vectors around orthogonal directions."""
    rng = np.random.default_rng(seed)
    centres = np.eye(8)[:2]
    x = np.repeat(centres, 20, axis=0) + 0.1 * rng.normal(size=(40, 8))
    return l2_normalize(x), np.repeat([0, 1], 20)


def test_partition_fit_prefers_the_true_groups_and_ignores_unsorted_marks():
    x, truth = _blobs()
    shuffled = np.random.default_rng(1).permutation(truth)
    assert partition_fit(x, truth) > 0.5 > partition_fit(x, shuffled)
    # Marking rows unsorted does not flatter a partition: they count with their nearest theme.
    marked = truth.copy()
    marked[[0, 25]] = -1
    assert abs(partition_fit(x, marked) - partition_fit(x, truth)) < 0.01
    assert partition_fit(x, np.zeros(40, dtype=int)) == -1.0


def test_extend_partition_gives_new_rows_the_nearest_theme_above_the_threshold():
    x, truth = _blobs()
    old = truth.copy()
    old[[3, 30]] = -1  # e.g. items imported after the last refresh
    far = l2_normalize(np.eye(8)[[5]])  # a row like neither theme
    x_all = np.vstack([x, far])
    labels = extend_partition(x_all, np.append(old, -1), min_similarity=0.5)
    assert labels[3] == 0 and labels[30] == 1 and labels[-1] == -1
    assert (labels[:40] == truth).all()


def test_match_clusters_is_one_to_one_and_skips_dissimilar_pairs():
    old = np.eye(3)
    new = l2_normalize(np.array([[0.1, 1.0, 0.0], [1.0, 0.1, 0.0], [0.0, 0.0, -1.0]]))
    # new 2 fits nothing; pairing it with old 1 and new 0 with old 2 would score higher in
    # total, but must not cost new 0 its match.
    assert match_clusters(new, old, min_similarity=0.5) == {0: 1, 1: 0}
