"""New subjects surface from new data; more of the same subjects proposes nothing."""

from __future__ import annotations

import numpy as np

from analysis.embedders import l2_normalize
from analysis.new_subjects import find_new_subjects


def _blobs(
    centres: np.ndarray, per: int, spread: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    truth = np.repeat(np.arange(len(centres)), per)
    x = centres[truth] + spread * rng.standard_normal((len(truth), centres.shape[1]))
    return l2_normalize(x.astype(np.float32)), truth


def _space(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    known = rng.standard_normal((4, 48))
    # The new subject lies near known subject 0 (loosely similar, as "lost parcel" is to
    # "late delivery"), but is a subject of its own.
    new = 0.75 * known[0] + 0.9 * rng.standard_normal(48)
    return known, new


def test_a_new_subject_near_an_existing_theme_is_proposed():
    known, new = _space()
    old, old_truth = _blobs(known, 60, 0.08, 1)
    centroids = l2_normalize(np.stack([old[old_truth == t].mean(axis=0) for t in range(4)]))
    incoming, truth = _blobs(np.vstack([known, new[None]]), 40, 0.08, 2)
    keys = [f"k{i}" for i in range(len(incoming))]
    # Without this step the new items would join theme 0: they are nearer to it than to any other.
    nearest = np.argmax(incoming[truth == 4] @ centroids.T, axis=1)
    assert (nearest == 0).mean() > 0.8
    proposals = find_new_subjects(incoming, keys, centroids, min_size=10, min_similarity=0.3)
    proposed_rows = np.flatnonzero(proposals >= 0)
    assert len(set(proposals[proposed_rows])) == 1
    assert (truth[proposed_rows] == 4).all()
    assert len(proposed_rows) >= 0.8 * 40


def test_more_of_the_same_subjects_proposes_nothing():
    known, _ = _space()
    old, old_truth = _blobs(known, 60, 0.08, 3)
    centroids = l2_normalize(np.stack([old[old_truth == t].mean(axis=0) for t in range(4)]))
    incoming, _ = _blobs(known, 30, 0.08, 4)
    keys = [f"k{i}" for i in range(len(incoming))]
    assert (find_new_subjects(incoming, keys, centroids, min_size=10, min_similarity=0.3) < 0).all()


def test_the_same_items_in_another_order_give_the_same_proposal():
    known, new = _space()
    old, old_truth = _blobs(known, 60, 0.08, 1)
    centroids = l2_normalize(np.stack([old[old_truth == t].mean(axis=0) for t in range(4)]))
    incoming, _ = _blobs(np.vstack([known, new[None]]), 30, 0.08, 5)
    keys = np.array([f"k{i:04d}" for i in range(len(incoming))])
    first = find_new_subjects(incoming, list(keys), centroids, min_size=10, min_similarity=0.3)
    perm = np.random.default_rng(9).permutation(len(incoming))
    second = find_new_subjects(
        incoming[perm], list(keys[perm]), centroids, min_size=10, min_similarity=0.3
    )
    back = np.empty_like(second)
    back[perm] = second
    assert np.array_equal(first >= 0, back >= 0)


def test_without_themes_tight_groups_are_proposed():
    known, _ = _space()
    incoming, truth = _blobs(known[:2], 20, 0.08, 6)
    proposals = find_new_subjects(
        incoming, [f"k{i}" for i in range(40)], np.zeros((0, 48)), min_size=10, min_similarity=0.3
    )
    assert len(set(proposals[proposals >= 0])) == 2


def test_the_new_subject_is_closer_to_itself_than_to_the_sorted_items():
    known, new = _space()
    old, old_truth = _blobs(known, 60, 0.08, 1)
    centroids = l2_normalize(np.stack([old[old_truth == t].mean(axis=0) for t in range(4)]))
    incoming, truth = _blobs(np.vstack([known, new[None]]), 40, 0.08, 2)
    keys = [f"k{i}" for i in range(len(incoming))]
    proposals = find_new_subjects(
        incoming, keys, centroids, min_size=10, min_similarity=0.3, known_vectors=old
    )
    assert (truth[proposals >= 0] == 4).all() and (proposals >= 0).sum() >= 0.8 * 40


def test_short_texts_on_known_subjects_are_no_new_subject():
    """Short texts share a direction whatever they say ("Factuur klopt niet", "Veel te
    duur"): closer to their own centre than to the themes' centres, which longer texts make,
    but each is closest to the sorted short texts on its own subject."""
    rng = np.random.default_rng(11)
    known, _ = _space()
    short = 1.2 * rng.standard_normal(48)
    long_items, long_truth = _blobs(known, 60, 0.08, 3)
    short_items, short_truth = _blobs(known + short, 8, 0.08, 4)
    sorted_items = np.vstack([long_items, short_items])
    truth = np.concatenate([long_truth, short_truth])
    centroids = l2_normalize(np.stack([sorted_items[truth == t].mean(axis=0) for t in range(4)]))
    incoming, _ = _blobs(known + short, 4, 0.08, 5)  # four short texts on each known subject
    keys = [f"k{i}" for i in range(len(incoming))]
    args = {"min_size": 10, "min_similarity": 0.3}
    # Compared with the themes' centres alone, they look like a new subject ...
    assert (find_new_subjects(incoming, keys, centroids, **args) >= 0).sum() >= 10
    # ... but each has closer sorted items than its fellow new items.
    found = find_new_subjects(incoming, keys, centroids, known_vectors=sorted_items, **args)
    assert (found < 0).all()
