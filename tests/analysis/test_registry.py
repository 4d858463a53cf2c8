import numpy as np

from analysis.embedders import l2_normalize
from analysis.registry import extend_partition, match_clusters, neighbour_themes, partition_fit


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


def test_neighbour_themes_need_a_majority_and_a_close_neighbour():
    rng = np.random.default_rng(3)
    axes = np.eye(6, dtype=np.float32)
    # theme 0 around axis 0, theme 1 around axis 1, twenty items each
    known = l2_normalize(np.repeat(axes[:2], 20, axis=0) + 0.1 * rng.standard_normal((40, 6)))
    themes = np.repeat([0, 1], 20)
    rows = l2_normalize(
        np.stack(
            [
                axes[0] + 0.5 * axes[2],  # among theme 0's items, far from everything else
                axes[1] + 0.5 * axes[3],  # among theme 1's items
                axes[0] + axes[1],  # between the two
                axes[4],  # about nothing the workspace knows: no close neighbour
            ]
        ).astype(np.float32)
    )
    found = neighbour_themes(rows, known, themes, min_similarity=0.5)
    # (the row between the two themes is not asserted: which side wins is a tie)
    assert found[:2].tolist() == [0, 1] and found[3] == -1
    # the same rows with a stricter closeness: the first two no longer qualify
    assert (neighbour_themes(rows, known, themes, min_similarity=0.99) == -1).all()
