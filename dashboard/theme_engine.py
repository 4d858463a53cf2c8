"""The theme edits and assignment the pages trigger, as one-line calls into the engine.

The one place in ``dashboard/`` that knows the call signatures of the theme use cases
(``workspace/theme_edits.py``, ``workspace/theme_tree.py``, ``workspace/refresh.py``,
``workspace/intake.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dashboard import state
from workspace import theme_edits, theme_tree
from workspace.db import Workspace
from workspace.vectors import workspace_embedder_name

if TYPE_CHECKING:
    # Imported when called: the file readers under them cost the first visit of every page
    # with an edit button ~0.15 s, and only a refresh or an upload needs them.
    from workspace.imports import FileImport
    from workspace.intake import IntakeReport
    from workspace.refresh import RefreshReport


def rename(ws: Workspace, theme_id: int, name: str) -> None:
    theme_edits.rename_theme(ws, int(theme_id), name)


def merge(ws: Workspace, theme_ids: list[int], into: int) -> None:
    theme_edits.merge_themes(ws, [int(i) for i in theme_ids], int(into))


def split(ws: Workspace, theme_id: int) -> list[int]:
    """Split a theme in two by similarity (the button says "Split in two"); returns the
    parts' theme ids."""
    return theme_edits.split_theme(ws, int(theme_id), parts=2, embedder=embedder(ws))[1]


def checked_name(ws: Workspace, level: str, own_id: int, name: str) -> str:
    """The name as a rename would store it; raises the rename's error before it is asked
    for (:func:`workspace.theme_tree.check_name`)."""
    with ws.cursor() as cur:
        return theme_tree.check_name(cur, level, int(own_id), name)


def check_move(ws: Workspace, theme_id: int, top_id: int) -> None:
    """Raises the move's error before it is asked for (:func:`workspace.theme_tree.check_move`)."""
    with ws.cursor() as cur:
        theme_tree.check_move(cur, int(theme_id), int(top_id))


def move(ws: Workspace, item_id: str, theme_id: int) -> None:
    theme_edits.move_item(ws, item_id, int(theme_id))


def new_theme_from(ws: Workspace, item_ids: list[str], name: str) -> None:
    theme_edits.create_theme(ws, list(item_ids), name, embedder=embedder(ws))


def rename_top(ws: Workspace, top_id: int, name: str) -> None:
    theme_tree.rename_top_theme(ws, int(top_id), name)


def move_to_top(ws: Workspace, theme_id: int, top_id: int) -> None:
    theme_tree.move_theme_to_top(ws, int(theme_id), int(top_id))


def merge_tops(ws: Workspace, top_ids: list[int], into: int) -> None:
    theme_tree.merge_top_themes(ws, [int(i) for i in top_ids], int(into))


def undo(ws: Workspace) -> None:
    theme_edits.undo_last_edit(ws)


def embedder(ws: Workspace) -> Any:
    """The workspace's embedder, built once per server process per name: its model loads once."""
    return state.embedder(workspace_embedder_name(ws))


def refresh(ws: Workspace, progress: Callable[[str, float], None] | None = None) -> RefreshReport:
    """Re-cluster every item; the current themes stay unless the new ones fit clearly better."""
    from workspace.refresh import refresh_themes

    return refresh_themes(ws, embedder(ws), progress=progress)


def place(
    ws: Workspace,
    imports: list[FileImport],
    progress: Callable[[str, float], None] | None = None,
) -> IntakeReport:
    """Place the new items of these imports in themes and report per file (after an upload)."""
    from workspace.intake import place_imported

    return place_imported(ws, imports, embedder=embedder(ws), progress=progress)
