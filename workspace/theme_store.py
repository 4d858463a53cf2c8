"""The theme store: the only reader and writer of themes, assignments, lineage and edits.

Tables (``workspace/db.py``): ``themes`` (one row per theme id, any status: ``active``,
``proposed``, ``merged``, ``split``, ``retired``), ``assignments`` (an item's theme and how
it got there: ``cluster``, ``nearest``, ``proposed``, ``manual``, ``split``, ``unsorted``),
``theme_lineage`` (``split_from`` / ``merged_into``), ``edits`` (manager edits with the
rows they replaced), ``item_sentiment``. Theme and edit ids come from the sequences
``theme_ids`` and ``edit_ids``, so two sessions never hand out the same id. The edits log
and undo are the store's too, in :mod:`workspace.edit_log`.

Functions taking ``con`` run inside the caller's transaction (``ws.transaction()``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from analysis.embedders import l2_normalize
from analysis.refresh_plan import DEFAULT_ASSIGN_THRESHOLD, THEME_COLUMNS, RefreshPlan
from ingest.errors import WorkspaceError
from ingest.messages import MESSAGES
from ingest.messages import message as say
from workspace.db import Workspace

Con = Any  # a DuckDB connection inside a transaction
_SELECT_THEME = ", ".join(
    c if c != "centroid" else "CAST(centroid AS FLOAT[])" for c in THEME_COLUMNS
)


# -- ids and settings ------------------------------------------------------------------------
def new_theme_ids(con: Con, n: int) -> list[int]:
    """``n`` fresh theme ids from the ``theme_ids`` sequence."""
    if n <= 0:
        return []
    first = int(con.execute("SELECT nextval('theme_ids')").fetchone()[0])
    # Themes stored with explicit ids (save_themes) may be ahead of the sequence: skip them.
    highest = int(con.execute("SELECT coalesce(max(theme_id), 0) FROM themes").fetchone()[0])
    if first <= highest:
        con.execute("SELECT max(nextval('theme_ids')) FROM range(?)", [highest - first]).fetchall()
        first = int(con.execute("SELECT nextval('theme_ids')").fetchone()[0])
    rest = con.execute("SELECT nextval('theme_ids') FROM range(?)", [int(n) - 1]).fetchall()
    return [first, *(int(r[0]) for r in rest)]


def assign_threshold(ws: Workspace, model_id: str) -> float:
    """The similarity a new item needs to join a theme (set by the last refresh in this space)."""
    value = ws.get_setting(f"assign_min_similarity:{model_id}")
    return float(value) if value else DEFAULT_ASSIGN_THRESHOLD


def placement_threshold(ws: Workspace) -> float:
    """The similarity an item needs to join a theme now: :func:`assign_threshold` of the
    current themes' vector space.

    The one rule for "close enough": automatic placement places by it and the Unsorted
    inbox suggests a theme only from it.
    """
    model_id = ws.scalar(
        "SELECT min(model_id) FROM themes WHERE status IN ('active', 'proposed') "
        "AND centroid IS NOT NULL"
    )
    return assign_threshold(ws, str(model_id)) if model_id else DEFAULT_ASSIGN_THRESHOLD


def _set_assign_threshold(ws: Workspace, con: Con, model_id: str, value: float) -> None:
    ws.set_setting(f"assign_min_similarity:{model_id}", f"{value:.6f}", con)


# -- reads ---------------------------------------------------------------------------------
def registry(ws: Workspace, model_id: str) -> pd.DataFrame:
    """Themes with a centroid in this model's space (active, proposed and merged)."""
    return ws.query_df(
        "SELECT * FROM themes WHERE centroid IS NOT NULL AND model_id = ? "
        "AND status IN ('active', 'proposed', 'merged') ORDER BY theme_id",
        [model_id],
    )


def current_themes(ws: Workspace, model_id: str) -> pd.DataFrame:
    """Active and proposed themes of this vector space (what new items may join)."""
    frame = registry(ws, model_id)
    return frame[frame["status"].isin(["active", "proposed"])].reset_index(drop=True)


def assignments(ws: Workspace) -> pd.DataFrame:
    """Every assignment: ``item_id``, ``theme_id`` (NA: unsorted), ``similarity``, ``method``."""
    return ws.query_df("SELECT item_id, theme_id, similarity, method FROM assignments")


def unplaced_item_ids(ws: Workspace) -> list[str]:
    """Items with no assignment, and unsorted items not put there by hand."""
    frame = ws.query_df(
        "SELECT i.id FROM items i LEFT JOIN assignments a ON a.item_id = i.id "
        "WHERE a.item_id IS NULL OR (a.theme_id IS NULL AND a.method <> 'manual') ORDER BY i.id"
    )
    return frame["id"].astype(str).tolist()


def manual_placements(con: Con) -> dict[str, int | None]:
    """Items placed by hand: item id -> theme id (None: put in unsorted by hand)."""
    rows = con.execute(
        "SELECT item_id, theme_id FROM assignments WHERE method = 'manual'"
    ).fetchall()
    return {str(item): None if theme is None else int(theme) for item, theme in rows}


def theme_status(ws: Workspace, theme_id: int) -> str | None:
    value = ws.scalar("SELECT status FROM themes WHERE theme_id = ?", [int(theme_id)])
    return None if value is None else str(value)


def require_theme(
    ws: Workspace, theme_id: int, statuses: Sequence[str] = ("active", "proposed")
) -> None:
    """Raises WorkspaceError unless the theme exists with one of these statuses."""
    status = theme_status(ws, theme_id)
    if status is None or status not in statuses:
        if status is None:
            raise WorkspaceError(say("workspace.theme_unknown", theme_id=int(theme_id)))
        known = f"workspace.status.{status}" in MESSAGES
        named = say(f"workspace.status.{status}") if known else status
        raise WorkspaceError(
            say("workspace.theme_not_active", theme_id=int(theme_id), status=named)
        )


def merged_targets(
    ws: Workspace, merged_ids: Iterable[int], depth: int = 10
) -> dict[int, int | None]:
    """Each merged theme's active theme, following ``merged_into`` lineage (None: gone)."""
    status = dict(ws.query_df("SELECT theme_id, status FROM themes").itertuples(index=False))
    into = dict(
        ws.query_df(
            "SELECT theme_id, arg_max(related_id, recorded_at) AS related_id FROM theme_lineage "
            "WHERE kind = 'merged_into' GROUP BY theme_id"
        ).itertuples(index=False)
    )
    out: dict[int, int | None] = {}
    for start in merged_ids:
        theme: int | None = int(start)
        for _ in range(depth):
            if theme is None or status.get(theme) is None or status[theme] == "active":
                break
            theme = int(into[theme]) if theme in into else None
        out[int(start)] = theme if theme is not None and status.get(theme) == "active" else None
    return out


def members(con: Con, theme_ids: Sequence[int]) -> list[str]:
    """Ids of the items assigned to these themes."""
    ids = [int(t) for t in theme_ids]
    if not ids:
        return []
    rows = con.execute(
        f"SELECT item_id FROM assignments WHERE theme_id IN ({', '.join('?' * len(ids))}) "
        "ORDER BY item_id",
        ids,
    ).fetchall()
    return [str(r[0]) for r in rows]


def themes_of(con: Con, item_ids: Sequence[str]) -> list[int]:
    """The distinct themes these items are assigned to."""
    ids = [str(i) for i in item_ids]
    if not ids:
        return []
    rows = con.execute(
        f"SELECT DISTINCT theme_id FROM assignments WHERE item_id IN ({', '.join('?' * len(ids))}) "
        "AND theme_id IS NOT NULL ORDER BY theme_id",
        ids,
    ).fetchall()
    return [int(r[0]) for r in rows]


# -- writes --------------------------------------------------------------------------------
def set_manager_name(con: Con, theme_id: int, name: str) -> None:
    con.execute(
        "UPDATE themes SET manager_name = ?, updated_at = now() WHERE theme_id = ?",
        [name, int(theme_id)],
    )


def set_status(con: Con, theme_ids: Sequence[int], status: str) -> None:
    """Mark themes ``merged`` / ``split`` / ``retired`` (size 0) or ``active``."""
    ids = [int(t) for t in theme_ids]
    if ids:
        con.execute(
            f"UPDATE themes SET status = ?, size = CASE WHEN ? IN ('active', 'proposed') "
            f"THEN size ELSE 0 END, updated_at = now() WHERE theme_id IN ({', '.join('?' * len(ids))})",
            [status, status, *ids],
        )


def reassign(con: Con, from_ids: Sequence[int], to_id: int) -> None:
    """Every item of ``from_ids`` into ``to_id`` (method and similarity kept)."""
    ids = [int(t) for t in from_ids]
    if ids:
        con.execute(
            f"UPDATE assignments SET theme_id = ? WHERE theme_id IN ({', '.join('?' * len(ids))})",
            [int(to_id), *ids],
        )


def reassign_items(
    con: Con, item_ids: Sequence[str], theme_ids: Sequence[int], method: str
) -> None:
    """Items into new themes (similarity kept), e.g. the parts of a split."""
    moved = pd.DataFrame(
        {"item_id": [str(i) for i in item_ids], "theme_id": [int(t) for t in theme_ids]}
    )
    con.register("store_moved", moved)
    con.execute(
        "UPDATE assignments SET theme_id = store_moved.theme_id, method = ? FROM store_moved "
        "WHERE assignments.item_id = store_moved.item_id",
        [method],
    )
    con.unregister("store_moved")


def insert_themes(con: Con, themes: pd.DataFrame) -> None:
    """Add theme rows (:data:`THEME_COLUMNS`; ids not yet in the table)."""
    if themes.empty:
        return
    con.register("store_new_themes", themes[THEME_COLUMNS])
    con.execute(
        f"INSERT INTO themes ({', '.join(THEME_COLUMNS)}) SELECT {_SELECT_THEME} "
        "FROM store_new_themes"
    )
    con.unregister("store_new_themes")


def _replace_active_themes(con: Con, themes: pd.DataFrame) -> None:
    """Upsert these themes as the active ones; earlier active/proposed themes retire."""
    ids = [int(t) for t in themes["theme_id"]]
    placeholders = ", ".join("?" * len(ids)) or "NULL"
    con.execute(
        f"UPDATE themes SET status = 'retired', size = 0, updated_at = now() "
        f"WHERE status IN ('active', 'proposed') AND theme_id NOT IN ({placeholders})",
        ids,
    )
    if ids:
        # The theme tree's columns are not part of a theme row: a kept theme keeps its top
        # theme and the manager's choice of it (workspace/theme_tree.py owns them).
        tree = con.execute(
            f"SELECT theme_id, top_id, top_locked FROM themes WHERE theme_id IN ({placeholders})",
            ids,
        ).fetchall()
        con.execute(f"DELETE FROM themes WHERE theme_id IN ({placeholders})", ids)
        insert_themes(con, themes)
        for theme_id, top_id, locked in tree:
            con.execute(
                "UPDATE themes SET top_id = ?, top_locked = ? WHERE theme_id = ?",
                [top_id, bool(locked), theme_id],
            )


def put_assignments(con: Con, frame: pd.DataFrame, *, replace: bool = True) -> None:
    """Insert or replace assignments (``item_id``, ``theme_id``, ``similarity``, ``method``).

    Args:
        replace: False when the table holds none of these items (a refresh empties it
            first): a plain insert skips the key check per row (100k rows: commit 4.5 s ->
            0.5 s).
    """
    if frame.empty:
        return
    out = pd.DataFrame(
        {
            "item_id": frame["item_id"].astype(str),
            "theme_id": pd.array(
                [
                    None if t is None or pd.isna(t) or int(t) < 0 else int(t)
                    for t in frame["theme_id"]
                ],
                dtype="Int64",
            ),
            "similarity": pd.to_numeric(frame.get("similarity", np.nan), errors="coerce"),
            "method": frame["method"].astype(str) if "method" in frame else "manual",
        }
    )
    con.register("store_assignments", out)
    con.execute(
        f"INSERT {'OR REPLACE ' if replace else ''}INTO assignments "
        "SELECT item_id, theme_id, similarity, method FROM store_assignments"
    )
    con.unregister("store_assignments")


def put_sentiment(con: Con, frame: pd.DataFrame, *, replace: bool = True) -> None:
    """Insert or replace item sentiment (``item_id``, ``sentiment``, ``source``).

    Args:
        replace: False when the table holds none of these items (see :func:`put_assignments`).
    """
    if frame.empty:
        return
    con.register("store_sentiment", frame[["item_id", "sentiment", "source"]])
    con.execute(
        f"INSERT {'OR REPLACE ' if replace else ''}INTO item_sentiment "
        "SELECT item_id, sentiment, source FROM store_sentiment"
    )
    con.unregister("store_sentiment")


def record_lineage(con: Con, kind: str, pairs: Iterable[tuple[int, int]]) -> None:
    """Lineage rows ``(theme_id, related_id, kind, now)``: ``split_from`` / ``merged_into``."""
    now = datetime.now(UTC)
    rows = [[int(theme), int(related), kind, now] for theme, related in pairs]
    if rows:
        con.executemany("INSERT INTO theme_lineage VALUES (?, ?, ?, ?)", rows)


def recompute_sizes(con: Con, theme_ids: Iterable[int] | None = None) -> None:
    """Sizes of active/proposed themes from their assignments (all of them by default)."""
    ids = None if theme_ids is None else [int(t) for t in theme_ids]
    if ids == []:
        return
    where = "" if ids is None else f"AND theme_id IN ({', '.join('?' * len(ids))})"
    con.execute(
        "UPDATE themes SET size = (SELECT count(*) FROM assignments a "
        f"WHERE a.theme_id = themes.theme_id) WHERE status IN ('active', 'proposed') {where}",
        ids or [],
    )


def recompute_similarities(con: Con, theme_ids: Sequence[int]) -> None:
    """Each member's ``similarity`` to the current centre of its theme, for these themes.

    The stored figure is how typical an item is of the theme it is in (the theme page and the
    weekly summary quote the closest first), so an edit that moves a centre or brings items
    from elsewhere (merge, split, a theme made from chosen items) measures them again; they
    kept their closeness to the theme they came from, and a merged theme quoted its least
    typical items first. A member without a cached vector in the theme's space gets none
    (quoted last); a theme without a centre is left as it is."""
    ids = [int(t) for t in theme_ids]
    if not ids:
        return
    con.execute(
        f"""
        UPDATE assignments SET similarity = measured.similarity
        FROM (
            SELECT a.item_id, list_cosine_similarity(e.vector, t.centroid) AS similarity
            FROM assignments a
            JOIN items i ON i.id = a.item_id
            JOIN themes t ON t.theme_id = a.theme_id AND t.centroid IS NOT NULL
            LEFT JOIN embeddings e ON e.text_hash = i.text_hash AND e.model_id = t.model_id
            WHERE a.theme_id IN ({", ".join("?" * len(ids))})
        ) measured
        WHERE assignments.item_id = measured.item_id
        """,
        ids,
    )


def recompute_theme(con: Con, theme_id: int) -> None:
    """Size and centroid of a theme from its current members' cached vectors, and their
    similarity to it (:func:`recompute_similarities`)."""
    recompute_sizes(con, [theme_id])
    model_id = con.execute("SELECT model_id FROM themes WHERE theme_id = ?", [theme_id]).fetchone()
    if not model_id:
        return
    vectors = con.execute(
        "SELECT e.vector FROM assignments a JOIN items i ON i.id = a.item_id "
        "JOIN embeddings e ON e.text_hash = i.text_hash AND e.model_id = ? WHERE a.theme_id = ?",
        [model_id[0], theme_id],
    ).fetchall()
    if vectors:
        centroid = l2_normalize(
            np.asarray([v[0] for v in vectors], dtype=np.float32).mean(axis=0, keepdims=True)
        )[0]
        con.execute(
            "UPDATE themes SET centroid = ? WHERE theme_id = ?", [centroid.tolist(), theme_id]
        )
        recompute_similarities(con, [theme_id])


def save_refresh(ws: Workspace, con: Con, plan: RefreshPlan, star_sentiment: pd.DataFrame) -> None:
    """Write a refresh plan (with real ids): themes, every assignment, sentiment, lineage."""
    _replace_active_themes(con, plan.themes)
    con.execute("DELETE FROM assignments")
    put_assignments(
        con,
        pd.DataFrame(
            {
                "item_id": plan.item_ids,
                "theme_id": plan.theme_ids,
                "similarity": plan.similarities,
                "method": plan.methods.astype(str),
            }
        ),
        replace=False,
    )
    sentiments = pd.concat(
        [
            pd.DataFrame(
                {
                    "item_id": plan.item_ids,
                    "sentiment": plan.sentiment,
                    "source": plan.sentiment_source,
                }
            ),
            star_sentiment,
        ],
        ignore_index=True,
    ).drop_duplicates("item_id")
    con.execute("DELETE FROM item_sentiment")
    put_sentiment(con, sentiments, replace=False)
    record_lineage(con, "split_from", plan.split_from.items())
    record_lineage(con, "merged_into", plan.merged_into.items())
    _set_assign_threshold(ws, con, plan.model_id, plan.assign_threshold)
    ws.set_setting("themes_model_id", plan.model_id, con)


# -- fixtures and tools: whole tables in one call ---------------------------------------------
def save_themes(
    ws: Workspace,
    themes: pd.DataFrame,
    assigned: pd.DataFrame | None = None,
    sentiment: pd.DataFrame | None = None,
) -> None:
    """Store theme rows (missing columns get defaults), their assignments and item sentiment.

    For tests, benchmarks and imports of a theme set made elsewhere. Sizes are recomputed.
    """
    now = datetime.now(UTC)
    defaults: dict[str, Any] = {
        "label": "",
        "label_nl": "",
        "label_en": "",
        "manager_name": "",
        "keywords": "[]",
        "keywords_nl": "[]",
        "keywords_en": "[]",
        "quotes": "[]",
        "centroid": None,
        "size": 0,
        "status": "active",
        "parent_ids": "[]",
        "created_at": now,
        "updated_at": now,
        "model_id": "",
    }
    frame = themes.copy()
    for column, value in defaults.items():
        if column not in frame:
            frame[column] = [value] * len(frame)
    with ws.transaction() as con:
        insert_themes(con, frame)
        if assigned is not None:
            put_assignments(con, assigned)
        if sentiment is not None:
            put_sentiment(con, sentiment)
        recompute_sizes(con)
        ws.bump_data_version(con)
