"""The theme engine's use cases, as far as they exist in this installation.

``workspace/themes.py`` is built alongside the dashboard; pages ask here for a function by
name and show a clear "not available yet" message when it is missing instead of crashing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def engine_function(name: str) -> Callable[..., Any] | None:
    """``workspace.themes.<name>`` when that module and function exist, else None."""
    try:
        module = importlib.import_module("workspace.themes")
    except ImportError:
        return None
    fn = getattr(module, name, None)
    return fn if callable(fn) else None


def available(*names: str) -> bool:
    return all(engine_function(n) is not None for n in names)


# Adapters: the one place that knows the engine's call signatures. Each returns False when the
# engine does not offer the operation yet (the page then says so).
def rename(ws: Any, theme_id: int, name: str) -> bool:
    fn = engine_function("rename_theme")
    if fn is None:
        return False
    fn(ws, int(theme_id), name)
    return True


def merge(ws: Any, theme_ids: list[int], into: int) -> bool:
    fn = engine_function("merge_themes")
    if fn is None:
        return False
    fn(ws, [int(i) for i in theme_ids], int(into))
    return True


def split(ws: Any, theme_id: int) -> bool:
    fn = engine_function("split_theme")
    if fn is None:
        return False
    fn(ws, int(theme_id))
    return True


def move(ws: Any, item_id: str, theme_id: int) -> bool:
    fn = engine_function("move_item")
    if fn is None:
        return False
    fn(ws, item_id, int(theme_id))
    return True


def new_theme_from(ws: Any, item_ids: list[str], name: str) -> bool:
    fn = engine_function("create_theme")
    if fn is None:
        return False
    fn(ws, list(item_ids), name)
    return True


def undo(ws: Any) -> bool:
    fn = engine_function("undo_last_edit")
    if fn is None:
        return False
    fn(ws)
    return True


def assign_new(ws: Any, progress: Callable[[str, float], None] | None = None) -> Any:
    """Embed new items and place them in themes (the step after every upload).

    Returns:
        The engine's report (``assigned``, ``unsorted``, ``proposed_themes``), or None when
        the engine does not offer this yet.
    """
    fn = engine_function("assign_new_items")
    if fn is None:
        return None
    return fn(ws, progress=progress)
