"""The refresh plan is pure: decisions tested without a workspace."""

import numpy as np
import pandas as pd
import pytest

from analysis.refresh_plan import plan_refresh

WORDS = {0: "parcel courier late delivery", 1: "invoice charged twice bill"}


def _items(n_per_group=6):
    rows, vectors = [], []
    rng = np.random.default_rng(0)
    for group, words in WORDS.items():
        for i in range(n_per_group):
            rows.append({"id": f"{group}-{i}", "text": f"{words} {i}", "text_hash": f"h{group}{i}"})
            vec = np.eye(3)[group] + 0.05 * rng.standard_normal(3)
            vectors.append(vec / np.linalg.norm(vec))
    items = pd.DataFrame(rows).assign(
        language="en", rating=np.nan, rating_scale_min=np.nan, rating_scale_max=np.nan
    )
    return items, np.asarray(vectors, dtype=np.float32)


def _registry():
    return pd.DataFrame(
        {
            "theme_id": [7],
            "status": ["active"],
            "centroid": [[1.0, 0.0, 0.0]],
            "manager_name": ["Bezorging"],
            "parent_ids": ["[]"],
            "created_at": [pd.Timestamp("2026-01-01", tz="UTC")],
        }
    )


def _plan(manual=None):
    items, vectors = _items()
    labels = np.array([0] * 6 + [1] * 6)
    centroids = np.vstack([vectors[:6].mean(0), vectors[6:].mean(0)])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    previous = {f"0-{i}": 7 for i in range(6)}
    return plan_refresh(
        items,
        vectors,
        labels,
        centroids,
        _registry(),
        previous,
        manual or {},
        {},
        "test-model",
        keep_if_as_good=False,
    )


def test_matched_cluster_keeps_its_id_and_name_and_the_other_is_new():
    plan = _plan()
    assert plan.kept_ids == [7] and plan.new_ids == [-2] and plan.retired_ids == []
    assert list(plan.theme_ids) == [7] * 6 + [-2] * 6
    themes = plan.themes.set_index("theme_id")
    assert themes.loc[7, "manager_name"] == "Bezorging" and themes.loc[-2, "manager_name"] == ""
    real = plan.with_ids({-2: 12})
    assert list(real.theme_ids) == [7] * 6 + [12] * 6 and real.new_ids == [12]
    assert sorted(real.themes["theme_id"]) == [7, 12]


@pytest.mark.parametrize(
    ("item", "target", "expected"),
    [
        pytest.param("1-0", 7, 7, id="into-a-kept-theme"),
        pytest.param("0-0", None, -1, id="to-unsorted"),
    ],
)
def test_manual_placements_win_over_the_clustering(item, target, expected):
    plan = _plan(manual={item: target})
    row = plan.item_ids.index(item)
    assert plan.theme_ids[row] == expected and plan.methods[row] == "manual"
    moved = _plan().with_manual({item: target})
    assert moved.theme_ids[row] == expected and moved.methods[row] == "manual"
    assert int(moved.themes["size"].sum()) == int((moved.theme_ids != -1).sum())


def test_a_late_move_into_a_theme_the_plan_retires_is_refused():
    with pytest.raises(ValueError, match="retired"):
        _plan().with_manual({"0-1": 99})
