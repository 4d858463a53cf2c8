"""The theme tree: top themes group the themes, keep their ids, names and the manager's moves."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.embedders import TfidfEmbedder, l2_normalize
from analysis.theme_tree import ThemeGrouper, plan_tree, weighted_ward
from tests.analysis.conftest import make_records, synthetic_texts
from workspace import refresh, theme_edits, theme_tree
from workspace.edit_log import undo_last_edit
from workspace.imports import import_records


def _families(n_families: int = 6, per_family: int = 3, items: int = 40, seed: int = 0):
    """Vectors of ``n_families * per_family`` themes; themes of a family lie close together."""
    rng = np.random.default_rng(seed)
    families = rng.standard_normal((n_families, 64)) * 3
    themes = np.repeat(families, per_family, axis=0) + rng.standard_normal(
        (n_families * per_family, 64)
    )
    labels = np.repeat(np.arange(len(themes)), items)
    x = themes[labels] + 0.3 * rng.standard_normal((len(labels), 64))
    return l2_normalize(x.astype(np.float32)), labels, np.repeat(np.arange(n_families), per_family)


def test_themes_of_a_family_share_a_top_theme():
    vectors, labels, family = _families()
    grouper = ThemeGrouper().fit(vectors, labels)
    assert 5 <= grouper.n_groups_ <= 20
    # Same family, same top theme; families are never mixed.
    for f in np.unique(family):
        assert len(set(grouper.groups_[family == f])) == 1
    assert len(set(grouper.groups_)) == len(np.unique(family))


@pytest.mark.parametrize(("n_families", "per_family"), [(5, 4), (8, 3), (12, 3), (16, 2)])
def test_the_number_of_top_themes_is_the_number_of_families(n_families, per_family):
    # The count comes from the data: neither stuck at the fewest nor the most allowed.
    vectors, labels, family = _families(n_families, per_family, items=20)
    grouper = ThemeGrouper().fit(vectors, labels)
    assert grouper.n_groups_ == n_families
    for f in np.unique(family):
        assert len(set(grouper.groups_[family == f])) == 1


def test_the_tree_does_not_depend_on_the_order_of_the_items():
    vectors, labels, _ = _families(seed=1)
    keys = [f"k{i:05d}" for i in range(len(labels))]
    first = ThemeGrouper().fit(vectors, labels, keys).groups_
    perm = np.random.default_rng(3).permutation(len(labels))
    second = ThemeGrouper().fit(vectors[perm], labels[perm], [keys[i] for i in perm]).groups_
    assert np.array_equal(first, second)


def test_the_hierarchy_weighs_each_theme_by_its_items():
    # Ward over the themes' centres with each theme counted once per item is ward over the
    # items placed at their theme's centre: the same merge costs as scipy's ward on the
    # repeated centres (whose first merges, of the copies, cost nothing).
    from scipy.cluster.hierarchy import linkage

    rng = np.random.default_rng(4)
    centres = l2_normalize(rng.standard_normal((12, 16)))
    sizes = rng.integers(1, 9, 12)
    _, costs = weighted_ward(centres, sizes)
    repeated = linkage(np.repeat(centres, sizes, axis=0), method="ward")
    heights = repeated[:, 2][repeated[:, 2] > 1e-9]
    assert np.allclose(np.sort(costs), np.sort(heights**2 / 2))
    # Unweighted, it is plain ward over the centres.
    _, plain = weighted_ward(centres, np.ones(12))
    assert np.allclose(np.sort(plain), np.sort(linkage(centres, method="ward")[:, 2] ** 2 / 2))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_few_small_stray_themes_do_not_become_top_themes(seed):
    # Six families of 120 items, and six stray themes of 3 items each far from everything:
    # the strays join a family's top theme instead of standing as top themes of 3 items
    # (ward over unweighted centres made 10-12 top themes of this).
    vectors, labels, family = _families(6, 3, 40, seed)
    rng = np.random.default_rng(seed + 10)
    stray_labels = np.repeat(np.arange(6), 3)
    strays = rng.standard_normal((6, 64))[stray_labels] * 3
    strays = l2_normalize((strays + 0.3 * rng.standard_normal(strays.shape)).astype(np.float32))
    grouper = ThemeGrouper().fit(
        np.vstack([vectors, strays]), np.concatenate([labels, stray_labels + len(family)])
    )
    assert grouper.n_groups_ == 6
    for f in np.unique(family):
        assert len(set(grouper.groups_[: len(family)][family == f])) == 1


def test_few_themes_are_their_own_top_themes():
    vectors, labels, _ = _families(n_families=3, per_family=2)
    grouper = ThemeGrouper().fit(vectors, labels)
    assert grouper.n_groups_ == 6 and list(grouper.groups_) == list(range(6))


def test_top_ids_survive_more_of_the_same_data():
    vectors, labels, _ = _families(seed=2)
    texts = [f"text {i}" for i in range(len(labels))]
    keys = [f"k{i}" for i in range(len(labels))]
    first = plan_tree(vectors, labels, texts, ["en"] * len(labels), keys, _no_tops(), {})
    real = {p: 100 + i for i, p in enumerate(first.new_ids)}
    first = first.with_ids(real)
    more, more_labels, _ = _families(seed=2, items=44)  # the same themes, 10% more items
    second = plan_tree(
        more,
        more_labels,
        [f"t{i}" for i in range(len(more_labels))],
        ["en"] * len(more_labels),
        [f"m{i}" for i in range(len(more_labels))],
        first.tops,
        {},
    )
    assert not second.new_ids
    same = sum(first.theme_top[t] == second.theme_top[t] for t in first.theme_top)
    assert same >= 0.95 * len(first.theme_top)


def _no_tops() -> pd.DataFrame:
    return pd.DataFrame(
        {"top_id": pd.Series([], dtype=int), "centroid": pd.Series([], dtype=object)}
    )


@pytest.fixture
def refreshed(workspace):
    workspace.set_setting("embedder", "tfidf")
    import_records(workspace, make_records(synthetic_texts(40)), file_name="batch0")
    refresh.refresh_themes(workspace, TfidfEmbedder())
    return workspace


def test_every_theme_has_a_top_theme_and_sizes_add_up(refreshed):
    tree = theme_tree.tree_summary(refreshed)
    assert tree and all(top["top_id"] is not None for top in tree)
    assert sum(top["items"] for top in tree) == sum(
        theme["items"] for top in tree for theme in top["themes"]
    )
    themes = refreshed.query_df("SELECT count(*) AS n FROM themes WHERE status = 'active'")
    assert sum(len(top["themes"]) for top in tree) == int(themes["n"].iloc[0])


def test_top_level_edits_survive_a_refresh_and_undo(refreshed):
    tree = theme_tree.tree_summary(refreshed)
    first, second = tree[0], tree[1]
    moved = first["themes"][0]["theme_id"]
    theme_tree.rename_top_theme(refreshed, second["top_id"], "Bezorging en retour")
    theme_tree.move_theme_to_top(refreshed, moved, second["top_id"])
    refresh.refresh_themes(refreshed, TfidfEmbedder(), keep_if_as_good=False)  # regroups
    after = {
        t["theme_id"]: top for top in theme_tree.tree_summary(refreshed) for t in top["themes"]
    }
    assert after[moved]["top_id"] == second["top_id"]
    assert after[moved]["label"] == "Bezorging en retour"
    undo_last_edit(refreshed)  # the move
    undo_last_edit(refreshed)  # the rename
    names = {top["top_id"]: top["label"] for top in theme_tree.tree_summary(refreshed)}
    assert "Bezorging en retour" not in names.values()


def test_split_parts_stay_under_the_parent_top_theme(refreshed):
    tree = theme_tree.tree_summary(refreshed)
    parent = tree[0]["themes"][0]["theme_id"]
    _, parts = theme_edits.split_theme(refreshed, parent, parts=2, embedder=TfidfEmbedder())
    after = {
        t["theme_id"]: top["top_id"]
        for top in theme_tree.tree_summary(refreshed)
        for t in top["themes"]
    }
    assert {after[p] for p in parts} == {tree[0]["top_id"]}


def test_export_items_names_the_top_theme(refreshed):
    from workspace.queries import items_for_export

    frame = items_for_export(refreshed)
    assert {"top_theme_id", "top_theme_label", "theme_id", "theme_label"} <= set(frame.columns)
    sorted_items = frame[frame["theme_id"].notna()]
    assert sorted_items["top_theme_id"].notna().all()
    assert (sorted_items["top_theme_label"] != "").all()
    tree = {
        t["theme_id"]: top["top_id"]
        for top in theme_tree.tree_summary(refreshed)
        for t in top["themes"]
    }
    for theme, top in zip(sorted_items["theme_id"], sorted_items["top_theme_id"], strict=True):
        assert tree[int(theme)] == int(top)


def test_a_top_theme_of_one_theme_reads_as_that_theme(refreshed):
    """One group, one name: the theme's (also after a rename) unless the top is renamed."""
    from workspace.queries import items_for_export

    tree = theme_tree.tree_summary(refreshed)
    single = next(top for top in tree if len(top["themes"]) == 1)
    theme = single["themes"][0]
    assert single["label"] == theme["label"]
    theme_edits.rename_theme(refreshed, theme["theme_id"], "Pakket kwijt")
    names = {top["top_id"]: top["label"] for top in theme_tree.tree_summary(refreshed)}
    assert names[single["top_id"]] == "Pakket kwijt"
    exported = items_for_export(refreshed)
    mine = exported[exported["theme_id"] == theme["theme_id"]]
    assert set(mine["top_theme_label"]) == {"Pakket kwijt"}
    theme_tree.rename_top_theme(refreshed, single["top_id"], "Bezorging")
    names = {top["top_id"]: top["label"] for top in theme_tree.tree_summary(refreshed)}
    assert names[single["top_id"]] == "Bezorging"


def test_a_top_theme_without_a_centre_can_be_renamed_and_undone(refreshed):
    """Undo snapshots a top theme whose centre is NULL (pandas reads it as NaN)."""
    top = theme_tree.tree_summary(refreshed)[0]
    with refreshed.transaction() as con:
        con.execute("UPDATE top_themes SET centroid = NULL WHERE top_id = ?", [top["top_id"]])
    theme_tree.rename_top_theme(refreshed, top["top_id"], "Zonder midden")
    undo_last_edit(refreshed)
    names = {t["top_id"]: t["label"] for t in theme_tree.tree_summary(refreshed)}
    assert names[top["top_id"]] == top["label"]
