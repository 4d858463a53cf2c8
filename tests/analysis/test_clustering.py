import numpy as np
import pytest

from analysis.clustering import ThemeClusterer, layout_sample
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


def test_layout_path_is_order_free_and_repeatable():
    # 360 rows: above layout_min_rows, so the UMAP layout is used.
    x, _ = blobs(6, 60, noise=0.6, seed=5)
    keys = [f"k{i:04d}" for i in range(len(x))]
    first = ThemeClusterer(random_state=0).fit(x, keys)
    order = np.random.default_rng(2).permutation(len(x))
    second = ThemeClusterer(random_state=0).fit(x[order], [keys[i] for i in order])
    assert np.array_equal(first.labels_[order], second.labels_)
    again = ThemeClusterer(random_state=0).fit(x, keys)
    assert np.array_equal(first.labels_, again.labels_)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        pytest.param(10_003, None, id="banking77-size"),
        pytest.param(25_000, None, id="labeled-sets-limit"),
        pytest.param(50_000, None, id="50k"),
        pytest.param(60_000, None, id="at-the-threshold"),
        pytest.param(60_001, 40_000, id="above"),
        pytest.param(100_000, 40_000, id="100k"),
    ],
)
def test_layout_is_fitted_on_a_sample_only_above_60k_rows(n, expected):
    assert layout_sample(n) == expected


def test_sampled_layout_is_order_free_repeatable_and_finds_the_themes():
    # The rule used above 60k rows, on a small set: fit the layout on 300 of 900 rows, place
    # the others; the same rows in another order give the same themes.
    from sklearn.metrics import normalized_mutual_info_score

    x, truth = blobs(6, 150, noise=0.6, seed=5)
    keys = [f"k{i:04d}" for i in range(len(x))]
    first = ThemeClusterer(layout_sample_rows=300, random_state=0).fit(x, keys)
    order = np.random.default_rng(2).permutation(len(x))
    second = ThemeClusterer(layout_sample_rows=300, random_state=0).fit(
        x[order], [keys[i] for i in order]
    )
    assert np.array_equal(first.labels_[order], second.labels_)
    assert first.n_themes_ == 6
    assert normalized_mutual_info_score(truth, first.labels_) > 0.9


def test_flat_score_curve_gives_the_middle_of_the_plateau():
    model = ThemeClusterer(plateau=0.02)
    sharp = {2: 0.3, 3: 0.5, 4: 0.9, 5: 0.6, 6: 0.5}
    assert model._choose(sharp) == 4
    flat = {10: 0.50, 20: 0.70, 30: 0.705, 40: 0.70, 50: 0.71, 60: 0.70, 70: 0.69}
    # within 2% of 0.71: 20..70 -> the median of those six counts is 40
    assert model._choose(flat) == 40
    assert ThemeClusterer(plateau=0.0)._choose(flat) == 50


def test_clean_split_count_is_kept_on_the_plateau():
    model = ThemeClusterer(plateau=0.02)
    flat = {10: 0.50, 20: 0.70, 30: 0.705, 40: 0.70, 50: 0.71, 60: 0.70, 70: 0.69}
    assert model._choose(flat, clean=55) == 55
    assert model._choose(flat, clean=5) == 20
    assert model._choose(flat, clean=90) == 60  # 70 scores 0.69: off the plateau
    assert model._choose(flat, clean=None) == 40


def _brute_force_cut(neighbors, part_a, part_b):
    inside = part_a | part_b
    shares = []
    for one, other in ((part_a, part_b), (part_b, part_a)):
        to_other = to_inside = 0
        for row in np.flatnonzero(one):
            to_other += int(other[neighbors[row]].sum())
            to_inside += int(inside[neighbors[row]].sum())
        shares.append(to_other / max(to_inside, 1))
    return max(shares)


@pytest.mark.parametrize(
    ("n_micro", "per_theme"),
    [
        pytest.param(None, 40, id="rows"),
        pytest.param(30, 40, id="micro-clusters"),
        pytest.param(None, 260, id="over-1000-rows-sparse-links"),
    ],
)
def test_split_cuts_count_the_links_across_each_split(n_micro, per_theme):
    from scipy.cluster.hierarchy import linkage

    from analysis.clustering import split_cuts

    x, _ = blobs(4, per_theme, noise=0.8, seed=7)
    neighbors = np.argsort(-(x @ x.T), axis=1)[:, 1:7]
    if n_micro is None:
        micro = np.arange(len(x))
        centres = x
    else:
        micro = np.arange(len(x)) % n_micro
        centres = np.stack([x[micro == i].mean(axis=0) for i in range(n_micro)])
    tree = linkage(centres, method="ward")
    m = len(centres)
    members = {i: {i} for i in range(m)}
    for j, (a, b) in enumerate(tree[:, :2].astype(int)):
        members[m + j] = members[a] | members[b]
    cuts = split_cuts(tree, micro, neighbors, 12, min_size=3)
    assert len(cuts) == 12
    for i in range(12):
        a, b = tree[m - 2 - i, :2].astype(int)
        part_a, part_b = np.isin(micro, list(members[a])), np.isin(micro, list(members[b]))
        if min(part_a.sum(), part_b.sum()) < 3:
            assert cuts[i] == 1.0
        else:
            assert cuts[i] == pytest.approx(_brute_force_cut(neighbors, part_a, part_b))


def test_split_cut_rule_finds_separate_groups():
    x, truth = blobs(6, 80, noise=0.5, seed=3)
    model = ThemeClusterer(random_state=0, split_cut=0.05).fit(x)
    assert model.n_themes_ == 6
    assert (model.split_cuts_[:5] < 0.05).all()
    assert (model.split_cuts_[5:] >= 0.05).all()


def _two_subjects(seed: int = 0):
    """Two far-apart subjects, each a cloud whose items' neighbours are spread all over it
    (as review sentences of one subject are): ward still splits each cloud in two."""
    from scipy.cluster.hierarchy import linkage

    rng = np.random.default_rng(seed)
    subject = np.repeat([0, 1], 120)
    x = rng.standard_normal((2, 32))[subject] + 0.25 * rng.standard_normal((240, 32))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    neighbors = np.argsort(-(x @ x.T), axis=1)[:, 1:15]
    return linkage(x, method="ward"), neighbors, subject


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_intertwined_halves_of_one_subject_merge(seed):
    from scipy.cluster.hierarchy import fcluster

    from analysis.clustering import MERGE_CUT, merge_intertwined

    tree, neighbors, subject = _two_subjects(seed)
    rows = np.arange(len(subject))
    cut = fcluster(tree, 4, criterion="maxclust") - 1
    assert len(set(cut)) == 4  # each subject cut in two halves
    merged = merge_intertwined(tree, rows, neighbors, cut, 3, MERGE_CUT, least=1)
    assert partition(merged, rows) == partition(subject, rows)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cleanly_separated_subjects_do_not_merge(seed):
    from scipy.cluster.hierarchy import fcluster

    from analysis.clustering import MERGE_CUT, merge_intertwined

    tree, neighbors, subject = _two_subjects(seed)
    rows = np.arange(len(subject))
    cut = fcluster(tree, 2, criterion="maxclust") - 1
    merged = merge_intertwined(tree, rows, neighbors, cut, 3, MERGE_CUT, least=1)
    assert partition(merged, rows) == partition(subject, rows)


def test_merging_stops_at_the_fewest_themes():
    from scipy.cluster.hierarchy import fcluster

    from analysis.clustering import merge_intertwined

    tree, neighbors, subject = _two_subjects()
    rows = np.arange(len(subject))
    cut = fcluster(tree, 4, criterion="maxclust") - 1
    assert merge_intertwined(tree, rows, neighbors, cut, 3, 0.0, least=3).max() + 1 == 3
    # The split between the subjects cuts no link: it stays even at a threshold of 0.
    assert merge_intertwined(tree, rows, neighbors, cut, 3, 0.0, least=1).max() + 1 == 2


def _review_like(seed: int):
    """Four subjects, each said in eight wordings whose items overlap."""
    rng = np.random.default_rng(seed)
    centres = 3 * rng.standard_normal((4, 64))
    wordings = centres[:, None, :] + 1.5 * rng.standard_normal((4, 8, 64))
    subject = np.repeat(np.arange(4), 80)
    wording = np.tile(np.repeat(np.arange(8), 10), 4)
    x = wordings[subject, wording] + 0.8 * rng.standard_normal((320, 64))
    return x / np.linalg.norm(x, axis=1, keepdims=True), subject


def test_clusterer_merges_intertwined_themes_by_default():
    from sklearn.metrics import adjusted_rand_score

    x, subject = _review_like(0)
    merged = ThemeClusterer(random_state=0).fit(x)
    split = ThemeClusterer(random_state=0, merge_cut=None).fit(x)
    assert merged.n_themes_ < split.n_themes_
    assert adjusted_rand_score(subject, merged.labels_) > adjusted_rand_score(
        subject, split.labels_
    )


def test_outlier_among_its_own_theme_keeps_its_theme():
    from analysis.clustering import finish_themes

    x, labels = blobs(3, 100, noise=0.2, seed=1)
    # Rows 0-9 of theme 0 are pushed away from its centre, but stay each other's neighbours.
    rng = np.random.default_rng(0)
    far = x[0] + 1.5 * rng.standard_normal(x.shape[1]) / np.sqrt(x.shape[1])
    x[:10] = far + 0.05 * rng.standard_normal((10, x.shape[1]))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    neighbors = np.argsort(-(x @ x.T), axis=1)[:, 1:8]
    order = np.arange(len(x))

    class Model:
        pass

    without, with_hood = Model(), Model()
    finish_themes(without, order, x, labels, 3, 0.05)
    finish_themes(with_hood, order, x, labels, 3, 0.05, neighbors)
    assert (without.labels_[:10] < 0).all()  # far from the centre: an outlier by distance
    assert (with_hood.labels_[:10] >= 0).all()  # but among its own theme's items


def test_a_split_in_two_by_one_direction_is_not_the_themes():
    """Six subjects, each said short and long: a length direction stronger than the subjects
    makes the silhouette pick 2 (short against long, as very short praise against the rest
    in real app reviews); from the layout up the themes are never fewer than 3."""
    from analysis.clustering import MIN_LAYOUT_THEMES

    rng = np.random.default_rng(0)
    subjects = rng.standard_normal((6, 32))
    length = rng.standard_normal(32)
    length *= 5 / np.linalg.norm(length)
    subject = np.repeat(np.arange(6), 60)
    short = np.tile(np.repeat([1.0, -1.0], 30), 6)
    x = subjects[subject] + short[:, None] * length + 1.5 * rng.standard_normal((360, 32))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    assert ThemeClusterer(min_themes=2, random_state=0).fit(x).n_themes_ == 2
    assert ThemeClusterer(random_state=0).fit(x).n_themes_ >= MIN_LAYOUT_THEMES == 3
