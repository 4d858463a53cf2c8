"""The theme edits and assignment the pages trigger, as one-line calls into the engine.

The one place in ``dashboard/`` that knows the call signatures of ``workspace/themes.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dashboard import state
from workspace import themes
from workspace.db import Workspace


def rename(ws: Workspace, theme_id: int, name: str) -> None:
    themes.rename_theme(ws, int(theme_id), name)


def merge(ws: Workspace, theme_ids: list[int], into: int) -> None:
    themes.merge_themes(ws, [int(i) for i in theme_ids], int(into))


def split(ws: Workspace, theme_id: int) -> None:
    themes.split_theme(ws, int(theme_id), embedder=_embedder(ws))


def move(ws: Workspace, item_id: str, theme_id: int) -> None:
    themes.move_item(ws, item_id, int(theme_id))


def new_theme_from(ws: Workspace, item_ids: list[str], name: str) -> None:
    themes.create_theme(ws, list(item_ids), name, embedder=_embedder(ws))


def undo(ws: Workspace) -> None:
    themes.undo_last_edit(ws)


def _embedder(ws: Workspace) -> Any:
    """The workspace's embedder, built once per server process: its model loads once."""
    return state.embedder(themes.workspace_embedder_name(ws))


def assign_new(
    ws: Workspace, progress: Callable[[str, float], None] | None = None
) -> themes.AssignReport:
    """Embed new items and place them in themes (the step after every upload)."""
    return themes.assign_new_items(ws, _embedder(ws), progress=progress)


def refresh(
    ws: Workspace, progress: Callable[[str, float], None] | None = None
) -> themes.RefreshReport:
    """Re-cluster every item; the current themes stay unless the new ones fit clearly better."""
    return themes.refresh_themes(ws, _embedder(ws), progress=progress)
