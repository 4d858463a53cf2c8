"""Themes new between regroupings: an opinion theme joins "General opinion", a subject theme
its nearest subject top theme (``workspace.theme_tree.attach_orphans``), end to end through
the workspace's use cases on a DuckDB file."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.embedders import TfidfEmbedder, l2_normalize
from analysis.opinion_only import OPINION_TOP_NAMES
from tests.analysis.conftest import make_records, synthetic_texts
from workspace import placement, refresh, theme_edits, theme_tree
from workspace.db import Workspace
from workspace.edit_log import undo_last_edit
from workspace.imports import import_records

EMBEDDER = TfidfEmbedder()
# Opinion reviews the first refresh sees: they make the "General opinion" top theme.
OPINIONS = ["Good", "Great app!", "Love it", "Super app", "Heel goed", "Top!", "Prima!"]
# A new opinion between regroupings, unlike any theme (so its items make a proposal) and
# nearest the "staff" subject ("friendly helpful employee"): the known gap put it there.
NEW_OPINION = [
    ("opinion", ["Helpful", "Very helpful", "So helpful", "Helpful!"][i % 4] + "!" * (i // 4))
    for i in range(15)
]
NEW_SUBJECT = [
    ("new", f"loyalty points voucher saldo spaarpunten {i} punten bonus") for i in range(15)
]


@pytest.fixture
def workspace(workspace_path):
    with Workspace.open(workspace_path) as ws:
        ws.set_setting("embedder", "tfidf")
        yield ws


def _refreshed(ws: Workspace, with_opinions: bool = True) -> Workspace:
    pairs = synthetic_texts(40)
    if with_opinions:
        pairs += [("opinion", OPINIONS[i % len(OPINIONS)] + "!" * (i // 7)) for i in range(84)]
    import_records(ws, make_records(pairs), file_name="batch0")
    refresh.refresh_themes(ws, EMBEDDER)
    return ws


def _import(ws: Workspace, pairs, start: int) -> list[int]:
    """Import ``pairs`` and place them as an import does; the proposed theme ids."""
    import_records(ws, make_records(pairs, start), file_name=f"batch{start}")
    return placement.assign_new_items(ws, EMBEDDER, min_new_theme_size=10).proposed_themes


def _opinion_tops(ws: Workspace) -> list[int]:
    frame = ws.query_df(
        "SELECT top_id FROM top_themes WHERE status = 'active' AND kind = 'opinion'"
    )
    return [int(t) for t in frame["top_id"]]


def _shown_general_opinion(ws: Workspace) -> int:
    """The top theme a manager reads as "General opinion" (found by its shown name, not by
    the stored mark, so the test reads the same before and after the mark existed)."""
    (top,) = {
        top["top_id"]
        for top in theme_tree.tree_summary(ws)
        if top["label"] == OPINION_TOP_NAMES["en"]
    }
    return int(top)


def _top_of(ws: Workspace, theme_id: int) -> int:
    return int(ws.scalar("SELECT top_id FROM themes WHERE theme_id = ?", [theme_id]))


def _nearest_top(ws: Workspace, theme_id: int, *, subjects_only: bool = True) -> int:
    """The top theme with the centre nearest the theme's (of the subjects' only, or all)."""
    tops = ws.query_df(
        "SELECT top_id, centroid FROM top_themes WHERE status = 'active' "
        + ("AND kind <> 'opinion'" if subjects_only else "")
    )
    centre = np.asarray(
        ws.scalar("SELECT centroid FROM themes WHERE theme_id = ?", [theme_id]), dtype=float
    )
    sims = l2_normalize(np.stack(tops["centroid"].map(np.asarray))) @ l2_normalize(centre[None])[0]
    return int(tops["top_id"].iloc[int(np.argmax(sims))])


def test_the_regrouping_marks_its_opinion_top_theme(workspace):
    _refreshed(workspace)
    (opinion_top,) = _opinion_tops(workspace)
    names = workspace.query_df(
        "SELECT label_en, label_nl FROM top_themes WHERE top_id = ?", [opinion_top]
    ).iloc[0]
    assert (names["label_en"], names["label_nl"]) == (
        OPINION_TOP_NAMES["en"],
        OPINION_TOP_NAMES["nl"],
    )


def test_a_proposed_opinion_theme_joins_general_opinion_and_a_subject_its_nearest_top(workspace):
    _refreshed(workspace)
    opinion_top = _shown_general_opinion(workspace)
    (opinion_theme,) = _import(workspace, NEW_OPINION, start=5000)
    (subject_theme,) = _import(workspace, NEW_SUBJECT, start=6000)
    # By centre it lies nearest a subject's top theme ("staff"), where the old code put it.
    assert _nearest_top(workspace, opinion_theme, subjects_only=False) != opinion_top
    assert _top_of(workspace, opinion_theme) == opinion_top
    assert _top_of(workspace, subject_theme) == _nearest_top(workspace, subject_theme)
    assert _top_of(workspace, subject_theme) != opinion_top
    # Every screen reads it there.
    tree = {
        t["theme_id"]: top["label"]
        for top in theme_tree.tree_summary(workspace, lang="nl")
        for t in top["themes"]
    }
    assert tree[opinion_theme] == OPINION_TOP_NAMES["nl"]
    # A refresh that keeps the themes keeps them there.
    report = refresh.refresh_themes(workspace, EMBEDDER)
    assert report.kept_previous
    assert _top_of(workspace, opinion_theme) == opinion_top
    assert _top_of(workspace, subject_theme) != opinion_top


def test_a_keep_refresh_attaches_a_theme_without_a_top_theme_by_the_same_rule(workspace):
    _refreshed(workspace)
    (opinion_top,) = _opinion_tops(workspace)
    (opinion_theme,) = _import(workspace, NEW_OPINION, start=5000)
    (subject_theme,) = _import(workspace, NEW_SUBJECT, start=6000)
    with workspace.transaction() as con:  # themes whose top theme went away
        con.execute(
            "UPDATE themes SET top_id = NULL WHERE theme_id IN (?, ?)",
            [opinion_theme, subject_theme],
        )
    report = refresh.refresh_themes(workspace, EMBEDDER)
    assert report.kept_previous
    assert _top_of(workspace, opinion_theme) == opinion_top
    assert _top_of(workspace, subject_theme) == _nearest_top(workspace, subject_theme)


def test_without_an_opinion_top_theme_one_is_made_with_its_fixed_names(workspace):
    _refreshed(workspace, with_opinions=False)
    assert not _opinion_tops(workspace)
    subject_tops = set(theme_tree.theme_top_ids(workspace).values())
    (opinion_theme,) = _import(workspace, NEW_OPINION, start=5000)
    (made,) = _opinion_tops(workspace)
    assert made not in subject_tops and _top_of(workspace, opinion_theme) == made
    row = workspace.query_df("SELECT * FROM top_themes WHERE top_id = ?", [made]).iloc[0]
    assert (row["label"], row["label_nl"], row["label_en"]) == (
        OPINION_TOP_NAMES["en"],
        OPINION_TOP_NAMES["nl"],
        OPINION_TOP_NAMES["en"],
    )
    assert row["model_id"] == EMBEDDER.model_id and len(row["centroid"]) == EMBEDDER.dim
    # The next opinion theme joins it; a subject does not.
    (subject_theme,) = _import(workspace, NEW_SUBJECT, start=6000)
    assert _top_of(workspace, subject_theme) in subject_tops


def test_a_manager_move_out_of_general_opinion_stays(workspace):
    _refreshed(workspace)
    (opinion_top,) = _opinion_tops(workspace)
    (opinion_theme,) = _import(workspace, NEW_OPINION, start=5000)
    elsewhere = next(
        t for t in set(theme_tree.theme_top_ids(workspace).values()) if t != opinion_top
    )
    theme_tree.move_theme_to_top(workspace, opinion_theme, elsewhere)
    _import(workspace, NEW_SUBJECT, start=6000)  # attaches the new subject theme
    report = refresh.refresh_themes(workspace, EMBEDDER)
    assert report.kept_previous
    assert _top_of(workspace, opinion_theme) == elsewhere


def test_undoing_a_created_opinion_theme_removes_the_top_theme_made_for_it(workspace):
    _refreshed(workspace, with_opinions=False)
    ids = make_records(NEW_OPINION, 5000)
    import_records(workspace, ids, file_name="batch5000")
    tops_before = set(
        workspace.query_df("SELECT top_id FROM top_themes WHERE status = 'active'")["top_id"]
    )
    _, new_id = theme_edits.create_theme(workspace, [r.id for r in ids], "Lof", EMBEDDER)
    (made,) = _opinion_tops(workspace)
    assert made not in tops_before and _top_of(workspace, new_id) == made
    undo_last_edit(workspace)
    assert not _opinion_tops(workspace)
    assert not workspace.scalar("SELECT count(*) FROM top_themes WHERE top_id = ?", [made])


def test_a_workspace_from_before_the_mark_finds_its_opinion_top_theme(workspace_path):
    with Workspace.open(workspace_path) as ws:
        ws.set_setting("embedder", "tfidf")
        _refreshed(ws)
        (opinion_top,) = _opinion_tops(ws)
        with ws.transaction() as con:  # back to a schema-6 workspace
            con.execute("ALTER TABLE top_themes DROP COLUMN kind")
            con.execute("DELETE FROM schema_version WHERE version >= 7")
    with Workspace.open(workspace_path) as ws:
        assert _opinion_tops(ws) == [opinion_top]
        (opinion_theme,) = _import(ws, NEW_OPINION, start=5000)
        assert _top_of(ws, opinion_theme) == opinion_top


def test_after_general_opinion_is_merged_away_a_new_opinion_theme_gets_a_new_one(workspace):
    # As the next regrouping would: the manager's merge keeps the themes it moved.
    _refreshed(workspace)
    opinion_top = _shown_general_opinion(workspace)
    moved = [t for t, top in theme_tree.theme_top_ids(workspace).items() if top == opinion_top]
    target = next(t for t in set(theme_tree.theme_top_ids(workspace).values()) if t != opinion_top)
    theme_tree.merge_top_themes(workspace, [opinion_top], target)
    (opinion_theme,) = _import(workspace, NEW_OPINION, start=5000)
    (made,) = _opinion_tops(workspace)
    assert made not in (opinion_top, target) and _top_of(workspace, opinion_theme) == made
    assert all(_top_of(workspace, t) == target for t in moved)


@pytest.mark.parametrize("stored", [True, False], ids=["common-words-stored", "older-refresh"])
def test_a_new_opinion_theme_is_judged_with_the_refresh_s_common_words(workspace, stored):
    """The refresh keeps the workspace's common words, so a theme new between refreshes is
    judged on its own texts (not all of them again); a workspace refreshed before that
    reads them all, with the same answer."""
    _refreshed(workspace)
    common = workspace.get_json_setting(theme_tree.COMMON_WORDS_SETTING)
    assert isinstance(common, list)
    if not stored:
        with workspace.transaction() as con:
            con.execute("DELETE FROM settings WHERE key = ?", [theme_tree.COMMON_WORDS_SETTING])
    opinion_top = _shown_general_opinion(workspace)
    (opinion_theme,) = _import(workspace, NEW_OPINION, start=5000)
    (subject_theme,) = _import(workspace, NEW_SUBJECT, start=6000)
    assert _top_of(workspace, opinion_theme) == opinion_top
    assert _top_of(workspace, subject_theme) != opinion_top
