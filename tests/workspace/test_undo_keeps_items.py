"""Undo never loses an item, and never reaches back across a refresh that replaced the themes
(real DuckDB files, the weightless TF-IDF embedder)."""

import random

import pytest

from analysis.embedders import TfidfEmbedder
from tests.analysis.conftest import make_records, synthetic_texts
from workspace import placement, refresh, theme_edits, theme_queries
from workspace.db import Workspace
from workspace.imports import import_records

EMBEDDER = TfidfEmbedder()


@pytest.fixture
def workspace(workspace_path):
    with Workspace.open(workspace_path) as ws:
        yield ws


def _import(ws, pairs, start=0):
    ws.set_setting("embedder", "tfidf")
    import_records(ws, make_records(pairs, start), file_name=f"batch{start}")


def _lost(ws) -> int:
    """Items assigned to a theme no screen lists (neither in a theme nor unsorted)."""
    return int(
        ws.scalar(
            "SELECT count(*) FROM assignments a WHERE a.theme_id IS NOT NULL AND a.theme_id "
            "NOT IN (SELECT theme_id FROM themes WHERE status IN ('active', 'proposed'))"
        )
    )


def _biggest(ws) -> int:
    return int(theme_queries.theme_table(ws)["theme_id"].iloc[0])


def test_undoing_a_split_keeps_the_items_placed_in_its_parts_since(workspace):
    _import(workspace, synthetic_texts(30))
    refresh.refresh_themes(workspace, EMBEDDER)
    theme = _biggest(workspace)
    _, parts = theme_edits.split_theme(workspace, theme, parts=2, embedder=EMBEDDER)
    new = synthetic_texts(4, seed=5)
    _import(workspace, new, start=10_000)
    placement.assign_new_items(workspace, EMBEDDER)
    in_parts = int(
        workspace.scalar(
            "SELECT count(*) FROM assignments WHERE item_id IN (SELECT unnest(?)) "
            "AND theme_id IN (SELECT unnest(?))",
            [[r.id for r in make_records(new, 10_000)], parts],
        )
    )
    assert in_parts > 0  # the case under test: new items sit in the parts
    theme_edits.undo_last_edit(workspace)
    assert _lost(workspace) == 0
    # They went back with the parent theme, like the items the split divided.
    back = int(workspace.scalar("SELECT size FROM themes WHERE theme_id = ?", [theme]))
    assert back >= 30 + in_parts - 5  # the planted theme's items, give or take a stray


def test_undoing_a_new_theme_keeps_the_items_placed_in_it_since(workspace):
    _import(workspace, synthetic_texts(30))
    refresh.refresh_themes(workspace, EMBEDDER)
    chosen = workspace.query_df(
        "SELECT item_id FROM assignments WHERE theme_id = ? ORDER BY item_id LIMIT 25",
        [_biggest(workspace)],
    )["item_id"].tolist()
    _, new_id = theme_edits.create_theme(workspace, chosen, "Eigen thema", embedder=EMBEDDER)
    _import(workspace, synthetic_texts(4, seed=5), start=10_000)
    placement.assign_new_items(workspace, EMBEDDER)
    assert int(workspace.scalar("SELECT count(*) FROM assignments WHERE theme_id = ?", [new_id]))
    theme_edits.undo_last_edit(workspace)
    assert _lost(workspace) == 0


def test_a_refresh_that_replaces_the_themes_closes_the_undo_log(workspace):
    _import(workspace, synthetic_texts(40, seed=1))
    refresh.refresh_themes(workspace, EMBEDDER)
    theme = _biggest(workspace)
    theme_edits.split_theme(workspace, theme, parts=2, embedder=EMBEDDER)
    rng = random.Random(3)
    words = ["parking", "garage", "spaces", "barrier", "entrance", "exit", "meter", "ticket"]
    parking = [("parking", f"the {' and '.join(rng.sample(words, 4))}") for _ in range(30)]
    _import(workspace, parking, start=10_000)
    report = refresh.refresh_themes(workspace, EMBEDDER)
    assert not report.kept_previous  # the case under test
    assert report.undo_closed == 1
    # The split's snapshot describes themes that are gone: nothing to undo, nothing lost.
    assert theme_queries.last_edit(workspace) is None
    assert theme_edits.undo_last_edit(workspace) is None
    assert _lost(workspace) == 0
    # An edit made after the refresh can be undone as ever.
    theme_edits.rename_theme(workspace, _biggest(workspace), "Na het vernieuwen")
    assert theme_queries.last_edit(workspace)["kind"] == "rename"
    assert theme_edits.undo_last_edit(workspace)["kind"] == "rename"


def test_a_refresh_that_keeps_the_themes_keeps_undo(workspace):
    _import(workspace, synthetic_texts(40, seed=1))
    refresh.refresh_themes(workspace, EMBEDDER)
    theme_edits.rename_theme(workspace, _biggest(workspace), "Bezorging")
    _import(workspace, synthetic_texts(4, seed=5), start=10_000)
    report = refresh.refresh_themes(workspace, EMBEDDER)
    assert report.kept_previous and report.undo_closed == 0
    assert theme_edits.undo_last_edit(workspace)["kind"] == "rename"
    assert _lost(workspace) == 0
