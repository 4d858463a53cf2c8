"""Manager edits of themes: rename, merge, split, move an item, create a theme, undo.

Each edit is one transaction that first snapshots the rows it will change (the theme store's
:func:`~workspace.theme_edit_log.snapshot`) and logs it, so :func:`undo_last_edit` restores any
edit the same way. Later refreshes respect edits: moved items stay where the manager put
them, merged themes stay merged and renamed themes keep their names.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.clustering import ThemeClusterer
from analysis.embedders import Embedder
from analysis.refresh_plan import cluster_items, theme_rows
from ingest.errors import WorkspaceError
from ingest.messages import message as say
from workspace import edit_log
from workspace import theme_store as store
from workspace.db import Workspace
from workspace.edit_log import undo_last_edit
from workspace.theme_tree import attach_orphans, check_name, inherit_top
from workspace.vectors import check_embedder, ensure_vectors, text_items, workspace_embedder

__all__ = [
    "create_theme",
    "merge_themes",
    "move_item",
    "rename_theme",
    "split_theme",
    "undo_last_edit",
]


def rename_theme(ws: Workspace, theme_id: int, name: str) -> int:
    """Give a theme the manager's own name (kept across refreshes). Returns the edit id.

    Raises:
        WorkspaceError: the name is empty or another theme's
            (:func:`workspace.theme_tree.check_name`).
    """
    store.require_theme(ws, theme_id)
    with ws.transaction() as con:
        name = check_name(con, "theme", theme_id, name)
        before = edit_log.snapshot(con, [theme_id])
        store.set_manager_name(con, int(theme_id), name)
        edit_id = edit_log.log_edit(
            con, "rename", {"theme_id": int(theme_id), "name": name}, before
        )
        ws.bump_data_version(con)
    return edit_id


def merge_themes(ws: Workspace, source_ids: Sequence[int], target_id: int) -> int:
    """Merge themes into ``target_id``; later refreshes send their subjects there too."""
    target = int(target_id)
    sources = [int(s) for s in source_ids if int(s) != target]
    if not sources:
        raise WorkspaceError(say("workspace.merge_needs_other"))
    for theme in [*sources, target]:
        store.require_theme(ws, theme)
    with ws.transaction() as con:
        before = edit_log.snapshot(con, [*sources, target], store.members(con, sources))
        store.reassign(con, sources, target)
        store.set_status(con, sources, "merged")
        store.recompute_theme(con, target)
        store.record_lineage(con, "merged_into", [(source, target) for source in sources])
        edit_id = edit_log.log_edit(
            con, "merge", {"source_ids": sources, "target_id": target}, before
        )
        ws.bump_data_version(con)
    return edit_id


def split_theme(
    ws: Workspace,
    theme_id: int,
    parts: int | None = None,
    embedder: Embedder | None = None,
    random_state: int = 0,
) -> tuple[int, list[int]]:
    """Re-cluster one theme into parts (``parts=None``: the number comes from the data).

    Args:
        embedder: default: the workspace's (:func:`workspace.vectors.workspace_embedder`).

    Returns:
        ``(edit id, new theme ids)``.
    """
    store.require_theme(ws, theme_id)
    embedder = check_embedder(ws, embedder or workspace_embedder(ws))
    with ws.cursor() as cur:
        members = store.members(cur, [int(theme_id)])
    items = text_items(ws, "i.id IN (SELECT unnest(?))", [members])
    if len(items) < 4:
        raise WorkspaceError(say("workspace.split_too_small", theme_id=theme_id, n=len(items)))
    vectors, _, _ = ensure_vectors(ws, embedder, items)
    clusterer = ThemeClusterer(
        min_themes=parts or 2,
        max_themes=parts or min(8, max(2, len(items) // 5)),
        min_theme_size=2,
        max_unsorted=0.0,
        random_state=random_state,
    )
    labels, _ = cluster_items(items, vectors, clusterer, random_state)
    clusters = sorted({int(c) for c in labels if c >= 0})
    if len(clusters) < 2:
        raise WorkspaceError(say("workspace.split_one_group", theme_id=theme_id))
    item_ids = items["id"].astype(str).tolist()
    with ws.transaction() as con:
        new_ids = store.new_theme_ids(con, len(clusters))
        to_id = dict(zip(clusters, new_ids, strict=True))
        # The clusterer runs with max_unsorted=0; should an item still come back unsorted,
        # it goes with the first part rather than out of the theme.
        ids = np.array([to_id.get(int(c), new_ids[0]) for c in labels])
        frame = theme_rows(
            items, vectors, ids, embedder.model_id, split_from=dict.fromkeys(new_ids, int(theme_id))
        )
        before = edit_log.snapshot(con, [int(theme_id), *new_ids], item_ids)
        store.insert_themes(con, frame)
        store.reassign_items(con, item_ids, ids.tolist(), "split")
        store.recompute_similarities(con, new_ids)  # to their part's centre, not the old one
        store.set_status(con, [int(theme_id)], "split")
        store.record_lineage(con, "split_from", [(new, int(theme_id)) for new in new_ids])
        inherit_top(con, int(theme_id), new_ids)
        edit_id = edit_log.log_edit(
            con, "split", {"theme_id": int(theme_id), "new_ids": new_ids}, before
        )
        ws.bump_data_version(con)
    return edit_id, new_ids


def move_item(ws: Workspace, item_id: str, theme_id: int | None) -> int:
    """Put one item in a theme by hand (``None``: unsorted); refreshes keep it there."""
    if theme_id is not None:
        store.require_theme(ws, theme_id)
    with ws.transaction() as con:
        affected = sorted(
            {*store.themes_of(con, [item_id]), *([] if theme_id is None else [int(theme_id)])}
        )
        # Theme rows are not part of a move (a later refresh may relabel them); undo
        # restores the assignment and recomputes sizes.
        before = edit_log.snapshot(con, [], [item_id])
        store.put_assignments(
            con,
            pd.DataFrame(
                {
                    "item_id": [item_id],
                    "theme_id": [theme_id],
                    "similarity": [np.nan],
                    "method": ["manual"],
                }
            ),
        )
        store.recompute_sizes(con, affected)
        edit_id = edit_log.log_edit(con, "move", {"item_id": item_id, "theme_id": theme_id}, before)
        ws.bump_data_version(con)
    return edit_id


def create_theme(
    ws: Workspace, item_ids: Sequence[str], name: str, embedder: Embedder | None = None
) -> tuple[int, int]:
    """Make a new theme, named by the manager, from chosen items (e.g. from the unsorted inbox).

    Refreshes keep the items there (method ``manual``) and the name; undo removes the theme
    and puts the items back where they were.

    Returns:
        ``(edit id, new theme id)``.

    Raises:
        WorkspaceError: no name, another theme's name, or none of the ids is a text item in
            the workspace.
    """
    if not name.strip():
        raise WorkspaceError(say("workspace.new_theme_no_name"))
    wanted = [str(i) for i in dict.fromkeys(item_ids)]
    items = text_items(ws, "i.id IN (SELECT unnest(?))", [wanted])
    if items.empty:
        raise WorkspaceError(say("workspace.new_theme_no_items", n=len(wanted)))
    embedder = check_embedder(ws, embedder or workspace_embedder(ws))
    vectors, _, _ = ensure_vectors(ws, embedder, items)
    ids = items["id"].astype(str).tolist()
    with ws.transaction() as con:
        name = check_name(con, "theme", -1, name)
        (new_id,) = store.new_theme_ids(con, 1)
        frame = theme_rows(items, vectors, np.full(len(items), new_id), embedder.model_id)
        frame["manager_name"] = name
        previous = store.themes_of(con, ids)
        before = edit_log.snapshot(con, [*previous, new_id], ids)
        store.insert_themes(con, frame)
        store.put_assignments(
            con,
            pd.DataFrame(
                {"item_id": ids, "theme_id": new_id, "similarity": np.nan, "method": "manual"}
            ),
        )
        store.recompute_similarities(con, [new_id])
        for theme in previous:
            store.recompute_theme(con, theme)
        attached = attach_orphans(con)
        if attached.created_top is not None:  # undo removes it with the theme
            before = edit_log.with_created_tops(before, [attached.created_top])
        edit_id = edit_log.log_edit(con, "create", {"item_ids": ids, "name": name}, before)
        ws.bump_data_version(con)
    return edit_id, new_id
